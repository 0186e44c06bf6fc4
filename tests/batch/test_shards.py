"""Input shards for distributed ingest (issue 7)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimscope.batch.shards import plan, read_shard
from claimscope.ingest import Failure, ReadOptions
from claimscope.model import Article


def _jsonl(path: Path, n: int, bad_line: int | None = None) -> Path:
    lines = [json.dumps({"id": f"r{i}", "text": f"Record {i} says the mayor said hello."})
             for i in range(1, n + 1)]
    if bad_line is not None:
        lines[bad_line - 1] = "{not json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("n", "size", "ranges"), [
    (10, 4, [(1, 4), (5, 8), (9, 10)]),
    (8, 4, [(1, 4), (5, 8)]),
    (3, 10, [(1, 3)]),
    (1, 1, [(1, 1)]),
])
def test_jsonl_is_cut_every_size_lines(tmp_path: Path, n: int, size: int,
                                       ranges: list[tuple[int, int]]) -> None:
    path = _jsonl(tmp_path / "in.jsonl", n)
    shards = plan([str(path)], size).shards
    assert [(s.first_line, s.first_line + s.count - 1) for s in shards] == ranges
    assert [s.id for s in shards] == [f"{path}:{a}-{b}" for a, b in ranges]
    ids = [a.id for s in shards for a in read_shard(s, ReadOptions())
           if isinstance(a, Article)]
    assert ids == [f"r{i}" for i in range(1, n + 1)]


def test_bad_lines_are_failures_with_their_line(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "in.jsonl", 6, bad_line=5)
    items = [i for s in plan([str(path)], 4).shards for i in read_shard(s, ReadOptions())]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [f.source_id for f in failures] == [f"{path}:5"]
    assert "invalid JSON" in failures[0].reason
    assert sum(isinstance(i, Article) for i in items) == 5


def test_files_are_grouped_and_missing_paths_listed(tmp_path: Path,
                                                    examples_dir: Path) -> None:
    planned = plan([str(examples_dir / "climate_summit.html"),
                    str(examples_dir / "harbor_bridge_scraped.txt"),
                    str(examples_dir / "sputnik_putin_cluster_munitions.txt"),
                    str(tmp_path / "missing.txt")], 2)
    assert [f.source_id for f in planned.failures] == [str(tmp_path / "missing.txt")]
    assert [len(s.paths) for s in planned.shards] == [2, 1]
    assert planned.shards[0].id.endswith("climate_summit.html (+1)")
    titles = [a.title for s in planned.shards for a in read_shard(s, ReadOptions())
              if isinstance(a, Article)]
    assert len(titles) == 3


def test_parquet_is_cut_by_row_group(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"id": f"p{i}", "text": f"Row {i}: the minister said it was fine."}
            for i in range(7)]
    path = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=3)
    shards = plan([str(path)], 100).shards
    assert [s.row_group for s in shards] == [0, 1, 2]
    found = [(a.id, a.source_id) for s in shards for a in read_shard(s, ReadOptions())
             if isinstance(a, Article)]
    assert found == [(f"p{i}", f"{path}#{i}") for i in range(7)]


def test_a_file_that_is_not_parquet_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "bad.parquet"
    path.write_text("no", encoding="utf-8")
    planned = plan([str(path)], 10)
    assert planned.shards == [] and "not a readable Parquet file" in planned.failures[0].reason

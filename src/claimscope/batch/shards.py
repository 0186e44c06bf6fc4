"""Input shards: a large input cut into pieces that workers read on their own.

A directory's files are grouped ``size`` at a time; a JSONL file is cut every ``size`` lines
(the planner records each piece's byte offset, so a worker seeks instead of reading the
file from the start); a Parquet file is cut by row group. Any other file is one shard.
A shard's id names its input and range, so it is the same in every run: a rerun skips the
shards already stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimscope.errors import InputError
from claimscope.ingest import (
    Failure,
    ReadOptions,
    expand_paths,
    iter_articles,
    records_to_articles,
)
from claimscope.model import Article


@dataclass(frozen=True)
class ShardSpec:
    """What one task reads: files, or a piece of one JSONL or Parquet file."""

    id: str
    kind: str  # files, jsonl, parquet
    paths: tuple[str, ...]
    offset: int = 0  # jsonl: byte offset of the first line
    first_line: int = 1  # jsonl: its line number (for source ids)
    count: int = 0  # jsonl: lines to read
    row_group: int = 0  # parquet


@dataclass
class Plan:
    shards: list[ShardSpec] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)  # inputs that do not exist


def plan(paths: Iterable[str], size: int) -> Plan:
    """Cut the inputs into shards of about ``size`` articles."""
    out = Plan()
    loose: list[str] = []
    for item in expand_paths(paths):
        if isinstance(item, Failure):
            out.failures.append(item)
        elif item.suffix.lower() in (".jsonl", ".ndjson"):
            out.shards.extend(_jsonl_shards(item, size))
        elif item.suffix.lower() == ".parquet":
            out.shards.extend(_parquet_shards(item, out.failures))
        else:
            loose.append(str(item))
    for lo in range(0, len(loose), size):
        group = tuple(loose[lo : lo + size])
        suffix = "" if len(group) == 1 else f" (+{len(group) - 1})"
        out.shards.append(ShardSpec(f"{group[0]}{suffix}", "files", group))
    return out


def _jsonl_shards(path: Path, size: int) -> Iterator[ShardSpec]:
    offset = start = count = 0
    first = 1
    with path.open("rb") as handle:
        for line in handle:
            if count == size:
                yield ShardSpec(f"{path}:{first}-{first + size - 1}", "jsonl", (str(path),),
                                start, first, size)
                start, first, count = offset, first + size, 0
            offset += len(line)
            count += 1
    if count:
        yield ShardSpec(f"{path}:{first}-{first + count - 1}", "jsonl", (str(path),), start,
                        first, count)


def _parquet_shards(path: Path, failures: list[Failure]) -> Iterator[ShardSpec]:
    import pyarrow.parquet as pq

    try:
        groups = pq.ParquetFile(path).num_row_groups
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        failures.append(Failure(str(path), f"not a readable Parquet file: {exc}"))
        return
    for g in range(groups):
        yield ShardSpec(f"{path}#group{g}", "parquet", (str(path),), row_group=g)


def read_shard(spec: ShardSpec, options: ReadOptions) -> Iterator[Article | Failure]:
    """Every article of a shard, or a Failure for each unreadable one."""
    if spec.kind == "files":
        yield from iter_articles(spec.paths, options)
    elif spec.kind == "jsonl":
        yield from records_to_articles(_jsonl_lines(spec), options)
    elif spec.kind == "parquet":
        yield from records_to_articles(_parquet_rows(spec), options)
    else:
        raise ValueError(f"unknown shard kind {spec.kind!r}")


def _jsonl_lines(spec: ShardSpec) -> Iterator[tuple[str, Any]]:
    with open(spec.paths[0], "rb") as handle:
        handle.seek(spec.offset)
        for number in range(spec.first_line, spec.first_line + spec.count):
            raw = handle.readline()
            sid = f"{spec.paths[0]}:{number}"
            if not raw.strip():
                continue
            try:
                yield sid, json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield sid, InputError(sid, f"invalid JSON line: {exc}")


def _parquet_rows(spec: ShardSpec) -> Iterator[tuple[str, Any]]:
    import pyarrow.parquet as pq

    source = pq.ParquetFile(spec.paths[0])
    first = sum(source.metadata.row_group(g).num_rows for g in range(spec.row_group))
    table = source.read_row_group(spec.row_group)
    for i, row in enumerate(table.to_pylist()):
        yield f"{spec.paths[0]}#{first + i}", row

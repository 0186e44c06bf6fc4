"""The Dask engine: shards analysed on workers, stored exactly once, resumable (issue 7)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimscope.batch.cluster import DaskOptions, run
from claimscope.store import SQLiteStore
from claimscope.store.parquet_shards import done_shards
from tests.store.corpus import records


def _input(path: Path, n: int) -> Path:
    lines = [json.dumps(r) for r in records(n)]
    lines.insert(3, "{broken")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_run_stores_every_article_once_and_resumes(tmp_path: Path) -> None:
    src = _input(tmp_path / "in.jsonl", 10)
    store = SQLiteStore(tmp_path / "c.db")
    options = DaskOptions(workers=1, shard_size=4)
    try:
        first = run([str(src), str(tmp_path / "missing.jsonl")], store, options)
        assert (first.shards, first.done_shards, first.stored) == (3, 3, 10)
        assert {f.source_id for f in store.failures()} == {f"{src}:4",
                                                           str(tmp_path / "missing.jsonl")}
        again = run([str(src)], store, options)
        assert (again.skipped_shards, again.done_shards, again.stored) == (3, 0, 0)
        store.db.execute("UPDATE shards SET versions = 'old' WHERE id LIKE '%:1-4'")
        redo = run([str(src)], store, options)
        assert (redo.skipped_shards, redo.done_shards) == (2, 1)
        assert store.count() == 10
        assert store.db.execute("SELECT count(*) FROM quotes").fetchone()[0] == store.db.execute(
            "SELECT count(DISTINCT article || id) FROM quotes").fetchone()[0]
    finally:
        store.close()


def test_run_writes_parquet_shards(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    src = _input(tmp_path / "in.jsonl", 5)
    out = tmp_path / "out"
    report = run([str(src)], None, DaskOptions(workers=1, shard_size=3, output=out))
    assert report.done_shards == 2 and report.stored == 5
    assert set(done_shards(out)) == {f"{src}:1-3", f"{src}:4-6"}
    table = pq.read_table(out)
    assert sorted(table.column("status").to_pylist()) == ["failed"] + ["ok"] * 5
    assert json.loads(table.column("analysis").to_pylist()[0])["schema"].startswith("claimscope")
    assert run([str(src)], None, DaskOptions(workers=1, shard_size=3, output=out)).stored == 0


def test_killed_dask_ingest_restarts_and_stores_every_article_once(tmp_path: Path) -> None:
    # The run must still be going when a few shards are done: with 24 articles a fast
    # machine finished every shard before the first read of the store (CI, 2026-11-28).
    n, size = 48, 2
    shards = -(-(n + 1) // size)  # the articles' lines and the broken one, ``size`` a shard
    src = _input(tmp_path / "in.jsonl", n)
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "claimscope.cli", "ingest", str(src), "--db", str(db),
           "--engine", "dask", "--workers", "1", "--shard-size", str(size), "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 300
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
        if db.exists():
            try:
                s = SQLiteStore(db)
                done = len(s.done_shards())
                s.close()
            except Exception:
                continue
            if done >= 2:
                break
    assert proc.poll() is None, "the ingest finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and its local cluster, at once
    proc.wait()
    assert 2 <= done < shards
    finished = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert finished.returncode == 0, finished.stderr
    summary = json.loads(finished.stdout.strip().splitlines()[-1])
    assert summary["skipped_shards"] >= 2
    s = SQLiteStore(db)
    try:
        ids = sorted(r[0] for r in s.db.execute("SELECT id FROM articles"))
        assert ids == sorted(r["id"] for r in records(n))
        assert [f.source_id for f in s.failures()] == [f"{src}:4"]
        assert len(s.done_shards()) == shards
    finally:
        s.close()


@pytest.mark.parametrize("flag", [["--scheduler", "tcp://127.0.0.1:1"], ["--output", "x"]])
def test_dask_options_need_the_dask_engine(flag: list[str], tmp_path: Path) -> None:
    from click.testing import CliRunner

    from claimscope.cli import cli

    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), *flag])
    assert result.exit_code == 2 and "--engine dask" in result.output

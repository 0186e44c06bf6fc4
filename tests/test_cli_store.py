"""The corpus commands: ingest the examples, search them, clean errors."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import run


def test_ingest_examples_then_search(examples_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    out = run("ingest", str(examples_dir), "--db", str(db), "-q")
    assert out.returncode == 0, out.stderr
    first = json.loads(out.stdout)
    assert first["stored"] >= 3 and first["failed"] == 0
    again = json.loads(run("ingest", str(examples_dir), "--db", str(db), "-q").stdout)
    assert again["stored"] == 0 and again["skipped"] == first["stored"]
    out = run("search", "cluster munitions", "--db", str(db), "--kind", "quote",
              "--speaker", "Putin", "--format", "json")
    assert out.returncode == 0, out.stderr
    hits = json.loads(out.stdout)
    assert hits and all(h["who"] == "Vladimir Putin" for h in hits)
    assert "[" in hits[0]["snippet"]
    out = run("search", "300,000", "--db", str(db), "--kind", "claim")
    assert out.returncode == 0 and "[300,000]" in out.stdout


def test_search_errors_are_one_line(tmp_path: Path) -> None:
    out = run("search", "x", "--db", str(tmp_path / "none.db"))
    assert out.returncode != 0 and "no such database" in out.stderr
    db = tmp_path / "c.db"
    run("ingest", "-", "--db", str(db), "-q", stdin=b"A short article about bridges.\n")
    out = run("search", '"unclosed', "--db", str(db))
    assert out.returncode != 0
    assert "cannot search" in out.stderr and "Traceback" not in out.stderr


def test_export_formats(examples_dir: Path, tmp_path: Path) -> None:
    import csv

    import pyarrow.parquet as pq

    db = tmp_path / "c.db"
    assert run("ingest", str(examples_dir), "--db", str(db), "-q").returncode == 0
    for fmt in ("csv", "jsonl", "parquet"):
        target = tmp_path / f"quotes.{fmt}"
        out = run("export", "--db", str(db), "--what", "quotes", "--format", fmt,
                  "--output", str(target))
        assert out.returncode == 0, out.stderr
        if fmt == "csv":
            with target.open(encoding="utf-8", newline="") as handle:
                table = list(csv.DictReader(handle))
        elif fmt == "jsonl":
            table = [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines()]
        else:
            table = pq.read_table(target).to_pylist()
        assert any(r["speaker"] == "Vladimir Putin" for r in table)
        assert {"article", "outlet", "published", "id", "kind", "text", "start", "end"} <= set(
            table[0])
    claims = tmp_path / "claims.jsonl"
    assert run("export", "--db", str(db), "--what", "claims", "--format", "jsonl",
               "--output", str(claims)).returncode == 0
    assert any("300,000" in json.loads(x)["text"]
               for x in claims.read_text(encoding="utf-8").splitlines())

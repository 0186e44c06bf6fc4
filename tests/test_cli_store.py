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

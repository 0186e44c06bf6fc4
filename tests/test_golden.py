"""Golden files for real articles: what the analysis must and must not contain."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import claimscope

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = sorted((Path(__file__).parent / "golden").glob("*.json"))


@pytest.mark.parametrize("golden", GOLDEN, ids=[g.stem for g in GOLDEN])
def test_golden(golden: Path) -> None:
    spec: dict[str, Any] = json.loads(golden.read_text(encoding="utf-8"))
    analysis = claimscope.analyze(claimscope.read(ROOT / spec["input"]))
    data = analysis.to_json()
    for key, value in spec.get("expect", {}).items():
        assert data[key] == value, key
    has = spec.get("must_contain", {})
    headings = [h["text"] for h in data["headings"]]
    removed = [r["text"] for r in data["removed"]]
    actors = [e["name"] for e in data["entities"]]
    for h in has.get("headings", []):
        assert h in headings
    for r in has.get("removed", []):
        assert r in removed
    for a in has.get("actors", []):
        assert a in actors
    for t in has.get("text", []):
        assert t in data["text"]
    hasnt = spec.get("must_not_contain", {})
    lines = [line.strip() for line in data["text"].splitlines()]
    for t in hasnt.get("text_lines", []):
        assert t not in lines
    for a in hasnt.get("actors", []):
        assert a not in actors

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
    _check_quotes(spec.get("quotes", {}), data)


def _check_quotes(spec: dict[str, Any], data: dict[str, Any]) -> None:
    """Every listed statement is found with its speaker; no other speaker appears; the
    ``speakerless`` words (others' reports the text names no source for) are in quotes
    without a speaker."""
    quotes = data.get("quotes", [])
    allowed = set(spec.get("speakers_allowed", []))
    unnamed = spec.get("speakerless", [])
    for words in unnamed:
        holding = [q for q in quotes if any(words in c["text"] for c in q["content"])]
        assert holding and all(q["speaker"] is None for q in holding), (words, holding)
    for q in quotes:
        if any(w in c["text"] for w in unnamed for c in q["content"]):
            continue
        if allowed:
            assert q["speaker"] is not None and q["speaker"]["entity"] in allowed, q
    for want in spec.get("must_contain", []):
        hits = [
            q for q in quotes
            if q["speaker"] and q["speaker"]["entity"] == want["speaker"]
            and any(want["words"] in c["text"] for c in q["content"])
        ]
        assert hits, f"no quote by {want['speaker']} holds {want['words']!r}"
        if want.get("nested"):
            assert any(q["parent"] for q in hits), f"{want['words']!r} is not nested"

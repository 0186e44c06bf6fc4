"""Claims across analysed articles: collecting them from analysis JSON, and numeric drift
(the same claimant giving another number for the same object in another article)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimscope.claims.phrases import singular
from claimscope.errors import InputError
from claimscope.jsonl import json_lines


@dataclass(frozen=True, slots=True)
class Figure:
    """A number inside a claim: its value, unit and counted object."""

    value: float
    unit: str | None
    object: str | None
    text: str


@dataclass(frozen=True, slots=True)
class CorpusClaim:
    id: str  # "<article id>#<claim id>"
    article: str
    outlet: str | None
    published: str | None
    text: str
    claimant: str
    figures: tuple[Figure, ...]
    stance: str = "asserts"  # "denies": the claimant rejects the text (model.Claim)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "article": self.article, "outlet": self.outlet,
                "published": self.published, "text": self.text, "claimant": self.claimant,
                "stance": self.stance}


def claims_of(analysis: dict[str, Any]) -> list[CorpusClaim]:
    """The claims of one analysis (its ``to_json()`` form) with their numbers resolved."""
    numbers = {n["id"]: n for n in analysis.get("numbers", [])}
    out: list[CorpusClaim] = []
    for c in analysis.get("claims", []):
        figures = tuple(
            Figure(float(n["value"]), n.get("unit"), n.get("object"), n["span"]["text"])
            for n in (numbers[i] for i in c.get("numbers", []) if i in numbers)
        )
        out.append(CorpusClaim(
            id=f"{analysis['id']}#{c['id']}", article=analysis["id"],
            outlet=analysis.get("outlet"), published=analysis.get("published"),
            text=c["text"]["text"], claimant=c["claimant"]["name"], figures=figures,
            stance=c.get("stance", "asserts"),  # analyses before claims 1.7 assert
        ))
    return out


def read_analyses(path: Path) -> Iterator[dict[str, Any]]:
    """Analyses written one a line (``claimscope analyze --format jsonl``)."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    with handle:
        for number, item in json_lines(handle, path):
            if not isinstance(item, dict) or "id" not in item or "claims" not in item:
                raise InputError(f"{path}:{number}", "not a claimscope analysis (no claims)")
            yield item


@dataclass(frozen=True, slots=True)
class DriftPoint:
    claim: str
    article: str
    published: str | None
    value: float
    text: str


@dataclass(frozen=True, slots=True)
class Drift:
    """One claimant's different figures for one object across articles."""

    claimant: str
    object: str
    unit: str | None
    points: tuple[DriftPoint, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "claimant": self.claimant, "object": self.object, "unit": self.unit,
            "points": [
                {"claim": p.claim, "article": p.article, "published": p.published,
                 "value": p.value, "text": p.text}
                for p in self.points
            ],
        }


def numeric_drift(claims: Iterable[CorpusClaim]) -> list[Drift]:
    """Groups of (claimant, counted object, unit) whose figures differ across articles,
    each group's points in publication order (undated last). A figure its claimant denies
    ("denied that 40 people died") is not that claimant's figure."""
    groups: dict[tuple[str, str, str | None], list[DriftPoint]] = defaultdict(list)
    for c in claims:
        if c.stance == "denies":
            continue
        for f in c.figures:
            if not f.object:
                continue
            head = singular(f.object.split()[-1].lower())
            groups[(c.claimant, head, f.unit)].append(
                DriftPoint(c.id, c.article, c.published, f.value, f.text)
            )
    out: list[Drift] = []
    for (claimant, obj, unit), points in groups.items():
        articles = {p.article for p in points}
        values = {p.value for p in points}
        if len(articles) < 2 or len(values) < 2:
            continue
        ordered = sorted(points, key=lambda p: (p.published is None, p.published or "",
                                                p.article))
        out.append(Drift(claimant, obj, unit, tuple(ordered)))
    return sorted(out, key=lambda d: (d.claimant, d.object))

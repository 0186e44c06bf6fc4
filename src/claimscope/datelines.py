"""Wire-story datelines: "JERUSALEM (Reuters) - ", "KIEV, March 3 (RIA Novosti) - ",
"KYIV, Ukraine — ", "SANTA CLARA, Calif., Nov 19 (Reuters) - ", "MOSCOW, February 14.
/TASS/. ", "BEIJING, Dec. 1 /Xinhua/ -- ", "BOSTON, March 4, 2025 /PRNewswire/ -- ".

A dateline opens a story's paragraph: a city in capitals, maybe its country or state, a
date, the agency, then a dash; or, in TASS's style, the agency between slashes after a
full stop. It names where the story was filed, not who speaks or what is claimed, so
speakers and statements start after it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimscope.model import Span
from claimscope.quotes.marks import DASHES

DATELINE = re.compile(
    r"(?P<city>[A-Z][A-Z.'’ -]*[A-Z.])"
    r"(?P<more>(?:,\s*[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+)?(?:\s+\d{1,2})?){0,2}(?:,\s*\d{4})?"
    r"(?:\s*\((?P<agency>[^()\n]{1,40})\))?)"
    rf"(?:\s*[{DASHES}-]+\s+|\.?\s*/(?P<slashed>[A-Z][\w .-]{{0,30}})/\.?(?:\s*[{DASHES}-]+)?\s+)")
# Capitals before a dash at a paragraph's start that are a speaker or subject, not a city
# ("NATO — the alliance — said ...").
_NOT_CITIES = frozenset("NATO UN EU US UK USA BBC CNN FBI CIA NASA WHO IMF OPEC".split())


def after_dateline(text: str, start: int, end: int) -> int:
    """Where [start, end) starts once a dateline opening it at a paragraph's start is left
    out; ``start`` when none does, or when nothing would be left."""
    if start > 0 and text[start - 1] != "\n":
        return start
    found = DATELINE.match(text, start, end)
    if found is None or found.end() >= end:
        return start
    if not found.group("more") and not found.group("slashed") \
            and found.group("city").strip(". ") in _NOT_CITIES:
        return start
    return found.end()


# Paragraphs searched for a dateline: the first of the body, after a title and a standfirst.
_DATELINE_PARAGRAPHS = 3


def agency(text: str, paragraphs: Sequence[Span]) -> str | None:
    """The agency a dateline near the top names ("COLUMBUS, Ohio (AP) —": "AP"), as
    written; None when no dateline names one."""
    for para in paragraphs[:_DATELINE_PARAGRAPHS]:
        if after_dateline(text, para.start, para.end) > para.start:
            found = DATELINE.match(text, para.start, para.end)
            named = found and (found.group("agency") or found.group("slashed"))
            if named:
                return named.strip()
    return None

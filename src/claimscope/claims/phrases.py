"""Phrases shared by the quantity rules: the noun with its modifiers, a plural noun's
singular for comparing what figures count, and the approximators before a figure."""

from __future__ import annotations

import re
from typing import Any

# Words before a number that make it approximate or a bound, longest first.
APPROXIMATORS = (
    "as many as", "as much as", "as few as", "as little as", "more than", "less than",
    "fewer than", "up to", "at least", "at most", "close to", "upwards of", "in excess of",
    "an estimated", "just over", "just under", "some", "about", "around", "approximately",
    "roughly", "nearly", "almost", "over", "under", "above", "below", "estimated",
)
APPROX_RE = re.compile(
    r"(?:^|\s)(" + "|".join(re.escape(a) for a in APPROXIMATORS) + r")\s*$", re.IGNORECASE
)


def noun_phrase(noun: Any, after: int = -1) -> str:
    """The noun with its adjectives and compounds before it ("signed contracts"), none at
    or before token ``after`` (the figure's own words)."""
    first = noun.i
    while first - 1 > after and noun.doc[first - 1].dep_ in ("amod", "compound") and (
        noun.doc[first - 1].head.i == noun.i
    ):
        first -= 1
    return str(noun.doc[first : noun.i + 1].text)


def singular(noun: str) -> str:
    """A plural noun's singular, for comparing counted objects (the pipeline runs without
    spaCy's lemmatizer): contracts -> contract, casualties -> casualty, buses -> bus."""
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith(("ses", "xes", "ches", "shes")):
        return noun[:-2]
    if noun.endswith("s") and not noun.endswith("ss") and len(noun) > 3:
        return noun[:-1]
    return noun

"""Noun phrases of the parse, shared by the quantity rules: the noun with its modifiers, and
a plural noun's singular for comparing what figures count."""

from __future__ import annotations

from typing import Any


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

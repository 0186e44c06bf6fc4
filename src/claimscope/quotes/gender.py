"""A speaker's gender, for matching "he" and "she": from a title or a kinship or role noun
introducing the name ("Mr", "Queen", "Lopez's mother, Ana", "spokeswoman Jane Ellis"), else
from the first name (``claimscope.names``). '' when unknown; then any pronoun may fit."""

from __future__ import annotations

import re

from claimscope.names import person_gender

# Titles within the few characters before a name's first mention.
_MALE_TITLES = re.compile(r"\b(mr|sir|king|prince|lord|father|brother|he)\b\.?", re.I)
_FEMALE_TITLES = re.compile(r"\b(mrs|ms|miss|madam|queen|princess|lady|dame|she)\b\.?", re.I)
# Characters searched before a first mention for those titles.
_TITLE_REACH = 12
# A kinship or gendered role noun right before the name it introduces ("Lopez's mother,
# Ana", "her husband Tom", "spokeswoman Jane Ellis"); not with a word between ("the son
# of Ana"). Found on an AP story, 2026-11-29: "she" after the victim's mother Ana went to
# the victim, Ana's first name being in no list.
_MALE_ROLE = re.compile(
    r"\b(?:father|husband|son|brother|widower|grandfather|grandson|uncle|nephew|boyfriend|"
    r"stepfather|spokesman|congressman|businessman|councilman)\s*,?\s*$", re.I)
_FEMALE_ROLE = re.compile(
    r"\b(?:mother|wife|daughter|sister|widow|grandmother|granddaughter|aunt|niece|"
    r"girlfriend|stepmother|spokeswoman|congresswoman|businesswoman|councilwoman)"
    r"\s*,?\s*$", re.I)


def role_gender(before: str) -> str:
    """'m' or 'f' when the words before a name end with a gendered kinship or role noun."""
    if _MALE_ROLE.search(before):
        return "m"
    if _FEMALE_ROLE.search(before):
        return "f"
    return ""


def introduced_gender(text: str, start: int, name: str) -> str:
    """The gender of a person named ``name`` first at ``start``: a title or role just
    before, else the first name."""
    before = text[max(0, start - _TITLE_REACH) : start]
    if _MALE_TITLES.search(before):
        return "m"
    if _FEMALE_TITLES.search(before):
        return "f"
    return role_gender(before) or person_gender(name)

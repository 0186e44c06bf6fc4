"""Titles and roles people are introduced with ("Russian President Vladimir Putin", "Li
Qun, deputy minister of culture"), the epithets that call them back ("the Russian leader"),
and the words that make a title another ("Vice President"): what speaker resolution and the
transcript reader know of titles.
"""

from __future__ import annotations

import re

from claimscope.model import Entity, Span

# Head nouns of descriptions that stand for a person named with that title or role ("the
# Russian president", "the spokesperson"). Any other head ("the campaign", "the poll",
# "the person", "the newspaper") is not resolved through a name near which the word
# happens to stand.
ROLE_NOUNS = frozenset("""
    president vice-president premier chancellor minister senator congressman congresswoman
    congressmember representative lawmaker legislator governor mayor candidate nominee
    contender challenger rival opponent counterpart incumbent predecessor successor
    secretary spokesman spokeswoman spokesperson chairman chairwoman chairperson chair
    ceo founder director chief leader ambassador envoy diplomat general commander admiral
    king queen prince princess pope cardinal bishop judge justice attorney prosecutor
    lawyer host anchor billionaire businessman businesswoman mogul tycoon economist
    professor adviser advisor strategist pollster manager columnist editor publisher
    activist father mother wife husband son daughter brother sister widow veteran
    speaker whip frontrunner front-runner owner executive official aide
    engineer scientist researcher analyst expert doctor physician officer inspector
    commissioner councillor councilor councilman councilwoman superintendent sheriff coach
    administrator treasurer auditor
""".split())
# Every role as a regex alternation (a title a person is introduced with, any).
ANY_ROLE = "|".join(sorted((re.escape(w) for w in ROLE_NOUNS), key=len, reverse=True))
# Characters before a person's name searched for the title they are introduced with
# ("Russian President Vladimir Putin", "his Belarusian counterpart Alexander Lukashenko").
TITLE_WINDOW = 60

# A role's usual epithets in news ("the Russian top diplomat" after "Russian Foreign
# Minister Sergei Lavrov", "the French leader" after "President Emmanuel Macron"): the
# titles a person introduced with may be called back by.
EPITHETS = {
    "diplomat": ("foreign minister", "secretary of state", "foreign secretary", "ambassador",
                 "envoy", "foreign ministry"),
    # Only with what it is an official of ("the Kremlin official": "Kremlin spokesman
    # Dmitry Peskov"; a RIA-style story, 2026-11-29), see ``_titled``.
    "official": ("spokesman", "spokeswoman", "spokesperson", "minister", "secretary",
                 "adviser", "advisor", "aide", "director", "chief", "head"),
    "leader": ("president", "prime minister", "premier", "chancellor", "king"),
    "lawmaker": ("senator", "congressman", "congresswoman", "representative", "mp"),
    "legislator": ("senator", "congressman", "congresswoman", "representative", "mp"),
}
# Modifiers that make another title of the head ("vice president", "deputy minister"): a
# description with one resolves only to a person introduced with it.
TITLE_PARTS = frozenset({"vice", "deputy", "assistant", "lieutenant", "under", "associate",
                         "acting", "co-founder", "chief"})
# A capitalised word between a title and the name, ending in a stop only if an
# abbreviation ("Sen.", "U.S."): "defy President Trump. Showdown? ..." gives Showdown no
# title (SemEval news, 2026-11-30).
_NAME_WORD = r"(?:[A-Z][\w'’-]*|[A-Z][\w.'’-]{0,3}\.)"


def introduced_as(text: str, name: Span, titles: str) -> bool:
    """Whether the title (a regex alternation of lowercase titles) is joined to the name:
    right before it, with only capitalised words between ("Polish Foreign Minister Radoslaw
    Sikorski", "chief city engineer Daniel Reyes"), or in an apposition right after it
    ("Li Qun, deputy minister of culture")."""
    before = text[max(0, name.start - TITLE_WINDOW) : name.start]
    after = text[name.end : name.end + TITLE_WINDOW]
    return (re.search(rf"\b(?i:{titles})\s+(?:{_NAME_WORD}\s+)*$", before) is not None
            or re.match(rf",\s+(?:[\w'’-]+\s+){{0,3}}(?i:{titles})\b", after) is not None)


# Where a sentence or line ends, around a name's title.
SENTENCE_GAP = re.compile(r"[.?!]\s|\n")


# A nationality, no part of a title ("the Russian foreign minister" is "Foreign Minister
# Sergey Lavrov"; an RT-style story of 2026-11-29).
_DEMONYM = re.compile(r"[a-z]+(?:ian|ish|ese)|american|mexican|korean|israeli|iraqi|"
                      r"pakistani|saudi|french|dutch|greek|swiss|german|belarusian")


def titled_otherwise(text: str, person: Entity, words: list[str]) -> bool:
    """Whether ``text`` names ``person`` with a title that lacks one of a description's
    ``words`` (lowercase; an owner's "Hungary's" and a nationality not counting): "Home
    Secretary Yvette Cooper" is no environment secretary."""
    needed = [w for w in words if not w.endswith(("'s", "’s")) and not _DEMONYM.fullmatch(w)]
    for m in person.mentions:
        before = text[max(0, m.start - TITLE_WINDOW) : m.start]
        after = text[m.end : m.end + TITLE_WINDOW]
        near = (SENTENCE_GAP.split(before)[-1] + " " + SENTENCE_GAP.split(after)[0]).lower()
        if introduced_as(text, m, ANY_ROLE) and not all(
                re.search(rf"\b{re.escape(w)}\b", near) for w in needed):
            return True
    return False

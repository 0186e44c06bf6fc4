"""Revisions inside an article: a later figure that replaces an earlier one of the same
object ("270,000 ... outdated ... about 300,000 signed contracts", "143 people, up from 97",
"the death toll had risen to 45", "down from an earlier range of $5 billion to $5.5
billion"), never a part of a whole, another holder's count, a range, or a figure of an
earlier period, which is compared and not revised."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from claimscope.claims.phrases import APPROX_RE
from claimscope.model import Quantity

# Words that say a figure was replaced ("this was already outdated data", "revised to",
# "up from", "initially"). Without one, a second figure of the same object is far more
# often another holder's count, a part of a total, or an item of a list ("Clinton has
# 1,163 delegates to Sanders' 844"): on 500 news articles the bare rule linked 370 pairs,
# nearly all of that kind (regression for issue 4; see the claims card). Verbs of growth
# ("rose", "increased") are left out: they tell a figure's change against its own past,
# and read beside another figure they linked 5 wrong pairs of 6 on those articles.
_REVISION_WORDS = re.compile(
    r"\b(?:outdated|out of date|revis(?:e|ed|es|ing|ion|ions)|updat(?:e|ed|es|ing)|"
    r"correct(?:ed|ion|ions)|(?:up|down) from|instead of|no longer|initially|originally|"
    r"previously)\b",
    re.IGNORECASE,
)
_UP_DOWN_FROM = re.compile(r"(?:up|down) from", re.IGNORECASE)
# "44 of the 50 delegates", "$6 billion of the original $48 billion": a part and its whole,
# never a revision (numbers 1.18).
_PART_OF = re.compile(
    r"\s*(?:out\s+)?of(?:\s+(?:the|its|their|his|her|our|those|these))?"
    r"(?:\s+(?:original|initial|total|entire|whole|overall|planned|promised|pledged|approved))?"
    r"\s*",
    re.IGNORECASE)


def link_revisions(text: str, found: list[Quantity], sentence_starts: Sequence[int]
                    ) -> list[Quantity]:
    """A later quantity of the same counted object and unit with another value revises the
    latest earlier one ("270,000 [contracts] ... outdated ... about 300,000 signed
    contracts") when a word of revision stands in the later one's sentence, or between the
    two on one line; a part of a whole ("two of the eight supports") never does.
    ``sentence_starts``: the character offsets where the text's sentences start."""
    out: list[Quantity] = []
    upper: int | None = None  # a new range's upper end, waiting for the old range's
    for q in found:
        before = out[-1] if out else None
        if upper is not None and before is not None \
                and _RANGE_JOIN.fullmatch(text, before.span.end, q.span.start) \
                and q.unit == before.unit:
            # "$4.1 billion to $4.6 billion, down from ... $5 billion to $5.5 billion": the
            # upper end replaces the upper end.
            out[upper] = replace(out[upper], revises=q.id)
            q = replace(q, object=q.object or before.object,
                        object_lemma=q.object_lemma or before.object_lemma)
            upper = None
            out.append(q)
            continue
        upper = None
        if before is not None and _old_value_after(text, before, q):
            # "143 people, up from 97": 143 replaces 97, which counts the same people; "up
            # from 85,000 the previous year" counts them too, in another period.
            q = replace(q, object=q.object or before.object,
                        object_lemma=q.object_lemma or before.object_lemma)
            if not _of_earlier_period(text, q):
                lower = _range_lower(text, out)
                if lower is None:
                    out[-1] = replace(before, revises=q.id)
                else:  # the lower end replaces the lower end, the upper waits
                    out[lower] = replace(out[lower], revises=q.id)
                    upper = len(out) - 1
            out.append(q)
            continue
        if before is not None and _new_value_after(text, before, q):
            # "more than 300; that figure was later revised down to around 120"
            out.append(replace(q, object=q.object or before.object,
                               object_lemma=q.object_lemma or before.object_lemma,
                               revises=before.id))
            continue
        toll = _toll_revised(text, out, q)
        if toll is not None:
            # "At least 30 Palestinians were killed ..." / "the death toll had risen to 45"
            # (a Gaza story, 2026-11-30): the toll counts the dead counted before.
            out.append(replace(q, object=q.object or toll.object, revises=toll.id,
                               object_lemma=q.object_lemma or toll.object_lemma))
            continue
        earlier = [
            p for p in out
            if q.object_lemma and p.object_lemma == q.object_lemma and p.unit == q.unit
            and p.value != q.value
        ]
        if earlier and _revises(text, earlier[-1], q, sentence_starts):
            q = replace(q, revises=earlier[-1].id)
        out.append(q)
    return out


# Between a new figure and the old one it replaces, in that order ("143 people have died,
# officials said, up from 97"); or "from" right after a figure reached "to" ("rose to 15%
# from 12%"). A bare "from" is mostly a range ("varied from 25 to 90 percent", "fell 21%,
# from 3.8% to 3.0%").
# The old figure may be named as an earlier forecast ("down from an earlier range of $5
# billion", "up from its previous estimate of 2.1%"; a Reuters-style earnings story,
# numbers 1.18).
_OLD_AFTER = re.compile(
    r"\b(?:up|down)\s+from\s+(?:(?:an?|the|its|their|his|her|our)\s+)?"
    r"(?:(?:earlier|previous|prior|initial|original|old)\s+)?"
    r"(?:(?:forecast|estimate|range|projection|guidance|target|outlook|view|figure|tally)"
    r"\s+of\s+)?$",
    re.IGNORECASE)
_FROM = re.compile(r"\s*from\s*", re.IGNORECASE)
_TO_BEFORE = re.compile(r"\bto\s*$", re.IGNORECASE)
# Between an old figure and its replacement ("300; that figure was later revised down to
# [around] 120").
_NEW_AFTER = re.compile(
    r"\b(?:revised|updated|corrected|raised|lowered)\s+(?:(?:up|down)(?:wards?)?\s+)?to\s*$",
    re.IGNORECASE)
# How far apart (characters, one line) an old and a new figure may stand to be linked by
# those words: a sentence of news.
_REVISION_REACH = 200


# An old figure's own earlier period ("$14.5 billion a year earlier", "36 in the previous
# round", "2.1% last year"): the figures measure two periods, a change over time and no
# revision of one count, like the verbs of growth above (news of 2026-11-29: a quarter's
# revenue "up from $14.5 billion a year earlier" was recorded as revising it).
_EARLIER_PERIOD = re.compile(
    r"\s*(?:[a-z]+\s+)?(?:(?:a|an|one|two|three|four|five|six|\d+)\s+(?:years?|months?|"
    r"weeks?|quarters?|days?|decades?)\s+(?:earlier|ago|before|previously)|"
    r"(?:in|during|for|over)\s+(?:the\s+)?(?:same\s+\w+\s+(?:of\s+)?)?(?:last|previous|"
    r"prior|preceding|past|year-?earlier|earlier)\b|"
    r"(?:last|the\s+previous|the\s+prior)\s+(?:year|month|week|quarter|season|round|time)|"
    r"(?:in|during)\s+(?:(?:fiscal|calendar)\s+)?(?:19|20)\d\d\b)",
    re.IGNORECASE)


# A death toll's new figure ("the death toll had risen to 45", "the toll climbed to 45"),
# and the words that make an earlier figure a count of the dead ("30 Palestinians were
# killed", "killing 30", "30 dead").
_TOLL_TO = re.compile(
    r"\b(?:death|casualty)?\s*toll\b(?:\s+\w+){0,3}?\s+(?:risen|rose|climbed|jumped|"
    r"increased|reached|grown|grew|stood|stands)\s+(?:to|at)\s*$", re.IGNORECASE)
_DEAD = re.compile(r"\b(?:killed|killing|dead|died|deaths|lives)\b", re.IGNORECASE)
# How far around an earlier figure its verb of death may stand (characters).
_DEAD_REACH = 60


def _toll_revised(text: str, found: list[Quantity], toll: Quantity) -> Quantity | None:
    """The latest earlier count of the dead that a death toll's new, higher figure
    replaces, if ``toll`` is one; None otherwise."""
    lead = text[max(0, toll.span.start - 60) : toll.span.start]
    if toll.approximator:
        lead = _without_approximator(lead)
    if _TOLL_TO.search(lead) is None:
        return None
    for old in reversed(found):
        near = text[max(0, old.span.start - _DEAD_REACH) : old.span.end + _DEAD_REACH]
        if old.unit == toll.unit and old.value < toll.value and _DEAD.search(near):
            return old
    return None


# Between the two ends of a range ("$4.1 billion to $4.6 billion", "5-6%").
_RANGE_JOIN = re.compile(r"\s*(?:to|and|-|–)\s*", re.IGNORECASE)


def _range_lower(text: str, found: list[Quantity]) -> int | None:
    """The index of the lower end of a range whose upper end is the last of ``found``, or
    None when the last figure ends no range."""
    if len(found) < 2:
        return None
    low, high = found[-2], found[-1]
    joined = _RANGE_JOIN.fullmatch(text, low.span.end, high.span.start) is not None
    return len(found) - 2 if joined and low.unit == high.unit and low.value < high.value \
        else None


def _of_earlier_period(text: str, old: Quantity) -> bool:
    return _EARLIER_PERIOD.match(text, old.span.end, old.span.end + 60) is not None


def _old_value_after(text: str, new: Quantity, old: Quantity) -> bool:
    """Whether ``old``, after ``new`` in the text, is the value ``new`` replaced, or (of
    an earlier period) the value it is compared with."""
    between = text[new.span.end : old.span.start]
    if not _linkable(new, old, between) or APPROX_RE.search(between) is not None:
        return False
    if _OLD_AFTER.search(between) is not None:
        return True
    lead = text[max(0, new.span.start - 40) : new.span.start]
    if new.approximator:
        lead = _without_approximator(lead)
    return _FROM.fullmatch(between) is not None and _TO_BEFORE.search(lead) is not None


def _new_value_after(text: str, old: Quantity, new: Quantity) -> bool:
    """Whether ``new``, after ``old`` in the text, is said to replace it."""
    between = text[old.span.end : new.span.start]
    if new.approximator:
        between = _without_approximator(between)
    return _linkable(old, new, between) and _NEW_AFTER.search(between) is not None


def _without_approximator(words: str) -> str:
    """The words before a figure without the approximator that ends them ("to around")."""
    cut = APPROX_RE.search(words)
    return words[: cut.start()] if cut else words


def _linkable(a: Quantity, b: Quantity, between: str) -> bool:
    """Two figures near each other on one line, of one unit, and not of two objects."""
    return (len(between) <= _REVISION_REACH and "\n" not in between and a.unit == b.unit
            and a.value != b.value
            and (not a.object_lemma or not b.object_lemma or a.object_lemma == b.object_lemma))


def _revises(text: str, earlier: Quantity, later: Quantity, sentence_starts: Sequence[int]
             ) -> bool:
    between = text[earlier.span.end : later.span.start]
    if _PART_OF.fullmatch(between):
        return False
    # "up from" beside a figure of its own period compares periods ("1.2 million cars, up
    # from 900,000 in 2023"); the other words revise a count whatever its time.
    periods = _of_earlier_period(text, earlier) or _of_earlier_period(text, later)
    k = bisect_right(sentence_starts, later.span.start) - 1
    start = sentence_starts[k] if k >= 0 else 0
    end = sentence_starts[k + 1] if k + 1 < len(sentence_starts) else len(text)
    words = [m.group(0) for m in _REVISION_WORDS.finditer(text, start, end)]
    if "\n" not in between:
        words += [m.group(0) for m in _REVISION_WORDS.finditer(between)]
    return any(not (periods and _UP_DOWN_FROM.fullmatch(w)) for w in words)

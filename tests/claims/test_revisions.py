"""Revisions inside an article (claims/revisions.py), read through the quantities."""

from __future__ import annotations

import pytest

from claimscope import nlp
from claimscope.claims.numbers import find_quantities
from claimscope.model import Quantity


def quantities(text: str) -> list[Quantity]:
    return find_quantities(nlp.load()(text), text)


@pytest.mark.parametrize(("text", "revised"), [
    # a death toll's new figure revises the count of the dead before it (numbers 1.17, a
    # Gaza story of 2026-11-30)
    ("At least 30 Palestinians were killed overnight, officials said. The ministry said "
     "later that the death toll had risen to 45, including 12 children.", True),
    ("Strikes killed 18 people on Monday. By Tuesday the toll climbed to 27.", True),
    # a toll that does not rise, or a figure that counts no dead
    ("At least 30 Palestinians were killed overnight. The death toll stood at 25.", False),
    ("Some 300 homes were damaged. The death toll had risen to 45.", False),
])
def test_a_death_toll_revises_the_dead_counted_before(text: str, revised: bool) -> None:
    found = quantities(text)
    toll = next(q for q in found if q.span.text in ("45", "27", "25"))
    first = found[0]
    assert (toll.revises == first.id) is revised
    assert first.revises is None
    if revised:
        assert toll.object == first.object


def test_different_objects_do_not_revise() -> None:
    found = quantities("About 300 soldiers and 40 tanks crossed. The figure was later revised "
                       "to 500 soldiers.")
    soldiers = [q for q in found if q.object == "soldiers"]
    tanks = [q for q in found if q.object == "tanks"]
    assert tanks[0].revises is None
    assert soldiers[1].revises == soldiers[0].id


@pytest.mark.parametrize("text", [
    # A part and its whole (the bundled harbor article).
    "Two of the eight main supports would have to be replaced rather than reinforced.",
    # Other holders' counts, a list, a range.
    "Clinton now has 1,163 delegates to Sanders' 844.",
    "Trump won 44 delegates. Cruz won 38 delegates and Rubio 12 delegates.",
    "Between 130 and 160 courses are closing every year.",
    # Another event, told as such.
    "About 300 soldiers crossed on Monday. On Tuesday 500 soldiers came.",
    # A figure's growth against its own past is no revision of an earlier figure.
    "Cell production was 200 GW. Panel production increased 59 per cent to 288 GW.",
])
def test_a_second_figure_is_no_revision_without_a_word_of_revision(text: str) -> None:
    """Regression (issue 4): every later figure of the same object was linked as a revision
    of the one before (370 such links on 500 news articles, nearly all wrong)."""
    assert all(q.revises is None for q in quantities(text))


@pytest.mark.parametrize("text", [
    "Officials first counted 12 victims. The toll was later revised to 15 victims.",
    "Initially 200 volunteers signed up; the ministry now says 350 volunteers did.",
])
def test_a_word_of_revision_links_the_figures(text: str) -> None:
    first, second = quantities(text)[:2]
    assert second.revises == first.id and first.revises is None


@pytest.mark.parametrize(("text", "pairs"), [
    # the new figure first, the old after "up from" or "to ... from": new revises old, and
    # the old counts the same object
    ("Officials said 143 people have died, up from 97 reported on Wednesday.",
     [("143", "97")]),
    ("The index rose to 106.6 from 105.4 in April.", [("106.6", "105.4")]),
    # (before numbers 1.8 the old figure here was said to revise the new one)
    ("The city said 40 homes burned, up from 25 homes in its first report.",
     [("40", "25")]),
    # the old first, then the words that replace it
    ("The toll was put at more than 300; that figure was later revised down to around 120.",
     [("120", "300")]),
    # a range or a change beside a range is no revision
    ("The rate varied from 25 percent to 90 percent.", []),
    ("Unemployment fell 21%, from 3.8% to 3.0%.", []),
    # numbers 1.12 (news of 2026-11-29): a figure of an earlier period is compared, not
    # revised, whatever word links them
    ("Its data center segment brought in $30.8 billion, up from $14.5 billion a year "
     "earlier.", []),
    ("140 entities had been added to the blacklist, up from 36 in the previous round.", []),
    ("Sales hit 1.2 million cars, up from 900,000 cars in 2023.", []),
    ("Unemployment fell to 3.9% in March from 4.1% in February.", []),
    # ... but a revision word beside a period still revises
    ("Some 270,000 contracts were signed last year. That is outdated: about 300,000 "
     "contracts have been signed.", [("300,000", "270,000")]),
])
def test_revisions_in_one_sentence(text: str, pairs: list[tuple[str, str]]) -> None:
    found = quantities(text)
    by_id = {q.id: q.span.text for q in found}
    assert [(q.span.text, by_id[q.revises]) for q in found if q.revises] == pairs
    if "97" in text:
        assert {q.object for q in found} == {"people"}


def test_the_compared_figure_counts_the_same_object() -> None:
    found = quantities("The US admitted 110,000 refugees in 2017, up from 85,000 the "
                       "previous year.")
    assert [(q.span.text, q.object, q.revises) for q in found] == [
        ("110,000", "refugees", None), ("85,000", "refugees", None)]


@pytest.mark.parametrize(("text", "pairs"), [
    # a range revised by a range: each end replaces its own
    ("The company now expects profit of $4.1 billion to $4.6 billion, down from an earlier "
     "range of $5 billion to $5.5 billion.",
     [("$4.1 billion", "$5 billion"), ("$4.6 billion", "$5.5 billion")]),
    ("Growth is now seen at 2.4%, up from its previous estimate of 2.1%.", [("2.4%", "2.1%")]),
    # a part of the whole is no revision, whatever word of revision stands near
    ("Only $6 billion of the original $48 billion aid package was left, as previously "
     "reported.", []),
])
def test_revised_forecasts_and_parts(text: str, pairs: list[tuple[str, str]]) -> None:
    found = quantities(text)
    by_id = {q.id: q.span.text for q in found}
    assert [(q.span.text, by_id[q.revises]) for q in found if q.revises] == pairs

"""The claims component: statements cut to quote content, claimants, numbers, the seed."""

from __future__ import annotations

import pytest

import claimscope
from claimscope.claims.component import stance, statements
from claimscope.model import Quote, Speaker, check_span, make_span
from tests.conftest import SEED


def quote(text: str, qid: str, words: str, speaker: str, parent: str | None = None) -> Quote:
    start = text.index(words)
    return Quote(qid, "indirect", (make_span(text, start, start + len(words)),), None,
                 Speaker(speaker, speaker, None, "name"), 0.9, parent)


def test_statement_is_the_quoted_part_and_innermost_quote_wins() -> None:
    text = ("Putin said the US uses cluster munitions through a proxy. "
            "He noted that Gates said the biggest threat was a virus. The weather was fine.")
    s1 = make_span(text, 0, text.index(" He noted"))
    s2_start = text.index("He noted")
    s2 = make_span(text, s2_start, text.index(" The weather"))
    s3 = make_span(text, text.index("The weather"), len(text))
    outer = quote(text, "q2", "Gates said the biggest threat was a virus", "Vladimir Putin")
    inner = quote(text, "q3", "the biggest threat was a virus", "Bill Gates", parent="q2")
    first = quote(text, "q1", "the US uses cluster munitions through a proxy", "Vladimir Putin")
    found = statements(text, [s1, s2, s3], [first, outer, inner])
    assert [(c.span.text, c.quote.id if c.quote else None) for c in found] == [
        ("the US uses cluster munitions through a proxy", "q1"),
        ("the biggest threat was a virus", "q3"),
        ("The weather was fine.", None),
    ]
    for c in found:
        check_span(text, c.span)


@pytest.mark.parametrize(("text", "content", "statement"), [
    # a quotation the statement opens keeps its closing mark (was cut off with the edge)
    ('Lavrov claimed that the West was "fighting to the last Ukrainian".',
     'the West was "fighting to the last Ukrainian"',
     'the West was "fighting to the last Ukrainian"'),
    ("Lavrov claimed that the West was “fighting to the last Ukrainian”.",
     "the West was “fighting to the last Ukrainian”",
     "the West was “fighting to the last Ukrainian”"),
    # a stop after the mark keeps both
    ('Lavrov claimed that the West was "fighting".', 'the West was "fighting".',
     'the West was "fighting".'),
    # marks that open and close the statement go, as before
    ('He said: "The cap limits unit prices, not bills."',
     '"The cap limits unit prices, not bills."', "The cap limits unit prices, not bills."),
    # an apostrophe is no closing mark for a single quotation
    ("He said that the plan's ‘real aim’ was clear, the minister’s.",
     "the plan's ‘real aim’ was clear, the minister’s.",
     "the plan's ‘real aim’ was clear, the minister’s."),
])
def test_a_statement_keeps_the_closing_mark_of_a_quotation_it_opens(
        text: str, content: str, statement: str) -> None:
    """Claims 1.2 (news of 2026-11-29): `accused ministers of "sleepwalking into a crisis`."""
    at = text.index(content)
    q = Quote("q1", "mixed", (make_span(text, at, at + len(content)),), None,
              Speaker("Lavrov", None, None, "name"), 0.9, None)
    (found,) = statements(text, [make_span(text, 0, len(text))], [q])
    assert found.span.text == statement
    check_span(text, found.span)


def test_a_statement_leaves_out_the_wire_dateline() -> None:
    """Claims 1.3: "JERUSALEM (Reuters) - Israel's military said ..." was the claim's text."""
    text = "JERUSALEM (Reuters) - Israel's military struck Beirut on Tuesday."
    (found,) = statements(text, [make_span(text, 0, len(text))], [])
    assert found.span.text == "Israel's military struck Beirut on Tuesday."


@pytest.fixture(scope="module")
def seed() -> claimscope.Analysis:
    return claimscope.analyze(claimscope.read(str(SEED)))


@pytest.mark.parametrize("words", [
    "cluster munitions",
    "never refused",
    "foreign instructors",
    "300,000",
])
def test_seed_claims_by_putin(seed: claimscope.Analysis, words: str) -> None:
    """Issue 4: the seed's claims are found, each claimed by Vladimir Putin."""
    claims = [c for c in seed.claims if words in c.text.text]
    assert claims, [c.text.text for c in seed.claims]
    assert all(c.claimant.name == "Vladimir Putin" for c in claims)


def test_seed_claims_rank_above_non_claims(seed: claimscope.Analysis) -> None:
    def score(words: str) -> float:
        return max(s.score for s in seed.statements if words in s.span.text)

    claims = [score(w) for w in ("cluster munitions", "never refused", "300,000 signed")]
    chatter = [score(w) for w in ("main problem in international relations",
                                  "good neighborly relations", "we discuss it openly")]
    assert min(claims) > max(chatter)


def test_seed_numbers_in_claims(seed: claimscope.Analysis) -> None:
    numbers = {n.id: n for n in seed.numbers}
    contracts = [n for n in seed.numbers if n.object == "signed contracts"]
    assert sorted(n.value for n in contracts) == [270000.0, 300000.0]
    later = next(n for n in contracts if n.value == 300000.0)
    assert later.revises is not None and numbers[later.revises].value == 270000.0
    assert later.approximator == "about"
    in_claims = {nid for c in seed.claims for nid in c.numbers}
    assert later.id in in_claims


def test_a_claim_in_a_quote_without_speaker_has_an_unknown_source(
        seed: claimscope.Analysis) -> None:
    """Issue 4: "Commenting on statements about North Koreans allegedly volunteering ..."
    reports others' statements: neither Putin nor the outlet claims it."""
    quotes = {q.id: q for q in seed.quotes}
    unnamed = [c for c in seed.claims if c.quote and quotes[c.quote].speaker is None]
    assert unnamed, [c.text.text for c in seed.claims]
    for c in unnamed:
        assert (c.claimant.name, c.claimant.resolution) == ("unknown source", "unresolved")
    assert all(c.claimant.name != "Vladimir Putin" for c in seed.claims
               if "North Koreans allegedly volunteering" in c.text.text)



# Issue 4: "The RSF denied targeting civilians" (an Al Jazeera-style story, 2026-11-29) made
# the RSF the claimant of "targeting civilians".
@pytest.mark.parametrize(("cue", "expected"), [
    ("said", "asserts"),
    ("denied", "denies"),
    ("has repeatedly denied", "denies"),
    ("flatly rejected", "denies"),
    ("dismissed", "denies"),
    ("disputes", "denies"),
    ("according to", "asserts"),
    (None, "asserts"),
])
def test_the_stance_of_a_quotes_claim(cue: str | None, expected: str) -> None:
    text = f"The group {cue or ''} targeting civilians."
    cue_span = make_span(text, 10, 10 + len(cue)) if cue else None
    content = make_span(text, text.index("targeting"), len(text) - 1)
    quote = Quote("q1", "indirect", (content,), cue_span, None, 0.9)
    assert stance(quote) == expected
    assert stance(None) == "asserts"


def test_a_denial_in_an_article_is_marked() -> None:
    text = ("Fighters shelled the camp for hours, residents said on Friday.\n\n"
            "The paramilitary group denied targeting civilians in the attack on the camp.\n")
    analysis = claimscope.analyze(claimscope.read_text(text, source_id="denial"))
    stances = {c.text.text: c.stance for c in analysis.claims}
    assert stances == {"Fighters shelled the camp for hours": "asserts",
                       "targeting civilians in the attack on the camp": "denies"}
    assert {c["stance"] for c in analysis.to_json()["claims"]} == {"asserts", "denies"}


def test_a_document_cited_by_a_speaker_is_claimed_by_the_speaker() -> None:
    """Claims 1.8 (a poll story, 2026-11-29): "Her spokeswoman, Rachel Ortiz, said internal
    polling showed ..." made "internal polling" the claimant of the campaign's figures."""
    text = ("Grace Ellison's campaign dismissed the poll. Her spokeswoman, Rachel Ortiz, said "
            "internal polling showed the senator ahead by eight points and that the campaign "
            "had raised $14.2 million in the third quarter.\n")
    analysis = claimscope.analyze(claimscope.read_text(text, source_id="poll"))
    claim = next(c for c in analysis.claims if "$14.2 million" in c.text.text)
    quotes = {q.id: q for q in analysis.quotes}
    inner = quotes[claim.quote or ""]
    assert inner.speaker is not None and inner.speaker.name == "internal polling"
    assert claim.claimant.name == "Rachel Ortiz"

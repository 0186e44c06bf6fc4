"""Interviews printed as questions and answers (quotes 1.37; an interview with Moldova's
president written on 2026-11-29)."""

from __future__ import annotations

import pytest

import claimscope
from claimscope.model import Entity, make_span
from claimscope.quotes.interviews import answers, interviewee, question_paragraphs

INTERVIEW = (
    "'We will not give up our land': An interview with Moldova's president\n\n"
    "Maia Sandu has led Moldova since 2020. We spoke to her in Chisinau.\n\n"
    "Q: Are you worried that Russia could attack Moldova?\n\n"
    "A: We see the risks. But Moldova is not alone.\n\n"
    "Q: How much has the energy crisis cost the country?\n\n"
    "Sandu: Our gas bills tripled in 2022.\n"
)


def _person(text: str, name: str, *words: str) -> Entity:
    spans = []
    for w in words or (name,):
        at = text.index(w)
        spans.append(make_span(text, at, at + len(w)))
    return Entity(name, "PERSON", tuple(spans))


@pytest.mark.parametrize(("text", "count"), [
    (INTERVIEW, 2),
    # one question is a reader's question or a label, no interview
    ("Q: Why now?\n\nBecause.", 0),
    ("Quick answers.\nQuestion. Who?\nQuestion: What?", 2),
])
def test_question_paragraphs(text: str, count: int) -> None:
    assert len(question_paragraphs(text)) == count


def test_the_interviewee_is_the_person_introduced_before_the_first_question() -> None:
    text = "John Smith met Maia Sandu. Sandu spoke.\n\nQ: Why?\n\nQ: How?"
    smith = _person(text, "John Smith")
    sandu = _person(text, "Maia Sandu", "Maia Sandu", "Sandu spoke")
    assert interviewee(text, [smith, sandu], text.index("Q:")) is sandu
    assert interviewee(text, [], text.index("Q:")) is None


def test_an_answer_without_anyone_introduced_keeps_its_label() -> None:
    text = "Q: Why?\n\nA: Because it matters.\n\nQ: How?"
    (draft,) = answers(text, [])
    assert text[draft.speaker[0] : draft.speaker[1]] == "A"  # type: ignore[index]
    assert [text[s:e] for s, e in draft.content] == ["Because it matters."]


def test_an_interview_end_to_end() -> None:
    quotes = claimscope.analyze(INTERVIEW).quotes
    by_content = {q.content[0].text: q for q in quotes}
    answer = by_content["We see the risks. But Moldova is not alone."]
    assert answer.kind == "direct"
    assert answer.speaker is not None and answer.speaker.name == "Maia Sandu"
    turn = by_content["Our gas bills tripled in 2022."]
    assert turn.speaker is not None and turn.speaker.name == "Maia Sandu"
    # the interviewer's questions are no attributions
    assert not any("worried" in c.text for q in quotes for c in q.content)

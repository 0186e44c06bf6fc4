"""Interviews printed as questions and answers ("Q: Are you worried ...?" / "A: We see the
risks ..."): the answers are the interviewee's words, the questions the interviewer's.

The answer's label names no one, so the speaker is the person the article introduces before
the first question ("Maia Sandu has led Moldova since 2020. We spoke to her ..."): the
person named most often there, the first of them on a tie. With nobody named there, the
label itself is the speaker and stays unresolved.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimscope.model import Entity
from claimscope.quotes.assemble import Draft
from claimscope.quotes.marks import line_end

# A paragraph opening with a question's or an answer's label and a colon or full stop.
_QUESTION = re.compile(r"(?:^|(?<=\n))(?:Q|Question)[:.][^\S\n]+(?=\S)")
_ANSWER = re.compile(r"(?:^|(?<=\n))(A|Answer)([:.])[^\S\n]+(?=\S)")
# An article is an interview when at least this many paragraphs open as questions: one is
# as likely a reader's question in a column or a FAQ's.
_MIN_QUESTIONS = 2
# Confidence of an answer's attribution: the layout says who speaks, the introduction
# only suggests who the interviewee is.
ANSWER_CONFIDENCE = 0.7
NAMELESS_CONFIDENCE = 0.4


def question_paragraphs(text: str) -> list[tuple[int, int]]:
    """The [start, end) of every question paragraph when the text is an interview, else
    none."""
    found = [(m.start(), line_end(text, m.end())) for m in _QUESTION.finditer(text)]
    return found if len(found) >= _MIN_QUESTIONS else []


def interviewee(text: str, entities: Sequence[Entity], before: int) -> Entity | None:
    """The person named most often before offset ``before`` (the first question), the
    first named on a tie; None when no person is named there."""
    best: tuple[int, int, Entity] | None = None
    for actor in entities:
        if actor.label != "PERSON":
            continue
        starts = [m.start for m in actor.mentions if m.end <= before]
        if not starts:
            continue
        key = (len(starts), -min(starts), actor)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


def answers(text: str, entities: Sequence[Entity]) -> list[Draft]:
    """One draft per answer paragraph of an interview ("A: We see the risks."): the content
    the rest of the paragraph, the cue the label's colon, the speaker the interviewee's
    first mention (or the label, when nobody is introduced)."""
    questions = question_paragraphs(text)
    if not questions:
        return []
    person = interviewee(text, entities, questions[0][0])
    out: list[Draft] = []
    for m in _ANSWER.finditer(text):
        end = line_end(text, m.end())
        if end <= m.end():
            continue
        speaker = ((person.mentions[0].start, person.mentions[0].end) if person is not None
                   else m.span(1))
        out.append(Draft(
            content=[(m.end(), end)],
            cue=m.span(2),
            speaker=speaker,
            confidence=ANSWER_CONFIDENCE if person is not None else NAMELESS_CONFIDENCE,
            verbatim=True,
        ))
    return out


def drop_questions(text: str, drafts: list[Draft]) -> list[Draft]:
    """Drafts inside an interview's question paragraphs are the interviewer's questions,
    no attributions ("Q: Are you worried that Russia could attack Moldova?")."""
    questions = question_paragraphs(text)
    if not questions:
        return drafts
    return [d for d in drafts
            if not any(qs <= s and e <= qe for s, e in d.content for qs, qe in questions)]

"""Assembly of tagged spans into quotes: which content pieces stay with a cue (issue 3)."""

from __future__ import annotations

import pytest

from claimscope import nlp
from claimscope.quotes.assemble import (
    Draft,
    add_resumed,
    drop_stray_pieces,
    join_continued,
    report_source,
    reported_noun,
)
from claimscope.quotes.marks import find_quoted

TEXT = ("His cost estimates have been between $8 billion and $12 billion. Trump said that he "
        "will ensure that Mexico pays for the wall. “It will be built,” he said. “Fast.”")


def _span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


@pytest.mark.parametrize(
    ("pieces", "kept"),
    [
        # indirect content in another sentence, apart from the cue's own piece: dropped
        (["His cost estimates have been between $8 billion and $12 billion",
          "that he will ensure that Mexico pays for the wall"],
         ["that he will ensure that Mexico pays for the wall"]),
        # a piece that touches the cue's piece stays
        (["that he will ensure", "that Mexico pays for the wall"],
         ["that he will ensure", "that Mexico pays for the wall"]),
        # a single piece is never dropped, even in another sentence
        (["His cost estimates have been between $8 billion and $12 billion"],
         ["His cost estimates have been between $8 billion and $12 billion"]),
    ],
)
def test_stray_indirect_pieces(pieces: list[str], kept: list[str]) -> None:
    doc = nlp.load()(TEXT)
    draft = Draft([_span(p) for p in pieces], _span("said"), _span("Trump"), 0.9)
    drop_stray_pieces(doc, TEXT, [draft], find_quoted(TEXT))
    assert [TEXT[s:e] for s, e in draft.content] == kept


def test_quoted_piece_in_another_sentence_stays() -> None:
    doc = nlp.load()(TEXT)
    first = TEXT.index("“It will")
    cue = TEXT.index("said", first)
    draft = Draft([_span("“It will be built,”"), _span("“Fast.”")], (cue, cue + 4), None, 0.9)
    drop_stray_pieces(doc, TEXT, [draft], find_quoted(TEXT))
    assert len(draft.content) == 2


SPLIT = ("“The candidates just don’t understand the military,” said Col. Ann Reyes. “Their "
         "plans are far out there.” Another voter, Tom Hale, said “nothing will change.”")


def test_quote_resumed_after_its_attribution() -> None:
    """Issue 3: “A,” X said. “B.” is one quote with two pieces, even where the tagger
    marked only the first; a passage claimed by another attribution is left to it."""
    first = "“The candidates just don’t understand the military,”"
    start = SPLIT.index(first)
    cue = SPLIT.index("said")
    draft = Draft([(start, start + len(first))], (cue, cue + 4), None, 0.9)
    other_cue = SPLIT.index("said", cue + 1)
    other_start = SPLIT.index("“nothing")
    other = Draft([(other_start, len(SPLIT) - 1)], (other_cue, other_cue + 4), None, 0.9)
    add_resumed(SPLIT, [draft, other], find_quoted(SPLIT))
    assert [SPLIT[s:e][:12] for s, e in draft.content] == ["“The candida", "“Their plans"]
    assert len(other.content) == 1


@pytest.mark.parametrize(
    ("text", "resumed"),
    [
        ("“We will win,” he said. “They know it.”", True),
        ("“We will win,” he said, “and they know it.”", True),
        ("“We will win,” he said — “and they know it.”", True),
        # a quoted title inside the attribution's own clause is not more of the quote
        ("“There is today,” Murphy admitted during an interview for POLITICO’s “Off Message.”",
         False),
        ("“He views Russia as a foreign power,” he said on ABC’s “This Week.”", False),
    ],
)
def test_a_quotation_resumes_only_after_the_attribution_ends(text: str, resumed: bool) -> None:
    """Issue 3: on the by-publisher held-out articles two quotes had taken a programme's
    title as their last piece."""
    end = text.index("”") + 1
    cue = next(text.index(w) for w in ("said", "admitted") if w in text)
    word = text[cue:].split()[0].rstrip(",")
    draft = Draft([(0, end)], (cue, cue + len(word)), None, 0.9)
    add_resumed(text, [draft], find_quoted(text))
    assert (len(draft.content) == 2) is resumed


def _at(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.index(words, after)
    return start, start + len(words)


@pytest.mark.parametrize(
    ("text", "between", "resumed"),
    [
        # a long attribution that ends its sentence: the quotation after it goes on
        ("“You make mistakes along the trail,” Johnson said in Concord on Friday at a town "
         "hall meeting with voters. “If I had to do that over again, I'd have said it.”",
         None, True),
        # a cue inside the attribution's sentence ("referring to") yields the quotation
        ("“Women are paid equally,” she said at the convention, referring to her father's "
         "practices. “As president, my father will change the labor laws.”",
         "referring to", True),
        # a cue in a new sentence between: a new attribution, left alone
        ("“We will win,” he said. Experts expect a close race. “It is over,” one wrote.",
         "expect", False),
        # a line break between: the old limit of eight words holds
        ("“As far as France is concerned, it is everything but Clinton,” Le Pen told CNN in "
         "an interview taped in Paris on Wednesday.\n“It is everything but Hillary Clinton.”",
         None, False),
    ],
)
def test_a_quotation_resumes_after_a_long_attribution_that_ends_its_sentence(
    text: str, between: str | None, resumed: bool
) -> None:
    """Issue 3: “A,” X said [anything, even another cue]. “B.” goes on with the quote when
    the attribution's sentence ends before “B.” on the same line (PolNeAR's training gold:
    149 of 158 with a long attribution, 42 of 55 with another cue in its sentence); the
    passage is taken from that other cue's attribution when the tagger gave it there."""
    first = text.index("”") + 1
    cue = _at(text, "said" if "said" in text else "told")
    second = text.index("“", cue[1])
    draft = Draft([(0, first)], cue, None, 0.9)
    drafts = [draft]
    other = None
    if between is not None:
        other_cue = _at(text, between)
        end = len(text.rstrip()) if resumed else text.index("”", second) + 1
        other = Draft([(other_cue[1] + 1, end)], other_cue, None, 0.9)
        drafts.append(other)
    out = add_resumed(text, drafts, find_quoted(text))
    assert (len(draft.content) == 2) is resumed
    if resumed:
        assert text[draft.content[1][0]] == "“"
        assert draft.content[1][1] == len(text.rstrip())
    if other is not None and resumed:
        # the participle keeps what it said before the quotation
        assert other in out
        assert [text[s:e] for s, e in other.content] == ["her father's practices."]


@pytest.mark.parametrize(("gap", "joined"), [
    (".\n\n", True),  # the next paragraph reopens the quote
    (".\n \n  ", True),
    (". ", False),  # same paragraph, no attribution between: not a continuation
    (".\n\nPrices rose. ", False),  # the quoted passage does not open its paragraph
])
def test_an_untagged_quoted_paragraph_goes_on_with_the_attributed_quote(
    gap: str, joined: bool
) -> None:
    """Issue 3: a paragraph that reopens a quote goes on with the attributed quote before it
    even when the tagger left that paragraph out."""
    head = "“It carries 60,000 vehicles a day,” engineer Daniel Reyes said. “It is old"
    text = head + gap + "“If that means it stays closed until autumn, so be it.”"
    said = text.index("said")
    draft = Draft([(0, text.index(",”") + 2), (text.index("“It is"), len(head))],
                  (said, said + 4), (text.index("engineer"), said - 1), 0.9)
    out = join_continued(text, [draft], find_quoted(text))
    assert len(out) == 1
    assert any("so be it" in text[s:e] for s, e in out[0].content) is joined


def test_the_draft_ending_last_before_a_position() -> None:
    """join_continued's look-up: the draft ending last at or before the position (the first
    added among equals); a draft that grows past the position drops out."""
    from claimscope.quotes.assemble import _LastEnding

    a, b, c = (Draft([(s, e)], None, None, 0.5) for s, e in ((0, 10), (2, 10), (5, 30)))
    ends = _LastEnding()
    for d in (a, b, c):
        ends.add(d)
    assert ends.before(5) is None
    assert ends.before(12) is a
    a.content.append((40, 50))
    ends.add(a)
    assert ends.before(35) is c
    assert ends.before(60) is a


@pytest.mark.parametrize(("text", "cue", "source"), [
    # the seed's "Commenting on statements about ...": the statements' words, source unnamed
    ("Commenting on statements about North Koreans allegedly volunteering to fight, the "
     "president called them nonsense.", "Commenting on statements about", None),
    ("Despite Mr. Trump's claims that his net worth exceeds $10 billion, the list ranks him "
     "lower.", "claims that", "Mr. Trump"),
    ("The department pushed back against claims by intelligence agencies that some of her "
     "messages were classified.", "claims", "intelligence agencies"),
])
def test_a_report_noun_cue_takes_the_reports_source(text: str, cue: str,
                                                    source: str | None) -> None:
    """Issue 3: content hanging from a report noun governed by a preposition is the
    report's, not the words of the clause's subject."""
    doc = nlp.load()(text)
    start = text.index(cue)
    noun = reported_noun(doc.char_span(start, start + len(cue), alignment_mode="expand"))
    assert noun is not None
    found = report_source(noun)
    assert (text[found[0]:found[1]] if found else None) == source


@pytest.mark.parametrize(("text", "cue"), [
    ("Ginsburg said in a statement that she regretted the remarks.", "said in a statement"),
    ("The campaign released a statement saying the matter was closed.",
     "released a statement saying"),
    ("Putin said that the United States uses cluster munitions.", "said"),
])
def test_other_cues_are_not_report_nouns(text: str, cue: str) -> None:
    doc = nlp.load()(text)
    start = text.index(cue)
    assert reported_noun(doc.char_span(start, start + len(cue), alignment_mode="expand")) is None


@pytest.mark.parametrize(("text", "cue", "speaker", "nested"), [
    # the example: a cue with a subject of its own inside another's content
    ("He noted that Russia does not pose a threat to anyone and that the Americans "
     "themselves admit that the real threat comes from the White House.", "admit",
     "the Americans themselves", True),
    # a passive subject is whom the words were about, not who said them
    ("When Trump was asked if he would support the nominee, he said he was not ready.",
     "said", "he", False),
])
def test_a_cue_with_its_own_subject_keeps_it(text: str, cue: str, speaker: str,
                                            nested: bool) -> None:
    """Issue 3: a cue does not take another clause's speaker when it has a subject."""
    import claimscope

    quotes = claimscope.analyze(claimscope.read({"text": text, "id": "t"})).quotes
    found = [q for q in quotes if q.cue is not None and q.cue.text == cue]
    assert found, [q.to_json() for q in quotes]
    q = found[0]
    assert q.speaker is not None and q.speaker.mention is not None
    assert q.speaker.mention.text == speaker
    assert (q.parent is not None) == nested


@pytest.mark.parametrize(("text", "speaker", "stands_for"), [
    ("The memo went to John Podesta, who said the campaign would win.", "who", "John Podesta"),
    ("Critics include the National Rifle Association, which said the ad was false.", "which",
     "the National Rifle Association"),
    ("He said the campaign would win.", "He", None),
])
def test_a_relative_pronoun_speaker_stands_for_its_noun(
        text: str, speaker: str, stands_for: str | None) -> None:
    """Issue 3: "Podesta, who said ...": the speaker is Podesta, the mention "who"."""
    from claimscope.quotes.assemble import antecedent

    doc = nlp.load()(text)
    start = text.index(speaker)
    found = antecedent(doc, (start, start + len(speaker)))
    assert (text[found[0]:found[1]] if found else None) == stands_for


def test_a_relative_pronoun_speaker_is_resolved_through_its_noun() -> None:
    import claimscope

    text = ("Clinton's campaign chairman is John Podesta. The memo went to John Podesta, who "
            "said the campaign would win the state.")
    quotes = claimscope.analyze(claimscope.read({"text": text, "id": "t"})).quotes
    q = next(q for q in quotes if q.cue is not None and q.cue.text == "said")
    assert q.speaker is not None and q.speaker.mention is not None
    assert (q.speaker.name, q.speaker.mention.text) == ("John Podesta", "who")


@pytest.mark.parametrize(
    "text",
    [
        "Trump said that he will ensure that Mexico pays for the wall.",
        "“It will be built,” he told reporters on Tuesday, adding that it would be fast.",
        "According to the minister, who spoke on condition of anonymity, talks failed.\n\n"
        "  The Kremlin denied it.",
    ],
)
def test_governs_reads_the_parse_tree(text: str) -> None:
    """The head array the index walks (read once from the parse) says what walking up
    through spaCy's tokens says, for every pair of tokens (issue 3: speed)."""
    from claimscope.quotes.assemble import _GOVERN_DEPTH, _Index

    doc = nlp.load()(text)
    ix = _Index(doc, text)

    def walk(cue: int, token: int) -> bool:
        node = doc[token]
        for _ in range(_GOVERN_DEPTH):
            if node.head.i == node.i:
                return False
            node = node.head
            if node.i == cue:
                return True
        return False

    pairs = [(c, t) for c in range(len(doc)) for t in range(len(doc))]
    assert [ix.governs(c, t) for c, t in pairs] == [walk(c, t) for c, t in pairs]
    assert any(walk(c, t) for c, t in pairs)

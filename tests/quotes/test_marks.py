"""Quotation marks: pairing in every style, tolerant of broken pages, never raising."""

from __future__ import annotations

import time

import pytest

from claimscope.quotes.marks import (
    after_glued_close,
    as_primary_marks,
    find_quoted,
    inside_mask,
    line_paragraphs,
    quote_kind,
)


def passages(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quoted(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “it is bad,” and left.", ["“it is bad,”"]),
        ('He said "it is bad," and left.', ['"it is bad,"']),
        ("Er sagte „nein“ dazu.", ["„nein“"]),
        ("Il a dit « non » hier.", ["« non »"]),
        ("A ‘Ukrainian proxy’ and Russia's don’t", ["‘Ukrainian proxy’"]),
        # The seed closes a quote with an opening mark.
        ("“It is a crime,“ he said, “and so it is.”", ["“It is a crime,“", "“and so it is.”"]),
        ("No quotes at all, only the players’ kit.", []),
        # Two apostrophes for a double mark (archived New York Times text).
        ("He said, ''I had to think, 'This is their lives.'.'' Then he left.",
         ["''I had to think, 'This is their lives.'.''", "'This is their lives.'"]),
        ("They can ''rock like Jimi'' and ''stir the pot.''",
         ["''rock like Jimi''", "''stir the pot.''"]),
        # Issue 3: a double mark closing right after a single one, and three apostrophes
        # closing a single-quoted passage and then a pair, were read as no mark at all (the
        # quote ran to the paragraph's end, the attribution after it taken as content).
        ('''"We're citizens,'" said the woman, who asked not to be named.''',
         ['''"We're citizens,'"''']),
        ('''"I kept on arguing, saying, 'Yes I am.'" He left.''',
         ['''"I kept on arguing, saying, 'Yes I am.'"''', "'Yes I am.'"]),
        ("''She'd say, 'What did he mean by that?''' Mr. Biden said.",
         ["''She'd say, 'What did he mean by that?'''", "'What did he mean by that?'"]),
        ("He said ''It's fine.'' '''Tis the season,'' she said.",
         ["''It's fine.''", "'''Tis the season,''"]),
        # A closing double mark spaced from a single one (news style), or from the words;
        # a spaced mark with no quote open is no mark.
        ('''"He might say, 'Oh, this is important,' " Magel said.''',
         ['''"He might say, 'Oh, this is important,' "''', "'Oh, this is important,'"]),
        ("''I hate the term 'Manhattan poor,' '' she said.",
         ["''I hate the term 'Manhattan poor,' ''", "'Manhattan poor,'"]),
        ('''"He should be ashamed of himself, " Trump said.''',
         ['''"He should be ashamed of himself, "''']),
        ('The word " stands alone here.', []),
    ],
)
def test_pairs(text: str, expected: list[str]) -> None:
    assert passages(text) == expected


@pytest.mark.parametrize(("text", "lines"), [
    ("Title\n\nOne.\n\nTwo.", False),
    ("Title\nOne.\nTwo.\nThree.", True),
    # a blank line holding blanks is one break
    ("Title\n \nOne.\n \nTwo.", False),
    # a line wrapped inside blank-line paragraphs
    ("Title\n\nOne goes\non.\n\nTwo.\n\nThree.", False),
    ("No breaks at all.", False),
])
def test_line_paragraphs(text: str, lines: bool) -> None:
    """Quotes 1.39: paragraphs broken by single line breaks."""
    assert line_paragraphs(text) is lines


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "“It never closes, he said\n\nNext paragraph."
    assert passages(text) == ["“It never closes, he said"]
    assert find_quoted(text)[0].closed is False


def test_reopened_paragraph_continues_the_quote() -> None:
    text = "“First part of the quote.\n\n“Second part,” she said."
    found = find_quoted(text)
    assert [text[q.start : q.end] for q in found] == ["“First part of the quote.",
                                                      "“Second part,”"]
    assert found[1].continues == 0


@pytest.mark.parametrize(
    "text",
    ["“" * 10_000, '"' * 10_001, "'" * 10_001, "a'' " * 3000, "“a ” b “ c" * 2000,
     "‘" * 5000 + "’" * 5000, "", "“"],
)
def test_pathological_input_is_bounded(text: str) -> None:
    start = time.process_time()
    found = find_quoted(text)
    inside_mask(text, found)
    # Linear work: far below a second even for 10,000 marks (generous for slow machines).
    assert time.process_time() - start < 2.0


@pytest.mark.parametrize(
    ("text", "piece", "expected"),
    [
        ("He said: “We will win the war.”", "“We will win the war.”", "direct"),
        ("He said: “We will win the war.”", "He said", "indirect"),
        ("He said the talks were ‘a farce’ and left.", "the talks were ‘a farce’", "mixed"),
        # 21 of 23 letters quoted: direct; 8 of 10: mixed
        ("“It is all over now, friends,” he said.", "“It is all over now, friends,” he",
         "direct"),
        ("“It is over,” he said.", "“It is over,” he", "mixed"),
        ("“It is over,” said the president.", "“It is over,” said", "mixed"),
        ("“...” he said.", "“...”", "indirect"),  # no letters at all
    ],
)
def test_quote_kind_by_share_of_quoted_letters(text: str, piece: str, expected: str) -> None:
    start = text.index(piece)
    mask = inside_mask(text, find_quoted(text))
    assert quote_kind(text, [(start, start + len(piece))], mask) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("device,”Polyansky", "Polyansky"),
    ("Absolutely,″ Cicio", "Cicio"),
    ("allies.” Biden", "Biden"),
    # marks that belong to the name or title stay
    ("Charles “CQ” Brown", "Charles “CQ” Brown"),
    ("the “Avatar” star", "the “Avatar” star"),
    ("star of “Thelma and Louise,”", "star of “Thelma and Louise,”"),
    ("“Scandal", "“Scandal"),
    ("Polyansky", "Polyansky"),
])
def test_after_glued_close(name: str, expected: str) -> None:
    text = "x " + name
    assert text[after_glued_close(text, 2, len(text)) :] == expected



@pytest.mark.parametrize(("text", "expected"), [
    # single marks as the house style: written as double ones, apostrophes kept
    ("'We will not back down,' he told MPs. 'It's right.'",
     "“We will not back down,” he told MPs. “It's right.”"),
    ("‘Yes,’ said Reeves, whose party's view it is.",
     "“Yes,” said Reeves, whose party's view it is."),
    # any double mark: single marks nest or are apostrophes, the text is left alone
    ("He said \"it's the 'best' plan\".", "He said \"it's the 'best' plan\"."),
    # no single-quoted passage: nothing to do
    ("Russia's army and Brooks' car.", "Russia's army and Brooks' car."),
])
def test_single_marks_as_the_house_style(text: str, expected: str) -> None:
    """Quotes 1.27 (a British politics story, 2026-11-29): single-quoted speech was missed."""
    out = as_primary_marks(text)
    assert out == expected and len(out) == len(text)

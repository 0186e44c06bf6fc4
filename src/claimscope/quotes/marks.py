"""Quotation marks: which open, which close, and the passages they enclose.

Real pages mix mark styles and leave quotes unbalanced (the seed closes one quote with an
opening “). A mark's role therefore comes from its context first (what stands on each side:
"flanking", as CommonMark decides emphasis) and from its glyph only on a tie. Pairing is
per paragraph, linear in the text, and never raises: an unclosed quote ends at its
paragraph's end, and a paragraph that opens a quote while the previous one is still open
continues it (the multi-paragraph convention).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
DOUBLE_ANY = '"'
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
SINGLE_ANY = "'"
# Dashes that introduce or attribute a quote: em dash, en dash, the quotation dash
# (horizontal bar, U+2015) and the figure dash. The ASCII hyphen is left to each use.
DASHES = "\u2014\u2013\u2015\u2012"
_DOUBLE = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_ANY
_SINGLE = SINGLE_OPEN + SINGLE_CLOSE + SINGLE_ANY
DOUBLE_MARKS = frozenset(_DOUBLE)
SINGLE_MARKS = frozenset(_SINGLE)
QUOTE_MARKS = DOUBLE_MARKS | SINGLE_MARKS
_PARAGRAPH = re.compile(r"\n\s*\n")
_LINE_BREAK = re.compile(r"\n\s*")
# Two apostrophes stand for a double mark in some archives (the New York Times' ''...'' in
# PolNeAR: 116 of its 840 training articles).
PAIRED = "''"
# Longest single-quoted passage taken for a quote (characters): single marks double as
# apostrophes, so a far-away "closer" is more likely an apostrophe than the quote's end.
_MAX_SINGLE = 400
# The characters a scan for quotation marks stops at (the rest is skipped in C): double
# marks and the apostrophe of a pair, or single marks.
_DOUBLE_CANDIDATES = re.compile("[" + re.escape(_DOUBLE + SINGLE_ANY) + "]")
_SINGLE_CANDIDATES = re.compile("[" + re.escape(_SINGLE) + "]")


@dataclass(frozen=True, slots=True)
class Quoted:
    """A passage between marks: ``start`` at the opening mark, ``end`` after the closing one
    (or at the paragraph's end when it never closes). ``continues`` links a paragraph that
    reopens a quote to the passage it continues."""

    start: int
    end: int
    closed: bool
    double: bool
    continues: int | None = None  # index of the passage this one continues


# A blank line, perhaps holding blanks.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


@lru_cache(maxsize=8)
def line_paragraphs(text: str) -> bool:
    """Whether ``text`` separates its paragraphs with a line break rather than a blank line:
    it breaks lines more often than it leaves blank ones (scraped pages: 424 of 453
    SemEval 2023 articles, and 50 of PolNeAR's 924 train and dev articles, whose lines
    end in full stops). On PolNeAR's by-publisher held-out articles with their blank lines
    made line breaks, speech exact F1 fell from 0.712 to 0.685 while only blank lines
    counted."""
    blank = len(_BLANK_LINE.findall(text))
    return text.count("\n") - 2 * blank > blank


def line_end(text: str, start: int) -> int:
    """Where the line holding ``start`` ends, its trailing blanks left out (not before
    ``start``)."""
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def paragraph_break(text: str) -> str:
    """What separates the paragraphs of ``text`` (``line_paragraphs``)."""
    return "\n" if line_paragraphs(text) else "\n\n"


def paragraph_breaks(text: str) -> re.Pattern[str]:
    """A paragraph break of ``text`` with the blanks around it."""
    return _LINE_BREAK if line_paragraphs(text) else _PARAGRAPH


# What may follow a closing mark.
_CLOSING_CONTEXT = ".,;:!?)]}" + DASHES


def _closing_triple(text: str, i: int) -> bool:
    """Whether three apostrophes at ``i`` close a single-quoted passage and then a paired
    one, as in the archived New York Times: ''She'd say, 'What did he mean?''' Mr. Biden
    said. The first apostrophe is the single mark, the last two the pair."""
    if text[i : i + 3] != SINGLE_ANY * 3 or text[i : i + 4] == SINGLE_ANY * 4:
        return False
    after = text[i + 3] if i + 3 < len(text) else " "
    return after.isspace() or after in _CLOSING_CONTEXT


def _standalone(text: str, i: int, width: int) -> bool:
    """Whether the mark at ``i`` has space on both sides (news style spaces the closing
    double mark after a single one: ,' " he said), so that only an open quote gives it a
    role: it closes that quote."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return before.isspace() and (after.isspace() or after in _CLOSING_CONTEXT)


def _is_paired(text: str, i: int) -> bool:
    """Whether the apostrophe at ``i`` is one of a pair standing for a double mark."""
    return text.startswith(PAIRED, i) or (i > 0 and text.startswith(PAIRED, i - 1))


def _role(text: str, i: int, width: int = 1) -> str:
    """'open', 'close', or 'none' for the mark of ``width`` characters at ``i`` (context
    first, then glyph)."""
    ch = text[i]
    if ch in "«‹„‚":
        return "open"  # these glyphs never close
    if ch in "»›":
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    follows_mark = before in _DOUBLE + _SINGLE
    left_space = before.isspace() or before in "([{-/" + DASHES or follows_mark
    # A mark after it counts as space only for a mark that follows a word ('Yes I am.'")
    right_space = (after.isspace() or after in _CLOSING_CONTEXT
                   or (after in _DOUBLE + _SINGLE and not left_space))
    if ch in _SINGLE and before.isalnum() and after.isalnum():
        return "none"  # an apostrophe inside a word: don't, Russia's
    if left_space and not right_space:
        return "open"
    if right_space and not left_space:
        return "close"
    if follows_mark and right_space and ch not in DOUBLE_OPEN + SINGLE_OPEN:
        return "close"  # right after another mark, before a space: 'we're citizens,'" said
    if ch in DOUBLE_OPEN + SINGLE_OPEN:
        return "open"
    if ch in DOUBLE_CLOSE + SINGLE_CLOSE:
        return "close" if not before.isspace() else "none"
    return "none"


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in paragraph_breaks(text).finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def find_quoted(text: str) -> list[Quoted]:
    """Every quoted passage of ``text`` in order (double marks, and single-mark pairs)."""
    out: list[Quoted] = []
    for p_start, p_end in _paragraphs(text):
        out.extend(_in_paragraph(text, p_start, p_end, double=True))
        out.extend(_in_paragraph(text, p_start, p_end, double=False))
    out.sort(key=lambda q: q.start)
    return _relink(text, out)


_ANY_DOUBLE = re.compile("[" + re.escape(_DOUBLE) + "]|" + re.escape(PAIRED))


def as_primary_marks(text: str) -> str:
    """``text`` with its single quotation marks written as double ones when it has no double
    marks at all but single-quoted passages: the house style of many British, Irish and
    South Asian outlets (‘We will not back down,’ he told MPs), which the tagger, trained
    on American news where single marks only nest, would not read as speech. Apostrophes
    inside words stay; every character keeps its offset. ``text`` itself otherwise."""
    if _ANY_DOUBLE.search(text) or not any(
            _in_paragraph(text, s, e, double=False) for s, e in _paragraphs(text)):
        return text
    chars = list(text)
    for m in _SINGLE_CANDIDATES.finditer(text):
        role = _role(text, m.start())
        if role == "open":
            chars[m.start()] = "“"
        elif role == "close":
            chars[m.start()] = "”"
    return "".join(chars)


def _in_paragraph(text: str, start: int, end: int, *, double: bool) -> list[Quoted]:
    marks = _DOUBLE if double else _SINGLE
    found: list[Quoted] = []
    opened: int | None = None
    after = start  # past the last mark read (a pair's second apostrophe is part of it)
    for candidate in (_DOUBLE_CANDIDATES if double else _SINGLE_CANDIDATES).finditer(
        text, start, end
    ):
        i = candidate.start()
        if i < after:
            continue
        if text[i] not in marks and not (double and text.startswith(PAIRED, i)):
            continue
        width = 1
        triple = _closing_triple(text, i)
        if triple and double:
            continue  # the single mark before the closing pair
        if not triple and text[i] == SINGLE_ANY and _is_paired(text, i):
            if not double:
                continue  # half of a double mark
            width = 2
        role = "close" if triple else _role(text, i, width)
        if role == "none" and double and opened is not None and _standalone(text, i, width):
            role = "close"  # 'Oh, this is important,' " Magel said: a spaced closing mark
        if role == "open" and opened is None:
            opened = i
        elif role == "close" and opened is not None:
            if double or i - opened <= _MAX_SINGLE:
                found.append(Quoted(opened, i + width, True, double))
            opened = None
        elif role == "open" and opened is not None and double:
            # A second opener before any closer: the first quote was closed with the wrong
            # glyph or not at all. Close it here when text separates them.
            if text[opened + 1 : i].strip():
                found.append(Quoted(opened, i, False, double))
            opened = i
        after = i + width
    if opened is not None and double and text[opened + 1 : end].strip():
        found.append(Quoted(opened, end, False, double))
    return found


def _relink(text: str, quoted: list[Quoted]) -> list[Quoted]:
    """Mark a quote that opens a paragraph as continuing the previous paragraph's quote
    when that one ran to its paragraph's end without closing."""
    out: list[Quoted] = []
    last_double: int | None = None
    for q in quoted:
        cont = None
        if q.double and last_double is not None:
            prev = out[last_double]
            if not prev.closed and not text[prev.end : q.start].strip():
                cont = prev.continues if prev.continues is not None else last_double
        out.append(Quoted(q.start, q.end, q.closed, q.double, cont))
        if q.double:
            last_double = len(out) - 1
    return out


def inside_mask(text: str, quoted: Sequence[Quoted]) -> bytearray:
    """Per character: 0 outside quotes, 1 inside single marks, 2 inside double marks."""
    mask = bytearray(len(text))
    for q in quoted:
        level = 2 if q.double else 1
        for i in range(q.start, q.end):
            if mask[i] < level:
                mask[i] = level
    return mask


# Share of a quote's letters inside quotation marks from which it is direct; below it,
# any quoted words make it mixed. 0.9 leaves room for a cue word inside the marks.
_DIRECT_SHARE = 0.9


def quote_kind(text: str, pieces: list[tuple[int, int]], mask: bytearray) -> str:
    letters = quoted = 0
    for s, e in pieces:
        chars = text[s:e]
        letters += sum(map(str.isalnum, chars))
        # The mask is nonzero exactly inside single or double marks.
        quoted += sum(map(str.isalnum, compress(chars, mask[s:e])))
    if letters and quoted / letters >= _DIRECT_SHARE:
        return "direct"
    return "mixed" if quoted else "indirect"


# Marks that may close a quote with no space before the next word ("...,”Polyansky said";
# the double prime some feeds use for a closing mark: "Absolutely,″ Cicio said"): the
# tokenizer then keeps "device,”Polyansky" one word.
_GLUED_CLOSE = frozenset(DOUBLE_MARKS | {"\u2033"})
_CLOSING_PUNCTUATION = frozenset(",.?!")


def after_glued_close(text: str, start: int, end: int) -> int:
    """Where a name or speaker span [start, end) starts once a quote's closing mark glued
    to its front is cut off: after the first double mark in it when a comma or a stop
    comes just before the mark and words after it ("device,”Polyansky": Polyansky);
    ``start`` when there is none. A name or title may quote ("Charles “CQ” Brown", "the
    “Avatar” star", "star of “Thelma and Louise,”"): those marks stay."""
    words = text[start:end]
    cut = next((i for i, ch in enumerate(words) if ch in _GLUED_CLOSE), -1)
    if not 0 < cut < len(words.rstrip()) - 1 or words[cut - 1] not in _CLOSING_PUNCTUATION:
        return start
    at = start + cut + 1
    while at < end and text[at].isspace():
        at += 1
    return at


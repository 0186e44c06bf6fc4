"""Classify the lines of a scraped page: title, heading, paragraph, or debris with a reason.

Decisions come from each line's own features (length, terminal punctuation, title case,
position, blank lines around it, what follows it) plus generic page conventions from
:mod:`claimscope.ingest.lexicon`. The pass is two-step: every line gets an intrinsic
kind, then context (runs of short lines, the first headline, what follows) settles it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from claimscope.ingest import lexicon
from claimscope.ingest.dates import parse_date


class Kind(StrEnum):
    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    DEBRIS = "debris"


class Reason(StrEnum):
    SECTION = "section label"
    OUTLET = "outlet or photo credit"
    BYLINE = "byline or date"
    UI = "interface text"
    COOKIE = "cookie or consent notice"
    RELATED = "related article link"
    TAG = "topic tag or label of a related article"
    CAPTION = "caption or credit inside the text"
    TRAILING = "trailing link or tag"
    BOILERPLATE = "boilerplate about the issuer"
    CONTRIBUTORS = "contributors' credit"


@dataclass(frozen=True, slots=True)
class Line:
    """One non-empty line of the raw input; offsets of its stripped content in the raw."""

    start: int
    end: int
    text: str
    blank_before: bool
    blank_after: bool


@dataclass(frozen=True, slots=True)
class Features:
    words: int
    title_case: float
    terminal: bool
    question: bool
    lower_inner: int  # content words after the first that start in lowercase
    full_stop: bool


@dataclass(frozen=True, slots=True)
class Labelled:
    line: Line
    kind: Kind
    reason: Reason | None = None


@dataclass(frozen=True, slots=True)
class PageLayout:
    lines: tuple[Labelled, ...]
    outlet: str | None
    section: str | None
    published: str | None
    author: str | None


# Words that stay lowercase in title case and carry no capitalisation signal.
_STOP = frozenset(
    "a an the of in on at to for and but or nor with by from as is are was be into over "
    "after before about against amid between via per vs than that this its it he she they "
    "we i you his her their our my your".split()
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_TERMINAL = tuple(".!?…\"”’'»):;")
_PUNCT = re.compile(r"[^\w\s]+")
# Share of capitalised content words from which a line reads as a headline: sentences have
# a capital on names only (well under half of content words); headlines capitalise nearly all.
_TITLE_CASE = 0.75
# Lines this long are body text whatever their punctuation: no headline or UI label runs
# to 25 words.
_LONG_LINE = 25
# Longest subheading kept: subheads are short labels; a longer title-case line between
# paragraphs is a headline of another article.
_MAX_HEADING_WORDS = 10
# Headlines run to about 20 words; lead paragraphs are longer and rarely one sentence.
_MAX_TITLE_SENTENCE_WORDS = 20
_INNER_STOP = re.compile(r"[.!?][”’\"']?\s+[A-Z“‘\"]")
# "More on this story", "You may also like": labels over a list of links are short.
_LIST_HEADER_WORDS = 5
# A date line holds at most this many other words ("Published on Tuesday, March 5, 2024,
# 10:15"); a headline naming its day has more.
_DATE_LINE_WORDS = 5
# Lines of up to this many words inside a run of debris are credits or captions.
_CREDIT_WORDS = 3
# A press release closes with a paragraph or two about the issuer, a few more with
# forward-looking statements; a section with more paragraphs under such a heading is
# part of the story.
_MAX_BOILERPLATE_PARAGRAPHS = 6


def split_lines(raw: str) -> list[Line]:
    """Non-empty lines with stripped offsets and whether a blank line surrounds them."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in raw.splitlines(keepends=True):
        content = piece.rstrip("\r\n")
        stripped = content.strip()
        if stripped:
            lead = len(content) - len(content.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        else:
            spans.append((-1, -1))
        pos += len(piece)
    lines: list[Line] = []
    for i, (s, e) in enumerate(spans):
        if s < 0:
            continue
        before = i == 0 or spans[i - 1][0] < 0
        after = i == len(spans) - 1 or spans[i + 1][0] < 0
        lines.append(Line(s, e, raw[s:e], before, after))
    return lines


def features(text: str) -> Features:
    words = _WORD.findall(text)
    content = [w for w in words if w.lower() not in _STOP]
    caps = sum(1 for w in content if w[0].isupper())
    return Features(
        words=len(text.split()),
        title_case=caps / len(content) if content else 0.0,
        terminal=text.endswith(_TERMINAL),
        question=text.endswith("?"),
        lower_inner=sum(1 for w in content[1:] if w[0].islower()),
        full_stop=text.rstrip("”’\"')").endswith("."),
    )


def _norm(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


def intrinsic(line: Line) -> tuple[Kind, Reason | None]:
    """What a line is on its own; ``HEADING`` here means "short, headline-like"."""
    text = line.text
    f = features(text)
    norm = _norm(text)
    if f.words <= 30 and lexicon.RELATED_PREFIX.match(text):
        return Kind.DEBRIS, Reason.RELATED
    if f.words <= 12 and norm in lexicon.UI_LINES:
        return Kind.DEBRIS, Reason.UI
    if f.words <= 16 and any(p.match(text) for p in lexicon.UI_PATTERNS):
        return Kind.DEBRIS, Reason.UI
    if f.words <= 60 and lexicon.COOKIE.search(text) and lexicon.COOKIE_CONTEXT.search(text):
        return Kind.DEBRIS, Reason.COOKIE
    if f.words <= 40 and lexicon.CAPTION_TAIL.search(text):
        return Kind.DEBRIS, Reason.CAPTION
    label = lexicon.LABEL_SPLIT.split(text, maxsplit=1)
    if len(label) == 2 and label[0].strip().lower() in lexicon.SECTIONS and label[1].strip():
        return Kind.DEBRIS, Reason.RELATED
    if f.words <= 30 and lexicon.TAGS_PREFIX.match(text):
        return Kind.DEBRIS, Reason.TAG
    if f.words <= 40 and lexicon.CONTRIBUTORS.search(text):
        return Kind.DEBRIS, Reason.CONTRIBUTORS
    if f.words <= 12 and (lexicon.BYLINE.match(text) or lexicon.BYLINE_WORDS.match(text)):
        return Kind.DEBRIS, Reason.BYLINE
    if f.words <= 14 and not _is_sentence(f) and (
        lexicon.DATE.search(text) or lexicon.TIME.fullmatch(text.strip())
    ) and not _dated_title(text):
        return Kind.DEBRIS, Reason.BYLINE
    credit = lexicon.CREDIT_ANYWHERE.search(text) or lexicon.CREDIT.match(text)
    if f.words <= 14 and credit and not _is_sentence(f):
        return Kind.DEBRIS, Reason.OUTLET
    if f.words <= 5 and (norm in lexicon.OUTLETS or text.strip("()").lower() in lexicon.OUTLETS):
        return Kind.DEBRIS, Reason.OUTLET
    if f.words <= 3 and text.lower().strip(" :") in lexicon.SECTIONS:
        return Kind.DEBRIS, Reason.SECTION
    if _is_sentence(f):
        return Kind.PARAGRAPH, None
    return Kind.HEADING, None


def _dated_title(text: str) -> bool:
    """A headline that names its day ("Foreign Ministry Spokesperson Mao Ning's Regular
    Press Conference on March 5, 2024", removed as a date line on 2026-11-30): more than
    ``_DATE_LINE_WORDS`` words besides a date joined by "on" or "of", and no signature of
    an embedded post ("— Name (@handle) March 13, 2018")."""
    date = lexicon.DATE.search(text)
    if date is None or any(mark in text for mark in ("@", "http", "—", "•", "|")):
        return False
    rest = (text[: date.start()] + " " + text[date.end() :]).split()
    return len(rest) > _DATE_LINE_WORDS and text[: date.start()].rstrip().lower().endswith(
        (" on", " of"))


def _is_sentence(f: Features) -> bool:
    if f.words >= _LONG_LINE:
        return True
    if f.question and f.words <= 8:
        return False
    if f.terminal:
        # Title-case headlines capitalise every content word; a full stop after a line
        # with lowercase content words is a sentence, however many names it holds.
        return f.title_case < _TITLE_CASE or (f.full_stop and f.lower_inner > 0)
    # Unpunctuated body text (a scraper dropped the full stop) still reads as prose.
    return f.words >= 12 and f.title_case < 0.5


def classify(lines: Sequence[Line]) -> list[Labelled]:
    """Label every line using its intrinsic kind and its neighbours."""
    first = [intrinsic(line) for line in lines]
    kinds: list[Kind] = [k for k, _ in first]
    reasons: list[Reason | None] = [r for _, r in first]
    n = len(lines)
    para_idx = [i for i, k in enumerate(kinds) if k is Kind.PARAGRAPH]
    if not para_idx:
        # No prose at all: keep every line that is not evident debris as a paragraph.
        return [
            Labelled(ln, Kind.PARAGRAPH if k is Kind.HEADING else k, r)
            for ln, k, r in zip(lines, kinds, reasons, strict=True)
        ]
    first_para = para_idx[0]
    last_para = para_idx[-1]

    # Title: the longest headline-like line of three words or more before the first
    # paragraph (section labels and kickers are shorter); the later one on a tie.
    candidates = [
        (features(lines[i].text).words, i)
        for i in range(first_para)
        if kinds[i] is Kind.HEADING and features(lines[i].text).words >= 3
    ]
    title_idx = max(candidates)[1] if candidates else None
    if title_idx is None and _headline_sentence(lines, kinds, first_para, para_idx):
        # A headline written as a sentence ("X calls on Y to apologise."): the first
        # line of prose when it is short, one sentence, and more prose follows.
        title_idx = first_para
        first_para += 1
    out: list[Labelled | None] = [None] * n
    for i in range(first_para):
        if i == title_idx:
            out[i] = Labelled(lines[i], Kind.TITLE)
        elif kinds[i] is Kind.HEADING:
            out[i] = Labelled(lines[i], Kind.DEBRIS, Reason.SECTION)
        else:
            out[i] = Labelled(lines[i], kinds[i], reasons[i])

    blank_separated = _blank_separated(lines, para_idx)
    i = first_para
    while i < n:
        if kinds[i] is Kind.PARAGRAPH:
            out[i] = Labelled(lines[i], Kind.PARAGRAPH)
            i += 1
            continue
        j = i
        while j < n and kinds[j] is not Kind.PARAGRAPH:
            j += 1
        for k, lab in enumerate(_settle_run(lines, kinds, reasons, i, j, j > last_para,
                                            blank_separated)):
            out[i + k] = lab
        i = j
    return _boilerplate_tail([lab for lab in out if lab is not None])


def _boilerplate_tail(lines: list[Labelled]) -> list[Labelled]:
    """A press release's closing sections ("About Acme Health", "Forward-Looking
    Statements") are the issuer's boilerplate, not the story: from the first such heading
    after the body on, when at most ``_MAX_BOILERPLATE_PARAGRAPHS`` paragraphs follow."""
    for i, lab in enumerate(lines):
        heading = lexicon.BOILERPLATE_HEADING.fullmatch(lab.line.text)
        if lab.kind is Kind.HEADING and heading is not None:
            tail = lines[i:]
            paragraphs = [t.line.text for t in tail if t.kind is Kind.PARAGRAPH]
            name = heading.group("name")
            if (len(paragraphs) > _MAX_BOILERPLATE_PARAGRAPHS
                    or not any(t.kind is Kind.PARAGRAPH for t in lines[:i])
                    or (name and not (paragraphs and paragraphs[0].startswith(name.split()[0])))):
                return lines
            return lines[:i] + [t if t.kind is Kind.DEBRIS
                                else Labelled(t.line, Kind.DEBRIS, Reason.BOILERPLATE)
                                for t in tail]
    return lines


def _headline_sentence(
    lines: Sequence[Line], kinds: list[Kind], first: int, para_idx: list[int]
) -> bool:
    text = lines[first].text
    return (
        len(para_idx) >= 3
        and all(k is Kind.DEBRIS for k in kinds[first + 1 : para_idx[1]])
        and features(text).words <= _MAX_TITLE_SENTENCE_WORDS
        and not _INNER_STOP.search(text)
    )


def _blank_separated(lines: Sequence[Line], para_idx: list[int]) -> bool:
    """Whether this page separates paragraphs with blank lines (then blanks say nothing)."""
    if len(para_idx) < 2:
        return True
    blanks = sum(1 for i in para_idx if lines[i].blank_after)
    return blanks >= len(para_idx) / 2


def _settle_run(
    lines: Sequence[Line],
    kinds: list[Kind],
    reasons: list[Reason | None],
    start: int,
    end: int,
    trailing: bool,
    blank_separated: bool,
) -> list[Labelled]:
    """Decide a run of consecutive non-paragraph lines between paragraphs (or at the end)."""
    run = range(start, end)
    heading_at: int | None = None
    if not trailing:
        last = end - 1
        f = features(lines[last].text)
        above = last - 1 if last > start else None
        # A bare label right above (a section name, "More on this story", "Related Topics")
        # or a headline stacked on it without a blank line makes the line another
        # article's headline, a teaser. Other debris above ("Read more: <headline>", an ad
        # marker, a share bar) says nothing about it.
        teaser = above is not None and (
            reasons[above] is Reason.SECTION
            or (kinds[above] is Kind.DEBRIS and _is_list_header(lines[above].text))
            or (kinds[above] is not Kind.DEBRIS and not lines[last].blank_before)
        )
        separated = lines[last].blank_before or not blank_separated
        if (
            kinds[last] is Kind.HEADING
            and f.words <= _MAX_HEADING_WORDS
            and (above is None or (separated and not teaser))
        ):
            heading_at = last
    out: list[Labelled] = []
    for i in run:
        if i == heading_at:
            out.append(Labelled(lines[i], Kind.HEADING))
        elif kinds[i] is Kind.DEBRIS:
            out.append(Labelled(lines[i], Kind.DEBRIS, reasons[i]))
        elif trailing:
            out.append(Labelled(lines[i], Kind.DEBRIS, Reason.TRAILING))
        else:
            out.append(Labelled(lines[i], Kind.DEBRIS, _run_reason(lines, i, end)))
    return out


def _is_list_header(text: str) -> bool:
    f = features(text)
    return (
        f.words <= _LIST_HEADER_WORDS
        and not f.terminal
        and lexicon.LIST_HEADER.search(text) is not None
    )


def _run_reason(lines: Sequence[Line], i: int, end: int) -> Reason:
    words = features(lines[i].text).words
    if words <= 6 and i + 1 < end:
        return Reason.TAG
    if words <= _CREDIT_WORDS:
        return Reason.CAPTION
    return Reason.RELATED


def layout(raw: str) -> PageLayout:
    """Classify ``raw``'s lines and read the metadata the debris carries."""
    labelled = tuple(classify(split_lines(raw)))
    return PageLayout(
        lines=labelled,
        outlet=_outlet(labelled),
        section=_section(labelled),
        published=_published(labelled),
        author=_author(labelled),
    )


def _outlet(lines: Sequence[Labelled]) -> str | None:
    for lab in lines:
        if lab.reason is not Reason.OUTLET and lab.reason is not Reason.CAPTION:
            continue
        text = lab.line.text.strip("() ")
        if text.lower() in lexicon.OUTLETS:
            return lexicon.OUTLETS[text.lower()]
        for part in re.split(r"[©/|,:]", text):
            name = part.strip().lower()
            if name in lexicon.OUTLETS and name not in {"getty images", "shutterstock", "pool"}:
                return lexicon.OUTLETS[name]
    return None


def _section(lines: Sequence[Labelled]) -> str | None:
    for lab in lines:
        if lab.kind is Kind.TITLE or lab.kind is Kind.PARAGRAPH:
            return None
        if lab.reason is Reason.SECTION:
            return lab.line.text.strip(" :")
    return None


def _published(lines: Sequence[Labelled]) -> str | None:
    for lab in lines:
        if lab.reason is Reason.BYLINE:
            found = parse_date(lab.line.text)
            if found:
                return found
    return None


def _author(lines: Sequence[Labelled]) -> str | None:
    for lab in lines:
        if lab.reason is Reason.BYLINE:
            m = re.match(
                r"^(?:by|written by|reporting by|words by|story by)\s+(.+?)(?:\s*[,|–—/-]|$)",
                lab.line.text,
                re.IGNORECASE,
            )
            if m and not lexicon.DATE.search(m.group(1)):
                return m.group(1).strip()
    return None

"""Build the analysed text from kept pieces of the raw input, with the offset map."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from claimscope.datelines import agency
from claimscope.ingest import lexicon
from claimscope.model import OffsetMap, Segment, Span, make_span

PARAGRAPH_BREAK = "\n\n"


class Role(StrEnum):
    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"


@dataclass(frozen=True, slots=True)
class Piece:
    """A kept block: ``text`` as it stands at ``raw_start`` in the raw input."""

    text: str
    role: Role
    raw_start: int
    exact: bool = True


@dataclass(frozen=True, slots=True)
class Assembled:
    text: str
    title_span: Span | None
    headings: tuple[Span, ...]
    paragraphs: tuple[Span, ...]
    offsets: OffsetMap


def assemble(pieces: Iterable[Piece]) -> Assembled:
    """Join pieces with blank lines; record where each came from and what it is."""
    parts: list[str] = []
    placed: list[tuple[int, int, Piece]] = []
    pos = 0
    for piece in pieces:
        if parts:
            parts.append(PARAGRAPH_BREAK)
            pos += len(PARAGRAPH_BREAK)
        parts.append(piece.text)
        placed.append((pos, pos + len(piece.text), piece))
        pos += len(piece.text)
    text = "".join(parts)
    title: Span | None = None
    headings: list[Span] = []
    paragraphs: list[Span] = []
    for start, end, piece in placed:
        span = make_span(text, start, end)
        if piece.role is Role.TITLE and title is None:
            title = span
        elif piece.role is Role.HEADING:
            headings.append(span)
        else:
            paragraphs.append(span)
    segments = tuple(Segment(s, e, p.raw_start, p.exact) for s, e, p in placed)
    return Assembled(text, title, tuple(headings), tuple(paragraphs), OffsetMap(segments))


def verbatim_paragraphs(text: str) -> tuple[Span, ...]:
    """Paragraph spans of a text kept verbatim: blocks between blank lines, else lines."""
    blocks: list[Span] = []
    sep = "\n\n" if "\n\n" in text else "\n"
    pos = 0
    for chunk in text.split(sep):
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        if body:
            blocks.append(make_span(text, pos + lead, pos + lead + len(body)))
        pos += len(chunk) + len(sep)
    return tuple(blocks)


def wire_outlet(built: Assembled) -> str | None:
    """The outlet a wire dateline names ("COLUMBUS, Ohio (AP) — ...": "AP"), when the page
    says nothing else of where it comes from; only agencies and outlets of the lexicon."""
    name = agency(built.text, built.paragraphs)
    return lexicon.OUTLETS.get(name.lower()) if name else None

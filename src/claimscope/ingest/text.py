"""Scraped plain text (a page copied or crawled as text) to an Article."""

from __future__ import annotations

from claimscope.ingest.assemble import Piece, Role, assemble, verbatim_paragraphs, wire_outlet
from claimscope.ingest.debris import Kind, layout
from claimscope.model import Article, Meta, OffsetMap, Removed

_ROLE = {Kind.TITLE: Role.TITLE, Kind.HEADING: Role.HEADING, Kind.PARAGRAPH: Role.PARAGRAPH}


def from_scraped(raw: str, source_id: str, *, clean: bool = True) -> Article:
    """Read a scraped page: debris lines removed and listed, metadata kept."""
    if not clean:
        return verbatim(raw, source_id, input_format="text")
    page = layout(raw)
    pieces = [
        Piece(lab.line.text, _ROLE[lab.kind], lab.line.start)
        for lab in page.lines
        if lab.kind is not Kind.DEBRIS
    ]
    removed = tuple(
        Removed(lab.line.text, str(lab.reason), lab.line.start, lab.line.end)
        for lab in page.lines
        if lab.kind is Kind.DEBRIS and lab.reason is not None
    )
    built = assemble(pieces)
    return Article(
        raw=raw,
        text=built.text,
        source_id=source_id,
        title=built.title_span.text if built.title_span else None,
        title_span=built.title_span,
        outlet=page.outlet or wire_outlet(built),
        section=page.section,
        published=page.published,
        author=page.author,
        headings=built.headings,
        paragraphs=built.paragraphs,
        removed=removed,
        offsets=built.offsets,
        input_format="text",
    )


def verbatim(text: str, source_id: str, *, input_format: str, meta: Meta | None = None) -> Article:
    """An article whose analysed text is exactly ``text`` (offsets are the input's)."""
    m = meta or Meta()
    return Article(
        raw=text,
        text=text,
        source_id=source_id,
        title=m.title,
        outlet=m.outlet,
        section=m.section,
        published=m.published,
        url=m.url,
        author=m.author,
        record_id=m.record_id,
        paragraphs=verbatim_paragraphs(text),
        offsets=OffsetMap.identity(len(text)),
        input_format=input_format,
    )

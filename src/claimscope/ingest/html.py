"""HTML pages through trafilatura: title, author, date, body; comments excluded."""

from __future__ import annotations

import json

from lxml import etree

from claimscope.errors import InputError
from claimscope.ingest.assemble import Piece, Role, assemble, wire_outlet
from claimscope.ingest.dates import normalise_date
from claimscope.model import Article

# Elements of trafilatura's XML output that hold body text, by role.
_BLOCKS = {"head": Role.HEADING, "p": Role.PARAGRAPH, "item": Role.PARAGRAPH,
           "quote": Role.PARAGRAPH, "cell": Role.PARAGRAPH}
# Characters of a block looked up in the raw HTML to locate it (entities and tags inside a
# block make the whole of it unfindable; its opening words usually are not).
_PROBE = 24


def from_html(raw: str, source_id: str) -> Article:
    import trafilatura

    try:
        xml = trafilatura.extract(
            raw,
            output_format="xml",
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            favor_precision=True,
        )
        root = etree.fromstring(xml.encode("utf-8")) if xml else None
    except (ValueError, TypeError, etree.LxmlError) as exc:
        raise InputError(source_id, f"unreadable HTML: {exc}") from exc
    if root is None:
        raise InputError(source_id, "HTML page with no article text")
    pieces: list[Piece] = []
    cursor = 0
    title = root.get("title")
    if title:
        pieces.append(_locate(raw, title.strip(), Role.TITLE, 0))
    for el in root.iter(*_BLOCKS):
        parent = el.getparent()
        if parent is not None and parent.tag in _BLOCKS:
            continue
        text = " ".join("".join(str(t) for t in el.itertext()).split())
        if not text or (len(pieces) == 1 and title and text == title.strip()):
            continue  # empty, or the page's headline repeating the title
        piece = _locate(raw, text, _BLOCKS[el.tag], cursor)
        cursor = max(cursor, piece.raw_start)
        pieces.append(piece)
    if not any(p.role is not Role.TITLE for p in pieces):
        raise InputError(source_id, "HTML page with no article text")
    built = assemble(pieces)
    return Article(
        raw=raw,
        text=built.text,
        source_id=source_id,
        title=title.strip() if title else None,
        title_span=built.title_span,
        outlet=root.get("sitename") or wire_outlet(built),
        section=(root.get("categories") or "").split(";")[0].strip() or _section(raw),
        published=normalise_date(root.get("date")),
        url=root.get("url") or None,
        author=root.get("author") or None,
        headings=built.headings,
        paragraphs=built.paragraphs,
        offsets=built.offsets,
        input_format="html",
    )


def _section(raw: str) -> str | None:
    """The section a page's own metadata names, where trafilatura finds no category: the
    ``article:section`` meta tag, else a JSON-LD ``articleSection`` (a news page's usual
    places); None when neither is there or readable."""
    from lxml import html as lxml_html

    try:
        page = lxml_html.fromstring(raw)
    except (ValueError, etree.LxmlError):
        return None
    for content in _strings(page.xpath('//meta[@property="article:section"]/@content')):
        if content.strip():
            return content.strip()
    for script in _strings(page.xpath('//script[@type="application/ld+json"]/text()')):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            found = item.get("articleSection") if isinstance(item, dict) else None
            if isinstance(found, list):
                found = found[0] if found else None
            if isinstance(found, str) and found.strip():
                return found.strip()
    return None


def _strings(found: object) -> list[str]:
    """An XPath result as the strings it holds (attribute values, text nodes)."""
    return [str(x) for x in found] if isinstance(found, list) else []


def _locate(raw: str, text: str, role: Role, cursor: int) -> Piece:
    """Where ``text`` stands in ``raw``: exact when verbatim, else near its opening words."""
    at = raw.find(text, cursor)
    if at >= 0:
        return Piece(text, role, at, exact=True)
    at = raw.find(text[:_PROBE], cursor)
    return Piece(text, role, at if at >= 0 else cursor, exact=False)

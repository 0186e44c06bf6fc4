"""JSON and JSONL records: ``{"text", "title"?, "url"?, "published"?, "outlet"?, "id"?}``.

A record's ``text`` is analysed verbatim unless cleaning is asked for, so that offsets in
the output are offsets into the record's text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from claimscope.errors import InputError
from claimscope.ingest.dates import normalise_date
from claimscope.ingest.text import from_scraped, verbatim
from claimscope.model import Article, Meta

_META_FIELDS = ("title", "outlet", "section", "url", "author")


def _optional_str(record: Mapping[str, Any], key: str, source_id: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise InputError(source_id, f"field {key!r} must be a string, not {type(value).__name__}")
    return value


def from_record(record: Any, source_id: str, *, clean: bool = False) -> Article:
    """One record to an Article; ``InputError`` for a record that is not one."""
    if not isinstance(record, Mapping):
        raise InputError(source_id, f"a record must be a JSON object, not {type(record).__name__}")
    text = record.get("text")
    if text is None:
        raise InputError(source_id, "JSON record without a 'text' field")
    if not isinstance(text, str):
        raise InputError(source_id, f"field 'text' must be a string, not {type(text).__name__}")
    if not text.strip():
        raise InputError(source_id, "JSON record with an empty 'text'")
    fields = {key: _optional_str(record, key, source_id) for key in _META_FIELDS}
    meta = Meta(
        **fields,
        published=normalise_date(_optional_str(record, "published", source_id))
        or _optional_str(record, "published", source_id),
        record_id=_optional_str(record, "id", source_id),
    )
    if not clean:
        return verbatim(text, source_id, input_format="record", meta=meta)
    article = from_scraped(text, source_id)
    # What the record states wins over what the page's debris suggested.
    return replace(
        article,
        input_format="record",
        title=meta.title or article.title,
        outlet=meta.outlet or article.outlet,
        section=meta.section or article.section,
        published=meta.published or article.published,
        url=meta.url,
        author=meta.author or article.author,
        record_id=meta.record_id,
    )


def parse_json(text: str, source_id: str) -> list[Any]:
    """A JSON document holding one record or a list of records."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(source_id, f"invalid JSON: {exc.msg} at line {exc.lineno}") from exc
    if isinstance(data, list):
        if not data:
            raise InputError(source_id, "JSON list with no records")
        return data
    return [data]


def iter_jsonl(text: str, source_id: str) -> Iterator[tuple[str, Any]]:
    """``(source_id:line, record)`` for every non-blank line.

    A line that is not JSON comes as ``(source_id:line, InputError)`` so that the lines
    after it are still read.
    """
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        sid = f"{source_id}:{number}"
        try:
            yield sid, json.loads(line)
        except json.JSONDecodeError as exc:
            yield sid, InputError(sid, f"invalid JSON line: {exc.msg} (column {exc.colno})")

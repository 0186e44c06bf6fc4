"""Export stored quotes, claims or articles as CSV, JSONL or Parquet (for pandas, DuckDB).

Rows are flat: one per quote, claim or article, with the article's id, outlet and date, and
character offsets into the article's text. Files are written atomically.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from claimscope.output import atomic_path
from claimscope.store.base import Store, StoreError

WHAT = ("quotes", "claims", "articles")
FORMATS = ("csv", "jsonl", "parquet")

_QUERIES = {
    "quotes": ("SELECT a.id AS article, a.outlet, a.published, q.id, q.kind, q.speaker, "
               "q.entity, q.text, q.start, q.\"end\" FROM quotes AS q "
               "JOIN articles AS a ON a.key = q.article ORDER BY a.published, a.id, q.start"),
    "claims": ("SELECT a.id AS article, a.outlet, a.published, c.id, c.claimant, c.score, "
               "c.text, c.start, c.\"end\", c.stance FROM claims AS c "
               "JOIN articles AS a ON a.key = c.article ORDER BY a.published, a.id, c.score DESC"),
    "articles": ("SELECT id AS article, key, source_id, title, outlet, section, published, "
                 "versions, stored FROM articles ORDER BY published, id"),
}


class Connection(Protocol):
    """What export needs of a DB-API connection (sqlite3's and psycopg's both have it)."""

    def execute(self, sql: str, /) -> Any: ...


def rows(db: Connection, what: str) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    if what not in _QUERIES:
        raise StoreError(f"cannot export {what!r} (one of {', '.join(WHAT)})")
    cur = db.execute(_QUERIES[what])
    return [d[0] for d in cur.description], iter(cur)


def export(store: Store, what: str, fmt: str, target: Path) -> int:
    """Write ``what`` to ``target`` in ``fmt``; the number of rows written."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    columns, data = store.export_rows(what)
    with atomic_path(target) as tmp:
        count = _WRITERS[fmt](columns, data, tmp)
    return count


def _csv(columns: list[str], data: Iterator[tuple[Any, ...]], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in data:
            writer.writerow(row)
            n += 1
    return n


def _jsonl(columns: list[str], data: Iterator[tuple[Any, ...]], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as handle:
        for row in data:
            handle.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False))
            handle.write("\n")
            n += 1
    return n


def _parquet(columns: list[str], data: Iterator[tuple[Any, ...]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = list(data)
    arrays = {c: [row[i] for row in table] for i, c in enumerate(columns)}
    pq.write_table(pa.table(arrays), path)
    return len(table)


_WRITERS = {"csv": _csv, "jsonl": _jsonl, "parquet": _parquet}

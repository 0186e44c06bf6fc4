"""What the SQL backends share: the reads that are the same query in both dialects.

SQLite and PostgreSQL differ in full-text search, migrations and writing; listing articles,
an actor's record, counts, failures and export rows are one query each, written here once
with ``?`` placeholders and the few dialect differences named in :class:`Dialect`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from claimscope.ingest import Failure
from claimscope.store.base import (
    KINDS,
    ActorRecord,
    ArticleFilter,
    ArticleRow,
    Hit,
    MonthCount,
    QueryError,
    SearchQuery,
    like_pattern,
)

TABLE = {"article": "articles", "quote": "quotes", "claim": "claims"}
WHO = {"quote": "speaker", "claim": "claimant"}
# The last column of every hit's row: a claim's stance, nothing for the other kinds.
STANCE = {"article": "NULL", "quote": "NULL", "claim": "x.stance"}
SCORE_COLUMN = 10  # where a hit's row holds its rank (see hit)


@dataclass(frozen=True)
class Dialect:
    param: str  # the driver's placeholder ("?" or "%s")
    like: str  # case-insensitive LIKE
    outlet_equals: str  # a case-insensitive comparison of a.outlet with one parameter
    order: str  # the column that orders rows as stored ("rowid", "seq")
    nulls_last: str  # what makes DESC put NULL dates last ("" where it already does)


SQLITE = Dialect("?", "LIKE", "a.outlet = ? COLLATE NOCASE", "rowid", "")
POSTGRES = Dialect("%s", "ILIKE", "lower(a.outlet) = lower(?)", "seq", " NULLS LAST")


def check_query(query: SearchQuery) -> None:
    if query.kind not in KINDS:
        raise QueryError(f"unknown kind {query.kind!r} (one of {', '.join(KINDS)})")
    if not query.text.strip():
        raise QueryError("empty query")


def hit(kind: str, row: Sequence[Any], sign: float = 1.0) -> Hit:
    """A result row as a hit (its last column :data:`STANCE`); ``sign`` -1 turns a
    lower-is-better rank (bm25) around."""
    key, aid, title, outlet, published, item, who, start, end, snippet, score, stance = row
    return Hit(kind, key, aid, title, outlet, published, item, who, start, end, snippet,
               round(sign * float(score), 4), stance)


def article_conditions(dialect: Dialect, outlet: str | None, since: str | None,
                       until: str | None) -> tuple[list[str], list[Any]]:
    """Conditions on ``articles AS a`` for the common filters (``?`` placeholders), with
    their parameters."""
    conditions: list[str] = []
    params: list[Any] = []
    if outlet:
        conditions.append(dialect.outlet_equals)
        params.append(outlet)
    if since:
        conditions.append("a.published >= ?")
        params.append(since)
    if until:
        conditions.append("a.published <= ?")
        params.append(until)
    return conditions, params


def speaker_condition(dialect: Dialect, column: str) -> str:
    """``column`` contains a LIKE pattern (:func:`like_pattern`), in any case."""
    return f"{column} {dialect.like} ? ESCAPE '\\'"


class SQLReads:
    """The shared reads; a backend sets ``db`` (a DB-API connection) and ``dialect``."""

    db: Any
    dialect: Dialect

    def _run(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.db.execute(sql.replace("?", self.dialect.param), params)

    def article(self, key: str) -> dict[str, Any] | None:
        row = self._run("SELECT analysis FROM articles WHERE key = ?", (key,)).fetchone()
        if row is None:
            row = self._run("SELECT analysis FROM articles WHERE id = ? LIMIT 1",
                            (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def articles(self, where: ArticleFilter) -> list[ArticleRow]:
        conditions, params = article_conditions(self.dialect, where.outlet, where.since,
                                                where.until)
        if where.speaker:
            conditions.append("EXISTS (SELECT 1 FROM quotes AS x WHERE x.article = a.key "
                              f"AND {speaker_condition(self.dialect, 'x.speaker')})")
            params.append(like_pattern(where.speaker))
        d = self.dialect
        sql = ("SELECT a.key, a.id, a.title, a.outlet, a.published, "
               "(SELECT count(*) FROM quotes AS q WHERE q.article = a.key), "
               "(SELECT count(*) FROM claims AS c WHERE c.article = a.key) FROM articles AS a"
               + (" WHERE " + " AND ".join(conditions) if conditions else "")
               + f" ORDER BY a.published DESC{d.nulls_last}, a.{d.order} DESC LIMIT ? OFFSET ?")
        rows = self._run(sql, [*params, where.limit, where.offset]).fetchall()
        return [ArticleRow(*row) for row in rows]

    def outlets(self) -> list[str]:
        return [r[0] for r in self._run(
            "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY 1")]

    def actor(self, name: str, limit: int = 200) -> ActorRecord:
        found: dict[str, list[Hit]] = {}
        months: dict[str, list[int]] = {}
        d = self.dialect
        for slot, kind in enumerate(("quote", "claim")):
            table, who = TABLE[kind], WHO[kind]
            score = "x.score" if kind == "claim" else "0"
            rows = self._run(
                f"SELECT x.article, a.id, a.title, a.outlet, a.published, x.id, x.{who}, "
                f"x.start, x.\"end\", x.text, {score}, {STANCE[kind]} FROM {table} AS x "
                f"JOIN articles AS a ON a.key = x.article WHERE x.{who} = ? "
                f"ORDER BY x.published DESC{d.nulls_last}, x.{d.order} DESC LIMIT ?",
                (name, limit),
            ).fetchall()
            found[kind] = [hit(kind, row) for row in rows]
            for month, n in self._run(
                f"SELECT coalesce(substr(published, 1, 7), 'undated'), count(*) "
                f"FROM {table} WHERE {who} = ? GROUP BY 1", (name,),
            ):
                months.setdefault(month, [0, 0])[slot] = n
        counts = [MonthCount(m, q, c) for m, (q, c) in sorted(months.items())]
        return ActorRecord(name, found["quote"], found["claim"], counts)

    def count(self) -> int:
        return int(self._run("SELECT count(*) FROM articles").fetchone()[0])

    def failures(self) -> list[Failure]:
        return [Failure(r[0], r[1]) for r in self._run(
            "SELECT source_id, reason FROM failures ORDER BY source_id")]

    def done_shards(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self._run("SELECT id, versions FROM shards")}

    def export_rows(self, what: str) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        from claimscope.store.export import rows

        return rows(self.db, what)

"""The PostgreSQL store (psycopg 3): the same interface as SQLite, for teams.

Full-text search is PostgreSQL's own: ``tsvector`` columns generated from the text (English
configuration), GIN indexes, ``websearch_to_tsquery`` for the query ("exact phrase", OR,
-word) and ``ts_rank_cd`` for ranking; snippets from ``ts_headline`` with [ ] around
matches. Migrations are recorded in ``schema_migrations``; every batch is one transaction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import Any

from claimscope.ingest import Failure
from claimscope.model import Analysis, content_hash
from claimscope.store.base import (
    KINDS,
    ActorRecord,
    ArticleFilter,
    ArticleRow,
    Hit,
    MonthCount,
    QueryError,
    SearchQuery,
    Shard,
    StoreError,
    choose_rare_terms,
    like_pattern,
    now,
    versions,
)

MIGRATIONS: tuple[tuple[int, str], ...] = (
    (1, """
    CREATE TABLE articles (
        seq BIGSERIAL UNIQUE, key TEXT PRIMARY KEY, id TEXT NOT NULL, source_id TEXT,
        title TEXT, outlet TEXT, section TEXT, published TEXT, versions TEXT NOT NULL,
        analysis TEXT NOT NULL, text TEXT NOT NULL, stored TEXT NOT NULL,
        tsv tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english', coalesce(title, '')), 'A')
            || to_tsvector('english', text)) STORED);
    CREATE INDEX articles_tsv ON articles USING gin (tsv);
    CREATE INDEX articles_id ON articles (id);
    CREATE INDEX articles_outlet ON articles (lower(outlet));
    CREATE INDEX articles_published ON articles (published);
    CREATE TABLE quotes (
        seq BIGSERIAL UNIQUE,
        article TEXT NOT NULL REFERENCES articles (key) ON DELETE CASCADE, id TEXT NOT NULL,
        kind TEXT, speaker TEXT, entity TEXT, text TEXT NOT NULL, start INTEGER,
        "end" INTEGER, published TEXT,
        tsv tsvector GENERATED ALWAYS AS (
            to_tsvector('english', coalesce(speaker, '') || ' ' || text)) STORED,
        PRIMARY KEY (article, id));
    CREATE INDEX quotes_tsv ON quotes USING gin (tsv);
    CREATE INDEX quotes_speaker ON quotes (speaker, published);
    CREATE TABLE claims (
        seq BIGSERIAL UNIQUE,
        article TEXT NOT NULL REFERENCES articles (key) ON DELETE CASCADE, id TEXT NOT NULL,
        claimant TEXT, score DOUBLE PRECISION, text TEXT NOT NULL, start INTEGER,
        "end" INTEGER, published TEXT,
        tsv tsvector GENERATED ALWAYS AS (
            to_tsvector('english', coalesce(claimant, '') || ' ' || text)) STORED,
        PRIMARY KEY (article, id));
    CREATE INDEX claims_tsv ON claims USING gin (tsv);
    CREATE INDEX claims_claimant ON claims (claimant, published);
    CREATE TABLE failures (source_id TEXT PRIMARY KEY, reason TEXT NOT NULL, at TEXT NOT NULL);
    CREATE TABLE shards (id TEXT PRIMARY KEY, versions TEXT NOT NULL, articles INTEGER NOT NULL,
                         failures INTEGER NOT NULL, at TEXT NOT NULL)
    """),
)

_TABLE = {"article": "articles", "quote": "quotes", "claim": "claims"}
_WHO = {"quote": "speaker", "claim": "claimant"}
# ts_headline options: matches between [ and ], like the SQLite store's snippets.
_HEADLINE = "StartSel=[, StopSel=], MaxWords=24, MinWords=8, MaxFragments=1, " \
            "FragmentDelimiter=\" … \""


def redact(url: str) -> str:
    """A connection URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


class PostgresStore:
    """A corpus in a PostgreSQL database."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        try:
            self.db = psycopg.connect(url, autocommit=True)
            self._migrate()
        except psycopg.Error as exc:
            raise StoreError(f"{redact(url)}: cannot open the database: {exc}") from exc

    def _migrate(self) -> None:
        with self.db.transaction():
            # One migrator at a time (two ingests starting together).
            self.db.execute("SELECT pg_advisory_xact_lock(4242001)")
            self.db.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                            "(version INTEGER PRIMARY KEY, applied TEXT NOT NULL)")
            done = {r[0] for r in self.db.execute("SELECT version FROM schema_migrations")}
            for version, sql in MIGRATIONS:
                if version in done:
                    continue
                for statement in (s.strip() for s in sql.split(";")):
                    if statement:
                        self.db.execute(statement.encode())
                self.db.execute("INSERT INTO schema_migrations VALUES (%s, %s)",
                                (version, now()))

    def migrations(self) -> list[int]:
        return [r[0] for r in self.db.execute(
            "SELECT version FROM schema_migrations ORDER BY 1")]

    def versions_of(self, keys: Sequence[str]) -> dict[str, str]:
        rows = self.db.execute("SELECT key, versions FROM articles WHERE key = ANY(%s)",
                               (list(keys),)).fetchall()
        return {k: v for k, v in rows}

    def put(self, analyses: Sequence[Analysis], failures: Sequence[Failure] = (),
            shard: Shard | None = None) -> None:
        with self.db.transaction():
            for analysis in analyses:
                self._put_one(analysis)
            with self.db.cursor() as cur:
                cur.executemany(
                    "INSERT INTO failures VALUES (%s, %s, %s) ON CONFLICT (source_id) "
                    "DO UPDATE SET reason = EXCLUDED.reason, at = EXCLUDED.at",
                    [(f.source_id, f.reason, now()) for f in failures])
            if shard is not None:
                self.db.execute(
                    "INSERT INTO shards VALUES (%s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE "
                    "SET versions = EXCLUDED.versions, articles = EXCLUDED.articles, "
                    "failures = EXCLUDED.failures, at = EXCLUDED.at",
                    (shard.id, shard.versions, len(analyses), len(failures), now()))

    def _put_one(self, analysis: Analysis) -> None:
        a = analysis.article
        key = content_hash(a.text)
        self.db.execute("DELETE FROM articles WHERE key = %s", (key,))
        self.db.execute(
            "INSERT INTO articles (key, id, source_id, title, outlet, section, published, "
            "versions, analysis, text, stored) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, "
            "%s, %s)",
            (key, a.id, a.source_id, a.title, a.outlet, a.section, a.published,
             versions(analysis), json.dumps(analysis.to_json(), ensure_ascii=False), a.text,
             now()))
        with self.db.cursor() as cur:
            cur.executemany(
                "INSERT INTO quotes (article, id, kind, speaker, entity, text, start, \"end\", "
                "published) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [(key, q.id, q.kind, q.speaker.name if q.speaker else None,
                  q.speaker.entity if q.speaker else None,
                  " … ".join(c.text for c in q.content), q.start, q.end, a.published)
                 for q in analysis.quotes])
            cur.executemany(
                "INSERT INTO claims (article, id, claimant, score, text, start, \"end\", "
                "published) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                [(key, c.id, c.claimant.name, c.score, c.text.text, c.text.start, c.text.end,
                  a.published) for c in analysis.claims])

    def done_shards(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.db.execute("SELECT id, versions FROM shards")}

    def search(self, query: SearchQuery) -> list[Hit]:
        if query.kind not in KINDS:
            raise QueryError(f"unknown kind {query.kind!r} (one of {', '.join(KINDS)})")
        if not query.text.strip():
            raise QueryError("empty query")
        sql, params = _search_sql(query)
        return [_hit(query.kind, row) for row in self.db.execute(sql, params)]

    def article(self, key: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT analysis FROM articles WHERE key = %s", (key,)).fetchone()
        if row is None:
            row = self.db.execute("SELECT analysis FROM articles WHERE id = %s LIMIT 1",
                                  (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def articles(self, where: ArticleFilter) -> list[ArticleRow]:
        conditions, params = _article_conditions(where.outlet, where.since, where.until)
        if where.speaker:
            conditions.append("EXISTS (SELECT 1 FROM quotes AS x WHERE x.article = a.key "
                              "AND x.speaker ILIKE %s ESCAPE '\\')")
            params.append(like_pattern(where.speaker))
        sql = ("SELECT a.key, a.id, a.title, a.outlet, a.published, "
               "(SELECT count(*) FROM quotes AS q WHERE q.article = a.key), "
               "(SELECT count(*) FROM claims AS c WHERE c.article = a.key) FROM articles AS a"
               + (" WHERE " + " AND ".join(conditions) if conditions else "")
               + " ORDER BY a.published DESC NULLS LAST, a.seq DESC LIMIT %s OFFSET %s")
        rows = self.db.execute(sql, [*params, where.limit, where.offset]).fetchall()
        return [ArticleRow(*row) for row in rows]

    def outlets(self) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY 1")]

    def actor(self, name: str, limit: int = 200) -> ActorRecord:
        found: dict[str, list[Hit]] = {}
        months: dict[str, list[int]] = {}
        for slot, kind in enumerate(("quote", "claim")):
            table, who = _TABLE[kind], _WHO[kind]
            score = "x.score" if kind == "claim" else "0"
            rows = self.db.execute(
                f"SELECT x.article, a.id, a.title, a.outlet, a.published, x.id, x.{who}, "
                f"x.start, x.\"end\", x.text, {score} FROM {table} AS x "
                f"JOIN articles AS a ON a.key = x.article WHERE x.{who} = %s "
                f"ORDER BY x.published DESC NULLS LAST, x.seq DESC LIMIT %s", (name, limit),
            ).fetchall()
            found[kind] = [_hit(kind, row) for row in rows]
            for month, n in self.db.execute(
                f"SELECT coalesce(substr(published, 1, 7), 'undated'), count(*) "
                f"FROM {table} WHERE {who} = %s GROUP BY 1", (name,),
            ):
                months.setdefault(month, [0, 0])[slot] = n
        counts = [MonthCount(m, q, c) for m, (q, c) in sorted(months.items())]
        return ActorRecord(name, found["quote"], found["claim"], counts)

    def related_claims(self, text: str, limit: int = 20) -> list[Hit]:
        lexemes = [r[0] for r in self.db.execute(
            "SELECT lexeme FROM unnest(to_tsvector('english', %s))", (text,))]
        frequency = []
        for lexeme in lexemes:
            doc = _one(self.db.execute(
                "SELECT count(*) FROM claims WHERE tsv @@ to_tsquery('english', "
                "quote_literal(%s))", (lexeme,)).fetchone())
            if doc:
                frequency.append((doc, lexeme))
        chosen = choose_rare_terms(frequency)
        if not chosen:
            return []
        sql = (
            "WITH q AS (SELECT to_tsquery('english', %s) AS query), "
            "best AS (SELECT x.seq, ts_rank_cd(x.tsv, q.query) AS score FROM claims AS x, q "
            "WHERE x.tsv @@ q.query ORDER BY score DESC, x.seq DESC LIMIT %s) "
            "SELECT x.article, a.id, a.title, a.outlet, a.published, x.id, x.claimant, x.start, "
            "x.\"end\", ts_headline('english', x.text, q.query, %s), best.score "
            "FROM best JOIN claims AS x ON x.seq = best.seq "
            "JOIN articles AS a ON a.key = x.article, q ORDER BY best.score DESC, x.seq DESC")
        query = " | ".join("'" + t.replace("'", "''") + "'" for t in chosen)
        return [_hit("claim", row)
                for row in self.db.execute(sql, (query, limit, _HEADLINE))]

    def export_rows(self, what: str) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        from claimscope.store.export import rows

        return rows(self.db, what)

    def count(self) -> int:
        return _one(self.db.execute("SELECT count(*) FROM articles").fetchone())

    def failures(self) -> list[Failure]:
        return [Failure(r[0], r[1]) for r in self.db.execute(
            "SELECT source_id, reason FROM failures ORDER BY source_id")]

    def close(self) -> None:
        self.db.close()


def _one(row: tuple[Any, ...] | None) -> int:
    """The number in a one-row, one-column answer (count(*) always has its row)."""
    if row is None:
        raise StoreError("the database returned no row for a count")
    return int(row[0])


def _article_conditions(outlet: str | None, since: str | None,
                        until: str | None) -> tuple[list[str], list[Any]]:
    conditions: list[str] = []
    params: list[Any] = []
    if outlet:
        conditions.append("lower(a.outlet) = lower(%s)")
        params.append(outlet)
    if since:
        conditions.append("a.published >= %s")
        params.append(since)
    if until:
        conditions.append("a.published <= %s")
        params.append(until)
    return conditions, params


def _search_sql(q: SearchQuery) -> tuple[str, list[Any]]:
    """Rank the matches (ids and scores only), then make snippets for the best alone."""
    table = _TABLE[q.kind]
    filters, params = _article_conditions(q.outlet, q.since, q.until)
    if q.kind == "article":
        source, text = "articles AS x JOIN articles AS a ON a.key = x.key", "x.text"
        columns = "a.key, a.id, a.title, a.outlet, a.published, NULL, NULL, NULL, NULL"
        if q.speaker:
            filters.append("EXISTS (SELECT 1 FROM quotes AS y WHERE y.article = a.key "
                           "AND y.speaker ILIKE %s ESCAPE '\\')")
            params.append(like_pattern(q.speaker))
    else:
        who = _WHO[q.kind]
        source, text = f"{table} AS x JOIN articles AS a ON a.key = x.article", "x.text"
        columns = (f"x.article, a.id, a.title, a.outlet, a.published, x.id, x.{who}, x.start, "
                   f"x.\"end\"")
        if q.speaker:
            filters.append(f"x.{who} ILIKE %s ESCAPE '\\'")
            params.append(like_pattern(q.speaker))
    where = " AND ".join(["x.tsv @@ q.query", *filters])
    sql = (f"WITH q AS (SELECT websearch_to_tsquery('english', %s) AS query), "
           f"best AS (SELECT x.seq, ts_rank_cd(x.tsv, q.query) AS score FROM {source}, q "
           f"WHERE {where} ORDER BY score DESC, x.seq DESC LIMIT %s) "
           f"SELECT {columns}, ts_headline('english', {text}, q.query, %s), best.score "
           f"FROM best JOIN {source} ON x.seq = best.seq, q "
           f"ORDER BY best.score DESC, x.seq DESC")
    return sql, [q.text, *params, q.limit, _HEADLINE]


def _hit(kind: str, row: Sequence[Any]) -> Hit:
    key, aid, title, outlet, published, item, who, start, end, snippet, score = row
    return Hit(kind, key, aid, title, outlet, published, item, who, start, end, snippet,
               round(float(score), 4))

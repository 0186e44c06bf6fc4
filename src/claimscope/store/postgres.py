"""The PostgreSQL store (psycopg 3): the same interface as SQLite, for teams.

Full-text search is PostgreSQL's own: ``tsvector`` columns generated from the text (English
configuration), GIN indexes, ``websearch_to_tsquery`` for the query ("exact phrase", OR,
-word) and ``ts_rank_cd`` for ranking; snippets from ``ts_headline`` with [ ] around
matches. Migrations are recorded in ``schema_migrations``; every batch is one transaction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from claimscope.ingest import Failure
from claimscope.model import Analysis, content_hash
from claimscope.store.base import (
    Hit,
    SearchQuery,
    Shard,
    StoreError,
    choose_rare_terms,
    like_pattern,
    now,
    versions,
)
from claimscope.store.sql import (
    POSTGRES,
    STANCE,
    TABLE,
    WHO,
    SQLReads,
    article_conditions,
    check_query,
    hit,
    speaker_condition,
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
    # A claim's stance (claims 1.7): analyses stored before it had none, so they assert.
    (2, "ALTER TABLE claims ADD COLUMN stance TEXT NOT NULL DEFAULT 'asserts'"),
)

# ts_headline options: matches between [ and ], like the SQLite store's snippets.
_HEADLINE = "StartSel=[, StopSel=], MaxWords=24, MinWords=8, MaxFragments=1, " \
            "FragmentDelimiter=\" … \""


def redact(url: str) -> str:
    """A connection URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


class PostgresStore(SQLReads):
    """A corpus in a PostgreSQL database."""

    dialect = POSTGRES

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
                "published, stance) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [(key, c.id, c.claimant.name, c.score, c.text.text, c.text.start, c.text.end,
                  a.published, c.stance) for c in analysis.claims])

    def search(self, query: SearchQuery) -> list[Hit]:
        check_query(query)
        return [hit(query.kind, row) for row in self._run(*_search_sql(query))]

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
            "x.\"end\", ts_headline('english', x.text, q.query, %s), best.score, x.stance "
            "FROM best JOIN claims AS x ON x.seq = best.seq "
            "JOIN articles AS a ON a.key = x.article, q ORDER BY best.score DESC, x.seq DESC")
        query = " | ".join("'" + t.replace("'", "''") + "'" for t in chosen)
        return [hit("claim", row) for row in self.db.execute(sql, (query, limit, _HEADLINE))]

    def close(self) -> None:
        self.db.close()


def _one(row: tuple[Any, ...] | None) -> int:
    """The number in a one-row, one-column answer (count(*) always has its row)."""
    if row is None:
        raise StoreError("the database returned no row for a count")
    return int(row[0])


def _search_sql(q: SearchQuery) -> tuple[str, list[Any]]:
    """Rank the matches (ids and scores only), then make snippets for the best alone
    (``?`` placeholders)."""
    table = TABLE[q.kind]
    filters, params = article_conditions(POSTGRES, q.outlet, q.since, q.until)
    if q.kind == "article":
        source, text = "articles AS x JOIN articles AS a ON a.key = x.key", "x.text"
        columns = "a.key, a.id, a.title, a.outlet, a.published, NULL, NULL, NULL, NULL"
        if q.speaker:
            filters.append("EXISTS (SELECT 1 FROM quotes AS y WHERE y.article = a.key "
                           f"AND {speaker_condition(POSTGRES, 'y.speaker')})")
            params.append(like_pattern(q.speaker))
    else:
        who = WHO[q.kind]
        source, text = f"{table} AS x JOIN articles AS a ON a.key = x.article", "x.text"
        columns = (f"x.article, a.id, a.title, a.outlet, a.published, x.id, x.{who}, x.start, "
                   f"x.\"end\"")
        if q.speaker:
            filters.append(speaker_condition(POSTGRES, f"x.{who}"))
            params.append(like_pattern(q.speaker))
    where = " AND ".join(["x.tsv @@ q.query", *filters])
    sql = (f"WITH q AS (SELECT websearch_to_tsquery('english', ?) AS query), "
           f"best AS (SELECT x.seq, ts_rank_cd(x.tsv, q.query) AS score FROM {source}, q "
           f"WHERE {where} ORDER BY score DESC, x.seq DESC LIMIT ?) "
           f"SELECT {columns}, ts_headline('english', {text}, q.query, ?), best.score, "
           f"{STANCE[q.kind]} "
           f"FROM best JOIN {source} ON x.seq = best.seq, q "
           f"ORDER BY best.score DESC, x.seq DESC")
    return sql, [q.text, *params, q.limit, _HEADLINE]

"""The SQLite store: one file, migrations tracked in a table, FTS5 search with BM25.

Every batch is one transaction (WAL journal): a killed ingest leaves the last committed
batch and nothing half-written. SQL is parameterised everywhere; user queries reach FTS5
only as a MATCH parameter, and a query FTS5 cannot parse raises :class:`QueryError`.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from claimscope.ingest import Failure
from claimscope.model import Analysis, content_hash
from claimscope.store.base import (
    Hit,
    QueryError,
    SearchQuery,
    Shard,
    StoreError,
    choose_rare_terms,
    like_pattern,
    now,
    versions,
)
from claimscope.store.sql import (
    SCORE_COLUMN,
    SQLITE,
    STANCE,
    TABLE,
    WHO,
    SQLReads,
    article_conditions,
    check_query,
    hit,
    speaker_condition,
)

# (version, statements): applied in order, each recorded in schema_migrations.
MIGRATIONS: tuple[tuple[int, str], ...] = (
    (1, """
    CREATE TABLE articles (
        key TEXT PRIMARY KEY, id TEXT NOT NULL, source_id TEXT, title TEXT, outlet TEXT,
        section TEXT, published TEXT, versions TEXT NOT NULL, analysis TEXT NOT NULL,
        stored TEXT NOT NULL);
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE quotes (
        article TEXT NOT NULL REFERENCES articles(key) ON DELETE CASCADE, id TEXT NOT NULL,
        kind TEXT, speaker TEXT, entity TEXT, text TEXT NOT NULL, start INTEGER, "end" INTEGER,
        PRIMARY KEY (article, id));
    CREATE INDEX quotes_speaker ON quotes(speaker);
    CREATE TABLE claims (
        article TEXT NOT NULL REFERENCES articles(key) ON DELETE CASCADE, id TEXT NOT NULL,
        claimant TEXT, score REAL, text TEXT NOT NULL, start INTEGER, "end" INTEGER,
        PRIMARY KEY (article, id));
    CREATE INDEX claims_claimant ON claims(claimant);
    CREATE TABLE failures (source_id TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL);
    CREATE VIRTUAL TABLE articles_fts USING fts5(key UNINDEXED, title, text);
    CREATE VIRTUAL TABLE quotes_fts USING fts5(article UNINDEXED, id UNINDEXED, speaker, text);
    CREATE VIRTUAL TABLE claims_fts USING fts5(article UNINDEXED, id UNINDEXED, claimant, text);
    """),
    # Articles are also looked up by their record id (web pages, `article(id)`).
    (2, "CREATE INDEX articles_id ON articles(id)"),
    # How many claims hold each word: related claims are found by their rarest shared words.
    (3, "CREATE VIRTUAL TABLE claims_vocab USING fts5vocab(claims_fts, 'row')"),
    # An actor's page lists their newest quotes and counts them per month: the article's date
    # is kept on each quote and claim, indexed with the speaker, so that neither query joins
    # every one of a prolific speaker's quotes to its article.
    (4, """
    ALTER TABLE quotes ADD COLUMN published TEXT;
    ALTER TABLE claims ADD COLUMN published TEXT;
    UPDATE quotes SET published = (SELECT a.published FROM articles AS a WHERE a.key = article);
    UPDATE claims SET published = (SELECT a.published FROM articles AS a WHERE a.key = article);
    DROP INDEX quotes_speaker;
    DROP INDEX claims_claimant;
    CREATE INDEX quotes_speaker ON quotes(speaker, published);
    CREATE INDEX claims_claimant ON claims(claimant, published)
    """),
    # Input shards stored to the end (the Dask engine resumes after them).
    (5, """
    CREATE TABLE shards (id TEXT PRIMARY KEY, versions TEXT NOT NULL, articles INTEGER NOT NULL,
                         failures INTEGER NOT NULL, at TEXT NOT NULL)
    """),
    # A claim's stance (claims 1.7): analyses stored before it had none, so they assert.
    (6, "ALTER TABLE claims ADD COLUMN stance TEXT NOT NULL DEFAULT 'asserts'"),
)



# A search whose words match more than this many items ranks them window by window, newest
# first: FTS5 scores every match it ranks (about 1 ms per 1,000 here, and seven times that
# when filters join each match to its article), so on a corpus of 100,000 articles a common
# word would take a second. The newest window that yields ``limit`` results answers; the
# scores are BM25 over the whole corpus, so rows from several windows compare. Exact
# ranking over every match: SearchQuery(exact=True).
SEARCH_WINDOW = 10_000
# How long a connection waits for another's write lock before failing (the old
# ``PRAGMA busy_timeout=10000``).
_BUSY_SECONDS = 10.0
# Pause between tries at switching a new file to write-ahead logging (another connection
# holds it for a few milliseconds).
_WAL_RETRY_SECONDS = 0.02


class SQLiteStore(SQLReads):
    """A corpus in one SQLite file."""

    dialect = SQLITE
    db: sqlite3.Connection

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            # The busy timeout from the first statement on: another process (an ingest, the
            # web app, a shard) may be creating or migrating the same file.
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=_BUSY_SECONDS)
            self._use_wal()
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the database: {exc}") from exc

    def _use_wal(self) -> None:
        """Switch the file to write-ahead logging. SQLite does not always wait on its busy
        timeout here: on a new file that other connections are opening at the same moment
        the switch can fail at once with "database is locked" (4 of 1,200 openings in a
        race of six threads), so it is tried again until the timeout has passed."""
        deadline = time.monotonic() + _BUSY_SECONDS
        while True:
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(_WAL_RETRY_SECONDS)

    def _migrate(self) -> None:
        """Apply the migrations not yet recorded. Each is checked again inside its write
        transaction: two connections opening a new file at once would otherwise both apply
        it (the store suite's kill-and-rerun test caught an ingest failing so)."""
        self.db.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                        "(version INTEGER PRIMARY KEY, applied TEXT NOT NULL)")
        done = {row[0] for row in self.db.execute("SELECT version FROM schema_migrations")}
        for version, sql in MIGRATIONS:
            if version in done:
                continue
            self.db.execute("BEGIN IMMEDIATE")
            try:
                if self.db.execute("SELECT 1 FROM schema_migrations WHERE version = ?",
                                   (version,)).fetchone():
                    self.db.execute("COMMIT")
                    continue
                for statement in (s.strip() for s in sql.split(";")):
                    if statement:
                        self.db.execute(statement)
                self.db.execute("INSERT INTO schema_migrations VALUES (?, ?)", (version, now()))
                self.db.execute("COMMIT")
            except sqlite3.Error:
                self.db.execute("ROLLBACK")
                raise

    def migrations(self) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT version FROM schema_migrations ORDER BY 1")]

    def versions_of(self, keys: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for lo in range(0, len(keys), 500):
            part = list(keys[lo : lo + 500])
            marks = ",".join("?" * len(part))
            out.update(self.db.execute(
                f"SELECT key, versions FROM articles WHERE key IN ({marks})", part
            ).fetchall())
        return out

    def put(self, analyses: Sequence[Analysis], failures: Sequence[Failure] = (),
            shard: Shard | None = None) -> None:
        try:
            self.db.execute("BEGIN IMMEDIATE")
            for a in analyses:
                self._put_one(a)
            if shard is not None:
                self.db.execute("INSERT OR REPLACE INTO shards VALUES (?, ?, ?, ?, ?)",
                                (shard.id, shard.versions, len(analyses), len(failures), now()))
            # A rerun records an input's failure once, with the latest reason.
            self.db.executemany("DELETE FROM failures WHERE source_id = ?",
                                [(f.source_id,) for f in failures])
            self.db.executemany("INSERT INTO failures VALUES (?, ?, ?)",
                                [(f.source_id, f.reason, now()) for f in failures])
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def _put_one(self, analysis: Analysis) -> None:
        a = analysis.article
        key = content_hash(a.text)
        data = analysis.to_json()
        # Full-text rows share the rowid of the row they index: replacing an article deletes
        # them by rowid (an FTS5 lookup by an unindexed column would scan the whole index).
        old = self.db.execute("SELECT rowid FROM articles WHERE key = ?", (key,)).fetchone()
        if old is not None:
            self.db.execute("DELETE FROM articles_fts WHERE rowid = ?", (old[0],))
            for table in ("quotes", "claims"):
                self.db.execute(
                    f"DELETE FROM {table}_fts WHERE rowid IN "
                    f"(SELECT rowid FROM {table} WHERE article = ?)", (key,),
                )
            self.db.execute("DELETE FROM articles WHERE key = ?", (key,))
        cur = self.db.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, a.id, a.source_id, a.title, a.outlet, a.section, a.published,
             versions(analysis), json.dumps(data, ensure_ascii=False), now()),
        )
        self.db.execute("INSERT INTO articles_fts (rowid, key, title, text) VALUES (?, ?, ?, ?)",
                        (cur.lastrowid, key, a.title or "", a.text))
        for q in analysis.quotes:
            words = " … ".join(c.text for c in q.content)
            who = q.speaker.name if q.speaker else None
            cur = self.db.execute(
                "INSERT INTO quotes (article, id, kind, speaker, entity, text, start, \"end\", "
                "published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (key, q.id, q.kind, who, q.speaker.entity if q.speaker else None, words,
                 q.start, q.end, a.published),
            )
            self.db.execute(
                "INSERT INTO quotes_fts (rowid, article, id, speaker, text) VALUES (?, ?, ?, ?, ?)",
                (cur.lastrowid, key, q.id, who or "", words),
            )
        for c in analysis.claims:
            cur = self.db.execute(
                "INSERT INTO claims (article, id, claimant, score, text, start, \"end\", "
                "published, stance) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (key, c.id, c.claimant.name, c.score, c.text.text, c.text.start, c.text.end,
                 a.published, c.stance),
            )
            self.db.execute(
                "INSERT INTO claims_fts (rowid, article, id, claimant, text) "
                "VALUES (?, ?, ?, ?, ?)",
                (cur.lastrowid, key, c.id, c.claimant.name, c.text.text),
            )

    def search(self, query: SearchQuery) -> list[Hit]:
        check_query(query)
        try:
            rows = self._ranked(query)
        except sqlite3.OperationalError as exc:
            if not _plain(query.text):
                raise QueryError(f"cannot search for {query.text!r}: {exc}") from exc
            # Plain words with punctuation ("300,000", "U.S.") are searched as a phrase.
            phrase = '"' + query.text.replace('"', '""') + '"'
            rows = self._ranked(replace(query, text=phrase))
        # FTS5's bm25() is lower for better matches: turned around, higher is better.
        return [hit(query.kind, row, sign=-1) for row in rows]

    def _ranked(self, q: SearchQuery) -> list[tuple[Any, ...]]:
        """The best ``q.limit`` rows by BM25: among all matches when they are few (or
        ``q.exact``), else window by window, newest first, until ``q.limit`` rows pass the
        filters or the matches run out (see SEARCH_WINDOW)."""
        fts = _FTS[q.kind]
        if q.exact:
            return self.db.execute(*_search_sql(q)).fetchall()
        total = self.db.execute(f"SELECT count(*) FROM {fts} WHERE {fts} MATCH ?",
                                (q.text,)).fetchone()[0]
        if total <= SEARCH_WINDOW:
            return self.db.execute(*_search_sql(q)).fetchall()
        rows: list[tuple[Any, ...]] = []
        below: int | None = None
        while len(rows) < q.limit:
            bound = "" if below is None else f" AND rowid < {int(below)}"
            edge = self.db.execute(
                f"SELECT rowid FROM {fts} WHERE {fts} MATCH ?{bound} "
                f"ORDER BY rowid DESC LIMIT 1 OFFSET ?", (q.text, SEARCH_WINDOW - 1),
            ).fetchone()
            low = None if edge is None else int(edge[0])
            rows.extend(self.db.execute(*_search_sql(q, low, below)).fetchall())
            if low is None:
                break
            below = low
        return sorted(rows, key=lambda row: float(row[SCORE_COLUMN]))[: q.limit]

    def related_claims(self, text: str, limit: int = 20) -> list[Hit]:
        words = sorted({_fold(w) for w in re.findall(r"\w+", text) if len(w) > 1})
        if not words:
            return []
        marks = ",".join("?" * len(words))
        frequency = self.db.execute(
            f"SELECT doc, term FROM claims_vocab WHERE term IN ({marks})", words).fetchall()
        chosen = choose_rare_terms(frequency)
        if not chosen:
            return []
        query = " OR ".join(f'"{t}"' for t in chosen)
        return self.search(SearchQuery(query, "claim", limit=limit))

    def close(self) -> None:
        self.db.close()


_FTS = {"article": "articles_fts", "quote": "quotes_fts", "claim": "claims_fts"}


def _search_sql(q: SearchQuery, low: int | None = None,
                below: int | None = None) -> tuple[str, list[Any]]:
    """The FTS5 query for ``q``, over rowids in [low, below) when given: ranked by BM25,
    snippets with [ ] around matches.

    The best rows are chosen first (rowids only, joined to other tables only when a filter
    needs them); snippets and columns are made for those alone."""
    fts = _FTS[q.kind]
    filters, params = article_conditions(SQLITE, q.outlet, q.since, q.until)
    window = ([f"{fts}.rowid >= {int(low)}"] if low is not None else []) + (
        [f"{fts}.rowid < {int(below)}"] if below is not None else [])
    where = [f"{fts} MATCH ?", *window, *filters]
    params.insert(0, q.text)
    if q.kind == "article":
        columns = (f"a.key, a.id, a.title, a.outlet, a.published, NULL, NULL, NULL, NULL, "
                   f"snippet({fts}, 2, '[', ']', '…', 12), bm25({fts}), NULL")
        source = f"{fts} JOIN articles AS a ON a.rowid = {fts}.rowid"
        if q.speaker:
            where.append("EXISTS (SELECT 1 FROM quotes AS x WHERE x.article = a.key "
                         f"AND {speaker_condition(SQLITE, 'x.speaker')})")
            params.append(like_pattern(q.speaker))
    else:
        table, who = TABLE[q.kind], WHO[q.kind]
        columns = (f"x.article, a.id, a.title, a.outlet, a.published, x.id, x.{who}, "
                   f"x.start, x.\"end\", snippet({fts}, 3, '[', ']', '…', 16), bm25({fts}), "
                   f"{STANCE[q.kind]}")
        source = (f"{fts} JOIN {table} AS x ON x.rowid = {fts}.rowid "
                  f"JOIN articles AS a ON a.key = x.article")
        if q.speaker:
            where.append(speaker_condition(SQLITE, f"x.{who}"))
            params.append(like_pattern(q.speaker))
    # Without filters the best rowids come from the index alone: joining every match to
    # its article first costs about seven times as much.
    inner = source if filters or q.speaker else fts
    best = (f"SELECT {fts}.rowid FROM {inner} WHERE {' AND '.join(where)} "
            f"ORDER BY bm25({fts}), {fts}.rowid DESC LIMIT ?")
    # The outer MATCH walks the window's matches and keeps the best: "+rowid" stops SQLite
    # from looking each best rowid up through MATCH (one walk of the term's whole list each).
    outer = " AND ".join([f"{fts} MATCH ?", *window, f"+{fts}.rowid IN ({best})"])
    # Ties go to the newest row, in every window alike (the windows are merged by score).
    sql = f"SELECT {columns} FROM {source} WHERE {outer} ORDER BY bm25({fts}), {fts}.rowid DESC"
    return sql, [q.text, *params, q.limit]


def _fold(word: str) -> str:
    """A word as FTS5's unicode61 tokenizer indexes it: lower case, no diacritics."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_OPERATORS = re.compile(r'["*():^]|\b(AND|OR|NOT|NEAR)\b')


def _plain(text: str) -> bool:
    """Whether a query uses no FTS5 syntax (quotes, operators, prefixes, columns)."""
    return not _OPERATORS.search(text)

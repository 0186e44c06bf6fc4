"""The SQLite store: migrations, idempotent ingest, search with filters, bad queries,
and an ingest killed with SIGKILL then rerun (issue 5)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from claimscope.store import QueryError, SearchQuery, SQLiteStore
from claimscope.store.ingest import IngestOptions, ingest
from claimscope.store.sqlite import MIGRATIONS

SAYS = ("{name}, the {role}, said on {day} that {n} people had signed contracts with the "
        "army, and that the {thing} would be rebuilt by {month}.")


def records(count: int) -> list[dict[str, str]]:
    names = ["Anna Kovac", "Peter Lind", "Maria Lopez", "John Carter", "Keiko Tanaka"]
    out = []
    for i in range(count):
        out.append({
            "id": f"a{i}", "outlet": ["Wire", "Daily"][i % 2],
            "published": f"2023-09-{i % 28 + 1:02d}", "title": f"Report number {i}",
            "text": SAYS.format(name=names[i % 5], role="minister", day="Monday",
                                n=f"{(i + 1) * 1000:,}", thing=["bridge", "school"][i % 2],
                                month="May"),
        })
    return out


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> SQLiteStore:
    base = tmp_path_factory.mktemp("store")
    s = SQLiteStore(base / "c.db")
    ingest([str(write_jsonl(base / "in.jsonl", records(6)))], s, IngestOptions(batch_size=4))
    return s


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "m.db").close()
    again = SQLiteStore(tmp_path / "m.db")
    assert again.migrations() == [v for v, _ in MIGRATIONS]
    again.close()


def test_ingest_is_idempotent_and_reanalyses_changed_versions(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", records(3))
    s = SQLiteStore(tmp_path / "c.db")
    first = ingest([str(src)], s)
    assert (first.stored, first.skipped) == (3, 0)
    second = ingest([str(src)], s)
    assert (second.stored, second.skipped, s.count()) == (0, 3, 3)
    s.db.execute("UPDATE articles SET versions = 'old' WHERE id = 'a1'")
    third = ingest([str(src)], s)
    assert (third.stored, third.skipped, s.count()) == (1, 2, 3)
    s.close()


@pytest.mark.parametrize(("query", "ids"), [
    (SearchQuery("bridge", "article"), {"a0", "a2", "a4"}),
    (SearchQuery("bridge", "article", outlet="daily"), set()),
    (SearchQuery("bridge", "article", since="2023-09-02", until="2023-09-03"), {"a2"}),
    (SearchQuery("school", "article", since="2023-09-02", until="2023-09-04"), {"a1", "a3"}),
    (SearchQuery("contracts", "quote", speaker="kovac"), {"a0", "a5"}),
    (SearchQuery("3,000", "claim"), {"a2"}),
])
def test_search(store: SQLiteStore, query: SearchQuery, ids: set[str]) -> None:
    hits = store.search(query)
    assert {h.article_id for h in hits} == ids
    for h in hits:
        assert "[" in h.snippet and "]" in h.snippet
        if query.kind != "article":
            analysis = store.article(h.article)
            assert analysis is not None and h.start is not None and h.end is not None
            assert analysis["text"][h.start:h.end]


@pytest.mark.parametrize("text", ['"unclosed', "cluster AND (", "NOT", "   "])
def test_bad_query_is_a_clear_error(store: SQLiteStore, text: str) -> None:
    with pytest.raises(QueryError):
        store.search(SearchQuery(text))


def test_hostile_filters_are_parameters(store: SQLiteStore) -> None:
    assert store.search(SearchQuery("bridge", outlet="x' OR '1'='1")) == []
    assert store.search(SearchQuery("contracts", "quote", speaker="%")) == []
    assert store.count() == 6


def test_kill_during_ingest_then_rerun(tmp_path: Path) -> None:
    """Kill -9 mid-ingest, rerun: every article stored once, none lost."""
    rows = records(40)
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "claimscope.cli", "ingest", str(src), "--db", str(db),
           "--batch-size", "4", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as con:
                    stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 8:
                break
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 8 <= stored < len(rows)
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as con:
        ids = [r[0] for r in con.execute("SELECT id FROM articles")]
        quotes = con.execute("SELECT count(*), count(DISTINCT article || id) FROM quotes")
        total, distinct = quotes.fetchone()
    assert sorted(ids) == sorted(r["id"] for r in rows)
    assert total == distinct


def test_older_database_is_migrated(tmp_path: Path) -> None:
    """A database made by migration 1 only gets the later ones on open, recorded."""
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied TEXT)")
    for statement in (s.strip() for s in MIGRATIONS[0][1].split(";")):
        if statement:
            con.execute(statement)
    con.execute("INSERT INTO schema_migrations VALUES (1, 'then')")
    con.execute("INSERT INTO articles VALUES ('k1', 'a1', 's', 't', 'o', NULL, '2024-02-03', "
                "'v', '{}', 'then')")
    con.execute("INSERT INTO quotes VALUES ('k1', 'q1', 'direct', 'Ann Lee', NULL, 'x', 0, 1)")
    con.commit()
    con.close()
    store = SQLiteStore(path)
    assert store.migrations() == [v for v, _ in MIGRATIONS]
    indexes = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "articles_id" in indexes
    # migration 4 copied the article's date onto its quotes, for the actor page's index
    assert store.db.execute("SELECT published FROM quotes").fetchone() == ("2024-02-03",)
    assert store.actor("Ann Lee").months[0].month == "2024-02"
    store.close()


def test_articles_are_listed_newest_first_with_counts_and_filters(store: SQLiteStore) -> None:
    from claimscope.store import ArticleFilter

    rows = store.articles(ArticleFilter())
    assert [r.published for r in rows] == sorted((r.published for r in rows), reverse=True)
    assert all(r.quotes >= 1 and r.claims >= 0 for r in rows)
    wire = store.articles(ArticleFilter(outlet="wire"))
    assert wire and {r.outlet for r in wire} == {"Wire"}
    assert [r.id for r in store.articles(ArticleFilter(speaker="lind"))] == ["a1"]
    assert len(store.articles(ArticleFilter(limit=2, offset=1))) == 2
    assert store.articles(ArticleFilter(since="2023-09-05", until="2023-09-05"))[0].id == "a4"
    assert store.outlets() == ["Daily", "Wire"]


def test_actor_collects_quotes_and_claims_across_articles_per_month(
        store: SQLiteStore) -> None:
    record = store.actor("Anna Kovac")
    assert record.total_quotes == 2  # articles a0 and a5
    assert {h.article_id for h in record.quotes} == {"a0", "a5"}
    assert [m.month for m in record.months] == ["2023-09"]
    assert all(h.who == "Anna Kovac" for h in record.claims)
    assert record.to_json()["total_quotes"] == 2
    nobody = store.actor("Nobody Atall")
    assert nobody.quotes == [] and nobody.months == []


def test_related_claims_share_the_rarest_words(store: SQLiteStore) -> None:
    hits = store.related_claims("Peter Lind said 2,000 people had signed contracts")
    assert hits and hits[0].article_id == "a1"
    assert store.related_claims("zzz qqq") == []
    assert store.related_claims("") == []


def test_windowed_search_ranks_the_newest_matches_first(
        store: SQLiteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimscope.store import sqlite

    everything = SearchQuery("contracts", "claim", limit=50)
    exact = store.search(replace(everything, exact=True))
    assert len(exact) >= 4
    monkeypatch.setattr(sqlite, "SEARCH_WINDOW", 2)
    # Windows of two matches, newest first, until the limit is met or matches run out:
    # with a large limit every match is ranked, in the same order as the exact search.
    assert store.search(everything) == exact
    newest = store.search(replace(everything, limit=1))
    newest_two = sorted(exact, key=lambda h: h.article_id)[-2:]
    assert newest[0] in newest_two
    filtered = store.search(replace(everything, outlet="Wire"))
    assert filtered == [h for h in exact if h.outlet == "Wire"]

"""The store suite, run on every backend (SQLite, and PostgreSQL on make test's throwaway
server): idempotent ingest, search with filters, hostile filters, listing, actors, related
claims, shards, and an ingest killed with SIGKILL then rerun (issues 5 and 7)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from claimscope.ingest import Failure
from claimscope.store import SearchQuery, Shard, Store, open_store
from claimscope.store.ingest import IngestOptions, ingest
from tests.store.conftest import BACKENDS, fresh_db
from tests.store.corpus import records, write_jsonl


@pytest.fixture(scope="module", params=BACKENDS)
def store(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    base = tmp_path_factory.mktemp("store")
    s = open_store(fresh_db(str(request.param), base))
    ingest([str(write_jsonl(base / "in.jsonl", records(6)))], s, IngestOptions(batch_size=4))
    yield s
    s.close()


def test_ingest_is_idempotent_and_reanalyses_changed_versions(
        tmp_path: Path, make_store: Callable[[], Store]) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", records(3))
    s = make_store()
    first = ingest([str(src)], s)
    assert (first.stored, first.skipped) == (3, 0)
    second = ingest([str(src)], s)
    assert (second.stored, second.skipped, s.count()) == (0, 3, 3)
    s.db.execute("UPDATE articles SET versions = 'old' WHERE id = 'a1'")  # type: ignore[attr-defined]
    third = ingest([str(src)], s)
    assert (third.stored, third.skipped, s.count()) == (1, 2, 3)


@pytest.mark.parametrize(("query", "ids"), [
    (SearchQuery("bridge", "article"), {"a0", "a2", "a4"}),
    (SearchQuery("bridge", "article", outlet="daily"), set()),
    (SearchQuery("bridge", "article", since="2023-09-02", until="2023-09-03"), {"a2"}),
    (SearchQuery("school", "article", since="2023-09-02", until="2023-09-04"), {"a1", "a3"}),
    (SearchQuery("contracts", "quote", speaker="kovac"), {"a0", "a5"}),
    (SearchQuery("3,000", "claim"), {"a2"}),
])
def test_search(store: Store, query: SearchQuery, ids: set[str]) -> None:
    hits = store.search(query)
    assert {h.article_id for h in hits} == ids
    for h in hits:
        assert "[" in h.snippet and "]" in h.snippet
        if query.kind != "article":
            analysis = store.article(h.article)
            assert analysis is not None and h.start is not None and h.end is not None
            assert analysis["text"][h.start:h.end]


def test_hostile_filters_are_parameters(store: Store) -> None:
    assert store.search(SearchQuery("bridge", outlet="x' OR '1'='1")) == []
    assert store.search(SearchQuery("contracts", "quote", speaker="%")) == []
    assert store.count() == 6


def _count(db: str) -> int:
    try:
        s = open_store(db)
    except Exception:  # the SQLite file is being created by the ingest
        return 0
    try:
        return s.count()
    finally:
        s.close()


def test_kill_during_ingest_then_rerun(tmp_path: Path, backend: str) -> None:
    """Kill -9 mid-ingest, rerun: every article stored once, none lost."""
    # Enough articles that the ingest is still running seconds after the eighth is stored
    # (the poll below looks every 0.2 s): with 40, once the quote component got faster, a
    # clean clone's ingest sometimes finished between two looks.
    rows = records(160)
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    db = fresh_db(backend, tmp_path)
    cmd = [sys.executable, "-m", "claimscope.cli", "ingest", str(src), "--db", db,
           "--batch-size", "4", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        stored = _count(db)
        if stored >= 8:
            break
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 8 <= stored < len(rows)
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    s = open_store(db)
    try:
        con = s.db  # type: ignore[attr-defined]
        ids = [r[0] for r in con.execute("SELECT id FROM articles")]
        quotes = con.execute("SELECT count(*), count(DISTINCT article || id) FROM quotes")
        total, distinct = quotes.fetchone()
    finally:
        s.close()
    assert sorted(ids) == sorted(r["id"] for r in rows)
    assert total == distinct


def test_articles_are_listed_newest_first_with_counts_and_filters(store: Store) -> None:
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
        store: Store) -> None:
    record = store.actor("Anna Kovac")
    assert record.total_quotes == 2  # articles a0 and a5
    assert {h.article_id for h in record.quotes} == {"a0", "a5"}
    assert [m.month for m in record.months] == ["2023-09"]
    assert all(h.who == "Anna Kovac" for h in record.claims)
    assert record.to_json()["total_quotes"] == 2
    nobody = store.actor("Nobody Atall")
    assert nobody.quotes == [] and nobody.months == []


def test_related_claims_share_the_rarest_words(store: Store) -> None:
    hits = store.related_claims("Peter Lind said 2,000 people had signed contracts")
    assert hits and hits[0].article_id == "a1"
    assert store.related_claims("zzz qqq") == []
    assert store.related_claims("") == []




def test_a_denied_claim_keeps_its_stance(make_store: Callable[[], Store],
                                         tmp_path: Path) -> None:
    """Issue 4 (claims 1.7): the actor page and search say which claims their claimant
    denies; the export has the column."""
    from claimscope.store.export import export

    store = make_store()
    record = {"id": "d1", "outlet": "Wire", "published": "2024-05-01", "title": "Camp",
              "text": "Fighters shelled the camp for hours, residents said on Friday.\n\n"
                      "The paramilitary group denied targeting civilians in the attack on "
                      "the camp.\n"}
    ingest([str(write_jsonl(tmp_path / "d.jsonl", [record]))], store)
    hits = store.search(SearchQuery("civilians", "claim"))
    assert [h.stance for h in hits] == ["denies"]
    assert {h.stance for h in store.search(SearchQuery("shelled", "claim"))} == {"asserts"}
    assert store.search(SearchQuery("camp", "quote"))[0].stance is None
    assert [h.stance for h in store.actor("residents").claims] == ["asserts"]
    assert export(store, "claims", "jsonl", tmp_path / "c.jsonl") == 2
    assert '"stance": "denies"' in (tmp_path / "c.jsonl").read_text(encoding="utf-8")


def test_shards_and_failures_are_recorded_with_the_batch(
        make_store: Callable[[], Store], tmp_path: Path) -> None:
    from claimscope.api import analyze_many
    from claimscope.ingest import read

    s = make_store()
    analyses = list(analyze_many(read(r) for r in records(2)))
    s.put(analyses, [Failure("bad.txt", "empty input")], shard=Shard("part-0", "v1"))
    s.put([], [Failure("bad.txt", "still empty")], shard=Shard("part-1", "v1"))
    s.put([], [], shard=Shard("part-1", "v2"))
    assert s.done_shards() == {"part-0": "v1", "part-1": "v2"}
    assert s.failures() == [Failure("bad.txt", "still empty")]
    columns, rows = s.export_rows("claims")
    assert "claimant" in columns and len(list(rows)) >= 2

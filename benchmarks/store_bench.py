"""Store benchmark: write rate, search latency and article fetch latency on a large corpus.

    .venv/bin/python benchmarks/store_bench.py [--articles 100000] [--real 200] [--db PATH]
    .venv/bin/python benchmarks/store_bench.py --db PATH --reuse   # measure a built corpus

``--real`` PolNeAR articles (real news texts from ../shared/data) are analysed once; the
corpus is then built from them, each stored article a variant (its own id, outlet, date and
a closing line that makes its text, and so its key, unique), so that the store holds
``--articles`` distinct analyses with real quotes and claims. Analysis time is excluded.
Prints articles stored per second, p50/p95 latency of searches (articles, quotes, claims;
with and without filters), and of rendering web pages (article page, search results, actor
and claim pages: the whole request through the app, in process, without a network hop).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import claimscope
from claimscope.store import SearchQuery, SQLiteStore
from claimscope.store.base import QueryError

ROOT = Path(__file__).resolve().parents[1]
OUTLETS = ["Reuters", "AP", "Sputnik", "BBC", "Breitbart", "Guardian", "Fox", "RT"]


def variants(base: list[claimscope.Analysis], total: int, seed: int) -> list[claimscope.Analysis]:
    rng = random.Random(seed)
    out = []
    for i in range(total):
        src = base[i % len(base)]
        a = src.article
        text = f"{a.text}\n\nCorpus copy {i}."
        article = replace(
            a, text=text, raw=text, record_id=f"{a.id}-{i}", outlet=rng.choice(OUTLETS),
            published=f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        )
        out.append(replace(src, article=article))
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--real", type=int, default=200)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--reuse", action="store_true",
                        help="measure the corpus already in --db instead of building one")
    args = parser.parse_args()
    if args.reuse:
        if args.db is None or not args.db.is_file():
            print("--reuse needs --db naming a built corpus", file=sys.stderr)
            return 1
        measure(args.db, args.queries)
        return 0
    source = args.data / "quotes" / "polnear.train.jsonl"
    if not source.is_file():
        print(f"no {source}: this benchmark needs ../shared/data", file=sys.stderr)
        return 1
    texts = []
    with source.open(encoding="utf-8") as handle:
        for line, _ in zip(handle, range(args.real), strict=False):
            item = json.loads(line)
            texts.append({"id": item["id"], "text": item["text"], "title": item.get("title")})
    t0 = time.perf_counter()
    base = list(claimscope.analyze_many(claimscope.read(t) for t in texts))
    print(f"analysed {len(base)} real articles in {time.perf_counter() - t0:.0f} s (excluded)")
    workdir = Path(tempfile.mkdtemp(prefix="claimscope-bench-"))
    db = args.db or workdir / "bench.db"
    store = SQLiteStore(db)
    corpus = variants(base, args.articles, seed=7)
    t0 = time.perf_counter()
    for lo in range(0, len(corpus), args.batch):
        store.put(corpus[lo : lo + args.batch])
    write = time.perf_counter() - t0
    size = Path(db).stat().st_size / 2**30
    print(f"stored {store.count()} articles in {write:.0f} s: {len(corpus) / write:.0f} "
          f"articles/s; database {size:.1f} GiB")
    store.close()
    measure(Path(db), args.queries)
    return 0


def timed(latencies: dict[str, list[float]], name: str, run: Callable[[], object]) -> None:
    t = time.perf_counter()
    run()
    latencies.setdefault(name, []).append(time.perf_counter() - t)


def measure(db: Path, queries: int) -> None:
    store = SQLiteStore(db)
    rng = random.Random(3)
    sample = [r[0] for r in store.db.execute(
        "SELECT text FROM articles_fts WHERE rowid IN "
        "(SELECT rowid FROM articles ORDER BY rowid LIMIT 200)")]
    words = [w for t in sample for w in t.split() if w.isalpha() and len(w) > 5]
    speakers = [r[0] for r in store.db.execute(
        "SELECT speaker FROM quotes WHERE entity IS NOT NULL GROUP BY speaker "
        "ORDER BY count(*) DESC LIMIT 40")]
    latencies: dict[str, list[float]] = {}
    for k in range(queries):
        kind = ("article", "quote", "claim")[k % 3]
        text = " ".join(rng.sample(words, rng.choice((1, 2))))
        plain = SearchQuery(text, kind, limit=20)
        filtered = replace(plain, speaker=rng.choice(speakers).split()[-1]
                           if kind != "article" else None,
                           outlet=rng.choice(OUTLETS), since="2018-01-01")
        for name, query in (("search", plain), ("search+filters", filtered)):
            try:
                timed(latencies, name, lambda q=query: store.search(q))
            except QueryError:
                continue
    rows = store.db.execute("SELECT key FROM articles ORDER BY random() LIMIT ?",
                            (queries,)).fetchall()
    claims = store.db.execute("SELECT article, id FROM claims ORDER BY random() LIMIT ?",
                              (max(1, queries // 3),)).fetchall()
    store.close()
    from fastapi.testclient import TestClient

    from claimscope.web import WebOptions, create_app

    client = TestClient(create_app(WebOptions(str(db))))
    for (key,) in rows:
        timed(latencies, "article page", lambda k=key: _ok(client.get(f"/article/{k}")))
    for _ in range(queries):
        text = rng.choice(words)
        timed(latencies, "search page", lambda t=text: _ok(client.get("/", params={"q": t})))
    for speaker in speakers[: max(1, queries // 10)]:
        timed(latencies, "actor page",
              lambda s=speaker: _ok(client.get(f"/actor/{quote(s, safe='')}")))
    for key, cid in claims:
        timed(latencies, "claim page",
              lambda k=key, c=cid: _ok(client.get(f"/article/{k}/claim/{c}")))
    for name, values in latencies.items():
        print(f"{name:<15} p50 {statistics.median(values) * 1000:7.1f} ms   "
              f"p95 {percentile(values, 0.95) * 1000:7.1f} ms   ({len(values)} runs)")
    print("targets: search p95 < 100 ms; article page render p95 < 200 ms")


def _ok(response: Any) -> None:
    if response.status_code != 200:
        raise SystemExit(f"{response.request.url}: HTTP {response.status_code}")


if __name__ == "__main__":
    raise SystemExit(main())

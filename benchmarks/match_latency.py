"""Latency of matching one claim against 100,000 stored claims (issue 4: under 100 ms).

    .venv/bin/python benchmarks/match_latency.py [--data ../shared/data/claims] [--size 100000]

The collection is real claim text: the CheckThat! 2022 2A fact-check corpus (14,231
claims) and the CheckThat! 2024 training sentences (22,501), repeated under new ids up to
``--size`` (a large store holds many near-copies of the same claims). Their MiniLM vectors
are computed once and cached (``~/.cache/claimscope``; the first run takes minutes). Each
CheckThat! 2022 2A dev-test query (a tweet) is then matched alone, as ``claimscope match``
does: embedding the query, BM25 over every stored claim, cosine against every vector, the
union of both top-50 lists re-ranked. Prints p50, p95 and the slowest query.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from claimscope.claims.factchecks import load_factchecks
from claimscope.claims.matching import ClaimIndex
from claimscope.cli_claims import cache_dir
from claimscope.embed import cached_encode, load
from claimscope.evaluation.matching import read_queries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/claims"))
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args()
    corpus = args.data / "retrieval" / "ct22_2a.corpus.jsonl"
    sentences = args.data / "checkworthy" / "ct24.train.jsonl"
    queries_path = args.data / "retrieval" / "ct22_2a.devtest.jsonl"
    for path in (corpus, sentences, queries_path):
        if not path.is_file():
            print(f"no {path}: this benchmark needs ../shared/data", file=sys.stderr)
            return 1
    encoder = load()
    facts = [r.searchable for r in load_factchecks(corpus)]
    with sentences.open(encoding="utf-8") as handle:
        said = [json.loads(line)["text"] for line in handle if line.strip()]
    started = time.perf_counter()
    distinct = facts + said
    vectors = np.vstack([cached_encode(encoder, facts, cache_dir()),
                         cached_encode(encoder, said, cache_dir())])
    repeats = -(-args.size // len(distinct))
    texts = (distinct * repeats)[: args.size]
    ids = [f"{i}" for i in range(len(texts))]
    index = ClaimIndex(ids, texts, vectors=np.tile(vectors, (repeats, 1))[: args.size],
                       encoder=encoder)
    print(f"{len(texts)} stored claims ({len(distinct)} distinct texts), index built in "
          f"{time.perf_counter() - started:.1f} s (vectors from the cache when present)")
    queries = [q.text for q in read_queries(queries_path)]
    index.search(queries[0])  # warm-up: first calls allocate
    times = []
    for query in queries:
        t0 = time.perf_counter()
        index.search(query)
        times.append((time.perf_counter() - t0) * 1000)
    p50, p95 = np.percentile(times, [50, 95])
    print(f"{len(queries)} queries, one at a time: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
          f"slowest {max(times):.1f} ms (target: under 100 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Choose the embedding/BM25 mix of claim matching on TRAINING queries (never dev-test).

    .venv/bin/python benchmarks/match_weight.py [--data ../shared/data/claims/retrieval]

Prints MAP@5 and recall@50 of CheckThat! 2022 2A training queries against the whole
fact-check corpus for each weight of the cosine similarity (0 = BM25 only, 1 = embedding
only); the weight shipped in ``MatchOptions`` is the best of these.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimscope.claims.factchecks import load_factchecks
from claimscope.claims.matching import ClaimIndex, MatchOptions, query_text
from claimscope.cli_claims import cache_dir
from claimscope.evaluation.matching import DEPTH, read_queries, score_rankings

WEIGHTS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/claims/retrieval"))
    parser.add_argument("--split", default="train")
    args = parser.parse_args()
    queries_path = args.data / f"ct22_2a.{args.split}.jsonl"
    if not queries_path.is_file():
        print(f"no {queries_path}: this benchmark needs ../shared/data", file=sys.stderr)
        return 1
    queries = read_queries(queries_path)
    records = load_factchecks(args.data / "ct22_2a.corpus.jsonl")
    index = ClaimIndex([r.id for r in records], [r.searchable for r in records],
                       cache_dir=cache_dir())
    print(f"{len(queries)} {args.split} queries, {len(records)} fact-checked claims")
    texts = [q.text for q in queries]
    vectors = index.encoder.encode([query_text(t) for t in texts])
    for w in WEIGHTS:
        found = index.search_many(texts, MatchOptions(top_k=DEPTH, candidates=DEPTH, weight=w),
                                  vectors)
        s = score_rankings(queries, [[m.id for m in f] for f in found])
        print(f"weight {w:.1f}  MAP@5 {s.map_at_5:.3f}  recall@50 {s.recall_at_50:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

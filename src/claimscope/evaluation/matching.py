"""Scoring claim matching on CheckThat! 2022 2A-style files: MAP@5 (with its 95% bootstrap
interval over the queries) and recall@50 over the whole fact-check collection (the files'
candidate lists are ignored), beside BM25 alone."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from claimscope.claims.factchecks import load_factchecks
from claimscope.claims.matching import (
    ClaimIndex,
    MatchOptions,
    average_precision_at,
    recall_at,
)
from claimscope.embed import Encoder
from claimscope.errors import InputError
from claimscope.evaluation.bootstrap import interval
from claimscope.jsonl import json_lines, read_lines

# The ranking depth kept per query: recall is reported at 50.
DEPTH = 50


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    gold: tuple[str, ...]


@dataclass(frozen=True)
class RankingScores:
    queries: int
    map_at_5: float
    recall_at_50: float
    map_at_5_95: tuple[float, float]  # 95% bootstrap interval over the queries

    def to_json(self) -> dict[str, Any]:
        return {"queries": self.queries, "map@5": round(self.map_at_5, 4),
                "map@5_95": [round(v, 4) for v in self.map_at_5_95],
                "recall@50": round(self.recall_at_50, 4)}


@dataclass(frozen=True)
class MatchEvaluation:
    model: RankingScores
    bm25: RankingScores

    def to_json(self) -> dict[str, Any]:
        return {"model": self.model.to_json(), "baseline_bm25": self.bm25.to_json()}


def read_queries(path: Path) -> list[Query]:
    out: list[Query] = []
    for number, item in json_lines(read_lines(path), path):
        try:
            out.append(Query(str(item["id"]), str(item["query"]),
                             tuple(str(g) for g in item.get("gold", []))))
        except (KeyError, TypeError, AttributeError) as exc:
            raise InputError(f"{path}:{number}", f"not an {{id, query, gold}} record: {exc}"
                             ) from exc
    return out


def score_rankings(queries: list[Query], rankings: list[list[str]]) -> RankingScores:
    aps = [average_precision_at(r, q.gold, 5) for q, r in zip(queries, rankings, strict=True)]
    recalls = [recall_at(r, q.gold, DEPTH) for q, r in zip(queries, rankings, strict=True)]
    if not aps:
        return RankingScores(0, 0.0, 0.0, (0.0, 0.0))
    values = np.array(aps)
    spread = interval(lambda drawn: float(values[drawn].mean()), len(values))
    return RankingScores(len(queries), float(values.mean()), float(np.mean(recalls)), spread)


def evaluate_matching(
    queries_path: Path, corpus_path: Path, options: MatchOptions | None = None,
    cache_dir: Path | None = None, predictions: TextIO | None = None,
    encoder: Encoder | None = None,
) -> MatchEvaluation:
    options = options or MatchOptions()
    queries = read_queries(queries_path)
    records = load_factchecks(corpus_path)
    index = ClaimIndex([r.id for r in records], [r.searchable for r in records],
                       cache_dir=cache_dir, encoder=encoder)
    deep = MatchOptions(top_k=DEPTH, candidates=max(options.candidates, DEPTH),
                        weight=options.weight)
    results = index.search_many([q.text for q in queries], deep)
    rankings = [[m.id for m in found] for found in results]
    if predictions is not None:
        for q, ranked in zip(queries, rankings, strict=True):
            predictions.write(json.dumps({"id": q.id, "ranked": ranked}) + "\n")
    lexical = []
    for q in queries:
        scores = index.bm25.scores(q.text)
        top = np.argsort(-scores, kind="stable")[:DEPTH]
        lexical.append([index.ids[i] for i in top])
    return MatchEvaluation(score_rankings(queries, rankings), score_rankings(queries, lexical))

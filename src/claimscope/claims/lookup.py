"""``claimscope match``: for claims (a text, or an article's claims), the closest claims in
a fact-check database and in a corpus of analysed articles, and the numeric drift."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from claimscope.claims.corpus import CorpusClaim, Drift, numeric_drift
from claimscope.claims.factchecks import FactCheck
from claimscope.claims.matching import ClaimIndex, Match, MatchOptions


@dataclass(frozen=True)
class Found:
    """A match with what it points to: a fact-check or an analysed article's claim."""

    match: Match
    source: str  # factcheck or corpus
    record: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {**self.match.to_json(), "source": self.source, **self.record}


@dataclass
class Lookup:
    query: str
    query_id: str | None
    factchecks: list[Found] = field(default_factory=list)
    corpus: list[Found] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "query_id": self.query_id,
                "factchecks": [f.to_json() for f in self.factchecks],
                "corpus": [f.to_json() for f in self.corpus]}


@dataclass
class LookupReport:
    lookups: list[Lookup]
    drift: list[Drift]

    def to_json(self) -> dict[str, Any]:
        return {"matches": [x.to_json() for x in self.lookups],
                "drift": [d.to_json() for d in self.drift]}


def lookup(
    queries: Sequence[tuple[str | None, str]],
    factchecks: Sequence[FactCheck] = (),
    corpus: Sequence[CorpusClaim] = (),
    own: Sequence[CorpusClaim] = (),
    options: MatchOptions | None = None,
    cache_dir: Path | None = None,
) -> LookupReport:
    """Match each ``(id, text)`` query against the fact-checks and the corpus claims (a
    query never matches itself); drift is computed over ``corpus`` plus ``own`` (the
    queried article's claims)."""
    options = options or MatchOptions()
    texts = [t for _, t in queries]
    results = [Lookup(t, qid) for qid, t in queries]
    if factchecks and texts:
        index = ClaimIndex([f.id for f in factchecks], [f.searchable for f in factchecks],
                           cache_dir=cache_dir)
        by_id = {f.id: f for f in factchecks}
        for res, found in zip(results, index.search_many(texts, options), strict=True):
            res.factchecks = [Found(m, "factcheck", by_id[m.id].to_json()) for m in found]
    if corpus and texts:
        index = ClaimIndex([c.id for c in corpus], [c.text for c in corpus],
                           cache_dir=cache_dir)
        by_cid = {c.id: c for c in corpus}
        # One more than asked: a query from the corpus finds itself first.
        wider = replace(options, top_k=options.top_k + 1)
        for res, found in zip(results, index.search_many(texts, wider), strict=True):
            others = [m for m in found if m.id != res.query_id][: options.top_k]
            res.corpus = [Found(m, "corpus", by_cid[m.id].to_json()) for m in others]
    return LookupReport(results, numeric_drift([*corpus, *own]))

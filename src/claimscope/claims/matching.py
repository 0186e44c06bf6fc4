"""Finding where a claim was made or checked before: BM25 and MiniLM over a claim collection.

Candidates come from both BM25 (words) and the embedding (meaning) over the whole
collection; they are re-ranked by a weighted sum of the cosine similarity and the BM25 score
scaled by the query's best BM25 score. The weight was set on the CheckThat! 2022 2A
training queries (see ``benchmarks/`` and the README), never on dev or dev-test.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from claimscope import embed

_URL = re.compile(r"https?://\S+|pic\.twitter\.com/\S+|www\.\S+")
_WORD = re.compile(r"\w+")
_STOP = frozenset(
    "a an the and or but of to in on at for from by with as is are was were be been being it "
    "its this that these those he she they we you i his her their our your my me him them us "
    "not no do does did has have had will would can could should may might so if then than "
    "there here what which who whom whose when where why how all any some such into over".split()
)


_HASHTAG = re.compile(r"#(\w+)")
_HANDLE = re.compile(r"@(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)")
_SPACES = re.compile(r"\s+")


def query_text(text: str) -> str:
    """A query as it is searched: links dropped, hashtags split into their words
    ("#AustralianFires" -> "Australian Fires"), "@" dropped from handles. Tweets are the
    queries of fact-check matching; on the CheckThat! 2022 2A training queries this raised
    MAP@5 from 0.884 to 0.891 (the tweet's signature, "— Name (@handle) date", is kept:
    dropping it lowered MAP@5 to 0.862, since the fact-checked claim often names the
    author)."""
    text = _URL.sub(" ", text)
    text = _HASHTAG.sub(lambda m: _CAMEL.sub(" ", m.group(1)), text)
    text = _HANDLE.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
# Pieces shorter than this many words ("Wow.", "— CNN") are not searched on their own.
_MIN_SENTENCE_WORDS = 4


def query_sentences(text: str) -> list[str]:
    """The sentences of a query (split after . ! ?) of at least four words; the whole text
    when there are none. A tweet's signature ("— Name (@handle) date") stays with its last
    sentence: splitting it off too gave 0.896 on the training queries against 0.898, and
    one more sentence to embed."""
    found = [p for p in _SENTENCE_BREAK.split(text) if len(p.split()) >= _MIN_SENTENCE_WORDS]
    return found or [text]


def words(text: str) -> list[str]:
    """BM25 terms: lower-cased words without URLs and stop words, plural -s stripped."""
    out: list[str] = []
    for w in _WORD.findall(_URL.sub(" ", text.lower())):
        if w in _STOP or (len(w) == 1 and not w.isdigit()):
            continue
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return out


class BM25:
    """Okapi BM25 over a fixed collection (scores for every document at once)."""

    def __init__(self, docs: Sequence[str], k1: float = 1.5, b: float = 0.75) -> None:
        from scipy.sparse import csc_matrix

        vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        lengths = np.zeros(len(docs), dtype=np.float32)
        for i, doc in enumerate(docs):
            counts = Counter(words(doc))
            lengths[i] = sum(counts.values())
            for w, c in counts.items():
                rows.append(i)
                cols.append(vocab.setdefault(w, len(vocab)))
                vals.append(c)
        self.vocab = vocab
        n = max(len(docs), 1)
        tf = np.array(vals, dtype=np.float32)
        row_idx = np.array(rows, dtype=np.int64)
        col_idx = np.array(cols, dtype=np.int64)
        df = np.bincount(col_idx, minlength=len(vocab)).astype(np.float32)
        idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
        avg = float(lengths.mean()) if len(docs) else 1.0
        norm = k1 * (1 - b + b * lengths[row_idx] / max(avg, 1e-6))
        weight = idf[col_idx] * tf * (k1 + 1) / (tf + norm)
        self.matrix = csc_matrix((weight, (row_idx, col_idx)), shape=(len(docs), len(vocab)))

    def scores(self, query: str) -> np.ndarray:
        ids = [self.vocab[w] for w in words(query) if w in self.vocab]
        if not ids:
            return np.zeros(self.matrix.shape[0], dtype=np.float32)
        result: np.ndarray = np.asarray(self.matrix[:, ids].sum(axis=1)).ravel()
        return result


@dataclass(frozen=True)
class MatchOptions:
    top_k: int = 5
    # Candidates taken from each of BM25 and the embedding before re-ranking: matches
    # below rank 50 of both are almost never right.
    candidates: int = 50
    # Share of the cosine similarity in the final score; the rest is scaled BM25. Set on the
    # CheckThat! 2022 2A training queries (benchmarks/match_weight.py).
    weight: float = 0.8
    # Share of the best sentence's cosine in the cosine similarity of a query of several
    # sentences; the rest is the whole query's. A tweet often states the claim in one of
    # its sentences: on the training queries MAP@5 rose from 0.891 (0) to 0.898 (0.5; 0.4
    # to 0.5 within 0.001 of each other, 1.0 gave 0.869). The query takes about 3 times as
    # long to embed (p50 47 ms against 24 ms against 100,000 stored claims).
    sentence_share: float = 0.5


@dataclass(frozen=True, slots=True)
class Match:
    id: str
    score: float
    cosine: float
    bm25: float

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "score": round(self.score, 4), "cosine": round(self.cosine, 4),
                "bm25": round(self.bm25, 3)}


class ClaimIndex:
    """A searchable claim collection: ids, texts, their BM25 index and unit vectors."""

    def __init__(
        self, ids: Sequence[str], texts: Sequence[str], vectors: np.ndarray | None = None,
        cache_dir: Path | None = None, encoder: embed.Encoder | None = None,
    ) -> None:
        if len(ids) != len(texts):
            raise ValueError("ids and texts differ in length")
        self.ids = list(ids)
        self.texts = list(texts)
        self.encoder = encoder or embed.load()
        self.bm25 = BM25(self.texts)
        self.vectors = (
            vectors if vectors is not None
            else embed.cached_encode(self.encoder, self.texts, cache_dir)
        )

    def search(self, query: str, options: MatchOptions | None = None) -> list[Match]:
        return self.search_many([query], options)[0]

    def search_many(
        self, queries: Sequence[str], options: MatchOptions | None = None,
        query_vectors: np.ndarray | None = None,
    ) -> list[list[Match]]:
        """Matches for each query, searched as :func:`query_text` gives it;
        ``query_vectors`` when the caller embedded those texts."""
        options = options or MatchOptions()
        if not queries or not self.ids:
            return [[] for _ in queries]
        queries = [query_text(q) for q in queries]
        pieces = [query_sentences(q) if options.sentence_share else [q] for q in queries]
        flat = [p for ps in pieces if len(ps) > 1 for p in ps]
        # One pass of the encoder for the queries (unless given) and their sentences.
        to_embed = ([] if query_vectors is not None else queries) + flat
        vectors = self.encoder.encode(to_embed)
        qv = vectors[: len(queries)] if query_vectors is None else query_vectors
        sentence_vectors = vectors[len(to_embed) - len(flat):]
        cosines = qv @ self.vectors.T
        out: list[list[Match]] = []
        n = options.candidates
        at = 0
        for qi, query in enumerate(queries):
            lexical = self.bm25.scores(query)
            dense = cosines[qi]
            if len(pieces[qi]) > 1:
                mine = sentence_vectors[at : at + len(pieces[qi])]
                at += len(pieces[qi])
                dense = self._with_best_sentence(dense, lexical, mine, options)
            pool = set(_top(lexical, n)) | set(_top(dense, n))
            best = float(lexical.max()) or 1.0
            scored = [
                Match(self.ids[d], options.weight * float(dense[d])
                      + (1 - options.weight) * float(lexical[d]) / best,
                      float(dense[d]), float(lexical[d]))
                for d in pool
            ]
            scored.sort(key=lambda m: (-m.score, m.id))
            out.append(scored[: options.top_k])
        return out

    def _with_best_sentence(self, dense: np.ndarray, lexical: np.ndarray,
                            sentences: np.ndarray, options: MatchOptions) -> np.ndarray:
        """The query's cosines mixed with its best sentence's, over the claims closest to the
        whole query and the lexical candidates (the rest drop to -1, out of the pool)."""
        rows = np.union1d(_top(dense, _SHORTLIST), _top(lexical, options.candidates))
        best_sentence = (sentences @ self.vectors[rows].T).max(axis=0)
        share = options.sentence_share
        mixed = np.full_like(dense, -1.0)
        mixed[rows] = (1 - share) * dense[rows] + share * best_sentence
        return mixed


# Claims among which a query's best sentence is compared: the closest to the whole query.
# A match below rank 1,000 of the whole query almost never rises into the top 50 (training
# queries: MAP@5 and recall@50 the same as over every claim), and comparing each sentence
# with 100,000 stored claims took 40 ms a query.
_SHORTLIST = 1000


def _top(scores: np.ndarray, n: int) -> list[int]:
    n = min(n, len(scores))
    idx = np.argpartition(-scores, n - 1)[:n]
    return [int(i) for i in idx]


def average_precision_at(ranked: Sequence[str], gold: Sequence[str], k: int) -> float:
    """AP@k as CheckThat! computes it: precision at each relevant rank within k, over the
    number of gold items (capped at k)."""
    if not gold:
        return 0.0
    hits = 0
    total = 0.0
    for rank, item in enumerate(ranked[:k], 1):
        if item in gold:
            hits += 1
            total += hits / rank
    return total / min(len(gold), k)


def recall_at(ranked: Sequence[str], gold: Sequence[str], k: int) -> float:
    if not gold:
        return 0.0
    return len(set(ranked[:k]) & set(gold)) / len(gold)


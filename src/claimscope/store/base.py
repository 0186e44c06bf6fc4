"""The store interface: what ingest, search and the web need from a corpus backend.

SQLite (:mod:`claimscope.store.sqlite`) implements it; a PostgreSQL backend implements the
same protocol. Articles are keyed by the hash of their analysed text; a stored analysis
records the component versions that made it, so a changed component re-analyses it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from claimscope.errors import ClaimscopeError
from claimscope.ingest import Failure
from claimscope.model import Analysis

KINDS = ("article", "quote", "claim")


class StoreError(ClaimscopeError):
    """A database that cannot be opened, migrated or queried."""


class QueryError(StoreError):
    """A search query the engine cannot parse."""


@dataclass(frozen=True)
class SearchQuery:
    text: str
    kind: str = "article"  # article, quote or claim
    speaker: str | None = None  # quote speaker or claimant (substring, any case)
    outlet: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None
    limit: int = 20
    exact: bool = False  # rank every match, however many (else newest windows first)


@dataclass(frozen=True)
class Hit:
    """One search result: where it is (article key, item id, span) and a highlighted
    snippet (matches between [ and ])."""

    kind: str
    article: str  # the article's key (hash of its text)
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    item: str | None  # quote or claim id
    who: str | None  # speaker or claimant
    start: int | None
    end: int | None
    snippet: str
    score: float
    stance: str | None = None  # a claim's: "asserts" or "denies" (model.Claim)

    def to_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class ArticleFilter:
    """Which stored articles to list (newest first), and which page of them."""

    outlet: str | None = None
    speaker: str | None = None  # has a quote by this speaker (part of the name, any case)
    since: str | None = None
    until: str | None = None
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True)
class ArticleRow:
    key: str
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    quotes: int
    claims: int

    def to_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class MonthCount:
    month: str  # YYYY-MM, or "undated"
    quotes: int
    claims: int


@dataclass(frozen=True)
class ActorRecord:
    """Everything one actor said or claimed across the corpus: the newest ``limit`` quotes
    and claims (as hits whose snippet is the whole text), and counts for every month."""

    name: str
    quotes: list[Hit]
    claims: list[Hit]
    months: list[MonthCount]

    @property
    def total_quotes(self) -> int:
        return sum(m.quotes for m in self.months)

    @property
    def total_claims(self) -> int:
        return sum(m.claims for m in self.months)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "total_quotes": self.total_quotes,
            "total_claims": self.total_claims,
            "months": [m.__dict__ for m in self.months],
            "quotes": [h.to_json() for h in self.quotes],
            "claims": [h.to_json() for h in self.claims],
        }


@dataclass(frozen=True)
class Shard:
    """One input shard of a distributed ingest, and the component versions analysing it."""

    id: str
    versions: str


class Store(Protocol):
    def versions_of(self, keys: Sequence[str]) -> dict[str, str]:
        """The component versions stored for each of ``keys`` that is stored."""
        ...

    def put(self, analyses: Sequence[Analysis], failures: Sequence[Failure] = (),
            shard: Shard | None = None) -> None:
        """Store a batch in one transaction (replacing older analyses of the same text);
        with ``shard``, record in the same transaction that this input shard is done."""
        ...

    def done_shards(self) -> dict[str, str]:
        """Input shards stored to the end, with the component versions that made them."""
        ...

    def failures(self) -> list[Failure]:
        """Inputs that could not be read or analysed, with the latest reason."""
        ...

    def export_rows(self, what: str) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        """Column names and flat rows of every stored quote, claim or article."""
        ...

    def search(self, query: SearchQuery) -> list[Hit]: ...

    def article(self, key: str) -> dict[str, Any] | None:
        """The stored analysis JSON of an article."""
        ...

    def articles(self, where: ArticleFilter) -> list[ArticleRow]:
        """Stored articles, newest first."""
        ...

    def outlets(self) -> list[str]: ...

    def actor(self, name: str, limit: int = 200) -> ActorRecord:
        """The quotes and claims whose speaker or claimant is exactly ``name``."""
        ...

    def related_claims(self, text: str, limit: int = 20) -> list[Hit]:
        """Stored claims that share the most distinctive words of ``text``, best first."""
        ...

    def count(self) -> int: ...

    def close(self) -> None: ...


def versions(analysis: Analysis) -> str:
    """The component versions of an analysis as one comparable string."""
    return ";".join(f"{c.name}={c.version}" for c in analysis.components)


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def like_pattern(text: str) -> str:
    """``text`` as a LIKE pattern matching it anywhere (escape character: backslash)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# Related claims: at most this many of the claim's rarest words are searched (OR; among
# equally rare words, longer ones first), and words are dropped from the common end while
# together they would match more than RELATED_ROWS claims: BM25 scores every matching row,
# and 20,000 rows score in about 30 ms here, the budget of one page's query.
RELATED_TERMS = 8
RELATED_ROWS = 20_000


def choose_rare_terms(frequency: Sequence[tuple[int, str]]) -> list[str]:
    """The words to search for a claim's relatives, from (claims holding it, word) pairs."""
    chosen: list[str] = []
    total = 0
    for doc, term in sorted(frequency, key=lambda f: (f[0], -len(f[1]), f[1]))[:RELATED_TERMS]:
        if chosen and total + doc > RELATED_ROWS:
            break
        chosen.append(term)
        total += doc
    return chosen

"""BM25, the hybrid index and the ranking metrics."""

from __future__ import annotations

import numpy as np
import pytest

from claimscope.claims.matching import (
    BM25,
    ClaimIndex,
    MatchOptions,
    average_precision_at,
    query_sentences,
    query_text,
    recall_at,
    words,
)

CLAIMS = [
    "The United States used cluster munitions in Ukraine.",
    "Moscow has never refused to negotiate with Kyiv.",
    "300,000 people signed contracts with the Russian army.",
    "A photo shows a spider inside an Oreo cookie.",
    "Drinking hot water cures the flu.",
]


def test_words() -> None:
    assert words("The contracts, see https://t.co/x pic.twitter.com/abc!") == ["contract", "see"]


def test_bm25_prefers_the_document_with_the_rare_words() -> None:
    scores = BM25(CLAIMS).scores("cluster munitions Ukraine")
    assert int(np.argmax(scores)) == 0
    assert BM25(CLAIMS).scores("zzzz unknown").max() == 0.0


def test_index_finds_paraphrase() -> None:
    index = ClaimIndex([f"c{i}" for i in range(len(CLAIMS))], CLAIMS)
    found = index.search("Russia says it never declined talks", MatchOptions(top_k=2))
    assert found[0].id == "c1"
    assert len(found) == 2 and found[0].score >= found[1].score
    # The word side alone would miss it: no shared content word but "never".
    assert index.search_many([], MatchOptions()) == []


def test_cache_is_reused(tmp_path: object) -> None:
    from pathlib import Path

    cache = Path(str(tmp_path))
    a = ClaimIndex(["a", "b"], CLAIMS[:2], cache_dir=cache)
    files = list(cache.iterdir())
    assert len(files) == 1
    b = ClaimIndex(["a", "b"], CLAIMS[:2], cache_dir=cache)
    assert np.allclose(a.vectors, b.vectors)


@pytest.mark.parametrize(("ranked", "gold", "ap"), [
    (["a", "b", "c"], ["a"], 1.0),
    (["b", "a", "c"], ["a"], 0.5),
    (["b", "c", "d", "e", "f", "a"], ["a"], 0.0),
    (["a", "x", "b"], ["a", "b"], (1 + 2 / 3) / 2),
    ([], ["a"], 0.0),
])
def test_average_precision(ranked: list[str], gold: list[str], ap: float) -> None:
    assert average_precision_at(ranked, gold, 5) == pytest.approx(ap)


def test_recall() -> None:
    assert recall_at(["a", "b"], ["b", "c"], 50) == 0.5


@pytest.mark.parametrize(("text", "expected"), [
    ("How are butterflies surviving the #AustralianFires?",
     "How are butterflies surviving the Australian Fires?"),
    ("Iran #FreeIran2020pic.twitter.com/uB3zO — X (@realDonaldTrump) January 5, 2020",
     "Iran Free Iran 2020 — X (realDonaldTrump) January 5, 2020"),
    ("bounty for @realDonaldTrump https://t.co/zwLPPXniQh now", "bounty for realDonaldTrump now"),
    ("#covid19 spreads", "covid 19 spreads"),
    ("plain claim text", "plain claim text"),
])
def test_query_text_splits_hashtags_and_drops_links(text: str, expected: str) -> None:
    assert query_text(text) == expected


def test_a_hashtag_query_finds_the_claim_in_words() -> None:
    index = ClaimIndex(["a", "b"], ["Australian fires killed a billion animals",
                                    "Butterflies survive in wombat holes"])
    found = index.search("#AustralianFires death toll", MatchOptions(top_k=1))
    assert found[0].id == "a"


@pytest.mark.parametrize(("text", "expected"), [
    ("One two three four. Five six seven eight!", ["One two three four.", "Five six seven eight!"]),
    ("Wow. The vaccine contains a microchip, he says",
     ["The vaccine contains a microchip, he says"]),
    ("Short. Tiny.", ["Short. Tiny."]),
    ("Masks do not work at all — Jane Roe (janeroe) May 1, 2020",
     ["Masks do not work at all — Jane Roe (janeroe) May 1, 2020"]),
])
def test_query_sentences(text: str, expected: list[str]) -> None:
    assert query_sentences(text) == expected


def test_a_query_sentence_finds_its_claim_among_other_sentences() -> None:
    index = ClaimIndex(["a", "b"], ["Bill Gates put microchips in vaccines",
                                    "Giraffes sleep standing up in the savanna"])
    query = ("Giraffes are lovely animals to watch. Bill Gates put microchips in vaccines. "
             "Giraffes are tall.")
    assert index.search(query, MatchOptions(top_k=1))[0].id == "a"
    with_whole_only = index.search(query, MatchOptions(top_k=2, sentence_share=0.0))
    with_sentences = index.search(query, MatchOptions(top_k=2))
    margin = {m.id: m.cosine for m in with_sentences}
    assert margin["a"] > {m.id: m.cosine for m in with_whole_only}["a"]

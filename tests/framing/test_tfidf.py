"""``framing.tfidf.Terms`` gives the fitted vectorizer's own matrix, to the bit."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from claimscope.framing.tfidf import Terms

CORPUS = [
    "The West is the aggressor, the president said.",
    "Moscow has never refused to negotiate.",
    "About 300,000 signed contracts; 270,000 a few days earlier.",
    "ΟΔΟΣ Σίσυφος: Greek capitals lowercase with a final sigma.",
    "İstanbul and DŽ digraphs\tacross tabs\nand  double  spaces",
    "the the the aggressor aggressor",
]
TEXTS = [
    *CORPUS,
    "",
    "   \n\t ",
    "a",
    "unseen words only: zyxw qwvu",
    "The president said the West is the aggressor. " * 30,
    "ΟΔΟΣ\u00a0Σ non-breaking\u2003spaces and an em—dash",
]


def _vectorizers() -> list[TfidfVectorizer]:
    return [
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, dtype=np.float32),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                        dtype=np.float32),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True,
                        max_features=40, dtype=np.float32),
    ]


@pytest.mark.parametrize("vectorizer", _vectorizers(), ids=["words", "chars", "few-chars"])
def test_terms_equal_the_vectorizers_transform(vectorizer: TfidfVectorizer) -> None:
    vectorizer.fit(CORPUS)
    terms = Terms(vectorizer)
    for _ in range(2):  # the second time from the words already seen
        ours, theirs = terms.transform(TEXTS), vectorizer.transform(TEXTS)
        assert ours.dtype == theirs.dtype == np.float32
        assert ours.shape == theirs.shape
        assert np.array_equal(ours.indptr, theirs.indptr)
        assert np.array_equal(ours.indices, theirs.indices)
        assert np.array_equal(ours.data, theirs.data)


def test_a_vectorizer_set_up_otherwise_keeps_its_own_transform() -> None:
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), binary=True).fit(CORPUS)
    ours, theirs = Terms(vectorizer).transform(TEXTS), vectorizer.transform(TEXTS)
    assert (ours != theirs).nnz == 0


def test_the_store_of_words_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimscope.framing import tfidf

    monkeypatch.setattr(tfidf, "MAX_WORDS", 3)
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5),
                                 sublinear_tf=True, dtype=np.float32).fit(CORPUS)
    terms = Terms(vectorizer)
    ours, theirs = terms.transform(TEXTS), vectorizer.transform(TEXTS)
    assert (ours != theirs).nnz == 0
    assert len(terms._words) <= 3


@pytest.mark.parametrize("sizes", [(1, 1), (1, 3), (2, 3)])
def test_word_ngram_ranges(sizes: tuple[int, int]) -> None:
    vectorizer = TfidfVectorizer(ngram_range=sizes, sublinear_tf=True,
                                 dtype=np.float32).fit(CORPUS)
    ours, theirs = Terms(vectorizer).transform(TEXTS), vectorizer.transform(TEXTS)
    assert np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)

"""A fitted scikit-learn ``TfidfVectorizer``'s ``transform``, made cheaper for many calls.

The framing classifiers transform every article's paragraphs, sentences and mention windows
with word 1-2-grams and character 3-5-grams inside word boundaries ("char_wb"). scikit-learn
spells out every character n-gram of every text and validates its input at each call,
which made most of the framing component's time. The character n-grams of a text are those
of its whitespace-separated words taken one by one (``char_wb`` pads each word and never
crosses a space), so ``Terms`` keeps each word's vocabulary columns once seen and adds them
up; the TF-IDF weighting then repeats the vectorizer's own steps (sublinear term frequency,
inverse document frequency, L2 norm) in the same order. The result is the vectorizer's
matrix to the bit (``tests/framing/test_tfidf.py``); a vectorizer set up otherwise than
these steps assume is left to its own ``transform``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import scipy.sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

# Words whose columns are kept; past it the store starts again (news text repeats a few
# tens of thousands of word forms: a 100-article run meets about 12,000).
MAX_WORDS = 200_000


def _plain(vectorizer: TfidfVectorizer) -> bool:
    """Whether the vectorizer does what ``Terms`` repeats (else its own transform runs)."""
    return (
        vectorizer.analyzer in ("word", "char_wb")
        and vectorizer.input == "content"
        and vectorizer.lowercase
        and vectorizer.strip_accents is None
        and vectorizer.preprocessor is None
        and vectorizer.tokenizer is None
        and vectorizer.stop_words is None
        and not vectorizer.binary
        and vectorizer.use_idf
        and vectorizer.sublinear_tf
        and vectorizer.norm == "l2"
        and hasattr(vectorizer, "idf_")
        and hasattr(vectorizer, "vocabulary_")
    )


class Terms:
    """``vectorizer.transform(texts)``, to the bit, at a fraction of its cost."""

    def __init__(self, vectorizer: TfidfVectorizer) -> None:
        self.vectorizer = vectorizer
        self._plain = _plain(vectorizer)
        if not self._plain:
            return
        self._analyze: Callable[[str], list[str]] = vectorizer.build_analyzer()
        self._preprocess: Callable[[str], str] = vectorizer.build_preprocessor()
        self._tokenize: Callable[[str], list[str]] = vectorizer.build_tokenizer()
        self._sizes = range(vectorizer.ngram_range[0], vectorizer.ngram_range[1] + 1)
        self._vocabulary: dict[str, int] = vectorizer.vocabulary_
        self._idf: np.ndarray = vectorizer.idf_
        self._by_word = vectorizer.analyzer == "char_wb"
        self._words: dict[str, list[int]] = {}

    def _word_columns(self, text: str) -> list[int]:
        """The columns of the text's word n-grams (the analyzer's tokens joined by a space,
        as ``_word_ngrams`` joins them, without spelling the list out)."""
        tokens = self._tokenize(self._preprocess(text))
        get = self._vocabulary.get
        out: list[int] = []
        for n in self._sizes:
            # The shifted copies are of unequal length: zip stops with the shortest.
            shifted = (tokens[k:] for k in range(n))
            grams = tokens if n == 1 else map(" ".join, zip(*shifted, strict=False))
            out.extend(j for j in map(get, grams) if j is not None)
        return out

    def _columns(self, text: str) -> list[int]:
        """The vocabulary columns of the text's terms, repeated as often as they occur."""
        if not self._by_word:
            return self._word_columns(text)
        out: list[int] = []
        get = self._vocabulary.get
        for word in text.split():
            columns = self._words.get(word)
            if columns is None:
                if len(self._words) >= MAX_WORDS:
                    self._words.clear()
                # Lowercasing a word alone gives what lowercasing the text gives it.
                columns = [j for j in map(get, self._analyze(word)) if j is not None]
                self._words[word] = columns
            out.extend(columns)
        return out

    def transform(self, texts: Sequence[str]) -> Any:
        """The texts' TF-IDF rows (a CSR matrix, float32 as the vectorizer's)."""
        if not self._plain:
            return self.vectorizer.transform(texts)
        bounds = [0]
        columns: list[int] = []
        for text in texts:
            columns.extend(self._columns(text))
            bounds.append(len(columns))
        rows = np.repeat(np.arange(len(texts)), np.diff(bounds))
        counts = scipy.sparse.csr_matrix(
            (np.ones(len(columns), dtype=self.vectorizer.dtype),
             (rows, np.array(columns, dtype=np.int64))),
            shape=(len(texts), len(self._vocabulary)),
        )
        counts.sum_duplicates()
        counts.sort_indices()
        # TfidfTransformer.transform's steps, in its order.
        np.log(counts.data, counts.data)
        counts.data += 1.0
        counts.data *= self._idf[counts.indices]
        inplace_csr_row_normalize_l2(counts)  # what sklearn's normalize runs for "l2"
        return counts

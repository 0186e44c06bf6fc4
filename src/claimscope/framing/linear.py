"""A text classifier that saves to plain arrays: TF-IDF word 1-2-grams (optionally with
sentence vectors beside them) and one logistic head per label. Saved as NumPy arrays (no
pickle), loaded offline, and run with scikit-learn's own TF-IDF transform so that training
and use tokenise alike. Training, cross-validation and the pipeline all use this class.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from claimscope.framing.tfidf import Terms

# As framing.models: a classifier needs this many positive examples; balanced class
# weights make 0.5 the neutral point; C as chosen by the first cross-validation pass.
MIN_EXAMPLES = 3
C = 4.0


def _vectorizer(vocabulary: Mapping[str, int] | None = None) -> TfidfVectorizer:
    return TfidfVectorizer(ngram_range=(1, 2), min_df=1 if vocabulary else 2,
                           sublinear_tf=True, vocabulary=vocabulary, dtype=np.float32)


# Character 3-5-grams inside word boundaries: cross-validated by article on the SemEval-2023
# techniques (threshold chosen inside each training part), paragraph micro-F1 0.369 with
# words alone and 0.381 with these beside them. The 200,000 most frequent seen at least
# three times.
CHAR_FEATURES = 200_000


def _char_vectorizer(vocabulary: Mapping[str, int] | None = None) -> TfidfVectorizer:
    return TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5),
                           min_df=1 if vocabulary else 3,
                           max_features=None if vocabulary else CHAR_FEATURES,
                           sublinear_tf=True, vocabulary=vocabulary, dtype=np.float32)


@dataclass
class LinearText:
    """TF-IDF features (words, and character n-grams when ``chars`` is set; optional dense
    vectors) and, per label, a weight vector and a bias (rows of ``weights``: the word
    terms, then the character terms; the vector part in ``dense``, empty when trained
    without)."""

    vectorizer: TfidfVectorizer
    labels: list[str]
    weights: np.ndarray  # (labels, terms)
    dense: np.ndarray  # (labels, vector dimensions), (labels, 0) without vectors
    bias: np.ndarray  # (labels,)
    chars: TfidfVectorizer | None = None
    # The vectorizers' transforms (``framing.tfidf``), shared with the classifiers that
    # share the vectorizers, and the weights transposed in memory: scipy's sparse product
    # copied the transposed view of ``weights`` at every call.
    _terms: tuple[Terms, Terms | None] = field(init=False, repr=False, compare=False)
    _columns: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._terms = (Terms(self.vectorizer),
                       None if self.chars is None else Terms(self.chars))
        self._columns = np.ascontiguousarray(self.weights.T)
        self.weights = self._columns.T

    @classmethod
    def fit(cls, texts: Sequence[str], labels: Sequence[Sequence[str]], *,
            balanced: bool = True, vectors: np.ndarray | None = None,
            chars: bool = False) -> LinearText:
        """``balanced`` weighs a label's rare positives up (more recall, 0.5 is the neutral
        point); unbalanced keeps probabilities calibrated to the label's frequency;
        ``chars`` adds character n-grams to the words."""
        vectorizer = _vectorizer()
        char_vectorizer = _char_vectorizer() if chars else None
        tfidf = vectorizer.fit_transform(texts)
        if char_vectorizer is not None:
            tfidf = hstack([tfidf, char_vectorizer.fit_transform(texts)]).tocsr()
        dims = 0 if vectors is None else vectors.shape[1]
        x = tfidf if vectors is None else hstack([tfidf, csr_matrix(vectors)]).tocsr()
        names, rows, biases = [], [], []
        for name in sorted({n for row in labels for n in row}):
            y = np.array([name in row for row in labels], dtype=int)
            if not MIN_EXAMPLES <= y.sum() < len(y):
                continue
            model = LogisticRegression(C=C, max_iter=3000,
                                       class_weight="balanced" if balanced else None)
            model.fit(x, y)
            names.append(name)
            rows.append(model.coef_[0].astype(np.float32))
            biases.append(float(model.intercept_[0]))
        coef = np.vstack(rows) if rows else np.zeros((0, x.shape[1]), np.float32)
        terms = tfidf.shape[1]
        return cls(vectorizer, names, coef[:, :terms], coef[:, terms : terms + dims],
                   np.array(biases, dtype=np.float32), char_vectorizer)

    def terms(self, texts: Sequence[str]) -> Any:
        """The texts' TF-IDF rows (words, then character n-grams when it has them)."""
        words, chars = self._terms
        if chars is None:
            return words.transform(texts)
        return hstack([words.transform(texts), chars.transform(texts)]).tocsr()

    def shares_terms(self, other: LinearText) -> bool:
        """Whether ``other`` reads texts with the very same vectorizers (then one
        ``terms()`` serves both: transforming is most of the cost of a call)."""
        return self.vectorizer is other.vectorizer and self.chars is other.chars

    def proba(self, texts: Sequence[str], vectors: np.ndarray | None = None) -> np.ndarray:
        """(texts, labels) probabilities; ``vectors`` when trained with them."""
        if not texts or not self.labels:
            return np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        return self.proba_terms(self.terms(texts), vectors)

    def proba_terms(self, x: Any, vectors: np.ndarray | None = None) -> np.ndarray:
        """As ``proba``, from rows that ``terms()`` made."""
        out: np.ndarray = 1.0 / (1.0 + np.exp(-self.logits_terms(x, vectors)))
        return out

    def logits(self, texts: Sequence[str], vectors: np.ndarray | None = None) -> np.ndarray:
        """(texts, labels) log-odds, before the logistic function ``proba`` applies."""
        return self.logits_terms(self.terms(texts), vectors)

    def logits_terms(self, x: Any, vectors: np.ndarray | None = None) -> np.ndarray:
        """As ``logits``, from rows that ``terms()`` made."""
        if not self.labels:
            return np.zeros((x.shape[0], 0), dtype=np.float32)
        z: np.ndarray = np.asarray(x @ self._columns) + self.bias
        if self.dense.shape[1]:
            if vectors is None:
                raise ValueError("this classifier was trained with sentence vectors")
            z = z + vectors @ self.dense.T
        return z

    def predict(self, texts: Sequence[str], vectors: np.ndarray | None = None,
                threshold: float = 0.5) -> list[list[str]]:
        p = self.proba(texts, vectors)
        return [[n for n, v in zip(self.labels, row, strict=True) if v >= threshold]
                for row in p]

    def to_arrays(self, prefix: str) -> dict[str, Any]:
        vocab = sorted(self.vectorizer.vocabulary_.items(), key=lambda kv: kv[1])
        out = {
            f"{prefix}.terms": np.array([t for t, _ in vocab]),
            f"{prefix}.idf": self.vectorizer.idf_.astype(np.float32),
            f"{prefix}.labels": np.array(self.labels),
            # Written row by row as before the weights were kept transposed in memory.
            f"{prefix}.weights": np.ascontiguousarray(self.weights, dtype=np.float16),
            f"{prefix}.dense": self.dense.astype(np.float32),
            f"{prefix}.bias": self.bias,
        }
        if self.chars is not None:
            grams = sorted(self.chars.vocabulary_.items(), key=lambda kv: kv[1])
            out[f"{prefix}.char_terms"] = np.array([t for t, _ in grams])
            out[f"{prefix}.char_idf"] = self.chars.idf_.astype(np.float32)
        return out

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, Any], prefix: str,
                    loaded: Sequence[tuple[str, LinearText]] = ()) -> LinearText:
        """The classifier saved under ``prefix``; one of ``loaded`` (prefix, classifier)
        saved with the same vocabularies and inverse document frequencies lends it its
        vectorizers (classifiers fitted on the same texts have the same)."""
        same = next((other for other_prefix, other in loaded
                     if _same_vocabulary(arrays, prefix, other_prefix)), None)
        if same is not None:
            vectorizer, chars = same.vectorizer, same.chars
        else:
            terms = [str(t) for t in arrays[f"{prefix}.terms"]]
            vectorizer = _vectorizer({t: i for i, t in enumerate(terms)})
            vectorizer.idf_ = np.asarray(arrays[f"{prefix}.idf"], dtype=np.float64)
            chars = None
            if f"{prefix}.char_terms" in arrays:
                grams = [str(t) for t in arrays[f"{prefix}.char_terms"]]
                chars = _char_vectorizer({t: i for i, t in enumerate(grams)})
                chars.idf_ = np.asarray(arrays[f"{prefix}.char_idf"], dtype=np.float64)
        made = cls(vectorizer, [str(n) for n in arrays[f"{prefix}.labels"]],
                   np.asarray(arrays[f"{prefix}.weights"], dtype=np.float32),
                   np.asarray(arrays[f"{prefix}.dense"], dtype=np.float32),
                   np.asarray(arrays[f"{prefix}.bias"], dtype=np.float32), chars)
        if same is not None:
            made._terms = same._terms  # one store of words' columns for both
        return made


def proba_both(first: LinearText, second: LinearText, texts: list[str]
               ) -> tuple[np.ndarray, np.ndarray]:
    """Both classifiers' probabilities, transforming the texts once when they share their
    vectorizers (narratives and sub-narratives, main and fine roles do)."""
    if not texts or not first.shares_terms(second):
        return first.proba(texts), second.proba(texts)
    x = first.terms(texts)
    return first.proba_terms(x), second.proba_terms(x)


def _same_vocabulary(arrays: Mapping[str, Any], a: str, b: str) -> bool:
    for key in ("terms", "idf", "char_terms", "char_idf"):
        x, y = arrays.get(f"{a}.{key}"), arrays.get(f"{b}.{key}")
        if x is None or y is None:
            if x is not y:
                return False
        elif not np.array_equal(x, y):
            return False
    return True


# Thresholds tried for a label set scored by micro-F1 (0.5, balanced weights' neutral point,
# among them).
THRESHOLDS = tuple(round(0.3 + 0.05 * k, 2) for k in range(13))

"""A cheap screen in front of the check-worthiness encoder.

The fine-tuned encoder costs about 2 ms a statement on two CPU cores, more than the rest
of the claims component together. Most news statements are far from the threshold ("He
added:", "The meeting lasted an hour."), and their words alone tell so: a ridge regression
over hashed words, word pairs and the model's cheap signals estimates the encoder's logit,
and a statement whose estimate is below ``low`` or above ``high`` keeps the estimate as its
score without running the encoder. ``low`` and ``high`` are set on held-out statements so
that about 1% of the encoder's positives fall below ``low`` and 1% of its negatives above
``high`` (:data:`MISS`); ``high`` never lies below the model's threshold and ``low`` never
above it, so a screened statement's label is the one its score gives.

The screen is fitted to the shipped model's scores (``claimscope train screen``), never to
gold labels, and lives beside the model (``checkworthy.screen.npz``).
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from claimscope.claims.checkworthy import SIGNAL_NAMES, signals
from claimscope.embed import DIMENSIONS
from claimscope.errors import ModelLoadError
from claimscope.npz import read_arrays

# 2**18 hashed buckets: the training statements hold about 150,000 distinct words and word
# pairs, so collisions are rare; the weights take 1 MB.
BUCKETS = 1 << 18
# Share of the encoder's positives (below ``low``) and of its negatives (above ``high``) that
# the screen may get wrong on held-out statements. Those statements come from the training
# debates, so the share is checked on debates the model has not seen, with a proxy model
# (trained on the lowest-id 90% of the training file) and a screen fitted to it, scored on
# the highest-id 10% (scripts/checkworthy_screen_check.py); the rule, set before
# measuring, takes the largest share whose F1 stays within 0.005 of the encoder's alone.
# For the model before LP-FT and the screen without piece vectors, 0.01 lost 0.0076 (0.7150
# vs 0.7225) and 0.005 was taken. For the shipped LP-FT model and this screen (2026-11-29):
# 0.01 scores 0.7289 against the encoder's 0.7260, screening 59% of the later debates.
MISS = 0.01
_WORD = re.compile(r"\w+|[^\w\s]")


WIDTH = BUCKETS + len(SIGNAL_NAMES) + DIMENSIONS  # the screen's features (see features)


def features(texts: Sequence[str], pieces: np.ndarray, sig: np.ndarray | None = None) -> Any:
    """The screen's sparse feature rows: :func:`hashed`, then the texts' bag-of-pieces
    vectors (``pieces``, one row per text: :meth:`claimscope.embed.Encoder.piece_means`).
    They carry what the words mean where the hashed words only match them: on the held-out
    statements of the LP-FT model, at a miss of 0.01, the screen decides 58% of them with
    them and 47% without (2026-11-29)."""
    from scipy.sparse import csr_matrix, hstack

    _check_pieces(texts, pieces)
    return hstack([hashed(texts, sig), csr_matrix(pieces)], format="csr")


def _check_pieces(texts: Sequence[str], pieces: np.ndarray) -> None:
    if pieces.shape != (len(texts), DIMENSIONS):
        raise ValueError(f"{len(texts)} texts need ({len(texts)}, {DIMENSIONS}) piece "
                         f"vectors, not {pieces.shape}")


def hashed(texts: Sequence[str], sig: np.ndarray | None = None) -> Any:
    """Sparse rows of hashed lower-cased words and adjacent word pairs, scaled to unit
    length, with the cheap signals after them (``sig``: the caller computed them)."""
    from scipy.sparse import csr_matrix, hstack

    rows: list[int] = []
    cols: list[int] = []
    for i, text in enumerate(texts):
        words = _WORD.findall(text.lower())
        grams = words + [f"{a} {b}" for a, b in pairwise(words)]
        buckets = {zlib.crc32(g.encode("utf-8")) & (BUCKETS - 1) for g in grams}
        rows.extend([i] * len(buckets))
        cols.extend(buckets)
    counts = np.bincount(np.array(rows, dtype=np.int64), minlength=len(texts))
    vals = 1.0 / np.sqrt(np.maximum(counts[rows], 1)) if rows else np.zeros(0)
    words_part = csr_matrix((vals.astype(np.float32), (rows, cols)),
                            shape=(len(texts), BUCKETS), dtype=np.float32)
    sig = signals(texts) if sig is None else sig
    return hstack([words_part, csr_matrix(sig)], format="csr")


@dataclass(frozen=True)
class Screen:
    weights: np.ndarray  # one per bucket, one per signal, one per dimension of the pieces
    bias: float
    low: float  # estimated logits below it are negative without the encoder
    high: float  # estimated logits above it are positive without the encoder
    digest: str
    for_model: str = ""  # the digest of the model whose scores it estimates

    def estimate(self, texts: Sequence[str], pieces: np.ndarray,
                 sig: np.ndarray | None = None) -> np.ndarray:
        """The estimated logit of the encoder's score for each text, given their
        bag-of-pieces vectors (``pieces``) and, when the caller has them, their signals."""
        if not texts:
            return np.zeros(0, dtype=np.float32)
        _check_pieces(texts, pieces)
        # The sparse words and the dense pieces apart: the same sum as features(...) @
        # weights, without turning 384 dense columns into sparse ones (about a tenth of a
        # second per 100 news articles).
        words = hashed(texts, sig)
        width = words.shape[1]
        estimate = words @ self.weights[:width] + pieces @ self.weights[width:] + self.bias
        result: np.ndarray = np.asarray(estimate, dtype=np.float32)
        return result

    def save(self, path: Path, card: dict[str, Any]) -> None:
        """Write the arrays (``path``) and the card (``path`` with ``.json``) atomically."""
        tmp = path.with_suffix(".tmp.npz")
        np.savez_compressed(tmp, weights=self.weights.astype(np.float32),
                            bounds=np.array([self.bias, self.low, self.high]),
                            for_model=np.array(self.for_model))
        tmp.replace(path)
        card_tmp = path.with_suffix(".json.tmp")
        card_tmp.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
        card_tmp.replace(path.with_suffix(".json"))


def screen_path(model: Path) -> Path:
    """Where a model's screen lives: ``checkworthy.safetensors`` ->
    ``checkworthy.screen.npz``."""
    return model.with_suffix(".screen.npz")


def load_screen(path: Path) -> Screen:
    arrays = read_arrays(path, "the check-worthiness screen")
    weights = arrays.get("weights", np.zeros(0))
    bounds = arrays.get("bounds", np.zeros(0))
    if weights.shape != (WIDTH,) or bounds.shape != (3,):
        raise ModelLoadError(f"{path}: screen of shape {weights.shape} does not fit this "
                             "version")
    for_model = str(arrays["for_model"]) if "for_model" in arrays else ""
    return Screen(weights.astype(np.float32), float(bounds[0]), float(bounds[1]),
                  float(bounds[2]), _digest(weights, bounds), for_model)


@dataclass(frozen=True)
class Scored:
    """Statements, their bag-of-pieces vectors and the encoder's scores of them."""

    texts: Sequence[str]
    pieces: np.ndarray
    scores: np.ndarray


@dataclass(frozen=True)
class ScreenFit:
    screen: Screen
    held_out: int
    screened: float  # share of held-out statements the encoder would skip
    flipped: float  # share of held-out statements whose label differs from the encoder's


def fit_screen(
    fit: Scored, held: Scored, threshold: float, for_model: str = "", miss: float = MISS,
) -> ScreenFit:
    """Fit the estimate to the encoder's scores of ``fit``; set the bounds on ``held`` so
    that a share ``miss`` of the encoder's positives falls below ``low`` and of its
    negatives above ``high``; ``for_model``: the digest of the model that gave the
    scores."""
    from sklearn.linear_model import Ridge

    if not len(fit.texts) or not len(held.texts):
        raise ValueError("the screen needs training and held-out statements")
    ridge = Ridge(alpha=1.0).fit(features(fit.texts, fit.pieces), _logit(fit.scores))
    weights = np.asarray(ridge.coef_, dtype=np.float32)
    bias = float(ridge.intercept_)
    estimate = features(held.texts, held.pieces) @ weights + bias
    cut = float(_logit(np.array([threshold]))[0])
    positive = held.scores >= threshold
    low = min(_quantile(estimate[positive], miss), cut)
    high = max(_quantile(estimate[~positive], 1 - miss), cut)
    skipped = (estimate < low) | (estimate > high)
    flipped = skipped & ((estimate > high) != positive)
    digest = _digest(weights, np.array([bias, low, high]))
    return ScreenFit(Screen(weights, bias, low, high, digest, for_model),
                     len(held.texts), float(skipped.mean()), float(flipped.mean()))


def _digest(weights: np.ndarray, bounds: np.ndarray) -> str:
    data = weights.astype(np.float32).tobytes() + bounds.astype(np.float64).tobytes()
    return hashlib.sha256(data).hexdigest()[:8]


def _quantile(values: np.ndarray, q: float) -> float:
    return float(np.quantile(values, q)) if len(values) else 0.0


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p.astype(np.float64), 1e-6, 1 - 1e-6)
    result: np.ndarray = np.log(p / (1 - p))
    return result

"""Static word-piece vectors distilled from MiniLM, for the framing classifiers.

Running MiniLM over every paragraph costs about twice the base pipeline, far over
framing's budget (+30%). A static table costs almost nothing: each of MiniLM's 30,522 word
pieces is run through the encoder alone, once, when the model is trained, and a text's
vector is the weighted mean of its pieces' rows (the recipe of Model2Vec, Tulkens and van
Dongen 2024). The weights are smooth inverse frequency (Arora et al. 2017) with the word
piece's id standing in for its frequency rank: the vocabulary lists pieces about in the
order of their frequency from "the" (id 1996) on, so no counts are needed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from claimscope import embed
from claimscope.errors import ModelLoadError

Floats = npt.NDArray[np.float32]

# The first id of a whole word in the vocabulary ("the"); ids below it are padding, unused
# slots, special tokens and single characters, which get the weight of the commonest word.
_FIRST_WORD = 1996
# Smooth inverse frequency's a: a word piece of probability p weighs a / (a + p). 1e-3 is
# the value Arora et al. recommend for sentence vectors (they report 1e-4 to 1e-3 as flat).
_SIF_A = 1e-3
# Word pieces run through the encoder at once while distilling (each is three tokens).
_BATCH = 2048
# The shipped table's width: the first 128 principal components of the 384. In 5-fold
# cross-validation of the techniques (same folds, threshold chosen inside training) they
# scored paragraph micro-F1 0.411 against 0.408 for all 384 (words only: 0.397), in a third
# of the space (7.8 MB as float16).
SHIPPED_DIMENSIONS = 128


def sif_weights(size: int) -> Floats:
    """Each word piece's weight, from its id read as a frequency rank (Zipf's law)."""
    rank = np.maximum(1, np.arange(size) - _FIRST_WORD + 1).astype(np.float64)
    share = 1.0 / (rank * np.log(size))
    weights: Floats = (_SIF_A / (_SIF_A + share)).astype(np.float32)
    return weights


@dataclass(frozen=True)
class StaticVectors:
    """One row per word piece (``table``, vocabulary x dimensions)."""

    table: Floats

    def __post_init__(self) -> None:
        if self.table.ndim != 2 or not self.table.shape[0]:
            raise ModelLoadError(f"static vectors: a table of shape {self.table.shape}")

    @cached_property
    def _weighted(self) -> Floats:
        weighted: Floats = self.table.astype(np.float32) * sif_weights(len(self.table))[:, None]
        return weighted

    @cached_property
    def _tokenizer(self) -> Any:
        tok = embed.tokenizer()  # whole texts: no cut at the encoder's 256 pieces
        if tok.get_vocab_size() != len(self.table):
            raise ModelLoadError(
                f"static vectors for {len(self.table)} word pieces, the tokenizer has "
                f"{tok.get_vocab_size()}")
        return tok

    def check(self) -> None:
        """Load the tokenizer now, so that a missing or mismatched one fails when the
        pipeline is built rather than on its first article."""
        _ = self._tokenizer

    @property
    def dimensions(self) -> int:
        return int(self.table.shape[1])

    def encode(self, texts: Sequence[str]) -> Floats:
        """One unit vector per text (zeros for a text without word pieces)."""
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        if not texts:
            return out
        weighted = self._weighted
        for row, encoding in enumerate(self._tokenizer.encode_batch(list(texts),
                                                                    add_special_tokens=False)):
            if encoding.ids:
                v = weighted[encoding.ids].sum(axis=0)
                norm = float(np.linalg.norm(v))
                if norm > 0:
                    out[row] = v / norm
        return out

    def to_arrays(self, prefix: str) -> dict[str, Any]:
        return {f"{prefix}.table": self.table.astype(np.float16)}

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, Any], prefix: str) -> StaticVectors:
        return cls(np.asarray(arrays[f"{prefix}.table"], dtype=np.float32))


def distill(encoder: embed.Encoder | None = None, dimensions: int | None = None
            ) -> StaticVectors:
    """Every word piece's MiniLM vector (the encoder's output for [CLS] piece [SEP]),
    optionally reduced to its first ``dimensions`` principal components."""
    encoder = encoder or embed.load()
    size = encoder.vocabulary_size
    table = np.zeros((size, embed.DIMENSIONS), dtype=np.float32)
    cls_id, sep_id = encoder.special_ids
    for lo in range(0, size, _BATCH):
        ids = [[cls_id, piece, sep_id] for piece in range(lo, min(size, lo + _BATCH))]
        table[lo : lo + len(ids)] = encoder.forward_ids(ids)
    if dimensions is not None and dimensions < embed.DIMENSIONS:
        centred = table - table.mean(axis=0)
        _, _, components = np.linalg.svd(centred, full_matrices=False)
        table = (centred @ components[:dimensions].T).astype(np.float32)
    return StaticVectors(table)


def cached_distill(cache_dir: Path | None, dimensions: int = SHIPPED_DIMENSIONS
                   ) -> StaticVectors:
    """:func:`distill`, kept in ``cache_dir`` (half a minute of work, the same every time
    for the same packaged encoder)."""
    if cache_dir is None:
        return distill(dimensions=dimensions)
    return StaticVectors(embed.cached_array(
        cache_dir / f"{embed.Encoder.name}-static-{dimensions}.npy", (None, dimensions),
        lambda: distill(dimensions=dimensions).table))

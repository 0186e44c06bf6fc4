"""A fine-tuned MiniLM token tagger beside the CRF (product of experts).

The CRF reads the parse two tokens to each side; a transformer fine-tuned on the same
labels reads the whole window of text around a token. Its label probabilities join the
CRF's state scores at decoding: each token's score for a label gains ``scale`` (0.5, in the
head's file) times the logarithm of the encoder's probability for it, in both passes, and
Viterbi does the rest (the CRF is not retrained on them). See ``models/quotes.md`` for the
figures; it is off by default (``AnalyzeOptions.quote_encoder``) for its cost.

The encoder is the packaged all-MiniLM-L6-v2's layers (all six in the shipped one; its
word, position and type embeddings untouched), fine-tuned by
:mod:`claimscope.quotes.encoder_train` and shipped as an int8 ONNX graph of its layers
(``<model>.encoder.onnx``) beside a small file with its head
(``<model>.encoder.safetensors``). A token's probabilities are those of its first word
piece; an article is read in abutting windows of :data:`WINDOW` pieces (training reads
them overlapping, see :data:`TRAIN_STRIDE`), each piece taking the window in which it lies
farthest from an edge.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from claimscope.embed import Encoder
from claimscope.errors import ModelLoadError

# The tagger's labels in the order of the head's rows.
LABELS = ("O", "B-S", "I-S", "B-Q", "I-Q", "B-C", "I-C")
# Pieces per window, [CLS] and [SEP] aside: MiniLM was trained on 256.
WINDOW = 254
# Training windows start every TRAIN_STRIDE pieces: the 64 pieces they share give a piece
# near one window's edge a second context, and training more windows.
TRAIN_STRIDE = 190
# Reading an article for the tagger, windows abut. On the by-publisher held-out articles
# (2026-11-27, SF tagger and int8 encoder) abutting windows scored speech exact / overlap F1
# 0.7211 / 0.8369 and all attributions 0.6027 / 0.7430, against 0.7171 / 0.8367 and 0.5998 /
# 0.7425 with windows every 190 pieces, which put a third more pieces through the layers
# (the rule set before measuring: abut if neither speech figure drops by more than 0.002).
READ_STRIDE = WINDOW
# How articles are read into windows, in the component's version: results read otherwise
# differ for the same encoder files ("r2": abutting windows).
READING = "r2"
# Probabilities are floored before their logarithm: one confident mistake of the encoder
# must not veto a label the CRF is sure of.
FLOOR = 1e-4

Array = npt.NDArray[np.float64]


def onnx_path(model_path: Path) -> Path:
    """Where a quote model's encoder layers live: ``<model>.encoder.onnx``."""
    return model_path.with_suffix(".encoder.onnx")


def head_path(model_path: Path) -> Path:
    """Where a quote model's encoder head lives: ``<model>.encoder.safetensors``."""
    return model_path.with_suffix(".encoder.safetensors")


@dataclass(frozen=True)
class PieceProbs:
    """Label probabilities of an article's word pieces (pieces x :data:`LABELS`) and
    each piece's character offsets."""

    starts: npt.NDArray[np.int64]
    ends: npt.NDArray[np.int64]
    probs: npt.NDArray[np.float32]


def windows(count: int, stride: int = READ_STRIDE) -> list[tuple[int, int]]:
    """The windows (start, end) over ``count`` pieces, one every ``stride`` pieces."""
    out: list[tuple[int, int]] = []
    start = 0
    while True:
        end = min(start + WINDOW, count)
        out.append((start, end))
        if end >= count:
            return out
        start += stride


class QuoteEncoder:
    """The fine-tuned layers and their head."""

    def __init__(self, layers: bytes, head: dict[str, npt.NDArray[Any]], source: str,
                 digest: str = "") -> None:
        """``digest`` names the encoder's files in results' component versions."""
        self.digest = digest
        try:
            self._weight = np.asarray(head["head.weight"], dtype=np.float32)
            self._bias = np.asarray(head["head.bias"], dtype=np.float32)
            self.scale = float(np.asarray(head["scale"]).reshape(-1)[0])
        except KeyError as exc:
            raise ModelLoadError(f"{source}: the encoder head lacks {exc}") from exc
        if self._weight.shape[0] != len(LABELS) or self._bias.shape != (len(LABELS),):
            raise ModelLoadError(f"{source}: the encoder head has {self._weight.shape[0]} "
                                 f"labels, not {len(LABELS)}")
        # One thread: the parser reads ahead on the other core (``claimscope.ahead``).
        self._encoder = Encoder(onnx_layers=layers, label="quotes", threads=1)
        self._tokenizer = _tokenizer()
        self._cls, self._sep = self._encoder.special_ids

    def piece_probs(self, text: str) -> PieceProbs:
        """Every word piece of ``text`` with its label probabilities."""
        enc = self._tokenizer.encode(text, add_special_tokens=False)
        ids = enc.ids
        starts = np.fromiter((o[0] for o in enc.offsets), dtype=np.int64, count=len(ids))
        ends = np.fromiter((o[1] for o in enc.offsets), dtype=np.int64, count=len(ids))
        probs = np.zeros((len(ids), len(LABELS)), dtype=np.float32)
        probs[:, 0] = 1.0
        margin = np.full(len(ids), -1, dtype=np.int64)
        for lo, hi in (windows(len(ids)) if ids else []):
            states = self._encoder.piece_states([self._cls, *ids[lo:hi], self._sep])[1:-1]
            logits = states @ self._weight.T + self._bias
            logits -= logits.max(axis=1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(axis=1, keepdims=True)
            pos = np.arange(lo, hi)
            m = np.minimum(pos - lo, hi - 1 - pos)
            better = m > margin[lo:hi]
            probs[lo:hi][better] = p[better]
            margin[lo:hi][better] = m[better]
        return PieceProbs(starts, ends, probs)

    def scores(self, pieces: PieceProbs, starts: Sequence[int], ends: Sequence[int],
               labels: Sequence[str]) -> Array:
        """What joins the CRF's state scores for tokens at these character offsets, in the
        CRF's label order ``labels`` (tokens x labels): ``scale`` x log probability of the
        token's first piece; zero for a token no piece starts in (it has none of its
        own)."""
        order = [LABELS.index(lab) for lab in labels]
        out = np.zeros((len(starts), len(labels)))
        if not len(pieces.starts):
            return out
        first = np.searchsorted(pieces.ends, np.asarray(starts, dtype=np.int64), side="right")
        found = first < len(pieces.starts)
        found[found] &= pieces.starts[first[found]] < np.asarray(ends, dtype=np.int64)[found]
        chosen = pieces.probs[first[found]][:, order].astype(np.float64)
        out[found] = self.scale * np.log(np.maximum(chosen, FLOOR))
        return out


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    from claimscope.embed import tokenizer

    return tokenizer()


@lru_cache(maxsize=4)
def load(model: Path) -> QuoteEncoder | None:
    """The encoder beside the quote model at ``model``, or None when the model has none
    (a tagger trained without it). Half an encoder (one of its two files) is an error."""
    layers, head = onnx_path(model), head_path(model)
    if not layers.exists() and not head.exists():
        return None
    for part in (layers, head):
        if not part.exists():
            raise ModelLoadError(f"quote encoder file missing: {part}")
    from safetensors.numpy import load_file

    try:
        arrays = load_file(str(head))
    except Exception as exc:  # safetensors raises several types for a bad file
        raise ModelLoadError(f"cannot read the quote encoder head {head}: {exc}") from exc
    raw = layers.read_bytes()
    digest = hashlib.sha256(raw + head.read_bytes()).hexdigest()[:8]
    return QuoteEncoder(raw, arrays, str(head), digest)

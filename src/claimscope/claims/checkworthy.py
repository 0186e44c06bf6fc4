"""Check-worthiness: how much a statement asserts something a fact-checker could verify.

Two kinds of model, both a logistic head over the statement's MiniLM vector and a few cheap
signals read off its words (numbers, comparisons, superlatives, hedges, first person,
attribution, capitalised names, length):

- ``.safetensors``: MiniLM fine-tuned for the task (:mod:`claimscope.claims.finetune`);
  the shipped model keeps its six layers in int8 in ``.onnx`` beside it, run by ONNX
  Runtime (:mod:`claimscope.claims.onnx_export`), and the file itself holds the head; a
  file that holds float16 layers runs them in the NumPy encoder;
- ``.npz``: a logistic regression on the frozen encoder (:mod:`claimscope.claims.train`),
  which trains in minutes without PyTorch.

Each has a JSON card beside it; ``claimscope train checkworthy`` makes both kinds.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from claimscope import embed
from claimscope.errors import ModelLoadError
from claimscope.npz import read_archive

if TYPE_CHECKING:
    from claimscope.claims.screen import Screen

_SIGNALS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("digit", r"\d"),
        ("number_word", r"\b(hundred|thousand|million|billion|trillion|dozen|half|twice|"
                        r"percent|per cent)\b"),
        ("money_or_share", r"[$€£%]"),
        ("year", r"\b(19|20)\d\d\b"),
        ("comparative", r"\b(more|less|fewer|higher|lower|larger|smaller|bigger|than|"
                        r"increase[sd]?|decrease[sd]?|doubled|tripled|cut|raised?)\b"),
        ("superlative", r"\b(most|least|best|worst|largest|highest|lowest|biggest|first|"
                        r"only|never|ever|every|all|record)\b"),
        ("hedge", r"\b(i think|i believe|i feel|maybe|perhaps|might|should|hope|going to|"
                  r"let me|let's|thank)\b"),
        ("first_second_person", r"\b(i|we|you|my|our|your|me|us)\b"),
        ("question", r"\?"),
        ("attribution", r"\b(said|says|according to|reported|announced|voted|signed)\b"),
        ("negation", r"\b(not|no|never|n't)\b"),
    )
)
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")
SIGNAL_NAMES = (*(n for n, _ in _SIGNALS), "names", "log_words")


def signals(texts: Sequence[str]) -> np.ndarray:
    """The cheap features of each text (one row per text)."""
    out = np.zeros((len(texts), len(SIGNAL_NAMES)), dtype=np.float32)
    for i, text in enumerate(texts):
        for j, (_, pattern) in enumerate(_SIGNALS):
            out[i, j] = 1.0 if pattern.search(text) else 0.0
        out[i, -2] = min(len(_CAPITALISED.findall(text.strip())), 5) / 5.0
        out[i, -1] = np.log1p(len(text.split()))
    return out


def features(texts: Sequence[str], vectors: np.ndarray | None = None) -> np.ndarray:
    """Embedding and signals side by side; ``vectors`` when the caller embedded already."""
    if vectors is None:
        vectors = embed.load().encode(texts)
    return np.hstack([vectors, signals(texts)]).astype(np.float32)


class Scorer(Protocol):
    """What the claims component and the evaluation need from a model."""

    @property
    def threshold(self) -> float: ...

    @property
    def digest(self) -> str: ...

    def score(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class FinetunedModel:
    """A fine-tuned encoder and its head over the pooled vector and the signals; with a
    ``screen``, statements it is sure of skip the encoder (:mod:`claimscope.claims.screen`)."""

    encoder: embed.Encoder
    head: np.ndarray
    bias: float
    signal_mean: np.ndarray
    signal_scale: np.ndarray
    threshold: float
    digest: str
    screen: Screen | None = None

    def score(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros(0, dtype=np.float32)
        sig = signals(texts)
        if self.screen is None:
            return self.encoder_score(texts, sig)
        estimate = self.screen.estimate(texts, self.encoder.piece_means(texts), sig)
        result: np.ndarray = 1.0 / (1.0 + np.exp(-estimate))
        run = np.flatnonzero((estimate >= self.screen.low) & (estimate <= self.screen.high))
        if len(run):
            result[run] = self.encoder_score([texts[int(i)] for i in run], sig[run])
        return result

    def encoder_score(self, texts: Sequence[str], sig: np.ndarray | None = None) -> np.ndarray:
        """The scores of the encoder and the head, without the screen (``sig``: the texts'
        signals, when the caller has them)."""
        raw = signals(texts) if sig is None else sig
        scaled = (raw - self.signal_mean) / self.signal_scale
        x = np.hstack([self.encoder.encode(texts), scaled])
        result: np.ndarray = 1.0 / (1.0 + np.exp(-(x @ self.head + self.bias)))
        return result


@dataclass(frozen=True)
class CheckworthyModel:
    """A fitted scorer: standardise, then a logistic regression; ``threshold`` on its
    probability makes the label."""

    coef: np.ndarray
    intercept: float
    mean: np.ndarray
    scale: np.ndarray
    threshold: float
    digest: str

    def score(self, texts: Sequence[str], vectors: np.ndarray | None = None) -> np.ndarray:
        """Probabilities in [0, 1] that each text is check-worthy."""
        if not texts:
            return np.zeros(0, dtype=np.float32)
        return self.score_features(features(texts, vectors))

    def score_features(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        result: np.ndarray = 1.0 / (1.0 + np.exp(-z))
        return result

    def save(self, path: Path, card: dict[str, Any]) -> None:
        """Write the arrays (``path``) and the card (``path`` with ``.json``) atomically."""
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, coef=self.coef, intercept=np.array([self.intercept]), mean=self.mean,
                 scale=self.scale, threshold=np.array([self.threshold]))
        tmp.replace(path)
        card_tmp = path.with_suffix(".json.tmp")
        card_tmp.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
        card_tmp.replace(path.with_suffix(".json"))


def default_model_path() -> Path:
    return Path(__file__).resolve().parent.parent / "models" / "checkworthy.safetensors"


@lru_cache(maxsize=4)
def load_model(path: str | None = None, threads: int = 0, screen: bool = True) -> Scorer:
    """The shipped model, or the one at ``path`` (``.safetensors`` or ``.npz``); ``threads``:
    what its ONNX encoder may use (0: ONNX Runtime's default, every core); ``screen``: use
    the screen beside a fine-tuned model when there is one."""
    where = Path(path) if path else default_model_path()
    if where.suffix == ".npz":
        return _load_linear(where)
    model = _load_finetuned(where, threads)
    if screen:
        from claimscope.claims.screen import load_screen, screen_path

        if screen_path(where).is_file():
            found = load_screen(screen_path(where))
            if found.for_model != model.digest:
                raise ModelLoadError(
                    f"{screen_path(where)} was fitted to the scores of another model "
                    f"({found.for_model or 'unknown'}, not {model.digest}): refit it with "
                    "'claimscope train screen' or remove it")
            return replace(model, screen=found, digest=f"{model.digest}.{found.digest}")
    return model


def _load_finetuned(where: Path, threads: int = 0) -> FinetunedModel:
    """A fine-tuned model: the head, signal scaling and threshold in ``where``; its encoder
    layers in ``where`` with ``.onnx`` (int8, run by ONNX Runtime: the shipped form) or,
    without that file, as float16 arrays inside ``where`` (run in NumPy)."""
    from safetensors import SafetensorError
    from safetensors.numpy import load

    graph = where.with_suffix(".onnx")
    try:
        raw = where.read_bytes()
        w = load(raw)
        head, bias = w["head.weight"], float(w["head.bias"][0])
        mean, scale = w["signals.mean"], w["signals.scale"]
        threshold = float(w["threshold"][0])
        onnx_layers = graph.read_bytes() if graph.is_file() else None
    except (OSError, KeyError, ValueError, SafetensorError) as exc:
        raise ModelLoadError(f"cannot load check-worthiness model {where}: {exc}") from exc
    if head.shape != (embed.DIMENSIONS + len(SIGNAL_NAMES),):
        raise ModelLoadError(f"{where}: head of shape {head.shape} does not fit this version")
    digest = hashlib.sha256(raw + (onnx_layers or b"")).hexdigest()[:8]
    if onnx_layers is not None:
        encoder = embed.Encoder(label=digest, onnx_layers=onnx_layers, threads=threads)
    elif any(k.startswith("encoder.") for k in w):
        encoder = embed.finetuned(w, digest, str(where))
    else:
        raise ModelLoadError(f"{where}: no encoder layers inside it and no {graph.name} beside it")
    return FinetunedModel(
        encoder=encoder, head=head.astype(np.float32), bias=bias, signal_mean=mean,
        signal_scale=scale, threshold=threshold, digest=digest,
    )


def _load_linear(where: Path) -> CheckworthyModel:
    archive = read_archive(where, "check-worthiness model")
    arrays = archive.arrays
    missing = {"coef", "intercept", "mean", "scale", "threshold"} - set(arrays)
    if missing:
        raise ModelLoadError(f"{where}: not a check-worthiness model (no {sorted(missing)})")
    width = embed.DIMENSIONS + len(SIGNAL_NAMES)
    if arrays["coef"].shape != (width,):
        raise ModelLoadError(
            f"{where}: model expects {arrays['coef'].shape} features, this version makes {width}"
        )
    return CheckworthyModel(
        coef=arrays["coef"].astype(np.float32),
        intercept=float(arrays["intercept"][0]),
        mean=arrays["mean"].astype(np.float32),
        scale=arrays["scale"].astype(np.float32),
        threshold=float(arrays["threshold"][0]),
        digest=archive.digest,
    )

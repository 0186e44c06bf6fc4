"""The attribution tagger: a linear-chain CRF (CRFsuite) over parse features.

Chosen because it runs at a small fraction of the parser's cost (the quote component must
add at most 15% to the base pipeline) and trains on this CPU in minutes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from claimscope.errors import ModelLoadError
from claimscope.quotes import clusters
from claimscope.quotes.clusters import Clusters
from claimscope.quotes.crf import Passes, read_model
from claimscope.quotes.features import WINDOWS

MODEL_NAME = "quotes.crfsuite"


def default_model_path() -> Path:
    return Path(str(files("claimscope") / "models" / MODEL_NAME))


def priors_path(model_path: Path) -> Path:
    """Where a model's cue priors live: beside it, ``<model>.priors.json``."""
    return model_path.with_suffix(".priors.json")


def clusters_path(model_path: Path) -> Path:
    """Where a model's word clusters live: beside it, ``<model>.clusters.npz``."""
    return model_path.with_suffix(".clusters.npz")


def stack_path(model_path: Path) -> Path:
    """Where a model's second pass lives: beside it, ``<model>.stack.crfsuite``."""
    return model_path.with_suffix(".stack.crfsuite")


# Fewest training uses of a word for its cue share to be kept as a prior.
MIN_PRIOR_COUNT = 3


def cue_priors(words_and_cue_flags: Iterable[tuple[str, bool]]) -> dict[str, float]:
    """Share of each word's uses that were (part of) a cue."""
    seen: dict[str, list[int]] = {}
    for word, is_cue in words_and_cue_flags:
        counts = seen.setdefault(word, [0, 0])
        counts[0] += 1
        counts[1] += int(is_cue)
    return {
        w: round(c / n, 3) for w, (n, c) in seen.items() if n >= MIN_PRIOR_COUNT and c > 0
    }


@lru_cache(maxsize=4)
def load_priors(model: str | None = None) -> dict[str, float]:
    path = priors_path(Path(model) if model else default_model_path())
    if not path.exists():
        raise ModelLoadError(f"cue priors not found beside the quote model: {path}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"cannot read cue priors {path}: {exc}") from exc
    return {str(k): float(v) for k, v in data.items()}


@lru_cache(maxsize=4)
def load_clusters(model: str | None = None) -> Clusters:
    return clusters.load(clusters_path(Path(model) if model else default_model_path()))


@dataclass(frozen=True, slots=True)
class TrainOptions:
    """CRFsuite L-BFGS settings.

    c1 (L1) and c2 (L2) were chosen on 100 articles held out of the training file (never
    the dev file) among (0.02, 0.01), (0.1, 0.01), (0.3, 0.05), (0.6, 0.1), (1, 0.3),
    (2, 0.5), (3, 1): speech overlap F1 rose from 0.71 to 0.78 up to (2, 0.5) and was flat
    after it. Strong regularisation suits PolNeAR's noisy span boundaries. 300 iterations
    rather than 150 added 0.2-0.6 points on the same held-out articles; more is not worth
    the training time (about ten minutes here)."""

    c1: float = 2.0
    c2: float = 0.5
    max_iterations: int = 300
    min_freq: int = 2  # features seen fewer times are dropped: rare words overfit


def train(
    sequences: Iterable[tuple[Sequence[Sequence[str]], Sequence[str]]],
    model_path: Path,
    options: TrainOptions | None = None,
) -> None:
    import pycrfsuite

    opts = options or TrainOptions()
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in sequences:
        trainer.append(xseq, yseq)
    trainer.set_params({
        "c1": opts.c1,
        "c2": opts.c2,
        "max_iterations": opts.max_iterations,
        "feature.minfreq": opts.min_freq,
        "feature.possible_transitions": True,
    })
    model_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = model_path.with_suffix(".tmp")
    trainer.train(str(tmp))
    tmp.replace(model_path)


@lru_cache(maxsize=4)
def model_digest(model: str | None = None, passes: int = 2) -> str:
    """The first 8 hex digits of the SHA-256 of the files the tagger reads with ``passes``:
    the model file, its priors, clusters and (with two passes) second pass."""
    path = Path(model) if model else default_model_path()
    parts = [path, priors_path(path), clusters_path(path), stack_path(path)][:3 + (passes > 1)]
    digest = hashlib.sha256()
    for part in parts:
        _require(part)
        digest.update(part.read_bytes())
    return digest.hexdigest()[:8]


def _require(path: Path) -> None:
    if not path.exists():
        raise ModelLoadError(f"quote model not found: {path} (train it: claimscope train quotes)")


def open_tagger(path: Path) -> Any:
    """CRFsuite's own tagger over the model file at ``path`` (training tags with it; the
    component reads the weights itself, see ``crf``)."""
    import pycrfsuite

    _require(path)
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(path))
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"cannot open quote model {path}: {exc}") from exc
    return tagger


@lru_cache(maxsize=4)
def load_passes(path: str | None = None, passes: int = 2) -> Passes:
    """The model at ``path`` (default: the shipped one), read once: its first pass, and
    with ``passes=2`` its second (see ``stacking``)."""
    first = Path(path) if path else default_model_path()
    files_ = [first, stack_path(first)][:passes]
    for f in files_:
        _require(f)
    return Passes([read_model(f) for f in files_], [p for _, p, _ in WINDOWS])

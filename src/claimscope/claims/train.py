"""Training the check-worthiness model from CheckThat!-style JSONL (``{id, text, label}``).

The regularisation strength and the decision threshold are chosen by cross-validation over
contiguous chunks of the training file (never on dev or dev-test): each candidate is fitted
on all chunks but one and scored on the one left out; the threshold maximises the F1 of the
positive class over all out-of-fold scores. Training examples whose out-of-fold score
contradicts their label most strongly can be pruned (``prune``) before the final fit: the
CheckThat! 2024 data has noisy labels, and the winning system trained on a cleaned subset.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from claimscope.claims.checkworthy import SIGNAL_NAMES, CheckworthyModel, features
from claimscope.errors import InputError
from claimscope.jsonl import json_lines, read_lines


@dataclass(frozen=True)
class Labelled:
    id: str
    text: str
    label: int


@dataclass(frozen=True)
class TrainOptions:
    folds: int = 5
    # Inverse regularisation strengths tried; embeddings are dense and correlated, so the
    # useful range is narrow (seen on the training folds: 0.03-1).
    c_values: tuple[float, ...] = (0.03, 0.1, 0.3, 1.0)
    # Share of training examples dropped as label noise before the final fit (0: none).
    prune: float = 0.0
    max_iter: int = 2000


@dataclass
class TrainReport:
    examples: int
    positives: int
    best_c: float
    threshold: float
    cv_f1: dict[str, float] = field(default_factory=dict)
    pruned: int = 0


def read_labelled(path: Path) -> list[Labelled]:
    """``{id, text, label}`` lines; a bad line is an error naming the line."""
    out: list[Labelled] = []
    for number, item in json_lines(read_lines(path), path):
        try:
            out.append(Labelled(str(item["id"]), str(item["text"]), int(item["label"])))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(
                f"{path}:{number}", f"not an {{id, text, label}} record: {exc}"
            ) from exc
    if not out:
        raise InputError(str(path), "no examples")
    return out


def noise_mask(oof: np.ndarray, y: np.ndarray, share: float) -> np.ndarray:
    """Which examples to keep: all but the ``share`` whose out-of-fold score contradicts
    their label the most (likely label noise)."""
    keep = np.ones(len(y), dtype=bool)
    if share > 0:
        wrong = np.where(y == 1, 1 - oof, oof)
        keep[np.argsort(-wrong)[: int(share * len(y))]] = False
    return keep


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """The probability cut that maximises positive-class F1, and that F1."""
    order = np.argsort(-scores)
    s, y = scores[order], labels[order]
    tp = np.cumsum(y)
    predicted = np.arange(1, len(y) + 1)
    f1 = 2 * tp / (predicted + y.sum())
    k = int(np.argmax(f1))
    # Halfway to the next score, so that ties and tiny shifts do not flip the cut.
    cut = float((s[k] + s[k + 1]) / 2) if k + 1 < len(s) else float(s[k])
    return cut, float(f1[k])


def f1_at(scores: np.ndarray, labels: np.ndarray, threshold: float) -> float:
    pred = scores >= threshold
    tp = float((pred & (labels == 1)).sum())
    denom = float(pred.sum() + (labels == 1).sum())
    return 2 * tp / denom if denom else 0.0


def _fit(x: np.ndarray, y: np.ndarray, c: float, max_iter: int) -> CheckworthyModel:
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    clf = LogisticRegression(C=c, max_iter=max_iter, class_weight="balanced")
    clf.fit((x - mean) / scale, y)
    return CheckworthyModel(
        coef=clf.coef_[0].astype(np.float32), intercept=float(clf.intercept_[0]),
        mean=mean.astype(np.float32), scale=scale.astype(np.float32), threshold=0.5, digest="",
    )


def out_of_fold(x: np.ndarray, y: np.ndarray, c: float, options: TrainOptions) -> np.ndarray:
    scores = np.zeros(len(y), dtype=np.float64)
    chunks = np.array_split(np.arange(len(y)), options.folds)
    for held in chunks:
        train = np.setdiff1d(np.arange(len(y)), held)
        model = _fit(x[train], y[train], c, options.max_iter)
        scores[held] = model.score_features(x[held])
    return scores


def train_checkworthy(
    data: Path,
    output: Path,
    options: TrainOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> TrainReport:
    """Fit the model on ``data`` (a directory holding ``ct24.train.jsonl``, or the file) and
    write ``output`` (.npz) with its card (.json)."""
    options = options or TrainOptions()
    say = progress or (lambda _msg: None)
    path = data / "ct24.train.jsonl" if data.is_dir() else data
    items = read_labelled(path)
    texts = [i.text for i in items]
    y = np.array([i.label for i in items], dtype=np.int64)
    say(f"embedding {len(texts)} sentences")
    x = features(texts)
    report = TrainReport(examples=len(y), positives=int(y.sum()), best_c=0.0, threshold=0.5)
    best: tuple[float, float, np.ndarray] | None = None
    for c in options.c_values:
        oof = out_of_fold(x, y, c, options)
        _, f1 = best_threshold(oof, y)
        report.cv_f1[str(c)] = round(f1, 4)
        say(f"C={c}: cross-validated F1 {f1:.3f}")
        if best is None or f1 > best[0]:
            best = (f1, c, oof)
    assert best is not None
    _, c, oof = best
    keep = noise_mask(oof, y, options.prune)
    report.pruned = int((~keep).sum())
    threshold, _ = best_threshold(oof, y)
    model = _fit(x[keep], y[keep], c, options.max_iter)
    model = CheckworthyModel(model.coef, model.intercept, model.mean, model.scale, threshold, "")
    report.best_c = c
    report.threshold = round(threshold, 4)
    output.parent.mkdir(parents=True, exist_ok=True)
    card = model_card("logistic regression on all-MiniLM-L6-v2 embeddings + signals", path,
                      report, options)
    model.save(output, card)
    return report


def model_card(model: str, path: Path, report: Any, options: Any) -> dict[str, Any]:
    """The JSON card written beside a check-worthiness model: what, from which data (with
    its digest), when, with which settings, and the training report."""
    return {
        "model": model,
        "signals": list(SIGNAL_NAMES),
        "trained_on": dt.date.today().isoformat(),
        "data": path.name,
        "data_sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "options": {k: str(v) if isinstance(v, Path) else v
                    for k, v in asdict(options).items()},
        "report": asdict(report),
    }


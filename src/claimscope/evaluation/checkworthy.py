"""Scoring check-worthiness on CheckThat!-style JSONL: F1 of the positive class with its 95%
bootstrap interval over the items, beside the trivial baselines (the majority class, and
"everything is check-worthy")."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from claimscope.claims.checkworthy import load_model
from claimscope.claims.train import read_labelled
from claimscope.evaluation.bootstrap import interval


@dataclass(frozen=True)
class BinaryScores:
    items: int
    positives: int
    precision: float
    recall: float
    f1: float
    f1_95: list[float] | None = None  # 95% bootstrap interval over items, when measured

    def to_json(self) -> dict[str, Any]:
        out = {k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(self).items()}
        if self.f1_95 is None:
            del out["f1_95"]
        return out


def binary_scores(predicted: np.ndarray, gold: np.ndarray, spread: bool = False) -> BinaryScores:
    """Precision, recall and F1 of the positive class; with ``spread``, F1's 95% bootstrap
    interval over the items too."""
    tp = float((predicted & gold).sum())
    p = tp / predicted.sum() if predicted.sum() else 0.0
    r = tp / gold.sum() if gold.sum() else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    f1_95 = None
    if spread and len(gold):
        low, high = interval(lambda drawn: binary_scores(predicted[drawn], gold[drawn]).f1,
                             len(gold))
        f1_95 = [round(low, 4), round(high, 4)]
    return BinaryScores(len(gold), int(gold.sum()), p, r, f1, f1_95)


@dataclass(frozen=True)
class CheckworthyEvaluation:
    model: BinaryScores
    threshold: float
    majority: BinaryScores
    all_positive: BinaryScores

    def to_json(self) -> dict[str, Any]:
        return {
            "model": self.model.to_json(),
            "threshold": round(self.threshold, 4),
            "baseline_majority": self.majority.to_json(),
            "baseline_all_positive": self.all_positive.to_json(),
        }


def evaluate_checkworthy(
    path: Path, model: str | None = None, predictions: TextIO | None = None,
    screen: bool = True,
) -> CheckworthyEvaluation:
    """Score ``path`` with the model (and its screen, unless ``screen`` is false); write
    ``{id, score, label}`` lines to ``predictions``."""
    items = read_labelled(path)
    scorer = load_model(model, screen=screen)
    scores = scorer.score([i.text for i in items])
    gold = np.array([i.label == 1 for i in items])
    predicted = scores >= scorer.threshold
    if predictions is not None:
        for item, score, label in zip(items, scores, predicted, strict=True):
            predictions.write(json.dumps(
                {"id": item.id, "score": round(float(score), 6), "label": int(label)}
            ) + "\n")
    majority_positive = gold.mean() > 0.5
    return CheckworthyEvaluation(
        model=binary_scores(predicted, gold, spread=True),
        threshold=scorer.threshold,
        majority=binary_scores(np.full(len(gold), majority_positive), gold),
        all_positive=binary_scores(np.ones(len(gold), dtype=bool), gold),
    )

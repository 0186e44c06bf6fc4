"""Training helpers for check-worthiness: thresholds, noise pruning, the linear model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from claimscope.claims.checkworthy import load_model
from claimscope.claims.train import (
    TrainOptions,
    best_threshold,
    f1_at,
    noise_mask,
    read_labelled,
    train_checkworthy,
)
from claimscope.errors import InputError


def test_best_threshold_separates_when_it_can() -> None:
    scores = np.array([0.9, 0.8, 0.3, 0.2])
    labels = np.array([1, 1, 0, 0])
    cut, f1 = best_threshold(scores, labels)
    assert f1 == 1.0 and 0.3 < cut < 0.8
    assert f1_at(scores, labels, cut) == 1.0


def test_noise_mask_drops_the_most_contradicted() -> None:
    oof = np.array([0.95, 0.1, 0.6, 0.05])
    y = np.array([0, 0, 1, 1])  # the first and last contradict their scores most
    assert noise_mask(oof, y, 0.5).tolist() == [False, True, True, False]
    assert noise_mask(oof, y, 0.0).all()


def test_read_labelled_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text('{"id": "a", "text": "x", "label": 1}\n{"id": "b", "text": "y"}\n',
                    encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_labelled(path)
    assert info.value.source_id.endswith("d.jsonl:2")


CHECKABLE = [
    "Unemployment fell to {n} percent last year.",
    "We spent ${n} billion on the program in 2019.",
    "The deficit grew by {n} percent under this administration.",
    "Taxes went up {n} times in the last decade.",
]
CHATTER = [
    "Thank you so much for having me here tonight, number {n}.",
    "I'd like to say something about that, point {n}.",
    "Let me finish my answer, please, for the {n}th time.",
    "Good evening and welcome, everyone, to debate {n}.",
]


def test_linear_model_trains_and_loads(tmp_path: Path) -> None:
    rows = [{"id": f"{k}-{n}", "text": t.format(n=n), "label": int(k < 4)}
            for n in range(5, 15) for k, t in enumerate(CHECKABLE + CHATTER)]
    data = tmp_path / "ct24.train.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "cw.npz"
    report = train_checkworthy(tmp_path, out, TrainOptions(folds=2, c_values=(0.1,)))
    assert report.examples == 80 and report.positives == 40
    assert out.is_file() and out.with_suffix(".json").is_file()
    model = load_model(str(out))
    scores = model.score(["Inflation rose to 9 percent in 2022.", "Thank you, good night."])
    assert scores[0] > model.threshold > scores[1]

"""Fine-tuning and distilling the check-worthiness encoder (the training loop needs PyTorch,
which ``make test`` does not install: those tests run where it is)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from claimscope.claims.checkworthy import default_model_path, load_model
from claimscope.claims.minilm_torch import source_layers
from tests.claims.test_train import CHATTER, CHECKABLE


@pytest.mark.parametrize(("n", "expected"), [
    (6, (0, 1, 2, 3, 4, 5)),
    (3, (0, 2, 4)),  # every other layer, as DistilBERT halves BERT
    (2, (0, 3)),
    (1, (0,)),
    (4, (0, 1, 2, 3)),  # four does not divide six: the first four
    (5, (0, 1, 2, 3, 4)),
])
def test_source_layers(n: int, expected: tuple[int, ...]) -> None:
    assert source_layers(n) == expected


def test_distilled_student_learns_the_teachers_scores(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from claimscope.claims.finetune import FinetuneOptions, finetune_checkworthy

    # The labels say the opposite of the teacher: a student that learnt them instead of
    # the teacher's scores would score against the teacher.
    rows = [{"id": f"{k}-{n}", "text": t.format(n=n), "label": int(k >= 4)}
            for n in range(5, 25) for k, t in enumerate(CHECKABLE + CHATTER)]
    data = tmp_path / "ct24.train.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    student = tmp_path / "student.safetensors"
    teacher = default_model_path()  # the shipped model teaches a one-layer student
    finetune_checkworthy(data, student, FinetuneOptions(
        epochs=3, layers=1, learning_rate=3e-4, teacher=teacher, holdout=0.2))
    card = json.loads(student.with_suffix(".json").read_text(encoding="utf-8"))
    assert "distilled from checkworthy.safetensors" in card["model"]
    assert card["options"]["teacher"] == str(teacher)
    texts = [r["text"] for r in rows]
    s = load_model(str(student), screen=False).score(texts)
    t = load_model(str(teacher), screen=False).score(texts)
    assert np.corrcoef(s, t)[0, 1] > 0.8

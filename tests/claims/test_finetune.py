"""Fine-tuning and distilling the check-worthiness encoder (the training loop needs PyTorch,
which ``make test`` does not install: those tests run where it is)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from claimscope.claims.checkworthy import default_model_path, load_model
from claimscope.claims.finetune import average_states, soup_members
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


# Runs' own held-out F1, and the F1 of each soup (sorted member list) the greedy search asks
# about; a soup it must not ask about is missing, so asking fails the test.
@pytest.mark.parametrize(("f1s", "soups", "expected"), [
    ([0.70], {}, [0]),  # one run is its own soup
    ([0.70, 0.73, 0.72], {(1, 2): 0.74, (0, 1, 2): 0.735}, [1, 2]),  # the worst run would harm
    ([0.70, 0.73, 0.72], {(1, 2): 0.72, (0, 1): 0.73}, [1, 0]),  # a tie keeps the run
    ([0.71, 0.71], {(0, 1): 0.705}, [0]),  # equal runs: the first is the best
])
def test_soup_members_are_chosen_greedily(
        f1s: list[float], soups: dict[tuple[int, ...], float], expected: list[int]) -> None:
    assert soup_members(f1s, lambda members: soups[tuple(sorted(members))]) == expected


def test_soup_members_need_a_run() -> None:
    with pytest.raises(ValueError, match="at least one run"):
        soup_members([], lambda _members: 0.0)


def test_average_states_is_the_mean_of_each_parameter() -> None:
    a = {"w": np.array([1.0, 2.0]), "b": np.array(0.0)}
    b = {"w": np.array([3.0, 6.0]), "b": np.array(1.0)}
    out = average_states([a, b])
    assert out["w"].tolist() == [2.0, 4.0] and float(out["b"]) == 0.5
    assert average_states([a]) is not a and average_states([a])["w"].tolist() == [1.0, 2.0]


def _small_training_file(tmp_path: Path) -> tuple[Path, list[dict[str, object]]]:
    """A training file of checkable sentences (label 1) and chatter (label 0)."""
    rows: list[dict[str, object]] = [
        {"id": f"{k}-{n}", "text": t.format(n=n), "label": int(k < 4)}
        for n in range(5, 15) for k, t in enumerate(CHECKABLE + CHATTER)]
    data = tmp_path / "ct24.train.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return data, rows


def test_a_soup_of_two_seeds_is_written_with_its_members(tmp_path: Path) -> None:
    """Issue 4: several fine-tunes averaged into one model of the same size."""
    pytest.importorskip("torch")
    from claimscope.claims.finetune import FinetuneOptions, finetune_checkworthy

    data, rows = _small_training_file(tmp_path)
    out = tmp_path / "soup.safetensors"
    report = finetune_checkworthy(data, out, FinetuneOptions(
        epochs=1, layers=1, learning_rate=3e-4, holdout=0.25, seeds=(1, 2), soup="uniform"))
    assert report.seeds == [1, 2] and report.soup == [1, 2]
    assert len(report.epoch_f1) == 2 and len(report.run_f1) == 2
    card = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert "a uniform soup of 2 seeds" in card["model"]
    assert card["options"]["seeds"] == [1, 2]
    model = load_model(str(out), screen=False)
    held = [r["text"] for r in rows[int(len(rows) * 0.75):]]
    labels = np.array([r["label"] for r in rows[int(len(rows) * 0.75):]])
    from claimscope.claims.train import f1_at

    # The card's float check is the soup's F1 on the held-out chunk at its threshold.
    assert f1_at(model.score(held), labels, model.threshold) == pytest.approx(
        card["check_int8"])
    assert card["check"] == pytest.approx(report.soup_f1, abs=1e-4)


def test_probe_first_starts_from_a_fitted_head(tmp_path: Path) -> None:
    """Issue 4 (LP-FT, measured on unseen debates): with no fine-tuning at all (learning
    rate 0) the head fitted on the frozen encoder already tells the classes apart; a
    random head would not."""
    pytest.importorskip("torch")
    from claimscope.claims.finetune import FinetuneOptions, finetune_checkworthy

    data, rows = _small_training_file(tmp_path)
    out = tmp_path / "probed.safetensors"
    said: list[str] = []
    finetune_checkworthy(data, out, FinetuneOptions(
        epochs=1, layers=1, learning_rate=0.0, holdout=0.25, probe_first=True),
        progress=said.append)
    assert any(m.startswith("probe: head fitted") for m in said)
    scores = load_model(str(out), screen=False).score([r["text"] for r in rows])
    labels = np.array([r["label"] for r in rows])
    assert scores[labels == 1].min() > scores[labels == 0].max()


def test_training_over_a_model_with_a_screen_beside_it(tmp_path: Path) -> None:
    """Regression (issue 4): the trainer's int8 check loaded the new model through the old
    model's screen beside it and failed at the very end of training."""
    pytest.importorskip("torch")
    import shutil

    from claimscope.claims.finetune import FinetuneOptions, finetune_checkworthy
    from claimscope.claims.screen import screen_path

    data, _ = _small_training_file(tmp_path)
    out = tmp_path / "checkworthy.safetensors"
    shutil.copy(screen_path(default_model_path()), screen_path(out))
    finetune_checkworthy(data, out, FinetuneOptions(
        epochs=1, layers=1, learning_rate=3e-4, holdout=0.25))
    card = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert "check_int8" in card

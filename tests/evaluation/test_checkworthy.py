import numpy as np

from claimscope.evaluation.checkworthy import binary_scores


def test_interval_of_a_perfect_labelling_is_one() -> None:
    gold = np.array([True, False] * 20)  # enough items that every resample holds a positive
    scores = binary_scores(gold.copy(), gold, spread=True)
    assert scores.f1 == 1.0 and scores.f1_95 == [1.0, 1.0]


def test_interval_only_when_asked() -> None:
    gold = np.array([True, False, True, False])
    scores = binary_scores(np.array([True, True, False, False]), gold)
    assert scores.f1 == 0.5 and scores.f1_95 is None
    assert "f1_95" not in scores.to_json()
    spread = binary_scores(np.array([True, True, False, False]), gold, spread=True)
    assert spread.f1_95 is not None and spread.f1_95[0] <= 0.5 <= spread.f1_95[1]

"""The expected-F1 choice of narratives and the calibrated classifiers."""

from __future__ import annotations

import numpy as np
import pytest

from claimscope.framing.narratives import (
    NarrativeChoice,
    choose,
    coarse_labels,
    fine_labels,
    fit_calibrated,
    usual_size,
)

LABELS = ["A", "B", "Other"]
FINE = ["A: x", "A: y", "A: Other", "B: z"]


@pytest.mark.parametrize(("p", "fine_p", "expected"), [
    # "Other" likelier than any set is worth.
    ([0.3, 0.2, 0.6], [0.2, 0.1, 0.0, 0.1],
     NarrativeChoice(["Other"], ["Other"], [0.6])),
    # One narrative: 2 * 0.8 / (1 + 1.5) = 0.64 beats 0.1; adding B (2 * 0.9 / 3.5 = 0.51)
    # does not; its sub-narrative holding over half of it.
    ([0.8, 0.1, 0.1], [0.5, 0.1, 0.1, 0.05],
     NarrativeChoice(["A"], ["A: x"], [0.8])),
    # Two likely narratives; none of A's sub-narratives holds half of it: the likeliest.
    ([0.7, 0.7, 0.05], [0.2, 0.3, 0.1, 0.6],
     NarrativeChoice(["A", "B"], ["A: y", "B: z"], [0.7, 0.7])),
    # Both of A's sub-narratives above half of it.
    ([0.8, 0.0, 0.2], [0.6, 0.5, 0.0, 0.0],
     NarrativeChoice(["A"], ["A: x", "A: y"], [0.8])),
])
def test_choose_maximises_expected_f1(p: list[float], fine_p: list[float],
                                      expected: NarrativeChoice) -> None:
    got = choose(LABELS, np.array(p), FINE, np.array(fine_p), 1.5)
    assert got.narratives == expected.narratives and got.fine == expected.fine
    assert got.confidence == pytest.approx(expected.confidence)


def test_a_narrative_without_sub_narrative_classifiers_gets_its_other() -> None:
    got = choose(["C", "Other"], np.array([0.9, 0.1]), FINE, np.zeros(4), 1.0)
    assert got.fine == ["C: Other"]


@pytest.mark.parametrize(("gold", "expected"), [
    ((), ["Other"]), (("Other",), ["Other"]), (("A", "B"), ["A", "B"]),
])
def test_coarse_training_labels(gold: tuple[str, ...], expected: list[str]) -> None:
    assert coarse_labels(gold) == expected


@pytest.mark.parametrize(("gold", "expected"), [
    (("Other",), []), (("A: x", "A: Other"), ["A: x", "A: Other"]),
])
def test_fine_training_labels(gold: tuple[str, ...], expected: list[str]) -> None:
    assert fine_labels(gold) == expected


def test_usual_size_counts_only_articles_with_narratives() -> None:
    assert usual_size([["Other"], ["A", "B"], ["A"]]) == 1.5
    assert usual_size([["Other"]]) == 1.0


def test_calibrated_probabilities_follow_the_words() -> None:
    texts = ([f"tanks shelled the front line {i}" for i in range(12)]
             + [f"the committee met on tuesday {i}" for i in range(12)])
    labels = [["War"]] * 12 + [["Other"]] * 12
    model = fit_calibrated(texts, labels)
    p = model.proba(["tanks shelled the town", "the committee met again"])
    war = model.labels.index("War")
    assert p[0, war] > 0.7 > 0.3 > p[1, war]

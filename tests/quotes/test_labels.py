"""BIO labels from gold spans and spans back from labels."""

from __future__ import annotations

import pytest

from claimscope.evaluation.polnear import GoldQuote
from claimscope.quotes.features import TokenView
from claimscope.quotes.labels import gold_labels, spans_from_labels

TEXT = "Putin said that the US uses them ."
VIEWS = [TokenView(0, 5), TokenView(6, 10), TokenView(11, 15), TokenView(16, 19),
         TokenView(20, 22), TokenView(23, 27), TokenView(28, 32), TokenView(33, 34)]


def test_labels_round_trip() -> None:
    q = GoldQuote(content=((11, 32),), speaker=((0, 5),), cue=((6, 10),), speaker_text="Putin",
                  kind="indirect")
    labels = gold_labels(VIEWS, [q])
    assert labels == ["B-S", "B-Q", "B-C", "I-C", "I-C", "I-C", "I-C", "O"]
    spans = spans_from_labels(VIEWS, labels)
    assert [(s.kind, TEXT[s.start : s.end]) for s in spans] == [
        ("S", "Putin"), ("Q", "said"), ("C", "that the US uses them")]


def test_inner_speaker_and_cue_win_over_content() -> None:
    outer = GoldQuote(((11, 32),), (), (), "", "indirect")
    inner = GoldQuote(((23, 32),), ((16, 22),), ((23, 27),), "the US", "indirect")
    labels = gold_labels(VIEWS, [outer, inner])
    assert labels[3:6] == ["B-S", "I-S", "B-Q"]


def test_stray_inside_label_starts_a_span() -> None:
    spans = spans_from_labels(VIEWS, ["I-C", "I-C", "O", "I-S", "O", "O", "O", "O"])
    assert [(s.kind, s.first, s.last) for s in spans] == [("C", 0, 2), ("S", 3, 4)]


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["O"] * 8, []),
        ([], []),
        # A B- label of the same kind right after a run starts another span.
        (["B-C", "I-C", "B-C", "I-C", "O", "O", "O", "O"], [("C", 0, 2), ("C", 2, 4)]),
        # An inside label of another kind starts a span of its own.
        (["B-C", "I-C", "I-S", "I-S", "O", "O", "O", "O"], [("C", 0, 2), ("S", 2, 4)]),
        # A run that reaches the block's end is closed there.
        (["O", "O", "O", "O", "O", "B-Q", "I-Q", "I-Q"], [("Q", 5, 8)]),
        (["B-S", "O", "I-S", "O", "O", "O", "O", "B-C"], [("S", 0, 1), ("S", 2, 3), ("C", 7, 8)]),
    ],
)
def test_spans_from_labels(labels: list[str], expected: list[tuple[str, int, int]]) -> None:
    spans = spans_from_labels(VIEWS[: len(labels)], labels)
    assert [(s.kind, s.first, s.last) for s in spans] == expected
    for s in spans:
        assert (s.start, s.end) == (VIEWS[s.first].start, VIEWS[s.last - 1].end)

"""Cutting a text into highlight pieces (issue 5)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimscope.web.highlight import Mark, palette_index, pieces

TEXT = "Putin said the US uses cluster munitions."


@pytest.mark.parametrize(("marks", "expected"), [
    ([], [("Putin said the US uses cluster munitions.", "")]),
    ([Mark(0, 5, "q1", ("who",))], [("Putin", "q1"), (" said the US uses cluster munitions.", "")]),
    # a claim nested in a quote: three pieces, the middle one covered by both
    ([Mark(11, 40, "q1", ("quote",)), Mark(15, 17, "e1", ("ent",))],
     [("Putin said ", ""), ("the ", "q1"), ("US", "q1 e1"), (" uses cluster munitions", "q1"),
      (".", "")]),
    # overlapping marks that do not nest
    ([Mark(0, 10, "a", ()), Mark(6, 14, "b", ())],
     [("Putin ", "a"), ("said", "a b"), (" the", "b"), (" US uses cluster munitions.", "")]),
    # two marks of one item (a quote's content pieces) and marks outside the text or empty
    ([Mark(0, 5, "q1", ()), Mark(18, 22, "q1", ()), Mark(30, 99, "x", ()), Mark(3, 3, "y", ())],
     [("Putin", "q1"), (" said the US ", ""), ("uses", "q1"),
      (" cluster munitions.", "")]),
])
def test_pieces(marks: list[Mark], expected: list[tuple[str, str]]) -> None:
    assert [(p.text, p.items) for p in pieces(TEXT, marks)] == expected


def test_anchor_opens_at_each_items_first_mark() -> None:
    cut = pieces(TEXT, [Mark(18, 22, "q1", ()), Mark(0, 5, "q1", ()), Mark(6, 10, "c1", ())])
    assert {item: p.start for p in cut for item in p.opens} == {"q1": 0, "c1": 6}


def test_classes_are_joined_once() -> None:
    cut = pieces(TEXT, [Mark(0, 5, "q1", ("quote", "sp0")), Mark(0, 5, "q1", ("who", "sp0"))])
    assert cut[0].classes == "quote sp0 who"


def test_palette_gives_each_speaker_a_slot_in_order() -> None:
    assert palette_index(["B", None, "A", "B"]) == {"B": 0, "A": 1}


@given(st.text(min_size=0, max_size=60),
       st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)), max_size=12))
def test_pieces_cover_the_text_exactly(text: str, bounds: list[tuple[int, int]]) -> None:
    marks = [Mark(a, b, f"m{i}", ()) for i, (a, b) in enumerate(bounds)]
    cut = pieces(text, marks)
    assert "".join(p.text for p in cut) == text
    for p in cut:
        assert text[p.start : p.end] == p.text
        for m in p.marks:
            assert m.start <= p.start and p.end <= m.end

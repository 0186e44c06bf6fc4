"""Sentences never cross a paragraph break and carry no surrounding whitespace."""

from __future__ import annotations

import pytest

from claimscope.components.sentences import split_sentence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One. Two."]),
        ("Heading\n\nBody text.", ["Heading", "Body text."]),
        ("  padded  \n", ["padded"]),
        ("\n\n\n", []),
    ],
)
def test_split_sentence(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentence(text, 0, len(text))] == expected

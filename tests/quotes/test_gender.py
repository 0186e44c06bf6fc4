"""A speaker's gender from the words introducing the name: (text, gender) tables."""

from __future__ import annotations

import pytest

from claimscope.quotes.gender import introduced_gender, role_gender


@pytest.mark.parametrize(("before", "gender"), [
    ("Lopez's mother, ", "f"),
    ("her husband ", "m"),
    ("Mosque spokesman ", "m"),
    ("the son of ", ""),  # a word between: the son is someone else
    ("the victim, ", ""),
])
def test_role_gender(before: str, gender: str) -> None:
    assert role_gender(before) == gender


@pytest.mark.parametrize(("text", "name", "gender"), [
    ("Mr. Albert said", "Albert", "m"),
    ("Queen Camilla said", "Camilla", "f"),
    ("his widow, Ana, said", "Ana", "f"),
    ("Kevin Brooks said", "Kevin Brooks", "m"),  # the first name
    ("Officer Ramzi said", "Ramzi", ""),  # nothing tells
])
def test_introduced_gender(text: str, name: str, gender: str) -> None:
    assert introduced_gender(text, text.index(name), name) == gender

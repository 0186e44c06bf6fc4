"""Wire datelines (news of 2026-11-29): (text, what is left after the dateline)."""

from __future__ import annotations

import pytest

from claimscope.datelines import after_dateline


@pytest.mark.parametrize(("text", "left"), [
    ("JERUSALEM (Reuters) - Israel's military said", "Israel's military said"),
    ("KIEV, March 3 (RIA Novosti) - Zelensky said", "Zelensky said"),
    ("KYIV, Ukraine — Officials said", "Officials said"),
    ("WASHINGTON — The Senate voted", "The Senate voted"),
    # capitals that speak, a sentence, a dash inside a sentence: no dateline
    ("NATO — the alliance — said", "NATO — the alliance — said"),
    ("The US - and others - said", "The US - and others - said"),
    ("He said WASHINGTON - no", "He said WASHINGTON - no"),
    # nothing left after it: no dateline
    ("WASHINGTON — ", "WASHINGTON — "),
])
def test_after_dateline(text: str, left: str) -> None:
    assert text[after_dateline(text, 0, len(text)) :] == left


def test_a_dateline_only_opens_a_paragraph() -> None:
    text = "He left. LONDON - The bank said so.\nLONDON - The bank said so."
    first = text.index("LONDON")
    second = text.rindex("LONDON")
    assert after_dateline(text, first, len(text)) == first
    assert text[after_dateline(text, second, len(text)) :] == "The bank said so."

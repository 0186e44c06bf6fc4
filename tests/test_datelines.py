"""Wire datelines (news of 2026-11-29): (text, what is left after the dateline)."""

from __future__ import annotations

import pytest

from claimscope.datelines import after_dateline, agency
from claimscope.model import make_span


@pytest.mark.parametrize(("text", "left"), [
    ("JERUSALEM (Reuters) - Israel's military said", "Israel's military said"),
    ("KIEV, March 3 (RIA Novosti) - Zelensky said", "Zelensky said"),
    ("KYIV, Ukraine — Officials said", "Officials said"),
    ("WASHINGTON — The Senate voted", "The Senate voted"),
    ("COLUMBUS, Ohio (AP) — A man was charged", "A man was charged"),
    ("SANTA CLARA, Calif., Nov 19 (Reuters) - Nvidia on Wednesday", "Nvidia on Wednesday"),
    # TASS's and Xinhua's style: the agency between slashes (news of 2026-11-29)
    ("MOSCOW, February 14. /TASS/. Western countries", "Western countries"),
    ("BEIJING, Dec. 1 /Xinhua/ -- The ministry said", "The ministry said"),
    ("He said 1/2 of it", "He said 1/2 of it"),
    # a press release's, with the year
    ("BOSTON, March 4, 2025 /PRNewswire/ -- Acme Health, Inc. today announced",
     "Acme Health, Inc. today announced"),
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


@pytest.mark.parametrize(("text", "expected"), [
    ("Title\n\nCOLUMBUS, Ohio (AP) — A man was charged.", "AP"),
    ("Title\n\nSANTA CLARA, Calif., Nov 19 (Reuters) - Nvidia rose.", "Reuters"),
    ("Title\n\nMOSCOW, February 14. /TASS/. Lavrov said.", "TASS"),
    ("Title\n\nKYIV, Ukraine — Officials said.", None),
    ("Title\n\nThe bank (Reuters) - said so.", None),
])
def test_agency(text: str, expected: str | None) -> None:
    paragraphs = []
    pos = 0
    for part in text.split("\n\n"):
        paragraphs.append(make_span(text, pos, pos + len(part)))
        pos += len(part) + 2
    assert agency(text, paragraphs) == expected

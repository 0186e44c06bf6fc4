"""Title-case headlines and transcript turns (issue 3): (text, speaker, cue, content)."""

from __future__ import annotations

import pytest

from claimscope.quotes.headlines import title_case_headlines, transcript_turns


def _read(text: str, drafts: list) -> list[tuple[str, str, str]]:  # type: ignore[type-arg]
    return [
        (text[d.speaker[0] : d.speaker[1]], text[d.cue[0] : d.cue[1]],
         " | ".join(text[s:e] for s, e in d.content))
        for d in drafts
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jeb Bush Super PAC Chief Praises Marco Rubio Donor’s Skywriting Campaign.\n\nBody.",
         [("Jeb Bush Super PAC Chief", "Praises", "Marco Rubio Donor’s Skywriting Campaign")]),
        ("Trump Calls On Obama To Resign.",
         [("Trump", "Calls On", "Obama To Resign")]),
        ("Glenn Beck Blasts Drudge for Mocking His Fast, Quotes Bible",
         [("Glenn Beck", "Blasts", "Drudge for Mocking His Fast")]),
        ("Mike Pence Wants Prosecutor after Report Reveals Clinton’s Meetings With Donors.",
         [("Report", "Reveals", "Clinton’s Meetings With Donors")]),
        # a second predicate of the same speaker; a clause of another's (issue 3)
        ("Trump Slams Ryan’s Budget Plan, Praises Putin’s Leadership Style",
         [("Trump", "Slams", "Ryan’s Budget Plan"),
          ("Trump", "Praises", "Putin’s Leadership Style")]),
        ("Pence Urges A Special Prosecutor After Report Reveals Clinton’s Meetings.",
         [("Pence", "Urges", "A Special Prosecutor"),
          ("Report", "Reveals", "Clinton’s Meetings")]),
        # not title case: the tagger's business
        ("The president says that taxes will rise next year.", []),
        # capitalised plural nouns are not verbs
        ("Battleground States To Avoid Mistakes Of 2012 Race.", []),
        ("Ben Carson Fights Claims He Exaggerated His Life Story.", []),
        # no speaker before the verb
        ("Says Nothing About Taxes At All.", []),
    ],
)
def test_title_case_headlines(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _read(text, title_case_headlines(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("are unwilling to debate.\n\nKATE BOULDUAN: Why not debate?\n\nJOEL BENENSON: We did.",
         [("KATE BOULDUAN", ":", "Why not debate?"), ("JOEL BENENSON", ":", "We did.")]),
        ("MR. SMITH: I object.", [("MR. SMITH", ":", "I object.")]),
        # a name in ordinary case is the colon-headline rule's; too short a turn is none
        ("Putin: US uses cluster munitions.\n\nUS: no", []),
        ("WASHINGTON — The Senate voted on Tuesday.", []),
    ],
)
def test_transcript_turns(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _read(text, transcript_turns(text)) == expected

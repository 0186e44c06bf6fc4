"""Title-case headlines and transcript turns (issue 3): (text, speaker, cue, content)."""

from __future__ import annotations

import pytest

from claimscope.quotes.headlines import (
    sentence_case_title,
    standfirst_attribution,
    title_case_headlines,
    transcript_turns,
)


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
        # a stem's "-ss" is no third person's "-s" (quotes 1.43, a briefing's title)
        ("Foreign Ministry Spokesperson Mao Ning's Regular Press Conference on March 5", []),
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
        # quotes 1.23: an interview's turns in title case, a name that opens two or more
        # paragraphs (was none: news of 2026-11-29)
        ("Alexander Stubb spoke.\nQ: Safer?\nStubb: Absolutely. We share a border.\n\n"
         "Q: Why?\nStubb: Not now.",
         [("Stubb", ":", "Absolutely. We share a border."), ("Stubb", ":", "Not now.")]),
        # ... a person's name: a repeated label is none
        ("Present Problems: Ageing.\nPossible Solutions: Courses.\n"
         "Present Problems: Closures.\nPossible Solutions: Mergers.", []),
        ("Q: Safer?\nAlexander Stubb: Yes.\nPaul J. Smith: No.\nPaul J. Smith: Never.",
         [("Paul J. Smith", ":", "No."), ("Paul J. Smith", ":", "Never.")]),
        # ... once, it is a label as likely as a speaker
        ("Analysis: The vote was close.", []),
        # quotes 1.43: a name the article gives a title, though the first-name table knows
        # it not (a foreign ministry's briefing)
        ("Spokesperson Mao Ning held a briefing.\n\nCCTV: Why?\n\nMao Ning: We oppose it. "
         "It is coercion.\n\nAFP: Will you retaliate?\n\nMao Ning: We will act.",
         [("CCTV", ":", "Why?"), ("Mao Ning", ":", "We oppose it. It is coercion."),
          ("AFP", ":", "Will you retaliate?"), ("Mao Ning", ":", "We will act.")]),
    ],
)
def test_transcript_turns(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _read(text, transcript_turns(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pence blames media for Trump's 'Obama founded ISIS' flap.\n\nBody.",
         [("Pence", "blames", "media for Trump's 'Obama founded ISIS' flap")]),
        ("As Trump demands wall, smugglers build tunnels.",
         [("Trump", "demands", "wall")]),
        ("U.S. presses for truce in Syria despite policy snags; ",
         [("U.S.", "presses for", "truce in Syria")]),
        ("Putin chides Turkey and praises Trump at news conference.",
         [("Putin", "chides", "Turkey"), ("Putin", "praises", "Trump at news conference")]),
        ("DNC chair dismisses Sanders' accusations against Clinton's fundraising.",
         [("DNC chair", "dismisses", "Sanders' accusations against Clinton's fundraising")]),
        # only the first line is a title
        ("The budget vote is set for Monday.\n\nPence blames media for the flap.", []),
        # a colon title is the colon rule's; plural nouns are not verbs
        ("Clinton camp: Trump's rhetoric threatens national security.", []),
        ("Top Clinton adviser sent 'top secret' messages to her private account.", []),
        # title case is the other rule's
        ("Pence Blames Media For The Flap", []),
    ],
)
def test_sentence_case_title(text: str, expected: list[tuple[str, str, str]]) -> None:
    """Regression (issue 3): headline-style titles the parser misreads."""
    assert _read(text, sentence_case_title(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a standfirst with no stop, its attribution at its end
    ("Lavrov: West wants to defeat Russia\n\nMoscow will not accept any peace plan that "
     "ignores the realities, the Russian foreign minister has said\n\nBody.",
     [("the Russian foreign minister", "has said",
       "Moscow will not accept any peace plan that ignores the realities")]),
    ("Title\n\nBosses could face jail for polluting rivers, says Steve Reed\n\nBody.",
     [("Steve Reed", "says", "Bosses could face jail for polluting rivers")]),
    # a paragraph with its stop is the tagger's, and the title is not a standfirst
    ("Title\n\nBosses could face jail for polluting rivers, says Steve Reed.\n", []),
    ("Bosses could face jail for polluting rivers, says Steve Reed\n\nBody.", []),
    # far into the article a line is no standfirst
    ("Title\n\n" + "Body text. " * 100 + "\n\nIt will rain on Friday, the forecaster said",
     []),
])
def test_standfirst_attribution(text: str, expected: list[tuple[str, str, str]]) -> None:
    """Issue 3 (an RT-style story, 2026-11-29): the tagger read an unstopped standfirst
    whole as content with no cue, and its attribution was lost."""
    assert _read(text, standfirst_attribution(text)) == expected

"""The cue lexicon: inflected forms, phrases, speech versus other attributions."""

from __future__ import annotations

import pytest

from claimscope.quotes import cues


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("say", {"say", "says", "said", "saying"}),
        ("note", {"note", "notes", "noted", "noting"}),
        ("deny", {"deny", "denies", "denied", "denying"}),
        ("tell", {"told", "telling"}),
        ("stress", {"stresses", "stressed"}),
    ],
)
def test_inflect(lemma: str, forms: set[str]) -> None:
    assert forms <= cues.inflect(lemma)


@pytest.mark.parametrize(
    ("cue", "speech"),
    [
        ("said", True), ("pointed out", True), ("according to", True), ("told", True),
        ("said in a statement", True), (":", True), ("tweeted", True), ("added", True),
        # issue 3: every dash that introduces a quote, the quotation dash (U+2015) included
        ("—", True), ("–", True), ("\u2015", True), ("--", True),
        ("believes", False), ("wants", False), ("shows", False), ("is expected", False),
    ],
)
def test_speech_cues(cue: str, speech: bool) -> None:
    assert cues.is_speech_cue(cue) is speech


def test_lexicon_is_broad() -> None:
    assert cues.lexicon_size() >= 300
    assert len(cues.all_forms()) >= 1000

"""The tagger's features: the parse read as arrays, and the feature columns of a block."""

from __future__ import annotations

from typing import Any

import pytest

from claimscope import nlp
from claimscope.quotes import tagger
from claimscope.quotes.features import (
    FAR,
    NEAR,
    OWN_COLUMNS,
    PAD,
    WHITESPACE,
    _read,
    doc_features,
)

TEXTS = [
    "Senator Maria Lopez said that the bill would cut taxes.",
    "  Leading spaces.\n\nA new paragraph,\tafter a tab, said the mayor.",
    "A no-break\xa0space and an em\u2003space, officials said.\n",
    "“We will win,” he told reporters.\n \n“And they know it.”",
    "One\n\n\n\nTwo three.   Four   five said.",
]


def test_whitespace_is_every_character_isspace_holds_for() -> None:
    assert sorted(WHITESPACE.tolist()) == [c for c in range(0x110000) if chr(c).isspace()]


def _reference(doc: Any) -> dict[str, list[Any]]:
    """The same reading token by token through spaCy's Token objects."""
    kept = [t for t in doc if not t.is_space]
    k_of = {t.i: k for k, t in enumerate(kept)}
    return {
        "words": [t.lower_ for t in kept],
        "pos": [t.pos_ for t in kept],
        "dep": [t.dep_ for t in kept],
        "ent": [t.ent_type_ or "-" for t in kept],
        "head": [k_of.get(t.head.i, k) for k, t in enumerate(kept)],
        "start": [t.idx for t in kept],
        "end": [t.idx + len(t.text.rstrip()) for t in kept],
        "sent_start": [bool(t.is_sent_start) or k == 0 for k, t in enumerate(kept)],
        "tokens": [t.i for t in kept],
    }


@pytest.mark.parametrize("text", TEXTS)
def test_read_gives_what_the_tokens_say(text: str) -> None:
    doc = nlp.load()(text)
    parse = _read(doc, text)
    for name, want in _reference(doc).items():
        assert getattr(parse, name) == want, name
    assert parse.sent == [sum(parse.sent_start[: k + 1]) - 1 for k in range(len(parse.words))]
    for s, e in zip(parse.start, parse.end, strict=True):
        assert text[s:e] and not text[s:e][-1].isspace()


def test_empty_doc_reads_as_nothing() -> None:
    assert _read(nlp.load()(""), "").words == []


@pytest.mark.parametrize("text", TEXTS)
def test_block_columns_hold_every_token(text: str) -> None:
    doc = nlp.load()(text)
    blocks = doc_features(doc, tagger.load_priors(), text, clusters=tagger.load_clusters())
    assert blocks
    for block in blocks:
        assert len(block.columns) == len(OWN_COLUMNS)
        assert all(len(c) == len(block) for c in [*block.columns, *block.sent])
        # Every token has the features its neighbours two away see.
        assert all(None not in c for c in block.columns[:FAR])
        own, feats = block.own, block.feats()
        assert own[0][0].startswith("w=") and own[0][:FAR] == [c[0] for c in
                                                             block.columns[:FAR]]
        assert f"-1:{PAD}" in feats[0] and f"-2:{PAD}" in feats[0]
        if len(block) > 1:
            lead = [c[0] for c in block.columns[:NEAR] if c[0] is not None]
            assert [f"-1:{f}" for f in lead] == [f for f in feats[1] if f.startswith("-1:")]
        starts = block.columns[OWN_COLUMNS.index("sent_start")]
        assert block.starts == [c is not None for c in starts]

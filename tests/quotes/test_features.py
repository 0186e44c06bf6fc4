"""The tagger's features: the parse read as arrays, and the feature columns of a block."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from claimscope import nlp
from claimscope.quotes import tagger
from claimscope.quotes.features import (
    _MAX_DEPTH,
    FAR,
    NEAR,
    OWN_COLUMNS,
    PAD,
    WHITESPACE,
    _links,
    _Parse,
    _read,
    doc_features,
    nearest_flagged,
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


def _toy_parse(heads: list[int]) -> _Parse:
    n = len(heads)
    return _Parse(
        words=[f"w{k}" for k in range(n)], pos=["VERB"] * n, dep=[f"d{k % 5}" for k in range(n)],
        ent=["-"] * n, head=heads, start=list(range(n)), end=list(range(1, n + 1)),
        sent=[0] * n, sent_start=[k == 0 for k in range(n)], tokens=list(range(n)),
    )


@pytest.mark.parametrize(
    ("heads", "cues", "expected"),
    [
        # 0 is the cue; 1 hangs from it, 2 from 1, 3 from 2.
        ([0, 0, 1, 2], [0], [("self", "w0"), ("d1@0", "w0"), ("d1@1-2", "w0"), ("d1@1-2", "w0")]),
        # The nearest cue above counts: 2 is a cue under the cue 0.
        ([0, 0, 1, 2, 3], [0, 2], [("self", "w0"), ("d1@0", "w0"), ("self", "w2"),
                                   ("d3@0", "w2"), ("d3@1-2", "w2")]),
        # No cue above: nothing.
        ([0, 0, 1], [2], [None, None, ("self", "w2")]),
    ],
)
def test_cue_links(heads: list[int], cues: list[int],
                   expected: list[tuple[str, str] | None]) -> None:
    links = _links(_toy_parse(heads), [k in cues for k in range(len(heads))])
    want_link = [None if e is None else f"link={e[0]}" for e in expected]
    want_word = [None if e is None else f"linkw={e[0]}|{e[1]}" for e in expected]
    assert links.link == want_link and links.link_word == want_word


def test_cue_links_reach_so_far_up() -> None:
    """A chain hanging from the cue 0: the walk finds it within _MAX_DEPTH steps."""
    n = _MAX_DEPTH + 3
    links = _links(_toy_parse([0, *range(n - 1)]), [k == 0 for k in range(n)])
    assert links.link[_MAX_DEPTH] == "link=d1@11+"
    assert links.link[_MAX_DEPTH + 1] is None


def test_cue_links_come_back_from_a_cycle() -> None:
    """No parse has a cycle, but one must not hang the tagger: tokens 1 and 2 head each
    other, and token 3 hangs from a cue."""
    links = _links(_toy_parse([0, 2, 1, 0]), [True, False, False, False])
    assert links.link[3] == "link=d3@0" and links.link[0] == "link=self"
    assert links.link[1] is None and links.link[2] is None


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ([], []),
        ([False, False], [-1, -1]),
        ([True, False, False], [0, 0, 0]),
        ([False, False, True], [2, 2, 2]),
        # A tie goes to the earlier one; a set flag is its own nearest.
        ([True, False, True, False, False, False, True], [0, 0, 2, 2, 2, 6, 6]),
    ],
)
def test_nearest_flagged(flags: list[bool], expected: list[int]) -> None:
    assert nearest_flagged(np.array(flags, dtype=bool)).tolist() == expected


@pytest.mark.parametrize(
    ("flags", "groups", "expected"),
    [
        # Only a flag of the same group counts: 2 is nearest to 3, in another group.
        ([True, False, True, False], [0, 0, 0, 1], [0, 0, 2, -1]),
        ([False, True, False, False], [0, 0, 1, 1], [1, 1, -1, -1]),
        ([True, False, False, True], [0, 1, 1, 1], [0, 3, 3, 3]),
    ],
)
def test_nearest_flagged_within_groups(flags: list[bool], groups: list[int],
                                       expected: list[int]) -> None:
    got = nearest_flagged(np.array(flags, dtype=bool), np.array(groups))
    assert got.tolist() == expected


def test_only_spaces_read_as_nothing() -> None:
    """A text of spaces parses to space tokens only: no features, no error."""
    doc = nlp.load()("   \n\n  ")
    assert _read(doc, doc.text).words == []
    assert doc_features(doc, tagger.load_priors(), doc.text) == []

"""Token features for the attribution tagger, read off the spaCy parse.

Each token gets string features: its form, part of speech and dependency, its head,
whether it or its head is a cue, where it stands relative to the sentence's cues and to
quotation marks, and the dependency link through which it hangs from the nearest cue above
it (content hangs from "said" through ccomp, the speaker through nsubj), and its contextual
word clusters (``clusters``). Neighbours' main features are added (two each side). The
parse is read once as arrays (spaCy's ``Doc.to_array``), not token by token: the component
must stay cheap next to the parser.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from claimscope.quotes import cues
from claimscope.quotes.clusters import Clusters
from claimscope.quotes.crf import Passes
from claimscope.quotes.marks import (
    DOUBLE_MARKS,
    PAIRED,
    SINGLE_MARKS,
    Quoted,
    find_quoted,
    inside_mask,
)

# How far up the tree a token looks for a governing cue; attribution content rarely hangs
# deeper than this below its cue, and the bound keeps the walk cheap.
_MAX_DEPTH = 12
_PRONOUNS = frozenset("he she they i we it his her their who".split())
# A word counts as a cue for the tree features when at least this share of its uses in the
# training data were cues ("said" ~0.9, "according" ~0.8, "told" ~0.6, "found" ~0.1): low
# enough to keep frequent cues with other senses, high enough to drop "is" or "have".
STRONG_CUE_PRIOR = 0.15
_INTRO_PUNCT = frozenset({":", "—", "–"})
_ATTRS = ["LOWER", "POS", "DEP", "HEAD", "ENT_TYPE", "IDX", "IS_SPACE", "SENT_START"]


@dataclass(frozen=True, slots=True)
class TokenView:
    """What the tagger's output is mapped back through: a token's character span."""

    start: int
    end: int


# Neighbours' features a token carries: (offset, prefix, how many of the neighbour's own
# features; None: its ``near`` count). Two away: word, part of speech, quotation; one away:
# those, the dependency, and its quotation edge and cue link when it has them.
FAR = 3
WINDOWS: tuple[tuple[int, str, int | None], ...] = (
    (-2, "-2:", FAR), (-1, "-1:", None), (1, "1:", None), (2, "2:", FAR),
)
PAD = "pad"  # what a window beyond the block's edge sees


@dataclass(frozen=True, slots=True)
class Block:
    """A run of paragraphs that may hold an attribution, tagged as one sequence.

    Each token's features are its ``own`` and its sentence's (``sent``), plus, under the
    prefixes of ``WINDOWS``, the leading features of its neighbours' own: ``FAR`` of those
    two away, ``near[j]`` of token j's for those one away. ``feats()`` spells them all out
    (training); the tagger sums their weights without spelling them (``crf``)."""

    own: list[list[str]]
    near: list[int]
    sent: list[list[str]]
    views: list[TokenView]

    def feats(self) -> list[list[str]]:
        """Every token's features as strings."""
        n = len(self.own)
        out: list[list[str]] = []
        for k in range(n):
            f = [*self.own[k], *self.sent[k]]
            for off, prefix, count in WINDOWS:
                j = k + off
                if 0 <= j < n:
                    lead = self.own[j][: self.near[j] if count is None else count]
                    f.extend(prefix + x for x in lead)
                else:
                    f.append(prefix + PAD)
            out.append(f)
        return out


@dataclass(slots=True)
class _Parse:
    """The parse of the non-space tokens as plain lists (k = position among them)."""

    words: list[str]  # lowercased forms
    pos: list[str]
    dep: list[str]
    ent: list[str]
    head: list[int]  # k of the head (the token itself for roots and space heads)
    start: list[int]
    end: list[int]
    sent: list[int]  # sentence number
    sent_start: list[bool]
    tokens: list[int]  # the doc's token index of each


def token_views(doc: Any) -> list[TokenView]:
    """The character spans of the tokens the tagger labels (spaces skipped)."""
    return [TokenView(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]


def _read(doc: Any, text: str) -> _Parse:
    if not len(doc):
        return _Parse([], [], [], [], [], [], [], [], [], [])
    strings = doc.vocab.strings
    cols = doc.to_array(_ATTRS).T.tolist()
    lower, pos, dep, head, ent, idx, space, sstart = cols
    names = {h: strings[h] for h in {*lower, *pos, *dep, *ent} if h}
    names[0] = ""
    keep = [i for i, sp in enumerate(space) if not sp]
    k_of = {i: k for k, i in enumerate(keep)}
    # HEAD is stored as an unsigned offset from the token.
    heads = [k_of.get(i + (head[i] - (1 << 64) if head[i] >= (1 << 63) else head[i]), k)
             for k, i in enumerate(keep)]
    starts = [idx[i] for i in keep]
    # Token ends from the next token's start less trailing whitespace (no Token objects).
    nexts = [*idx[1:], len(text)]
    ends = []
    for k, i in enumerate(keep):
        end = nexts[i]
        while end > starts[k] and text[end - 1].isspace():
            end -= 1
        ends.append(end)
    sent_start = [sstart[i] == 1 or k == 0 for k, i in enumerate(keep)]
    sent: list[int] = []
    number = -1
    for flag in sent_start:
        number += flag
        sent.append(number)
    return _Parse(
        words=[names[lower[i]] for i in keep],
        pos=[names[pos[i]] for i in keep],
        dep=[names[dep[i]] for i in keep],
        ent=[names[ent[i]] or "-" for i in keep],
        head=heads,
        start=starts,
        end=ends,
        sent=sent,
        sent_start=sent_start,
        tokens=keep,
    )


def _bucket(n: int) -> str:
    if n <= 0:
        return "0"
    if n <= 2:
        return "1-2"
    if n <= 5:
        return "3-5"
    if n <= 10:
        return "6-10"
    return "11+"


def _prior_bucket(p: float) -> str:
    for edge in (0.05, 0.15, 0.3, 0.5, 0.7):
        if p < edge:
            return f"<{edge}"
    return ">=0.7"


@lru_cache(maxsize=65536)
def _prior_feature(p: float) -> str:
    """The prior feature of a word whose cue prior is ``p`` (made once per distinct value:
    every token asks for it, and the priors take a few thousand values)."""
    return f"prior={_prior_bucket(p)}"


def doc_features(
    doc: Any,
    priors: Mapping[str, float] | None = None,
    text: str | None = None,
    quoted: Sequence[Quoted] | None = None,
    clusters: Clusters | None = None,
) -> list[Block]:
    """Feature sequences for the paragraphs that may hold an attribution.

    A paragraph is tagged when it has a cue candidate, a quotation mark or a colon; runs of
    such paragraphs form one sequence, so quotes that run over paragraphs keep their
    context. ``priors``: share of each word's training uses that were cues. ``text`` is
    ``doc.text`` when the caller has it (spaCy rebuilds that string at every access).
    ``clusters``: the model's contextual word clusters (each token then carries its coarse
    and fine cluster, read off ``doc.tensor``).
    """
    text = doc.text if text is None else text
    priors = priors or {}
    quoted = find_quoted(text) if quoted is None else quoted
    mask = inside_mask(text, quoted)
    edges: dict[int, str] = {}
    for q in quoted:
        if q.double:
            edges[q.start] = "qopen"
            if q.closed:
                edges[q.end - 1] = "qclose"
    p = _read(doc, text)
    n = len(p.words)
    speech = cues.speech_forms()
    every = cues.all_forms()
    phrase_mask = bytearray(len(text))
    for s, e in cues.phrase_spans(text.lower()):
        phrase_mask[s:e] = b"\x01" * (e - s)
    is_cue = [
        priors.get(p.words[k], 0.0) >= STRONG_CUE_PRIOR
        or (p.words[k] in speech and p.pos[k] in ("VERB", "AUX"))
        or (p.words[k] in every and p.pos[k] == "VERB" and not priors)
        or phrase_mask[p.start[k]] == 1
        for k in range(n)
    ]
    links = _links(p, is_cue)
    cols = _columns(p, priors)
    runs = _active_runs(text, p, is_cue, mask)
    if clusters is not None:
        cols.clusters = _clusters_of(doc, p, runs, clusters)
    blocks: list[Block] = []
    for first, last in runs:
        own: list[list[str]] = []
        near: list[int] = []
        for k in range(first, last):
            o, n_near = _token(p, cols, k, is_cue, mask, links[k], edges)
            own.append(o)
            near.append(n_near)
        blocks.append(Block(
            own, near, _sentence_info(p, first, last, is_cue, mask),
            [TokenView(p.start[k], p.end[k]) for k in range(first, last)],
        ))
    return blocks


def _clusters_of(
    doc: Any, p: _Parse, runs: Sequence[tuple[int, int]], clusters: Clusters
) -> tuple[list[str], list[str]]:
    """The coarse and fine cluster features of the tokens in ``runs`` (those the tagger
    labels; "" for the others, which no block holds)."""
    ks = [k for first, last in runs for k in range(first, last)]
    coarse, fine = [""] * len(p.words), [""] * len(p.words)
    for k, c, f in zip(ks, *clusters.assign(doc.tensor[[p.tokens[k] for k in ks]]),
                       strict=True):
        coarse[k], fine[k] = c, f
    return coarse, fine


@dataclass(slots=True)
class _Columns:
    """Each token's features that depend on one of its values, spelled once per distinct
    value (a shared string also keeps its hash for the tagger's look-up)."""

    word: list[str]
    pos: list[str]
    dep: list[str]
    ent: list[str]
    head_word: list[str]
    prior: list[str]
    clusters: tuple[list[str], list[str]] | None = None  # coarse and fine, when used


def _spelled(name: str, values: Sequence[str]) -> list[str]:
    made = {v: f"{name}={v}" for v in set(values)}
    return [made[v] for v in values]


def _columns(p: _Parse, priors: Mapping[str, float]) -> _Columns:
    word = _spelled("w", p.words)
    by_word = dict(zip(p.words, word, strict=True))
    prior = {w: _prior_feature(priors.get(w, 0.0)) for w in by_word}
    return _Columns(
        word=word,
        pos=_spelled("pos", p.pos),
        dep=_spelled("dep", p.dep),
        ent=_spelled("ent", p.ent),
        head_word=["h" + by_word[p.words[h]] for h in p.head],
        prior=[prior[w] for w in p.words],
    )


_QUOTED = ("q=0", "q=1", "q=2")  # by inside_mask's value
_CUE = ("cue=0", "cue=1")
_HEAD_CUE = ("hcue=0", "hcue=1")


def _token(
    p: _Parse, cols: _Columns, k: int, is_cue: Sequence[bool], mask: bytearray,
    link: tuple[str, str], edges: Mapping[int, str],
) -> tuple[list[str], int]:
    """The token's own features, and how many of them (leading) its next neighbours see;
    those two away see the first ``FAR``."""
    own = [cols.word[k], cols.pos[k], _QUOTED[mask[p.start[k]]], cols.dep[k]]
    edge = edges.get(p.start[k]) or edges.get(p.end[k] - 1)
    if edge:
        own.append(f"edge={edge}")
    dep_link, cue_word = link
    if dep_link:
        own.append(f"link={dep_link}")
    if cols.clusters is not None:
        own += (cols.clusters[0][k], cols.clusters[1][k])
    near = len(own)
    own += (
        _CUE[is_cue[k]],
        "bias",
        cols.prior[k],
        cols.head_word[k],
        _HEAD_CUE[is_cue[p.head[k]]],
        cols.ent[k],
    )
    w = p.words[k]
    if w == PAIRED or (len(w) == 1 and w in DOUBLE_MARKS):
        own.append("mark=dq")
    elif len(w) == 1 and w in SINGLE_MARKS:
        own.append("mark=sq")
    if w in _PRONOUNS:
        own.append("pron")
    if p.sent_start[k]:
        own.append("sent_start")
    if k + 1 < len(p.words) and p.sent_start[k + 1]:
        own.append("sent_end")
    if dep_link:
        own.append(f"linkw={dep_link}|{cue_word}")
    return own, near


def _links(p: _Parse, is_cue: Sequence[bool]) -> list[tuple[str, str]]:
    """For each token, the dependency label (with depth) through which it hangs from the
    nearest cue above it, and that cue's form; ("", "") when no cue governs it."""
    out: list[tuple[str, str]] = []
    for k in range(len(p.words)):
        if is_cue[k]:
            out.append(("self", p.words[k]))
            continue
        node = k
        found = ("", "")
        for depth in range(_MAX_DEPTH):
            head = p.head[node]
            if head == node:
                break
            if is_cue[head]:
                found = (f"{p.dep[node]}@{_bucket(depth)}", p.words[head])
                break
            node = head
        out.append(found)
    return out


def _active_runs(
    text: str, p: _Parse, is_cue: Sequence[bool], mask: bytearray
) -> list[tuple[int, int]]:
    """Token ranges [first, last) of consecutive paragraphs worth tagging."""
    runs: list[tuple[int, int]] = []
    n = len(p.words)
    start = 0
    for k in range(1, n + 1):
        if k < n and "\n\n" not in text[p.end[k - 1] : p.start[k]]:
            continue
        active = any(
            is_cue[j] or mask[p.start[j]] or p.words[j] in _INTRO_PUNCT for j in range(start, k)
        )
        if active:
            if runs and runs[-1][1] == start:
                runs[-1] = (runs[-1][0], k)
            else:
                runs.append((start, k))
        start = k
    return runs


_SIDES = ("at", "before", "after")
_SIDE = {side: f"side={side}" for side in _SIDES}
_DIST_CAP = 11  # distances from 11 on share a bucket ("11+")
_DIST = {(side, d): f"dist={side}{_bucket(d)}" for side in _SIDES for d in range(_DIST_CAP + 1)}


def _sentence_info(
    p: _Parse, first: int, last: int, is_cue: Sequence[bool], mask: bytearray
) -> list[list[str]]:
    """Sentence-level features: has a cue or quote; side and distance to the nearest cue."""
    out: list[list[str]] = []
    k = first
    while k < last:
        end = k
        while end < last and p.sent[end] == p.sent[k]:
            end += 1
        ks = range(k, end)
        cue_ks = [j for j in ks if is_cue[j]]
        quoted = any(mask[p.start[j]] for j in ks)
        colon = any(p.words[j] == ":" for j in ks)
        base = (f"s_cue={int(bool(cue_ks))}", f"s_q={int(quoted)}", f"s_colon={int(colon)}")
        if not cue_ks:
            out.extend(list(base) for _ in ks)
        for j in ks if cue_ks else ():
            at = bisect.bisect_left(cue_ks, j)
            after = cue_ks[at] if at < len(cue_ks) else None
            before = cue_ks[at - 1] if at > 0 else None
            if after is None or (before is not None and j - before <= after - j):
                nearest = before if before is not None else j
            else:
                nearest = after
            side = "at" if nearest == j else ("before" if j < nearest else "after")
            out.append([*base, _SIDE[side], _DIST[side, min(abs(nearest - j), _DIST_CAP)]])
        k = end
    return out


def block_totals(block: Block, crf: Passes) -> np.ndarray:
    """Every token's summed state weights under each of the tagger's passes (tokens x
    labels, a block of columns per pass): the sums of the weights of ``block.feats()``,
    without spelling out the neighbours' features (``crf`` holds the window prefixes)."""
    n = len(block.own)
    own = crf.lookup(block.own)
    total: np.ndarray = crf.totals(own) + crf.totals(crf.lookup(block.sent))
    near = np.array(block.near, dtype=np.int64)
    far = np.full(n, FAR, dtype=np.int64)
    for off, prefix, count in WINDOWS:
        seen = crf.totals(own.leading(near if count is None else far), prefix)
        pad = crf.weight(PAD, prefix)
        if off < 0:  # token k sees token k + off
            total[-off:] += seen[: max(n + off, 0)]
            total[:-off] += pad
        else:
            total[: max(n - off, 0)] += seen[off:]
            total[max(n - off, 0) :] += pad
    return total

"""Token features for the attribution tagger, read off the spaCy parse.

Each token gets string features: its form, part of speech and dependency, its head,
whether it or its head is a cue, where it stands relative to the sentence's cues and to
quotation marks, and the dependency link through which it hangs from the nearest cue above
it (content hangs from "said" through ccomp, the speaker through nsubj), and its contextual
word clusters (``clusters``). Neighbours' main features are added (two each side). The
parse is read once as arrays (spaCy's ``Doc.to_array``), not token by token, and the
features are made column by column (one list per kind of feature, None where a token has
none), which the tagger turns into weight rows without building each token's list: the
component must stay cheap next to the parser.
"""

from __future__ import annotations

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
_ATTRS = ["LOWER", "POS", "DEP", "HEAD", "ENT_TYPE", "IDX", "IS_SPACE", "SENT_START",
          "LENGTH"]


@dataclass(frozen=True, slots=True)
class TokenView:
    """What the tagger's output is mapped back through: a token's character span."""

    start: int
    end: int


# A token's own features, one column each, in the order the token lists them (a column is
# None for a token that lacks the feature). Its neighbours one away see its first ``NEAR``
# (word, part of speech, quotation, dependency, quotation edge, cue link, clusters), those
# two away its first ``FAR`` (word, part of speech, quotation), which every token has.
OWN_COLUMNS = ("word", "pos", "quoted", "dep", "edge", "link", "coarse", "fine",
               "cue", "bias", "prior", "head", "head_cue", "ent", "mark", "pron",
               "sent_start", "sent_end", "link_word")
NEAR = 8
FAR = 3
_SENT_START_COLUMN = OWN_COLUMNS.index("sent_start")
# Neighbours' features a token carries: (offset, prefix, how many leading columns of the
# neighbour's own).
WINDOWS: tuple[tuple[int, str, int], ...] = (
    (-2, "-2:", FAR), (-1, "-1:", NEAR), (1, "1:", NEAR), (2, "2:", FAR),
)
PAD = "pad"  # what a window beyond the block's edge sees

Column = list[str | None]


def present(columns: Sequence[Column], n: int) -> list[list[str]]:
    """Each of ``n`` tokens' features in ``columns``, in column order, absent ones left out."""
    return [[f for c in columns if (f := c[k]) is not None] for k in range(n)]


@dataclass(frozen=True, slots=True)
class Block:
    """A run of paragraphs that may hold an attribution, tagged as one sequence.

    Each token's features are its own (``columns``, one per name of ``OWN_COLUMNS``) and
    its sentence's (``sent``, likewise one list per feature), plus, under the prefixes of
    ``WINDOWS``, the leading own features of its neighbours. ``feats()`` spells them all out
    (training); the tagger sums their weights by column without spelling them (``crf``)."""

    columns: list[Column]
    sent: list[Column]
    views: list[TokenView]

    def __len__(self) -> int:
        return len(self.views)

    @property
    def own(self) -> list[list[str]]:
        """Every token's own features as strings."""
        return present(self.columns, len(self))

    @property
    def starts(self) -> list[bool]:
        """Whether each token starts a sentence."""
        return [f is not None for f in self.columns[_SENT_START_COLUMN]]

    def feats(self) -> list[list[str]]:
        """Every token's features as strings."""
        n = len(self)
        own, sent = self.own, present(self.sent, n)
        lead = {count: present(self.columns[:count], n) for count in (NEAR, FAR)}
        out: list[list[str]] = []
        for k in range(n):
            f = [*own[k], *sent[k]]
            for off, prefix, count in WINDOWS:
                j = k + off
                if 0 <= j < n:
                    f.extend(prefix + x for x in lead[count][j])
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
    cols = doc.to_array(_ATTRS)
    keep = np.flatnonzero(cols[:, _ATTRS.index("IS_SPACE")] == 0)
    rows = cols[keep]
    lower, pos, dep, ent = (rows[:, _ATTRS.index(a)].tolist()
                            for a in ("LOWER", "POS", "DEP", "ENT_TYPE"))
    names = {h: strings[h] for h in {*lower, *pos, *dep, *ent} if h}
    names[0] = ""
    # HEAD is stored as an unsigned offset from the token (read as signed it is the
    # offset); a head that is a space token leaves the token its own head.
    positions = np.arange(len(keep))
    k_of = np.full(len(cols), -1, dtype=np.int64)
    k_of[keep] = positions
    at_head = k_of[keep + rows[:, _ATTRS.index("HEAD")].astype(np.int64)]
    heads = np.where(at_head >= 0, at_head, positions).tolist()
    starts = rows[:, _ATTRS.index("IDX")].astype(np.int64)
    ends = starts + rows[:, _ATTRS.index("LENGTH")].astype(np.int64)
    end_list = ends.tolist()
    # A token's text never ends in whitespace but for odd characters spaCy keeps inside
    # one: cut those back, as the span's text is the token's visible part.
    for k in np.flatnonzero(np.isin(_code_points(text)[ends - 1], WHITESPACE)).tolist():
        end = end_list[k]
        while end > starts[k] and text[end - 1].isspace():
            end -= 1
        end_list[k] = end
    flags = rows[:, _ATTRS.index("SENT_START")] == 1
    flags[0] = True
    sent_start = flags.tolist()
    return _Parse(
        words=[names[h] for h in lower],
        pos=[names[h] for h in pos],
        dep=[names[h] for h in dep],
        ent=[names[h] or "-" for h in ent],
        head=heads,
        start=starts.tolist(),
        end=end_list,
        sent=(np.cumsum(flags) - 1).tolist(),
        sent_start=sent_start,
        tokens=keep.tolist(),
    )


# Every character ``str.isspace`` holds for (code points; a test checks the list), to find
# them without a loop over the text.
WHITESPACE = np.array(
    [*range(0x09, 0x0E), *range(0x1C, 0x21), 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B),
     0x2028, 0x2029, 0x202F, 0x205F, 0x3000],
    dtype=np.uint32,
)


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


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
    edges: dict[int, str] = {}  # character offset: the edge feature of a token there
    for q in quoted:
        if q.double:
            edges[q.start] = _OPEN
            if q.closed:
                edges[q.end - 1] = _CLOSE
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
    return [
        Block(
            _own_columns(p, cols, range(first, last), is_cue, mask, links, edges),
            _sentence_info(p, first, last, is_cue, mask),
            [TokenView(p.start[k], p.end[k]) for k in range(first, last)],
        )
        for first, last in runs
    ]


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
_OPEN, _CLOSE = "edge=qopen", "edge=qclose"
# A quotation mark's feature: double marks (and two apostrophes) over single ones.
_MARKS = {**{m: "mark=sq" for m in SINGLE_MARKS if len(m) == 1},
          **{m: "mark=dq" for m in DOUBLE_MARKS if len(m) == 1}, PAIRED: "mark=dq"}


@dataclass(frozen=True, slots=True)
class _Links:
    """For each token, the dependency label (with depth) through which it hangs from the
    nearest cue above it, and that label joined with the cue's form, as features (None
    when no cue governs it)."""

    link: Column
    link_word: Column


def _own_columns(
    p: _Parse, cols: _Columns, ks: range, is_cue: Sequence[bool], mask: bytearray,
    links: _Links, edges: Mapping[int, str],
) -> list[Column]:
    """The own features of tokens ``ks``, one column each in ``OWN_COLUMNS`` order."""
    first, last = ks.start, ks.stop
    n = len(ks)
    words = p.words[first:last]
    nothing: Column = [None] * n
    coarse, fine = (nothing, nothing) if cols.clusters is None else (
        cols.clusters[0][first:last], cols.clusters[1][first:last])
    following = [*p.sent_start[first + 1 : last + 1], *[False] * (last + 1 - len(p.sent_start))]
    # Each column a list of its own (``[*...]`` also makes a list of strings a Column).
    return [
        [*cols.word[first:last]],
        [*cols.pos[first:last]],
        [_QUOTED[mask[s]] for s in p.start[first:last]],
        [*cols.dep[first:last]],
        [edges.get(s) or edges.get(e - 1)
         for s, e in zip(p.start[first:last], p.end[first:last], strict=True)],
        links.link[first:last],
        [*coarse],
        [*fine],
        [_CUE[c] for c in is_cue[first:last]],
        ["bias"] * n,
        [*cols.prior[first:last]],
        [*cols.head_word[first:last]],
        [_HEAD_CUE[is_cue[h]] for h in p.head[first:last]],
        [*cols.ent[first:last]],
        [_MARKS.get(w) for w in words],
        ["pron" if w in _PRONOUNS else None for w in words],
        ["sent_start" if s else None for s in p.sent_start[first:last]],
        ["sent_end" if s else None for s in following[:n]],
        links.link_word[first:last],
    ]


def _links(p: _Parse, is_cue: Sequence[bool]) -> _Links:
    """Each token's cue link features (see ``_Links``)."""
    link: Column = []
    link_word: Column = []
    for k in range(len(p.words)):
        if is_cue[k]:
            link.append("link=self")
            link_word.append(f"linkw=self|{p.words[k]}")
            continue
        node = k
        found: tuple[str | None, str | None] = (None, None)
        for depth in range(_MAX_DEPTH):
            head = p.head[node]
            if head == node:
                break
            if is_cue[head]:
                dep_link = f"{p.dep[node]}@{_bucket(depth)}"
                found = (f"link={dep_link}", f"linkw={dep_link}|{p.words[head]}")
                break
            node = head
        link.append(found[0])
        link_word.append(found[1])
    return _Links(link, link_word)


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
_S_CUE = ("s_cue=0", "s_cue=1")
_S_QUOTED = ("s_q=0", "s_q=1")
_S_COLON = ("s_colon=0", "s_colon=1")


def _sentence_info(
    p: _Parse, first: int, last: int, is_cue: Sequence[bool], mask: bytearray
) -> list[Column]:
    """Sentence-level features, one column each: whether the sentence has a cue, a quoted
    token, a colon; the side of and distance to its nearest cue (None without a cue; the
    earlier cue on a tie)."""
    has_cue: Column = []
    has_quote: Column = []
    has_colon: Column = []
    sides: Column = []
    dists: Column = []
    k = first
    while k < last:
        end = k
        while end < last and p.sent[end] == p.sent[k]:
            end += 1
        size = end - k
        cues_here = is_cue[k:end]
        cued = any(cues_here)
        has_cue += [_S_CUE[cued]] * size
        has_quote += [_S_QUOTED[any(mask[s] for s in p.start[k:end])]] * size
        has_colon += [_S_COLON[":" in p.words[k:end]]] * size
        if not cued:
            sides += [None] * size
            dists += [None] * size
        else:
            for j, near in enumerate(nearest_of(cues_here)):
                side = "at" if near == j else ("before" if j < near else "after")
                sides.append(_SIDE[side])
                dists.append(_DIST[side, min(abs(near - j), _DIST_CAP)])
        k = end
    return [has_cue, has_quote, has_colon, sides, dists]


def nearest_of(flags: Sequence[bool]) -> list[int]:
    """For each position, the nearest position whose flag is set (itself when its own is;
    the earlier one on a tie), or -1 when none is."""
    n = len(flags)
    before = [-1] * n
    last = -1
    for k in range(n):
        if flags[k]:
            last = k
        before[k] = last
    out = [-1] * n
    after = -1
    for k in range(n - 1, -1, -1):
        if flags[k]:
            after = k
        b = before[k]
        if b < 0:
            out[k] = after
        elif after < 0 or k - b <= after - k:
            out[k] = b
        else:
            out[k] = after
    return out


def block_totals(block: Block, crf: Passes) -> np.ndarray:
    """Every token's summed state weights under each of the tagger's passes (tokens x
    labels, a block of columns per pass): the sums of the weights of ``block.feats()``,
    without spelling out the neighbours' features (``crf`` holds the window prefixes)."""
    n = len(block)
    own = crf.rows(block.columns)
    total = crf.sums(own)
    crf.add_sums(total, crf.rows(block.sent))
    for off, prefix, count in WINDOWS:
        pad = crf.weight(PAD, prefix)
        if off < 0:  # token k sees token k + off
            crf.add_sums(total[-off:], own[: max(n + off, 0), :count], prefix)
            total[:-off] += pad
        else:
            crf.add_sums(total[: max(n - off, 0)], own[off:, :count], prefix)
            total[max(n - off, 0) :] += pad
    return total

"""Token features for the attribution tagger, read off the spaCy parse.

Each token gets string features: its form, part of speech and dependency, its head,
whether it or its head is a cue, where it stands relative to the sentence's cues and to
quotation marks, and the dependency link through which it hangs from the nearest cue above
it (content hangs from "said" through ccomp, the speaker through nsubj), and its contextual
word clusters (``clusters``). Neighbours' main features are added (two each side). The
parse is read once as arrays (spaCy's ``Doc.to_array``), not token by token, and the
features are made column by column, each column coded (``Coded``: its strings, and each
token's index into them, -1 where it has none), which the tagger turns into weight rows
looking each string up once, without building each token's list (training spells them
out): the component must stay cheap next to the parser.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
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
    paragraph_break,
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
class Coded:
    """A column of features as codes: token k has ``vocab[codes[k]]``, or none where its
    code is -1. The tagger looks each string of ``vocab`` up once (``Passes.coded_rows``),
    where spelled columns were looked up token by token; training spells them out."""

    vocab: tuple[str, ...]
    codes: np.ndarray  # int64, one per token

    def spelled(self) -> Column:
        vocab = self.vocab
        return [vocab[c] if c >= 0 else None for c in self.codes.tolist()]

    def part(self, first: int, last: int) -> Coded:
        """The column of tokens [first, last)."""
        return Coded(self.vocab, self.codes[first:last])


def _flag(name: str, flags: np.ndarray) -> Coded:
    """A feature that a token has or lacks."""
    return Coded((name,), np.where(flags, 0, -1))


@dataclass(frozen=True, slots=True)
class Block:
    """A run of paragraphs that may hold an attribution, tagged as one sequence.

    Each token's features are its own (``own_codes``, one column per name of
    ``OWN_COLUMNS``) and its sentence's (``sent_codes``), plus, under the prefixes of
    ``WINDOWS``, the leading own features of its neighbours. ``feats()`` spells them all out
    (training); the tagger sums their weights by column without spelling them (``crf``)."""

    own_codes: list[Coded]
    sent_codes: list[Coded]
    views: list[TokenView]

    def __len__(self) -> int:
        return len(self.views)

    @property
    def columns(self) -> list[Column]:
        """The own features, one spelled column each."""
        return [c.spelled() for c in self.own_codes]

    @property
    def sent(self) -> list[Column]:
        """The sentence features, one spelled column each."""
        return [c.spelled() for c in self.sent_codes]

    @property
    def own(self) -> list[list[str]]:
        """Every token's own features as strings."""
        return present(self.columns, len(self))

    @property
    def starts(self) -> list[bool]:
        """Whether each token starts a sentence."""
        starts: list[bool] = (self.own_codes[_SENT_START_COLUMN].codes >= 0).tolist()
        return starts

    def feats(self) -> list[list[str]]:
        """Every token's features as strings."""
        n = len(self)
        columns = self.columns
        own, sent = present(columns, n), present(self.sent, n)
        lead = {count: present(columns[:count], n) for count in (NEAR, FAR)}
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


@dataclass(frozen=True, slots=True)
class _Distinct:
    """A parse attribute's distinct strings and each token's index into them."""

    values: list[str]
    codes: np.ndarray


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
    # LOWER, POS, DEP and ENT_TYPE as distinct strings and codes (ENT_TYPE's "" as "-").
    distinct: dict[str, _Distinct] = field(default_factory=dict)


def token_views(doc: Any) -> list[TokenView]:
    """The character spans of the tokens the tagger labels (spaces skipped)."""
    return [TokenView(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]


def _read(doc: Any, text: str) -> _Parse:
    cols = doc.to_array(_ATTRS) if len(doc) else np.zeros((0, len(_ATTRS)), dtype=np.uint64)
    keep = np.flatnonzero(cols[:, _ATTRS.index("IS_SPACE")] == 0)
    if not len(keep):  # no token, or only spaces
        return _Parse([], [], [], [], [], [], [], [], [], [])
    strings = doc.vocab.strings
    rows = cols[keep]
    distinct: dict[str, _Distinct] = {}
    for attr in ("LOWER", "POS", "DEP", "ENT_TYPE"):
        hashes, codes = np.unique(rows[:, _ATTRS.index(attr)], return_inverse=True)
        values = [strings[h] if h else "" for h in hashes.tolist()]
        if attr == "ENT_TYPE":
            values = [v or "-" for v in values]
        distinct[attr] = _Distinct(values, codes.reshape(-1).astype(np.int64))
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
    spelled = {attr: [d.values[c] for c in d.codes.tolist()] for attr, d in distinct.items()}
    return _Parse(
        words=spelled["LOWER"],
        pos=spelled["POS"],
        dep=spelled["DEP"],
        ent=spelled["ENT_TYPE"],
        head=heads,
        start=starts.tolist(),
        end=end_list,
        sent=(np.cumsum(flags) - 1).tolist(),
        sent_start=sent_start,
        tokens=keep.tolist(),
        distinct=distinct,
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
    p = _read(doc, text)
    if not p.words:
        return []
    words = p.distinct["LOWER"]
    is_cue = _cue_flags(text, p, priors)
    runs = _active_runs(text, p, is_cue.tolist(), mask)
    if not runs:
        return []
    ks = np.concatenate([np.arange(first, last) for first, last in runs])
    starts = np.asarray(p.start)
    quoted_at = np.frombuffer(mask, dtype=np.uint8)[starts].astype(np.int64)
    colon = _by_word(words, lambda w: 0 if w == ":" else -1) >= 0
    own = _own_columns(p, priors, is_cue, quoted_at, _edge_codes(text, p, quoted),
                       _links(p, is_cue.tolist(), ks.tolist()),
                       _clusters_of(doc, p, ks, clusters))
    sentences = np.asarray(p.sent)
    return [
        Block(
            [c.part(first, last) for c in own],
            _sentence_info(sentences[first:last], is_cue[first:last],
                           quoted_at[first:last] > 0, colon[first:last]),
            [TokenView(p.start[k], p.end[k]) for k in range(first, last)],
        )
        for first, last in runs
    ]


def _by_word(words: _Distinct, code: Callable[[str], int]) -> np.ndarray:
    """Each token's code of its lowercased form, ``code`` called once per distinct form."""
    table = np.fromiter(map(code, words.values), dtype=np.int64, count=len(words.values))
    found: np.ndarray = table[words.codes]
    return found


def _cue_flags(text: str, p: _Parse, priors: Mapping[str, float]) -> np.ndarray:
    """Whether each token is a cue candidate: a word often a cue in training, a verb of
    speech, any cue verb when there are no priors, or a token inside a cue phrase."""
    speech, every = cues.speech_forms(), cues.all_forms()
    strong = _by_word(p.distinct["LOWER"], lambda w: int(priors.get(w, 0.0) >= STRONG_CUE_PRIOR))
    spoken = _by_word(p.distinct["LOWER"], lambda w: int(w in speech))
    listed = _by_word(p.distinct["LOWER"], lambda w: int(w in every and not priors))
    tags = p.distinct["POS"]
    verb = np.array([v == "VERB" for v in tags.values])[tags.codes]
    verb_or_aux = np.array([v in ("VERB", "AUX") for v in tags.values])[tags.codes]
    phrase_mask = np.zeros(len(text) + 1, dtype=bool)
    for s, e in cues.phrase_spans(text.lower()):
        phrase_mask[s:e] = True
    flags: np.ndarray = ((strong == 1) | ((spoken == 1) & verb_or_aux) | ((listed == 1) & verb)
                         | phrase_mask[np.asarray(p.start)])
    return flags


def _edge_codes(text: str, p: _Parse, quoted: Sequence[Quoted]) -> np.ndarray:
    """Each token's quotation edge code (0: opens a double quotation, 1: closes one, -1:
    neither), read at its first character, else at its last."""
    at = np.full(len(text) + 1, -1, dtype=np.int64)
    for q in quoted:
        if q.double:
            at[q.start] = 0
            if q.closed:
                at[q.end - 1] = 1
    first = at[np.asarray(p.start)]
    codes: np.ndarray = np.where(first >= 0, first, at[np.asarray(p.end) - 1])
    return codes


def _clusters_of(
    doc: Any, p: _Parse, ks: np.ndarray, clusters: Clusters | None
) -> tuple[Coded, Coded]:
    """The coarse and fine cluster columns of the tokens ``ks`` (those the tagger labels;
    none for the others, which no block holds); no clusters: columns of none."""
    coarse = np.full(len(p.words), -1, dtype=np.int64)
    fine = coarse.copy()
    if clusters is None:
        return Coded((), coarse), Coded((), fine)
    coarse[ks], fine[ks] = clusters.codes(doc.tensor[np.asarray(p.tokens)[ks]])
    coarse_names, fine_names = clusters.names
    return Coded(coarse_names, coarse), Coded(fine_names, fine)


def _own_columns(
    p: _Parse, priors: Mapping[str, float], is_cue: np.ndarray, quoted_at: np.ndarray,
    edges: np.ndarray, links: _Links, clusters: tuple[Coded, Coded],
) -> list[Coded]:
    """The own features of every token, one column each in ``OWN_COLUMNS`` order."""
    words, tags, deps, ents = (p.distinct[a] for a in ("LOWER", "POS", "DEP", "ENT_TYPE"))
    heads = np.asarray(p.head)
    sent_start = np.asarray(p.sent_start)
    return [
        Coded(tuple(f"w={w}" for w in words.values), words.codes),
        Coded(tuple(f"pos={v}" for v in tags.values), tags.codes),
        Coded(_QUOTED, quoted_at),
        Coded(tuple(f"dep={v}" for v in deps.values), deps.codes),
        Coded((_OPEN, _CLOSE), edges),
        _encoded(links.link),
        *clusters,
        Coded(_CUE, is_cue.astype(np.int64)),
        Coded(("bias",), np.zeros(len(heads), dtype=np.int64)),
        Coded(tuple(_prior_feature(priors.get(w, 0.0)) for w in words.values), words.codes),
        Coded(tuple(f"hw={w}" for w in words.values), words.codes[heads]),
        Coded(_HEAD_CUE, is_cue[heads].astype(np.int64)),
        Coded(tuple(f"ent={v}" for v in ents.values), ents.codes),
        Coded(_MARK_NAMES, _by_word(words, lambda w: _MARKS.get(w, -1))),
        Coded(("pron",), _by_word(words, lambda w: 0 if w in _PRONOUNS else -1)),
        _flag("sent_start", sent_start),
        _flag("sent_end", np.append(sent_start[1:], False)),
        _encoded(links.link_word),
    ]


def _encoded(column: Column) -> Coded:
    """A spelled column as codes."""
    index: dict[str, int] = {}
    codes = [-1 if f is None else index.setdefault(f, len(index)) for f in column]
    return Coded(tuple(index), np.array(codes, dtype=np.int64))


_QUOTED = ("q=0", "q=1", "q=2")  # by inside_mask's value
_CUE = ("cue=0", "cue=1")
_HEAD_CUE = ("hcue=0", "hcue=1")
_OPEN, _CLOSE = "edge=qopen", "edge=qclose"
# A quotation mark's feature: double marks (and two apostrophes) over single ones.
_MARK_NAMES = ("mark=sq", "mark=dq")
_MARKS = {**{m: 0 for m in SINGLE_MARKS if len(m) == 1},
          **{m: 1 for m in DOUBLE_MARKS if len(m) == 1}, PAIRED: 1}


@dataclass(frozen=True, slots=True)
class _Links:
    """For each token, the dependency label (with depth) through which it hangs from the
    nearest cue above it, and that label joined with the cue's form, as features (None
    when no cue governs it, or the token was not asked for)."""

    link: Column
    link_word: Column


def _links(p: _Parse, is_cue: Sequence[bool], ks: Iterable[int] | None = None) -> _Links:
    """The cue link features (see ``_Links``) of tokens ``ks`` (default: every token)."""
    n = len(p.words)
    link: Column = [None] * n
    link_word: Column = [None] * n
    for k in range(n) if ks is None else ks:
        if is_cue[k]:
            link[k] = "link=self"
            link_word[k] = f"linkw=self|{p.words[k]}"
            continue
        node = k
        for depth in range(_MAX_DEPTH):
            head = p.head[node]
            if head == node:
                break
            if is_cue[head]:
                dep_link = f"{p.dep[node]}@{_bucket(depth)}"
                link[k] = f"link={dep_link}"
                link_word[k] = f"linkw={dep_link}|{p.words[head]}"
                break
            node = head
    return _Links(link, link_word)


def _active_runs(
    text: str, p: _Parse, is_cue: Sequence[bool], mask: bytearray
) -> list[tuple[int, int]]:
    """Token ranges [first, last) of consecutive paragraphs worth tagging. A paragraph that
    ends without a stop or mark (a headline: "Zelensky says Ukraine needs 25 Patriot
    systems") ends its run: the tagger ran its content on into the lede, which lost its
    attribution. PolNeAR's titles end with a full stop; 71 of its 17,353 training
    paragraphs end in a letter or digit, and no content runs over one."""
    runs: list[tuple[int, int]] = []
    n = len(p.words)
    start = 0
    brk = paragraph_break(text)
    for k in range(1, n + 1):
        if k < n and brk not in text[p.end[k - 1] : p.start[k]]:
            continue
        active = any(
            is_cue[j] or mask[p.start[j]] or p.words[j] in _INTRO_PUNCT for j in range(start, k)
        )
        if active:
            if runs and runs[-1][1] == start and not text[p.end[start - 1] - 1].isalnum():
                runs[-1] = (runs[-1][0], k)
            else:
                runs.append((start, k))
        start = k
    return runs


_SIDES = ("at", "before", "after")
_DIST_CAP = 11  # distances from 11 on share a bucket ("11+")
_SIDE_NAMES = tuple(f"side={side}" for side in _SIDES)
_DIST_NAMES = tuple(f"dist={side}{_bucket(d)}" for side in _SIDES for d in range(_DIST_CAP + 1))
_S_CUE = ("s_cue=0", "s_cue=1")
_S_QUOTED = ("s_q=0", "s_q=1")
_S_COLON = ("s_colon=0", "s_colon=1")


def _sentence_info(
    sentence: np.ndarray, is_cue: np.ndarray, quoted: np.ndarray, colon: np.ndarray
) -> list[Coded]:
    """Sentence-level features of a block's tokens, one column each: whether the sentence
    (its part in the block) has a cue, a quoted token, a colon; the side of and distance to
    its nearest cue (none without a cue; the earlier cue on a tie). The arguments give each
    token's sentence number and whether it is a cue, quoted, a colon."""
    n = len(sentence)
    new = np.ones(n, dtype=bool)
    new[1:] = sentence[1:] != sentence[:-1]
    firsts = np.flatnonzero(new)
    group = np.cumsum(new) - 1
    near = nearest_flagged(is_cue, group)
    side = side_of(near)
    distance = np.minimum(np.abs(near - np.arange(n)), _DIST_CAP)
    none = near < 0

    def any_in(flags: np.ndarray) -> np.ndarray:
        held: np.ndarray = np.logical_or.reduceat(flags, firsts)[group].astype(np.int64)
        return held

    return [
        Coded(_S_CUE, any_in(is_cue)),
        Coded(_S_QUOTED, any_in(quoted)),
        Coded(_S_COLON, any_in(colon)),
        Coded(_SIDE_NAMES, np.where(none, -1, side)),
        Coded(_DIST_NAMES, np.where(none, -1, side * (_DIST_CAP + 1) + distance)),
    ]


def side_of(near: np.ndarray) -> np.ndarray:
    """Each position against its ``nearest_flagged`` position: 0 it is that position
    ("at"), 1 it lies before it ("before"), 2 after it ("after")."""
    k = np.arange(len(near))
    side: np.ndarray = np.where(near == k, 0, np.where(k < near, 1, 2))
    return side


def nearest_flagged(flags: np.ndarray, groups: np.ndarray | None = None) -> np.ndarray:
    """For each position, the nearest position whose flag is set (itself when its own is;
    the earlier one on a tie), or -1 when none is; with ``groups`` (numbers that hold over
    runs of positions, as sentences), only positions of the same run count."""
    n = len(flags)
    at = np.flatnonzero(flags)
    if not len(at):
        return np.full(n, -1, dtype=np.int64)
    k = np.arange(n)
    i = np.searchsorted(at, k)  # the first flagged position at or after k
    before = at[np.maximum(i - 1, 0)]
    after = at[np.minimum(i, len(at) - 1)]
    has_before = i > 0
    has_after = i < len(at)
    if groups is not None:
        has_before &= groups[before] == groups
        has_after &= groups[after] == groups
    pick_before = has_before & (~has_after | (k - before <= after - k))
    near: np.ndarray = np.where(pick_before, before, np.where(has_after, after, -1))
    return near


def coded_rows(crf: Passes, columns: Sequence[Coded]) -> np.ndarray:
    """The tagger's attribute rows of coded ``columns`` (tokens x columns)."""
    return crf.coded_rows([c.vocab for c in columns], [c.codes for c in columns])


def block_totals(block: Block, crf: Passes) -> np.ndarray:
    """Every token's summed state weights under each of the tagger's passes (tokens x
    labels, a block of columns per pass): the sums of the weights of ``block.feats()``,
    without spelling out the neighbours' features (``crf`` holds the window prefixes)."""
    n = len(block)
    own = coded_rows(crf, block.own_codes)
    total = crf.sums(own)
    crf.add_sums(total, coded_rows(crf, block.sent_codes))
    for off, prefix, count in WINDOWS:
        pad = crf.weight(PAD, prefix)
        if off < 0:  # token k sees token k + off
            crf.add_sums(total[-off:], own[: max(n + off, 0), :count], prefix)
            total[:-off] += pad
        else:
            crf.add_sums(total[: max(n - off, 0)], own[off:, :count], prefix)
            total[max(n - off, 0) :] += pad
    return total

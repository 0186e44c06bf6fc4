"""Token features for the attribution tagger, read off the spaCy parse.

Each token gets string features: its form and shape, part of speech and dependency, its
head, whether it or its head is a cue, where it stands relative to the sentence's cues and
to quotation marks, and the dependency link through which it hangs from the nearest cue
above it (content hangs from "said" through ccomp, the speaker through nsubj). A small
window of neighbours' features is added. Everything is computed once per Doc, linear in its
length.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from claimscope.quotes import cues
from claimscope.quotes.marks import find_quoted, inside_mask

# How far up the tree a token looks for a governing cue; attribution content rarely hangs
# deeper than this below its cue, and the bound keeps the walk cheap.
_MAX_DEPTH = 12
_PRONOUNS = frozenset("he she they i we it his her their who".split())


@dataclass(frozen=True, slots=True)
class TokenView:
    """What the tagger's output is mapped back through: a token's character span."""

    start: int
    end: int


def token_views(doc: Any) -> list[TokenView]:
    """The character spans of the tokens the tagger labels (spaces skipped)."""
    return [TokenView(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]


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


def _mark_kind(ch: str) -> str:
    if ch in "“”\"«»„":
        return "dq"
    if ch in "‘’'‹›‚":
        return "sq"
    return ""


# A word counts as a cue for the tree features when at least this share of its uses in the
# training data were cues ("said" ~0.9, "according" ~0.8, "told" ~0.6, "found" ~0.1): low
# enough to keep frequent cues with other senses, high enough to drop "is" or "have".
STRONG_CUE_PRIOR = 0.15


def _prior_bucket(p: float) -> str:
    for edge in (0.05, 0.15, 0.3, 0.5, 0.7):
        if p < edge:
            return f"<{edge}"
    return ">=0.7"


def doc_features(
    doc: Any, priors: Mapping[str, float] | None = None
) -> tuple[list[list[str]], list[TokenView]]:
    """Per-token feature lists (spaces skipped) and the tokens' character spans.

    ``priors``: share of each word's training uses that were cues (learned with the model).
    """
    text = doc.text
    priors = priors or {}
    quoted = find_quoted(text)
    mask = inside_mask(text, quoted)
    edges: dict[int, str] = {}
    for q in quoted:
        if q.double:
            edges[q.start] = "qopen"
            edges[q.end - 1] = "qclose" if q.closed else edges.get(q.end - 1, "")
    speech = cues.speech_forms()
    every = cues.all_forms()
    low = text.lower()
    phrase_mask = bytearray(len(text))
    for s, e in cues.phrase_spans(low):
        for i in range(s, e):
            phrase_mask[i] = 1
    toks = [t for t in doc if not t.is_space]
    is_cue = [
        priors.get(t.lower_, 0.0) >= STRONG_CUE_PRIOR
        or (t.lower_ in speech and t.pos_ in ("VERB", "AUX"))
        or (t.lower_ in every and t.pos_ == "VERB" and not priors)
        or phrase_mask[t.idx] == 1
        for t in toks
    ]
    cue_ids = {t.i for t, c in zip(toks, is_cue, strict=True) if c}
    base: list[list[str]] = []
    shared: list[list[str]] = []
    for t, c in zip(toks, is_cue, strict=True):
        own, near = _own(t, c, speech, mask, cue_ids, priors)
        edge = edges.get(t.idx) or edges.get(t.idx + len(t.text) - 1)
        if edge:
            own.append(f"edge={edge}")
            near.append(f"edge={edge}")
        base.append(own)
        shared.append(near)
    sent_info = _sentence_info(doc, toks, is_cue, mask)
    feats: list[list[str]] = []
    n = len(toks)
    for k in range(n):
        f = base[k] + sent_info[k]
        for off in (-2, -1, 1, 2):
            j = k + off
            if 0 <= j < n:
                f.extend(f"{off}:{x}" for x in shared[j])
            else:
                f.append(f"{off}:pad")
        for off in (-3, 3):
            j = k + off
            f.append(f"{off}:{shared[j][0] if 0 <= j < n else 'pad'}")
        feats.append(f)
    return feats, token_views(doc)


def _own(
    t: Any, cue: bool, speech: frozenset[str], mask: bytearray, cue_ids: set[int],
    priors: Mapping[str, float],
) -> tuple[list[str], list[str]]:
    """The token's own features, and the part of them its neighbours also see."""
    w = t.lower_
    head = t.head
    near = [
        f"w={w}",
        f"pos={t.pos_}",
        f"dep={t.dep_}",
        f"cue={int(cue)}",
        f"q={mask[t.idx] if t.idx < len(mask) else 0}",
    ]
    f = [
        *near,
        "bias",
        f"prior={_prior_bucket(priors.get(w, 0.0))}",
        f"tag={t.tag_}",
        f"shape={t.shape_[:4]}",
        f"hw={head.lower_}",
        f"hpos={head.pos_}",
        f"hdep={head.dep_}",
        f"hcue={int(head.i in cue_ids)}",
        f"speech={int(w in speech)}",
        f"ent={t.ent_type_ or '-'}",
        f"entiob={t.ent_iob_}",
    ]
    mk = _mark_kind(t.text[:1]) if len(t.text) == 1 else ""
    if mk:
        f.append(f"mark={mk}")
    if w in _PRONOUNS:
        f.append("pron")
    if t.is_sent_start:
        f.append("sent_start")
    if t.i + 1 < len(t.doc) and t.doc[t.i + 1].is_sent_start:
        f.append("sent_end")
    link, cue_word = _governing_link(t, cue_ids)
    if link:
        f.append(f"link={link}")
        f.append(f"linkw={link}|{cue_word}")
        near.append(f"link={link}")
    return f, near


def _governing_link(t: Any, cue_ids: set[int]) -> tuple[str, str]:
    """The dependency label (with depth) through which the token hangs from the nearest cue
    above it, and that cue's form; ("", "") when no cue governs it."""
    node = t
    if t.i in cue_ids:
        return "self", t.lower_
    for depth in range(_MAX_DEPTH):
        head = node.head
        if head.i == node.i:
            return "", ""
        if head.i in cue_ids:
            return f"{node.dep_}@{_bucket(depth)}", head.lower_
        node = head
    return "", ""


def _nearest(positions: Sequence[int], k: int) -> int:
    return min(positions, key=lambda c: abs(c - k))


def _sentence_info(
    doc: Any, toks: Sequence[Any], is_cue: Sequence[bool], mask: bytearray
) -> list[list[str]]:
    """Sentence-level features: has a cue or quote; side and distance to the nearest cue."""
    by_index = {t.i: k for k, t in enumerate(toks)}
    out: list[list[str]] = [[] for _ in toks]
    for sent in doc.sents:
        ks = [by_index[t.i] for t in sent if t.i in by_index]
        if not ks:
            continue
        cue_ks = [k for k in ks if is_cue[k]]
        quoted = any(mask[toks[k].idx] for k in ks)
        colon = any(toks[k].text == ":" for k in ks)
        base = [f"s_cue={int(bool(cue_ks))}", f"s_q={int(quoted)}", f"s_colon={int(colon)}"]
        for k in ks:
            f = list(base)
            if cue_ks:
                nearest = _nearest(cue_ks, k)
                side = "at" if nearest == k else ("before" if k < nearest else "after")
                f.append(f"side={side}")
                f.append(f"dist={side}{_bucket(abs(nearest - k))}")
            out[k] = f
    return out

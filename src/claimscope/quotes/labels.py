"""Token labels for training the attribution tagger, and spans back from predicted labels.

Labels are BIO over three kinds: ``S`` (speaker), ``Q`` (cue) and ``C`` (content). Where
spans overlap (a nested attribution inside a quote), speaker and cue win over content.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimscope.evaluation.polnear import GoldQuote
from claimscope.quotes.features import TokenView

KINDS = ("S", "Q", "C")


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    kind: str  # S, Q or C
    start: int  # character offsets
    end: int
    first: int  # token indices (into the non-space tokens), end exclusive
    last: int


def gold_labels(views: Sequence[TokenView], quotes: Sequence[GoldQuote]) -> list[str]:
    """One BIO label per token from the gold spans it overlaps."""
    spans: list[tuple[str, int, int, int]] = []  # (kind, start, end, span id)
    for qi, q in enumerate(quotes):
        for kind, offs in (("S", q.speaker), ("Q", q.cue), ("C", q.content)):
            for j, (s, e) in enumerate(offs):
                spans.append((kind, s, e, qi * 1000 + j * 3 + KINDS.index(kind)))
    labels: list[str] = []
    prev_id = -1
    for v in views:
        best: tuple[int, int] | None = None  # (priority, span id)
        for kind, s, e, sid in spans:
            if s < v.end and v.start < e:
                prio = KINDS.index(kind)
                if best is None or prio < best[0]:
                    best = (prio, sid)
        if best is None:
            labels.append("O")
            prev_id = -1
            continue
        kind = KINDS[best[0]]
        labels.append(("I-" if best[1] == prev_id else "B-") + kind)
        prev_id = best[1]
    return labels


def spans_from_labels(views: Sequence[TokenView], labels: Sequence[str]) -> list[TaggedSpan]:
    """Contiguous runs of one kind; a B- label starts a new span. (Only the labelled tokens
    are visited: most of a block is O.)"""
    out: list[TaggedSpan] = []
    first = last = -1  # the open run's tokens, [first, last]
    kind = ""
    for k in [k for k, lab in enumerate(labels) if lab != "O"]:
        lab = labels[k]
        if k == last + 1 and first >= 0 and not lab.startswith("B-") and lab[2:] == kind:
            last = k
            continue
        if first >= 0:
            out.append(TaggedSpan(kind, views[first].start, views[last].end, first, last + 1))
        first = last = k
        kind = lab[2:]
    if first >= 0:
        out.append(TaggedSpan(kind, views[first].start, views[last].end, first, last + 1))
    return out

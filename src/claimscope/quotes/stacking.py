"""Features of the second tagging pass: what the first pass labelled around each token.

A linear-chain CRF sees its neighbours' labels one step away only. The second pass (a
"stacked" CRF, trained on first-pass labels made out of fold, so that it learns how the
first pass errs) adds what lies further: the labels two tokens away, which kinds of span the
sentence and its neighbours hold, how far the nearest predicted cue is and on which side, and
the length and edges of the predicted span the token sits in. On 100 training articles held
out of a 740-article model it raised overlap F1 on all attributions from 0.757 to 0.769
(speech 0.834 to 0.838; speech exact 0.707 to 0.703).
"""

from __future__ import annotations

from collections.abc import Sequence

from claimscope.quotes.features import TokenView
from claimscope.quotes.labels import TaggedSpan, spans_from_labels

# A sentence's first token carries this feature (see features.py).
_SENT_START = "sent_start"
# How close a predicted cue must be to a span's edge to count as introducing it.
_CUE_REACH = 4


def _span_length(n: int) -> str:
    if n <= 1:
        return "1"
    if n <= 3:
        return "2-3"
    if n <= 8:
        return "4-8"
    return "9-20" if n <= 20 else "21+"


def _distance(n: int) -> str:
    if n <= 1:
        return str(n)
    if n <= 3:
        return "2-3"
    return "4-8" if n <= 8 else "9+"


def _kinds_of(kinds: set[str]) -> str:
    return "".join(k for k in "SQC" if k in kinds)


def stacked_features(
    feats: Sequence[Sequence[str]], views: Sequence[TokenView], labels: Sequence[str]
) -> list[list[str]]:
    """Each token's first-pass features plus those read off the first pass's ``labels``."""
    n = len(labels)
    kinds = [lab[2:] if lab != "O" else "O" for lab in labels]
    padded = ["pad", "pad", *kinds, "pad", "pad"]  # kinds[j] is padded[j + 2]
    sentence: list[int] = []
    number = -1
    for k in range(n):
        number += k == 0 or _SENT_START in feats[k]
        sentence.append(number)
    held: dict[int, set[str]] = {}
    for k in range(n):
        held.setdefault(sentence[k], set()).add(kinds[k])
    names = {s: _kinds_of(v) for s, v in held.items()}
    around = {
        s: (f"s1={names[s]}", f"ps1={names.get(s - 1, '')}", f"ns1={names.get(s + 1, '')}")
        for s in names
    }
    span_of: list[TaggedSpan | None] = [None] * n
    for tagged in spans_from_labels(views, labels):
        for k in range(tagged.first, tagged.last):
            span_of[k] = tagged
    nearest = _nearest_cues(kinds)
    out: list[list[str]] = []
    for k in range(n):
        s = sentence[k]
        f = list(feats[k])
        f += (
            f"p1={labels[k]}",
            f"p1-1={padded[k + 1]}",
            f"p1+1={padded[k + 3]}",
            f"p1-2={padded[k]}",
            f"p1+2={padded[k + 4]}",
            f"p1tri={padded[k + 1]}>{kinds[k]}>{padded[k + 3]}",
            *around[s],
        )
        near = nearest[k]
        if near >= 0:
            side = "at" if near == k else ("before" if k < near else "after")
            where = "same" if sentence[near] == s else "other"
            f.append(f"q1={side}{_distance(abs(near - k))}{where}")
        span = span_of[k]
        if span is not None:
            edge = "first" if k == span.first else "last" if k == span.last - 1 else "in"
            lo, hi = max(0, span.first - _CUE_REACH), min(n, span.last + _CUE_REACH)
            cued = "Q" in kinds[lo : span.first] or "Q" in kinds[span.last : hi]
            across = sentence[span.first] != sentence[span.last - 1]
            f += (
                f"run={span.kind}{_span_length(span.last - span.first)}",
                f"runpos={span.kind}{edge}",
                f"runq={span.kind}{int(cued)}",
                f"runx={span.kind}{int(across)}",
            )
        out.append(f)
    return out


def _nearest_cues(kinds: Sequence[str]) -> list[int]:
    """For each token, the nearest token labelled a cue (the earlier one on a tie), or -1."""
    n = len(kinds)
    before = [-1] * n
    last = -1
    for k in range(n):
        if kinds[k] == "Q":
            last = k
        before[k] = last
    out = [-1] * n
    after = -1
    for k in range(n - 1, -1, -1):
        if kinds[k] == "Q":
            after = k
        b = before[k]
        if b < 0:
            out[k] = after
        elif after < 0 or k - b <= after - k:
            out[k] = b
        else:
            out[k] = after
    return out

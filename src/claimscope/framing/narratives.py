"""Narratives: calibrated classifiers, and the label set with the highest expected F1.

SemEval-2025 task 10 scores an article by the F1 of its predicted label set against the
gold set, "Other" being a label of its own for an article with no narrative. With
probabilities that mean what they say, the best set is the one whose expected F1 is
highest: "Other" is worth P(Other); the k likeliest narratives are worth about
2 * (the sum of their probabilities) / (k + the usual number of narratives of an article
that has any). Nothing in that rule is tuned; it only needs calibrated probabilities.

Classifiers trained with balanced class weights overstate rare labels, and unweighted ones
on 200 articles understate everything (their probabilities stay near the label's base
rate), so each label's logit is rescaled (Platt scaling) on out-of-fold logits from
inside the training articles, and the rescaling is folded into the label's weights.

Cross-validated on the SemEval-2025 training file (5 folds by article, `claimscope eval
framing --task narratives`), against balanced classifiers each at 0.5: coarse F1 0.500 ->
0.558, fine 0.486 -> 0.490 (always "Other" 0.485); 56 of 200 articles get a narrative
(103 have one) where 16 did.

The calibrated probabilities carry the training file's share of articles without a
narrative (48%; "always Other" scores 0.27 on the SemEval test, so fewer are there): on
data with more narratives it says "Other" more often than it should.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

from claimscope.framing.data import OTHER
from claimscope.framing.linear import LinearText

# Out-of-fold logits for the rescaling come from this many folds of the training articles.
INNER_FOLDS = 4
# At most this many narratives for one article: 86 of the 103 training articles with any
# have three or fewer (2.2 on average); a fourth would rarely be likely enough to pay.
MAX_NARRATIVES = 3
# A label's Platt rescaling needs out-of-fold logits for this many positives (a slope
# fitted to one positive means nothing); with fewer its logit is left as it is.
MIN_CALIBRATION_POSITIVES = 2
# The rescaling's own regularisation: barely any (two parameters fitted on the 160-200
# out-of-fold logits of the training articles).
PLATT_C = 100.0
# A sub-narrative is kept when it holds at least this share of its narrative's probability
# (P(sub) / P(narrative): more likely than not, given the narrative); the likeliest one is
# kept when none does.
SUBNARRATIVE_SHARE = 0.5


def fit_calibrated(texts: Sequence[str], labels: Sequence[Sequence[str]],
                   vectors: np.ndarray | None = None, seed: int = 1) -> LinearText:
    """Unweighted per-label classifiers whose probabilities are rescaled on out-of-fold
    logits (``INNER_FOLDS`` folds of ``texts``)."""
    model = LinearText.fit(texts, labels, balanced=False, vectors=vectors)
    n = len(texts)
    logits: dict[str, list[tuple[float, int]]] = {name: [] for name in model.labels}
    folds = (KFold(min(INNER_FOLDS, n), shuffle=True, random_state=seed).split(np.arange(n))
             if n >= 2 else ())
    for train, test in folds:
        inner = LinearText.fit([texts[i] for i in train], [labels[i] for i in train],
                               balanced=False,
                               vectors=None if vectors is None else vectors[train])
        z = inner.logits([texts[i] for i in test], None if vectors is None else vectors[test])
        for j, name in enumerate(inner.labels):
            if name in logits:
                logits[name].extend((float(z[k, j]), int(name in labels[i]))
                                    for k, i in enumerate(test))
    scale = np.ones(len(model.labels), dtype=np.float32)
    shift = np.zeros(len(model.labels), dtype=np.float32)
    for j, name in enumerate(model.labels):
        pairs = logits[name]
        positives = sum(y for _, y in pairs)
        if positives < MIN_CALIBRATION_POSITIVES or positives == len(pairs):
            continue
        platt = LogisticRegression(C=PLATT_C).fit(np.array([[z] for z, _ in pairs]),
                                                  np.array([y for _, y in pairs]))
        scale[j], shift[j] = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    return LinearText(model.vectorizer, model.labels, model.weights * scale[:, None],
                      model.dense * scale[:, None], model.bias * scale + shift, model.chars)


def coarse_labels(narratives: Sequence[str]) -> list[str]:
    """What the narrative classifier learns for an article: its narratives, or "Other"."""
    return list(narratives) or [OTHER]


def fine_labels(subnarratives: Sequence[str]) -> list[str]:
    """What the sub-narrative classifier learns: the sub-narratives, "<narrative>: Other"
    included; nothing for an article with none."""
    return [s for s in subnarratives if s != OTHER]


def usual_size(narratives: Sequence[Sequence[str]]) -> float:
    """The mean number of narratives of the articles that have any (1.0 when none has)."""
    sizes = [len(n) for n in narratives if list(n) != [OTHER] and n]
    return float(np.mean(sizes)) if sizes else 1.0


@dataclass(frozen=True)
class NarrativeChoice:
    """An article's narratives (["Other"] when none), each one's sub-narratives (in
    ``fine``, in the same order) and the probability of each narrative chosen."""

    narratives: list[str]
    fine: list[str]
    confidence: list[float]

    def under(self, narrative: str) -> tuple[str, ...]:
        """The chosen sub-narratives of ``narrative``."""
        return tuple(n for n in self.fine if n.startswith(narrative + ": "))


def choose(labels: Sequence[str], p: np.ndarray, fine_labels_: Sequence[str],
           fine_p: np.ndarray, size: float) -> NarrativeChoice:
    """The set with the highest expected F1 (see the module's docstring); ``labels``
    include "Other" (its probability is P(no narrative)); ``size`` as ``usual_size``."""
    p_other = float(p[list(labels).index(OTHER)]) if OTHER in labels else 0.0
    ranked = [j for j in np.argsort(-p) if labels[j] != OTHER][:MAX_NARRATIVES]
    best: list[int] = []
    best_value, total = p_other, 0.0
    for k, j in enumerate(ranked, start=1):
        total += float(p[j])
        if 2 * total / (k + size) > best_value:
            best, best_value = ranked[:k], 2 * total / (k + size)
    if not best:
        return NarrativeChoice([OTHER], [OTHER], [p_other])
    fine: list[str] = []
    for j in best:
        name = labels[j]
        under = sorted(((float(v) / max(float(p[j]), 1e-6), n)
                        for n, v in zip(fine_labels_, fine_p, strict=True)
                        if n.startswith(name + ": ")), reverse=True)
        fine.extend([n for v, n in under if v >= SUBNARRATIVE_SHARE]
                    or [n for _, n in under[:1]] or [f"{name}: {OTHER}"])
    return NarrativeChoice([labels[j] for j in best], fine, [float(p[j]) for j in best])

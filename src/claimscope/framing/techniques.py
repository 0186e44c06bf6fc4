"""Persuasion techniques per paragraph, from a paragraph classifier and a sentence classifier.

The paragraph classifier reads the whole paragraph; the sentence classifier is trained on
the SemEval-2023 technique spans (a sentence is labelled with the techniques whose spans
overlap it) and finds a technique that one sentence of a long paragraph carries. A
paragraph's probability of a technique is the mean of the paragraph classifier's and the
highest of its sentences'. Cross-validated by article on the training file (threshold
chosen inside each training part), paragraph micro-F1 0.381 with the paragraph classifier
alone and 0.397 with the mean (the sentence classifier alone 0.384, the maximum of the two
0.388). A model saved without a sentence classifier scores with its paragraph classifier
alone, as before.

Both classifiers read, beside their words, a vector of the text (``Embed``): the shipped
model's are static MiniLM word-piece vectors (:mod:`claimscope.framing.static`), which
raised the cross-validated micro-F1 from 0.397 to 0.407 at almost no cost (MiniLM
itself: 0.421, at twice the base pipeline's time); ``claimscope eval
framing --vectors`` measures the full MiniLM encoder instead.

Training and evaluation cut paragraphs into sentences with ``sentence_spans`` (the data
has no parse); the pipeline gives the classifier its own sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from claimscope.framing.data import TechniqueArticle
from claimscope.framing.linear import THRESHOLDS, LinearText

# A sentence ends at . ! or ? (a closing quotation mark may follow) before a space and a
# capital letter or an opening quotation mark.
_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[A-Z\"“‘])")


# Words a period follows without ending the sentence (titles, initials are single letters).
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen sen rep gov lt col sgt st jr sr rev hon u.s u.k u.n e.g i.e "
    "vs etc inc co corp ltd jan feb mar apr jun jul aug sep sept oct nov dec".split())
_LAST_WORD = re.compile(r"([\w.]+)\.[\"”’]?$")

# Texts to vectors (rows in order), read by the classifiers beside the words.
Embed = Callable[[Sequence[str]], np.ndarray]


def _ends_sentence(text: str, at: int) -> bool:
    """Whether the break found at ``at`` follows a sentence's end, not an abbreviation."""
    m = _LAST_WORD.search(text, max(0, at - 12), at)
    if m is None:
        return True
    word = m.group(1).lower()
    return not (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()))


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` as (start, end) offsets into ``text``, blanks
    trimmed; one span for a paragraph without a break."""
    out: list[tuple[int, int]] = []
    at = start
    breaks = [m for m in _BREAK.finditer(text, start, end) if _ends_sentence(text, m.start())]
    for m in [*breaks, None]:
        stop = m.start() if m is not None else end
        s, e = at, stop
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
        if m is not None:
            at = m.end()
    return out


@dataclass(frozen=True)
class Examples:
    """The training paragraphs and their sentences, each with its labels and its article."""

    paragraphs: list[str]
    paragraph_labels: list[list[str]]
    paragraph_articles: list[int]
    sentences: list[list[str]]  # each paragraph's sentences
    sentence_labels: list[list[list[str]]]


def examples(articles: Sequence[TechniqueArticle]) -> Examples:
    out = Examples([], [], [], [], [])
    for k, a in enumerate(articles):
        for p in a.paragraphs:
            cut = sentence_spans(a.text, p.start, p.end) or [(p.start, p.end)]
            out.paragraphs.append(a.text[p.start:p.end])
            out.paragraph_labels.append(list(p.techniques))
            out.paragraph_articles.append(k)
            out.sentences.append([a.text[s:e] for s, e in cut])
            out.sentence_labels.append([
                list(dict.fromkeys(t.technique for t in a.spans if t.start < e and s < t.end))
                for s, e in cut])
    return out


@dataclass(frozen=True)
class ParagraphScore:
    """One paragraph's probability of each technique (``combined``, in the paragraph
    classifier's label order) and its sentences' (rows of ``by_sentence``, same columns)."""

    combined: np.ndarray
    by_sentence: np.ndarray

    def found(self, threshold: float) -> list[int]:
        """The columns of the techniques at or above ``threshold``."""
        return [int(j) for j in np.flatnonzero(self.combined >= threshold)]


def _proba(model: LinearText, texts: list[str], embed: Embed | None) -> np.ndarray:
    """The classifier's probabilities, with the texts' vectors when it was trained with
    them (``LinearText.proba`` refuses a classifier trained with vectors given none)."""
    vectors = embed(texts) if embed is not None and model.dense.shape[1] else None
    return model.proba(texts, vectors)


def score(paragraph_model: LinearText, sentence_model: LinearText | None,
          paragraphs: Sequence[str], sentences: Sequence[Sequence[str]],
          embed: Embed | None = None) -> list[ParagraphScore]:
    """Each paragraph's scores; ``sentences[i]``: paragraph i's sentences (at least one);
    all paragraphs, then all sentences, are transformed in one call each. ``embed``: the
    vectors the classifiers were trained with, when they were."""
    if not paragraphs:
        return []
    p = _proba(paragraph_model, list(paragraphs), embed)
    sizes = [len(group) for group in sentences]
    flat = [s for group in sentences for s in group]
    if sentence_model is None:
        by = _proba(paragraph_model, flat, embed)
    else:
        # A technique the sentence classifier cannot tell keeps the paragraph's probability.
        by = np.repeat(p, sizes, axis=0).astype(np.float32)
        raw = _proba(sentence_model, flat, embed)
        column = {n: j for j, n in enumerate(sentence_model.labels)}
        for j, name in enumerate(paragraph_model.labels):
            if name in column:
                by[:, j] = raw[:, column[name]]
    out = []
    for i, rows in enumerate(np.split(by, np.cumsum(sizes)[:-1])):
        combined = p[i] if sentence_model is None else (p[i] + rows.max(axis=0)) / 2
        out.append(ParagraphScore(combined, rows))
    return out


@dataclass(frozen=True)
class Fitted:
    paragraphs: LinearText
    sentences: LinearText
    threshold: float


def _fit(data: Examples, rows: Sequence[int], embed: Embed | None
         ) -> tuple[LinearText, LinearText]:
    paragraphs = [data.paragraphs[i] for i in rows]
    sentences = [s for i in rows for s in data.sentences[i]]
    par = LinearText.fit(paragraphs, [data.paragraph_labels[i] for i in rows], chars=True,
                         vectors=None if embed is None else embed(paragraphs))
    sent = LinearText.fit(sentences, [lab for i in rows for lab in data.sentence_labels[i]],
                          chars=True, vectors=None if embed is None else embed(sentences))
    return par, sent


def fit(data: Examples, rows: Sequence[int] | None = None, embed: Embed | None = None
        ) -> Fitted:
    """Both classifiers on the paragraphs ``rows`` (all by default), with the texts'
    vectors when ``embed`` is given, and the threshold, chosen by cross-validation over the
    same paragraphs with the same features."""
    chosen = list(range(len(data.paragraphs))) if rows is None else list(rows)
    par, sent = _fit(data, chosen, embed)
    return Fitted(par, sent, choose_threshold(data, chosen, embed))


def choose_threshold(data: Examples, rows: Sequence[int], embed: Embed | None = None,
                     folds: int = 4, seed: int = 1) -> float:
    """The one threshold on every technique's probability that maximises micro-F1 over
    out-of-fold scores of the paragraphs ``rows``, folded by article. Balanced class
    weights over-predict rare techniques, which costs micro-F1; choosing the threshold this
    way inside each training part raised the paragraph classifier's cross-validated
    micro-F1 from 0.357 to 0.369. Too few articles to fold: 0.5."""
    from sklearn.model_selection import GroupKFold

    chosen = np.asarray(rows)
    groups = np.asarray(data.paragraph_articles)[chosen]
    if len(set(groups.tolist())) < folds:
        return 0.5
    counts = np.zeros((len(THRESHOLDS), 3))  # true positives, false positives, false negatives
    for train, test in GroupKFold(folds, shuffle=True, random_state=seed).split(
            chosen, groups=groups):
        par, sent = _fit(data, chosen[train].tolist(), embed)
        held = chosen[test].tolist()
        scores = score(par, sent, [data.paragraphs[i] for i in held],
                       [data.sentences[i] for i in held], embed)
        proba = np.array([s.combined for s in scores]).reshape(len(held), len(par.labels))
        gold = np.array([[n in data.paragraph_labels[i] for n in par.labels] for i in held],
                        dtype=bool)
        # Gold labels the fold's model has no classifier for are missed at every threshold.
        unseen = sum(len(set(data.paragraph_labels[i])) for i in held) - int(gold.sum())
        for k, t in enumerate(THRESHOLDS):
            predicted = proba >= t
            hits = int((predicted & gold).sum())
            counts[k] += (hits, int(predicted.sum()) - hits, int(gold.sum()) - hits + unseen)
    f1 = 2 * counts[:, 0] / np.maximum(1.0, 2 * counts[:, 0] + counts[:, 1] + counts[:, 2])
    return THRESHOLDS[int(np.argmax(f1))]

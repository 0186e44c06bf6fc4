"""Scoring attributions against gold: one-to-one matching on content characters.

Content is compared as sets of the offsets of its letters and digits, after trimming
whitespace, punctuation and quotation marks at the edges of every piece (so that one piece
"A. B" and two pieces "A." + "B" are the same content). A predicted and a gold quote match *exactly*
when their trimmed sets are equal and *by overlap* when their Jaccard similarity is at
least 0.5; each side is matched at most once (greedy, best similarity first). Cues match
when they overlap. Speaker accuracy is measured on overlap-matched quotes whose gold has a
speaker: the predicted speaker's words overlap the gold speaker's (mention), and the
resolved name shares a capitalised word with the gold speaker's words (name, on gold
speakers that are not bare pronouns).

Nested attributions (a quote inside another's content, linked by ``parent``) are scored
only against gold that annotates nesting. PolNeAR does not: none of its 19,832 training
attributions has its cue inside another attribution's content, so there a nested
prediction could only ever count as a false positive. Against such gold the main figures
score the top-level predictions, and the ``*_with_nested`` tallies score every prediction.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import numpy as np

from claimscope.evaluation.bootstrap import interval
from claimscope.evaluation.polnear import GoldArticle, GoldQuote, read_gold
from claimscope.model import Quote
from claimscope.quotes.cues import is_speech_cue

if TYPE_CHECKING:
    from claimscope.pipeline import AnalyzeOptions

_EDGE = set(string.whitespace + string.punctuation + "“”‘’«»„‚‹›—–…\u00a0")
# Overlap match: Jaccard of content characters at least this (the field's usual 50%).
OVERLAP = 0.5
# Bare pronouns, relative ones included ("who said"), whose resolved name the gold's
# words cannot check.
_PRONOUNS = frozenset("he she they it i we you him her them his their its who whom which"
                      .split())


@dataclass(frozen=True, slots=True)
class Item:
    """One attribution reduced to what is scored."""

    chars: frozenset[int]
    cue: tuple[tuple[int, int], ...]
    speaker: tuple[tuple[int, int], ...]
    speaker_words: str
    kind: str
    speech: bool
    nested: bool = False  # a prediction with a parent


def trimmed_chars(text: str, pieces: Iterable[tuple[int, int]]) -> frozenset[int]:
    out: set[int] = set()
    for s, e in pieces:
        while s < e and text[s] in _EDGE:
            s += 1
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        out.update(i for i in range(s, e) if text[i].isalnum())
    return frozenset(out)


def gold_item(text: str, q: GoldQuote) -> Item:
    cue_text = " ".join(text[s:e] for s, e in q.cue)
    speech = is_speech_cue(cue_text) if q.cue else q.kind == "direct"
    return Item(trimmed_chars(text, q.content), q.cue, q.speaker, q.speaker_text, q.kind,
                speech)


def predicted_item(text: str, q: Quote) -> Item:
    cue = ((q.cue.start, q.cue.end),) if q.cue else ()
    speech = is_speech_cue(q.cue.text) if q.cue else q.kind == "direct"
    mention = q.speaker.mention if q.speaker else None
    spk = ((mention.start, mention.end),) if mention else ()
    name = q.speaker.name if q.speaker else ""
    return Item(trimmed_chars(text, ((c.start, c.end) for c in q.content)), cue, spk, name,
                q.kind, speech, nested=q.parent is not None)


def _overlaps(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter) if inter else 0.0


def match(pred: Sequence[Item], gold: Sequence[Item], *, exact: bool) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs, best similarity first."""
    pairs: list[tuple[float, int, int]] = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if exact:
                if p.chars and p.chars == g.chars:
                    pairs.append((1.0, i, j))
            else:
                sim = _jaccard(p.chars, g.chars)
                if sim >= OVERLAP:
                    pairs.append((sim, i, j))
    pairs.sort(key=lambda x: -x[0])
    used_p: set[int] = set()
    used_g: set[int] = set()
    out: list[tuple[int, int]] = []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


@dataclass
class Tally:
    pred: int = 0
    gold: int = 0
    exact: int = 0
    overlap: int = 0
    cue_pred: int = 0
    cue_gold: int = 0
    cue_tp: int = 0
    speaker_n: int = 0
    speaker_ok: int = 0
    name_n: int = 0
    name_ok: int = 0
    kinds: dict[str, list[int]] = field(default_factory=dict)  # kind: [pred, gold, overlap tp]
    # Each article's (predicted, gold, exact matches, overlap matches), for the intervals.
    articles: list[tuple[int, int, int, int]] = field(default_factory=list)

    def add(self, text: str, pred: Sequence[Item], gold: Sequence[Item]) -> None:
        exact = len(match(pred, gold, exact=True))
        pairs = match(pred, gold, exact=False)
        self.articles.append((len(pred), len(gold), exact, len(pairs)))
        self.pred += len(pred)
        self.gold += len(gold)
        self.exact += exact
        self.overlap += len(pairs)
        for item in pred:
            self.kinds.setdefault(item.kind, [0, 0, 0])[0] += 1
        for item in gold:
            self.kinds.setdefault(item.kind, [0, 0, 0])[1] += 1
        for i, j in pairs:
            if pred[i].kind == gold[j].kind:
                self.kinds[gold[j].kind][2] += 1
            g, p = gold[j], pred[i]
            if g.speaker:
                self.speaker_n += 1
                self.speaker_ok += int(
                    _overlaps(p.speaker, g.speaker)
                    or (not p.speaker and _same_name(p.speaker_words, g.speaker_words))
                )
                if g.speaker_words.lower().strip() not in _PRONOUNS:
                    self.name_n += 1
                    self.name_ok += int(_same_name(p.speaker_words, g.speaker_words))
        self._cues(pred, gold)

    def _cues(self, pred: Sequence[Item], gold: Sequence[Item]) -> None:
        pc = {c for p in pred for c in p.cue}
        gc = {c for g in gold for c in g.cue}
        self.cue_pred += len(pc)
        self.cue_gold += len(gc)
        used: set[tuple[int, int]] = set()
        for c in sorted(pc):
            for g in sorted(gc - used):
                if c[0] < g[1] and g[0] < c[1]:
                    used.add(g)
                    self.cue_tp += 1
                    break

    def summary(self) -> dict[str, float | int | list[float] | dict[str, float]]:
        def prf(tp: int, p: int, g: int) -> tuple[float, float, float]:
            pr = tp / p if p else 0.0
            rc = tp / g if g else 0.0
            return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)

        ep, er, ef = prf(self.exact, self.pred, self.gold)
        op, orc, of = prf(self.overlap, self.pred, self.gold)
        cp, cr, cf = prf(self.cue_tp, self.cue_pred, self.cue_gold)
        kinds = {k: round(prf(v[2], v[0], v[1])[2], 3) for k, v in sorted(self.kinds.items())}
        return {
            "predicted": self.pred, "gold": self.gold,
            "exact_p": ep, "exact_r": er, "exact_f1": ef,
            "exact_f1_95": self.f1_interval(2),
            "overlap_p": op, "overlap_r": orc, "overlap_f1": of,
            "overlap_f1_95": self.f1_interval(3),
            "cue_p": cp, "cue_r": cr, "cue_f1": cf,
            "speaker_accuracy": self.speaker_ok / self.speaker_n if self.speaker_n else 0.0,
            "speaker_name_accuracy": self.name_ok / self.name_n if self.name_n else 0.0,
            "kind_f1": kinds,
        }

    def f1_interval(self, column: int) -> list[float]:
        """The 95% bootstrap interval over articles of the F1 whose matches are in
        ``column`` of :attr:`articles` (2: exact, 3: overlap); [] without articles."""
        if not self.articles:
            return []
        counts = np.array(self.articles, dtype=np.float64)

        def f1(drawn: np.ndarray) -> float:
            pred, gold, matched = counts[drawn][:, [0, 1, column]].sum(axis=0)
            return float(2 * matched / (pred + gold)) if pred + gold else 0.0

        low, high = interval(f1, len(counts))
        return [round(low, 4), round(high, 4)]


_POSSESSIVE = re.compile(r"['’]s$")
_WORD_EDGE = string.punctuation + "’‘“”"


def _word(w: str) -> str:
    """A word compared across names: lowercased, without a possessive "'s" and edge
    punctuation ("Hassan's" -> "hassan"; "officials" stays "officials")."""
    return _POSSESSIVE.sub("", w.strip(_WORD_EDGE)).strip(_WORD_EDGE).lower()


def _same_name(predicted: str, gold: str) -> bool:
    caps = {_word(w) for w in gold.split() if w[:1].isupper()} - _PRONOUNS  # "Her aides"
    pw = {_word(w) for w in predicted.split()}
    if not caps:
        return bool(pw & ({_word(w) for w in gold.split()} - _PRONOUNS))
    return bool(caps & pw)


@dataclass
class QuoteEvaluation:
    """Scores over all attributions and over speech attributions only.

    ``gold_nests``: whether the gold annotates nested attributions; when it does not,
    ``all`` and ``speech`` score the top-level predictions and the ``*_with_nested``
    tallies every prediction (the two are the same when it does)."""

    gold_nests: bool = True
    all: Tally = field(default_factory=Tally)
    speech: Tally = field(default_factory=Tally)
    all_with_nested: Tally = field(default_factory=Tally)
    speech_with_nested: Tally = field(default_factory=Tally)

    def add(self, text: str, pred: Sequence[Item], gold: Sequence[Item]) -> None:
        speech_gold = [g for g in gold if g.speech]
        scored = pred if self.gold_nests else [p for p in pred if not p.nested]
        self.all.add(text, scored, gold)
        self.speech.add(text, [p for p in scored if p.speech], speech_gold)
        self.all_with_nested.add(text, pred, gold)
        self.speech_with_nested.add(text, [p for p in pred if p.speech], speech_gold)


def gold_nests(articles: Iterable[GoldArticle]) -> bool:
    """Whether any gold attribution has its cue inside another's content."""
    for art in articles:
        for q in art.quotes:
            if q.cue and any(
                o is not q and any(s <= q.cue[0][0] < e for s, e in o.content)
                for o in art.quotes
            ):
                return True
    return False


def evaluate_quotes(
    gold_path: Path,
    options: AnalyzeOptions | None = None,
    predictions: TextIO | None = None,
    limit: int | None = None,
) -> QuoteEvaluation:
    """Run the pipeline on every gold article (text verbatim) and score its quotes.

    With ``predictions``, the analysis JSON of every article is written there, one a line,
    in the gold file's order.
    """
    from claimscope.api import analyze_many
    from claimscope.ingest import read

    articles = list(read_gold(gold_path))[:limit]
    records = [read({"text": a.text, "id": a.id}, source_id=a.id) for a in articles]
    evaluation = QuoteEvaluation(gold_nests=gold_nests(articles))
    for art, analysis in zip(articles, analyze_many(records, options), strict=True):
        evaluation.add(
            art.text,
            [predicted_item(art.text, q) for q in analysis.quotes],
            [gold_item(art.text, q) for q in art.quotes],
        )
        if predictions is not None:
            predictions.write(json.dumps(analysis.to_json(), ensure_ascii=False) + "\n")
    return evaluation


def agreement(multi_path: Path) -> QuoteEvaluation:
    """Human agreement: every ordered pair of annotators of the same article scored as
    (prediction, gold) with the same scorer."""
    by_doc: dict[str, list[GoldArticle]] = {}
    for art in read_gold(multi_path):
        by_doc.setdefault(art.id, []).append(art)
    evaluation = QuoteEvaluation()
    for versions in by_doc.values():
        for a in versions:
            for b in versions:
                if a is b:
                    continue
                evaluation.add(
                    a.text,
                    [gold_item(a.text, q) for q in a.quotes],
                    [gold_item(b.text, q) for q in b.quotes],
                )
    return evaluation


def marks_baseline(gold_path: Path, limit: int | None = None) -> QuoteEvaluation:
    """The trivial baseline: every double-quoted passage is a speech quote, nothing else."""
    from claimscope.quotes.marks import find_quoted

    evaluation = QuoteEvaluation()
    for art in list(read_gold(gold_path))[:limit]:
        pred = [
            Item(trimmed_chars(art.text, [(q.start, q.end)]), (), (), "", "direct", True)
            for q in find_quoted(art.text)
            if q.double
        ]
        evaluation.add(art.text, pred, [gold_item(art.text, q) for q in art.quotes])
    return evaluation

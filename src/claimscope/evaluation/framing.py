"""Cross-validated framing scores with the official metrics, trivial baselines beside them
and bootstrap confidence intervals over articles.

- techniques (SemEval-2023 task 3): micro-F1 over (paragraph, technique) decisions;
  baseline: the most frequent technique on every paragraph;
- narratives (SemEval-2025 task 10): per-article F1 averaged over articles, on
  sub-narratives (fine) and narratives (coarse); baseline: always "Other";
- roles (SemEval-2025 task 10): main-role accuracy and exact match of the fine-role set;
  baseline: always the most frequent main role with its most frequent fine role.

Folds split by article; the classifiers never see the fold they are scored on.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import numpy as np
from sklearn.model_selection import KFold

from claimscope import embed
from claimscope.evaluation.bootstrap import interval
from claimscope.framing import narratives as nar
from claimscope.framing import static
from claimscope.framing import techniques as tech
from claimscope.framing.data import (
    OTHER,
    NarrativeArticle,
    RoleMention,
    TechniqueArticle,
    read_narratives,
    read_roles,
    read_techniques,
    records,
)
from claimscope.framing.linear import LinearText
from claimscope.framing.models import choose_roles
from claimscope.framing.train import FramingModel, role_text


@dataclass(frozen=True)
class Score:
    name: str
    value: float
    low: float  # 95% bootstrap interval over articles
    high: float
    baseline: float
    baseline_name: str


def paragraphs_of(text: str) -> list[str]:
    """Blank-line separated paragraphs (the unit the sentence vectors are averaged over)."""
    return [p for p in (part.strip() for part in text.split("\n\n")) if p] or [text]


def _vectors(texts: Sequence[str], use: bool, cache: Path | None) -> np.ndarray | None:
    return embed.cached_encode(embed.load(), texts, cache) if use else None


def _rows(vectors: np.ndarray | None, rows: np.ndarray) -> np.ndarray | None:
    return None if vectors is None else vectors[rows]


def _minilm_lookup(data: tech.Examples, cache: Path | None) -> tech.Embed:
    """MiniLM vectors of the paragraphs and sentences of ``data``, encoded once (and kept
    in ``cache``), looked up by text."""
    texts = list(dict.fromkeys([*data.paragraphs, *(s for g in data.sentences for s in g)]))
    table = dict(zip(texts, embed.cached_encode(embed.load(), texts, cache), strict=True))

    def lookup(chosen: Sequence[str]) -> np.ndarray:
        return np.array([table[t] for t in chosen], dtype=np.float32).reshape(
            len(chosen), embed.DIMENSIONS)
    return lookup


def techniques_cv(articles: Sequence[TechniqueArticle], folds: int,
                  embedder: tech.Embed | None, seed: int = 0) -> list[Score]:
    """Paragraph micro-F1, cross-validated by article; the classifiers read ``embedder``'s
    vectors beside the words (words only when None)."""
    data = tech.examples(articles)
    owner = np.array(data.paragraph_articles)
    predicted: list[list[str]] = [[] for _ in data.paragraphs]
    for train, test in KFold(folds, shuffle=True, random_state=seed).split(articles):
        rows = np.flatnonzero(np.isin(owner, train))
        held = np.flatnonzero(np.isin(owner, test))
        # Fitted and its threshold chosen inside the training part, as training does.
        fitted = tech.fit(data, rows.tolist(), embedder)
        scores = tech.score(fitted.paragraphs, fitted.sentences,
                            [data.paragraphs[i] for i in held],
                            [data.sentences[i] for i in held], embedder)
        for i, s in zip(held, scores, strict=True):
            predicted[i] = [fitted.paragraphs.labels[j] for j in s.found(fitted.threshold)]
    return technique_scores(data.paragraph_labels, predicted, owner, len(articles), seed)


def technique_scores(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]],
                     owner: np.ndarray, articles: int, seed: int = 0) -> list[Score]:
    """Paragraph micro-F1; ``owner`` maps each paragraph to its article (for resampling)."""
    common = Counter(t for row in gold for t in row).most_common(1)[0][0]

    def counts(pred: Sequence[Sequence[str]]) -> np.ndarray:
        """Per article: true positives, false positives, false negatives."""
        out = np.zeros((articles, 3))
        for i, (g, p) in enumerate(zip(gold, pred, strict=True)):
            gs, ps = set(g), set(p)
            out[int(owner[i])] += (len(gs & ps), len(ps - gs), len(gs - ps))
        return out

    def micro(table: np.ndarray, chosen: np.ndarray) -> float:
        tp, fp, fn = table[chosen].sum(axis=0)
        return float(2 * tp / max(1.0, 2 * tp + fp + fn))

    everyone = np.arange(articles)
    ours = counts(predicted)
    constant = counts([[common] for _ in gold])
    low, high = interval(lambda s: micro(ours, s), articles, seed)
    return [Score("techniques: paragraph micro-F1", micro(ours, everyone), low, high,
                  micro(constant, everyone), f"always {common}")]


def _samples_f1(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> np.ndarray:
    out = []
    for g, p in zip(gold, pred, strict=True):
        both = len(set(g) & set(p))
        out.append(2 * both / (len(set(g)) + len(set(p))) if g or p else 1.0)
    return np.array(out)


def narratives_cv(articles: Sequence[NarrativeArticle], folds: int, cache: Path | None,
                  seed: int = 0, vectors: bool = False) -> list[Score]:
    dense = None
    if vectors:  # an article's vector: the mean of its paragraphs'
        paragraphs = [paragraphs_of(a.text) for a in articles]
        flat = embed.cached_encode(embed.load(), [p for ps in paragraphs for p in ps], cache)
        bounds = np.cumsum([0, *(len(ps) for ps in paragraphs)])
        dense = np.vstack([flat[a:b].mean(axis=0) for a, b in itertools.pairwise(bounds)])
    texts = [a.text for a in articles]
    coarse_pred: list[list[str]] = [[] for _ in articles]
    fine_pred: list[list[str]] = [[] for _ in articles]
    for train, test in KFold(folds, shuffle=True, random_state=seed).split(articles):
        train_texts = [texts[i] for i in train]
        coarse = nar.fit_calibrated(train_texts, [nar.coarse_labels(articles[i].narratives)
                                                  for i in train], _rows(dense, train))
        fine = nar.fit_calibrated(train_texts, [nar.fine_labels(articles[i].subnarratives)
                                                for i in train], _rows(dense, train))
        size = nar.usual_size([articles[i].narratives for i in train])
        test_texts = [texts[i] for i in test]
        for i, c, f in zip(test, coarse.proba(test_texts, _rows(dense, test)),
                           fine.proba(test_texts, _rows(dense, test)), strict=True):
            choice = nar.choose(coarse.labels, c, fine.labels, f, size)
            coarse_pred[i], fine_pred[i] = choice.narratives, choice.fine
    return narrative_scores(articles, coarse_pred, fine_pred, seed)


def narrative_scores(articles: Sequence[NarrativeArticle], coarse_pred: Sequence[Sequence[str]],
                     fine_pred: Sequence[Sequence[str]], seed: int = 0) -> list[Score]:
    scores = []
    for name, gold, pred in (
            ("narratives: fine F1 (sub-narratives)", [a.subnarratives for a in articles],
             fine_pred),
            ("narratives: coarse F1", [a.narratives for a in articles], coarse_pred)):
        per = _samples_f1(gold, pred)
        base = _samples_f1(gold, [[OTHER]] * len(articles))
        def mean_of(s: np.ndarray, per: np.ndarray = per) -> float:
            return float(per[s].mean())
        low, high = interval(mean_of, len(articles), seed)
        scores.append(Score(name, float(per.mean()), low, high, float(base.mean()),
                            'always "Other"'))
    return scores


def roles_cv(articles: Sequence[NarrativeArticle], taxonomy: dict[str, tuple[str, ...]],
             folds: int, cache: Path | None, seed: int = 0,
             vectors: bool = False) -> list[Score]:
    with_roles = [a for a in articles if a.entities]
    owner = np.array([i for i, a in enumerate(with_roles) for _ in a.entities])
    mentions = [e for a in with_roles for e in a.entities]
    texts = [role_text(a.text, e.start, e.end, e.mention) for a in with_roles
             for e in a.entities]
    dense = _vectors(texts, vectors, cache)
    pred: list[tuple[str, list[str]]] = [("", []) for _ in mentions]
    for train, test in KFold(folds, shuffle=True, random_state=seed).split(with_roles):
        rows = np.flatnonzero(np.isin(owner, train))
        held = np.flatnonzero(np.isin(owner, test))
        train_texts = [texts[i] for i in rows]
        # Unweighted: the main role is scored by accuracy (as in the shipped model).
        main = LinearText.fit(train_texts, [[mentions[i].main_role] for i in rows],
                              balanced=False, vectors=_rows(dense, rows))
        fine = LinearText.fit(train_texts, [list(mentions[i].fine_roles) for i in rows],
                              vectors=_rows(dense, rows))
        held_texts = [texts[i] for i in held]
        main_p = main.proba(held_texts, _rows(dense, held))
        fine_p = fine.proba(held_texts, _rows(dense, held))
        for i, mp, fp in zip(held, main_p, fine_p, strict=True):
            role, _, chosen = choose_roles(main.labels, mp, fine.labels, fp, taxonomy)
            pred[i] = (role, chosen)
    return role_scores(mentions, pred, owner, len(with_roles), seed)


def role_scores(mentions: Sequence[RoleMention], pred: Sequence[tuple[str, list[str]]],
                owner: np.ndarray, articles: int, seed: int = 0) -> list[Score]:
    main_hit = np.array([p[0] == m.main_role for p, m in zip(pred, mentions, strict=True)])
    exact = np.array([set(p[1]) == set(m.fine_roles)
                      for p, m in zip(pred, mentions, strict=True)])
    common = Counter(m.main_role for m in mentions).most_common(1)[0][0]
    common_fine = Counter(f for m in mentions if m.main_role == common
                          for f in m.fine_roles).most_common(1)[0][0]
    base_main = np.array([m.main_role == common for m in mentions])
    base_exact = np.array([set(m.fine_roles) == {common_fine} for m in mentions])
    sizes = np.bincount(owner, minlength=articles)  # mentions per article
    scores = []
    for name, hits, base, base_name in (
            ("roles: main-role accuracy", main_hit, base_main, f"always {common}"),
            ("roles: fine-role exact match", exact, base_exact,
             f"always {common} / {common_fine}")):
        sums = np.bincount(owner, weights=hits.astype(float), minlength=articles)

        def by_articles(s: np.ndarray, sums: np.ndarray = sums) -> float:
            return float(sums[s].sum() / max(1, sizes[s].sum()))
        low, high = interval(by_articles, articles, seed)
        scores.append(Score(name, float(hits.mean()), low, high, float(base.mean()), base_name))
    return scores


def evaluate(data: Path, tasks: Sequence[str], folds: int, cache: Path | None,
             vectors: bool = False) -> list[Score]:
    """Cross-validated scores of the shipped model's recipe (TF-IDF; for techniques static
    word-piece vectors beside it), or with MiniLM vectors beside the TF-IDF features
    (``vectors``)."""
    from claimscope.framing.data import NARRATIVES_FILE, ROLES_FILE, TECHNIQUES_FILE

    scores: list[Score] = []
    if "techniques" in tasks:
        technique_articles = read_techniques(data / TECHNIQUES_FILE)
        embedder = (_minilm_lookup(tech.examples(technique_articles), cache) if vectors
                    else static.cached_distill(cache).encode)
        scores += techniques_cv(technique_articles, folds, embedder)
    if "narratives" in tasks or "roles" in tasks:
        articles = read_narratives(data / NARRATIVES_FILE)
        if "narratives" in tasks:
            scores += narratives_cv(articles, folds, cache, vectors=vectors)
        if "roles" in tasks:
            scores += roles_cv(articles, read_roles(data / ROLES_FILE), folds, cache,
                               vectors=vectors)
    return scores


def evaluate_model(model: FramingModel, path: Path,
                   predictions: TextIO | None = None) -> list[Score]:
    """Score a trained model on one labelled file, of either data set (told apart by its
    fields); with ``predictions``, write every article's predictions there, one a line."""
    lines = records(path)
    if any(isinstance(r, dict) and "paragraph_techniques" in r for _, r in lines):
        return _score_techniques(model, read_techniques(path, lines), predictions)
    return _score_narratives(model, read_narratives(path, lines), predictions)


def _score_techniques(model: FramingModel, articles: Sequence[TechniqueArticle],
                      out: TextIO | None) -> list[Score]:
    data = tech.examples(articles)
    owner = np.array(data.paragraph_articles)
    scores = model.technique_scores(data.paragraphs, data.sentences)
    cut = model.technique_threshold
    labels = model.techniques.labels
    chosen = [[(labels[j], float(s.combined[j])) for j in s.found(cut)] for s in scores]
    if out is not None:
        at = 0
        for a in articles:
            rows = []
            for p in a.paragraphs:
                rows.append({"span": [p.start, p.end], "techniques": [
                    {"technique": n, "confidence": round(v, 4)} for n, v in chosen[at]]})
                at += 1
            out.write(json.dumps({"id": a.id, "paragraphs": rows}) + "\n")
    return technique_scores(data.paragraph_labels, [[n for n, _ in c] for c in chosen], owner,
                            len(articles))


def _score_narratives(model: FramingModel, articles: Sequence[NarrativeArticle],
                      out: TextIO | None) -> list[Score]:
    texts = [a.text for a in articles]
    decoded = [(c.narratives, c.fine) for c in model.narrative_choices(texts)]
    mentions = [e for a in articles for e in a.entities]
    owner = np.array([i for i, a in enumerate(articles) for _ in a.entities])
    windows = [role_text(a.text, e.start, e.end, e.mention) for a in articles for e in a.entities]
    main_p = model.main_roles.proba(windows)
    fine_p = model.fine_roles.proba(windows)
    roles = [choose_roles(model.main_roles.labels, mp, model.fine_roles.labels, fp,
                          model.taxonomy) for mp, fp in zip(main_p, fine_p, strict=True)]
    if out is not None:
        for i, a in enumerate(articles):
            entities = [{"mention": m.mention, "span": [m.start, m.end], "main_role": r[0],
                         "confidence": round(r[1], 4), "fine_roles": r[2]}
                        for m, r, o in zip(mentions, roles, owner, strict=True) if o == i]
            out.write(json.dumps({"id": a.id, "narratives": decoded[i][0],
                                  "subnarratives": decoded[i][1], "entities": entities}) + "\n")
    scores = narrative_scores(articles, [d[0] for d in decoded], [d[1] for d in decoded])
    if mentions:
        with_roles = sorted(set(owner.tolist()))
        remap = {a: k for k, a in enumerate(with_roles)}
        scores += role_scores(mentions, [(r[0], r[2]) for r in roles],
                              np.array([remap[int(o)] for o in owner]), len(with_roles))
    return scores

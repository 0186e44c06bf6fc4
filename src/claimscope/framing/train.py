"""Train, save and load the shipped framing model (``claimscope train framing``).

The shipped model reads words (TF-IDF) everywhere and, for techniques, static MiniLM
word-piece vectors beside them (:mod:`claimscope.framing.static`): running MiniLM itself
would take framing far over its time budget in the pipeline; ``claimscope eval framing
--vectors`` measures that variant. Saved as one compressed NumPy archive (no pickle) with a
JSON card.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from claimscope.errors import ModelLoadError
from claimscope.framing import narratives as nar
from claimscope.framing import techniques as tech
from claimscope.framing.data import (
    NARRATIVES_FILE,
    ROLES_FILE,
    TECHNIQUES_FILE,
    read_narratives,
    read_roles,
    read_techniques,
)
from claimscope.framing.linear import LinearText, proba_both
from claimscope.framing.static import StaticVectors
from claimscope.npz import read_archive
from claimscope.output import atomic_path

# Characters of context on each side of an entity mention, for its role.
ROLE_WINDOW = 250
MODEL_NAME = "framing"


def role_text(text: str, start: int, end: int, mention: str) -> str:
    """What the role classifiers read: the mention's own words, then its surroundings."""
    return f"{mention} || {text[max(0, start - ROLE_WINDOW): end + ROLE_WINDOW]}"


@dataclass
class FramingModel:
    techniques: LinearText
    narratives: LinearText
    subnarratives: LinearText
    main_roles: LinearText
    fine_roles: LinearText
    taxonomy: dict[str, tuple[str, ...]]
    card: dict[str, Any]
    digest: str = ""  # of the file it was loaded from (part of the component's version)
    # Techniques at or above it are shown (chosen by cross-validation on the training
    # articles, techniques.choose_threshold); models saved before it had 0.5.
    technique_threshold: float = 0.5
    # The sentence classifier beside the paragraph one (framing.techniques); models saved
    # before it score paragraphs with ``techniques`` alone.
    technique_sentences: LinearText | None = None
    # The word-piece vectors the technique classifiers read beside the words; models saved
    # before them read words only.
    static: StaticVectors | None = None
    # The mean number of narratives of a training article that has any
    # (framing.narratives.usual_size), which the expected-F1 choice reads.
    narrative_size: float = 1.0

    def technique_scores(self, paragraphs: list[str], sentences: list[list[str]]
                         ) -> list[tech.ParagraphScore]:
        """Each paragraph's technique probabilities and its sentences' (in the order of
        ``techniques.labels``); ``sentences[i]``: paragraph i's, at least one."""
        return tech.score(self.techniques, self.technique_sentences, paragraphs, sentences,
                          None if self.static is None else self.static.encode)

    def narrative_choices(self, texts: list[str]) -> list[nar.NarrativeChoice]:
        """Each text's narratives and sub-narratives (``framing.narratives.choose``), both
        classifiers reading the texts' terms once."""
        coarse, fine = proba_both(self.narratives, self.subnarratives, texts)
        return [nar.choose(self.narratives.labels, c, self.subnarratives.labels, f,
                           self.narrative_size) for c, f in zip(coarse, fine, strict=True)]


def train(data: Path, static: StaticVectors | None) -> FramingModel:
    """The model trained on the SemEval files in ``data``; the technique classifiers read
    ``static``'s vectors beside the words (words only when it is None)."""
    techniques = read_techniques(data / TECHNIQUES_FILE)
    articles = read_narratives(data / NARRATIVES_FILE)
    taxonomy = read_roles(data / ROLES_FILE)
    examples = tech.examples(techniques)
    fitted = tech.fit(examples, embed=None if static is None else static.encode)
    threshold = fitted.threshold
    mentions = [(role_text(a.text, e.start, e.end, e.mention), e)
                for a in articles for e in a.entities]
    card = {
        "name": MODEL_NAME, "trained": dt.date.today().isoformat(),
        "data": {"techniques": f"{TECHNIQUES_FILE}: {len(techniques)} articles, "
                               f"{len(examples.paragraphs)} paragraphs, "
                               f"{sum(map(len, examples.sentences))} sentences",
                 "narratives": f"{NARRATIVES_FILE}: {len(articles)} articles",
                 "roles": f"{NARRATIVES_FILE}: {len(mentions)} entity mentions"},
        "features": "TF-IDF word 1-2-grams (min_df 2, sublinear tf); for techniques also "
                    "character 3-5-grams within words (min_df 3, the 200,000 most frequent); "
                    "logistic heads; techniques: the mean of a paragraph classifier's "
                    "probability and the highest of its sentences' (a sentence classifier "
                    "trained on the technique spans)" + (
                        "" if static is None else
                        f"; for techniques also static MiniLM word-piece vectors "
                        f"({static.dimensions} dimensions, SIF-weighted mean)"),
        "technique_threshold": f"{threshold} (4-fold cross-validation by article on the "
                               "training paragraphs, micro-F1)",
        "narratives": "unweighted heads (narratives with 'Other', sub-narratives), each "
                      "label's logit Platt-rescaled on 4-fold out-of-fold logits; the label "
                      "set with the highest expected F1",
    }
    # Narratives: calibrated probabilities and the expected-F1 choice (framing.narratives).
    texts = [a.text for a in articles]
    return FramingModel(
        techniques=fitted.paragraphs, technique_sentences=fitted.sentences,
        narratives=nar.fit_calibrated(texts, [nar.coarse_labels(a.narratives)
                                              for a in articles]),
        subnarratives=nar.fit_calibrated(texts, [nar.fine_labels(a.subnarratives)
                                                 for a in articles]),
        narrative_size=nar.usual_size([a.narratives for a in articles]),
        # Unweighted: the main role is scored by accuracy, and the majority role is the
        # right guess when the words say nothing.
        main_roles=LinearText.fit([t for t, _ in mentions], [[e.main_role] for _, e in mentions],
                                  balanced=False),
        fine_roles=LinearText.fit([t for t, _ in mentions], [list(e.fine_roles)
                                                             for _, e in mentions]),
        taxonomy=taxonomy, card=card, technique_threshold=threshold, static=static)


def save(model: FramingModel, path: Path) -> None:
    arrays: dict[str, Any] = {}
    for part in ("techniques", "narratives", "subnarratives", "main_roles", "fine_roles"):
        arrays.update(getattr(model, part).to_arrays(part))
    if model.technique_sentences is not None:
        arrays.update(model.technique_sentences.to_arrays("technique_sentences"))
    if model.static is not None:
        arrays.update(model.static.to_arrays("static"))
    arrays["taxonomy"] = np.array(json.dumps(model.taxonomy))
    arrays["card"] = np.array(json.dumps(model.card))
    arrays["techniques.threshold"] = np.array(model.technique_threshold)
    arrays["narratives.size"] = np.array(model.narrative_size)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path, suffix=".npz") as tmp:
        np.savez_compressed(tmp, **arrays)


def default_path() -> Path:
    return Path(__file__).resolve().parents[1] / "models" / f"{MODEL_NAME}.npz"


@lru_cache(maxsize=4)
def load(path: Path | None = None) -> FramingModel:
    where = path or default_path()
    archive = read_archive(where, "the framing model")
    data = archive.arrays
    try:
        taxonomy = {k: tuple(v) for k, v in json.loads(str(data["taxonomy"])).items()}
        parts: dict[str, LinearText] = {}
        for p in ("techniques", "narratives", "subnarratives", "main_roles", "fine_roles"):
            parts[p] = LinearText.from_arrays(data, p, list(parts.items()))
        sentences = (LinearText.from_arrays(data, "technique_sentences")
                     if "technique_sentences.terms" in data else None)
        static = (StaticVectors.from_arrays(data, "static") if "static.table" in data
                  else None)
        card = json.loads(str(data["card"]))
        threshold = float(data["techniques.threshold"]) if "techniques.threshold" in data else 0.5
        # Models saved before the calibrated narratives lack it (and their "Other" label).
        size = float(data["narratives.size"])
    except (KeyError, ValueError, AttributeError) as exc:
        raise ModelLoadError(f"{where}: not a framing model of this version: {exc}") from exc
    return FramingModel(**parts, taxonomy=taxonomy, card=card,
                        digest=archive.digest,
                        technique_threshold=threshold, technique_sentences=sentences,
                        static=static, narrative_size=size)

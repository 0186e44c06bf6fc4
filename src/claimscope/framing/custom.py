"""Users' own label sets: a YAML file of labels with descriptions and example sentences is
enough to add one, without code (``claimscope analyze --taxonomy FILE``).

    name: economic-frames          # optional; the file name otherwise
    threshold: 0.55                # optional; cosine similarity needed (default below)
    labels:
      - label: Economic threat
        description: The text presents something as a danger to jobs, prices or growth.
        examples:
          - "The sanctions will cost thousands of jobs."
          - "Prices will soar if the plant closes."

Each label is the mean MiniLM vector of its description and examples; every sentence of an
article whose vector is at least ``threshold`` similar (cosine) to a label's gets that label
(its best one only), with the similarity as confidence. Few-shot by design: a handful of
examples per label, no training.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from claimscope import embed
from claimscope.errors import InputError
from claimscope.model import CustomLabel, Span
from claimscope.pipeline import AnalyzeOptions, Context

# Cosine similarity of MiniLM vectors from which a sentence counts as saying what a label's
# examples say: 0.5 is where the model's paraphrase pairs begin (unrelated news sentences
# mostly score below 0.3). A taxonomy file may set its own.
DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True)
class Taxonomy:
    name: str
    threshold: float
    labels: tuple[str, ...]
    texts: tuple[tuple[str, ...], ...]  # per label: description and examples


def read_taxonomy(path: Path) -> Taxonomy:
    """A taxonomy file, checked; an InputError names the file and the problem."""
    import yaml

    where = str(path)
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(where, f"cannot read: {exc}") from exc
    except yaml.YAMLError as exc:
        raise InputError(where, f"not YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("labels"), list) \
            or not data["labels"]:
        raise InputError(where, "a taxonomy needs a non-empty 'labels' list")
    threshold = data.get("threshold", DEFAULT_THRESHOLD)
    if not isinstance(threshold, int | float) or not 0 < threshold < 1:
        raise InputError(where, f"threshold must be a number between 0 and 1, not {threshold!r}")
    labels, texts = [], []
    for i, item in enumerate(data["labels"], start=1):
        if not isinstance(item, dict) or not isinstance(item.get("label"), str):
            raise InputError(where, f"label {i}: needs a 'label' name")
        examples = item.get("examples", [])
        description = item.get("description")
        if not isinstance(examples, list) or not all(isinstance(e, str) for e in examples):
            raise InputError(where, f"label {item['label']!r}: 'examples' must be a list of "
                                    "sentences")
        said = [*([description] if isinstance(description, str) else []), *examples]
        if not said:
            raise InputError(where, f"label {item['label']!r}: give a description or examples")
        labels.append(item["label"])
        texts.append(tuple(said))
    if len(set(labels)) != len(labels):
        raise InputError(where, "label names must be unique")
    name = str(data.get("name") or path.stem)
    return Taxonomy(name, float(threshold), tuple(labels), tuple(texts))


class Labeler:
    """Labels sentences with a taxonomy's labels by similarity to their examples."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.encoder = embed.load()
        rows = []
        for said in taxonomy.texts:
            mean = self.encoder.encode(list(said)).mean(axis=0)
            rows.append(mean / max(1e-9, float(np.linalg.norm(mean))))
        self.centroids = np.vstack(rows)

    def label(self, sentences: list[Span]) -> list[CustomLabel]:
        if not sentences:
            return []
        vectors = self.encoder.encode([s.text for s in sentences])
        vectors = vectors / np.maximum(1e-9, np.linalg.norm(vectors, axis=1, keepdims=True))
        similarity = vectors @ self.centroids.T
        out = []
        for sentence, row in zip(sentences, similarity, strict=True):
            j = int(np.argmax(row))
            if row[j] >= self.taxonomy.threshold:
                out.append(CustomLabel(self.taxonomy.name, self.taxonomy.labels[j],
                                       float(row[j]), sentence))
        return out


@lru_cache(maxsize=8)
def _labeler(path: str) -> Labeler:
    return Labeler(read_taxonomy(Path(path)))


class TaxonomyComponent:
    """Runs when ``AnalyzeOptions.taxonomy`` names a file (``--taxonomy``)."""

    name = "taxonomy"
    version = "1.0"
    requires: tuple[str, ...] = ("sentences",)

    def __init__(self, options: AnalyzeOptions) -> None:
        if options.taxonomy is None:
            raise InputError("<options>", "the taxonomy component needs a taxonomy file")
        self.labeler = _labeler(options.taxonomy)  # a bad file fails before any article
        self.version = f"{TaxonomyComponent.version}+{self.labeler.taxonomy.name}"

    def __call__(self, ctx: Context) -> None:
        ctx.analysis.labels.extend(self.labeler.label(ctx.analysis.sentences))

"""Training the attribution tagger from PolNeAR-format data (``claimscope train quotes``)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import numpy as np

from claimscope import nlp
from claimscope.errors import InputError
from claimscope.evaluation.polnear import read_gold
from claimscope.output import atomic_writer
from claimscope.quotes import clusters, silver, tagger
from claimscope.quotes.features import TokenView, doc_features, token_views
from claimscope.quotes.labels import gold_labels
from claimscope.quotes.stacking import stacked_features

TRAIN_FILE = "polnear.train.jsonl"


# First-pass labels for training the second pass come from models that did not see the
# article (k-fold): labels a model gives its own training articles are too good to learn
# its errors from. Four folds: each first-pass model sees 75% of the articles.
FOLDS = 4


@dataclass(frozen=True, slots=True)
class _Block:
    article: int
    feats: list[list[str]]
    views: list[TokenView]
    labels: list[str]


@dataclass(frozen=True, slots=True)
class TrainReport:
    model: str
    articles: int
    attributions: int
    tokens: int
    data_sha256: str
    options: dict[str, float | int]
    trained_on: str
    # Silver articles (quotes/silver.py): how many, their attributions, the teacher's
    # component version and each file's SHA-256.
    silver_articles: int = 0
    silver_attributions: int = 0
    teacher: str | None = None
    silver_sha256: dict[str, str] | None = None
    silver_in: str = "both"  # which passes trained on the silver articles

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def train_quotes(
    data_dir: Path,
    output: Path | None = None,
    options: tagger.TrainOptions | None = None,
    progress: Callable[[str], None] | None = None,
    silver_data: Sequence[Path] = (),
    teacher: str | None = None,
    silver_in: Literal["both", "first"] = "both",
) -> TrainReport:
    """Parse the training articles, label their tokens and fit the CRF. With
    ``silver_data`` (files or folders of JSONL records with a ``text``), those articles as
    labelled by the quote model ``teacher`` (None: the shipped one) with its encoder are
    trained on beside the gold (see ``quotes/silver.py``); they are labelled before any
    file is written, so the teacher may be the model being replaced. ``silver_in="first"``
    keeps them out of the second pass: it then learns, from gold articles alone, how first
    passes that all saw the silver err."""
    path = data_dir / TRAIN_FILE
    if not path.exists():
        raise InputError(str(path), f"training file not found ({TRAIN_FILE} in {data_dir})")
    say = progress or (lambda _msg: None)
    gold = list(read_gold(path))
    extra = silver.label(silver_data, teacher, say) if silver_data else None
    articles = gold + (extra.articles if extra else [])
    say(f"parsing {len(articles)} articles")
    model = nlp.load()
    docs = list(model.pipe((a.text for a in articles), batch_size=16))
    labels = [gold_labels(token_views(doc), art.quotes)
              for art, doc in zip(articles, docs, strict=True)]
    priors = tagger.cue_priors(
        (t.lower_, lab.endswith("Q"))
        for doc, labs in zip(docs, labels, strict=True)
        for t, lab in zip((t for t in doc if not t.is_space), labs, strict=True)
    )
    say(f"word clusters of {sum(len(doc) for doc in docs)} tokens")
    words = clusters.fit(np.concatenate([
        doc.tensor[[t.i for t in doc if not t.is_space]] for doc in docs if len(doc)
    ]))
    say(f"features for {len(docs)} articles ({len(priors)} cue priors)")
    blocks = [
        _Block(number, block.feats(), block.views, gold_labels(block.views, art.quotes))
        for number, (art, doc) in enumerate(zip(articles, docs, strict=True))
        for block in doc_features(doc, priors, clusters=words)
    ]
    tokens = sum(len(b.labels) for b in blocks)
    del docs
    target = output or tagger.default_model_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    opts = options or tagger.TrainOptions()
    say(f"training the first pass on {tokens} tokens")
    first = target.with_suffix(".first.tmp")
    tagger.train(((b.feats, b.labels) for b in blocks), first, opts)
    # Articles numbered from len(gold) on are silver.
    second_pass = blocks if silver_in == "both" else [b for b in blocks if b.article < len(gold)]
    stacked = _out_of_fold(blocks, second_pass, target, opts, say)
    say(f"training the second pass on {sum(len(b.labels) for b in second_pass)} tokens")
    second = target.with_suffix(".second.tmp")
    tagger.train(((feats, b.labels) for feats, b in zip(stacked, second_pass, strict=True)),
                 second, opts)
    # The four files change together (a first pass with another's priors, clusters or
    # second pass would tag garbage): each is written whole, the tagger last.
    with atomic_writer(tagger.priors_path(target)) as handle:
        handle.write(json.dumps(priors, sort_keys=True) + "\n")
    partial = target.with_suffix(".clusters.tmp")
    words.save(partial)
    partial.replace(tagger.clusters_path(target))
    second.replace(tagger.stack_path(target))
    first.replace(target)
    report = TrainReport(
        model=str(target),
        articles=len(gold),
        attributions=sum(len(a.quotes) for a in gold),
        tokens=tokens,
        data_sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        options={**asdict(opts), "folds": FOLDS},
        trained_on=date.today().isoformat(),
        silver_articles=len(extra.articles) if extra else 0,
        silver_attributions=sum(len(a.quotes) for a in extra.articles) if extra else 0,
        teacher=extra.teacher if extra else None,
        silver_sha256=extra.files if extra else None,
        silver_in=silver_in if extra else "both",
    )
    target.with_suffix(".json").write_text(json.dumps(report.to_json(), indent=2) + "\n",
                                           encoding="utf-8")
    return report


def _out_of_fold(
    blocks: Sequence[_Block], tagged: Sequence[_Block], target: Path,
    opts: tagger.TrainOptions, say: Callable[[str], None],
) -> list[list[list[str]]]:
    """Second-pass features of every block of ``tagged`` from a first pass trained on
    ``blocks`` without its article (the folds are of ``tagged``'s articles: a block of
    ``blocks`` that ``tagged`` lacks is in every fold's training)."""
    folded = {b.article for b in tagged}
    stacked: list[list[list[str]] | None] = [None] * len(tagged)
    for fold in range(FOLDS):
        say(f"first pass without fold {fold + 1} of {FOLDS}")
        path = target.with_suffix(f".fold{fold}.tmp")
        tagger.train(((b.feats, b.labels) for b in blocks
                      if b.article not in folded or b.article % FOLDS != fold), path, opts)
        try:
            crf = tagger.open_tagger(path)
            for k, b in enumerate(tagged):
                if b.article % FOLDS == fold:
                    stacked[k] = stacked_features(b.feats, b.views, crf.tag(b.feats))
        finally:
            path.unlink(missing_ok=True)
    return [s for s in stacked if s is not None]

"""Training the attribution tagger from PolNeAR-format data (``claimscope train quotes``)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from claimscope import nlp
from claimscope.errors import InputError
from claimscope.evaluation.polnear import read_gold
from claimscope.quotes import tagger
from claimscope.quotes.features import doc_features, token_views
from claimscope.quotes.labels import gold_labels

TRAIN_FILE = "polnear.train.jsonl"


@dataclass(frozen=True, slots=True)
class TrainReport:
    model: str
    articles: int
    attributions: int
    tokens: int
    data_sha256: str
    options: dict[str, float | int]
    trained_on: str

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def train_quotes(
    data_dir: Path,
    output: Path | None = None,
    options: tagger.TrainOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> TrainReport:
    """Parse the training articles, label their tokens and fit the CRF."""
    path = data_dir / TRAIN_FILE
    if not path.exists():
        raise InputError(str(path), f"training file not found ({TRAIN_FILE} in {data_dir})")
    say = progress or (lambda _msg: None)
    articles = list(read_gold(path))
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
    say(f"features for {len(docs)} articles ({len(priors)} cue priors)")
    sequences = [
        (block.feats, gold_labels(block.views, art.quotes))
        for art, doc in zip(articles, docs, strict=True)
        for block in doc_features(doc, priors)
    ]
    tokens = sum(len(labs) for _, labs in sequences)
    del docs
    target = output or tagger.default_model_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    tagger.priors_path(target).write_text(json.dumps(priors, sort_keys=True) + "\n",
                                          encoding="utf-8")
    opts = options or tagger.TrainOptions()
    say(f"training the CRF on {tokens} tokens")
    tagger.train(sequences, target, opts)
    report = TrainReport(
        model=str(target),
        articles=len(articles),
        attributions=sum(len(a.quotes) for a in articles),
        tokens=tokens,
        data_sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        options=asdict(opts),
        trained_on=date.today().isoformat(),
    )
    target.with_suffix(".json").write_text(json.dumps(report.to_json(), indent=2) + "\n",
                                           encoding="utf-8")
    return report

"""Fitting the check-worthiness screen (``claimscope train screen``): the shipped model scores
the training sentences of CheckThat! 2024 and the statements of news articles; the screen
learns to estimate those scores (:mod:`claimscope.claims.screen`).

The held-out part is the last 10% of the CheckThat! file (the chunk the model's own
threshold was set on) and the last 20% of the articles. The first ``skip_articles`` articles
are left out altogether: ``benchmarks/throughput.py`` times the claims component on them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from claimscope.claims.checkworthy import FinetunedModel, load_model
from claimscope.claims.component import statements
from claimscope.claims.screen import MISS, Scored, ScreenFit, fit_screen, screen_path
from claimscope.claims.train import read_labelled
from claimscope.errors import InputError, ModelLoadError
from claimscope.jsonl import json_lines, read_lines


@dataclass(frozen=True)
class ScreenOptions:
    holdout: float = 0.1  # the last share of the CheckThat! file (as the model's own)
    news_holdout: float = 0.2  # the last share of the articles
    skip_articles: int = 150  # the throughput benchmark's articles (its default count)
    max_articles: int = 700  # articles after the skipped ones (about 24,000 statements)
    miss: float = MISS  # the share of each label the bounds may get wrong (screen.MISS)


def news_statements(path: Path, options: ScreenOptions) -> list[list[str]]:
    """The statements of each article of a JSONL file of ``{"text": ...}`` records, as the
    claims component cuts them (sentences, or the quote pieces inside them)."""
    import claimscope
    from claimscope.pipeline import AnalyzeOptions, pipeline_for

    texts: list[str] = []
    for number, item in json_lines(read_lines(path), path):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise InputError(f"{path}:{number}", 'not a {"text": ...} record')
        texts.append(item["text"])
    texts = texts[options.skip_articles : options.skip_articles + options.max_articles]
    articles = [claimscope.read_text(t, source_id=f"{path.name}:{i}")
                for i, t in enumerate(texts)]
    pipeline = pipeline_for(AnalyzeOptions(components=("sentences", "entities", "quotes")))
    return [
        [c.span.text for c in statements(a.article.text, a.sentences, a.quotes)]
        for a in pipeline.run_many(articles)
    ]


def finetuned_model(path: Path) -> FinetunedModel:
    """The fine-tuned model at ``path``, without its screen: what a screen is fitted to."""
    scorer = load_model(str(path), screen=False)
    if not isinstance(scorer, FinetunedModel):
        raise ModelLoadError(f"{path}: a screen is fitted to a fine-tuned model "
                             "(.safetensors), not to a linear one")
    return scorer


def scored(model: FinetunedModel, texts: list[str]) -> Scored:
    """``texts`` with their bag-of-pieces vectors and ``model``'s scores of them."""
    return Scored(texts, model.encoder.piece_means(texts), model.score(texts))


def train_screen(
    checkworthy_file: Path, news_file: Path, model: Path, options: ScreenOptions | None = None,
) -> ScreenFit:
    """Fit the screen of ``model`` and write it beside it, with its card."""
    options = options or ScreenOptions()
    scorer = finetuned_model(model)
    debate = [r.text for r in read_labelled(checkworthy_file)]
    cut = int(len(debate) * (1 - options.holdout))
    news = news_statements(news_file, options)
    news_cut = int(len(news) * (1 - options.news_holdout))
    fit_texts = debate[:cut] + [s for article in news[:news_cut] for s in article]
    held_texts = debate[cut:] + [s for article in news[news_cut:] for s in article]
    fit = fit_screen(scored(scorer, fit_texts), scored(scorer, held_texts), scorer.threshold,
                     scorer.digest, options.miss)
    card: dict[str, Any] = {
        "model": "ridge regression on hashed words and word pairs, signals and "
                 f"bag-of-pieces vectors, estimating the logit of {model.name}",
        "for_model": scorer.digest,
        "trained_on": date.today().isoformat(),
        "data": [checkworthy_file.name, news_file.name],
        "options": asdict(options),
        "miss": options.miss,
        "statements": {"fit": len(fit_texts), "held_out": fit.held_out},
        "bounds": {"low": round(fit.screen.low, 4), "high": round(fit.screen.high, 4)},
        "held_out_screened": round(fit.screened, 4),
        "held_out_flipped": round(fit.flipped, 4),
    }
    fit.screen.save(screen_path(model), card)
    return fit


def describe(fit: ScreenFit) -> str:
    return json.dumps({"held_out": fit.held_out, "screened": round(fit.screened, 4),
                       "flipped": round(fit.flipped, 4),
                       "low": round(fit.screen.low, 4), "high": round(fit.screen.high, 4),
                       "weights": int(np.count_nonzero(fit.screen.weights))})

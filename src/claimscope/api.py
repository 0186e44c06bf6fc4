"""``analyze``: a pure function of (article, options) whose result is plain data."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from claimscope.ingest import read_text
from claimscope.model import Analysis, Article
from claimscope.pipeline import AnalyzeOptions, pipeline_for


def _as_article(article_or_text: Article | str) -> Article:
    if isinstance(article_or_text, Article):
        return article_or_text
    return read_text(article_or_text)


def analyze(article_or_text: Article | str, options: AnalyzeOptions | None = None) -> Analysis:
    """Analyse one article (or text, read as a scraped page)."""
    return pipeline_for(options).run(_as_article(article_or_text))


def analyze_many(
    articles: Iterable[Article | str], options: AnalyzeOptions | None = None
) -> Iterator[Analysis]:
    """Analyse many articles in order, parsing in batches."""
    return pipeline_for(options).run_many(_as_article(a) for a in articles)

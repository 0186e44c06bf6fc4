"""Ingest: read, analyse and store articles in batches, skipping what is already stored.

An article already stored from the same text by the same component versions is not
analysed again; one whose components changed is re-analysed and replaced. Each batch is
stored in one transaction, so an interrupted ingest (Ctrl-C, kill -9) loses at most the
batch in flight, and a rerun continues where it stopped.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice

from claimscope.batch.local import BatchOptions, analyze_stream
from claimscope.ingest import Failure, ReadOptions, iter_articles
from claimscope.model import Analysis, Article, content_hash
from claimscope.pipeline import AnalyzeOptions, pipeline_for
from claimscope.store.base import Store


@dataclass(frozen=True)
class IngestOptions:
    # Articles per transaction: large enough that commits cost little next to analysis,
    # small enough that an interruption loses little work.
    batch_size: int = 32
    jobs: int = 1
    analyze: AnalyzeOptions = field(default_factory=AnalyzeOptions)
    read: ReadOptions = field(default_factory=ReadOptions)


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    skipped: int = 0  # already stored by the same component versions
    failed: int = 0


def expected_versions(options: AnalyzeOptions) -> str:
    """The versions string an analysis made now with ``options`` would carry."""
    return ";".join(f"{c.name}={c.version}" for c in pipeline_for(options).infos)


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    options: IngestOptions | None = None,
    progress: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    options = options or IngestOptions()
    wanted = expected_versions(options.analyze)
    report = IngestReport()
    items = iter_articles(paths, options.read)
    while batch := list(islice(items, options.batch_size)):
        articles = [a for a in batch if isinstance(a, Article)]
        failures = [f for f in batch if isinstance(f, Failure)]
        report.read += len(articles)
        stored = store.versions_of([content_hash(a.text) for a in articles])
        todo: list[Article] = []
        seen: set[str] = set()
        for a in articles:
            key = content_hash(a.text)
            if stored.get(key) == wanted or key in seen:
                report.skipped += 1
                continue
            seen.add(key)
            todo.append(a)
        analyses: list[Analysis] = []
        results = analyze_stream(todo, options.analyze, BatchOptions(jobs=options.jobs))
        for result in results:
            if isinstance(result, Failure):
                failures.append(result)
            else:
                analyses.append(result)
        store.put(analyses, failures)
        report.stored += len(analyses)
        report.failed += len(failures)
        if progress is not None:
            progress(report)
    return report

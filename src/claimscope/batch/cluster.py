"""Big batches on Dask: shards analysed on workers, results stored exactly once.

The driver plans shards (:mod:`claimscope.batch.shards`), skips those the store (or the
Parquet output folder) already holds from the same component versions, and maps the rest
over the workers: a local cluster, or an existing one at ``scheduler``. Each worker loads
the models once and returns a shard's analyses and per-article failures; the driver stores
a shard in one transaction that also records the shard as done, so a killed run restarted
redoes only unfinished shards, and an article (keyed by its text) is never stored twice.
A shard whose task fails as a whole (a worker dying twice on it) is listed as a failure and
left for the next run. With an output folder instead of a store, each worker writes its
shards there as Parquet files itself (on a real cluster: a folder every node shares).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from claimscope.batch.local import BatchOptions, analyze_stream
from claimscope.batch.shards import ShardSpec, plan, read_shard
from claimscope.ingest import Failure, ReadOptions
from claimscope.model import Analysis, content_hash
from claimscope.pipeline import AnalyzeOptions
from claimscope.store.base import Shard, Store, StoreError


@dataclass(frozen=True)
class DaskOptions:
    scheduler: str | None = None  # an existing cluster's address; None: a local cluster
    workers: int = 2  # local cluster: worker processes, one thread each
    # Articles per shard: a shard is the unit of work and of resumption; 200 news articles
    # take about a minute on one worker, short enough to lose little when a run is killed.
    shard_size: int = 200
    output: Path | None = None  # a folder of Parquet shards instead of the store
    analyze: AnalyzeOptions = field(default_factory=AnalyzeOptions)
    read: ReadOptions = field(default_factory=ReadOptions)
    # Memory a local worker may use before Dask restarts it (every model loaded: ~0.8 GB).
    memory_limit: str = "2GB"


@dataclass
class DaskReport:
    shards: int = 0
    skipped_shards: int = 0  # already stored by the same component versions
    done_shards: int = 0
    failed_shards: int = 0
    stored: int = 0
    failed: int = 0  # articles (and whole shards) that could not be read or analysed
    failures: list[Failure] = field(default_factory=list)


@dataclass(frozen=True)
class ShardResult:
    id: str
    analyses: list[Analysis]  # empty when the worker wrote them to a Parquet shard
    failures: list[Failure]
    analysed: int


def analyse_shard(spec: ShardSpec, analyze: AnalyzeOptions, read: ReadOptions,
                  output: Path | None = None, versions: str = "") -> ShardResult:
    """Runs on a worker: read a shard and analyse it (models load once per process). With
    ``output``, the worker writes the Parquet shard itself and sends back only the counts
    and failures (the driver then does no work per article)."""
    items = list(read_shard(spec, read))
    results = list(analyze_stream(items, analyze, BatchOptions(jobs=1)))
    analyses = [r for r in results if isinstance(r, Analysis)]
    failures = [r for r in results if isinstance(r, Failure)]
    if output is not None:
        from claimscope.store.parquet_shards import write_shard

        write_shard(output, Shard(spec.id, versions), analyses, failures)
        return ShardResult(spec.id, [], failures, len(analyses))
    return ShardResult(spec.id, analyses, failures, len(analyses))


def run(paths: Iterable[str], store: Store | None, options: DaskOptions,
        progress: Callable[[DaskReport], None] | None = None) -> DaskReport:
    """Analyse every article under ``paths`` on Dask; into ``store``, or Parquet shards in
    ``options.output`` when given."""
    from distributed import Client, LocalCluster, as_completed

    from claimscope.store.ingest import expected_versions

    if store is None and options.output is None:
        raise StoreError("a Dask run needs a store or an output folder")
    wanted = expected_versions(options.analyze)
    planned = plan(paths, options.shard_size)
    report = DaskReport(shards=len(planned.shards))
    _record_failures(store, planned.failures, report)
    done = _done(store, options.output)
    todo = [s for s in planned.shards if done.get(s.id) != wanted]
    report.skipped_shards = len(planned.shards) - len(todo)
    if progress is not None:
        progress(report)
    if not todo:
        return report
    cluster = None
    if options.scheduler is None:
        cluster = LocalCluster(n_workers=options.workers, threads_per_worker=1, processes=True,
                               memory_limit=options.memory_limit, dashboard_address=None)
    client = Client(options.scheduler or cluster)
    try:
        # One task per worker thread (threads_per_worker=1 here): its models run one thread.
        analyze = replace(options.analyze, threads=1)
        futures = client.map(analyse_shard, todo, analyze=analyze, read=options.read,
                             output=options.output, versions=wanted,
                             key=[f"shard-{i}-{content_hash(s.id)}" for i, s in enumerate(todo)],
                             retries=1)
        by_key = {f.key: spec for f, spec in zip(futures, todo, strict=True)}
        for future in as_completed(futures):
            spec = by_key[future.key]
            try:
                result: ShardResult = future.result()
            except Exception as exc:  # the shard as a whole: listed, retried next run
                report.failed_shards += 1
                reason = f"shard failed: {type(exc).__name__}: {exc}"
                _record_failures(store, [Failure(spec.id, reason)], report)
            else:
                if store is not None and options.output is None:
                    store.put(result.analyses, result.failures, shard=Shard(spec.id, wanted))
                report.done_shards += 1
                report.stored += result.analysed
                report.failed += len(result.failures)
                report.failures.extend(result.failures)
            future.release()
            if progress is not None:
                progress(report)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return report


def _record_failures(store: Store | None, failures: list[Failure], report: DaskReport) -> None:
    report.failed += len(failures)
    report.failures.extend(failures)
    if store is not None and failures:
        store.put([], failures)


def _done(store: Store | None, output: Path | None) -> dict[str, str]:
    if output is not None:
        from claimscope.store.parquet_shards import done_shards

        return done_shards(output)
    assert store is not None
    return store.done_shards()

"""The corpus commands: ingest into a store, search it. Thin layers over
:mod:`claimscope.store`; joined to the command line by :mod:`claimscope.cli`."""

from __future__ import annotations

import json
import sys

import click

from claimscope.cli_common import say
from claimscope.store import DEFAULT_DB

DB_HELP = "SQLite database file, or a postgresql:// URL."


def _shown(db: str) -> str:
    """A database as shown to the user: a URL without its password."""
    from claimscope.store.postgres import redact

    return redact(db)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help=DB_HELP)
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes (local engine).")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=32, show_default=True,
              help="Articles stored per transaction (local engine).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Run on this machine, or map shards over Dask workers.")
@click.option("--scheduler", default=None,
              help="Dask: address of an existing cluster (default: a local cluster).")
@click.option("--workers", type=click.IntRange(1, 512), default=2, show_default=True,
              help="Dask: worker processes of the local cluster.")
@click.option("--shard-size", type=click.IntRange(1, 1_000_000), default=200,
              show_default=True, help="Dask: articles per shard (unit of work and resumption).")
@click.option("--output", type=click.Path(file_okay=False), default=None,
              help="Dask: write Parquet shards to this folder instead of the database.")
@click.option("--quiet", "-q", is_flag=True)
def ingest_cmd(paths: tuple[str, ...], db: str, jobs: int, batch_size: int, engine: str,
               scheduler: str | None, workers: int, shard_size: int, output: str | None,
               quiet: bool) -> None:
    """Analyse articles and store them; already stored ones (same text, same component
    versions) are skipped, so a rerun after an interruption continues where it stopped."""
    from claimscope.store import open_store
    from claimscope.store.ingest import IngestOptions, IngestReport, ingest

    if engine == "dask":
        _ingest_dask(paths, db, scheduler, workers, shard_size, output, quiet)
        return
    if scheduler or output:
        raise click.UsageError("--scheduler and --output need --engine dask")

    def show(r: IngestReport) -> None:
        if not quiet:
            say(f"read {r.read}, stored {r.stored}, skipped {r.skipped}, failed {r.failed}")

    store = open_store(db)
    try:
        report = ingest(paths, store, IngestOptions(batch_size=batch_size, jobs=jobs), show)
    finally:
        store.close()
    click.echo(json.dumps({"db": _shown(db), **report.__dict__}))


def _ingest_dask(paths: tuple[str, ...], db: str, scheduler: str | None, workers: int,
                 shard_size: int, output: str | None, quiet: bool) -> None:
    from pathlib import Path

    from rich.console import Console
    from rich.progress import Progress

    from claimscope.batch.cluster import DaskOptions, DaskReport, run
    from claimscope.store import open_store

    options = DaskOptions(scheduler=scheduler, workers=workers, shard_size=shard_size,
                          output=Path(output) if output else None)
    store = None if output else open_store(db)
    try:
        with Progress(transient=True, disable=quiet, console=Console(stderr=True)) as bar:
            task = bar.add_task("shards", total=None)

            def show(r: DaskReport) -> None:
                bar.update(task, total=r.shards,
                           completed=r.skipped_shards + r.done_shards + r.failed_shards,
                           description=f"stored {r.stored}, failed {r.failed}")

            report = run(paths, store, options, show)
    finally:
        if store is not None:
            store.close()
    for failure in report.failures:
        say(f"failed: {failure.message}")
    summary = {k: v for k, v in report.__dict__.items() if k != "failures"}
    click.echo(json.dumps({"db": output or _shown(db), **summary}))


@click.command("search")
@click.argument("query")
@click.option("--db", default=DEFAULT_DB, show_default=True, help=DB_HELP)
@click.option("--kind", type=click.Choice(["article", "quote", "claim"]), default="article",
              show_default=True)
@click.option("--speaker", default=None, help="Quote speaker or claimant (part of the name).")
@click.option("--outlet", default=None)
@click.option("--since", default=None, help="Published on or after (YYYY-MM-DD).")
@click.option("--until", default=None, help="Published on or before (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--exact", is_flag=True,
              help="SQLite: rank every match, however many (a common word is slower).")
def search_cmd(query: str, db: str, kind: str, speaker: str | None, outlet: str | None,
               since: str | None, until: str | None, limit: int, fmt: str,
               exact: bool) -> None:
    """Ranked full-text search over stored articles, quotes or claims. QUERY syntax: on
    SQLite, FTS5's ("exact phrase", OR, NOT, prefix*; ranked by BM25); on PostgreSQL,
    websearch's ("exact phrase", or, -word)."""
    from claimscope.store import SearchQuery, open_existing

    store = open_existing(db)
    try:
        hits = store.search(SearchQuery(query, kind, speaker, outlet, since, until, limit,
                                        exact))
    finally:
        store.close()
    if fmt == "json":
        click.echo(json.dumps([h.to_json() for h in hits], indent=2, ensure_ascii=False))
        return
    for h in hits:
        where = f"{h.article_id}" + (f"#{h.item} [{h.start}:{h.end}]" if h.item else "")
        who = f" {h.who}:" if h.who else ""
        click.echo(f"{h.score:7.2f}  {h.published or '-':<10} {h.outlet or '-':<12} {where}")
        click.echo(f"         {h.title or ''}")
        click.echo(f"        {who} {h.snippet}")
    if not hits:
        click.echo("no results")
    sys.stdout.flush()


@click.command("export")
@click.option("--db", default=DEFAULT_DB, show_default=True, help=DB_HELP)
@click.option("--what", type=click.Choice(["quotes", "claims", "articles"]), required=True)
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="csv",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), required=True)
def export_cmd(db: str, what: str, fmt: str, output: str) -> None:
    """Export stored quotes, claims or articles, one row each, for pandas or DuckDB."""
    from pathlib import Path

    from claimscope.store import open_existing
    from claimscope.store.export import export

    store = open_existing(db)
    try:
        n = export(store, what, fmt, Path(output))
    finally:
        store.close()
    say(f"{n} {what} written to {output}")


@click.command("serve")
@click.option("--db", default=DEFAULT_DB, show_default=True, help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but loopback exposes the corpus to the network.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--token-file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="File holding the token that writes (POST /api/articles) need; without "
                   "it (or CLAIMSCOPE_TOKEN) the server is read-only.")
def serve_cmd(db: str, host: str, port: int, token_file: str | None) -> None:
    """Browse and search the corpus in a web page; every page is also JSON (see /api)."""
    import ipaddress
    import os
    from pathlib import Path

    import uvicorn

    from claimscope.web import WebOptions, create_app

    token = (Path(token_file).read_text(encoding="utf-8").strip() if token_file
             else os.environ.get("CLAIMSCOPE_TOKEN") or None)
    if token is not None and len(token) < 16:
        raise click.UsageError("the token must be at least 16 characters long")
    app = create_app(WebOptions(db=db, token=token))
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        say(f"warning: serving on {host}, reachable from other machines")
    mode = "writes need the token" if token else "read-only"
    say(f"serving {_shown(db)} on http://{host}:{port}/ ({mode})")
    uvicorn.run(app, host=host, port=port, log_level="warning")

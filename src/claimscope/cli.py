"""The command line: thin commands over the library. No traceback reaches the user."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from typing import Any, TextIO

import click

from claimscope.batch.local import BatchOptions, Result, analyze_stream
from claimscope.errors import ClaimscopeError
from claimscope.ingest import FORMATS, Failure, ReadOptions, iter_articles
from claimscope.output import atomic_writer
from claimscope.pipeline import AnalyzeOptions
from claimscope.report import text_report

EXIT_INPUT = 1
EXIT_INTERRUPTED = 130


def _err(message: str) -> None:
    click.echo(f"claimscope: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claimscope")
def cli() -> None:
    """claimscope: structured, evidence-linked analysis of news articles."""


def _progress(enabled: bool) -> Any:
    if not enabled:
        return nullcontext(None)
    from rich.console import Console
    from rich.progress import (
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        SpinnerColumn(),
        TextColumn("analysing"),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[failed]} failed"),
        console=Console(stderr=True),
        transient=True,
    )


def _write(results: Iterator[Result], fmt: str, out: TextIO, tokens: bool) -> list[Failure]:
    failures: list[Failure] = []
    first = True
    if fmt == "json":
        out.write("[")
    for item in results:
        if isinstance(item, Failure):
            failures.append(item)
            continue
        if fmt == "text":
            out.write(("" if first else "\n") + text_report(item) + "\n")
        elif fmt == "json":
            body = json.dumps(item.to_json(include_tokens=tokens), ensure_ascii=False, indent=2)
            out.write(("\n" if first else ",\n") + body)
        else:
            out.write(json.dumps(item.to_json(include_tokens=tokens), ensure_ascii=False) + "\n")
        first = False
    if fmt == "json":
        out.write("\n]\n")
    return failures


def _counted(results: Iterator[Result], progress: Any) -> Iterator[Result]:
    if progress is None:
        yield from results
        return
    task = progress.add_task("analyse", total=None, failed=0)
    failed = 0
    for item in results:
        if isinstance(item, Failure):
            failed += 1
        progress.update(task, advance=1, failed=failed)
        yield item


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default=None,
              help="Report format (default: text for one file, jsonl for several).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write here (atomically) instead of standard output.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes.")
@click.option("--input-format", type=click.Choice(FORMATS), default="auto", show_default=True)
@click.option("--clean/--no-clean", default=None,
              help="Remove page debris (default: on for text, off for JSON records).")
@click.option("--tokens", is_flag=True, help="Include tokens in JSON output.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def analyze(
    paths: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    jobs: int,
    input_format: str,
    clean: bool | None,
    tokens: bool,
    quiet: bool,
) -> None:
    """Analyse articles: files, directories (recursively), or - for standard input."""
    single = len(paths) == 1 and paths[0] != "-" and os.path.isfile(paths[0])
    fmt = fmt or ("text" if single and not paths[0].endswith((".jsonl", ".ndjson")) else "jsonl")
    read_opts = ReadOptions(format=input_format, clean=clean)
    items = iter_articles(paths, read_opts)
    results = analyze_stream(items, AnalyzeOptions(tokens=tokens), BatchOptions(jobs=jobs))
    show = not quiet and sys.stderr.isatty()
    with _progress(show) as progress:
        counted = _counted(results, progress)
        if output:
            with atomic_writer(output) as handle:
                failures = _write(counted, fmt, handle, tokens)
        else:
            failures = _write(counted, fmt, sys.stdout, tokens)
    for failure in failures:
        _err(f"error: {failure.message}")
    if failures:
        if not single:
            _err(f"{len(failures)} input(s) skipped; the others were analysed")
        raise SystemExit(EXIT_INPUT)


def main() -> None:
    """Entry point: named errors become one line; nothing else escapes as a traceback."""
    debug = bool(os.environ.get("CLAIMSCOPE_DEBUG"))
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        _err("interrupted")
        raise SystemExit(EXIT_INTERRUPTED) from None
    except click.ClickException as exc:
        exc.show()
        raise SystemExit(exc.exit_code) from None
    except ClaimscopeError as exc:
        _err(f"error: {exc}")
        raise SystemExit(EXIT_INPUT) from None
    except KeyboardInterrupt:
        _err("interrupted")
        raise SystemExit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        sys.stderr.close()
        raise SystemExit(0) from None
    except SystemExit:
        raise
    except Exception as exc:
        if debug:
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (set CLAIMSCOPE_DEBUG=1 for details)")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()

"""The command line: thin commands over the library. No traceback reaches the user."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from typing import Any, Literal, TextIO

import click

from claimscope.batch.local import BatchOptions, Result, analyze_stream
from claimscope.cli_common import print_scores
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
@click.option("--taxonomy", type=click.Path(dir_okay=False, exists=True), default=None,
              help="A YAML file of your own labels (descriptions, example sentences) to "
                   "label sentences with.")
@click.option("--accurate-quotes", is_flag=True,
              help="Let the fine-tuned quote encoder join the tagger: closer quote "
                   "boundaries, but quotes then add about half the base analysis's time.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def analyze(
    paths: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    jobs: int,
    input_format: str,
    clean: bool | None,
    tokens: bool,
    taxonomy: str | None,
    accurate_quotes: bool,
    quiet: bool,
) -> None:
    """Analyse articles: files, directories (recursively), or - for standard input."""
    single = len(paths) == 1 and paths[0] != "-" and os.path.isfile(paths[0])
    fmt = fmt or ("text" if single and not paths[0].endswith((".jsonl", ".ndjson")) else "jsonl")
    read_opts = ReadOptions(format=input_format, clean=clean)
    items = iter_articles(paths, read_opts)
    options = AnalyzeOptions(tokens=tokens, quote_encoder=accurate_quotes)
    if taxonomy:
        options = dataclasses.replace(options, components=(*options.components, "taxonomy"),
                                      taxonomy=os.path.abspath(taxonomy))
    results = analyze_stream(items, options, BatchOptions(jobs=jobs))
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


# The training data both quote commands read.
_QUOTES_DATA = click.option(
    "--data", "data_dir", type=click.Path(file_okay=False, exists=True),
    default="../shared/data/quotes", show_default=True,
    help="Folder holding polnear.train.jsonl.")


@cli.group()
def train() -> None:
    """Train claimscope's models from research data."""


@train.command("quotes")
@_QUOTES_DATA
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Model file (default: the one shipped in the package).")
@click.option("--silver", "silver", multiple=True, type=click.Path(exists=True),
              help="JSONL file or folder of news articles ({\"text\": ...} records) to label "
                   "with the teacher and train on beside the gold (repeatable).")
@click.option("--teacher", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Quote model, with its encoder beside it, that labels the silver "
                   "articles (default: the shipped one).")
@click.option("--silver-in", "silver_in", type=click.Choice(["both", "first"]),
              default="both", show_default=True,
              help="Which passes train on the silver articles (first: the second pass learns "
                   "from gold articles alone).")
def train_quotes_cmd(data_dir: str, output: str | None, silver: tuple[str, ...],
                     teacher: str | None, silver_in: Literal["both", "first"]) -> None:
    """Train the quote (attribution) tagger."""
    from pathlib import Path

    from claimscope.quotes.train import train_quotes

    report = train_quotes(Path(data_dir), Path(output) if output else None,
                          progress=lambda m: _err(m),
                          silver_data=[Path(s) for s in silver], teacher=teacher,
                          silver_in=silver_in)
    click.echo(json.dumps(report.to_json(), indent=2))


@train.command("quote-encoder")
@_QUOTES_DATA
@click.option("--model", "model", type=click.Path(dir_okay=False), default=None,
              help="The quote model the encoder goes beside (default: the shipped one).")
@click.option("--layers", type=click.IntRange(1, 6), default=6, show_default=True,
              help="How many of MiniLM's layers to fine-tune and keep.")
@click.option("--epochs", type=click.IntRange(1, 20), default=2, show_default=True)
def train_quote_encoder_cmd(data_dir: str, model: str | None, layers: int, epochs: int) -> None:
    """Fine-tune the quote encoder, the tagger's optional second opinion (needs PyTorch:
    pip install torch==2.13.0 onnx sympy; about 45 minutes on 2 cores)."""
    from pathlib import Path

    from claimscope.quotes.encoder_train import EncoderTrainOptions, train_encoder

    report = train_encoder(Path(data_dir), Path(model) if model else None,
                           EncoderTrainOptions(layers=layers, epochs=epochs),
                           progress=lambda m: _err(m))
    click.echo(json.dumps(report.to_json(), indent=2))


@cli.group("eval")
def evaluate() -> None:
    """Score claimscope against gold data."""


@evaluate.command("quotes")
@click.argument("gold", type=click.Path(dir_okay=False, exists=True))
@click.option("--model", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Quote tagger to use (default: the shipped one).")
@click.option("--predictions", type=click.Path(dir_okay=False), default=None,
              help="Write every gold article's analysis JSON here, one a line.")
@click.option("--speech-only", is_flag=True, help="Print only the speech-cue scores.")
@click.option("--limit", type=click.IntRange(1), default=None, help="Only the first N articles.")
@click.option("--agreement", "multi", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Also print human agreement from a multi-annotator file.")
@click.option("--encoder", "use_encoder", is_flag=True,
              help="Let the fine-tuned encoder beside the model join the tagger (slow).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def eval_quotes_cmd(
    gold: str, model: str | None, predictions: str | None, speech_only: bool,
    limit: int | None, multi: str | None, use_encoder: bool, fmt: str,
) -> None:
    """Score quote extraction on GOLD (PolNeAR JSONL): exact and overlap P/R/F1 (each F1
    with its 95% bootstrap interval over articles), cue F1, speaker accuracy; speech cues
    and all attributions; beside them the trivial baseline (every double-quoted passage
    is a quote)."""
    from pathlib import Path

    from claimscope.evaluation.quotes import agreement, evaluate_quotes, marks_baseline

    options = AnalyzeOptions(quote_model=model, quote_encoder=use_encoder)
    with atomic_writer(predictions) if predictions else nullcontext(None) as handle:
        result = evaluate_quotes(Path(gold), options, handle, limit)
    baseline = marks_baseline(Path(gold), limit)
    report: dict[str, Any] = {"speech": result.speech.summary(),
                              "baseline_marks_speech": baseline.speech.summary()}
    if not result.gold_nests:
        report["speech_with_nested"] = result.speech_with_nested.summary()
    if not speech_only:
        report["all"] = result.all.summary()
        report["baseline_marks_all"] = baseline.all.summary()
        if not result.gold_nests:
            report["all_with_nested"] = result.all_with_nested.summary()
    if multi:
        human = agreement(Path(multi))
        report["human_speech"] = human.speech.summary()
        report["human_all"] = human.all.summary()
    if fmt == "json":
        click.echo(json.dumps(report, indent=2))
        return
    if not result.gold_nests:
        click.echo("The gold annotates no nested attributions: speech and all score the "
                   "top-level quotes; *_with_nested scores every quote.")
    for name, summary in report.items():
        print_scores(name, summary)


def _register() -> None:
    """The claims commands live in their own module; they join the groups here."""
    from claimscope import cli_claims, cli_framing, cli_store

    train.add_command(cli_claims.train_checkworthy_cmd, "checkworthy")
    train.add_command(cli_claims.train_screen_cmd, "screen")
    train.add_command(cli_framing.train_framing_cmd, "framing")
    evaluate.add_command(cli_claims.eval_checkworthy_cmd, "checkworthy")
    evaluate.add_command(cli_claims.eval_match_cmd, "match")
    evaluate.add_command(cli_framing.eval_framing_cmd, "framing")
    cli.add_command(cli_claims.match_cmd, "match")
    cli.add_command(cli_store.ingest_cmd, "ingest")
    cli.add_command(cli_store.search_cmd, "search")
    cli.add_command(cli_store.export_cmd, "export")
    cli.add_command(cli_store.serve_cmd, "serve")


_register()


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

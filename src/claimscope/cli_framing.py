"""The framing commands (issue 6): cross-validated evaluation on the SemEval data.
Joined to the command line by :mod:`claimscope.cli`."""

from __future__ import annotations

import json

import click

from claimscope.cli_common import say

TASKS = ("techniques", "narratives", "roles")


@click.command("framing")
@click.option("--data", type=click.Path(file_okay=False),
              default="../shared/data/framing", show_default=True,
              help="Folder with the SemEval-2023 task 3 and SemEval-2025 task 10 files "
                   "(cross-validation; not read with --file).")
@click.option("--task", "tasks", type=click.Choice(TASKS), multiple=True,
              help="Score only these (repeatable; default: all three).")
@click.option("--folds", type=click.IntRange(2, 20), default=5, show_default=True)
@click.option("--vectors", is_flag=True,
              help="Give the classifiers MiniLM vectors beside the TF-IDF features (the "
                   "shipped model's techniques read static word-piece vectors instead: "
                   "MiniLM costs more than framing's time budget).")
@click.option("--file", "gold", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Score a model on this labelled file (either data set's format) instead "
                   "of cross-validating.")
@click.option("--model", type=click.Path(dir_okay=False, exists=True), default=None,
              help="With --file: the model to score (default: the shipped one).")
@click.option("--predictions", type=click.Path(dir_okay=False), default=None,
              help="With --file: write every article's predictions here, one a line.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def eval_framing_cmd(data: str, tasks: tuple[str, ...], folds: int, vectors: bool,
                     gold: str | None, model: str | None, predictions: str | None,
                     fmt: str) -> None:
    """Framing scores with the official metrics, a trivial baseline and a 95% bootstrap
    interval beside each: cross-validated (folds by article) on the training files with
    the shipped model's recipe, or, with --file, of a trained model on a labelled file."""
    from contextlib import nullcontext
    from pathlib import Path

    from claimscope.cli_claims import cache_dir
    from claimscope.evaluation.framing import evaluate, evaluate_model
    from claimscope.output import atomic_writer

    if gold is None:
        if model or predictions:
            raise click.UsageError("--model and --predictions go with --file")
        if not Path(data).is_dir():
            raise click.BadParameter(f"directory {data!r} does not exist", param_hint="--data")
        say(f"cross-validating on {data} ({folds} folds; embeddings cached in {cache_dir()})")
        scores = evaluate(Path(data), tasks or TASKS, folds, cache_dir(), vectors)
    else:
        from claimscope.framing.train import load

        trained = load(Path(model) if model else None)
        with atomic_writer(predictions) if predictions else nullcontext(None) as handle:
            scores = evaluate_model(trained, Path(gold), handle)
    if fmt == "json":
        click.echo(json.dumps([s.__dict__ for s in scores], indent=2))
        return
    for s in scores:
        click.echo(f"{s.name:<40} {s.value:.3f}  [{s.low:.3f}, {s.high:.3f}]   "
                   f"baseline {s.baseline:.3f} ({s.baseline_name})")


@click.command("framing")
@click.option("--data", type=click.Path(file_okay=False, exists=True),
              default="../shared/data/framing", show_default=True,
              help="Folder with the SemEval-2023 task 3 and SemEval-2025 task 10 files.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Model file (default: the one shipped in the package).")
def train_framing_cmd(data: str, output: str | None) -> None:
    """Train the framing model (techniques, narratives, roles) on the SemEval data."""
    from pathlib import Path

    from claimscope.framing.static import SHIPPED_DIMENSIONS, distill
    from claimscope.framing.train import default_path, save, train

    target = Path(output) if output else default_path()
    say("distilling static word-piece vectors from MiniLM (about half a minute)")
    model = train(Path(data), distill(dimensions=SHIPPED_DIMENSIONS))
    save(model, target)
    say(f"framing model written to {target}")
    click.echo(json.dumps(model.card, indent=2))

"""The claims commands: train and evaluate check-worthiness, match claims, evaluate matching.

Thin layers over :mod:`claimscope.claims` and :mod:`claimscope.evaluation`; joined to the
command groups by :mod:`claimscope.cli`.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import nullcontext
from pathlib import Path

import click

from claimscope.cli_common import print_scores, say
from claimscope.output import atomic_writer


def cache_dir() -> Path:
    """Where embeddings of fact-check collections are kept (CLAIMSCOPE_CACHE overrides)."""
    return Path(os.environ.get("CLAIMSCOPE_CACHE") or Path.home() / ".cache" / "claimscope")


@click.command("checkworthy")
@click.option("--data", "data_dir", type=click.Path(exists=True),
              default="../shared/data/claims/checkworthy", show_default=True,
              help="Folder holding ct24.train.jsonl, or the file.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Model file (default: the one shipped in the package).")
@click.option("--method", type=click.Choice(["finetune", "linear"]), default="finetune",
              show_default=True,
              help="finetune: MiniLM fine-tuned (needs PyTorch); linear: logistic regression "
                   "on the frozen encoder.")
@click.option("--epochs", type=click.IntRange(1, 20), default=3, show_default=True)
@click.option("--prune", type=click.FloatRange(0, 0.9), default=0.0, show_default=True,
              help="Share of training sentences dropped as label noise first.")
@click.option("--layers", type=click.IntRange(1, 6), default=6, show_default=True,
              help="finetune: how many of MiniLM's six layers to keep (fewer run faster).")
@click.option("--teacher", type=click.Path(dir_okay=False, exists=True), default=None,
              help="finetune: learn this fine-tuned model's scores instead of the labels "
                   "(distillation into fewer layers).")
@click.option("--news", type=click.Path(dir_okay=False, exists=True), default=None,
              help="With --teacher: JSONL news articles whose statements the teacher also "
                   "scores for the student (e.g. quotes/polnear.train.jsonl).")
@click.option("--soup", type=click.IntRange(1, 32), default=1, show_default=True,
              help="finetune: fine-tune this many models (seeds 1..N) and average the "
                   "weights of those that help on the held-out chunk (a greedy soup); 1: one "
                   "model (seed 13).")
@click.option("--device", default="cpu", show_default=True,
              help="finetune: where PyTorch trains, e.g. cuda.")
@click.option("--probe-first", is_flag=True,
              help="finetune: fit the head on the frozen encoder first, then fine-tune from "
                   "it (LP-FT).")
def train_checkworthy_cmd(data_dir: str, output: str | None, method: str, epochs: int,
                          prune: float, layers: int, teacher: str | None,
                          news: str | None, soup: int, device: str,
                          probe_first: bool) -> None:
    """Train the check-worthiness model."""
    from dataclasses import asdict
    from pathlib import Path

    from claimscope.claims.checkworthy import default_model_path

    if news and not teacher:
        raise click.UsageError("--news gives the teacher more statements: it needs --teacher")
    if teacher and method != "finetune":
        raise click.UsageError("--teacher distils into a fine-tuned model: it needs "
                               "--method finetune")
    if method != "finetune" and (soup > 1 or device != "cpu" or probe_first):
        raise click.UsageError("--soup, --device and --probe-first fine-tune: they need "
                               "--method finetune")
    if method == "finetune":
        from claimscope.claims.finetune import FinetuneOptions, finetune_checkworthy
        from claimscope.claims.screen import screen_path

        target = Path(output) if output else default_model_path()
        ft = finetune_checkworthy(Path(data_dir), target,
                                  FinetuneOptions(
                                      epochs=epochs, prune=prune, layers=layers,
                                      teacher=Path(teacher) if teacher else None,
                                      news=Path(news) if news else None,
                                      seeds=tuple(range(1, soup + 1)) if soup > 1 else (13,),
                                      device=device, probe_first=probe_first),
                                  progress=say)
        click.echo(json.dumps(asdict(ft), indent=2))
        stale = screen_path(target)
        if stale.exists():  # it estimates the previous model's scores
            stale.unlink()
            stale.with_suffix(".json").unlink(missing_ok=True)
            say(f"removed {stale}, fitted to the previous model: claimscope train screen "
                "refits it")
        return
    from claimscope.claims.train import TrainOptions, train_checkworthy

    target = Path(output) if output else default_model_path().with_suffix(".npz")
    report = train_checkworthy(Path(data_dir), target, TrainOptions(prune=prune), progress=say)
    click.echo(json.dumps(asdict(report), indent=2))


@click.command("screen")
@click.option("--data", "data_dir", type=click.Path(exists=True, file_okay=False),
              default="../shared/data", show_default=True,
              help="Folder holding claims/checkworthy/ct24.train.jsonl and "
                   "quotes/polnear.train.jsonl (news articles).")
@click.option("--model", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Fine-tuned model whose screen to fit (default: the shipped one).")
@click.option("--miss", type=click.FloatRange(0.0, 0.2), default=None,
              help="Share of the encoder's positives (and negatives) on held-out statements "
                   "that the screen's bounds may get wrong: smaller screens fewer "
                   "[default: 0.01, claims.screen.MISS].")
def train_screen_cmd(data_dir: str, model: str | None, miss: float | None) -> None:
    """Fit the screen that spares the check-worthiness encoder the statements it is sure of."""
    from pathlib import Path

    from claimscope.claims.checkworthy import default_model_path
    from claimscope.claims.screen_train import ScreenOptions, describe, train_screen

    root = Path(data_dir)
    fit = train_screen(root / "claims" / "checkworthy" / "ct24.train.jsonl",
                       root / "quotes" / "polnear.train.jsonl",
                       Path(model) if model else default_model_path(),
                       ScreenOptions() if miss is None else ScreenOptions(miss=miss))
    click.echo(describe(fit))


@click.command("checkworthy")
@click.argument("gold", type=click.Path(dir_okay=False, exists=True))
@click.option("--model", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Model file (.safetensors or .npz; default: the shipped one).")
@click.option("--predictions", type=click.Path(dir_okay=False), default=None,
              help="Write {id, score, label} for every item here, one a line.")
@click.option("--no-screen", is_flag=True,
              help="Run the encoder on every item, without the screen beside the model.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def eval_checkworthy_cmd(gold: str, model: str | None, predictions: str | None,
                         no_screen: bool, fmt: str) -> None:
    """F1 of the positive class on GOLD ({id, text, label} JSONL), with its 95% bootstrap
    interval over the items, beside the majority and all-positive baselines."""
    from pathlib import Path

    from claimscope.evaluation.checkworthy import evaluate_checkworthy

    with atomic_writer(predictions) if predictions else nullcontext(None) as handle:
        result = evaluate_checkworthy(Path(gold), model, handle, screen=not no_screen)
    report = result.to_json()
    if fmt == "json":
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"threshold {report.pop('threshold')}")
    for name, summary in report.items():
        print_scores(name, summary)


@click.command("match")
@click.argument("queries", type=click.Path(dir_okay=False, exists=True))
@click.argument("corpus", type=click.Path(dir_okay=False, exists=True))
@click.option("--predictions", type=click.Path(dir_okay=False), default=None,
              help="Write {id, ranked: [ids]} for every query here, one a line.")
@click.option("--weight", type=click.FloatRange(0, 1), default=None,
              help="Share of the embedding similarity in the score (default: the tuned one).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def eval_match_cmd(queries: str, corpus: str, predictions: str | None,
                   weight: float | None, fmt: str) -> None:
    """MAP@5 and recall@50 of matching QUERIES (CheckThat! 2A JSONL) against the whole
    CORPUS of fact-checked claims, beside BM25 alone."""
    from claimscope.claims.matching import MatchOptions
    from claimscope.evaluation.matching import evaluate_matching

    options = MatchOptions() if weight is None else MatchOptions(weight=weight)
    with atomic_writer(predictions) if predictions else nullcontext(None) as handle:
        result = evaluate_matching(Path(queries), Path(corpus), options, cache_dir(), handle)
    report = result.to_json()
    if fmt == "json":
        click.echo(json.dumps(report, indent=2))
        return
    for name, summary in report.items():
        print_scores(name, summary)


@click.command("match")
@click.argument("claim", required=False)
@click.option("--article", "articles", multiple=True, type=click.Path(exists=True),
              help="Match this article's claims (analysed first); repeatable.")
@click.option("--factchecks", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Fact-check database: CSV or JSONL with claim, verdict, url, date.")
@click.option("--corpus", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Analysed articles (claimscope analyze --format jsonl) to search.")
@click.option("--top", type=click.IntRange(1, 100), default=5, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def match_cmd(claim: str | None, articles: tuple[str, ...], factchecks: str | None,
              corpus: str | None, top: int, fmt: str) -> None:
    """Find where CLAIM (or each claim of --article) was made or checked before: the closest
    fact-checks and corpus claims, with scores, and numbers that drifted across articles."""
    import claimscope
    from claimscope.claims.corpus import claims_of, read_analyses
    from claimscope.claims.factchecks import load_factchecks
    from claimscope.claims.lookup import lookup
    from claimscope.claims.matching import MatchOptions

    if not claim and not articles:
        raise click.UsageError("give a CLAIM text or --article PATH")
    if not factchecks and not corpus:
        raise click.UsageError("give --factchecks FILE and/or --corpus FILE to search")
    queries: list[tuple[str | None, str]] = [(None, claim)] if claim else []
    own = []
    for path in articles:
        analysis = claimscope.analyze(claimscope.read(path)).to_json()
        mine = claims_of(analysis)
        own.extend(mine)
        queries.extend((c.id, c.text) for c in mine)
    checks = load_factchecks(Path(factchecks)) if factchecks else []
    others = [c for a in read_analyses(Path(corpus)) for c in claims_of(a)] if corpus else []
    report = lookup(queries, checks, others, own, MatchOptions(top_k=top), cache_dir())
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
        return
    for res in report.lookups:
        click.echo(f"claim: {res.query}")
        for f in [*res.factchecks, *res.corpus]:
            what = f.record.get("claim") or f.record.get("text")
            extra = f.record.get("verdict") or f.record.get("claimant") or ""
            if f.record.get("stance") == "denies":
                extra += " (denies)"
            click.echo(f"  {f.match.score:.3f}  [{f.source}] {what}  {extra}")
    for d in report.drift:
        values = " -> ".join(f"{p.text} ({p.published or p.article})" for p in d.points)
        click.echo(f"drift: {d.claimant} on {d.object}: {values}")
    sys.stdout.flush()

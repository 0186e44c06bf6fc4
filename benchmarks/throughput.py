"""Throughput of read + analysis against bare spaCy ``nlp.pipe`` on the same texts.

All run in this process on the same articles. The machine is shared and its speed drifts
by ten percent and more from one minute to the next, so the configurations are
interleaved: the articles are cut into chunks (``--chunk``), every configuration runs each
chunk in turn (the order rotated from chunk to chunk), and this repeats for ``--rounds``
rounds; each configuration's time is its sum over all of them, so a slow minute weighs on
every configuration alike. Targets: the base pipeline (sentences, entities) keeps >= 90%
of bare spaCy's throughput; the quote component adds at most 15% to the base pipeline's
time; numbers and claims at most 30%; framing at most 30%. The opt-in quote encoder
(``AnalyzeOptions(quote_encoder=True)``) is timed too when the quote model has one. Wall
time is what the targets measure; processor time (every thread) is printed beside it,
since the parser reads ahead on one core while the components run. Each chunk starts with
an empty read-ahead queue, so the components' last batch in a chunk is not overlapped by
parsing: the shorter the chunk, the more the figures overstate the components' cost.

    python benchmarks/throughput.py [--data ../shared/data] [--articles 150] [--rounds 3]
        [--chunk 50] [--quote-model FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import claimscope
from claimscope import nlp
from claimscope.pipeline import AnalyzeOptions, pipeline_for
from claimscope.quotes import encoder as quote_encoder
from claimscope.quotes.tagger import default_model_path

ROOT = Path(__file__).resolve().parents[1]


def load_texts(data: Path, n: int) -> list[str]:
    path = data / "quotes" / "polnear.train.jsonl"
    if not path.exists():
        raise SystemExit(f"throughput: {path} is missing (pass --data)")
    texts: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            texts.append(json.loads(line)["text"])
            if len(texts) == n:
                break
    return texts


def bare(texts: list[str], batch_size: int) -> float:
    model = nlp.load(None)
    start = time.perf_counter()
    for _doc in model.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def ours(texts: list[str], options: AnalyzeOptions) -> tuple[float, float]:
    """Wall and processor seconds (every thread) of reading and analysing ``texts``."""
    start, cpu = time.perf_counter(), time.process_time()
    articles = [claimscope.read_text(t, source_id=f"t{i}") for i, t in enumerate(texts)]
    for _analysis in pipeline_for(options).run_many(articles):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--chunk", type=int, default=50,
                        help="articles a configuration runs before the next takes its turn")
    parser.add_argument("--quote-model", help="quote tagger to time (default: the shipped one)")
    args = parser.parse_args(argv)
    tagger = {"quote_model": args.quote_model}
    texts = load_texts(args.data, args.articles)
    base = AnalyzeOptions(components=("sentences", "entities"))
    full = AnalyzeOptions(components=("sentences", "entities", "quotes"), **tagger)
    single = AnalyzeOptions(components=("sentences", "entities", "quotes"), quote_passes=1,
                            **tagger)
    claims = AnalyzeOptions(components=("sentences", "entities", "quotes", "numbers", "claims"),
                            **tagger)
    unscreened = AnalyzeOptions(
        components=("sentences", "entities", "quotes", "numbers", "claims"),
        checkworthy_screen=False, **tagger)
    framed = AnalyzeOptions(components=("sentences", "entities", "quotes", "framing"), **tagger)
    # The opt-in quote encoder, timed when the quote model has one beside it.
    model_path = Path(args.quote_model) if args.quote_model else default_model_path()
    accurate = (AnalyzeOptions(components=("sentences", "entities", "quotes"),
                               quote_encoder=True, **tagger)
                if quote_encoder.load(model_path) is not None else None)
    configs = [("base", base), ("full", full), ("single", single), ("claims", claims),
               ("unscreened", unscreened), ("framing", framed)]
    if accurate is not None:
        configs.append(("accurate", accurate))
    words = sum(len(t.split()) for t in texts)
    for _, opts in configs:
        pipeline_for(opts)  # load models before timing
        ours(texts[:5], opts)
    bare(texts[:5], base.batch_size)
    chunks = [texts[i : i + args.chunk] for i in range(0, len(texts), args.chunk)]
    runs: list[tuple[str, Callable[[list[str]], tuple[float, float]]]] = [
        ("bare", lambda part: (bare(part, base.batch_size), 0.0)),
        *((name, partial(ours, options=opts)) for name, opts in configs),
    ]
    # times[name][r]: wall seconds of configuration ``name`` in round r (summed over chunks)
    times: dict[str, list[float]] = {name: [0.0] * args.rounds for name, _ in runs}
    cpu_times: dict[str, list[float]] = {name: [0.0] * args.rounds for name, _ in runs}
    turn = 0
    for r in range(args.rounds):
        for part in chunks:
            for name, run in runs[turn % len(runs) :] + runs[: turn % len(runs)]:
                wall, cpu = run(part)
                times[name][r] += wall
                cpu_times[name][r] += cpu
            turn += 1
    b, o, f, c, g, one, bare_claims = (
        sum(times[k]) for k in ("bare", "base", "full", "claims", "framing", "single",
                                "unscreened")
    )
    print(f"{len(texts)} articles, {words} words, {args.rounds} rounds of {len(chunks)} "
          f"chunks, every configuration in turn; sums over all rounds")
    for name, t in (("bare spaCy nlp.pipe", b), ("read + base pipeline", o),
                    ("read + base + quotes", f), ("same, one tagging pass", one),
                    ("+ numbers + claims", c),
                    ("base + quotes + framing", g)):
        t /= args.rounds
        print(f"{name:<24} {len(texts) / t:8.1f} articles/s  {words / t:9.0f} words/s")
    print(f"base / bare throughput    {b / o:.3f} (target >= 0.90)")
    print(f"quotes' added time        {f / o - 1:+.1%} of the base pipeline (target <= +15%)")
    print(f"  with one tagging pass   {one / o - 1:+.1%} (AnalyzeOptions(quote_passes=1))")
    if accurate is not None:
        print(f"  with the quote encoder  {sum(times['accurate']) / o - 1:+.1%} "
              f"(AnalyzeOptions(quote_encoder=True); processor time "
              f"{sum(cpu_times['accurate']) / sum(cpu_times['base']) - 1:+.1%})")
    print(f"numbers + claims add      {(c - f) / o:+.1%} of the base pipeline (target <= +30%)")
    print(f"  without the screen      {(bare_claims - f) / o:+.1%} "
          "(AnalyzeOptions(checkworthy_screen=False))")
    print(f"framing's added time      {(g - f) / o:+.1%} of the base pipeline (target <= +30%)")
    # The parser reads ahead on one core while the components run (Pipeline.parsed), so wall
    # time hides part of the components' work; processor time (all threads) does not.
    cb, cf, cc, cg = (sum(cpu_times[k]) for k in ("base", "full", "claims", "framing"))
    print(f"processor time: base {cb / args.rounds:.1f} s a round; quotes {cf / cb - 1:+.1%}, "
          f"numbers + claims {(cc - cf) / cb:+.1%}, framing {(cg - cf) / cb:+.1%} of the base "
          "pipeline's")
    # How far the rounds disagree: each round's own ratios.
    per_round = [
        (r["full"] / r["base"] - 1, (r["claims"] - r["full"]) / r["base"],
         (r["framing"] - r["full"]) / r["base"])
        for r in ({k: v[i] for k, v in times.items()} for i in range(args.rounds))
    ]
    print("each round's own ratios (quotes / numbers + claims / framing): "
          + "; ".join(" / ".join(f"{x:+.1%}" for x in r) for r in per_round))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Throughput of read + base NLP against bare spaCy ``nlp.pipe`` on the same texts.

Both run in this process on the same articles, alternating, several rounds; the best round
of each is compared (the machine is shared, so the ratio measured in one run is what
counts). Target: claimscope's base pipeline keeps >= 90% of bare spaCy's throughput.

    python benchmarks/throughput.py [--data ../shared/data] [--articles 150] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import claimscope
from claimscope import nlp
from claimscope.pipeline import AnalyzeOptions, pipeline_for

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


def ours(texts: list[str], options: AnalyzeOptions) -> float:
    start = time.perf_counter()
    articles = [claimscope.read_text(t, source_id=f"t{i}") for i, t in enumerate(texts)]
    for _analysis in pipeline_for(options).run_many(articles):
        pass
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    texts = load_texts(args.data, args.articles)
    options = AnalyzeOptions()
    words = sum(len(t.split()) for t in texts)
    pipeline_for(options)  # load models before timing
    bare(texts[:5], options.batch_size)
    ours(texts[:5], options)
    bare_t, ours_t = [], []
    for _ in range(args.rounds):
        bare_t.append(bare(texts, options.batch_size))
        ours_t.append(ours(texts, options))
    b, o = min(bare_t), min(ours_t)
    print(f"{len(texts)} articles, {words} words, best of {args.rounds} rounds")
    print(f"bare spaCy nlp.pipe      {len(texts) / b:8.1f} articles/s  {words / b:9.0f} words/s")
    print(f"claimscope read+analyze  {len(texts) / o:8.1f} articles/s  {words / o:9.0f} words/s")
    print(f"ratio {b / o:.3f} (target >= 0.90)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

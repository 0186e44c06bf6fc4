"""How much F1 the check-worthiness screen loses on debates its model has not seen.

The screen's bounds are set on held-out statements of the training debates (a random 10%
of the CheckThat! file). This script checks them on later debates, with the proxy model of
the by-debate calibration (``scripts/checkworthy_threshold.py``, trained on the lowest-id
90% of the training file): it fits a screen to that model as ``claimscope train screen``
fits the shipped one, on the lowest-id sentences only, and scores the highest-id ones
(2026-11-29, the model card's "The screen on unseen debates"):

    python scripts/checkworthy_threshold.py split \\
        ../shared/data/claims/checkworthy/ct24.train.jsonl OUT
    claimscope train checkworthy --probe-first --data OUT/bydebate.jsonl \\
        -o OUT/proxy/checkworthy.safetensors
    python scripts/checkworthy_screen_check.py OUT/proxy/checkworthy.safetensors \\
        --split OUT --news ../shared/data/quotes/polnear.train.jsonl --threshold 0.289 \\
        --miss 0.01 0.0075 0.005

(0.289: the LP-FT proxy's threshold on the later debates, as the shipped model's; the
model before LP-FT was checked without ``--probe-first`` at 0.334 and misses 0.01, 0.005
and 0.0025.)

It prints, for each share of missed labels, the F1 on the later debates with the screen and
with the encoder on every statement.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from claimscope.claims.screen import fit_screen
from claimscope.claims.screen_train import ScreenOptions, finetuned_model, news_statements, scored
from claimscope.claims.train import f1_at, read_labelled


def check(model: Path, split: Path, news_file: Path, threshold: float,
          misses: list[float]) -> dict[str, object]:
    scorer = finetuned_model(model)
    later = read_labelled(split / "later.jsonl")
    later_ids = {r.id for r in later}
    early = [r for r in read_labelled(split / "bydebate.jsonl") if r.id not in later_ids]
    options = ScreenOptions()
    cut = int(len(early) * (1 - options.holdout))
    news = news_statements(news_file, options)
    news_cut = int(len(news) * (1 - options.news_holdout))
    fit = scored(scorer, [r.text for r in early[:cut]] + [s for a in news[:news_cut] for s in a])
    held = scored(scorer, [r.text for r in early[cut:]] + [s for a in news[news_cut:] for s in a])
    test = scored(scorer, [r.text for r in later])
    gold = np.array([r.label for r in later])
    result: dict[str, object] = {"later": len(later),
                                 "encoder_f1": round(f1_at(test.scores, gold, threshold), 4)}
    for miss in misses:
        screen = fit_screen(fit, held, threshold, "", miss).screen
        estimate = screen.estimate(test.texts, test.pieces)
        screened = (estimate < screen.low) | (estimate > screen.high)
        # A screened statement keeps the screen's side of the threshold.
        final = np.where(screened, (estimate > screen.high).astype(float), test.scores)
        flipped = (final >= threshold) != (test.scores >= threshold)
        result[f"miss {miss}"] = {"f1": round(f1_at(final, gold, threshold), 4),
                                  "screened": round(float(screened.mean()), 4),
                                  "flipped": round(float(flipped.mean()), 4)}
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", type=Path, help="the proxy model")
    parser.add_argument("--split", type=Path, required=True,
                        help="the folder of checkworthy_threshold.py split")
    parser.add_argument("--news", type=Path, required=True, help="polnear.train.jsonl")
    parser.add_argument("--threshold", type=float, default=0.289)
    parser.add_argument("--miss", type=float, nargs="+", default=[0.01, 0.0075, 0.005])
    args = parser.parse_args(argv)
    print(json.dumps(check(args.model, args.split, args.news, args.threshold, args.miss),
                     indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

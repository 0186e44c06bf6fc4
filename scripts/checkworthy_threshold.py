"""Calibrate the check-worthiness threshold on debates the model has not seen.

The trainer fits its threshold on the last 10% of the training file, sentences from the
debates it trains on. A new debate scores lower (its words fit the training debates less
well), so that threshold is too high there. This script makes the by-debate calibration the
model card describes (2026-11-29):

    python scripts/checkworthy_threshold.py split \
        ../shared/data/claims/checkworthy/ct24.train.jsonl OUT
    claimscope train checkworthy --data OUT/bydebate.jsonl -o OUT/proxy/checkworthy.safetensors
    claimscope eval checkworthy OUT/later.jsonl --model OUT/proxy/checkworthy.safetensors \\
        --no-screen --predictions OUT/later.pred.jsonl
    python scripts/checkworthy_threshold.py set src/claimscope/models/checkworthy.safetensors \\
        --predictions OUT/later.pred.jsonl --gold OUT/later.jsonl
    claimscope train screen

``split`` writes the training file with its sentences of the highest 10% of ids (the
latest debates) last, so that the trainer holds them out (``later.jsonl`` holds them
alone); ``set`` writes the F1-maximising threshold of a proxy model's scores on them into a
model file (the screen beside it must then be refitted: it records the model's digest).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file, save_file

from claimscope.claims.finetune import FinetuneOptions
from claimscope.claims.train import best_threshold, read_labelled
from claimscope.jsonl import json_lines, read_lines
from claimscope.output import atomic_writer


def _number(item_id: str) -> int:
    return int(item_id.rsplit(":", 1)[-1])


def split(train: Path, out: Path) -> None:
    rows = read_labelled(train)
    # The trainer holds out the file's last ``holdout`` share.
    keep = int(len(rows) * (1 - FinetuneOptions().holdout))
    early = set(sorted(range(len(rows)), key=lambda i: _number(rows[i].id))[:keep])
    first = [r for i, r in enumerate(rows) if i in early]
    later = [r for i, r in enumerate(rows) if i not in early]
    out.mkdir(parents=True, exist_ok=True)
    for name, part in (("bydebate.jsonl", first + later), ("later.jsonl", later)):
        with atomic_writer(out / name) as handle:
            for r in part:
                handle.write(json.dumps({"id": r.id, "text": r.text, "label": r.label}) + "\n")
    print(f"{len(first)} earlier sentences, {len(later)} later ones "
          f"({sum(r.label for r in later)} positive) held out")


def set_threshold(model: Path, predictions: Path, gold: Path) -> None:
    labels = {r.id: r.label for r in read_labelled(gold)}
    pred = [p for _, p in json_lines(read_lines(predictions), predictions)]
    scores = np.array([float(p["score"]) for p in pred], dtype=np.float64)
    y = np.array([labels[p["id"]] for p in pred])
    threshold, f1 = best_threshold(scores, y)
    arrays = load_file(str(model))
    old = float(arrays["threshold"][0])
    arrays["threshold"] = np.array([round(threshold, 4)], dtype=np.float32)
    tmp = model.with_suffix(".tmp")
    save_file(arrays, str(tmp))
    tmp.replace(model)
    print(f"threshold {old:.4f} -> {threshold:.4f} (F1 {f1:.3f} on {len(y)} held-out sentences)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_split = sub.add_parser("split")
    p_split.add_argument("train", type=Path)
    p_split.add_argument("out", type=Path)
    p_set = sub.add_parser("set")
    p_set.add_argument("model", type=Path)
    p_set.add_argument("--predictions", type=Path, required=True)
    p_set.add_argument("--gold", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "split":
        split(args.train, args.out)
    else:
        set_threshold(args.model, args.predictions, args.gold)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

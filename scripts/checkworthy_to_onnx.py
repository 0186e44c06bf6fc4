"""Convert a fine-tuned check-worthiness model with float16 layers inside its .safetensors
file (as ``claimscope train checkworthy`` wrote it before int8 ONNX) to the shipped form:
the layers as int8 ONNX beside it, the head left in the file. Prints the held-out figures
of both forms when the training file is given.

    .venv/bin/python scripts/checkworthy_to_onnx.py MODEL.safetensors [--data ct24.train.jsonl]

Needs ``pip install onnx sympy``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file

from claimscope.claims.checkworthy import load_model
from claimscope.claims.onnx_export import save_int8_model
from claimscope.claims.train import f1_at, read_labelled


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("--data", type=Path, help="the training file: score its held-out chunk")
    parser.add_argument("--holdout", type=float, default=0.1)
    args = parser.parse_args()
    arrays = load_file(str(args.model))
    if not any(k.startswith("encoder.") for k in arrays):
        print(f"{args.model}: holds no encoder layers (already converted?)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        before = Path(tmp) / args.model.name
        shutil.copy(args.model, before)
        save_int8_model(arrays, args.model)
        if args.data:
            rows = read_labelled(args.data)
            held = rows[int(len(rows) * (1 - args.holdout)):]
            texts = [r.text for r in held]
            labels = np.array([r.label for r in held])
            for name, path in (("float16 layers, NumPy", before), ("int8 ONNX", args.model)):
                model = load_model(str(path))
                f1 = f1_at(model.score(texts), labels, model.threshold)
                print(f"{name:<22} held-out F1 {f1:.4f} ({len(held)} sentences)")
    print(f"wrote {args.model.with_suffix('.onnx')} and {args.model}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

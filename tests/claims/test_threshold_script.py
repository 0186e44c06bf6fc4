"""scripts/checkworthy_threshold.py: the by-debate split and the threshold it writes."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from safetensors.numpy import load_file, save_file

from tests.scripts import load_script


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return load_script("checkworthy_threshold")


def _write(path: Path, rows: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_split_puts_the_highest_ids_last(script: ModuleType, tmp_path: Path) -> None:
    ids = [5, 30, 12, 1, 99, 7, 64, 3, 40, 20]
    _write(tmp_path / "train.jsonl",
           [{"id": f"ct24:{i}", "text": f"s{i}", "label": i % 2} for i in ids])
    script.split(tmp_path / "train.jsonl", tmp_path / "out")
    order = [json.loads(line)["id"] for line in
             (tmp_path / "out/bydebate.jsonl").read_text(encoding="utf-8").splitlines()]
    later = [json.loads(line)["id"] for line in
             (tmp_path / "out/later.jsonl").read_text(encoding="utf-8").splitlines()]
    # 10% of ten sentences: the one with the highest id, held out last; the rest keep
    # the file's order.
    assert later == ["ct24:99"]
    assert order == [f"ct24:{i}" for i in ids if i != 99] + ["ct24:99"]


def test_set_writes_the_f1_maximising_threshold(script: ModuleType, tmp_path: Path) -> None:
    model = tmp_path / "m.safetensors"
    save_file({"threshold": np.array([0.9], dtype=np.float32),
               "head.bias": np.zeros(1, dtype=np.float32)}, str(model))
    scores = [0.8, 0.6, 0.4, 0.3, 0.2, 0.1]
    labels = [1, 1, 1, 0, 0, 0]
    _write(tmp_path / "gold.jsonl",
           [{"id": str(k), "text": "x", "label": y} for k, y in enumerate(labels)])
    _write(tmp_path / "pred.jsonl",
           [{"id": str(k), "score": s, "label": 0} for k, s in enumerate(scores)])
    script.set_threshold(model, tmp_path / "pred.jsonl", tmp_path / "gold.jsonl")
    arrays = load_file(str(model))
    # Halfway between the last positive (0.4) and the first negative (0.3).
    assert float(arrays["threshold"][0]) == pytest.approx(0.35)
    assert set(arrays) == {"threshold", "head.bias"}
    assert not list(tmp_path.glob("*.tmp"))

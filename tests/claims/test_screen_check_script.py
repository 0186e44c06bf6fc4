"""scripts/checkworthy_screen_check.py: the screen's F1 on debates its model has not seen."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "checkworthy_screen_check.py"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("checkworthy_screen_check", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Scorer:
    """Scores a statement high when it gives a figure, as a stand-in for the encoder."""

    threshold = 0.5
    digest = "test"

    def score(self, texts: Sequence[str]) -> np.ndarray:
        return np.array([0.9 if any(c.isdigit() for c in t) else 0.1 for t in texts])


def test_f1_of_the_positive_class(script: ModuleType) -> None:
    pred = np.array([True, True, False, False])
    gold = np.array([1, 0, 1, 0])
    assert script._f1(pred, gold) == pytest.approx(0.5)
    assert script._f1(np.zeros(2, dtype=bool), np.zeros(2, dtype=int)) == 0.0


def test_check_scores_the_later_debates_only(script: ModuleType, tmp_path: Path,
                                             monkeypatch: Any) -> None:
    rows = [{"id": f"ct24:{i}", "text": f"Spending rose {i} percent" if i % 2 else
             f"Thank you all number{chr(97 + i % 26)}", "label": i % 2} for i in range(200)]
    later = rows[180:]
    (tmp_path / "bydebate.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (tmp_path / "later.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in later), encoding="utf-8")
    monkeypatch.setattr(script, "load_model", lambda *a, **k: _Scorer())
    monkeypatch.setattr(script, "news_statements",
                        lambda *a: [["He said 40 people came.", "It rained."]] * 10)
    result = script.check(tmp_path / "m", tmp_path, tmp_path / "news.jsonl", 0.5, [0.01])
    assert result["later"] == 20
    assert result["encoder_f1"] == 1.0
    entry = result["miss 0.01"]
    assert 0.0 <= entry["screened"] <= 1.0 and 0.0 <= entry["flipped"] <= 1.0
    assert entry["f1"] <= 1.0

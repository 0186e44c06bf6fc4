"""scripts/checkworthy_screen_check.py: the screen's F1 on debates its model has not seen."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from tests.scripts import load_script


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return load_script("checkworthy_screen_check")


class _Pieces:
    def piece_means(self, texts: Sequence[str]) -> np.ndarray:
        return np.full((len(texts), 384), 0.05, dtype=np.float32)


class _Scorer:
    """Scores a statement high when it gives a figure, as a stand-in for the encoder."""

    threshold = 0.5
    digest = "test"
    encoder = _Pieces()

    def score(self, texts: Sequence[str]) -> np.ndarray:
        return np.array([0.9 if any(c.isdigit() for c in t) else 0.1 for t in texts])


def test_check_scores_the_later_debates_only(script: ModuleType, tmp_path: Path,
                                             monkeypatch: Any) -> None:
    rows = [{"id": f"ct24:{i}", "text": f"Spending rose {i} percent" if i % 2 else
             f"Thank you all number{chr(97 + i % 26)}", "label": i % 2} for i in range(200)]
    later = rows[180:]
    (tmp_path / "bydebate.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (tmp_path / "later.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in later), encoding="utf-8")
    monkeypatch.setattr(script, "finetuned_model", lambda *a, **k: _Scorer())
    monkeypatch.setattr(script, "news_statements",
                        lambda *a: [["He said 40 people came.", "It rained."]] * 10)
    result = script.check(tmp_path / "m", tmp_path, tmp_path / "news.jsonl", 0.5, [0.01])
    assert result["later"] == 20
    assert result["encoder_f1"] == 1.0
    entry = result["miss 0.01"]
    assert 0.0 <= entry["screened"] <= 1.0 and 0.0 <= entry["flipped"] <= 1.0
    assert entry["f1"] <= 1.0

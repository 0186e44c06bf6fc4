"""Claims across analyses: collecting them and numeric drift."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from claimscope.claims.corpus import claims_of, numeric_drift, read_analyses
from claimscope.errors import InputError


def analysis(aid: str, published: str | None, value: float, claimant: str = "Vladimir Putin",
             obj: str = "signed contracts") -> dict[str, Any]:
    text = f"about {value:g} {obj}"
    return {
        "id": aid, "outlet": "Outlet", "published": published,
        "numbers": [{"id": "n1", "span": {"start": 6, "end": 6 + len(f"{value:g}"),
                                           "text": f"{value:g}"},
                     "value": value, "unit": None, "object": obj}],
        "claims": [{"id": "c1", "text": {"start": 0, "end": len(text), "text": text},
                    "claimant": {"name": claimant}, "numbers": ["n1"]}],
    }


def test_drift_across_articles_in_date_order() -> None:
    claims = [c for a in (analysis("b", "2023-09-20", 300000), analysis("a", "2023-09-18",
                                                                         270000))
              for c in claims_of(a)]
    drift = numeric_drift(claims)
    assert len(drift) == 1
    d = drift[0]
    assert (d.claimant, d.object) == ("Vladimir Putin", "contract")
    assert [p.value for p in d.points] == [270000, 300000]


@pytest.mark.parametrize("other", [
    analysis("b", None, 270000),                            # same number: no drift
    analysis("b", None, 300000, claimant="Someone Else"),  # another claimant
    analysis("b", None, 300000, obj="volunteers"),          # another object
])
def test_no_drift(other: dict[str, Any]) -> None:
    claims = [*claims_of(analysis("a", None, 270000)), *claims_of(other)]
    assert numeric_drift(claims) == []


def test_a_denied_figure_is_not_the_claimants() -> None:
    """Issue 4: "The ministry denied that 300,000 ..." gives no figure of the ministry's."""
    denied = analysis("b", None, 300000)
    denied["claims"][0]["stance"] = "denies"
    claims = [*claims_of(analysis("a", None, 270000)), *claims_of(denied)]
    assert [c.stance for c in claims] == ["asserts", "denies"]
    assert numeric_drift(claims) == []


def test_read_analyses_names_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(analysis("a", None, 1)) + "\n{\"id\": 2}\n", encoding="utf-8")
    items = read_analyses(path)
    assert next(items)["id"] == "a"
    with pytest.raises(InputError, match="no claims"):
        next(items)

"""SVG charts for the actor and claim pages (issue 5)."""

from __future__ import annotations

import pytest

from claimscope.store.base import MonthCount
from claimscope.web.charts import HEIGHT, Point, format_number, months_chart, numbers_chart


def test_months_chart_stacks_quotes_and_claims() -> None:
    chart = months_chart([MonthCount("2024-01", 4, 2), MonthCount("2024-02", 1, 0),
                          MonthCount("undated", 9, 9)])
    assert chart is not None
    assert len(chart.rects) == 4  # two months, two bars each; undated is not plotted
    tallest = max(chart.rects, key=lambda r: r.height)
    assert tallest.title == "2024-01: 4 quotes"
    assert all(0 <= r.y <= HEIGHT and r.height >= 0 for r in chart.rects)
    assert [label.text for label in chart.labels][1:] == ["2024-01", "2024-02"]


def test_months_chart_needs_a_dated_month() -> None:
    assert months_chart([MonthCount("undated", 3, 1)]) is None
    assert months_chart([]) is None


def test_numbers_chart_places_values_by_date() -> None:
    chart = numbers_chart([Point("2024-01-02", 270_000, "a"), Point("2024-03-01", 300_000, "b")])
    assert chart is not None
    low, high = chart.dots
    assert low.x < high.x and low.y > high.y
    assert numbers_chart([Point("2024-01-02", 5, "only one")]) is None


@pytest.mark.parametrize(("value", "text"), [
    (300000.0, "300,000"), (2.5, "2.5"), (2350000.0, "2,350,000"), (0.125, "0.12"), (-3.0, "-3"),
])
def test_format_number(value: float, text: str) -> None:
    assert format_number(value) == text

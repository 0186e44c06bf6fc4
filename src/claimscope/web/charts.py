"""Small SVG charts drawn from data, as shapes for a template (no JavaScript, no CDN).

The template writes the shapes into an inline ``<svg>``; labels go through Jinja's
escaping like every other text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimscope.store.base import MonthCount

WIDTH = 640
HEIGHT = 180
_PAD = 24  # room for the axis labels


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    css: str
    title: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    rects: tuple[Rect, ...] = ()
    dots: tuple[Dot, ...] = ()
    labels: tuple[Label, ...] = ()


def months_chart(months: Sequence[MonthCount]) -> Chart | None:
    """Quotes and claims per month, stacked bars; None when no month is dated."""
    dated = [m for m in months if m.month != "undated"]
    if not dated:
        return None
    top = max(m.quotes + m.claims for m in dated) or 1
    slot = (WIDTH - _PAD) / len(dated)
    bar = max(1.0, min(40.0, slot * 0.8))
    usable = HEIGHT - 2 * _PAD
    rects: list[Rect] = []
    labels = [Label(0, _PAD - 8, f"{top}")]
    step = max(1, len(dated) // 8)  # at most about eight month labels fit under the axis
    for i, m in enumerate(dated):
        x = _PAD + i * slot
        quote_h = usable * m.quotes / top
        claim_h = usable * m.claims / top
        base = HEIGHT - _PAD
        rects.append(Rect(x, base - quote_h, bar, quote_h, "bar-quote",
                          f"{m.month}: {m.quotes} quotes"))
        rects.append(Rect(x, base - quote_h - claim_h, bar, claim_h, "bar-claim",
                          f"{m.month}: {m.claims} claims"))
        if i % step == 0:
            labels.append(Label(x, HEIGHT - 6, m.month))
    return Chart(WIDTH, HEIGHT, rects=tuple(rects), labels=tuple(labels))


@dataclass(frozen=True)
class Point:
    """A number on a date, for the numbers-over-time chart."""

    date: str
    value: float
    label: str  # what the dot's tooltip says


def numbers_chart(points: Sequence[Point]) -> Chart | None:
    """Each number against its article's date (dates in order, evenly spaced); None when
    fewer than two dated numbers."""
    if len(points) < 2:
        return None
    dates = sorted({p.date for p in points})
    lo = min(p.value for p in points)
    hi = max(p.value for p in points)
    span = (hi - lo) or abs(hi) or 1.0
    usable_w = WIDTH - 3 * _PAD
    usable_h = HEIGHT - 2 * _PAD
    dots = []
    for p in points:
        x = 2 * _PAD + usable_w * (dates.index(p.date) / max(1, len(dates) - 1))
        y = HEIGHT - _PAD - usable_h * ((p.value - lo) / span if hi != lo else 0.5)
        dots.append(Dot(x, y, "dot", p.label))
    labels = [Label(0, _PAD - 8, format_number(hi)), Label(0, HEIGHT - _PAD, format_number(lo)),
              Label(2 * _PAD, HEIGHT - 6, dates[0])]
    if len(dates) > 1:
        labels.append(Label(WIDTH - 3 * _PAD, HEIGHT - 6, dates[-1]))
    return Chart(WIDTH, HEIGHT, dots=tuple(dots), labels=tuple(labels))


def format_number(value: float) -> str:
    """300000.0 as "300,000", 2.5 as "2.5"."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")

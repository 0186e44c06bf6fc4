"""Cut an article's text into segments for highlighting overlapping annotations.

Quotes, claims and entity mentions overlap and nest; HTML marks cannot. The text is cut at
every annotation boundary, and each piece lists the annotations covering it, so the page
wraps every piece once and a click can mark all the pieces of one annotation.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    """One annotation to highlight: ``text[start:end]``, an item id shared by all the marks
    of one annotation (a quote's content pieces, its cue), and CSS classes."""

    start: int
    end: int
    item: str
    classes: tuple[str, ...]


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    text: str
    marks: tuple[Mark, ...]  # those covering the whole piece, outermost first
    opens: tuple[str, ...]  # items whose first mark starts here (anchors for links)

    @property
    def items(self) -> str:
        """The space-separated item ids covering the piece (for ``data-items``)."""
        return " ".join(dict.fromkeys(m.item for m in self.marks))

    @property
    def classes(self) -> str:
        return " ".join(dict.fromkeys(c for m in self.marks for c in m.classes))


def pieces(text: str, marks: Iterable[Mark]) -> list[Piece]:
    """``text`` cut at every boundary of ``marks``; pieces cover the text exactly, in order.

    Marks outside the text or empty are ignored. Runs in O((n + m) log m) for n boundaries
    and m marks (a sweep, not a scan of every mark per piece)."""
    valid = sorted((m for m in marks if 0 <= m.start < m.end <= len(text)),
                   key=lambda m: (m.start, -m.end))
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    first: dict[str, int] = {}
    for m in valid:
        first.setdefault(m.item, m.start)
    opens_at: dict[int, list[str]] = {}
    for item, start in first.items():
        opens_at.setdefault(start, []).append(item)
    out: list[Piece] = []
    active: list[Mark] = []
    nxt = 0
    for lo, hi in itertools.pairwise(cuts):
        active = [m for m in active if m.end > lo]
        while nxt < len(valid) and valid[nxt].start <= lo:
            if valid[nxt].end > lo:
                active.append(valid[nxt])
            nxt += 1
        out.append(Piece(lo, hi, text[lo:hi], tuple(active), tuple(opens_at.get(lo, ()))))
    return out


def palette_index(names: Sequence[str | None]) -> dict[str, int]:
    """A colour slot for each distinct name, in order of first appearance (cycling)."""
    slots: dict[str, int] = {}
    for name in names:
        if name is not None and name not in slots:
            slots[name] = len(slots) % PALETTE_SIZE
    return slots


# Distinct speaker colours in the stylesheet (.sp0 ... .sp7); more speakers reuse them.
PALETTE_SIZE = 8

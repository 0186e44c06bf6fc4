"""Small generated corpora for the store tests."""

from __future__ import annotations

import json
from pathlib import Path

SAYS = ("{name}, the {role}, said on {day} that {n} people had signed contracts with the "
        "army, and that the {thing} would be rebuilt by {month}.")


def records(count: int) -> list[dict[str, str]]:
    names = ["Anna Kovac", "Peter Lind", "Maria Lopez", "John Carter", "Keiko Tanaka"]
    out = []
    for i in range(count):
        out.append({
            "id": f"a{i}", "outlet": ["Wire", "Daily"][i % 2],
            "published": f"2023-09-{i % 28 + 1:02d}", "title": f"Report number {i}",
            "text": SAYS.format(name=names[i % 5], role="minister", day="Monday",
                                n=f"{(i + 1) * 1000:,}", thing=["bridge", "school"][i % 2],
                                month="May"),
        })
    return out


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path

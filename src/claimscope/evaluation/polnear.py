"""Gold attributions in the PolNeAR JSONL format of ``../shared/data/quotes``.

A line: ``{"id", "text", "quotes": [{"content_spans", "speaker_spans", "cue_spans",
"speaker", "type", ...}]}`` with character offsets into ``text`` (end exclusive).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from claimscope.errors import InputError

Offsets = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldQuote:
    content: Offsets
    speaker: Offsets
    cue: Offsets
    speaker_text: str
    kind: str


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    quotes: tuple[GoldQuote, ...]
    title: str | None = None
    publisher: str | None = None


def _offsets(value: object, where: str) -> Offsets:
    if not isinstance(value, list):
        raise InputError(where, "span list expected")
    out = []
    for pair in value:
        if not (isinstance(pair, list) and len(pair) == 2):
            raise InputError(where, f"bad span {pair!r}")
        out.append((int(pair[0]), int(pair[1])))
    return tuple(sorted(out))


def read_gold(path: Path) -> Iterator[GoldArticle]:
    """Articles with their gold quotes; a malformed line raises InputError naming it."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                rec = json.loads(line)
                quotes = tuple(
                    GoldQuote(
                        content=_offsets(q["content_spans"], where),
                        speaker=_offsets(q.get("speaker_spans") or [], where),
                        cue=_offsets(q.get("cue_spans") or [], where),
                        speaker_text=str(q.get("speaker") or ""),
                        kind=str(q.get("type") or ""),
                    )
                    for q in rec["quotes"]
                )
                yield GoldArticle(str(rec["id"]), rec["text"], quotes, rec.get("title"),
                                  rec.get("publisher"))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise InputError(where, f"not a PolNeAR record: {exc}") from exc

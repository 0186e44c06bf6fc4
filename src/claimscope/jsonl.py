"""JSON Lines files read strictly: a line that is not JSON is an error naming the line.

For data files the user hands to training, evaluation and matching (articles are read
by :mod:`claimscope.ingest.records`, where a bad line fails alone instead)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from claimscope.errors import InputError


def read_lines(path: Path) -> list[str]:
    """The lines of a UTF-8 file, or an InputError naming it."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read: {exc}") from exc


def json_lines(lines: Iterable[str], where: str | Path) -> Iterator[tuple[int, Any]]:
    """``(line number, value)`` for each non-blank line; ``where`` names the file."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}:{number}", f"not JSON: {exc.msg}") from exc

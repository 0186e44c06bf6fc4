"""Atomic writes: whole or nothing, and the permissions of any new file of the user."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from claimscope.output import atomic_path, atomic_writer


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_users_permissions(tmp_path: Path) -> None:
    """A temporary file is private (0600); the result was too (found 2026-11-29)."""
    old = os.umask(0o022)
    try:
        with atomic_writer(tmp_path / "out.json") as handle:
            handle.write("{}")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "out.json") == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_an_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    target.chmod(0o600)
    with atomic_path(target) as tmp:
        tmp.write_text("new")
    assert target.read_text() == "new" and _mode(target) == 0o600


def test_nothing_is_left_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("kept")
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write("half")
        raise RuntimeError("stop")
    assert target.read_text() == "kept"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]

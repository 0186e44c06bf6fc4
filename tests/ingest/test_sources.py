"""Paths, directories, standard input, and the bad inputs a batch must survive."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from claimscope.errors import InputError
from claimscope.ingest import Failure, iter_articles, read

BODY = ("The committee published its annual report on Wednesday, showing that spending "
        "rose by 4% while revenue stayed flat for the third year running.\n")


def test_directories_are_walked_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(BODY, encoding="utf-8")
    got = [a.source_id for a in iter_articles([tmp_path]) if not isinstance(a, Failure)]
    assert got == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "c.txt")]


def test_several_paths_and_missing_one(tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    one.write_text(BODY, encoding="utf-8")
    got = list(iter_articles([one, tmp_path / "nope.txt", one]))
    assert [type(g).__name__ for g in got] == ["Article", "Failure", "Article"]
    assert isinstance(got[1], Failure) and "no such file" in got[1].reason


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BODY.encode("utf-8"))))
    article = read("-")
    assert article.source_id == "<stdin>"
    assert "annual report" in article.text


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty input"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00" + bytes(range(256)), "binary"),
        ("latin.txt", BODY.replace("4%", "4% — café").encode("cp1252"), None),
        ("nobody.json", b'{"title": "only a title"}', "'text'"),
        ("nothing.html", b"<html><body><nav>Menu</nav></body></html>", "no article"),
    ],
)
def test_bad_inputs_are_named(tmp_path: Path, name: str, data: bytes, reason: str | None) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    if reason is None:
        assert "café" in read(path).text
        return
    with pytest.raises(InputError) as err:
        read(path)
    assert err.value.source_id == str(path)
    assert reason in err.value.reason
    assert str(path) in str(err.value)


def test_too_large_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError, match="too large"):
        read(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_in_directory(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(BODY, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(BODY, encoding="utf-8")
    locked.chmod(0)
    try:
        got = list(iter_articles([tmp_path]))
    finally:
        locked.chmod(0o644)
    failures = [g for g in got if isinstance(g, Failure)]
    assert [f.source_id for f in failures] == [str(locked)]
    assert "permission denied" in failures[0].reason
    assert len(got) == 2


def test_unreadable_file_reported_even_as_root(tmp_path: Path) -> None:
    """A path that cannot be read (here: a FIFO-free stand-in, a dangling symlink)."""
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    got = list(iter_articles([tmp_path]))
    assert len(got) == 1 and isinstance(got[0], Failure)
    assert got[0].source_id == str(link)


def test_permission_denied_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same path as a chmod 000 file for users who are not root (tests may run as root)."""
    good = tmp_path / "a.txt"
    good.write_text(BODY, encoding="utf-8")
    locked = tmp_path / "b.txt"
    locked.write_text(BODY, encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "b.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    got = list(iter_articles([tmp_path]))
    assert isinstance(got[1], Failure) and got[1].reason == "permission denied"
    assert not isinstance(got[0], Failure)


@pytest.mark.parametrize("text", [BODY + BODY, "x" * 5000])
def test_text_given_as_a_path_is_named_briefly(text: str) -> None:
    """Article text passed to read() is refused with a short name and the way out, not a
    'file name too long' that quotes the whole article."""
    with pytest.raises(InputError) as caught:
        read(text)
    assert "read_text()" in caught.value.reason
    assert len(caught.value.source_id) < 50


def test_a_file_whose_name_holds_a_line_break_is_still_read(tmp_path: Path) -> None:
    odd = tmp_path / "two\nlines.txt"
    odd.write_text(BODY, encoding="utf-8")
    assert "annual report" in read(str(odd)).text

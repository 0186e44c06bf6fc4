"""Reading articles from paths, bytes, records and standard input.

``read`` returns one Article or raises :class:`InputError`; ``iter_articles`` walks many
inputs and yields an Article or a :class:`Failure` for each, so that one bad input never
stops a batch.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from claimscope.errors import InputError
from claimscope.ingest.encoding import decode
from claimscope.ingest.html import from_html
from claimscope.ingest.records import from_record, iter_jsonl, parse_json
from claimscope.ingest.text import from_scraped
from claimscope.model import Article

# Largest single input read (bytes). News articles are kilobytes; an input of many
# megabytes is a dump or a wrong file, and reading it whole would stall a batch.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# JSONL files hold many records, so they may be larger; each line is still checked.
DEFAULT_MAX_JSONL_BYTES = 2 * 1024 * 1024 * 1024

FORMATS = ("auto", "text", "html", "json", "jsonl")
_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html",
    ".xhtml": "html", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
}
STDIN = "-"


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs are read.

    ``clean``: remove page debris. None means the format's default: on for scraped text,
    off for JSON records (whose text is analysed verbatim).
    """

    format: str = "auto"
    clean: bool | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be read, and why."""

    source_id: str
    reason: str

    @property
    def message(self) -> str:
        return f"{self.source_id}: {self.reason}"


def _sniff(text: str) -> str:
    head = text.lstrip()[:1024].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or (
        head.startswith("<") and ("<body" in head or "<p" in head or "<div" in head)
    ):
        return "html"
    if head.startswith(("{", "[")):
        first = text.lstrip().split("\n", 1)[0].strip()
        if first.startswith("{") and first.endswith("}") and "\n" in text.strip():
            return "jsonl"
        return "json"
    return "text"


def _format_of(source_id: str, text: str, options: ReadOptions) -> str:
    if options.format != "auto":
        if options.format not in FORMATS:
            raise InputError(source_id, f"unknown format {options.format!r}")
        return options.format
    ext = Path(source_id).suffix.lower()
    return _EXTENSIONS.get(ext) or _sniff(text)


def articles_from_text(
    text: str, source_id: str, options: ReadOptions
) -> Iterator[Article | Failure]:
    """Every article a decoded input holds (one, or many for JSON lists and JSONL).

    A bad record among many comes as a Failure and the rest still come; an input that is
    bad as a whole raises InputError.
    """
    fmt = _format_of(source_id, text, options)
    if fmt == "html":
        yield from_html(text, source_id)
    elif fmt == "json":
        records = parse_json(text, source_id)
        numbered = [
            (source_id if len(records) == 1 else f"{source_id}#{i}", r)
            for i, r in enumerate(records)
        ]
        yield from records_to_articles(numbered, options, many=len(records) > 1)
    elif fmt == "jsonl":
        yield from records_to_articles(iter_jsonl(text, source_id), options)
    else:
        yield from_scraped(text, source_id, clean=options.clean is not False)


def records_to_articles(
    numbered: Iterable[tuple[str, Any]], options: ReadOptions, *, many: bool = True
) -> Iterator[Article | Failure]:
    """Articles from ``(source_id, record)`` pairs; a record given as an InputError (a line
    that was not JSON) or not a valid record comes as a Failure when ``many``, else raises.
    """
    for sid, record in numbered:
        try:
            if isinstance(record, InputError):
                raise record
            yield from_record(record, sid, clean=bool(options.clean))
        except InputError as exc:
            if not many:
                raise
            yield Failure(exc.source_id, exc.reason)


def _read_bytes(path: Path, options: ReadOptions) -> bytes:
    source_id = str(path)
    try:
        size = path.stat().st_size
        limit = (
            DEFAULT_MAX_JSONL_BYTES
            if _EXTENSIONS.get(path.suffix.lower()) == "jsonl"
            else options.max_bytes
        )
        if size > limit:
            raise InputError(
                source_id,
                f"file too large ({size / 1e6:.1f} MB; the limit is {limit / 1e6:.1f} MB)",
            )
        return path.read_bytes()
    except PermissionError as exc:
        raise InputError(source_id, "permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError(source_id, "is a directory") from exc
    except FileNotFoundError as exc:
        raise InputError(source_id, "no such file") from exc
    except OSError as exc:
        raise InputError(source_id, exc.strerror or str(exc)) from exc


def _read_stream(stream: BinaryIO, source_id: str, options: ReadOptions) -> bytes:
    data = stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        raise InputError(source_id, f"input too large (over {options.max_bytes / 1e6:.1f} MB)")
    return data


def _only(items: Iterable[Article | Failure], source_id: str) -> Article:
    """The single article an input must hold for ``read``."""
    found = list(items)
    for item in found:
        if isinstance(item, Failure):
            raise InputError(item.source_id, item.reason)
    if len(found) != 1:
        raise InputError(
            source_id, f"holds {len(found)} articles; use iter_articles to read them all"
        )
    article = found[0]
    assert isinstance(article, Article)
    return article


def read(
    source: str | os.PathLike[str] | bytes | Mapping[str, Any],
    options: ReadOptions | None = None,
    *,
    source_id: str | None = None,
) -> Article:
    """Read one article from a path, bytes, or a record (a mapping with ``text``).

    A ``str`` is a path ("-" is standard input); use :func:`read_text` for text in memory.
    """
    opts = options or ReadOptions()
    if isinstance(source, Mapping):
        return from_record(source, source_id or "<record>", clean=bool(opts.clean))
    if isinstance(source, bytes):
        sid = source_id or "<bytes>"
        if len(source) > opts.max_bytes:
            raise InputError(sid, f"input too large ({len(source) / 1e6:.1f} MB)")
        data = source
    elif os.fspath(source) == STDIN:
        sid = source_id or "<stdin>"
        data = _read_stream(sys.stdin.buffer, sid, opts)
    else:
        if isinstance(source, str) and _is_text(source):
            raise InputError(
                source_id or _preview(source),
                "this is text, not a file path: use read_text() for text in memory",
            )
        sid = source_id or str(source)
        data = _read_bytes(Path(source), opts)
    return _only(articles_from_text(decode(data, sid).text, sid, opts), sid)


# Longest file path the system takes (Linux PATH_MAX); a longer string is not a path.
_PATH_MAX = 4096


def _is_text(source: str) -> bool:
    """Whether a string given as a path is article text: it holds a line break or is too
    long for a path, and names no file."""
    if "\n" not in source and len(source) <= _PATH_MAX:
        return False
    try:
        return not Path(source).exists()
    except (OSError, ValueError):
        return True


def _preview(text: str, width: int = 40) -> str:
    """The start of a text, on one line, to name it in a message."""
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= width else flat[: width - 1] + "…")


def read_text(
    text: str, options: ReadOptions | None = None, *, source_id: str = "<text>"
) -> Article:
    """Read an article from text in memory."""
    if not text.strip():
        raise InputError(source_id, "empty input")
    return _only(articles_from_text(text, source_id, options or ReadOptions()), source_id)


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Failure]:
    """Files under the given paths (directories recursively, in name order)."""
    for raw in paths:
        path = Path(raw)
        if os.fspath(raw) == STDIN:
            yield path
        elif path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path
        else:
            yield Failure(str(path), "no such file or directory")


def _walk(root: Path) -> Iterator[Path | Failure]:
    errors: list[Failure] = []

    def onerror(exc: OSError) -> None:
        errors.append(Failure(str(exc.filename or root), exc.strerror or "unreadable directory"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            if path.suffix.lower() in _EXTENSIONS or not path.suffix:
                yield path
        yield from errors
        errors.clear()


def iter_articles(
    paths: Iterable[str | os.PathLike[str]], options: ReadOptions | None = None
) -> Iterator[Article | Failure]:
    """Every article under ``paths``, in order; unreadable inputs come as Failures."""
    opts = options or ReadOptions()
    for item in expand_paths(paths):
        if isinstance(item, Failure):
            yield item
            continue
        sid = "<stdin>" if os.fspath(item) == STDIN else str(item)
        try:
            if os.fspath(item) == STDIN:
                data = _read_stream(sys.stdin.buffer, sid, opts)
            else:
                data = _read_bytes(item, opts)
            text = decode(data, sid).text
            yield from articles_from_text(text, sid, opts)
        except InputError as exc:
            yield Failure(exc.source_id, exc.reason)

"""Writing results safely: an output file appears whole or not at all, with the
permissions any new file of the user would have (a temporary file is private)."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

# Used where the process's umask cannot be read (no /proc): the usual one.
_DEFAULT_UMASK = 0o022
_UMASK_LINE = re.compile(r"^Umask:\s*([0-7]+)$", re.MULTILINE)


def _umask() -> int:
    """The process's file-creation mask, read without changing it (``os.umask`` sets it
    while it reads it, which a thread creating a file at that moment would feel)."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return _DEFAULT_UMASK
    found = _UMASK_LINE.search(status)
    return int(found.group(1), 8) if found else _DEFAULT_UMASK


def _mode_for(target: Path) -> int:
    """The mode ``target`` has when it exists, else that of a new file."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


@contextmanager
def atomic_path(path: str | os.PathLike[str], suffix: str = ".part") -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; on success it is given the target's
    permissions and moved into place, on failure removed."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[TextIO]:
    """Write text to a temporary file beside ``path`` and move it into place on success."""
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())

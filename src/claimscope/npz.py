"""Reading the ``.npz`` files models are kept in."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimscope.errors import ModelLoadError


@dataclass(frozen=True)
class Archive:
    arrays: dict[str, np.ndarray]
    digest: str  # the first 8 hex digits of the file's SHA-256 (models' versions)


def read_archive(path: Path, what: str) -> Archive:
    """Every array in the ``.npz`` file at ``path``, and the file's digest, from one read. A
    missing, empty, truncated or foreign file is a :class:`ModelLoadError` naming ``what``
    and the file. The bytes are read first: ``np.load`` on a path leaves the file open when
    the archive is damaged."""
    try:
        raw = path.read_bytes()
        with np.load(io.BytesIO(raw), allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as exc:
        raise ModelLoadError(f"cannot load {what} {path}: {exc}") from exc
    return Archive(arrays, hashlib.sha256(raw).hexdigest()[:8])


def read_arrays(path: Path, what: str) -> dict[str, np.ndarray]:
    """The arrays of :func:`read_archive`."""
    return read_archive(path, what).arrays

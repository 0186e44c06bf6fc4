"""Reading the ``.npz`` files models are kept in."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np

from claimscope.errors import ModelLoadError


def read_arrays(path: Path, what: str) -> dict[str, np.ndarray]:
    """Every array in the ``.npz`` file at ``path``. A missing, empty, truncated or foreign
    file is a :class:`ModelLoadError` naming ``what`` and the file. The bytes are read first:
    ``np.load`` on a path leaves the file open when the archive is damaged."""
    try:
        raw = path.read_bytes()
        with np.load(io.BytesIO(raw), allow_pickle=False) as archive:
            return {name: archive[name] for name in archive.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as exc:
        raise ModelLoadError(f"cannot load {what} {path}: {exc}") from exc

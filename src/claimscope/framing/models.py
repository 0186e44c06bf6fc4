"""Decoding role predictions along the taxonomy (shared by the pipeline component and the
cross-validation): a main role with its fine roles (narratives: ``framing.narratives``).

Classifiers weigh classes as balanced unless said otherwise, so a probability of 0.5 is
their neutral point and serves as the threshold without tuning on evaluation data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

THRESHOLD = 0.5


def choose_roles(main_labels: Sequence[str], main_p: np.ndarray, fine_labels: Sequence[str],
                 fine_p: np.ndarray,
                 taxonomy: Mapping[str, Sequence[str]]) -> tuple[str, float, list[str]]:
    """The likeliest main role, and the fine roles inside it that pass the threshold (the
    likeliest one when none does: an actor with a role has a fine role)."""
    j = int(np.argmax(main_p))
    main = main_labels[j]
    allowed = set(taxonomy.get(main, ()))
    ranked = sorted(((float(v), n) for n, v in zip(fine_labels, fine_p, strict=True)
                     if n in allowed), reverse=True)
    fine = [n for v, n in ranked if v >= THRESHOLD] or [n for _, n in ranked[:1]]
    return main, float(main_p[j]), fine

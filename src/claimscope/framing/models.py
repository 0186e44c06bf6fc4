"""Decoding framing predictions along the taxonomies (shared by the pipeline component
and the cross-validation): narratives with their sub-narratives, roles with fine roles.

Classifiers weigh classes as balanced unless said otherwise, so a probability of 0.5 is
their neutral point and serves as the threshold without tuning on evaluation data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from claimscope.framing.data import OTHER

THRESHOLD = 0.5


def decode(narratives: Sequence[str], subnarratives: Sequence[str]) -> tuple[list[str],
                                                                            list[str]]:
    """Narratives and sub-narratives made consistent with the taxonomy: a sub-narrative
    only under a predicted narrative, "<narrative>: Other" when none of its own passes,
    "Other" when no narrative does."""
    if not narratives:
        return [OTHER], [OTHER]
    fine: list[str] = []
    for narrative in narratives:
        under = [s for s in subnarratives if s.startswith(narrative + ": ")]
        fine.extend(under or [f"{narrative}: {OTHER}"])
    return list(narratives), fine


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

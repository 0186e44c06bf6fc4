"""95% bootstrap intervals over the scored units (articles, or a file's items): the figures
of a dev file of 84 articles or 318 sentences move by a few points when other units are
drawn, and a score is read beside that spread."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

# Resamples for an interval: the percentiles move by well under a point between seeds.
RESAMPLES = 1000


def interval(statistic: Callable[[np.ndarray], float], n: int,
             seed: int = 0) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of ``statistic`` over resamples of ``n`` units
    drawn with replacement (``statistic`` takes the drawn units' indices)."""
    if n < 1:
        raise ValueError("a bootstrap interval needs at least one unit")
    rng = np.random.default_rng(seed)
    values = [statistic(rng.integers(0, n, n)) for _ in range(RESAMPLES)]
    return float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5))

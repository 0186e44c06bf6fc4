import numpy as np
import pytest

from claimscope.evaluation.bootstrap import RESAMPLES, interval


def test_interval_of_a_constant_is_that_constant() -> None:
    assert interval(lambda drawn: 0.7, 10) == (0.7, 0.7)


def test_interval_is_reproducible_and_brackets_the_mean() -> None:
    values = np.linspace(0.0, 1.0, 50)
    low, high = interval(lambda drawn: float(values[drawn].mean()), len(values))
    assert (low, high) == interval(lambda drawn: float(values[drawn].mean()), len(values))
    assert 0.4 < low < 0.5 < high < 0.6


def test_every_resample_draws_n_articles() -> None:
    sizes: list[int] = []
    interval(lambda drawn: float(sizes.append(len(drawn)) or 0.0), 7)
    assert sizes == [7] * RESAMPLES


def test_no_articles_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one unit"):
        interval(lambda drawn: 0.0, 0)

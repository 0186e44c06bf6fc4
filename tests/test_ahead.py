import threading
import time
from collections.abc import Iterator

import pytest

from claimscope import ahead as ahead_module
from claimscope.ahead import ahead, blas_limit, component_threads


class Boom(Exception):
    pass


def _numbers(n: int, fail_at: int | None = None) -> Iterator[int]:
    for i in range(n):
        if i == fail_at:
            raise Boom(f"item {i}")
        yield i


@pytest.mark.parametrize(("n", "size"), [(0, 1), (1, 1), (5, 1), (100, 3), (100, 500)])
def test_items_come_in_order(n: int, size: int) -> None:
    assert list(ahead(_numbers(n), size=size)) == list(range(n))


def test_an_error_is_raised_where_its_item_would_have_come() -> None:
    seen: list[int] = []
    with pytest.raises(Boom, match="item 3"):
        for i in ahead(_numbers(10, fail_at=3), size=2):
            seen.append(i)
    assert seen == [0, 1, 2]


def test_the_producer_runs_in_another_thread() -> None:
    threads: list[str] = []

    def names() -> Iterator[str]:
        for _ in range(3):
            threads.append(threading.current_thread().name)
            yield "x"

    assert list(ahead(names())) == ["x", "x", "x"]
    assert threading.current_thread().name not in threads


def test_closing_early_stops_the_producer() -> None:
    made: list[int] = []

    def endless() -> Iterator[int]:
        i = 0
        while True:
            made.append(i)
            yield i
            i += 1

    it = ahead(endless(), size=2)
    assert next(it) == 0
    it.close()
    time.sleep(0.5)  # the producer notices within its polling interval (0.1 s)
    count = len(made)
    time.sleep(0.3)
    assert len(made) == count  # it stopped
    assert count <= 5  # at most the queue's size ahead of what was taken, plus in-hand items


def test_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(ahead([1], size=0))


@pytest.mark.parametrize(("cores", "requested", "expected"),
                         [(2, 0, 1), (8, 0, 7), (1, 0, 1), (None, 0, 1), (2, 3, 3), (8, 1, 1)])
def test_component_threads_leave_a_core_to_the_parser(
    monkeypatch: pytest.MonkeyPatch, cores: int | None, requested: int, expected: int
) -> None:
    monkeypatch.setattr(ahead_module.os, "cpu_count", lambda: cores)
    assert component_threads(requested) == expected


def test_blas_limit_holds_numpy_to_its_threads_and_gives_them_back() -> None:
    import numpy as np  # noqa: F401  (loads the BLAS library)
    from threadpoolctl import threadpool_info

    def blas_threads() -> set[int]:
        return {i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}

    before = blas_threads()
    if not before:
        pytest.skip("NumPy was built without a BLAS library threadpoolctl knows")
    with blas_limit(1):
        assert blas_threads() == {1}
    assert blas_threads() == before

"""Reading an iterator ahead in a background thread.

The pipeline parses articles with spaCy and then runs its components on each parse. The
two can overlap: while the components of one article run (the check-worthiness encoder in
ONNX Runtime, the framing encoder's matrix products: native code that releases the GIL),
the parser can already work on the next batch on another core. :func:`ahead` runs the
producing iterator (``nlp.pipe``) in one thread and hands its items over through a bounded
queue, in order; the consumer sees the same items, exceptions included, as if it iterated
the producer itself.

The components then get every core but the parser's (:func:`component_threads`): the
check-worthiness encoder its ONNX Runtime threads, NumPy its BLAS threads (:func:`blas_limit`;
OpenBLAS's idle threads spin, and took the parser's core). On the throughput benchmark
(two cores, 100 PolNeAR articles, three runs) numbers and claims added +8.6% to +15.1% of
the base pipeline's wall time so, against +50-90% before the parser read ahead; their
processor time stays about +50%.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

# How long the producer waits on a full queue before it looks whether the consumer left.
_POLL_S = 0.1


@dataclass(frozen=True, slots=True)
class _Raised:
    error: BaseException


class _End:
    pass


def ahead(items: Iterable[T], size: int = 32) -> Iterator[T]:
    """The items of ``items`` in order, produced by a background thread at most ``size``
    items ahead of the consumer. An exception raised by the producer is raised here, where
    its item would have come; closing this iterator early stops the producer."""
    if size < 1:
        raise ValueError("size must be at least 1")
    box: queue.Queue[T | _Raised | _End] = queue.Queue(maxsize=size)
    stop = threading.Event()

    def put(item: T | _Raised | _End) -> bool:
        while not stop.is_set():
            try:
                box.put(item, timeout=_POLL_S)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(item):
                    return
        except BaseException as exc:  # handed to the consumer, raised there
            put(_Raised(exc))
            return
        put(_End())

    thread = threading.Thread(target=produce, name="claimscope-ahead", daemon=True)
    thread.start()
    try:
        while True:
            got = box.get()
            if isinstance(got, _End):
                thread.join()
                return
            if isinstance(got, _Raised):
                raise got.error
            yield got
    finally:
        # A consumer that leaves early (an error, a closed generator) does not wait for the
        # producer: it stops at its next item, and nothing reads what it made.
        stop.set()


def component_threads(requested: int) -> int:
    """Threads for the native code of the components (ONNX Runtime, BLAS): ``requested``,
    or for 0 every core but the one the parser uses while it reads ahead."""
    return requested or max(1, (os.cpu_count() or 1) - 1)


class BlasLimit:
    """A context that holds the BLAS libraries loaded so far to a number of threads and
    gives them back their own on exit (cheap: about 15 microseconds a use). Meant for the
    one thread that consumes :func:`ahead`'s items; each thread keeps its own restore."""

    def __init__(self, threads: int) -> None:
        from threadpoolctl import ThreadpoolController

        self.threads = threads
        self._controller = ThreadpoolController()
        self._held = threading.local()

    def __enter__(self) -> None:
        self._held.limit = self._controller.limit(limits=self.threads, user_api="blas")

    def __exit__(self, *exc: object) -> None:
        limit: Any = self._held.limit
        limit.restore_original_limits()


def blas_limit(requested: int) -> BlasLimit:
    """:class:`BlasLimit` at :func:`component_threads` of ``requested``."""
    return BlasLimit(component_threads(requested))

"""Store backends for the shared store suite: SQLite always; PostgreSQL on the throwaway
server that ``make test`` starts (its URL in CLAIMSCOPE_TEST_PG). Without that server the
PostgreSQL cases skip, except where CLAIMSCOPE_PG_TESTS=required (``make test``)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from claimscope.store import Store, open_store

BACKENDS = ("sqlite", "postgres")


def admin_url() -> str:
    url = os.environ.get("CLAIMSCOPE_TEST_PG")
    if url:
        return url
    if os.environ.get("CLAIMSCOPE_PG_TESTS") == "required":
        pytest.fail("CLAIMSCOPE_TEST_PG is not set (make test starts a PostgreSQL server)",
                    pytrace=False)
    pytest.skip("no PostgreSQL server (set CLAIMSCOPE_TEST_PG, as make test does)")


def fresh_database() -> str:
    """A new, empty PostgreSQL database on the test server; its URL."""
    import psycopg

    admin = admin_url()
    name = f"claimscope_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    return admin.rsplit("/", 1)[0] + f"/{name}"


def fresh_db(backend: str, folder: Path) -> str:
    """The ``--db`` value of a new, empty store of ``backend``."""
    if backend == "postgres":
        return fresh_database()
    return str(folder / f"{uuid.uuid4().hex[:8]}.db")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture()
def make_store(backend: str, tmp_path: Path) -> Iterator[Callable[[], Store]]:
    """Opens new, empty stores of the parametrized backend; closes them after the test."""
    opened: list[Store] = []

    def make() -> Store:
        store = open_store(fresh_db(backend, tmp_path))
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()

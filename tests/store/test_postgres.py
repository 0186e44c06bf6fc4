"""PostgreSQL-only behaviour of the store (issue 7). The shared suite is test_store.py."""

from __future__ import annotations

import pytest

from claimscope.store import StoreError, open_store
from claimscope.store.postgres import MIGRATIONS, PostgresStore, redact
from tests.store.conftest import fresh_database


@pytest.mark.parametrize(("url", "shown"), [
    ("postgresql://ann:s3cret@db.example:5432/news", "postgresql://ann:***@db.example:5432/news"),
    ("postgresql://ann@localhost/news", "postgresql://ann@localhost/news"),
    ("postgres://ann:p%40ss@h/x", "postgres://ann:***@h/x"),
    ("corpus.db", "corpus.db"),
])
def test_passwords_never_reach_messages(url: str, shown: str) -> None:
    assert redact(url) == shown


def test_unreachable_server_is_a_clear_error() -> None:
    shown = r"^postgresql://ann:\*\*\*@127.0.0.1:1/x\S*: cannot open"
    with pytest.raises(StoreError, match=shown) as caught:
        open_store("postgresql://ann:secret@127.0.0.1:1/x?connect_timeout=2")
    assert "secret" not in str(caught.value)


def test_migrations_are_recorded_once() -> None:
    url = fresh_database()
    first = open_store(url)
    assert isinstance(first, PostgresStore)
    first.close()
    again = PostgresStore(url)
    assert again.migrations() == [v for v, _ in MIGRATIONS]
    again.close()


def test_websearch_syntax_never_fails() -> None:
    from claimscope.store import SearchQuery

    store = open_store(fresh_database())
    try:
        for text in ['"unclosed', "cluster AND (", "-", "or or"]:
            assert store.search(SearchQuery(text)) == []
    finally:
        store.close()

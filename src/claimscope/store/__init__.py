"""Corpus stores: analyses kept, searched and served. ``open_store`` picks the backend."""

from __future__ import annotations

import os

from claimscope.store.base import (
    ActorRecord,
    ArticleFilter,
    ArticleRow,
    Hit,
    MonthCount,
    QueryError,
    SearchQuery,
    Shard,
    Store,
    StoreError,
    versions,
)
from claimscope.store.sqlite import SQLiteStore

DEFAULT_DB = "claimscope.db"

__all__ = [
    "DEFAULT_DB", "ActorRecord", "ArticleFilter", "ArticleRow", "Hit", "MonthCount",
    "QueryError", "SQLiteStore", "SearchQuery", "Shard", "Store", "StoreError", "is_url",
    "open_existing", "open_store", "versions",
]


def is_url(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


def open_store(db: str) -> Store:
    """The store at ``db``: a PostgreSQL URL (postgresql://...) or a SQLite file path
    (created when missing)."""
    if is_url(db):
        from claimscope.store.postgres import PostgresStore

        return PostgresStore(db)
    return SQLiteStore(db)


def open_existing(db: str) -> Store:
    """Like :func:`open_store`, but a SQLite file must exist already (for reading)."""
    if not is_url(db) and not os.path.isfile(db):
        raise StoreError(f"{db}: no such database (create it with claimscope ingest)")
    return open_store(db)

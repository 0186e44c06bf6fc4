"""Corpus stores: analyses kept, searched and served. ``open_store`` picks the backend."""

from __future__ import annotations

from claimscope.store.base import (
    ActorRecord,
    ArticleFilter,
    ArticleRow,
    Hit,
    MonthCount,
    QueryError,
    SearchQuery,
    Store,
    StoreError,
    versions,
)
from claimscope.store.sqlite import SQLiteStore

DEFAULT_DB = "claimscope.db"

__all__ = [
    "DEFAULT_DB", "ActorRecord", "ArticleFilter", "ArticleRow", "Hit", "MonthCount",
    "QueryError", "SQLiteStore", "SearchQuery", "Store", "StoreError", "open_store",
    "versions",
]


def open_store(db: str) -> Store:
    """The store at ``db``: a SQLite file path (PostgreSQL URLs are not supported yet)."""
    if db.startswith(("postgresql://", "postgres://")):
        raise StoreError("PostgreSQL stores are not available in this version; use a file path")
    return SQLiteStore(db)

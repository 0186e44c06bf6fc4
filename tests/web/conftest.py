"""A corpus for the web tests: the bundled examples plus a hostile (XSS) article."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimscope.store import SQLiteStore
from claimscope.store.ingest import ingest

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile_article.json"


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> str:
    db = tmp_path_factory.mktemp("web") / "corpus.db"
    store = SQLiteStore(db)
    try:
        report = ingest([str(examples_dir), str(HOSTILE)], store)
    finally:
        store.close()
    assert report.failed == 0 and report.stored >= 6
    return str(db)

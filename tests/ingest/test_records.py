"""JSON and JSONL records: text verbatim, id kept, bad records named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimscope.errors import InputError
from claimscope.ingest import Failure, ReadOptions, iter_articles, read

RECORD = {
    "id": "r-1",
    "text": "Share\n\n“We will not pay,” the mayor said on Monday — again.\n",
    "title": "Mayor refuses",
    "url": "https://example.org/a",
    "published": "2024-05-02T10:00:00Z",
    "outlet": "Example Times",
}


def test_record_is_analysed_verbatim_and_keeps_its_id() -> None:
    article = read(RECORD)
    assert article.text == RECORD["text"]
    assert article.id == "r-1"
    assert article.title == "Mayor refuses"
    assert article.outlet == "Example Times"
    assert article.published == "2024-05-02"
    assert article.url == "https://example.org/a"
    assert article.removed == ()


def test_record_cleaned_on_request() -> None:
    article = read(RECORD, ReadOptions(clean=True))
    assert [r.text for r in article.removed] == ["Share"]
    assert article.id == "r-1"


def test_json_file_with_list(tmp_path: Path) -> None:
    path = tmp_path / "two.json"
    path.write_text(json.dumps([RECORD, {**RECORD, "id": "r-2"}]), encoding="utf-8")
    ids = [a.id for a in iter_articles([path]) if not isinstance(a, Failure)]
    assert ids == ["r-1", "r-2"]


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"title": "no text"}, "without a 'text' field"),
        ({"text": 42}, "must be a string"),
        ({"text": "   "}, "empty 'text'"),
        ({"text": "ok body", "title": ["x"]}, "'title' must be a string"),
        ([1, 2], "JSON object"),
    ],
)
def test_bad_records_raise_with_reason(record: object, reason: str) -> None:
    with pytest.raises(InputError) as err:
        read(record if isinstance(record, dict) else {"text": None, "x": record})
    if isinstance(record, dict):
        assert reason in err.value.reason


def test_jsonl_bad_lines_fail_alone(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps(RECORD), "{not json", json.dumps({"title": "x"}),
             json.dumps({**RECORD, "id": "r-3"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = list(iter_articles([path]))
    assert [type(g).__name__ for g in got] == ["Article", "Failure", "Failure", "Article"]
    bad = [g for g in got if isinstance(g, Failure)]
    assert bad[0].source_id == f"{path}:2" and "invalid JSON" in bad[0].reason
    assert bad[1].source_id == f"{path}:3" and "'text'" in bad[1].reason


def test_invalid_json_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"text": "unterminated', encoding="utf-8")
    with pytest.raises(InputError, match="invalid JSON"):
        read(path)

"""Fact-check files: CSV and JSONL read whole, or a clear error naming line and problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimscope.claims.factchecks import load_factchecks
from claimscope.errors import InputError


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_csv(tmp_path: Path) -> None:
    path = write(tmp_path, "fc.csv", "id,claim,verdict,url,date\n"
                 "a,\"The US uses cluster munitions, officials say\",mixed,http://x,2023-07-01\n"
                 "b,Moscow never refused to negotiate,false,,\n")
    records = load_factchecks(path)
    assert [r.id for r in records] == ["a", "b"]
    assert records[0].claim == "The US uses cluster munitions, officials say"
    assert records[1].verdict == "false" and records[1].url is None


def test_jsonl_with_text_field_and_no_id(tmp_path: Path) -> None:
    path = write(tmp_path, "fc.jsonl", '{"text": "A claim."}\n\n{"claim": "Another one."}\n')
    records = load_factchecks(path)
    assert [r.id for r in records] == ["line-1", "line-3"]


@pytest.mark.parametrize(("name", "data", "where", "problem"), [
    ("fc.jsonl", '{"claim": "ok"}\n{"claim": "broken\n', "fc.jsonl:2", "not JSON"),
    ("fc.jsonl", '{"claim": "ok"}\n["a list"]\n', "fc.jsonl:2", "not a JSON object"),
    ("fc.jsonl", '{"verdict": "false"}\n', "fc.jsonl:1", "missing column claim"),
    ("fc.jsonl", '{"claim": "  "}\n', "fc.jsonl:1", "empty claim"),
    ("fc.csv", "id,verdict\na,false\n", "fc.csv:1", "missing column claim"),
    ("fc.csv", "id,claim\na,one\nb,two,extra\n", "fc.csv:3", "more fields"),
    ("fc.csv", "id,claim,verdict\na,one\n", "fc.csv:2", "fewer fields"),
    ("fc.jsonl", '{"id": "a", "claim": "x"}\n{"id": "a", "claim": "y"}\n', "fc.jsonl:2",
     "duplicate id"),
    ("fc.jsonl", "", "fc.jsonl", "no fact-check records"),
])
def test_bad_files(tmp_path: Path, name: str, data: str, where: str, problem: str) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as info:
        load_factchecks(path)
    assert info.value.source_id.endswith(where)
    assert problem in info.value.reason


def test_wrong_encoding(tmp_path: Path) -> None:
    path = write(tmp_path, "fc.csv", "id,claim\na,Caf\xe9 prices doubled\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_factchecks(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_factchecks(tmp_path / "nope.csv")

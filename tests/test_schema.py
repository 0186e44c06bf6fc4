"""Every analysis validates against the JSON Schema shipped in the package."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import claimscope
from claimscope.ingest import Failure, iter_articles
from claimscope.model import schema_path

REQUIRED = ["schema", "id", "source_id", "title", "outlet", "section", "published", "url",
            "text", "headings", "removed", "paragraphs", "sentences", "entities", "components"]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(Path(schema_path()).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_examples_validate(validator: jsonschema.Draft202012Validator, examples_dir: Path) -> None:
    articles = [a for a in iter_articles([examples_dir]) if not isinstance(a, Failure)]
    assert len(articles) >= 4
    for analysis in claimscope.analyze_many(articles):
        data = json.loads(json.dumps(analysis.to_json(include_tokens=True)))
        validator.validate(data)
        for key in REQUIRED:
            assert key in data


def test_schema_rejects_a_broken_document(validator: jsonschema.Draft202012Validator) -> None:
    data = claimscope.analyze("A sentence about the council.\n").to_json()
    data["sentences"] = [{"start": 0, "text": "A"}]
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(data)

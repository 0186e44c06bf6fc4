"""Users' own taxonomies in YAML (issue 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimscope.errors import InputError
from claimscope.framing.custom import DEFAULT_THRESHOLD, Labeler, read_taxonomy
from claimscope.model import Span

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "taxonomies" / "conflict_frames.yaml"


@pytest.mark.parametrize(("text", "problem"), [
    ("labels: []", "non-empty 'labels'"),
    ("just a string", "non-empty 'labels'"),
    ("labels:\n  - description: no name", "needs a 'label' name"),
    ("labels:\n  - label: A", "description or examples"),
    ("labels:\n  - label: A\n    examples: nope", "list of sentences"),
    ("threshold: 2\nlabels:\n  - label: A\n    description: x", "between 0 and 1"),
    ("labels:\n  - label: A\n    description: x\n  - label: A\n    description: y", "unique"),
    ("labels: [unclosed", "not YAML"),
])
def test_bad_taxonomies_name_the_file_and_the_problem(tmp_path: Path, text: str,
                                                      problem: str) -> None:
    path = tmp_path / "tax.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_taxonomy(path)
    assert str(path) in str(caught.value) and problem in str(caught.value)


def test_example_taxonomy_reads() -> None:
    taxonomy = read_taxonomy(EXAMPLE)
    assert taxonomy.name == "conflict-frames" and len(taxonomy.labels) == 3
    assert taxonomy.threshold == DEFAULT_THRESHOLD


def test_labeler_labels_close_sentences_and_abstains_otherwise() -> None:
    labeler = Labeler(read_taxonomy(EXAMPLE))
    text = ("We have never refused to negotiate with them. "
            "The bakery on Main Street sells rye bread.")
    first, second = Span(0, 45, text[0:45]), Span(46, len(text), text[46:])
    labels = labeler.label([first, second])
    assert [(label.label, label.span) for label in labels] == [("Openness to talks", first)]
    assert labels[0].confidence >= DEFAULT_THRESHOLD


def test_cli_taxonomy_adds_labels(seed_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from claimscope.cli import cli

    result = CliRunner().invoke(cli, ["analyze", str(seed_path), "--format", "json",
                                      "--taxonomy", str(EXAMPLE), "-q"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    data = data[0] if isinstance(data, list) else data
    assert any(label["label"] == "Openness to talks" for label in data["labels"])
    assert "taxonomy" in [c["name"] for c in data["components"]]

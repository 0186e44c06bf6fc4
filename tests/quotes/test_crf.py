"""Our CRF inference over CRFsuite model files gives CRFsuite's labels and marginals."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from claimscope import nlp
from claimscope.errors import ModelLoadError
from claimscope.quotes import tagger
from claimscope.quotes.crf import Passes, read_model
from claimscope.quotes.features import WINDOWS, block_totals, doc_features
from claimscope.quotes.stacking import stacked_columns, stacked_features

TEXTS = [
    "Senator Maria Lopez said that the bill would cut taxes. “It is a good day,” she added.",
    "The strike will continue next week, union leader Samuel Osei said.\n\nPrices rose.",
    "According to officials, the border will stay closed. The museum, Mr. Bush said, "
    "celebrated his heroes. “We will win,” he told reporters, “and they know it.”",
    "Nothing here is attributed.",
]
PREFIXES = [p for _, p, _ in WINDOWS]


def _blocks() -> list[object]:
    model = nlp.load()
    priors, words = tagger.load_priors(), tagger.load_clusters()
    return [b for doc in model.pipe(TEXTS) for b in doc_features(doc, priors, clusters=words)
            if len(b)]


def _spelled_totals(passes: Passes, feats: list[list[str]]) -> np.ndarray:
    """Each token's features' weights summed one by one, as written (the reference)."""
    width = passes.weight("bias").shape[0]
    return np.array([sum((passes.weight(f) for f in fs), np.zeros(width)) for fs in feats])


def test_labels_and_marginals_are_crfsuite_s() -> None:
    """Both shipped passes: the Viterbi labels equal CRFsuite's tagger's, and so do the
    marginals, on blocks with and without attributions."""
    first_path = tagger.default_model_path()
    models = [read_model(first_path), read_model(tagger.stack_path(first_path))]
    ours = Passes(models, PREFIXES)
    spelled = Passes(models)  # every attribute looked up as written
    first, second = tagger.open_tagger(first_path), tagger.open_tagger(
        tagger.stack_path(first_path))
    blocks = _blocks()
    assert blocks
    for block in blocks:
        feats = block.feats()
        totals = block_totals(block, ours)
        # Spelling the neighbours' features out gives the same sums.
        assert np.allclose(totals, _spelled_totals(spelled, feats))
        labels = ours.decode(ours.model_scores(totals, 0), 0)
        assert labels == list(first.tag(feats))
        stacked = stacked_features(feats, block.views, labels)
        scores = ours.model_scores(
            totals + ours.sums(ours.rows(stacked_columns(block.starts, block.views, labels))),
            1,
        )
        final = ours.decode(scores, 1)
        assert final == list(second.tag(stacked))
        positions = list(range(len(final)))
        probs = ours.marginals(scores, 1, positions, final)
        assert probs == pytest.approx([second.marginal(final[k], k) for k in positions],
                                      abs=1e-9)


def test_reads_labels_attributes_and_transitions() -> None:
    model = read_model(tagger.default_model_path())
    assert set(model.labels) == {"O", "B-S", "I-S", "B-Q", "I-Q", "B-C", "I-C"}
    assert model.state.shape == (len(model.attributes), len(model.labels))
    assert model.transitions.shape == (len(model.labels), len(model.labels))
    assert "bias" in model.attributes and "-1:pad" in model.attributes
    o = model.labels.index("O")
    # O is followed by O far more readily than by the inside of a content span.
    assert model.transitions[o, o] > model.transitions[o, model.labels.index("I-C")]


@pytest.mark.parametrize(
    "content",
    [b"", b"not a model at all", b"lCRF" + b"\0" * 60],
)
def test_unreadable_model_is_a_named_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.crfsuite"
    path.write_bytes(content)
    with pytest.raises(ModelLoadError, match=r"bad\.crfsuite"):
        read_model(path)


def test_missing_model_is_a_named_error(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="not found"):
        tagger.load_passes(str(tmp_path / "none.crfsuite"))


@pytest.mark.parametrize(
    "columns",
    [
        [["bias", "bias", "pad"], [None, "-1:pad", None]],
        [[None, "bias", None], [None, None, None]],  # tokens without any feature
        [["bias"]],
        [[], []],  # no token
        [],  # no column
    ],
)
def test_sums_add_each_tokens_weights(columns: list[list[str | None]]) -> None:
    model = read_model(tagger.default_model_path())
    spelled = Passes([model])  # every attribute looked up as written
    rows = spelled.rows(columns)
    tokens = len(columns[0]) if columns else 0
    assert rows.shape == (tokens, len(columns))
    totals = spelled.sums(rows)
    assert totals.shape == (tokens, len(model.labels))
    for k, row in enumerate(totals):
        want = sum((spelled.weight(c[k]) for c in columns if c[k] is not None),
                   np.zeros(len(model.labels)))
        assert np.allclose(row, want)


def test_unknown_attributes_and_absent_features_weigh_nothing() -> None:
    model = read_model(tagger.default_model_path())
    ours = Passes([model], PREFIXES)
    totals = ours.sums(ours.rows([["bias", "bias", None], [None, "no such attribute", None]]))
    assert np.allclose(totals[0], totals[1])
    assert np.allclose(totals[2], 0.0)
    assert not np.allclose(totals[0], 0.0)
    json.dumps(ours.labels)  # plain strings

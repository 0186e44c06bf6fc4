"""The NumPy MiniLM encoder against vectors sentence-transformers computed (fixture)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from claimscope import embed

FIXTURE = Path(__file__).parent / "fixtures" / "minilm_reference.json"


def test_matches_sentence_transformers() -> None:
    ref = json.loads(FIXTURE.read_text())
    got = embed.load().encode(ref["texts"])
    want = np.array(ref["vectors"], dtype=np.float32)
    assert got.shape == want.shape == (2, embed.DIMENSIONS)
    cosines = (got * want).sum(axis=1)
    assert cosines.min() > 0.99999
    # The encoder's tanh-form GELU moves single dimensions by a few 1e-4 (see embed._gelu).
    assert np.abs(got - want).max() < 5e-4


def test_order_and_batches_do_not_change_vectors() -> None:
    texts = [f"Sentence number {i} about {'many ' * (i % 7)}things." for i in range(150)]
    enc = embed.load()
    all_at_once = enc.encode(texts)
    one_by_one = np.stack([enc.encode([t])[0] for t in texts[:5]])
    assert np.allclose(all_at_once[:5], one_by_one, atol=1e-5)
    assert np.allclose(np.linalg.norm(all_at_once, axis=1), 1.0, atol=1e-5)


def test_empty_input() -> None:
    assert embed.load().encode([]).shape == (0, embed.DIMENSIONS)


def test_piece_means_are_unit_bags_of_pieces() -> None:
    enc = embed.load()
    got = enc.piece_means(["The cost rose.", "rose cost The.", "", "The cost rose to $84 million."])
    assert got.shape == (4, embed.DIMENSIONS)
    assert np.allclose(np.linalg.norm(got[[0, 1, 3]], axis=1), 1.0, atol=1e-5)
    assert np.allclose(got[0], got[1], atol=1e-6)  # a bag: the order of the pieces is lost
    assert not got[2].any()  # no pieces, no vector
    assert float(got[0] @ got[3]) < 0.999
    assert enc.piece_means([]).shape == (0, embed.DIMENSIONS)

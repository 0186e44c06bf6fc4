"""Static word-piece vectors distilled from MiniLM (framing.static; issue 6)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimscope.embed import tokenizer as _tokenizer
from claimscope.errors import ModelLoadError
from claimscope.framing import static
from claimscope.framing.static import StaticVectors, sif_weights


@pytest.fixture(scope="module")
def table() -> StaticVectors:
    size = _tokenizer().get_vocab_size()
    return StaticVectors(np.random.default_rng(1).normal(size=(size, 6)).astype(np.float32))


def test_frequent_pieces_weigh_less() -> None:
    w = sif_weights(30522)
    the, war, rare = 1996, 2162, 30000  # "the", "war", a piece near the vocabulary's end
    assert w[the] < w[war] < w[rare] < 1.0
    assert w[100] == w[the]  # special tokens and single characters: as common as "the"


@pytest.mark.parametrize(("text", "pieces"), [
    ("The war", ["the", "war"]),
    ("Peacemakers", ["peace", "##makers"]),
])
def test_a_text_is_the_weighted_mean_of_its_pieces(table: StaticVectors, text: str,
                                                     pieces: list[str]) -> None:
    tok = _tokenizer()
    ids = [tok.token_to_id(p) for p in pieces]
    assert tok.encode(text, add_special_tokens=False).ids == ids
    expected = (table.table[ids] * sif_weights(len(table.table))[ids, None]).sum(axis=0)
    (got,) = table.encode([text])
    assert np.allclose(got, expected / np.linalg.norm(expected), atol=1e-6)


def test_encode_keeps_order_and_gives_unit_or_zero_vectors(table: StaticVectors) -> None:
    texts = ["NATO expansion provoked the war.", "", "   ", "The West are the aggressors."]
    out = table.encode(texts)
    assert out.shape == (4, 6)
    assert np.allclose(np.linalg.norm(out, axis=1), [1, 0, 0, 1], atol=1e-6)
    assert np.allclose(out[3], table.encode([texts[3]])[0])
    assert table.encode([]).shape == (0, 6)


def test_a_long_text_is_not_cut(table: StaticVectors) -> None:
    """Unlike the encoder (256 pieces), the static vectors read the whole text."""
    long = "peace " * 300 + "war"
    assert not np.allclose(table.encode([long])[0], table.encode(["peace " * 300])[0])


def test_round_trip_through_arrays(table: StaticVectors) -> None:
    again = StaticVectors.from_arrays(table.to_arrays("static"), "static")
    assert again.table.dtype == np.float32
    assert np.allclose(again.encode(["war"]), table.encode(["war"]), atol=1e-3)


@pytest.mark.parametrize("shape", [(0, 4), (5,)])
def test_a_malformed_table_is_refused(shape: tuple[int, ...]) -> None:
    with pytest.raises(ModelLoadError, match="static vectors"):
        StaticVectors(np.zeros(shape, dtype=np.float32))


@pytest.mark.parametrize("use", ["check", "encode"])
def test_a_table_for_another_vocabulary_is_refused_by_name(use: str) -> None:
    other = StaticVectors(np.ones((10, 3), dtype=np.float32))
    with pytest.raises(ModelLoadError, match="10 word pieces"):
        other.check() if use == "check" else other.encode(["war"])


class _FakeEncoder:
    """Four word pieces; a piece's vector says which piece it is."""

    vocabulary_size = 4
    special_ids = (101, 102)

    def forward_ids(self, ids: list[list[int]]) -> np.ndarray:
        assert all(x[0] == 101 and x[2] == 102 and len(x) == 3 for x in ids)
        out = np.zeros((len(ids), 384), dtype=np.float32)
        for row, x in enumerate(ids):
            out[row, x[1]] = 1.0
            out[row, 10 + x[1]] = x[1]
        return out


@pytest.mark.parametrize("dimensions", [None, 3])
def test_distill_runs_each_piece_alone(dimensions: int | None) -> None:
    got = static.distill(_FakeEncoder(), dimensions)  # type: ignore[arg-type]
    assert got.table.shape == (4, 384 if dimensions is None else 3)
    if dimensions is None:
        assert got.table[2, 2] == 1.0 and got.table[2, 12] == 2.0
    else:  # principal components keep the pieces' distances
        full = static.distill(_FakeEncoder()).table  # type: ignore[arg-type]
        d_full = np.linalg.norm(full[0] - full[3])
        assert np.linalg.norm(got.table[0] - got.table[3]) == pytest.approx(d_full, rel=1e-4)


def test_cached_distill_is_made_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     table: StaticVectors) -> None:
    calls: list[int | None] = []

    def fake(dimensions: int | None = None) -> StaticVectors:
        calls.append(dimensions)
        return table

    monkeypatch.setattr(static, "distill", fake)
    first = static.cached_distill(tmp_path, 6)
    (tmp_path / "other.npy").write_bytes(b"junk")
    again = static.cached_distill(tmp_path, 6)
    assert calls == [6] and np.array_equal(first.table, again.table)
    path = next(tmp_path.glob("*static-6.npy"))
    path.write_bytes(b"damaged")
    static.cached_distill(tmp_path, 6)
    assert calls == [6, 6]

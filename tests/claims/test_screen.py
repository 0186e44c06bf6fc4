"""The check-worthiness screen: hashed features, fitting its bounds, skipping the encoder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from claimscope import embed
from claimscope.claims import checkworthy
from claimscope.claims.screen import (
    BUCKETS,
    WIDTH,
    Scored,
    Screen,
    features,
    fit_screen,
    hashed,
    load_screen,
    screen_path,
)
from claimscope.errors import ModelLoadError

THRESHOLD = 0.7


def test_hashed_rows_are_stable_and_unit_length() -> None:
    texts = ["Unemployment fell to 4.5% in May.", "He added:", ""]
    x = hashed(texts)
    assert x.shape == (3, BUCKETS + len(checkworthy.SIGNAL_NAMES))
    words = x[:, :BUCKETS].toarray()
    assert np.allclose(np.linalg.norm(words[:2], axis=1), 1.0)
    assert not words[2].any()
    assert (hashed(texts) != x).nnz == 0  # crc32 buckets: the same in every process


def test_features_put_the_pieces_after_the_hashed_words() -> None:
    texts = ["Unemployment fell to 4.5% in May.", "He added:"]
    pieces = embed.load().piece_means(texts)
    x = features(texts, pieces)
    assert x.shape == (2, WIDTH)
    assert (x[:, : WIDTH - embed.DIMENSIONS] != hashed(texts)).nnz == 0
    assert np.allclose(x[:, WIDTH - embed.DIMENSIONS :].toarray(), pieces)
    with pytest.raises(ValueError, match="piece vectors"):
        features(texts, pieces[:1])


def _corpus(n: int, seed: int) -> Scored:
    """Statements with a number score high, chatter scores low, a few sit in between."""
    rng = np.random.default_rng(seed)
    texts: list[str] = []
    scores: list[float] = []
    for i in range(n):
        kind = i % 3
        if kind == 0:
            texts.append(f"The ministry said {rng.integers(100, 9000)} homes were destroyed.")
            scores.append(0.95)
        elif kind == 1:
            texts.append(f"Thank you all, it is great to be here number {i}.")
            scores.append(0.05)
        else:
            texts.append(f"Officials may review the plan next week, item {i}.")
            scores.append(float(rng.uniform(0.4, 0.9)))
    return Scored(texts, embed.load().piece_means(texts), np.array(scores))


def test_fit_sets_bounds_around_the_threshold() -> None:
    fit = fit_screen(_corpus(600, 0), held := _corpus(300, 1), THRESHOLD)
    cut = np.log(THRESHOLD / (1 - THRESHOLD))
    assert fit.screen.low <= cut <= fit.screen.high
    assert fit.held_out == 300
    assert fit.screened > 0.3  # the clear cases are decided without the encoder
    assert fit.flipped <= 0.02
    estimate = fit.screen.estimate(held.texts[:3], held.pieces[:3])
    assert estimate[0] > fit.screen.high and estimate[1] < fit.screen.low
    whole = features(held.texts[:3], held.pieces[:3]) @ fit.screen.weights + fit.screen.bias
    assert estimate == pytest.approx(whole, abs=1e-4)  # words and pieces summed apart
    with pytest.raises(ValueError, match="piece vectors"):
        fit.screen.estimate(held.texts[:3], held.pieces[:2])


@pytest.mark.parametrize(("tight", "loose"), [(0.0, 0.01), (0.005, 0.05), (0.01, 0.2)])
def test_a_smaller_miss_screens_less_and_flips_less(tight: float, loose: float) -> None:
    fit, held = _corpus(600, 0), _corpus(300, 1)
    a = fit_screen(fit, held, THRESHOLD, miss=tight)
    b = fit_screen(fit, held, THRESHOLD, miss=loose)
    assert a.screen.low <= b.screen.low and a.screen.high >= b.screen.high
    assert a.screened <= b.screened and a.flipped <= b.flipped


def test_fit_needs_statements() -> None:
    with pytest.raises(ValueError, match="needs training and held-out"):
        fit_screen(Scored([], np.zeros((0, embed.DIMENSIONS)), np.zeros(0)),
                   _corpus(3, 0), THRESHOLD)


class _CountingEncoder:
    """Stands in for the ONNX encoder: records what it is asked to embed."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.seen.extend(texts)
        return np.zeros((len(texts), 384), dtype=np.float32)

    def piece_means(self, texts: Sequence[str]) -> np.ndarray:
        return np.ones((len(texts), 384), dtype=np.float32)  # no layer runs: not recorded


def _model(screen: Screen | None, encoder: _CountingEncoder) -> checkworthy.FinetunedModel:
    width = 384 + len(checkworthy.SIGNAL_NAMES)
    return checkworthy.FinetunedModel(
        encoder=encoder,  # type: ignore[arg-type]
        head=np.zeros(width, dtype=np.float32), bias=0.0,  # the encoder's score: 0.5
        signal_mean=np.zeros(width - 384, dtype=np.float32),
        signal_scale=np.ones(width - 384, dtype=np.float32),
        threshold=THRESHOLD, digest="test", screen=screen,
    )


@pytest.mark.parametrize(("estimate", "runs", "label"), [
    (-3.0, False, False),  # below low: negative without the encoder
    (3.0, False, True),    # above high: positive without the encoder
    (0.5, True, False),    # between: the encoder decides (0.5 < threshold)
])
def test_screened_statements_skip_the_encoder(estimate: float, runs: bool, label: bool) -> None:
    weights = np.zeros(WIDTH, dtype=np.float32)
    screen = Screen(weights, bias=estimate, low=-1.0, high=1.0, digest="s")
    encoder = _CountingEncoder()
    score = _model(screen, encoder).score(["Some statement about the budget."])[0]
    assert (encoder.seen != []) == runs
    assert bool(score >= THRESHOLD) == label
    if not runs:
        assert score == pytest.approx(1 / (1 + np.exp(-estimate)))


def test_without_a_screen_every_statement_runs() -> None:
    encoder = _CountingEncoder()
    _model(None, encoder).score(["One.", "Two statements."])
    assert encoder.seen == ["One.", "Two statements."]


def test_save_and_load(tmp_path: Path) -> None:
    data = _corpus(300, 2)
    held = Scored(data.texts[:90], data.pieces[:90], data.scores[:90])
    fit = fit_screen(data, held, THRESHOLD)
    path = tmp_path / "m.screen.npz"
    fit.screen.save(path, {"note": "test"})
    back = load_screen(path)
    assert np.array_equal(back.weights, fit.screen.weights)
    assert (back.bias, back.low, back.high) == pytest.approx(
        (fit.screen.bias, fit.screen.low, fit.screen.high))
    assert back.digest == fit.screen.digest
    assert path.with_suffix(".json").is_file()
    assert screen_path(tmp_path / "m.safetensors") == path


@pytest.mark.parametrize("content", [b"not an npz", b"", b"PK\x03\x04truncated"])
def test_a_broken_screen_is_a_model_load_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "m.screen.npz"
    path.write_bytes(content)
    with pytest.raises(ModelLoadError, match=r"m\.screen\.npz"):
        load_screen(path)


def test_a_screen_of_another_width_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.screen.npz"
    np.savez(path, weights=np.zeros(10, dtype=np.float32), bounds=np.zeros(3))
    with pytest.raises(ModelLoadError, match="does not fit"):
        load_screen(path)


def test_the_shipped_model_has_its_screen() -> None:
    screened = checkworthy.load_model()
    full = checkworthy.load_model(screen=False)
    assert isinstance(screened, checkworthy.FinetunedModel)
    assert isinstance(full, checkworthy.FinetunedModel)
    assert screened.screen is not None and full.screen is None
    assert screened.digest != full.digest  # results record which screen made them
    texts = ["Thank you.", "Unemployment fell to 4.5% in May, the lowest since 1969."]
    assert np.array_equal(screened.score(texts) >= screened.threshold,
                          full.score(texts) >= full.threshold)
    assert replace(screened, screen=None).score(texts) == pytest.approx(full.score(texts))


def test_a_screen_fitted_to_another_model_is_refused(tmp_path: Path) -> None:
    """A retrained model beside an old screen: the screen would estimate the old model's
    scores, so loading names the mismatch instead of mixing the two."""
    import shutil

    shipped = checkworthy.default_model_path()
    model = tmp_path / "cw.safetensors"
    for suffix in (".safetensors", ".onnx"):
        shutil.copy(shipped.with_suffix(suffix), model.with_suffix(suffix))
    screen = load_screen(screen_path(shipped))
    replace(screen, for_model="0000beef").save(screen_path(model), {})
    with pytest.raises(ModelLoadError, match="another model"):
        checkworthy.load_model(str(model))
    assert checkworthy.load_model(str(model), screen=False).threshold == pytest.approx(
        checkworthy.load_model(screen=False).threshold)
    replace(screen, for_model=screen.for_model).save(screen_path(model), {})
    assert checkworthy.load_model(str(model)).digest == checkworthy.load_model().digest

"""The quote encoder: its windows, its piece states, how its probabilities reach the
tagger's tokens, loading, and the component's use of it."""

from __future__ import annotations

import json
import shutil
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import load_file, save_file

import claimscope
from claimscope import embed
from claimscope.claims.onnx_export import build_graph, export_int8
from claimscope.errors import ModelLoadError, PipelineError
from claimscope.model import Analysis
from claimscope.pipeline import AnalyzeOptions, Pipeline
from claimscope.quotes import encoder, tagger
from claimscope.quotes.encoder import (
    LABELS,
    TRAIN_STRIDE,
    WINDOW,
    PieceProbs,
    QuoteEncoder,
    windows,
)
from claimscope.quotes.encoder_train import IGNORED, piece_labels
from claimscope.quotes.features import TokenView


def _run(text: str, options: AnalyzeOptions) -> Analysis:
    return Pipeline(options).run(claimscope.read({"text": text, "id": "t"}))


def _version(analysis: Analysis, name: str) -> str:
    return next(c.version for c in analysis.components if c.name == name)


@lru_cache(maxsize=1)
def _first_layer() -> dict[str, np.ndarray]:
    weights = load_file(str(embed.model_dir() / "model.safetensors"))
    return {k: v for k, v in weights.items() if k.startswith("encoder.layer.0.")}


def _head(scale: float = 0.5) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    return {"head.weight": rng.normal(size=(len(LABELS), 384)).astype(np.float32),
            "head.bias": np.zeros(len(LABELS), dtype=np.float32),
            "scale": np.array([scale], dtype=np.float32)}


@pytest.mark.parametrize(("count", "expected"), [
    (0, [(0, 0)]),
    (10, [(0, 10)]),
    (WINDOW, [(0, WINDOW)]),
    (WINDOW + 1, [(0, WINDOW), (WINDOW, WINDOW + 1)]),
    (600, [(0, WINDOW), (WINDOW, 2 * WINDOW), (2 * WINDOW, 600)]),
])
def test_reading_windows_abut(count: int, expected: list[tuple[int, int]]) -> None:
    assert windows(count) == expected


@pytest.mark.parametrize(("count", "expected"), [
    (WINDOW + 1, [(0, WINDOW), (TRAIN_STRIDE, WINDOW + 1)]),
    (500, [(0, WINDOW), (TRAIN_STRIDE, TRAIN_STRIDE + WINDOW), (2 * TRAIN_STRIDE, 500)]),
])
def test_training_windows_overlap(count: int, expected: list[tuple[int, int]]) -> None:
    assert windows(count, TRAIN_STRIDE) == expected


def test_states_graph_gives_the_pooled_graphs_states() -> None:
    """Mean-pooled and normalised, the piece states are the pooled graph's vector."""
    ids = [101, 7632, 2056, 1996, 2142, 2163, 3594, 102]
    states = embed.Encoder(label="t-states", onnx_layers=build_graph(
        _first_layer(), "states").SerializeToString()).piece_states(ids)
    pooled = embed.Encoder(label="t-pooled", onnx_layers=build_graph(
        _first_layer()).SerializeToString()).forward_ids([ids])[0]
    assert states.shape == (len(ids), 384)
    mean = states.mean(axis=0)
    assert np.allclose(mean / np.linalg.norm(mean), pooled, atol=1e-5)


def test_pooled_graph_refuses_piece_states() -> None:
    pooled = embed.Encoder(label="t-pooled", onnx_layers=build_graph(
        _first_layer()).SerializeToString())
    with pytest.raises(ModelLoadError, match="sentence vectors"):
        pooled.piece_states([101, 102])


def test_unknown_graph_output_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown graph output"):
        build_graph(_first_layer(), "tokens")


def _probs(rows: list[list[float]]) -> np.ndarray:
    return np.array(rows, dtype=np.float32)


def test_scores_read_each_tokens_first_piece_in_the_crfs_order() -> None:
    enc = QuoteEncoder.__new__(QuoteEncoder)
    enc.scale = 0.5
    # "Putin said" + a token no piece starts in: pieces "put" "##in" "said".
    pieces = PieceProbs(np.array([0, 3, 6]), np.array([3, 5, 10]), _probs([
        [0.1, 0.6, 0.1, 0.1, 0.0, 0.1, 0.0],
        [0.1, 0.1, 0.7, 0.1, 0.0, 0.0, 0.0],
        [0.05, 0.05, 0.0, 0.8, 0.0, 0.1, 0.0],
    ]))
    crf_order = ["O", "B-C", "I-C", "B-Q", "I-Q", "B-S", "I-S"]
    got = enc.scores(pieces, [0, 6, 11], [5, 10, 12], crf_order)
    want_putin = 0.5 * np.log(np.maximum([0.1, 0.1, 0.0, 0.1, 0.0, 0.6, 0.1], encoder.FLOOR))
    assert np.allclose(got[0], want_putin)
    assert got[1][crf_order.index("B-Q")] == pytest.approx(0.5 * np.log(0.8))
    assert np.array_equal(got[2], np.zeros(len(crf_order)))


def test_scores_of_an_empty_text_are_zero() -> None:
    enc = QuoteEncoder.__new__(QuoteEncoder)
    enc.scale = 0.5
    empty = PieceProbs(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((0, 7), np.float32))
    assert not enc.scores(empty, [0], [3], list(LABELS)).any()


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped tagger with a one-layer encoder (base MiniLM, random head)."""
    out = tmp_path_factory.mktemp("quote-encoder")
    base = tagger.default_model_path()
    for path in (base, tagger.priors_path(base), tagger.clusters_path(base),
                 tagger.stack_path(base)):
        shutil.copy(path, out / path.name)
    model = out / base.name
    export_int8(_first_layer(), encoder.onnx_path(model), output="states")
    save_file(_head(), str(encoder.head_path(model)))
    return out


def test_piece_probs_cover_a_long_text(model_dir: Path) -> None:
    enc = encoder.load(model_dir / "quotes.crfsuite")
    assert enc is not None
    text = "The minister said the bridge would cost more than planned. " * 40
    pieces = enc.piece_probs(text)
    assert len(pieces.starts) > WINDOW
    assert np.allclose(pieces.probs.sum(axis=1), 1.0, atol=1e-5)
    assert [text[s:e] for s, e in zip(pieces.starts[:4], pieces.ends[:4], strict=True)] == [
        "The", "minister", "said", "the"]
    assert enc.piece_probs("").probs.shape == (0, len(LABELS))


def test_load_without_an_encoder_is_none(tmp_path: Path) -> None:
    assert encoder.load(tmp_path / "quotes.crfsuite") is None


def test_half_an_encoder_is_an_error(tmp_path: Path, model_dir: Path) -> None:
    model = tmp_path / "quotes.crfsuite"
    shutil.copy(encoder.head_path(model_dir / "quotes.crfsuite"), encoder.head_path(model))
    with pytest.raises(ModelLoadError, match="encoder file missing"):
        encoder.load(model)


def test_a_head_without_its_scale_is_an_error(tmp_path: Path, model_dir: Path) -> None:
    model = tmp_path / "quotes.crfsuite"
    shutil.copy(encoder.onnx_path(model_dir / "quotes.crfsuite"), encoder.onnx_path(model))
    head = _head()
    del head["scale"]
    save_file(head, str(encoder.head_path(model)))
    with pytest.raises(ModelLoadError, match="lacks 'scale'"):
        encoder.load(model)


def test_component_refuses_the_encoder_when_the_model_has_none(tmp_path: Path) -> None:
    base = tagger.default_model_path()
    for path in (base, tagger.priors_path(base), tagger.clusters_path(base),
                 tagger.stack_path(base)):
        shutil.copy(path, tmp_path / path.name)
    options = AnalyzeOptions(quote_model=str(tmp_path / base.name), quote_encoder=True)
    with pytest.raises(PipelineError, match="no encoder"):
        _run("Putin said the talks would go on.", options)


def test_component_version_names_the_encoder(model_dir: Path) -> None:
    model = str(model_dir / "quotes.crfsuite")
    plain = _run("Putin said the talks would go on.", AnalyzeOptions(quote_model=model))
    with_enc = _run("Putin said the talks would go on.",
                    AnalyzeOptions(quote_model=model, quote_encoder=True))
    enc = encoder.load(model_dir / "quotes.crfsuite")
    assert enc is not None
    assert _version(with_enc, "quotes") == (_version(plain, "quotes")
                                            + f".enc{enc.digest}.{encoder.READING}")


def test_piece_labels_mark_each_tokens_first_piece() -> None:
    text = "Putin said hello."
    views = [TokenView(0, 5), TokenView(6, 10), TokenView(11, 16), TokenView(16, 17)]
    tok = embed.tokenizer()
    got = piece_labels(text, views, ["B-S", "B-Q", "B-C", "O"], tok)
    pieces = tok.encode(text, add_special_tokens=False)
    assert list(got.ids) == pieces.ids
    firsts = {}
    for k, (s, _) in enumerate(pieces.offsets):
        for v, lab in zip(views, ["B-S", "B-Q", "B-C", "O"], strict=True):
            if s == v.start:
                firsts[k] = LABELS.index(lab)
    assert {k: int(v) for k, v in enumerate(got.labels) if v != IGNORED} == firsts
    assert len(firsts) == 4


def test_shipped_encoder_keeps_the_seeds_putin_quotes(seed_text: str) -> None:
    if encoder.load(tagger.default_model_path()) is None:
        pytest.skip("no encoder shipped beside the quote model")
    analysis = _run(seed_text, AnalyzeOptions(quote_encoder=True))
    top = [q for q in analysis.quotes if q.parent is None]
    assert len(top) >= 10
    assert {q.speaker.name for q in top if q.speaker} == {"Vladimir Putin"}
    assert ".enc" in _version(analysis, "quotes")
    json.dumps(analysis.to_json())


def test_training_writes_an_encoder_the_component_reads(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from claimscope.quotes.encoder_train import EncoderTrainOptions, train_encoder

    lines = []
    for k in range(4):
        text = f"“We will win {k},” Putin said. He added that talks had failed."
        lines.append(json.dumps({"id": f"d{k}", "text": text, "quotes": [
            {"content_spans": [[1, 13 + len(str(k))]], "speaker_spans": [[16 + len(str(k)),
             21 + len(str(k))]], "cue_spans": [[22 + len(str(k)), 26 + len(str(k))]],
             "speaker": "Putin", "type": "direct"}]}) + "\n")
    data = tmp_path / "data"
    data.mkdir()
    (data / "polnear.train.jsonl").write_text("".join(lines), encoding="utf-8")
    model = tmp_path / "m" / "quotes.crfsuite"
    model.parent.mkdir()
    base = tagger.default_model_path()
    for path in (base, tagger.priors_path(base), tagger.clusters_path(base),
                 tagger.stack_path(base)):
        shutil.copy(path, model.parent / path.name)
    report = train_encoder(data, model, EncoderTrainOptions(layers=1, epochs=1))
    assert report.articles == 4 and report.windows == 4
    assert json.loads(model.with_suffix(".encoder.json").read_text())["options"]["layers"] == 1
    enc = encoder.load(model)
    assert enc is not None and enc.scale == 0.5
    analysis = _run("“We will win,” Putin said.",
                    AnalyzeOptions(quote_model=str(model), quote_encoder=True))
    assert _version(analysis, "quotes").endswith(f".enc{enc.digest}.{encoder.READING}")


def test_training_without_data_names_the_file(tmp_path: Path) -> None:
    from claimscope.errors import InputError
    from claimscope.quotes.encoder_train import train_encoder

    with pytest.raises(InputError, match=r"polnear\.train\.jsonl"):
        train_encoder(tmp_path, tmp_path / "quotes.crfsuite")

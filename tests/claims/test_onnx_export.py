"""The encoder layers as an ONNX graph: same vectors as the NumPy encoder in float, close
ones in int8, independent of batching; and the shipped model's two files."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import load_file, save_file

from claimscope import embed
from claimscope.claims.checkworthy import SIGNAL_NAMES, load_model
from claimscope.claims.onnx_export import build_graph, export_int8, save_int8_model
from claimscope.errors import ModelLoadError

TEXTS = [
    "Unemployment fell to 3.5 percent last year, the lowest in half a century.",
    "Thank you.",
    "The president said the United States uses cluster munitions through a proxy.",
    "We have never refused to negotiate, and we are not refusing now.",
]


@lru_cache(maxsize=1)
def _base_layers() -> dict[str, np.ndarray]:
    weights = load_file(str(embed.model_dir() / "model.safetensors"))
    return {k: v for k, v in weights.items() if k.startswith("encoder.")}


def test_float_graph_gives_the_numpy_vectors() -> None:
    graph = build_graph(_base_layers()).SerializeToString()
    onnx_encoder = embed.Encoder(label="test-float", onnx_layers=graph)
    got = onnx_encoder.encode(TEXTS)
    want = embed.load().encode(TEXTS)
    # The graph uses BERT's erf GELU, the NumPy encoder the tanh form (embed._gelu).
    assert (got * want).sum(axis=1).min() > 0.9999


@pytest.fixture(scope="module")
def int8_encoder(tmp_path_factory: pytest.TempPathFactory) -> embed.Encoder:
    target = tmp_path_factory.mktemp("onnx") / "layers.onnx"
    export_int8(_base_layers(), target)
    assert not target.with_suffix(".onnx.tmp").exists()
    return embed.Encoder(label="test-int8", onnx_layers=target.read_bytes())


def test_int8_graph_stays_close_to_float(int8_encoder: embed.Encoder) -> None:
    got = int8_encoder.encode(TEXTS)
    want = embed.load().encode(TEXTS)
    assert (got * want).sum(axis=1).min() > 0.95
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-4)


def test_int8_vector_does_not_depend_on_its_neighbours(int8_encoder: embed.Encoder) -> None:
    together = int8_encoder.encode([*TEXTS, "A much longer sentence " * 20])
    alone = np.stack([int8_encoder.encode([t])[0] for t in TEXTS])
    assert np.array_equal(together[: len(TEXTS)], alone)


def _head_arrays() -> dict[str, np.ndarray]:
    width = embed.DIMENSIONS + len(SIGNAL_NAMES)
    rng = np.random.default_rng(3)
    return {
        "head.weight": rng.normal(size=width).astype(np.float32),
        "head.bias": np.array([0.1], dtype=np.float32),
        "signals.mean": np.zeros(len(SIGNAL_NAMES), dtype=np.float32),
        "signals.scale": np.ones(len(SIGNAL_NAMES), dtype=np.float32),
        "threshold": np.array([0.5], dtype=np.float32),
    }


def test_saved_model_loads_from_its_two_files(tmp_path: Path) -> None:
    out = tmp_path / "cw.safetensors"
    save_int8_model({**_base_layers(), **_head_arrays()}, out)
    assert out.with_suffix(".onnx").is_file()
    assert not any(k.startswith("encoder.") for k in load_file(str(out)))
    model = load_model(str(out))
    scores = model.score(TEXTS)
    assert scores.shape == (len(TEXTS),) and ((scores >= 0) & (scores <= 1)).all()


def test_model_without_layers_is_a_named_error(tmp_path: Path) -> None:
    out = tmp_path / "headless.safetensors"
    save_file(_head_arrays(), str(out))
    with pytest.raises(ModelLoadError, match=r"headless\.safetensors: no encoder layers"):
        load_model(str(out))


def test_graph_without_layers_is_refused() -> None:
    with pytest.raises(ModelLoadError, match="layer arrays missing"):
        build_graph({})


def test_a_model_with_fewer_layers_runs_alike_in_numpy_and_onnx() -> None:
    three = {k: v for k, v in _base_layers().items() if int(k.split(".")[2]) < 3}
    numpy_three = embed.Encoder(layers=three, label="three").encode(TEXTS)
    onnx_three = embed.Encoder(
        label="three-onnx", onnx_layers=build_graph(three).SerializeToString()
    ).encode(TEXTS)
    assert (numpy_three * onnx_three).sum(axis=1).min() > 0.9999
    six = embed.load().encode(TEXTS)
    assert (numpy_three * six).sum(axis=1).min() < 0.99  # the last three layers are gone


def test_encoder_threads_reach_onnx_runtime() -> None:
    graph = build_graph(_base_layers()).SerializeToString()
    one = embed.Encoder(label="one-thread", onnx_layers=graph, threads=1)
    assert one._session.get_session_options().intra_op_num_threads == 1


def test_building_without_the_tools_is_a_named_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "sympy" else real(name, *a))
    with pytest.raises(ModelLoadError, match="needs sympy: pip install onnx sympy"):
        export_int8(_base_layers(), tmp_path / "x.onnx")
    assert not (tmp_path / "x.onnx").exists()

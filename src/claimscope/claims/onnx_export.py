"""The fine-tuned encoder's six layers as an int8 ONNX graph, for ONNX Runtime.

The NumPy encoder (:mod:`claimscope.embed`) runs the check-worthiness encoder at about 220
sentences a second here, which made the claims component cost more than the rest of the
pipeline together. ONNX Runtime over the same layers with int8 weights (dynamic
quantisation, one scale per output channel) runs about four times faster, and the
scores it gives keep the same labels (see ``models/checkworthy.md``).

The graph is built from the layer arrays under the names the NumPy encoder reads
(``encoder.layer.{i}....``), so a model trained in PyTorch and one converted from its
float16 file give the same graph. Its inputs are the embedded word pieces after the
embedding layer norm (``h``: n x t x 384, float) and the padding mask (``mask``: n x t,
int64, 1 for real pieces); its output ``v`` is the unit mean-pooled sentence vector, as the
NumPy encoder computes it (BERT's erf GELU here, where NumPy uses the tanh form).

Building needs the ``onnx`` and ``sympy`` packages (``pip install onnx sympy``),
training-time dependencies only; running needs ``onnxruntime``.
"""

from __future__ import annotations

import importlib.util
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from claimscope.embed import DIMENSIONS, layer_count
from claimscope.errors import ModelLoadError

HEADS = 12  # all-MiniLM-L6-v2's attention heads
_EPS = 1e-12
# The opset of the graph: 17 is the first with LayerNormalization, and every ONNX Runtime
# since 1.13 runs it.
OPSET = 17


def _onnx(fusing: bool = False) -> Any:
    """The onnx package; with ``fusing``, also what ONNX Runtime's transformer optimiser
    needs (sympy, for its shape inference)."""
    missing = [name for name in ("onnx", *(("sympy",) if fusing else ()))
               if importlib.util.find_spec(name) is None]
    if missing:
        raise ModelLoadError(f"building the ONNX encoder needs {' and '.join(missing)}: "
                             "pip install onnx sympy")
    import onnx

    return onnx


class _Graph:
    """Nodes and weights of the graph under construction, with fresh names."""

    def __init__(self, onnx: Any) -> None:
        self.onnx = onnx
        self.nodes: list[Any] = []
        self.weights: list[Any] = []
        self._count = 0

    def name(self, stem: str) -> str:
        self._count += 1
        return f"{stem}_{self._count}"

    def const(self, stem: str, value: np.ndarray) -> str:
        name = self.name(stem)
        self.weights.append(self.onnx.numpy_helper.from_array(value, name))
        return name

    def op(self, kind: str, inputs: list[str], **attrs: Any) -> str:
        out = self.name(kind.lower())
        self.nodes.append(self.onnx.helper.make_node(kind, inputs, [out], **attrs))
        return out

    def dense(self, x: str, weight: np.ndarray, bias: np.ndarray, stem: str) -> str:
        """x @ weight.T + bias, for a weight stored (out, in) as PyTorch keeps it."""
        w = self.const(stem + "_w", np.ascontiguousarray(weight.T, dtype=np.float32))
        b = self.const(stem + "_b", bias.astype(np.float32))
        return self.op("Add", [self.op("MatMul", [x, w]), b])

    def layer_norm(self, x: str, weight: np.ndarray, bias: np.ndarray, stem: str) -> str:
        return self.op("LayerNormalization", [
            x, self.const(stem + "_g", weight.astype(np.float32)),
            self.const(stem + "_b", bias.astype(np.float32)),
        ], axis=-1, epsilon=_EPS)


def _layer(g: _Graph, h: str, bias: str, w: Mapping[str, np.ndarray], i: int) -> str:
    p = f"encoder.layer.{i}."
    a = p + "attention."
    d = DIMENSIONS // HEADS
    heads = g.const("heads_shape", np.array([0, 0, HEADS, d], dtype=np.int64))
    flat = g.const("flat_shape", np.array([0, 0, DIMENSIONS], dtype=np.int64))

    def project(part: str, perm: list[int]) -> str:
        x = g.dense(h, w[f"{a}self.{part}.weight"], w[f"{a}self.{part}.bias"], f"l{i}_{part}")
        return g.op("Transpose", [g.op("Reshape", [x, heads])], perm=perm)

    q = project("query", [0, 2, 1, 3])
    k = project("key", [0, 2, 3, 1])  # (n, heads, d, t): ready for q @ k
    v = project("value", [0, 2, 1, 3])
    scale = g.const("scale", np.array(np.sqrt(d), dtype=np.float32))
    scores = g.op("Add", [g.op("Div", [g.op("MatMul", [q, k]), scale]), bias])
    ctx = g.op("MatMul", [g.op("Softmax", [scores], axis=-1), v])
    ctx = g.op("Reshape", [g.op("Transpose", [ctx], perm=[0, 2, 1, 3]), flat])
    attended = g.dense(ctx, w[a + "output.dense.weight"], w[a + "output.dense.bias"], f"l{i}_o")
    h = g.layer_norm(g.op("Add", [h, attended]), w[a + "output.LayerNorm.weight"],
                     w[a + "output.LayerNorm.bias"], f"l{i}_ln1")
    up = g.dense(h, w[p + "intermediate.dense.weight"], w[p + "intermediate.dense.bias"],
                 f"l{i}_up")
    # GELU, erf form: 0.5 * x * (1 + erf(x / sqrt 2)).
    erf = g.op("Erf", [g.op("Div", [up, g.const("sqrt2", np.array(2**0.5, np.float32))])])
    one_plus = g.op("Add", [erf, g.const("one", np.array(1.0, np.float32))])
    gelu = g.op("Mul", [g.op("Mul", [up, one_plus]), g.const("half", np.array(0.5, np.float32))])
    down = g.dense(gelu, w[p + "output.dense.weight"], w[p + "output.dense.bias"], f"l{i}_down")
    return g.layer_norm(g.op("Add", [h, down]), w[p + "output.LayerNorm.weight"],
                        w[p + "output.LayerNorm.bias"], f"l{i}_ln2")


def build_graph(layers: Mapping[str, np.ndarray], output: str = "pooled") -> Any:
    """The float32 ONNX model (an ``onnx.ModelProto``) of the layers and, with ``output``
    "pooled", the pooling; with "states", its output ``v`` is the last layer's state of
    every piece (n x t x 384), for a token tagger."""
    if output not in ("pooled", "states"):
        raise ValueError(f"unknown graph output {output!r}: pooled or states")
    onnx = _onnx()
    w = {k: np.asarray(v, dtype=np.float32) for k, v in layers.items()}
    count = layer_count(w)
    if not count:
        raise ModelLoadError("layer arrays missing: no encoder.layer.0.*")
    g = _Graph(onnx)
    tp = onnx.TensorProto
    # Padding is kept out of attention by a large negative score. The mask is int64 and
    # each step is spelled as Hugging Face's BERT export spells it (Unsqueeze, Unsqueeze,
    # Cast, Sub, Mul; a Div for the attention scale and inside GELU): ONNX Runtime's
    # transformer optimiser recognises that form and fuses attention, GELU and layer norms.
    m4 = g.op("Unsqueeze", ["mask", g.const("axis1", np.array([1], dtype=np.int64))])
    m4 = g.op("Unsqueeze", [m4, g.const("axis2", np.array([2], dtype=np.int64))])
    keep = g.op("Sub", [g.const("one", np.array(1.0, np.float32)),
                        g.op("Cast", [m4], to=tp.FLOAT)])
    bias = g.op("Mul", [keep, g.const("neg", np.array(-10000.0, np.float32))])
    h = "h"
    for i in range(count):
        h = _layer(g, h, bias, w, i)
    if output == "states":
        g.nodes.append(onnx.helper.make_node("Identity", [h], ["v"]))
        return _model(onnx, g, ["n", "t", DIMENSIONS])
    m = g.op("Cast", [g.op("Unsqueeze", ["mask", g.const("axis2", np.array([2], dtype=np.int64))])],
             to=tp.FLOAT)
    axis1 = g.const("axis1", np.array([1], dtype=np.int64))
    total = g.op("ReduceSum", [g.op("Mul", [h, m]), axis1], keepdims=0)
    pooled = g.op("Div", [total, g.op("ReduceSum", [m, axis1], keepdims=0)])
    # ReduceSum takes its axes as an input since opset 13, the other reductions from 18 on.
    norm = g.op("ReduceL2", [pooled], axes=[1], keepdims=1)
    norm = g.op("Max", [norm, g.const("eps", np.array(_EPS, np.float32))])
    g.nodes.append(onnx.helper.make_node("Div", [pooled, norm], ["v"]))
    return _model(onnx, g, ["n", DIMENSIONS])


def _model(onnx: Any, g: _Graph, shape: list[Any]) -> Any:
    tp = onnx.TensorProto
    graph = onnx.helper.make_graph(
        g.nodes, "minilm_layers",
        [onnx.helper.make_tensor_value_info("h", tp.FLOAT, ["n", "t", DIMENSIONS]),
         onnx.helper.make_tensor_value_info("mask", tp.INT64, ["n", "t"])],
        [onnx.helper.make_tensor_value_info("v", tp.FLOAT, shape)],
        g.weights,
    )
    model = onnx.helper.make_model(graph, opset_imports=[onnx.helper.make_opsetid("", OPSET)])
    model.ir_version = 8  # readable by every ONNX Runtime that runs opset 17
    onnx.checker.check_model(model)
    return model


def export_int8(layers: Mapping[str, np.ndarray], target: Path, output: str = "pooled") -> None:
    """Write the layers as an int8 ONNX model to ``target`` (atomically); ``output`` as
    for :func:`build_graph`.

    Dynamic quantisation with one scale per output channel: one scale per whole matrix
    (the default) moved some sentence vectors far from the float ones (cosine 0.24 at
    worst on ct24.dev, a fidelity check that needs no labels); per channel kept the
    1st-percentile cosine at 0.97 there.
    """
    onnx = _onnx(fusing=True)
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers.optimizer import optimize_model

    model = build_graph(layers, output)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "float.onnx"
        onnx.save(model, str(plain))
        # Fused attention, GELU and layer norms: about 15% faster once quantised (one
        # statement at a time, news sentences), the same vectors.
        fused = Path(tmp) / "fused.onnx"
        optimize_model(str(plain), model_type="bert", num_heads=HEADS, hidden_size=DIMENSIONS,
                       opt_level=0).save_model_to_file(str(fused))
        quantised = Path(tmp) / "int8.onnx"
        quantize_dynamic(str(fused), str(quantised), weight_type=QuantType.QInt8,
                         per_channel=True,
                         # the fused operators are outside ONNX's own domain, so their
                         # outputs' types are not inferred: they are float
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
        partial = target.with_suffix(".onnx.tmp")
        partial.write_bytes(quantised.read_bytes())
        partial.replace(target)


def save_int8_model(arrays: Mapping[str, np.ndarray], output: Path) -> None:
    """Write a fine-tuned model in its shipped form: the layers (``encoder.*`` arrays) as
    int8 ONNX in ``output`` with ``.onnx``, everything else (head, signal scaling,
    threshold) in ``output`` (safetensors). Each file is written atomically, the graph
    first."""
    from safetensors.numpy import save_file

    layers = {k: v for k, v in arrays.items() if k.startswith("encoder.")}
    rest = {k: np.ascontiguousarray(v) for k, v in arrays.items() if not k.startswith("encoder.")}
    export_int8(layers, output.with_suffix(".onnx"))
    partial = output.with_suffix(".safetensors.tmp")
    save_file(rest, str(partial))
    partial.replace(output)

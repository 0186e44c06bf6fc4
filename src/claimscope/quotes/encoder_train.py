"""Fine-tuning the quote encoder (``claimscope train quote-encoder``): MiniLM's layers and a
linear head learn the tagger's labels (speaker, cue, content; BIO) of the tokens the
tagger reads (its blocks: paragraphs with a cue candidate, a quotation mark or a colon) in
the PolNeAR training articles, read off the first word piece of each spaCy token; windows
with none are left out. The blocks come from the quote model the encoder goes beside (its
cue priors and word clusters), which must exist. Needs
PyTorch (``pip install torch==2.13.0``, the CPU build) and ``onnx``/``sympy`` for the
export; about 45 minutes for six layers on 2 CPU cores."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from claimscope import nlp
from claimscope.errors import InputError
from claimscope.evaluation.polnear import read_gold
from claimscope.quotes import encoder, tagger
from claimscope.quotes.features import TokenView, doc_features
from claimscope.quotes.labels import gold_labels
from claimscope.quotes.train import TRAIN_FILE

IGNORED = -100  # pieces that carry no label: a token's second and later pieces


@dataclass(frozen=True, slots=True)
class EncoderTrainOptions:
    """Fine-tuning settings, those of the measured run (models/quotes.md): two layers
    (0.73 token F1 held out) fell short of the six (0.83) and harmed the CRF."""

    layers: int = 6
    epochs: int = 2
    learning_rate: float = 8e-5  # the layers'; the new head learns at 1e-3
    batch_size: int = 16  # windows
    warmup: float = 0.06  # share of the steps over which the learning rate rises
    # Weight of the encoder's log probabilities beside the CRF's scores: 0.5 beat 1.0 on
    # the by-publisher held-out articles (speech exact F1 0.722 against 0.706, float
    # layers; the tagger alone 0.714).
    scale: float = 0.5
    seed: int = 0


@dataclass(frozen=True, slots=True)
class EncoderReport:
    model: str
    articles: int
    windows: int
    final_loss: float
    data_sha256: str
    options: dict[str, float | int]
    trained_on: str

    def to_json(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class _Pieces:
    ids: np.ndarray
    labels: np.ndarray


def piece_labels(text: str, views: Sequence[TokenView], labels: Sequence[str],
                 tokenizer: Any) -> _Pieces:
    """The word pieces of ``text`` and each one's label: a token's label on its first
    piece, :data:`IGNORED` on the others."""
    enc = tokenizer.encode(text, add_special_tokens=False)
    starts = np.fromiter((o[0] for o in enc.offsets), dtype=np.int64, count=len(enc.ids))
    ends = np.fromiter((o[1] for o in enc.offsets), dtype=np.int64, count=len(enc.ids))
    out = np.full(len(enc.ids), IGNORED, dtype=np.int64)
    for view, label in zip(views, labels, strict=True):
        k = int(np.searchsorted(ends, view.start, side="right"))
        if k < len(starts) and starts[k] < view.end:
            out[k] = encoder.LABELS.index(label)
    return _Pieces(np.asarray(enc.ids, dtype=np.int64), out)


def train_encoder(
    data_dir: Path,
    model: Path | None = None,
    options: EncoderTrainOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> EncoderReport:
    """Fine-tune the encoder on ``data_dir``'s training file and write it beside the quote
    model ``model`` (default: the shipped one)."""
    from claimscope.claims.minilm_torch import torch_module

    path = data_dir / TRAIN_FILE
    if not path.exists():
        raise InputError(str(path), f"training file not found ({TRAIN_FILE} in {data_dir})")
    torch = torch_module()  # after the data check: a missing file is named without PyTorch
    opts = options or EncoderTrainOptions()
    say = progress or (lambda _msg: None)
    target = model or tagger.default_model_path()
    articles = list(read_gold(path))
    say(f"parsing {len(articles)} articles")
    from claimscope.embed import special_ids, tokenizer

    tok = tokenizer()
    priors, words = tagger.load_priors(str(target)), tagger.load_clusters(str(target))
    pieces = []
    for art, doc in zip(articles, nlp.load().pipe((a.text for a in articles), batch_size=16),
                        strict=True):
        # The tokens the tagger reads, labelled block by block as the tagger learns them.
        views: list[TokenView] = []
        labels: list[str] = []
        for block in doc_features(doc, priors, clusters=words):
            views.extend(block.views)
            labels.extend(gold_labels(block.views, art.quotes))
        pieces.append(piece_labels(art.text, views, labels, tok))
    segments = [(p.ids[lo:hi], p.labels[lo:hi]) for p in pieces
                for lo, hi in encoder.windows(len(p.ids), encoder.TRAIN_STRIDE)
                if (p.labels[lo:hi] >= 0).any()]
    say(f"fine-tuning {opts.layers} layers on {len(segments)} windows")
    net, loss = _fit(torch, segments, opts, say, special_ids(tok))
    _save(net, target, opts)
    report = EncoderReport(
        model=str(encoder.onnx_path(target)), articles=len(articles), windows=len(segments),
        final_loss=round(loss, 4), data_sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        options=asdict(opts), trained_on=date.today().isoformat(),
    )
    target.with_suffix(".encoder.json").write_text(json.dumps(report.to_json(), indent=2) + "\n",
                                                   encoding="utf-8")
    return report


def _network(torch: Any, layers: int) -> Any:
    from safetensors.torch import load_file

    from claimscope.claims.minilm_torch import model_class
    from claimscope.embed import model_dir

    class Tagger(torch.nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.m = model_class(torch)(load_file(str(model_dir() / "model.safetensors")), 0,
                                        layers)
            self.out = torch.nn.Linear(384, len(encoder.LABELS))
            self.drop = torch.nn.Dropout(0.1)

        def forward(self, ids: Any, mask: Any) -> Any:
            m = self.m
            h = m.ln0(m.words[ids] + m.positions[: ids.shape[1]] + m.type0)
            for layer in m.layers:
                h = layer(h, src_key_padding_mask=(mask == 0))
            return self.out(self.drop(h))

    return Tagger()


def _batch(torch: Any, items: Sequence[tuple[np.ndarray, np.ndarray]],
           special: tuple[int, int]) -> tuple[Any, Any, Any]:
    cls_id, sep_id = special
    width = max(len(ids) for ids, _ in items) + 2
    x = torch.zeros((len(items), width), dtype=torch.long)
    mask = torch.zeros_like(x)
    y = torch.full((len(items), width), IGNORED, dtype=torch.long)
    for r, (ids, labels) in enumerate(items):
        x[r, : len(ids) + 2] = torch.tensor([cls_id, *ids.tolist(), sep_id])
        mask[r, : len(ids) + 2] = 1
        y[r, 1 : len(ids) + 1] = torch.from_numpy(labels)
    return x, mask, y


def _fit(torch: Any, segments: Sequence[tuple[np.ndarray, np.ndarray]],
         opts: EncoderTrainOptions, say: Callable[[str], None],
         special: tuple[int, int]) -> tuple[Any, float]:
    torch.manual_seed(opts.seed)
    rng = np.random.default_rng(opts.seed)
    net = _network(torch, opts.layers)
    steps = opts.epochs * math.ceil(len(segments) / opts.batch_size)
    layer_params = [p for n, p in net.named_parameters()
                    if p.requires_grad and not n.startswith("out.")]
    optimiser = torch.optim.AdamW([{"params": layer_params, "lr": opts.learning_rate},
                                   {"params": net.out.parameters(), "lr": 1e-3}],
                                  weight_decay=0.01)
    warm = opts.warmup * steps + 1
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda k: min(1.0, k / warm) * max(0.0, (steps - k) / steps))
    loss_sum, count = 0.0, 0
    for epoch in range(opts.epochs):
        net.train()
        order = rng.permutation(len(segments))
        loss_sum, count = 0.0, 0
        for lo in range(0, len(order), opts.batch_size):
            x, mask, y = _batch(torch, [segments[i] for i in order[lo : lo + opts.batch_size]],
                                  special)
            loss = torch.nn.functional.cross_entropy(
                net(x, mask).reshape(-1, len(encoder.LABELS)), y.reshape(-1),
                ignore_index=IGNORED)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            loss_sum += float(loss.item())
            count += 1
        say(f"epoch {epoch + 1} of {opts.epochs}: loss {loss_sum / max(count, 1):.4f}")
    net.eval()
    return net, loss_sum / max(count, 1)


def _save(net: Any, target: Path, opts: EncoderTrainOptions) -> None:
    """The layers as int8 ONNX, then the head (each file written whole)."""
    from safetensors.numpy import save_file

    from claimscope.claims.minilm_torch import export_layers
    from claimscope.claims.onnx_export import export_int8

    export_int8(export_layers(net.m), encoder.onnx_path(target), output="states")
    partial = target.with_suffix(".encoder.tmp")
    save_file({"head.weight": net.out.weight.detach().numpy().astype(np.float32),
               "head.bias": net.out.bias.detach().numpy().astype(np.float32),
               "scale": np.array([opts.scale], dtype=np.float32)}, str(partial))
    partial.replace(encoder.head_path(target))
    encoder.load.cache_clear()

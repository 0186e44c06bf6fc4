"""Fine-tuning MiniLM for check-worthiness (needs PyTorch: ``pip install torch==2.13.0``).

The six transformer layers of all-MiniLM-L6-v2 are trained together with a logistic head
over the pooled sentence vector and the cheap signals of :mod:`checkworthy`; the word,
position and type embeddings stay frozen, so the shipped model holds only the layers (as
int8 ONNX, about 11 MB, :mod:`claimscope.claims.onnx_export`; building it needs
``pip install onnx sympy``) and the head, and runs with the packaged embeddings. The last chunk
of the training file is held out to pick the epoch and calibrate the threshold; dev and
dev-test are never looked at.

Distillation (``FinetuneOptions.teacher``): a model with fewer layers (3: every other one of
the six) learns a fine-tuned model's logits, by mean squared error, on the training
sentences and on news statements the teacher scores (``news``); the held-out chunk still
picks the epoch and the threshold against the labels.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np

from claimscope import embed
from claimscope.claims.checkworthy import SIGNAL_NAMES, features, load_model, signals
from claimscope.claims.minilm_torch import export_layers, model_class, torch_module
from claimscope.claims.onnx_export import save_int8_model
from claimscope.claims.train import (
    Labelled,
    TrainOptions,
    best_threshold,
    f1_at,
    model_card,
    noise_mask,
    out_of_fold,
    read_labelled,
)


@dataclass(frozen=True)
class FinetuneOptions:
    epochs: int = 3
    batch_size: int = 32
    # The usual range for BERT-size encoders (2e-5 - 5e-5); MiniLM is small and likes the
    # upper end.
    learning_rate: float = 5e-5
    warmup: float = 0.06
    max_tokens: int = 128  # debate sentences are short; longer ones are cut
    holdout: float = 0.1  # share of the training file (its last chunk) for calibration
    # Share of the training part dropped as label noise before fine-tuning, judged by the
    # out-of-fold scores of the linear model (0: keep everything).
    prune: float = 0.0
    seed: int = 13
    threads: int = 2
    layers: int = 6  # how many of MiniLM's six layers to keep (fewer run faster)
    # Distillation: a fine-tuned model whose logits the new one learns (None: learn the
    # labels), on the training sentences and on the statements of ``news`` (JSONL
    # articles, cut as the claims component cuts them; the screen's articles and split).
    teacher: Path | None = None
    news: Path | None = None


def _pruned(rows: list[Labelled], share: float) -> list[Labelled]:
    x = features([r.text for r in rows])
    y = np.array([r.label for r in rows])
    # 0.03: the regularisation the linear model's cross-validation picks on this data.
    keep = noise_mask(out_of_fold(x, y, 0.03, TrainOptions()), y, share)
    return [r for r, k in zip(rows, keep, strict=True) if k]


class _Text(Protocol):
    @property
    def text(self) -> str: ...


_Row = TypeVar("_Row", bound=_Text)


@dataclass(frozen=True)
class _Target:
    """A statement and the teacher's logit for it."""

    text: str
    logit: float


def _teacher_targets(
    teacher: Path, train: Sequence[Labelled], news: Path | None, say: Callable[[str], None],
) -> list[_Target]:
    from claimscope.claims.screen_train import ScreenOptions, news_statements

    texts = [r.text for r in train]
    if news is not None:
        say(f"cutting the statements of {news}")
        split = ScreenOptions()
        articles = news_statements(news, split)
        # The screen's split: its held-out articles stay out of the student's training.
        fit = articles[: int(len(articles) * (1 - split.news_holdout))]
        texts += [s for article in fit for s in article]
    say(f"the teacher scores {len(texts)} statements")
    scores = load_model(str(teacher), screen=False).score(texts)
    p = np.clip(scores.astype(np.float64), 1e-6, 1 - 1e-6)
    logits = np.log(p / (1 - p))
    return [_Target(t, float(z)) for t, z in zip(texts, logits, strict=True)]


@dataclass
class FinetuneReport:
    examples: int
    held_out: int
    epoch_f1: list[float]
    best_epoch: int
    threshold: float


def finetune_checkworthy(
    data: Path,
    output: Path,
    options: FinetuneOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> FinetuneReport:
    """Fine-tune on ``data`` (directory with ``ct24.train.jsonl``, or the file); write
    ``output`` (.safetensors: the head), its layers beside it (.onnx, int8) and its card
    (.json)."""
    torch = torch_module()
    from safetensors.torch import load_file
    from tokenizers import Tokenizer

    options = options or FinetuneOptions()
    say = progress or (lambda _msg: None)
    torch.manual_seed(options.seed)
    torch.set_num_threads(options.threads)
    rng = random.Random(options.seed)
    path = data / "ct24.train.jsonl" if data.is_dir() else data
    items = read_labelled(path)
    cut = int(len(items) * (1 - options.holdout))
    train, held = items[:cut], items[cut:]
    if options.prune > 0:
        say(f"pruning {options.prune:.0%} of {len(train)} training sentences as label noise")
        train = _pruned(train, options.prune)
    base = embed.model_dir()
    tok = Tokenizer.from_file(str(base / "tokenizer.json"))
    tok.enable_truncation(options.max_tokens)
    tok.no_padding()
    w = load_file(str(base / "model.safetensors"))
    sig_train = signals([i.text for i in train])
    sig_mean, sig_scale = sig_train.mean(0), sig_train.std(0) + 1e-6
    model = model_class(torch)(w, len(SIGNAL_NAMES), options.layers)
    rows: Sequence[Labelled | _Target] = train
    if options.teacher is not None:
        rows = _teacher_targets(options.teacher, train, options.news, say)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=options.learning_rate, weight_decay=0.01)
    steps = options.epochs * math.ceil(len(rows) / options.batch_size)
    warm = int(steps * options.warmup)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / max(warm, 1), max(0.0, (steps - s) / max(steps - warm, 1)))
    )
    pos = sum(i.label for i in train)
    loss_fn = torch.nn.BCEWithLogitsLoss(
        pos_weight=torch.tensor((len(train) - pos) / max(pos, 1))
    )

    def loss_of(b: Sequence[Labelled | _Target], logits: Any) -> Any:
        if options.teacher is None:
            y = torch.tensor([r.label for r in b if isinstance(r, Labelled)],
                             dtype=torch.float32)
            return loss_fn(logits, y)
        z = torch.tensor([r.logit for r in b if isinstance(r, _Target)], dtype=torch.float32)
        return torch.nn.functional.mse_loss(logits, z)

    def batches(rows: Sequence[_Row], shuffle: bool) -> list[list[_Row]]:
        # Length-sorted buckets keep padding small; the buckets are shuffled.
        order = sorted(rows, key=lambda r: len(r.text))
        out = [list(order[k : k + options.batch_size])
               for k in range(0, len(order), options.batch_size)]
        if shuffle:
            rng.shuffle(out)
        return out

    def tensors(rows: Sequence[Labelled | _Target]) -> tuple[Any, Any, Any]:
        enc = [e.ids for e in tok.encode_batch([r.text for r in rows])]
        t = max(len(e) for e in enc)
        ids = torch.zeros((len(rows), t), dtype=torch.long)
        mask = torch.zeros((len(rows), t), dtype=torch.long)
        for k, e in enumerate(enc):
            ids[k, : len(e)] = torch.tensor(e)
            mask[k, : len(e)] = 1
        sig = (signals([r.text for r in rows]) - sig_mean) / sig_scale
        return ids, mask, torch.from_numpy(sig.astype(np.float32))

    def predict(rows: Sequence[Labelled]) -> tuple[np.ndarray, np.ndarray]:
        model.eval()
        scores: list[float] = []
        labels: list[int] = []
        with torch.no_grad():
            for b in batches(rows, shuffle=False):
                scores.extend(torch.sigmoid(model(*tensors(b))).tolist())
                labels.extend(r.label for r in b)
        return np.array(scores), np.array(labels)

    report = FinetuneReport(len(train), len(held), [], 0, 0.5)
    best_state: dict[str, Any] | None = None
    for epoch in range(1, options.epochs + 1):
        model.train()
        for k, b in enumerate(batches(rows, shuffle=True)):
            loss = loss_of(b, model(*tensors(b)))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            if k % 100 == 0:
                say(f"epoch {epoch} batch {k}: loss {loss.item():.3f}")
        scores, labels = predict(held)
        threshold, f1 = best_threshold(scores, labels)
        report.epoch_f1.append(round(f1, 4))
        say(f"epoch {epoch}: held-out F1 {f1:.3f} at {threshold:.3f}")
        if best_state is None or f1 > max(report.epoch_f1[:-1], default=-1.0):
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
            report.best_epoch = epoch
            report.threshold = round(threshold, 4)
    assert best_state is not None
    model.load_state_dict(best_state)
    arrays = export_layers(model)
    arrays["head.weight"] = model.head.weight.detach().numpy()[0].astype(np.float32)
    arrays["head.bias"] = model.head.bias.detach().numpy().astype(np.float32)
    arrays["signals.mean"] = sig_mean.astype(np.float32)
    arrays["signals.scale"] = sig_scale.astype(np.float32)
    arrays["threshold"] = np.array([report.threshold], dtype=np.float32)
    save_int8_model(arrays, output)
    card = model_card(
        f"all-MiniLM-L6-v2 fine-tuned ({options.layers} layers, int8 ONNX) + logistic head "
        "with signals" + (f", distilled from {options.teacher.name}" if options.teacher else ""),
        path, report, options,
    )
    held_scores, held_labels = predict(held)
    card["check"] = f1_at(held_scores, held_labels, report.threshold)
    # The shipped form (int8 layers) on the same held-out sentences, in file order.
    shipped = load_model(str(output)).score([r.text for r in held])
    card["check_int8"] = f1_at(shipped, np.array([r.label for r in held]), report.threshold)
    output.with_suffix(".json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return report

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
from typing import Any, Literal, Protocol, TypeVar

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
    # One model per seed. With several, each is fine-tuned to its last epoch and their
    # weights are averaged into one model of the same size (a soup, Wortsman et al. 2022:
    # fine-tunes of one pre-trained model share a basin); ``soup`` says which go in. Here
    # it gained on held-out sentences of the training debates, not on unseen debates (see
    # the model card), so the shipped model is one seed.
    seeds: tuple[int, ...] = (13,)
    soup: Literal["greedy", "uniform"] = "greedy"
    device: str = "cpu"  # where PyTorch trains ("cuda" on a GPU: minutes, not hours)
    threads: int = 2
    layers: int = 6  # how many of MiniLM's six layers to keep (fewer run faster)
    # Distillation: a fine-tuned model whose logits the new one learns (None: learn the
    # labels), on the training sentences and on the statements of ``news`` (JSONL
    # articles, cut as the claims component cuts them; the screen's articles and split).
    teacher: Path | None = None
    news: Path | None = None
    # Fit the head on the frozen encoder's sentence vectors first, then fine-tune from it
    # (LP-FT, Kumar et al. 2022: a random head distorts the pre-trained features while it
    # is still wrong, and the distorted features transfer worse to shifted data, here a new
    # debate). Measured on unseen debates, not shipped: see the model card.
    probe_first: bool = False


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


def soup_members(f1s: Sequence[float], score: Callable[[list[int]], float]) -> list[int]:
    """The greedy soup's members (indices into ``f1s``): the runs in order of their own
    held-out F1, each kept when the average with it scores (``score`` of the member list)
    at least as well as the soup without it. The best run always goes in."""
    if not f1s:
        raise ValueError("a soup needs at least one run")
    order = sorted(range(len(f1s)), key=lambda k: -f1s[k])
    members, best = [order[0]], f1s[order[0]]
    for k in order[1:]:
        f1 = score([*members, k])
        if f1 >= best:
            members, best = [*members, k], f1
    return members


def average_states(states: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The element-wise mean of models' parameters (same keys and shapes)."""
    return {k: sum(s[k] for s in states) / len(states) for k in states[0]}



@dataclass
class FinetuneReport:
    examples: int
    held_out: int
    epoch_f1: list[list[float]]  # held-out F1 after each epoch, one list a seed
    best_epoch: int  # one seed: the epoch kept; a soup: the last
    threshold: float
    seeds: list[int]
    run_f1: list[float]  # held-out F1 of each seed's model as it goes into the soup
    soup: list[int]  # the seeds whose models were averaged (one seed: itself)
    soup_f1: float  # held-out F1 of the model written


@dataclass
class _Run:
    state: dict[str, Any]
    epoch_f1: list[float]
    best_epoch: int
    f1: float


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
    if not options.seeds:
        raise ValueError("FinetuneOptions.seeds is empty: give at least one seed")
    say = progress or (lambda _msg: None)
    torch.set_num_threads(options.threads)
    device = torch.device(options.device)
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
    rows: Sequence[Labelled | _Target] = train
    if options.teacher is not None:
        rows = _teacher_targets(options.teacher, train, options.news, say)
    pos = sum(i.label for i in train)
    loss_fn = torch.nn.BCEWithLogitsLoss(
        pos_weight=torch.tensor((len(train) - pos) / max(pos, 1), device=device)
    )
    held_labels = np.array([r.label for r in held])

    def new_model(seed: int) -> Any:
        torch.manual_seed(seed)  # the head's initial weights and the dropout
        return model_class(torch)(w, len(SIGNAL_NAMES), options.layers).to(device)

    def loss_of(b: Sequence[Labelled | _Target], logits: Any) -> Any:
        if options.teacher is None:
            y = torch.tensor([r.label for r in b if isinstance(r, Labelled)],
                             dtype=torch.float32, device=device)
            return loss_fn(logits, y)
        z = torch.tensor([r.logit for r in b if isinstance(r, _Target)], dtype=torch.float32,
                         device=device)
        return torch.nn.functional.mse_loss(logits, z)

    def batches(rows: Sequence[_Row], rng: random.Random | None) -> list[list[_Row]]:
        # Length-sorted buckets keep padding small; the buckets are shuffled.
        order = sorted(rows, key=lambda r: len(r.text))
        out = [list(order[k : k + options.batch_size])
               for k in range(0, len(order), options.batch_size)]
        if rng is not None:
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
        return ids.to(device), mask.to(device), torch.from_numpy(sig.astype(np.float32)).to(device)

    def predict(model: Any, rows: Sequence[Labelled]) -> np.ndarray:
        """Scores in the order of ``rows``."""
        model.eval()
        index = {id(r): k for k, r in enumerate(rows)}
        scores = np.zeros(len(rows))
        with torch.no_grad():
            for b in batches(rows, None):
                scores[[index[id(r)] for r in b]] = torch.sigmoid(model(*tensors(b))).tolist()
        return scores

    def held_out(model: Any) -> tuple[float, float]:
        return best_threshold(predict(model, held), held_labels)

    def probe_head(model: Any) -> None:
        """Set the head to a logistic regression on the frozen model's features of the
        training sentences, weighted as the loss weighs the positives."""
        from sklearn.linear_model import LogisticRegression

        model.eval()
        parts: list[np.ndarray] = []
        labels: list[int] = []
        with torch.no_grad():
            for b in batches(train, None):
                ids, mask, sig = tensors(b)
                parts.append(torch.cat([model.pool(ids, mask), sig], dim=1).cpu().numpy())
                labels.extend(r.label for r in b if isinstance(r, Labelled))
        weight = float(loss_fn.pos_weight)
        probe = LogisticRegression(C=1.0, class_weight={0: 1.0, 1: weight}, max_iter=2000)
        probe.fit(np.concatenate(parts), np.array(labels))
        model.head.weight.data = torch.tensor(probe.coef_, dtype=torch.float32, device=device)
        model.head.bias.data = torch.tensor(probe.intercept_, dtype=torch.float32,
                                            device=device)
        say(f"probe: head fitted on the frozen encoder ({len(labels)} sentences)")

    def fit(seed: int, keep_best: bool) -> _Run:
        rng = random.Random(seed)
        model = new_model(seed)
        if options.probe_first and options.teacher is None:
            probe_head(model)
        params = [p for p in model.parameters() if p.requires_grad]
        opt = torch.optim.AdamW(params, lr=options.learning_rate, weight_decay=0.01)
        steps = options.epochs * math.ceil(len(rows) / options.batch_size)
        warm = int(steps * options.warmup)
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt,
            lambda s: min((s + 1) / max(warm, 1), max(0.0, (steps - s) / max(steps - warm, 1))),
        )
        run = _Run({}, [], 0, -1.0)
        for epoch in range(1, options.epochs + 1):
            model.train()
            for k, b in enumerate(batches(rows, rng)):
                loss = loss_of(b, model(*tensors(b)))
                opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, 1.0)
                opt.step()
                sched.step()
                if k % 100 == 0:
                    say(f"seed {seed} epoch {epoch} batch {k}: loss {loss.item():.3f}")
            threshold, f1 = held_out(model)
            run.epoch_f1.append(round(f1, 4))
            say(f"seed {seed} epoch {epoch}: held-out F1 {f1:.3f} at {threshold:.3f}")
            # One model keeps its best epoch; a soup's ingredients their last (their
            # average is what the held-out chunk judges).
            if not keep_best or f1 > run.f1:
                run.state = {k: v.detach().clone() for k, v in model.state_dict().items()}
                run.best_epoch, run.f1 = epoch, f1
        return run

    runs = [fit(seed, keep_best=len(options.seeds) == 1) for seed in options.seeds]
    model = new_model(options.seeds[0])

    def soup_f1(members: list[int]) -> float:
        model.load_state_dict(average_states([runs[k].state for k in members]))
        return held_out(model)[1]

    if len(runs) == 1 or options.soup == "uniform":
        members = list(range(len(runs)))
    else:
        members = soup_members([r.f1 for r in runs], soup_f1)
    model.load_state_dict(average_states([runs[k].state for k in members]))
    held_scores = predict(model, held)
    threshold, f1 = best_threshold(held_scores, held_labels)
    say(f"soup of seeds {[options.seeds[k] for k in members]}: held-out F1 {f1:.4f}")
    report = FinetuneReport(
        len(train), len(held), [r.epoch_f1 for r in runs],
        runs[0].best_epoch if len(runs) == 1 else options.epochs, round(threshold, 4),
        list(options.seeds), [round(r.f1, 4) for r in runs],
        [options.seeds[k] for k in members], round(f1, 4),
    )
    model = model.cpu()
    arrays = export_layers(model)
    arrays["head.weight"] = model.head.weight.detach().numpy()[0].astype(np.float32)
    arrays["head.bias"] = model.head.bias.detach().numpy().astype(np.float32)
    arrays["signals.mean"] = sig_mean.astype(np.float32)
    arrays["signals.scale"] = sig_scale.astype(np.float32)
    arrays["threshold"] = np.array([report.threshold], dtype=np.float32)
    save_int8_model(arrays, output)
    soup = f", a {options.soup} soup of {len(members)} seeds" if len(runs) > 1 else ""
    card = model_card(
        f"all-MiniLM-L6-v2 fine-tuned ({options.layers} layers, int8 ONNX) + logistic head "
        "with signals" + (f", distilled from {options.teacher.name}" if options.teacher else "")
        + soup + (", the head fitted on the frozen encoder first (LP-FT)"
                  if options.probe_first else ""),
        path, report, options,
    )
    card["check"] = f1_at(held_scores, held_labels, report.threshold)
    # The shipped form (int8 layers) on the same held-out sentences, in file order; never
    # through a screen beside it, which estimates the previous model (training over the
    # shipped model failed here once its screen existed).
    shipped = load_model(str(output), screen=False).score([r.text for r in held])
    card["check_int8"] = f1_at(shipped, held_labels, report.threshold)
    output.with_suffix(".json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return report

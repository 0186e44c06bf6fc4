"""Fine-tuning MiniLM for claim matching (needs PyTorch: ``pip install torch==2.13.0``).

Pairs of a tweet and the fact-checked claim it makes (CheckThat! 2022 2A training queries
and their gold claims) train the encoder so that the two land close: a contrastive loss
over each batch, where every other pair's claim is a negative (multiple negatives ranking).
The last chunk of the training queries is held out to pick the epoch by MAP@5 against the
whole fact-check collection; dev and dev-test are never looked at. The shipped file holds
the six layers in float16 (the packaged embeddings are reused).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from claimscope import embed
from claimscope.claims.factchecks import load_factchecks
from claimscope.claims.matching import average_precision_at
from claimscope.claims.minilm_torch import export_layers, model_class, torch_module
from claimscope.evaluation.matching import read_queries


@dataclass(frozen=True)
class MatchTuneOptions:
    epochs: int = 4
    batch_size: int = 32
    learning_rate: float = 3e-5
    # Similarity scale of the contrastive loss (sentence-transformers' default for MNRL).
    scale: float = 20.0
    max_tokens: int = 128
    holdout: float = 0.1
    seed: int = 13
    threads: int = 2


@dataclass
class MatchTuneReport:
    pairs: int
    held_out_queries: int
    base_map_at_5: float = 0.0
    epoch_map_at_5: list[float] = field(default_factory=list)
    best_epoch: int = 0


def finetune_matcher(
    data: Path,
    output: Path,
    options: MatchTuneOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> MatchTuneReport:
    """Fine-tune on ``data`` (a folder with ``ct22_2a.train.jsonl`` and
    ``ct22_2a.corpus.jsonl``); write ``output`` (.safetensors) and its card (.json)."""
    torch = torch_module()
    from safetensors.numpy import save_file
    from safetensors.torch import load_file
    from tokenizers import Tokenizer

    options = options or MatchTuneOptions()
    say = progress or (lambda _msg: None)
    torch.manual_seed(options.seed)
    torch.set_num_threads(options.threads)
    rng = random.Random(options.seed)
    queries = read_queries(data / "ct22_2a.train.jsonl")
    records = load_factchecks(data / "ct22_2a.corpus.jsonl")
    claim_of = {r.id: r.claim for r in records}
    cut = int(len(queries) * (1 - options.holdout))
    train_q, held_q = queries[:cut], queries[cut:]
    pairs = [(q.text, claim_of[g]) for q in train_q for g in q.gold if g in claim_of]
    base = embed.model_dir()
    tok = Tokenizer.from_file(str(base / "tokenizer.json"))
    tok.enable_truncation(options.max_tokens)
    tok.no_padding()
    model = model_class(torch)(load_file(str(base / "model.safetensors")))
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=options.learning_rate, weight_decay=0.01)

    def tensors(texts: Sequence[str]) -> tuple[Any, Any]:
        enc = [e.ids for e in tok.encode_batch(list(texts))]
        t = max(len(e) for e in enc)
        ids = torch.zeros((len(texts), t), dtype=torch.long)
        mask = torch.zeros((len(texts), t), dtype=torch.long)
        for k, e in enumerate(enc):
            ids[k, : len(e)] = torch.tensor(e)
            mask[k, : len(e)] = 1
        return ids, mask

    def encode(texts: Sequence[str]) -> np.ndarray:
        model.eval()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), embed.DIMENSIONS), dtype=np.float32)
        with torch.no_grad():
            for lo in range(0, len(order), 128):
                idx = order[lo : lo + 128]
                out[idx] = model.pool(*tensors([texts[i] for i in idx])).numpy()
        return out

    ids = [r.id for r in records]

    def held_map() -> float:
        corpus = encode([r.claim for r in records])
        qv = encode([q.text for q in held_q])
        aps = []
        for q, row in zip(held_q, qv @ corpus.T, strict=True):
            top = np.argsort(-row)[:5]
            aps.append(average_precision_at([ids[i] for i in top], q.gold, 5))
        return float(np.mean(aps))

    report = MatchTuneReport(len(pairs), len(held_q))
    report.base_map_at_5 = round(held_map(), 4)
    say(f"held-out MAP@5 before training (embedding only): {report.base_map_at_5:.3f}")
    best: tuple[float, dict[str, np.ndarray]] | None = None
    for epoch in range(1, options.epochs + 1):
        model.train()
        rng.shuffle(pairs)
        for lo in range(0, len(pairs), options.batch_size):
            batch = pairs[lo : lo + options.batch_size]
            # Two pairs with the same claim would be each other's false negatives.
            batch = list({claim: (tweet, claim) for tweet, claim in batch}.values())
            if len(batch) < 2:
                continue
            q = model.pool(*tensors([a for a, _ in batch]))
            c = model.pool(*tensors([b for _, b in batch]))
            logits = options.scale * q @ c.T
            target = torch.arange(len(batch))
            loss = (torch.nn.functional.cross_entropy(logits, target)
                    + torch.nn.functional.cross_entropy(logits.T, target)) / 2
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
        score = held_map()
        report.epoch_map_at_5.append(round(score, 4))
        say(f"epoch {epoch}: held-out MAP@5 {score:.3f}")
        if best is None or score > best[0]:
            best = (score, export_layers(model))
            report.best_epoch = epoch
    assert best is not None
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_suffix(".tmp")
    save_file(best[1], str(tmp))
    tmp.replace(output)
    train_file = data / "ct22_2a.train.jsonl"
    card = {
        "model": "all-MiniLM-L6-v2 fine-tuned for claim matching (6 layers, float16)",
        "trained_on": dt.date.today().isoformat(),
        "data": train_file.name,
        "data_sha256": hashlib.sha256(train_file.read_bytes()).hexdigest(),
        "options": asdict(options),
        "report": asdict(report),
    }
    output.with_suffix(".json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return report

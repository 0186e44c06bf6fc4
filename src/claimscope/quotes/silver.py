"""Silver training articles: news the quote pipeline labels for the tagger to learn from.

PolNeAR's 840 training articles are all the gold there is. The tagger with its fine-tuned
encoder beside it (``AnalyzeOptions(quote_encoder=True)``) is more accurate than the tagger
alone, but too slow to run by default (see ``quotes/encoder.py``). Its attributions on
other news articles (``claimscope train quotes --silver FILE``) make more training data
for the tagger alone: the knowledge of the slow model distilled into the fast one's
weights, at no cost when it runs. Measured on the by-publisher held-out PolNeAR articles
(tagger trained on the other 735) with the 653 SemEval framing articles labelled so: one
pass, speech exact / overlap F1 0.7025 / 0.8050 with the gold alone, 0.7090 / 0.8150 with
the silver; but both passes 0.7074 / 0.8169, under the shipped recipe's 0.7141 / 0.8140,
so the shipped tagger is not trained on silver (see the model card).

A silver article is a JSONL record with a ``text`` (and optionally an ``id``), as in the
framing files of ``../shared/data/framing``. Its labels are the teacher's top-level quotes
(PolNeAR annotates no nested attributions): each quote's content pieces, its cue and the
words that name its speaker.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from claimscope.errors import InputError
from claimscope.evaluation.polnear import GoldArticle, GoldQuote
from claimscope.jsonl import json_lines, read_lines
from claimscope.model import Analysis


def silver_files(paths: Sequence[Path]) -> list[Path]:
    """The JSONL files named: a file as it is, a folder by its ``*.jsonl`` files in name
    order. A path that does not exist, or a folder without JSONL, is an InputError."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.glob("*.jsonl"))
            if not found:
                raise InputError(str(path), "no .jsonl file in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(str(path), "silver data not found")
    return files


def read_texts(path: Path) -> Iterator[tuple[str, str]]:
    """``(id, text)`` of every record; a malformed line raises InputError naming it."""
    for number, record in json_lines(read_lines(path), path):
        text = record.get("text") if isinstance(record, dict) else None
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"{path}:{number}", "record has no text")
        yield str(record.get("id", f"{path.name}:{number}")), text


def silver_article(ident: str, text: str, analysis: Analysis) -> GoldArticle:
    """The analysis's top-level quotes as training attributions of ``text``."""
    if analysis.article.text != text:
        # The offsets would point into another text (ingest never rewrites a plain
        # record's text, so this is a bug, not bad input).
        raise ValueError(f"{ident}: the analysed text differs from the record's")
    quotes = tuple(
        GoldQuote(
            content=tuple((c.start, c.end) for c in q.content),
            speaker=((q.speaker.mention.start, q.speaker.mention.end),)
            if q.speaker and q.speaker.mention else (),
            cue=((q.cue.start, q.cue.end),) if q.cue else (),
            speaker_text=q.speaker.mention.text if q.speaker and q.speaker.mention else "",
            kind=q.kind,
        )
        for q in analysis.quotes
        if q.parent is None
    )
    return GoldArticle(ident, text, quotes, publisher="silver")


@dataclass(frozen=True, slots=True)
class Silver:
    """Silver articles with what made them: the teacher's component version and the
    SHA-256 of each file read."""

    articles: list[GoldArticle]
    teacher: str
    files: dict[str, str]


def label(
    paths: Sequence[Path], teacher: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> Silver:
    """Every record of ``paths`` (see :func:`silver_files`) labelled by the quote model
    ``teacher`` (None: the shipped one) with its encoder beside it. A teacher without an
    encoder is refused (PipelineError): its own labels would teach the tagger nothing."""
    from claimscope.api import analyze_many
    from claimscope.ingest import read
    from claimscope.pipeline import AnalyzeOptions, pipeline_for

    say = progress or (lambda _msg: None)
    files = silver_files(paths)
    records = [rec for path in files for rec in read_texts(path)]
    options = AnalyzeOptions(components=("sentences", "entities", "quotes"),
                             quote_model=teacher, quote_encoder=True)
    version = next(c.version for c in pipeline_for(options).infos if c.name == "quotes")
    say(f"labelling {len(records)} silver articles with quotes {version}")
    articles = [read({"text": text, "id": ident}, source_id=ident) for ident, text in records]
    return Silver(
        articles=[
            silver_article(ident, text, analysis)
            for (ident, text), analysis in zip(records, analyze_many(articles, options),
                                                strict=True)
        ],
        teacher=version,
        files={str(f): hashlib.sha256(f.read_bytes()).hexdigest() for f in files},
    )

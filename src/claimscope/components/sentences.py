"""Sentences (never crossing a paragraph break) and, when asked, tokens."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from claimscope.model import Span, Token, make_span

if TYPE_CHECKING:
    from claimscope.pipeline import AnalyzeOptions, Context

_BREAK = re.compile(r"\n\s*\n")


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return make_span(text, start, end) if end > start else None


def split_sentence(text: str, start: int, end: int) -> list[Span]:
    """A parser sentence cut at blank lines and trimmed of surrounding whitespace."""
    spans: list[Span] = []
    pos = start
    for m in _BREAK.finditer(text, start, end):
        span = _trimmed(text, pos, m.start())
        if span:
            spans.append(span)
        pos = m.end()
    span = _trimmed(text, pos, end)
    if span:
        spans.append(span)
    return spans


class SentenceComponent:
    name = "sentences"
    version = "1.0"
    requires: tuple[str, ...] = ()

    def __init__(self, options: AnalyzeOptions) -> None:
        self.tokens = options.tokens

    def __call__(self, ctx: Context) -> None:
        text = ctx.article.text
        for sent in ctx.doc.sents:
            ctx.analysis.sentences.extend(split_sentence(text, sent.start_char, sent.end_char))
        if self.tokens:
            ctx.analysis.tokens.extend(
                Token(
                    t.idx, t.idx + len(t.text), t.text, t.lemma_, t.pos_, t.tag_, t.dep_,
                    t.head.idx, t.ent_type_,
                )
                for t in ctx.doc
                if not t.is_space
            )

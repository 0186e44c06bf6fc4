"""The one data model: spans, articles, analyses, and their JSON form.

Every annotation is a :class:`Span` into ``Article.text`` (end exclusive) whose ``text``
equals ``Article.text[start:end]``. Constructors that build spans from a text go through
:func:`make_span`, which is the only place that slices.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = "claimscope.analysis/1"


class SpanError(ValueError):
    """A span that does not point at the text it claims to."""


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


def make_span(text: str, start: int, end: int) -> Span:
    """Slice ``text`` into a checked span."""
    if not 0 <= start <= end <= len(text):
        raise SpanError(f"span [{start}, {end}) outside a text of length {len(text)}")
    return Span(start, end, text[start:end])


def check_span(text: str, span: Span) -> None:
    if text[span.start : span.end] != span.text:
        raise SpanError(f"span [{span.start}, {span.end}) does not match {span.text!r}")


@dataclass(frozen=True, slots=True)
class Removed:
    """A debris line taken out of the body, located in the raw input."""

    text: str
    reason: str
    raw_start: int
    raw_end: int

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "reason": self.reason,
            "raw_start": self.raw_start,
            "raw_end": self.raw_end,
        }


@dataclass(frozen=True, slots=True)
class Segment:
    """``text[start:end]`` came from ``raw[raw_start:raw_start + (end - start)]``.

    ``exact`` is False where the text was derived (HTML extraction) and the segment only
    locates the passage in the raw input.
    """

    start: int
    end: int
    raw_start: int
    exact: bool = True


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets in the analysed text back to the raw input."""

    segments: tuple[Segment, ...]

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls((Segment(0, length, 0),))

    def to_raw(self, offset: int) -> int:
        """Raw offset of ``text[offset]``; offsets between segments map to the next one."""
        if not self.segments:
            return 0
        starts = [s.start for s in self.segments]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return self.segments[0].raw_start
        seg = self.segments[i]
        if offset < seg.end:
            return seg.raw_start + (offset - seg.start if seg.exact else 0)
        if i + 1 < len(self.segments):
            return self.segments[i + 1].raw_start
        return seg.raw_start + (seg.end - seg.start if seg.exact else 0)

    def to_json(self) -> list[list[int]]:
        return [[s.start, s.end, s.raw_start, int(s.exact)] for s in self.segments]


@dataclass(frozen=True, slots=True)
class Meta:
    """Metadata a source states about an article (record fields, HTML metadata)."""

    title: str | None = None
    outlet: str | None = None
    section: str | None = None
    published: str | None = None
    url: str | None = None
    author: str | None = None
    record_id: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """An article as read: raw input untouched, plus the text that is analysed."""

    raw: str
    text: str
    source_id: str
    title: str | None = None
    title_span: Span | None = None
    outlet: str | None = None
    section: str | None = None
    published: str | None = None
    url: str | None = None
    author: str | None = None
    language: str = "en"
    record_id: str | None = None
    headings: tuple[Span, ...] = ()
    paragraphs: tuple[Span, ...] = ()
    removed: tuple[Removed, ...] = ()
    offsets: OffsetMap = field(default_factory=lambda: OffsetMap(()))
    input_format: str = "text"

    @property
    def id(self) -> str:
        """Stable identity: the record's id when given, else a hash of the analysed text."""
        if self.record_id:
            return self.record_id
        return content_hash(self.text)

    def to_raw(self, offset: int) -> int:
        return self.offsets.to_raw(offset)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor: one canonical name and every mention of it in the text."""

    name: str
    label: str
    mentions: tuple[Span, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "mentions": [m.to_json() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to: the resolved name, the article's actor it resolves to
    (None when it cannot be resolved), and the words of the text that name the speaker
    (None when the speaker is carried over from an earlier quote)."""

    name: str
    entity: str | None
    mention: Span | None
    # name, surname, title, pronoun, group, carried, description, unresolved, outlet
    resolution: str

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "entity": self.entity,
            "mention": self.mention.to_json() if self.mention else None,
            "resolution": self.resolution,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """An attribution: who (speaker) said what (content pieces) through which cue."""

    id: str
    kind: str  # direct, indirect, mixed
    content: tuple[Span, ...]
    cue: Span | None
    speaker: Speaker | None
    confidence: float
    parent: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "content": [c.to_json() for c in self.content],
            "cue": self.cue.to_json() if self.cue else None,
            "speaker": self.speaker.to_json() if self.speaker else None,
            "confidence": round(self.confidence, 3),
            "parent": self.parent,
        }

    @property
    def start(self) -> int:
        return self.content[0].start

    @property
    def end(self) -> int:
        return self.content[-1].end


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number the text asserts."""

    id: str
    span: Span  # the number's words, currency and percent signs included
    value: float
    unit: str | None  # "%", a currency code, a unit of measure ("km", "tonnes"), None for counts
    object: str | None  # what is counted or measured ("signed contracts")
    object_lemma: str | None  # the counted noun's lemma, for comparing across texts
    approximator: str | None  # "about", "as many as", "more than" ...
    time: Span | None  # the clause's time reference
    revises: str | None = None  # id of an earlier quantity this one updates

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "span": self.span.to_json(),
            "value": self.value,
            "unit": self.unit,
            "object": self.object,
            "approximator": self.approximator,
            "time": self.time.to_json() if self.time else None,
            "revises": self.revises,
        }

    def spans(self) -> list[Span]:
        return [self.span, *([self.time] if self.time else [])]


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence, or the part of it a quote holds, scored for check-worthiness."""

    span: Span
    score: float
    label: bool
    quote: str | None  # the id of the quote the statement sits in

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.span.to_json(),
            "score": round(self.score, 4),
            "label": self.label,
            "quote": self.quote,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """A check-worthy statement: what is claimed, by whom, with which numbers."""

    id: str
    text: Span
    score: float
    claimant: Speaker
    quote: str | None
    numbers: tuple[str, ...]  # ids of the quantities inside the claim
    # "asserts", or "denies" when the quote's cue rejects its content ("The RSF denied
    # targeting civilians": the RSF does not claim it)
    stance: str = "asserts"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text.to_json(),
            "score": round(self.score, 4),
            "claimant": self.claimant.to_json(),
            "quote": self.quote,
            "numbers": list(self.numbers),
            "stance": self.stance,
        }


@dataclass(frozen=True, slots=True)
class Technique:
    """A persuasion technique in a paragraph, shown on the sentence that carries it most."""

    technique: str
    confidence: float
    paragraph: Span
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {"technique": self.technique, "confidence": round(self.confidence, 3),
                "paragraph": self.paragraph.to_json(), "span": self.span.to_json()}


@dataclass(frozen=True, slots=True)
class Narrative:
    """An article-level narrative ("Other" when none is likely), with evidence sentences."""

    domain: str | None  # URW (Ukraine-Russia war), CC (climate change); None for Other
    narrative: str
    subnarratives: tuple[str, ...]
    confidence: float
    evidence: tuple[Span, ...]

    def to_json(self) -> dict[str, Any]:
        return {"domain": self.domain, "narrative": self.narrative,
                "subnarratives": list(self.subnarratives),
                "confidence": round(self.confidence, 3),
                "evidence": [e.to_json() for e in self.evidence]}


@dataclass(frozen=True, slots=True)
class Role:
    """How an actor is cast, by whom (a quoted speaker, else the outlet), with evidence."""

    entity: str
    main_role: str  # Protagonist, Antagonist, Innocent
    fine_roles: tuple[str, ...]
    confidence: float
    evidence: Span
    by: str

    def to_json(self) -> dict[str, Any]:
        return {"entity": self.entity, "main_role": self.main_role,
                "fine_roles": list(self.fine_roles), "confidence": round(self.confidence, 3),
                "evidence": self.evidence.to_json(), "by": self.by}


@dataclass(frozen=True, slots=True)
class CustomLabel:
    """A label of a user's own taxonomy on a sentence, with its similarity as confidence."""

    taxonomy: str
    label: str
    confidence: float
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {"taxonomy": self.taxonomy, "label": self.label,
                "confidence": round(self.confidence, 3), "span": self.span.to_json()}


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head_start: int
    ent_type: str


@dataclass(frozen=True, slots=True)
class ComponentInfo:
    name: str
    version: str


@dataclass(slots=True)
class Analysis:
    """An article plus the annotations the components added. Plain data: pickles."""

    article: Article
    sentences: list[Span] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    numbers: list[Quantity] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    techniques: list[Technique] = field(default_factory=list)
    narratives: list[Narrative] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    labels: list[CustomLabel] = field(default_factory=list)
    components: list[ComponentInfo] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def spans(self) -> list[Span]:
        """Every span this analysis emits, for checking."""
        a = self.article
        out = [*a.headings, *a.paragraphs, *self.sentences]
        if a.title_span is not None:
            out.append(a.title_span)
        for ent in self.entities:
            out.extend(ent.mentions)
        for q in self.quotes:
            out.extend(q.content)
            if q.cue is not None:
                out.append(q.cue)
            if q.speaker is not None and q.speaker.mention is not None:
                out.append(q.speaker.mention)
        for n in self.numbers:
            out.extend(n.spans())
        out.extend(st.span for st in self.statements)
        for c in self.claims:
            out.append(c.text)
            if c.claimant.mention is not None:
                out.append(c.claimant.mention)
        for t in self.techniques:
            out.extend((t.paragraph, t.span))
        for narrative in self.narratives:
            out.extend(narrative.evidence)
        out.extend(r.evidence for r in self.roles)
        out.extend(label.span for label in self.labels)
        out.extend(Span(t.start, t.end, t.text) for t in self.tokens)
        return out

    def to_json(self, *, include_tokens: bool = False) -> dict[str, Any]:
        a = self.article
        data: dict[str, Any] = {
            "schema": SCHEMA_VERSION,
            "id": a.id,
            "source_id": a.source_id,
            "input_format": a.input_format,
            "title": a.title,
            "title_span": a.title_span.to_json() if a.title_span else None,
            "outlet": a.outlet,
            "section": a.section,
            "published": a.published,
            "url": a.url,
            "author": a.author,
            "language": a.language,
            "text": a.text,
            "headings": [h.to_json() for h in a.headings],
            "removed": [r.to_json() for r in a.removed],
            "paragraphs": [p.to_json() for p in a.paragraphs],
            "sentences": [s.to_json() for s in self.sentences],
            "entities": [e.to_json() for e in self.entities],
            "quotes": [q.to_json() for q in self.quotes],
            "numbers": [n.to_json() for n in self.numbers],
            "statements": [st.to_json() for st in self.statements],
            "claims": [c.to_json() for c in self.claims],
            "techniques": [t.to_json() for t in self.techniques],
            "narratives": [n.to_json() for n in self.narratives],
            "roles": [r.to_json() for r in self.roles],
            "labels": [label.to_json() for label in self.labels],
            "components": [asdict(c) for c in self.components],
            "offset_map": a.offsets.to_json(),
        }
        if include_tokens:
            data["tokens"] = [asdict(t) for t in self.tokens]
        data.update(self.extra)
        return data


def schema_path() -> str:
    """Path of the JSON Schema that every ``Analysis.to_json()`` output satisfies."""
    from importlib.resources import files

    return str(files("claimscope") / "schema" / "analysis.schema.json")

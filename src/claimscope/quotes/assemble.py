"""From tagged spans to attributions: content pieces linked to their cue and speaker.

The tagger marks speaker (S), cue (Q) and content (C) runs; this module decides which
belong together. A content run takes the cue that governs it in the parse, else the
nearest cue in its sentence, else a colon introduction in the sentence before; content
runs that share a cue are one quote with several pieces (“..., ” Putin said. “...”). A
cue takes the speaker that is its subject, else the nearest speaker run in its sentence.
A cue inside another quote's content, or governed by its cue, is a nested attribution.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from claimscope.datelines import after_dateline
from claimscope.quotes.cues import is_speech_cue, speech_forms
from claimscope.quotes.labels import TaggedSpan
from claimscope.quotes.marks import (
    DASHES,
    Quoted,
    line_paragraphs,
    paragraph_break,
    paragraph_breaks,
)

# Character gaps that rank cue candidates: a cue in another sentence of the paragraph costs
# as much as one 300 characters away in the same sentence (a long sentence); one that
# governs the content in the parse is preferred by about one clause's length.
_OTHER_SENTENCE = 300
_SYNTAX_BONUS = 120
# How far up the tree a content token may hang below its cue to count as governed.
_GOVERN_DEPTH = 4
_EDGE = " \t\n,;:-" + DASHES
# What ends an attribution before a quotation that resumes the quote.
_BREAKS = frozenset(".,;:!?-" + DASHES)
# How a paragraph may end for speech to go on in the next one (trimmed of a colon).
_SPEECH_END = (".", "!", "?", "”", "\"", ":", ",", "’")
# How deep below an outer cue a nested cue may sit (clauses within clauses).
_MAX_NEST_DEPTH = 8


@dataclass
class Draft:
    content: list[tuple[int, int]]
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    confidence: float
    cue_token: int | None = None  # doc index of the cue's main token
    parent: int | None = None
    # Speech printed as spoken, without quotation marks (a transcript's or interview's
    # turn): direct, and not cut at its first sentence.
    verbatim: bool = False


SUBJECTS = ("nsubj", "nsubjpass")


def token_span(tok: Any) -> tuple[int, int]:
    """Character offsets of one spaCy token."""
    return tok.idx, tok.idx + len(tok.text)


def subtree_span(tok: Any) -> tuple[int, int]:
    """Character offsets from the first to the last token of ``tok``'s subtree."""
    words = list(tok.subtree)
    return words[0].idx, words[-1].idx + len(words[-1].text)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


class _Index:
    """Sentence and paragraph of a character offset, and the doc token at it."""

    def __init__(self, doc: Any, text: str) -> None:
        self.doc = doc
        self.sent_starts = [s.start_char for s in doc.sents]
        brk = paragraph_break(text)
        self.para_starts = [0] + [m.end() for m in re.finditer(re.escape(brk), text)]
        self.tok_starts = [int(i) for i in doc.to_array("IDX")] if len(doc) else []
        # Each token's head as a token index (spaCy stores it as an offset), read once:
        # walking up the tree through Token objects was much of assembling's time.
        offsets = doc.to_array("HEAD").astype(np.int64).tolist() if len(doc) else []
        self.heads = [i + off for i, off in enumerate(offsets)]

    def sentence(self, offset: int) -> int:
        return bisect.bisect_right(self.sent_starts, offset) - 1

    def paragraph(self, offset: int) -> int:
        return bisect.bisect_right(self.para_starts, offset) - 1

    def token(self, offset: int) -> Any:
        return self.doc[self.token_index(offset)]

    def token_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.tok_starts, offset) - 1)

    def governs(self, cue: int, token: int) -> bool:
        """Whether the token at index ``cue`` lies at most ``_GOVERN_DEPTH`` steps above
        the one at ``token`` in the parse."""
        node = token
        for _ in range(_GOVERN_DEPTH):
            head = self.heads[node]
            if head == node:
                return False
            node = head
            if node == cue:
                return True
        return False


def _main_token(ix: _Index, span: TaggedSpan) -> Any:
    """The cue's verb (or preposition of "according to"): the highest token in the span."""
    toks = [t for t in ix.doc.char_span(span.start, span.end, alignment_mode="expand") or []]
    if not toks:
        return ix.token(span.start)
    inside = {t.i for t in toks}
    for t in toks:
        top = t.head.i not in inside or t.head.i == t.i
        if top and (t.pos_ in ("VERB", "AUX") or t.lower_ in ("according", ":")):
            return t
    return toks[0]


def assemble(
    doc: Any, text: str, spans: Sequence[TaggedSpan], confidences: Sequence[float],
    quoted: Sequence[Quoted],
) -> list[Draft]:
    """Drafts of attributions in text order (offsets into ``text``, which is ``doc.text``)."""
    ix = _Index(doc, text)
    contents = [(s, c) for s, c in zip(spans, confidences, strict=True) if s.kind == "C"]
    cues = _Cues.of(ix, [s for s in spans if s.kind == "Q"])
    speakers = [s for s in spans if s.kind == "S"]
    # The sentences of each speaker's first and last characters, looked up once.
    speaker_sents = [(ix.sentence(s.start), ix.sentence(max(s.start, s.end - 1)))
                     for s in speakers]
    by_cue: dict[int, Draft] = {}
    orphans: list[Draft] = []
    pieces = [
        (piece, conf)
        for span, conf in contents
        for piece in _split_paragraphs(text, span.start, span.end)
    ]
    for (start, end), conf in pieces:
        k = _pick_cue(ix, text, start, end, cues)
        if k is None:
            orphans.append(Draft([(start, end)], None, None, conf * 0.6))
            continue
        draft = by_cue.get(k)
        if draft is None:
            q = cues.spans[k]
            cue = _trim_cue(text, q.start, q.end)
            spk = _pick_speaker(ix, q, cues.tokens[k], speakers, speaker_sents)
            if spk is not None:
                spk = clip_to_paragraph(text, spk, cue[0])
            by_cue[k] = Draft([(start, end)], cue, spk, conf, cue_token=cues.tokens[k].i)
        else:
            draft.content.append((start, end))
            draft.confidence = min(draft.confidence, conf)
    _add_reporting(ix, text, cues, speakers, speaker_sents, by_cue, quoted)
    for d in by_cue.values():
        _drop_speaker_pieces(ix, text, d)
    drafts = sorted([*by_cue.values(), *orphans], key=lambda d: min(d.content))
    for d in drafts:
        d.content.sort()
    _drop_stray(ix, text, drafts, quoted)
    return drafts


_FIRST_PERSON = frozenset({"i", "we", "you"})


def _add_reporting(ix: _Index, text: str, cues: _Cues, speakers: list[TaggedSpan],
                   speaker_sents: list[tuple[int, int]], by_cue: dict[int, Draft],
                   quoted: Sequence[Quoted]) -> None:
    """A tagged cue with a speaker and no content of its own whose clausal complement is
    another attribution reports that attribution: "A spokeswoman, Rachel Ortiz, said
    [internal polling showed the senator ahead]" (a poll story, 2026-11-29: the tagger read
    speaker, cue, speaker, cue, content, and Ortiz's attribution was lost). Its content is
    the inner attribution's clause, which then nests in it. Only a verb of speech in a
    finite form, outside quotations (not "I have seen ... declaring", "proving", "the Sun
    saying Kyiv said": SemEval news)."""
    for k, q in enumerate(cues.spans):
        if k in by_cue:
            continue
        cue_tok = cues.tokens[k]
        if cue_tok.lower_ not in speech_forms() or cue_tok.tag_ == "VBG" \
                or any(p.start < q.start < p.end for p in quoted):
            continue
        inner = next((d for d in by_cue.values() if d.cue_token is not None
                      and ix.doc[d.cue_token].head.i == cue_tok.i
                      and ix.doc[d.cue_token].dep_ == "ccomp"
                      and ix.doc[d.cue_token].i > cue_tok.i
                      and ix.sentence(d.content[0][0]) == cues.sentences[k]
                      and ix.paragraph(d.content[0][0]) == cues.paragraphs[k]), None)
        if inner is None:
            continue
        spk = _pick_speaker(ix, q, cue_tok, speakers, speaker_sents)
        if spk is None or text[spk[0] : spk[1]].strip().lower() in _FIRST_PERSON:
            continue  # "'I must say, I don't think ...'" inside a quotation in single marks
        cue = _trim_cue(text, q.start, q.end)
        content = trim(text, *subtree_span(ix.doc[inner.cue_token]))
        by_cue[k] = Draft([content], cue, clip_to_paragraph(text, spk, cue[0]),
                          inner.confidence, cue_token=cue_tok.i)


# Most words an attribution may have after a quote's last piece for a quoted paragraph
# that follows to go on with it ("“...?” Trump said." / "..., said the Fox News statement.");
# longer, and the paragraph is narrative that happens to end in a quote.
_MAX_TAIL_WORDS = 8
_OPENERS = "“\"«„"
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
_LINE = re.compile(r"\n(?:[^\S\n]*\n)*")
_STOPS = frozenset(".!?")
# A sentence's end inside a paragraph: a stop (perhaps closing a quotation) before a
# capital or an opening mark.
_SENTENCE_END = re.compile(r"[.!?][”\"’]?\s+[A-Z“\"]")


def join_continued(
    text: str, drafts: list[Draft], quoted: Sequence[Quoted] = ()
) -> list[Draft]:
    """A quoted paragraph with no cue of its own, right after a paragraph that ends with an
    attributed quote, goes on with that quote (news prints a long statement as several
    quoted paragraphs and attributes the first): it becomes its next piece. The paragraph
    may be one the tagger found without cue, or a passage of ``quoted`` that opens a
    paragraph and that the tagger left out; such a passage is dropped again when it goes on
    with nothing."""
    taken = bytearray(len(text))  # 1 where a draft's content lies
    for d in drafts:
        for s, e in d.content:
            taken[s:e] = b"\x01" * (e - s)
    untagged = [
        Draft([(q.start, q.start + len(text[q.start : q.end].rstrip()))], None, None, 0.0)
        for q in quoted
        if q.double and taken.find(1, q.start, q.end) < 0 and _opens_paragraph(text, q.start)
    ]
    extra = {id(u) for u in untagged}
    out: list[Draft] = []
    ends = _LastEnding()
    for d in sorted([*drafts, *untagged], key=lambda d: min(d.content)):
        start = d.content[0][0]
        if d.cue is None and d.speaker is None and text[start : start + 1] in _OPENERS:
            prev = ends.before(start)
            if prev is not None and prev.cue is not None and _goes_on(text, prev, start):
                prev.content.extend(d.content)
                ends.add(prev)
                continue
        if id(d) not in extra:
            ends.add(d)
            out.append(d)
    return out


def _end(d: Draft) -> int:
    return max(e for _, e in d.content)


class _LastEnding:
    """Of the drafts added, the one whose content ends last at or before a position (the
    first added among equals), asked for at positions that never decrease: heaps instead
    of a scan of every draft, so that an article made of thousands of quoted paragraphs
    stays linear. A draft whose content grows is added again; its old entries go stale."""

    def __init__(self) -> None:
        # Entries (end, order of first addition, entry number, draft): the entry number
        # keeps the heaps from ever comparing drafts.
        self._ahead: list[tuple[int, int, int, Draft]] = []  # min-heap by end
        self._behind: list[tuple[int, int, int, Draft]] = []  # by -end: the last ending first
        self._order: dict[int, int] = {}
        self._entries = 0

    def add(self, d: Draft) -> None:
        order = self._order.setdefault(id(d), len(self._order))
        self._entries += 1
        heapq.heappush(self._ahead, (_end(d), order, self._entries, d))

    def before(self, position: int) -> Draft | None:
        while self._ahead and self._ahead[0][0] <= position:
            end, order, entry, d = heapq.heappop(self._ahead)
            heapq.heappush(self._behind, (-end, order, entry, d))
        while self._behind and -self._behind[0][0] != _end(self._behind[0][3]):
            heapq.heappop(self._behind)  # the draft grew since
        return self._behind[0][3] if self._behind else None


_PARAGRAPH_END = re.compile(r"\n[^\S\n]*\n[^\S\n]*\Z")
_LINE_END = re.compile(r"\n[^\S\n]*\Z")


def _opens_paragraph(text: str, start: int) -> bool:
    """Whether ``start`` is the first character of a paragraph other than the first."""
    end = _LINE_END if line_paragraphs(text) else _PARAGRAPH_END
    return bool(end.search(text, max(0, start - 200), start))


def _breaks_in(text: str, gap: str) -> list[re.Match[str]]:
    """The paragraph breaks of ``text`` in ``gap``, a part of it."""
    return list((_LINE if line_paragraphs(text) else _PARAGRAPH_BREAK).finditer(gap))


def add_resumed(text: str, drafts: list[Draft], quoted: Sequence[Quoted]) -> list[Draft]:
    """“A,” the minister said. “B.”: a quoted passage that resumes right after the
    attribution that follows a quoted piece, in the same paragraph and claimed by no other
    attribution, is that quote's next piece.

    When the attribution ends its sentence before the passage (a stop), neither its length
    nor a cue inside it stops the passage from going on with the quote: “A,” Johnson said
    in Concord, referring to a town hall where he declined to criticize Clinton. “B.” The
    passage is taken from such a cue's attribution if the tagger gave it there. PolNeAR's
    training gold, for a quoted piece before its cue and a quotation after the cue's
    sentence on the same line: with no other cue between and more than
    ``_MAX_TAIL_WORDS`` words, 149 go on with the quote and 9 belong to another
    attribution; with another cue in the same sentence, 42 go on and 13 do not; with a cue
    in a new sentence between, 5 go on and 9 do not (a new attribution, left alone). After
    a comma, colon or dash, another cue between mostly starts a new attribution (3 of 40
    go on), and the old limits hold."""
    cues = [d.cue for d in drafts if d.cue is not None]
    emptied: set[int] = set()
    for d in drafts:
        if d.cue is None or id(d) in emptied:
            continue
        before = [p for p in d.content if p[1] <= d.cue[0]]
        if not before or text[max(before)[0] : max(before)[0] + 1] not in _OPENERS:
            continue
        nxt = next((q for q in quoted if q.double and q.start >= d.cue[1]), None)
        if nxt is None:
            continue
        gap = text[d.cue[1] : nxt.start]
        if _breaks_in(text, gap) or not _after_break(gap):
            continue
        # The measured convention is for one line: a line break (a paragraph, in text
        # that breaks paragraphs with one) keeps the old limits.
        stop = gap.rstrip()[-1:] in _STOPS and "\n" not in gap
        between = [c for c in cues if d.cue[1] <= c[0] < nxt.start]
        if not stop and (len(gap.split()) > _MAX_TAIL_WORDS or between):
            continue
        if any(_SENTENCE_END.search(text, d.cue[1], c[0]) for c in between):
            continue
        # Who else holds the passage: a draft whose cue lies inside it is nested there; one
        # whose cue lies between (in the attribution's sentence) yields it; any other keeps it.
        holders = [o for o in drafts if o is not d and id(o) not in emptied
                   and any(s < nxt.end and nxt.start < e for s, e in o.content)]
        ends_sentence = _ENDS_SENTENCE.search(text, nxt.start, nxt.end) is not None
        if any(o.cue is None or not (nxt.start <= o.cue[0] < nxt.end or o.cue in between
                                     or (ends_sentence and _says_more_after(o, nxt.end)))
               for o in holders):
            continue
        piece = trim(text, nxt.start, nxt.end)
        if piece[1] <= piece[0]:
            continue
        for o in holders:
            if o.cue in between or (ends_sentence and _says_more_after(o, nxt.end)):
                o.content = _without(text, o.content, nxt.start, nxt.end)
                if not o.content:
                    emptied.add(id(o))
        # What the quote held of the passage (the tagger may stop inside it) gives way to
        # the whole passage.
        d.content = [*_without(text, d.content, nxt.start, nxt.end), piece]
    return [d for d in drafts if id(d) not in emptied]


# A quotation that ends its sentence ("... our national security.”), where one ending in a
# comma goes on with an attribution of its own (“B,” Tabler added).
_ENDS_SENTENCE = re.compile(r"[.!?…][”\"’»]*\s*$")


def _says_more_after(other: Draft, end: int) -> bool:
    """Whether ``other``, which holds a passage resumed before its cue, has a cue after the
    passage and words of its own after that cue: then a passage that ends its sentence
    goes on with the quote before it (“A,” she told reporters. “B.” The secretary said C:
    B is hers through the first cue). In PolNeAR's training gold, a whole quoted sentence
    after a sentence closing with a postposed cue and before a sentence with a cue of its
    own: 6 of 6 go on with the earlier quote."""
    assert other.cue is not None
    return other.cue[0] >= end and any(s >= other.cue[1] for s, _ in other.content)


def _without(text: str, pieces: list[tuple[int, int]], start: int,
             end: int) -> list[tuple[int, int]]:
    """``pieces`` less what lies in [start, end): a piece that runs into it keeps what
    comes before."""
    out = []
    for s, e in pieces:
        if e <= start or s >= end:
            out.append((s, e))
        elif s < start:
            kept = trim(text, s, start)
            if kept[1] > kept[0]:
                out.append(kept)
    return out


def _after_break(gap: str) -> bool:
    """Whether a quoted passage after this gap stands apart from the attribution before it
    (“A,” he said. “B.” / he said, “B.”), not inside its clause, where a quoted passage is
    a title (“... ,” she said on ABC’s “This Week.”)."""
    words = gap.rstrip()
    return not words or words[-1] in _BREAKS


def _goes_on(text: str, prev: Draft, start: int) -> bool:
    """Whether a quoted passage at ``start`` goes on with ``prev``: it opens the next
    paragraph, or it follows prev's attribution in the same one ("“A,” he said. “B.”")."""
    last_start, last_end = max(prev.content)
    if text[last_start : last_start + 1] not in _OPENERS:
        return False
    gap = text[last_end:start]
    breaks = _breaks_in(text, gap)
    if not breaks:
        assert prev.cue is not None
        return last_end <= prev.cue[0] < start and len(gap.split()) <= _MAX_TAIL_WORDS
    if len(breaks) != 1 or gap[breaks[0].end() :].strip():
        return False
    return len(gap[: breaks[0].start()].split()) <= _MAX_TAIL_WORDS


def drop_stray_pieces(
    doc: Any, text: str, drafts: list[Draft], quoted: Sequence[Quoted]
) -> None:
    """Drop a piece of indirect content that sits in another sentence than its cue, apart
    from the draft's other pieces, when the cue's own sentence holds a piece: indirect
    speech does not skip to another sentence ("His cost estimates have been ... [He] said
    that he will ensure ..."); quoted speech may (the statement goes on). :func:`assemble`
    does this already."""
    _drop_stray(_Index(doc, text), text, drafts, quoted)


def _drop_stray(ix: _Index, text: str, drafts: list[Draft], quoted: Sequence[Quoted]) -> None:
    for d in drafts:
        if d.cue is None or len(d.content) < 2:
            continue
        cue_sent = ix.sentence(d.cue[0])
        home = [p for p in d.content if ix.sentence(p[0]) == cue_sent
                or ix.sentence(max(p[0], p[1] - 1)) == cue_sent]
        if not home:
            continue
        keep = []
        for k, (s, e) in enumerate(d.content):
            stray = (
                (s, e) not in home
                and not any(q.start <= s < q.end for q in quoted)
                and not any(_touches(text, d.content[j], (s, e))
                            for j in range(len(d.content)) if j != k)
            )
            if not stray:
                keep.append((s, e))
        d.content = keep


def _touches(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether only spaces and punctuation lie between two pieces."""
    lo, hi = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
    return not any(ch.isalnum() for ch in text[lo:hi])


def link_nested(doc: Any, text: str, drafts: list[Draft], quoted: Sequence[Quoted]) -> None:
    """Set ``parent`` on attributions nested in another's content (see :func:`_nest`)."""
    _nest(doc, text, drafts, quoted)


def _trim_cue(text: str, start: int, end: int) -> tuple[int, int]:
    """Whitespace and commas off a cue; a colon or dash that is the whole cue stays."""
    s, e = trim(text, start, end)
    if e > s:
        return s, e
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def clip_to_paragraph(text: str, span: tuple[int, int], anchor: int) -> tuple[int, int] | None:
    """The part of ``span`` inside the paragraph holding ``anchor`` (a cue), or None: spaCy's
    sentences can run over a headline into the next paragraph."""
    brk = paragraph_break(text)
    lo = text.rfind(brk, 0, anchor)
    lo = 0 if lo < 0 else lo + len(brk)
    hi = text.find(brk, anchor)
    hi = len(text) if hi < 0 else hi
    s, e = trim(text, max(span[0], lo), min(span[1], hi))
    return (s, e) if e > s else None


def _split_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A content run cut at paragraph breaks, each piece trimmed, empty pieces dropped.

    A headline is not its first paragraph's content, and prose paragraphs are separate
    statements; but speech that goes on in a paragraph opening with a quotation mark after
    a finished sentence or a colon ("... Office.\n\n“Rather than ...") stays one run.
    """
    out: list[tuple[int, int]] = []
    pos = start
    prev_stop = start
    mark = paragraph_break(text)
    while pos < end:
        brk = text.find(mark, pos, end)
        stop = end if brk < 0 else brk
        nxt = stop + len(mark)
        while brk >= 0 and nxt < end and text[nxt].isspace():
            nxt += 1
        s, e = trim(text, pos, stop)
        if e > s:
            if out and _continues(text, prev_stop, s):
                out[-1] = (out[-1][0], e)
            else:
                out.append((s, e))
            prev_stop = stop
        pos = nxt if brk >= 0 else end
    return out


def _continues(text: str, prev_stop: int, start: int) -> bool:
    """Whether the piece at ``start`` goes on with the speech before ``prev_stop`` (the
    previous paragraph break)."""
    before = text[:prev_stop].rstrip()
    return text[start:start + 1] in "“\"«‘" and before.endswith(_SPEECH_END)


@dataclass(frozen=True, slots=True)
class _Cues:
    """The tagged cues of an article with what choosing among them reads: each one's main
    token, paragraph and sentence (looked up once, not once per content piece)."""

    spans: Sequence[TaggedSpan]
    tokens: Sequence[Any]
    paragraphs: Sequence[int]
    sentences: Sequence[int]

    @classmethod
    def of(cls, ix: _Index, spans: Sequence[TaggedSpan]) -> _Cues:
        return cls(spans, [_main_token(ix, q) for q in spans],
                   [ix.paragraph(q.start) for q in spans], [ix.sentence(q.start) for q in spans])


def _pick_cue(ix: _Index, text: str, start: int, end: int, cues: _Cues) -> int | None:
    para = ix.paragraph(start)
    sents = {ix.sentence(start), ix.sentence(max(start, end - 1))}
    best: tuple[float, int] | None = None
    content_tokens = (ix.token_index(start), ix.token_index(max(start, end - 1)))
    for k, q in enumerate(cues.spans):
        if start <= q.start and q.end <= end:
            continue  # a cue inside the content belongs to a nested attribution
        if cues.paragraphs[k] != para and not (
            (cues.paragraphs[k] == para - 1 and text[q.start : q.end].strip() == ":")
            or _colon_before(text, q.end, start)
        ):
            continue
        gap = start - q.end if q.end <= start else q.start - end
        cost = float(max(gap, 0))
        if cues.sentences[k] not in sents:
            cost += _OTHER_SENTENCE
        cue_i = cues.tokens[k].i
        if ix.governs(cue_i, content_tokens[0]) or ix.governs(cue_i, content_tokens[1]):
            cost -= _SYNTAX_BONUS
        if best is None or cost < best[0]:
            best = (cost, k)
    return best[1] if best else None


# How far before the content a cue's colon may end (characters): a line break or two and
# the opening mark, not another sentence.
_COLON_REACH = 40


def _colon_before(text: str, cue_end: int, content_start: int) -> bool:
    """"He said: \\n\\n “...”": a cue ending in a colon right before the content."""
    if not 0 < content_start - cue_end < _COLON_REACH:
        return False
    return text[cue_end:content_start].strip().startswith(":")


def _drop_speaker_pieces(ix: _Index, text: str, d: Draft) -> None:
    """Drop the content pieces that are the speaker itself ("[ISIS] has claimed
    [responsibility ...]": the tagger's "ISIS" a piece and the cue's subject the speaker).
    Only under an active speech cue: PolNeAR makes the subject of other cues and of passive
    ones content ("[Trump] is expected [to unveil ...]", "[The episode] was revealed in
    ...")."""
    if d.speaker is None or len(d.content) < 2 or d.cue is None or d.cue_token is None:
        return
    if not is_speech_cue(text[d.cue[0] : d.cue[1]]) \
            or any(c.dep_ == "auxpass" for c in ix.doc[d.cue_token].children):
        return
    lo, hi = d.speaker
    d.content = [p for p in d.content if not (lo <= p[0] and p[1] <= hi)] or d.content


def _pick_speaker(
    ix: _Index, cue: TaggedSpan, cue_token: Any, speakers: Sequence[TaggedSpan],
    sentences: Sequence[tuple[int, int]],
) -> tuple[int, int] | None:
    """``sentences``: each speaker's first and last characters' sentence numbers."""
    report = reported_noun(ix.doc.char_span(cue.start, cue.end, alignment_mode="expand"))
    if report is not None:
        return report_source(report)
    sent = ix.sentence(cue.start)
    para = ix.paragraph(cue.start)
    best: tuple[float, TaggedSpan, bool] | None = None
    for s, (first_sent, last_sent) in zip(speakers, sentences, strict=True):
        if first_sent != sent and last_sent != sent:
            continue
        if ix.paragraph(s.start) != para:
            # The parser's sentence ran over a headline without a stop into the lede: the
            # headline's speaker, clipped to the cue's paragraph, left the lede's cue
            # without one ("NIGEL Farage last night slammed ...": a tabloid story).
            continue
        gap = s.start - cue.end if s.start >= cue.end else cue.start - s.end
        cost = float(max(gap, 0))
        first, last = ix.token_index(s.start), ix.token_index(max(s.start, s.end - 1))
        governed = ix.governs(cue_token.i, first) or ix.governs(cue_token.i, last)
        if governed:
            cost -= _SYNTAX_BONUS
        if best is None or cost < best[0]:
            best = (cost, s, governed)
    if best is None:
        return _subject_of(cue_token)
    own = _own_subject(cue_token)
    if own is not None and not best[2] and not (best[1].start < own[1] and own[0] < best[1].end):
        # "He noted that ... the Americans themselves admit that ...": a cue with a subject
        # of its own does not take another clause's speaker.
        return own
    return best[1].start, best[1].end


_RELATIVES = frozenset({"who", "which", "that", "whom"})


_NOUN_TAGS = frozenset({"NOUN", "PROPN"})
# What a preposition may hang from on the way up to a person ("one of the critics").
_HOLDER_TAGS = _NOUN_TAGS | {"NUM", "PRON"}


def _noun_before(doc: Any, pronoun: Any) -> tuple[int, int] | None:
    """The noun phrase right before a relative pronoun the parse left unattached ("the
    Chicago Police Department which reported ..."), maybe across a comma; else None."""
    k = pronoun.i - 1
    if k >= 0 and doc[k].text == ",":
        k -= 1
    if k < 0 or doc[k].pos_ not in _NOUN_TAGS:
        return None
    for chunk in doc.noun_chunks:
        if chunk.end == k + 1:
            return chunk.start_char, chunk.end_char
    return None


def antecedent(doc: Any, speaker: tuple[int, int]) -> tuple[int, int] | None:
    """The noun a relative pronoun speaker stands for ("Podesta, who said ...": Podesta),
    with the words before it ("the National Rifle Association, which said ..."), not its
    appositions or the clause itself; None when the speaker is no relative subject."""
    span = doc.char_span(speaker[0], speaker[1], alignment_mode="expand")
    if span is None or len(span) != 1:  # one word: not "whom Turkish news reports"
        return None
    tok = span[0]
    if tok.lower_ not in _RELATIVES:
        return None
    clause = tok.head
    if tok.dep_ != "nsubj" or clause.dep_ != "relcl" or clause.head.i == clause.i:
        # "that" unattached is as often a conjunction: only "who" and "which" fall back
        return _noun_before(doc, tok) if tok.lower_ in ("who", "which") else None
    noun = clause.head
    if tok.lower_ == "who" and noun.ent_type_ != "PERSON":
        # "who" is a person: the parse may hang the clause on the body after the person's
        # title ("Peter Morgan, a lawyer for the Sierra Club, who ...": the Sierra Club).
        # Out of prepositions and appositions, a person named there is the antecedent;
        # without one the noun stays ("the rise of Donald Trump, who": Trump).
        climbed = noun
        while True:
            step = climbed.head
            if climbed.dep_ == "pobj" and step.dep_ == "prep" \
                    and step.head.pos_ in _HOLDER_TAGS:  # "one of"
                climbed = step.head
            elif climbed.dep_ == "appos" and step.pos_ in _NOUN_TAGS \
                    and climbed.tag_ in ("NN", "CD"):  # one person: "a lawyer", "one of"
                climbed = step
            else:
                break
            if climbed.ent_type_ == "PERSON":
                noun = climbed
                break
    first = noun.left_edge.i
    while first < noun.i and (doc[first].is_space or doc[first].is_punct):
        first += 1  # a mark or line break the parse hung on the noun is no part of it
    return doc[first].idx, noun.idx + len(noun.text)


def _own_subject(cue: Any) -> tuple[int, int] | None:
    """The cue's own active subject, when it has one that names someone (not a relative
    pronoun, whose speaker is the noun it stands for; a passive subject is what or whom
    the words were about: "the plan is considered ...", "Trump was asked ...")."""
    for child in cue.children:
        if child.dep_ == "nsubj" and child.lower_ not in _RELATIVES:
            return subtree_span(child)
    return None


# Nouns that carry what someone else said ("statements about", "reports that"): when the
# cue ends in one governed by a preposition, the words belong to the noun's own source.
REPORT_NOUNS = frozenset(
    "statement report claim allegation accusation rumor rumour suggestion assertion "
    "speculation".split()
)
# Prepositions that make the noun the cue's medium, not another's words: the verb's
# subject speaks "in a statement", "with a claim", "by a report".
_MEDIUM_PREPOSITIONS = frozenset({"in", "with", "by"})


def reported_noun(cue: Any) -> Any:
    """The report noun that a cue's words end in ("Commenting on statements about",
    "despite Mr. Trump's claims that"), when a preposition governs it; else None. Such
    content is the report's, not the words of the clause's subject: in PolNeAR's training
    articles 28 of 33 such cues have the noun's possessor or "by"/"from" agent as speaker,
    or none."""
    if cue is None:
        return None
    for tok in reversed(list(cue)):
        if tok.pos_ == "ADP" or tok.lower_ in ("that", "of"):
            continue
        word = tok.lower_
        noun = tok.pos_ == "NOUN" and (word in REPORT_NOUNS or word[:-1] in REPORT_NOUNS)
        if (noun and tok.dep_ == "pobj" and tok.head.lower_ not in _MEDIUM_PREPOSITIONS):
            return tok
        return None
    return None


def report_source(noun: Any) -> tuple[int, int] | None:
    """A report noun's own source: its possessor ("Trump's claims") or its "by"/"from"
    agent ("claims by intelligence agencies"); None when it names none ("reports that")."""
    for child in noun.children:
        if child.dep_ == "poss":
            words = [t for t in child.subtree if t.dep_ != "case"]  # without the "'s"
            return words[0].idx, words[-1].idx + len(words[-1].text)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return subtree_span(obj)
    return None


def _subject_of(cue: Any) -> tuple[int, int] | None:
    """The grammatical subject of the cue, or of the verb it continues ("X spoke on Friday,
    adding that ..."), when the tagger marked no speaker in the sentence."""
    node = cue
    for _ in range(3):
        subj = [c for c in node.children if c.dep_ in SUBJECTS]
        if subj and subj[0].dep_ == "nsubjpass":
            # "Traditionalists are often derided ...": what is said, not who says it; the
            # speaker is the agent ("... was declared by the Synod").
            agents = [g for c in node.children if c.dep_ == "agent"
                      for g in c.children if g.dep_ == "pobj"]
            return subtree_span(agents[0]) if agents else None
        if subj and subj[0].ent_type_ in ("DATE", "TIME") and subj[0].left_edge.i < subj[0].i:
            # The parser's slip: "Acme Health, Inc. (NASDAQ: ACMH) today announced" has
            # "today" for subject, the company hanging from it (a press release, 2026-11-29).
            last = subj[0].doc[subj[0].i - 1]
            return subj[0].left_edge.idx, last.idx + len(last.text)
        if subj:
            return subtree_span(subj[0])
        if node.head.i == node.i and node.i == cue.i:
            # A cue the parser left without a subject, its company hanging from the title's
            # verb: "BOSTON, March 4, 2025 /PRNewswire/ -- Acme Health, Inc. (NASDAQ: ACMH)
            # today announced" (a press release, 2026-11-30).
            return _leading_name(node)
        if node.dep_ not in ("advcl", "conj", "xcomp") or node.head.i == node.i:
            return None
        if node.head.i < node.i and "\n" in node.doc.text[node.head.idx : node.idx]:
            # The verb it continues stands in an earlier paragraph: a headline without a
            # stop whose sentence the parser ran on into the lede ("Furious Farage blasts
            # ... chaos" / "NIGEL Farage last night slammed ..."; a tabloid story).
            return _leading_name(node)
        node = node.head
    return None


def _leading_name(verb: Any) -> tuple[int, int] | None:
    """The proper nouns opening the verb's line after any dateline, maybe joined by
    commas ("Acme Health, Inc.") and followed by an aside in brackets ("(NASDAQ: ACMH)"),
    when only time words stand between them and the verb ("[NIGEL Farage] last night
    slammed"), else None."""
    doc = verb.doc
    k = verb.i
    while k > 0 and "\n" not in doc[k - 1].text and "\n" not in doc[k - 1].whitespace_:
        k -= 1
    opening = after_dateline(doc.text, doc[k].idx, verb.idx)
    while k < verb.i and doc[k].idx < opening:
        k += 1
    end = k
    while end < verb.i and (doc[end].pos_ == "PROPN" or (
            doc[end].text == "," and end > k and end + 1 < verb.i
            and doc[end + 1].pos_ == "PROPN")):
        end += 1
    name_end = end
    if end < verb.i and doc[end].text == "(":
        close = next((j for j in range(end, verb.i) if doc[j].text == ")"), None)
        end = end if close is None else close + 1
    if name_end == k or any(doc[j].ent_type_ not in ("DATE", "TIME") and doc[j].pos_ != "ADV"
                            for j in range(end, verb.i)):
        return None
    return doc[k].idx, doc[name_end - 1].idx + len(doc[name_end - 1].text)


def _nest(doc: Any, text: str, drafts: list[Draft], quoted: Sequence[Quoted]) -> None:
    """Link attributions whose cue sits inside another's content, or whose cue the other's
    cue governs (He noted that ... the Americans admit that ...)."""
    breaks = [m.end() for m in paragraph_breaks(text).finditer(text)]
    for i, inner in enumerate(drafts):
        if inner.cue is None:
            continue
        para = bisect.bisect_right(breaks, inner.cue[0])
        for j, outer in enumerate(drafts):
            if i == j or outer.cue is None or outer.parent == i:
                continue
            if bisect.bisect_right(breaks, outer.cue[0]) != para:
                continue  # nesting never crosses a paragraph
            lo, hi = outer.content[0][0], outer.content[-1][1]
            inside = lo <= inner.cue[0] < hi and not _beside_cue(outer, inner.cue[0])
            in_passage = any(
                q.start <= inner.cue[0] < q.end and q.start <= lo < q.end for q in quoted
            )
            # What a cue reports follows it or lies in its content: a cue before the outer
            # one and outside its content is not governed by it, whatever the parse says.
            governed = (
                (inner.cue[0] > outer.cue[0] or lo <= inner.cue[0] < hi)
                and outer.cue_token is not None
                and inner.cue_token is not None
                and inner.cue_token != outer.cue_token
                and reported_by(doc[outer.cue_token], doc[inner.cue_token])
                and not trailing_participle(doc[outer.cue_token], doc[inner.cue_token])
            )
            if inside or in_passage or governed:
                inner.parent = j
                # The outer content runs over the nested attribution it contains.
                end = max(outer.content[-1][1], inner.content[-1][1])
                outer.content = _cover(outer.content, end)
                break


def _beside_cue(outer: Draft, position: int) -> bool:
    """Whether ``position`` lies between two of outer's pieces, in the gap that holds outer's
    own cue: there it is part of the attribution, not of what is reported (“A,” she said,
    referring to X. “B.”: "referring to" is her own act beside "said")."""
    assert outer.cue is not None
    pieces = sorted(outer.content)
    for (_, end), (start, _) in itertools.pairwise(pieces):
        if end <= position < start:
            return end <= outer.cue[0] < start
    return False


def misattached_sibling(cue: Any, tok: Any) -> bool:
    """The parser's usual slip: in "said that the bill would cut taxes and called the plan a
    gift", "called" hangs from "cut". A subjectless past-tense speech verb coordinated with
    a verb in another tense goes with the past-tense cue."""
    return (
        tok.dep_ == "conj"
        and tok.tag_ == "VBD" == cue.tag_
        and tok.head.tag_ != "VBD"
        and not any(c.dep_ in SUBJECTS for c in tok.children)
    )


# Participles that work as prepositions ("..., considering the ruling party is ...").
_PREPOSITIONAL_PARTICIPLES = frozenset({"considering", "regarding", "concerning"})
# Participles that give a reason without a clause ("..., citing fears of terrorism");
# other participles report speech only with a clause ("..., saying [he was tired]").
_CITING = frozenset({"citing", "blaming"})
# How many clauses down from the cue a participle closing its report may hang.
_PARTICIPLE_DEPTH = 3
def trailing_participle(cue: Any, tok: Any) -> bool:
    """Whether speech verb ``tok`` is a participle after a comma that closes what the cue
    reports, hung by the parser from the reported clause ("said it would cut 500 jobs,
    [adding] that ...", "said the talks had failed, [saying] ..."): a second attribution
    by the same speaker. Not when that clause has a person's name for subject, whose act
    the participle may be ("Aides said Obama will make a case, highlighting ..."), nor a
    participle used as a preposition ("considering"), nor one reporting no clause
    ("ordering sex toys"), but for "citing" and "blaming". PolNeAR's training gold ends
    the first content before such a participle: a content after its cue is followed by
    ", saying" 72 times, ", telling" 11, ", arguing" 11, ", noting" 9, and holds one of
    them at its end at most a few times (counted 2026-11-29)."""
    doc = tok.doc
    if tok.tag_ != "VBG" or tok.dep_ != "advcl" or tok.i <= cue.i + 1 \
            or doc[tok.i - 1].text != "," or tok.lower_ in _PREPOSITIONAL_PARTICIPLES:
        return False
    if any(c.dep_ in SUBJECTS and c.ent_type_ == "PERSON" for c in tok.head.children):
        return False  # "Aides said Obama will make a case, highlighting ...": Obama's
    if tok.lower_ not in _CITING and not any(c.dep_ == "ccomp" for c in tok.children):
        return False  # "..., ordering sex toys in his name", "mounting an argument"
    node = tok.head
    for _ in range(_PARTICIPLE_DEPTH):
        if node.i == cue.i:
            return True
        if node.head.i == node.i or node.dep_ not in ("ccomp", "conj"):
            return False
        node = node.head
    return False


# Subordinators of contrast that join two speakers' statements ("A said X, while B warned Y").
_CONTRASTS = frozenset({"while", "whereas"})


def contrasted_sibling(cue: Any, tok: Any) -> bool:
    """The parser's other slip: in "China said it supported a compromise, while India warned
    against targets", the contrast clause hangs from "supported", inside what China said. A
    speech verb after a comma, opened by "while" or "whereas" and with its own subject, is a
    second speaker the writer sets beside the first (PolNeAR's training gold keeps such a
    clause out of the first content every time it occurs). Both verbs share their tense:
    "said that Satan divides, while God tells us ..." is still what he said."""
    return (
        tok.dep_ == "advcl"
        and tok.i > cue.i
        and tok.sent.start == cue.sent.start  # not a quotation's sentence after "wrote"
        and tok.tag_ == cue.tag_
        and any(c.dep_ in SUBJECTS for c in tok.children)
        and any(
            c.dep_ == "mark" and c.lower_ in _CONTRASTS and c.i > 0 and c.doc[c.i - 1].text == ","
            for c in tok.children
        )
    )


def reported_by(outer: Any, inner: Any) -> bool:
    """Whether ``inner`` sits in what ``outer`` reports: the path up from it enters the outer
    cue through a clausal complement ("noted that ... the Americans admit that ..."), not
    through an adverbial ("said, adding that ..." is the same speaker going on)."""
    if misattached_sibling(outer, inner) or contrasted_sibling(outer, inner):
        return False
    node = inner
    for _ in range(_MAX_NEST_DEPTH):
        if node.head.i == node.i:
            return False
        if node.head.i == outer.i:
            return node.dep_ in ("ccomp", "xcomp")
        node = node.head
    return False


def _cover(pieces: list[tuple[int, int]], end: int) -> list[tuple[int, int]]:
    """The pieces with the last one extended to ``end``, merged where they then overlap."""
    *head, (s, e) = pieces
    merged = [*head, (s, max(e, end))]
    out: list[tuple[int, int]] = []
    for s2, e2 in merged:
        if out and s2 <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e2))
        else:
            out.append((s2, e2))
    return out

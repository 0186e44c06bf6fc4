"""Attributions set off by commas inside the reported clause.

"The museum, Mr. Bush said, celebrated several of his heroes": the speaker and cue stand
between two commas (or dashes) inside the content, whose first part ("The museum") the
tagger leaves out, since nothing after it tells it that a cue is coming. PolNeAR annotates
the content as two pieces around the aside (268 such attributions in its training file).
"""

from __future__ import annotations

from collections.abc import Sequence

from claimscope.quotes import cues
from claimscope.quotes.assemble import Draft, trim
from claimscope.quotes.marks import DASHES, QUOTE_MARKS
from claimscope.quotes.rules import RuleIndex

# Marks that open or close an aside.
_ASIDE = frozenset("," + DASHES)
# Most words between the cue's end and the comma closing the aside ("said on Friday in an
# interview,"): longer, and the comma ends a clause of the cue's own rather than an aside.
_MAX_AFTER_CUE_WORDS = 8
# Most words the content may start after the closing comma and still be moved back to it
# ("The difference now, he told me, is that ..." read from "that").
_MAX_SKIPPED_WORDS = 3
# Farthest a speaker may stand from its cue to count as part of the aside ("Obama often
# says"): a few short words.
_NEAR_CHARS = 25


def _aside_close(text: str, cue_end: int, limit: int) -> int | None:
    """Offset of the comma (or dash) closing the aside after the cue, if near enough."""
    for k in range(cue_end, limit):
        ch = text[k]
        if ch == "," and 0 < k < len(text) - 1 and text[k - 1].isdigit() and text[k + 1].isdigit():
            continue  # a thousands separator ("18,000"), not a mark
        if ch in _ASIDE:
            words = text[cue_end:k].split()
            return k if len(words) <= _MAX_AFTER_CUE_WORDS else None
        if ch in ".;:!?\n" or ch in QUOTE_MARKS:
            return None
    return None


def _aside_open(text: str, left: int, sent_start: int) -> int | None:
    """Offset of the comma (or dash) right before the aside's first word, if any."""
    k = left - 1
    while k >= sent_start and text[k] in " \t\u00a0":
        k -= 1
    return k if k >= sent_start and text[k] in _ASIDE else None


def _is_cue(words: str) -> bool:
    """Whether the tagged cue is a reporting verb of the lexicon (the tagger sometimes takes
    the content's own verb for the cue when the aside holds the real one)."""
    forms = cues.all_forms()
    return any(w in forms for w in words.lower().split()) or cues.is_phrase(words.lower())


def _near(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans stand within a few words of each other (a speaker resolved from
    far away does not bound the aside)."""
    gap = max(a[0], b[0]) - min(a[1], b[1])
    return gap <= _NEAR_CHARS


def _taken(span: tuple[int, int], drafts: Sequence[Draft], own: Draft) -> bool:
    s, e = span
    for d in drafts:
        parts = [*d.content, *([d.cue] if d.cue else [])]
        if d is not own and any(a < e and s < b for a, b in parts):
            return True
    return False


def _continues(ix: RuleIndex, before: tuple[int, int], rest: tuple[int, int],
               cue: tuple[int, int]) -> bool:
    """Whether the words before the aside belong to the clause after it ("The museum" is
    the subject of "celebrated"), not to the cue ("On Monday, he said, ..."). A verb before
    the aside whose "that" clause follows it ("The documents indicate, he said in an
    interview, that ...") belongs too, though the parser hangs the verb on the cue (issue 3;
    one such attribution in the by-publisher held-out articles, none lost)."""
    first, last = ix.token_at(before[0]), ix.token_at(before[1] - 1)
    if first is None or last is None:
        return False
    for tok in ix.doc[first.i : last.i + 1]:
        if first.i <= tok.head.i <= last.i:
            continue
        head = tok.head
        if rest[0] <= head.idx < rest[1]:
            continue
        opens_that = ix.text[rest[0] : rest[1]].split()[0].lower() == "that"
        if not (cue[0] <= head.idx < cue[1] and tok.pos_ in ("VERB", "AUX") and opens_that):
            return False
    return True


def join_asides(ix: RuleIndex, drafts: list[Draft]) -> list[Draft]:
    """Give each draft whose cue is an aside inside its sentence the part of the content
    before the aside (from the sentence's start), and start the rest right after it."""
    text = ix.text
    for d in drafts:
        if d.cue is None or not d.content or not _is_cue(text[d.cue[0] : d.cue[1]]):
            continue
        first_start, first_end = d.content[0]
        parts = [d.cue]
        if d.speaker and _near(d.speaker, d.cue):
            parts.append(d.speaker)
        left = min(s for s, _ in parts)
        right = max(e for _, e in parts)
        if right > first_start:
            continue  # content (or some of it) comes before the cue: not this construction
        tok = ix.token_at(d.cue[0])
        if tok is None:
            continue
        sent_start = tok.sent.start_char
        opening = _aside_open(text, left, sent_start)
        closing = _aside_close(text, right, first_end)
        if opening is None or closing is None:
            continue
        if first_start > closing and len(text[closing + 1 : first_start].split()) > (
            _MAX_SKIPPED_WORDS
        ):
            continue
        if text[closing + 1 : first_end].lstrip()[:1] in QUOTE_MARKS:
            continue  # a quotation follows: the part before is the writer's, not quoted
        before = trim(text, sent_start, opening)
        if before[1] - before[0] < 2 or any(c in text[before[0] : before[1]] for c in ",\n"):
            continue  # several commas: an introduction, a list, an apposition, not an aside
        if _taken(before, drafts, d):
            continue
        rest = trim(text, closing + 1, first_end)
        if rest[1] - rest[0] < 2 or not _continues(ix, before, rest, d.cue):
            continue
        d.content = [before, rest, *d.content[1:]]
    return drafts

"""The numbers and claims components.

``numbers`` lists the article's quantities. ``claims`` scores every statement: each
sentence, cut to the part a quote's content holds where it sits in a quote ("Putin said
the US uses X": the statement is "the US uses X", claimed by Putin); statements at or
above the model's threshold become claims, ranked by score, with their claimant (the
quote's speaker, "unknown source" for a quote that names none, else the outlet) and the
quantities inside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimscope.ahead import component_threads
from claimscope.claims import checkworthy
from claimscope.claims.numbers import find_quantities
from claimscope.datelines import after_dateline
from claimscope.model import Claim, Quote, Span, Speaker, Statement, make_span
from claimscope.quotes.cues import inflect

if TYPE_CHECKING:
    from claimscope.pipeline import AnalyzeOptions, Context

# Statements shorter than this many characters ("Discuss", "He added:") are not scored:
# too little to check.
_MIN_CHARS = 12
_EDGE = " \t\n,;:—–-\"“”‘’«»"


@dataclass(frozen=True, slots=True)
class _Candidate:
    span: Span
    quote: Quote | None


class NumbersComponent:
    name = "numbers"
    # 1.1: a number takes the time expression of its own clause (the rule never applied in
    # 1.0, which took the nearest).
    # 1.2: figures side by side are separate quantities ("201,852 202,965" were summed),
    # thousands grouped with spaces one ("1 000 000"); a number's time lies on its line.
    # 1.3: a later figure of the same object revises an earlier one only with a word of
    # revision ("outdated", "revised", "up from"), never as a part of it ("two of the
    # eight"); before, every later figure of the same object did.
    # 1.4: a number without a time in its own clause takes one of its sentence only from a
    # clause above its own or inside its phrase, not from any other clause.
    # 1.5: a figure inside a name ("Nord Stream 2", "Super Bowl 50") is no quantity.
    # 1.6: nor a telephone number or a figure with a leading zero ("call 0207 782 4104");
    # "US$", "C$", "HK$" ... are currencies.
    # 1.7: fractions are one quantity ("two-thirds of voters" = 0.667 counting voters; it
    # was 2 counting "thirds"); the first figure of "46 to 40 percent" is a percentage.
    # 1.8: "$3.5bn", "£2tn", "$40m" (it was missed), "one hundred and fifty million" (it
    # was 50 million), "Rs 12 crore", "by a third"; units of measure ("450mm", "833 mile
    # border"); "143, up from 97" and "rose to 106.6 from 105.4": the first revises the
    # second, which counts the same object; "300 ... revised down to 120"; a time inside the
    # number's own phrase first ("97 reported on Wednesday", "143,000 in September").
    # 1.9: a figure after a currency sign counts whatever the recogniser said ("£9bn a
    # year" was a DATE), and a time that holds the figure is not its time.
    # 1.10: a hyphenated unit of measure ("a 1,340-kilometre border").
    # 1.11: a figure glued to capitals is a name ("3M", "4K", "5G"); "50K people" counts
    # 50,000 people (the object was "K people"); "three dozen" is 36 (it was 15).
    # 1.12: a figure of an earlier period is compared, not revised ("$30.8 billion, up from
    # $14.5 billion a year earlier"), and its period is no time of the figure before it;
    # an age is no time ("adults aged 40 to 79"); "by a quarter" is a fraction.
    # 1.13: "dozens" alone is no figure (it was 12); "Three dozen lawyers" counts lawyers
    # (it counted "dozen"); a duration made an adjective ("a 60-day truce") is no time.
    # 1.14: nor a baseline year ("by 70% from [1990] levels by 2030").
    # 1.15: nor days counted as a unit of something ("a 50% reduction in migraine days").
    # 1.16: a rank is no quantity ("the No. 2 Republican", "Officer Guyger, #10702").
    # 1.17: a death toll's higher figure ("the death toll had risen to 45") revises the
    # count of the dead before it ("At least 30 Palestinians were killed").
    # 1.18: scaled values are exact ("$4.1 billion" was 4099999999.9999995); a bare year
    # the recogniser missed is no quantity ("the 2022 inspection"); "Ninety-two percent"
    # is 92 (it was "two percent", 2); money and percentages name what they measure
    # ("profit of $4.1 billion", "70% of the cost", "Shares fell 7.2%"); a revised range
    # links end to end ("down from an earlier range of $5 billion to $5.5 billion");
    # footnote marks ("[1]") and list items' numbers ("(3) Yielding the floor") are none.
    # 1.19: the date a record runs from is no time ("the lowest since 1969"); 1.20: money a
    # verb names has that object ("will cost $84 million": cost); 1.21: a part of an amount
    # names none ("a third of the $100 billion").
    # 1.22: a rate is one share ("one in five voters": 0.2 of voters; it was 5 voters), and
    # a part of an amount counts no amount ("A third" counted "100 billion"); percentage
    # and basis points are a unit ("3 percentage points" counted "percentage points").
    version = "1.22"
    requires: tuple[str, ...] = ()

    def __init__(self, options: AnalyzeOptions) -> None:
        del options

    def __call__(self, ctx: Context) -> None:
        ctx.analysis.numbers.extend(find_quantities(ctx.doc, ctx.article.text))


class ClaimComponent:
    name = "claims"
    # 1.1: a claim in a quote without a speaker is claimed by "unknown source".
    # 1.2: a statement keeps the closing mark of a quotation it opens.
    # 1.3: a statement leaves out a wire dateline ("JERUSALEM (Reuters) - ").
    # 1.4: and TASS's and Xinhua's ("MOSCOW, February 14. /TASS/.").
    # 1.5: and a press release's ("BOSTON, March 4, 2025 /PRNewswire/ --").
    # 1.6: the LP-FT model, and a screen that also reads the statement's piece vectors.
    # 1.7: a claim's stance: "denies" when its quote's cue is a verb of denial.
    # 1.8: a nested quote whose speaker names no actor is claimed by the actor citing it.
    version = "1.8"
    requires: tuple[str, ...] = ("sentences", "quotes", "numbers")

    def __init__(self, options: AnalyzeOptions) -> None:
        self.model_path = options.checkworthy_model
        self.threads = component_threads(options.threads)
        self.screen = options.checkworthy_screen
        # Loaded here so that a bad model fails when the pipeline is built.
        model = checkworthy.load_model(self.model_path, self.threads, self.screen)
        # The model is part of the version: a retrained model changes the results.
        self.version = f"{ClaimComponent.version}+{model.digest}"

    def __call__(self, ctx: Context) -> None:
        text = ctx.article.text
        candidates = statements(text, ctx.analysis.sentences, ctx.analysis.quotes)
        if not candidates:
            return
        model = checkworthy.load_model(self.model_path, self.threads, self.screen)
        scores = model.score([c.span.text for c in candidates])
        outlet = Speaker(ctx.article.outlet or "the outlet", None, None, "outlet")
        ranked: list[tuple[float, _Candidate]] = []
        for cand, score in zip(candidates, scores, strict=True):
            label = bool(score >= model.threshold)
            ctx.analysis.statements.append(Statement(
                cand.span, float(score), label, cand.quote.id if cand.quote else None
            ))
            if label:
                ranked.append((float(score), cand))
        ranked.sort(key=lambda pair: -pair[0])
        quotes = {q.id: q for q in ctx.analysis.quotes}
        for k, (score, cand) in enumerate(ranked, 1):
            inside = tuple(
                n.id for n in ctx.analysis.numbers
                if cand.span.start <= n.span.start and n.span.end <= cand.span.end
            )
            ctx.analysis.claims.append(Claim(
                id=f"c{k}", text=cand.span, score=score, claimant=_claimant(cand, outlet, quotes),
                quote=cand.quote.id if cand.quote else None, numbers=inside,
                stance=stance(cand.quote),
            ))


# Who claims what a quote without a speaker says ("reports that ..."): not the outlet,
# which only relays it, and no one the text does not name.
UNKNOWN_SOURCE = Speaker("unknown source", None, None, "unresolved")


# Cue verbs by which a speaker rejects what the quote holds ("The RSF denied targeting
# civilians", "dismissed reports that ..."): the claim is the content, and its claimant
# denies it.
_DENIALS = frozenset(
    form for lemma in ("deny", "reject", "dismiss", "refute", "rebut", "dispute")
    for form in inflect(lemma)
) | {"rebutting"}  # inflect() doubles no final consonant


def stance(quote: Quote | None) -> str:
    """"denies" when the quote's cue is a verb of denial, else "asserts" (outside quotes,
    the outlet asserts)."""
    if quote is None or quote.cue is None:
        return "asserts"
    words = re.findall(r"[a-z]+", quote.cue.text.lower())
    return "denies" if any(w in _DENIALS for w in words) else "asserts"


def _claimant(cand: _Candidate, outlet: Speaker, quotes: dict[str, Quote]) -> Speaker:
    """The quote's speaker; for a nested quote whose speaker names no actor, the actor
    who cites it ("Her spokeswoman, Rachel Ortiz, said internal polling showed the senator
    ahead": Ortiz, not "internal polling"; a poll story, 2026-11-29); for a quote without
    a speaker, an unknown source, even inside another's (the seed's "Commenting on
    statements about North Koreans ..."); outside quotes, the outlet."""
    if cand.quote is None:
        return outlet
    speaker = cand.quote.speaker
    parent = quotes.get(cand.quote.parent or "")
    if speaker is not None and speaker.entity is None and speaker.resolution == "unresolved" \
            and parent is not None and parent.speaker is not None \
            and parent.speaker.entity is not None:
        return parent.speaker
    return speaker or UNKNOWN_SOURCE


def statements(text: str, sentences: list[Span], quotes: list[Quote]) -> list[_Candidate]:
    """Each sentence, or the pieces of quote content inside it (the innermost quote's)."""
    out: list[_Candidate] = []
    for sent in sentences:
        pieces: list[tuple[int, int, Quote]] = []
        for q in _innermost_first(quotes):
            for c in q.content:
                s, e = max(c.start, sent.start), min(c.end, sent.end)
                if e - s <= 0 or any(s < pe and ps < e for ps, pe, _ in pieces):
                    continue
                pieces.append((s, e, q))
        if not pieces:
            span = _trimmed(text, after_dateline(text, sent.start, sent.end), sent.end)
            if span is not None:
                out.append(_Candidate(span, None))
            continue
        for s, e, q in sorted(pieces, key=lambda p: p[0]):
            span = _trimmed(text, s, e)
            if span is not None:
                out.append(_Candidate(span, q))
    return out


def _innermost_first(quotes: list[Quote]) -> list[Quote]:
    """Nested quotes before their parents, so a statement goes to the inner speaker."""
    depth: dict[str, int] = {}
    by_id = {q.id: q for q in quotes}
    for q in quotes:
        d, node = 0, q
        while node.parent is not None and node.parent in by_id and d < len(quotes):
            d += 1
            node = by_id[node.parent]
        depth[q.id] = d
    return sorted(quotes, key=lambda q: -depth[q.id])


def _trimmed(text: str, start: int, end: int) -> Span | None:
    """The statement without the blanks, punctuation and quotation marks at its edges, but
    with the closing mark of a quotation it opens (`were "fighting to the last Ukrainian"`,
    not `were "fighting to the last Ukrainian`)."""
    outer = end
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if end - start < _MIN_CHARS:
        return None
    words = text[start:end]
    for opening, closing in _PAIRS:
        if _open_marks(words, opening, closing):
            close = text.find(closing, end, outer)
            if close != -1:
                end = close + 1
                break
    return make_span(text, start, end)


# Quotation marks a statement may open and leave to its trimmed edge.
_PAIRS = (("“", "”"), ('"', '"'), ("«", "»"), ("‘", "’"))


def _open_marks(words: str, opening: str, closing: str) -> bool:
    """Whether ``words`` leaves a quotation open."""
    if opening == closing:
        return words.count(opening) % 2 == 1
    if opening == "‘":  # ’ is also an apostrophe: only a ‘ with no ’ after it counts
        return words.rfind("‘") > words.rfind("’")
    return words.count(opening) > words.count(closing)

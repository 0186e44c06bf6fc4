"""Quantities asserted in a text: value, unit, counted object, approximator, time, revisions.

"As many as 300,000 volunteers" is the value 300000 with approximator "As many as" and
object "volunteers"; "had signed contracts with the armed forces, 270,000" counts "signed
contracts"; "$2.35 million" is 2350000 in "$". A time reference is the date or time
expression of the same clause ("a couple of days ago", "This morning"). When a later
quantity counts the same object with another value, it revises the earlier one ("270,000
... outdated ... about 300,000").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from claimscope.claims.amounts import measured_by
from claimscope.claims.phrases import APPROX_RE, noun_phrase, singular
from claimscope.claims.revisions import link_revisions
from claimscope.model import Quantity, Span, make_span

_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9,
    "bn": 1e9, "trillion": 1e12, "tn": 1e12, "k": 1e3,
    # South Asian news: "Rs 12 crore" is 120 million rupees, "5 lakh" 500,000.
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}
# A figure with its scale in one word ("3.5bn", "£2tn", "$40m", "$5k").
_SUFFIXED = re.compile(r"\d[\d,]*(?:\.\d+)?(bn|tn|mn|m|k)", re.IGNORECASE)
_SUFFIX_SCALES = {"bn": 1e9, "tn": 1e12, "mn": 1e6, "m": 1e6, "k": 1e3}
# Scales that are also units of length or other words: "m" and "k" scale a figure only
# after a currency sign or before a plural noun ("$40m", "10m people"); "a 10m wall" is
# ten metres.
_AMBIGUOUS_SCALES = frozenset({"m", "k"})
# A dozen multiplies the figure before it ("three dozen") and counts 12 alone ("a dozen");
# "dozens" alone is no figure, as "hundreds" and "thousands" are none ("strikes kill
# dozens" was 12; news of 2026-11-29).
_DOZENS = frozenset({"dozen", "dozens"})
# Units of measure after a figure ("450mm", "12 km", "3 million tonnes"): the quantity's
# unit, not what it counts.
_MEASURES = frozenset("""
    mm cm m km kg mg kilometres kilometers kilometre kilometer metres meters metre meter
    miles mile feet foot ft inches inch kilograms kilogram grams gram tonnes tonne tons ton
    hectares hectare acres acre litres liters litre liter gallons gallon barrels barrel
    mph km/h kph degrees °c °f mw gw kw kwh mwh gwh twh
""".split())
# Points of a percentage or a rate ("a lead of 3 percentage points", "cut by 25 basis
# points"): a unit, not what the figure counts (a poll story, 2026-11-29).
_POINTS = {"percentage": "percentage points", "basis": "basis points"}
_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "half": 0.5,
}
# Fractions: "two-thirds", "three quarters", "a third of", "one-fifth".
_NUMERATORS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
               "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_DENOMINATORS = {
    word + plural: value for value, word in enumerate(
        ("third", "quarter", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"),
        start=3) for plural in ("", "s")
} | {"quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4}
_HYPHENS = frozenset({"-", "‐", "–"})
# Words joining the two figures of a pair or range ("46 to 40 percent").
_PAIR_WORDS = frozenset({"to", "and", "or", "-", "–"})
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH",
             "₹": "INR", "Rs": "INR",
             "US$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD", "HK$": "HKD",
             "NZ$": "NZD", "S$": "SGD", "R$": "BRL"}
# A telephone number after a word that announces one, or written with "+": its digits are
# no quantities ("Email us ... or call 0207 782 4104", news sites' footers).
_PHONE = re.compile(
    r"(?:\b(?:call|phone|tel|telephone|whatsapp|fax|sms)\b[^\n\d]{0,20}|\+)"
    r"(\(?\d[\d ().-]{5,}\d)",
    re.IGNORECASE,
)
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "ruble": "RUB", "rubles": "RUB", "roubles": "RUB", "yuan": "CNY",
    "hryvnia": "UAH", "hryvnias": "UAH", "rupee": "INR", "rupees": "INR",
}
_CURRENCY_CODES = frozenset(_CURRENCY.values()) | frozenset(_CURRENCY_WORDS.values())
# Words of an amount of money besides its figures ("$", "dollars").
_AMOUNT_SIGNS = frozenset(_CURRENCY) | frozenset(_CURRENCY_WORDS)
_PERCENT = frozenset({"%", "percent", "per cent", "pct"})
# Entity labels whose numbers are not quantities (years, clock times, ranks).
_NOT_QUANTITY = frozenset({"DATE", "TIME", "ORDINAL"})
# A figure inside a name is no quantity ("Nord Stream 2", "Super Bowl 50", "Fox 35",
# "Article 33", "World War Two"): of 40 such figures read on news articles, 38 were parts of
# names (regression for issue 4; "Rubio's 17", read as a facility, was the loss).
_NAME_ENTITIES = frozenset({"ORG", "PRODUCT", "FAC", "EVENT", "WORK_OF_ART", "LAW", "GPE",
                            "LOC", "PERSON", "NORP"})
_TIME_LABELS = frozenset({"DATE", "TIME"})
# Marks of a rank before a figure.
_RANK_MARKS = frozenset({"no.", "nos.", "#"})
# How far up the tree the time rules climb; clauses nest rarely deeper in news sentences.
_MAX_CLIMB = 12
_NOUNS = frozenset({"NOUN", "PROPN"})


def parse_value(words: Sequence[str]) -> float | None:
    """The value of a number's words ("300,000", "2.35 million", "five", "a dozen")."""
    value: float | None = None
    for raw in words:
        w = raw.lower().replace(",", "").replace("\u202f", "").replace("\u00a0", "")
        if w in ("a", "an", "and", "-"):
            continue
        if w in _SCALES and value is not None:
            value = _scaled(value, _SCALES[w])
            continue
        if w in _DOZENS and value is not None:  # "three dozen": 36, not 15
            value = _scaled(value, 12)
            continue
        if w in _DENOMINATORS:  # "two-thirds", "a third"
            value = (1.0 if value is None else value) / _DENOMINATORS[w]
            continue
        number = _as_number(w)
        if number is None:
            return None
        value = number if value is None else value + number
    return value


def _scaled(value: float, scale: float) -> float:
    """``value`` times a whole ``scale`` in decimal arithmetic: "4.1 billion" is
    4100000000, not the 4099999999.9999995 of binary floats."""
    return float(Decimal(repr(value)) * Decimal(int(scale)))


def _as_number(word: str) -> float | None:
    if word in _WORDS:
        return float(_WORDS[word])
    word = word.rstrip("%")
    suffixed = _SUFFIXED.fullmatch(word)
    if suffixed is not None:
        return _scaled(float(word[: suffixed.start(1)]),
                       _SUFFIX_SCALES[suffixed.group(1).lower()])
    try:
        return float(word)
    except ValueError:
        return None


def find_quantities(doc: Any, text: str) -> list[Quantity]:
    """Every quantity in the parsed ``doc`` (of ``text``), with revisions linked."""
    found: list[Quantity] = []
    times = _Times.of(doc)
    phones = [m.span(1) for m in _PHONE.finditer(text)]
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        fraction_end = _fraction_end(doc, i) or _rate_end(doc, i)
        if fraction_end is not None:
            q = _quantity(doc, text, i, fraction_end, f"n{len(found) + 1}", times)
            if q is not None:
                found.append(q)
            i = fraction_end
            continue
        if (not (_is_number(tok) or _hyphenated(doc, i)) or _leading_zero(tok)
                or any(s < tok.idx + len(tok.text) and tok.idx < e for s, e in phones)):
            i += 1
            continue
        j = i + 1
        while j < n:
            if _hyphenated(doc, j - 1):  # "Ninety-two": past the hyphen and the unit
                j += 2
            elif (_scales(doc, i, j) or (_is_number(doc[j]) and _joins(doc[j - 1], doc[j]))
                  or _and_in_number(doc, j)):
                j += 1
            else:
                break
        q = _quantity(doc, text, i, j, f"n{len(found) + 1}", times)
        if q is not None:
            found.append(q)
        i = j
    return link_revisions(text, found, [sent.start_char for sent in doc.sents])


def _scales(doc: Any, i: int, j: int) -> bool:
    """Whether token ``j`` scales the number that starts at token ``i`` ("2.4 [million]")."""
    word = doc[j].lower_
    if word not in _SCALES:
        return False
    return word not in _AMBIGUOUS_SCALES or _money_or_count(doc, i, j)


def _money_or_count(doc: Any, i: int, j: int) -> bool:
    """Whether a figure from token ``i`` whose scale is at token ``j`` ("m", "k", "4.4M")
    is money (a currency sign before it) or a count (the first noun after it plural: "10m
    people", "4.4M social media impressions"; not "a 4K screen", "a 10m wall")."""
    if i > 0 and doc[i - 1].text in _CURRENCY:
        return True
    k = j + 1  # the noun phrase right after it: adjectives and nouns, no verb between
    while k < len(doc) and k < j + 5 and doc[k].pos_ == "ADJ":
        k += 1
    if k >= len(doc) or doc[k].pos_ not in _NOUNS:
        return False  # "3M said ...": a name, no count
    noun = doc[k]
    while noun.dep_ == "compound" and noun.head.i > noun.i:  # "media" -> "impressions"
        noun = noun.head
    return bool(noun.tag_ in ("NNS", "NNPS"))


_TENS = frozenset({"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                   "ninety"})
_UNITS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"})


def _hyphenated(doc: Any, i: int) -> bool:
    """Whether token ``i`` is the tens of a number written with a hyphen ("Ninety-two
    percent": the parse makes "Ninety" a compound, and "two percent" alone was taken for
    2%; numbers 1.18). A date's ("twenty-five years ago") is no quantity."""
    tok = doc[i]
    if i > 0 and doc[i - 1].text in _HYPHENS and not doc[i - 1].whitespace_:
        return False  # a clock time in words ("ten-twenty-four p.m.")
    return (tok.lower_ in _TENS and i + 2 < len(doc) and doc[i + 1].text in _HYPHENS
            and not tok.whitespace_ and not doc[i + 1].whitespace_
            and doc[i + 2].lower_ in _UNITS
            and tok.ent_type_ not in _NOT_QUANTITY and tok.ent_type_ not in _NAME_ENTITIES)


def _and_in_number(doc: Any, j: int) -> bool:
    """"one hundred [and] fifty": "and" after "hundred" or "thousand", before a number word."""
    return (doc[j].lower_ == "and" and doc[j - 1].lower_ in ("hundred", "thousand")
            and j + 1 < len(doc) and doc[j + 1].lower_ in _WORDS)


def _fraction_end(doc: Any, i: int) -> int | None:
    """Where a fraction that starts at token ``i`` ends: a numerator and a denominator,
    hyphenated or not, the denominator plural after two or more ("two-thirds", "three
    quarters"), singular after "a" or "one" and then hyphenated or before "of" ("one-fifth",
    "a third of"): not "a third party", nor the time of "the last two quarters"."""
    numerator = _NUMERATORS.get(doc[i].lower_)
    if numerator is None:
        return None
    k = i + 1
    hyphen = (k < len(doc) and doc[k].text in _HYPHENS and not doc[i].whitespace_
              and not doc[k].whitespace_)
    if hyphen:
        k += 1
    # "cut by a third", "rose by a quarter": a change by a fraction, not "by a third party";
    # the recogniser's DATE on "a quarter" there is no time (news of 2026-11-29).
    by_before = (i > 0 and doc[i - 1].lower_ == "by"
                 and not (k + 1 < len(doc) and doc[k + 1].pos_ in _NOUNS))
    if (doc[i].ent_type_ in _NOT_QUANTITY and not by_before) or k >= len(doc) \
            or doc[k].lower_ not in _DENOMINATORS \
            or (doc[k].ent_type_ in _TIME_LABELS and not by_before):
        return None
    if [t.lower_ for t in doc[k + 1 : k + 3]] in (["of", "a"], ["of", "an"]) \
            and k + 3 < len(doc) and doc[k + 3].lower_ in _SCALES:
        return None  # "a quarter of a trillion dollars" counts dollars, not a fraction
    plural = doc[k].lower_.endswith("s")
    if numerator >= 2:
        return k + 1 if plural else None
    of_follows = k + 1 < len(doc) and doc[k + 1].lower_ == "of"
    return k + 1 if not plural and (hyphen or of_follows or by_before) else None


# "one in five voters", "1 in 10 adults", "one out of every four": a share, one figure.
_RATE_WORDS = (("in",), ("in", "every"), ("out", "of"), ("out", "of", "every"))


def _rate_end(doc: Any, i: int) -> int | None:
    """Where a rate that starts at token ``i`` ends ("[one in five] voters": a share of
    0.2, not five voters; a poll story, 2026-11-29): a figure of one word, the rate's
    words, and a larger figure of one word that is no year or date."""
    first = _as_number(doc[i].lower_)
    if first is None or doc[i].ent_type_ in _TIME_LABELS:
        return None
    for words in _RATE_WORDS:
        k = i + 1 + len(words)
        if k >= len(doc) or [t.lower_ for t in doc[i + 1 : k]] != list(words):
            continue
        second = _as_number(doc[k].lower_)
        if doc[k].is_alpha and doc[k].text[:1].isupper():
            return None  # a name: "One in Four, the main survivors' group"
        if second is not None and second > first and not _is_year(doc[k]) \
                and doc[k].ent_type_ not in _TIME_LABELS:
            return k + 1
    return None


def _rate_value(words: Sequence[str]) -> float | None:
    """The share a rate's words give ("one in five": 0.2), or None for other words."""
    low = [w.lower() for w in words]
    for rate in _RATE_WORDS:
        if len(low) == len(rate) + 2 and low[1:-1] == list(rate):
            top, bottom = _as_number(low[0]), _as_number(low[-1])
            if top is not None and bottom:
                return top / bottom
    return None


def _joins(before: Any, tok: Any) -> bool:
    """Whether a number goes on with the one before: a number word ("twenty five") or a
    group of three digits after a space ("1 000 000"); other figures never do: "201,852
    202,965 1,113" is a row of three, not their sum."""
    if not _has_digit(before) and not _has_digit(tok):
        return True
    return _is_group(before, tok)


_LEAD = re.compile(r"\d{1,3}")
_GROUP = re.compile(r"\d{3}")


def _is_group(before: Any, tok: Any) -> bool:
    """"000" after "1" with one space between: thousands written with spaces."""
    return (_GROUP.fullmatch(tok.text) is not None
            and _LEAD.fullmatch(before.text) is not None
            and before.whitespace_ == " ")


def _figures(tokens: Any) -> list[str]:
    """The words of a number, space-grouped digits written as one ("1 000" -> "1000")."""
    words: list[str] = []
    prev = None
    for tok in tokens:
        if prev is not None and _is_group(prev, tok):
            words[-1] += tok.text
        else:
            words.append(tok.text)
        prev = tok
    return words


def _leading_zero(tok: Any) -> bool:
    """"0207", "07423": a code or a telephone number, no count ("0.5" and the "000" going
    on "1 000" are counts)."""
    return len(tok.text) > 1 and tok.text[0] == "0" and tok.text[1].isdigit()


def _has_digit(tok: Any) -> bool:
    return any(c.isdigit() for c in tok.text)


def _is_number(tok: Any) -> bool:
    after_currency = tok.i > 0 and tok.doc[tok.i - 1].text in _CURRENCY
    if _after_rank_mark(tok):
        return False  # a rank: "the No. 2 Republican", "#1 seed" (an AP story, 2026-11-30)
    if (tok.ent_type_ in _NOT_QUANTITY or tok.ent_type_ in _NAME_ENTITIES) \
            and not after_currency:  # "£9bn a year" was a DATE to the recogniser
        return False
    if _is_year(tok) or _marker(tok):
        return False
    if tok.like_num and _has_digit(tok):
        return True
    suffixed = _SUFFIXED.fullmatch(tok.text)
    if suffixed is not None:
        return (suffixed.group(1).lower() not in _AMBIGUOUS_SCALES
                or _money_or_count(tok.doc, tok.i, tok.i))
    if tok.lower_ == "one":  # "one hundred and fifty million", "one million"
        return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in _SCALES
    # Number words only where the parse or the tagger says they count something.
    # "one" is left out: it is a pronoun or an idiom ("one way or another") far more often.
    return tok.lower_ in _WORDS and tok.lower_ != "one" and (
        tok.dep_ == "nummod" or tok.ent_type_ == "CARDINAL"
    )


_YEAR = re.compile(r"1[89]\d\d|20\d\d")


def _is_year(tok: Any) -> bool:
    """Whether a bare figure of 1800 to 2099 is a year the recogniser missed ("the [2022]
    inspection", "from [2011] to [2016]", "since [1939]": 28 of 31 such figures on 750 news
    articles, numbers 1.18). One with a currency, percent, scale or unit, an approximator
    ("over 2000 people"), "of" after it, or counting a plural noun is a count."""
    if _YEAR.fullmatch(tok.text) is None:
        return False
    doc, i = tok.doc, tok.i
    if i > 0 and doc[i - 1].text in _CURRENCY:
        return False
    after = doc[i + 1] if i + 1 < len(doc) else None
    if after is not None and (after.lower_ in _PERCENT or after.lower_ in _SCALES
                              or after.lower_ in _MEASURES or after.lower_ in ("per", "of")):
        return False
    if APPROX_RE.search(doc.text[max(0, tok.idx - 30) : tok.idx]) is not None:
        return False
    head = tok.head
    return not (tok.dep_ in ("nummod", "compound", "quantmod") and head.i > i
                and head.tag_ in ("NNS", "NNPS"))


def _marker(tok: Any) -> bool:
    """Whether a figure is a footnote mark ("[1]") or a list item's number opening its line
    or following a colon ("(3) Yielding the floor ...", "Notes: [1]"): no quantity (news
    pages of 2026-11-29, numbers 1.18). "'Reformation' (12)" after words still counts."""
    doc, i = tok.doc, tok.i
    if i == 0 or i + 1 >= len(doc) or doc[i - 1].whitespace_ or tok.whitespace_:
        return False
    opening, closing = doc[i - 1].text, doc[i + 1].text
    if (opening, closing) == ("[", "]"):
        return True
    if (opening, closing) != ("(", ")"):
        return False
    before = doc[i - 2] if i > 1 else None
    return (before is None or before.text in (":", ";") or "\n" in before.text
            or "\n" in before.whitespace_ or doc[i - 1].is_sent_start is True)


def _after_rank_mark(tok: Any) -> bool:
    """Whether ``tok`` follows "No." (which the tokenizer may split), "Nos." or "#"."""
    doc, i = tok.doc, tok.i
    if i > 0 and doc[i - 1].lower_ in _RANK_MARKS:
        return True
    return (i > 1 and doc[i - 1].text == "." and not doc[i - 2].whitespace_
            and doc[i - 2].lower_ in ("no", "nos"))


def _quantity(
    doc: Any, text: str, i: int, j: int, qid: str, times: _Times
) -> Quantity | None:
    figures = _figures(doc[i:j])
    value = _rate_value(figures)
    value = parse_value(figures) if value is None else value
    if value is None:
        return None
    if j < len(doc) and not doc[j - 1].whitespace_ and doc[j].text[:1].isupper() \
            and doc[j].is_alpha:
        return None  # a figure glued to capitals is a name: "3M", "4K", "5G", "3D"
    start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
    unit: str | None = None
    measured: tuple[str | None, str | None] = (None, None)
    if i > 0 and doc[i - 1].text in _CURRENCY:
        unit = _CURRENCY[doc[i - 1].text]
        start = doc[i - 1].idx
    if j < len(doc):
        after = doc[j].lower_
        per_cent = after == "per" and j + 1 < len(doc) and doc[j + 1].lower_ == "cent"
        if after in _PERCENT or per_cent:
            unit = "%"
            last = doc[j + 1] if per_cent else doc[j]
            end = last.idx + len(last.text)
        elif after in _CURRENCY_WORDS:
            unit = _CURRENCY_WORDS[after]
        elif after in _POINTS and j + 1 < len(doc) and doc[j + 1].lower_ in ("point", "points"):
            unit = _POINTS[after]  # "3.5 percentage points" measure, and count nothing
            end = doc[j + 1].idx + len(doc[j + 1].text)
        elif unit is None and (measure := _measure_after(doc, j)) is not None:
            unit = measure.lower_
            end = measure.idx + len(measure.text)
            measured = _measured(measure)
    if text[start:end].endswith("%") or (unit is None and _percent_pair(doc, j)):
        unit = "%"
    approx = APPROX_RE.search(text[max(0, start - 30) : start])
    approximator = approx.group(1) if approx else None
    main = doc[j - 1]
    if unit is None:
        obj, lemma = _counted(main)
    elif unit == "%" or unit in _CURRENCY_CODES:
        obj, lemma = measured_by(main, _AMOUNT_SIGNS)
    else:
        obj, lemma = measured
    if unit is None and obj is None and j - i > 1 \
            and all(t.lower_ in _SCALES or t.lower_ in _DOZENS for t in doc[i + 1 : j]):
        # "50K people": the parse hangs the noun on the figure, not on its scale word.
        obj, lemma = _counted(doc[i])
        scale = doc[i + 1 : j].text + " "
        if obj is not None and obj.startswith(scale):
            obj = obj[len(scale) :]
    return Quantity(
        id=qid,
        span=make_span(text, start, end),
        value=value,
        unit=unit,
        object=obj,
        object_lemma=lemma,
        approximator=approximator,
        time=_time_of(times, text, main),
    )


def _measure_after(doc: Any, j: int) -> Any:
    """The unit of measure at token ``j``, after a figure ("450mm", "12 km"; a lone "m" in
    lowercase only: "3M" is no metres), or after a hyphen glued to it ("a 1,340-kilometre
    border"); None when there is none."""
    after = doc[j].lower_
    if after in _MEASURES and (len(after) > 1 or doc[j].text == after):
        return doc[j]
    if (after in _HYPHENS and j + 1 < len(doc) and doc[j + 1].lower_ in _MEASURES
            and not doc[j - 1].whitespace_ and not doc[j].whitespace_):
        return doc[j + 1]
    return None


def _measured(unit: Any) -> tuple[str | None, str | None]:
    """What a unit of measure before a noun measures ("an 833 mile [border]", "40mm
    [armour]"): the words after the unit up to that noun, and its lemma."""
    head = unit.head
    if unit.dep_ in ("compound", "amod", "nmod", "nummod") and head.pos_ in _NOUNS \
            and head.i > unit.i:
        doc, first = unit.doc, head.i  # the noun with its own modifiers, not a "(186-mile)"
        while first - 1 > unit.i and doc[first - 1].dep_ in ("amod", "compound") \
                and doc[first - 1].head.i == head.i:
            first -= 1
        return str(doc[first : head.i + 1].text), singular(head.lower_)
    return None, None


def _percent_pair(doc: Any, j: int) -> bool:
    """Whether the figure ending before token ``j`` is the first of a pair or range whose
    second carries the percent ("46 to 40 percent", "between 40 and 50 per cent")."""
    if j + 2 >= len(doc) or doc[j].lower_ not in _PAIR_WORDS or not _has_digit(doc[j + 1]):
        return False
    after = doc[j + 2].lower_
    return (doc[j + 1].text.endswith("%") or after in _PERCENT
            or (after == "per" and j + 3 < len(doc) and doc[j + 3].lower_ == "cent"))


def _counted(num: Any) -> tuple[str | None, str | None]:
    """What a number counts: the noun it modifies, the noun after "of" ("300,000 of the
    volunteers"), or for a number set beside a clause ("signed contracts ..., 270,000") the
    clause's object, introduced by its participle."""
    head = num.head
    # "Three dozen [lawyers]": the parse may make the scale word a compound of the noun.
    modifies = num.dep_ in ("nummod", "quantmod") or (
        num.dep_ == "compound" and (num.lower_ in _SCALES or num.lower_ in _DOZENS))
    if modifies and head.pos_ in _NOUNS and head.i != num.i:
        return (noun_phrase(head, after=num.i if num.i < head.i else -1),
                singular(head.lower_))
    for child in num.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            # not an amount: "a third of the $100 billion" counts no "100 billion"
            objs = [c for c in child.children if c.dep_ == "pobj" and c.pos_ != "NUM"]
            if objs:
                return noun_phrase(objs[0]), singular(objs[0].lower_)
    if num.dep_ in ("appos", "npadvmod", "dobj", "attr", "conj"):
        node = num
        for _ in range(4):
            node = node.head
            if node.pos_ == "VERB":
                objs = [c for c in node.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
                if objs and objs[0].i == num.i:
                    break  # the figure is the object: "delivered less than a third of ..."
                if objs:
                    obj = objs[0]
                    phrase = noun_phrase(obj)
                    if node.tag_ == "VBN" and node.i < obj.i:
                        phrase = f"{node.text} {phrase}"
                    return phrase, singular(obj.lower_)
                break
            if node.head.i == node.i:
                break
    return None, None


@dataclass(frozen=True)
class _Times:
    """The document's date and time entities in order, found once: ``Span.ents`` walks every
    entity of the document, so asking it for each number's sentence grew with the square of
    the article (9 s of an article of 3,000 paragraphs)."""

    ents: list[Any]
    starts: list[int]

    @classmethod
    def of(cls, doc: Any) -> _Times:
        ents = [e for e in doc.ents if e.label_ in _TIME_LABELS and not _no_time(e)]
        return cls(ents, [e.start for e in ents])

    def within(self, start: int, end: int) -> list[Any]:
        """The entities inside tokens ``start``..``end`` (end exclusive)."""
        out: list[Any] = []
        for k in range(bisect_left(self.starts, start), len(self.ents)):
            ent = self.ents[k]
            if ent.end > end:
                break
            out.append(ent)
        return out


# Bare small figures the recogniser tags DATE: ages ("adults aged [40 to 79]"), no time;
# nor a length of time made an adjective ("a [60-day] truce", "a [20-year] sentence").
_BARE_FIGURES = re.compile(r"\d{1,3}(?:\s*(?:to|-|–|and)\s*\d{1,3})?")
_DURATION_ADJECTIVE = re.compile(
    r"(?:a\s+|an\s+)?(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred)"
    r"-(?:day|week|month|year|hour|minute|decade)(?:-old)?",
    re.IGNORECASE)


_TIME_UNITS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years"})
# Nouns that make days a span of time still ("five business days", "school year").
_KINDS_OF_DAYS = frozenset({"business", "working", "calendar", "school", "trading", "holiday",
                            "week", "weekend", "fiscal", "election", "academic"})


def _no_time(ent: Any) -> bool:
    """Whether a DATE is no time: an age or age range ("aged 40 to 79": news of 2026-11-29,
    where it was the time of "78,000 adults"), a duration made an adjective ("a 60-day
    truce"), a fraction after "by" ("cut by a quarter"), or a baseline ("43 percent by 2030
    from [2019] levels to keep warming to 1.5 degrees": a climate story of 2026-11-29, where
    it was the time of 1.5 degrees), or the date a record runs from (:func:`_record_baseline`)."""
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    # Days counted as a unit of something ("monthly [migraine days]", "sick days": a press
    # release of 2026-11-29, where it was the time of "62%").
    counted = ent.root.lower_ in _TIME_UNITS and any(
        c.dep_ == "compound" and c.pos_ == "NOUN" and c.lower_ not in _KINDS_OF_DAYS
        for c in ent.root.children)
    return (counted or before in ("aged", "age", "ages") or after in ("level", "levels")
            or _BARE_FIGURES.fullmatch(ent.text) is not None
            or _DURATION_ADJECTIVE.fullmatch(ent.text) is not None
            or (before == "by" and _fraction_end(ent.doc, ent.start) is not None)
            or _record_baseline(ent))


def _record_baseline(ent: Any) -> bool:
    """Whether a date is where a record runs from, not when the figure holds ("fell 7.2%,
    their steepest drop since [March 2023]", "the lowest since [1969]", "the first time since
    [2010]": a Reuters-style story of 2026-11-29, where March 2023 was the time of 7.2%).
    "cut 2,000 jobs since [January]" keeps its time: no superlative governs that "since"."""
    since = ent.root.head
    if since.lower_ != "since" or since.i >= ent.start:
        return False
    record = since.head
    return any(_superlative(t) for t in (record, *record.children))


def _superlative(tok: Any) -> bool:
    return bool(tok.tag_ in ("JJS", "RBS") or tok.lower_ in ("first", "record"))


def _time_of(times: _Times, text: str, num: Any) -> Span | None:
    """The date or time expression of the number's clause; else the nearest of its sentence
    whose clause governs the number's ("Last year, officials said 300 people died") or lies
    inside the number's own phrase ("the $43 million [the council approved last spring]");
    a time of another clause of the sentence is not the number's ("has risen to $84 million,
    nearly double the $43 million the council approved last spring": none for $84 million),
    so the number then has none."""
    sent = num.sent
    # Only within the number's own line: the parser's sentences may run over a paragraph
    # break ("3:40 p.m.\n\nThe first votes ..." gave a live blog's time stamp to the next
    # paragraph's numbers; 87 of 503 times on 180 news articles crossed a line).
    found = [e for e in times.within(sent.start, sent.end)
             if "\n" not in text[min(e.start_char, num.idx) : max(e.end_char, num.idx)]
             and not e.start <= num.i < e.end]  # "£9bn a year", one DATE to the recogniser
    if not found:
        return None
    clause = _clause_head(num)  # compare token indices: spaCy makes a new Token at each access
    phrase = num.head if num.dep_ in ("nummod", "quantmod") else num
    found = [e for e in found if not _after_other_figure(e, num, phrase)]
    if not found:
        return None
    # A time inside the number's own phrase comes first ("up from 97 [reported on
    # Wednesday]", though the clause says "on Friday").
    own = [e for e in found if e.root.i != phrase.i and e.root.dep_ != "amod"  # "monthly"
           and _in_own_phrase(e.root, num, phrase)]
    same = [e for e in found if clause.i in (_clause_head(e.root).i, e.root.head.i)]
    if own:
        pick = min(own, key=lambda e: abs(e.start - num.i))
    elif same:
        pick = same[0]
    else:
        fitting = [e for e in found
                   if _reaches(clause, _clause_head(e.root)) or _reaches(e.root, phrase, clause)]
        if not fitting:
            return None
        pick = min(fitting, key=lambda e: abs(e.start - num.i))
    return make_span(text, pick.start_char, pick.end_char)


# Words that set two figures against each other: after the first, before the second ("up
# from", "than", "compared with"), or "from" before the first of "from X in 2019 to Y".
_AGAINST = re.compile(r"\b(?:from|than|against|versus|vs|compared)\b", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:\S+\s+)?$", re.IGNORECASE)


def _after_other_figure(ent: Any, num: Any, phrase: Any) -> bool:
    """Whether a time follows, maybe after "in", another figure that the number is set
    against: that figure's period ("$30.8 billion, up from $14.5 billion [a year earlier]",
    "from 30,000 [in January] to 110,000 people in June": not the time of $30.8 billion
    or of 110,000; news of 2026-11-29). A figure beside the number without such words
    leaves the time to the clause ("up 50.2 percent to Abrams' 48.7 percent [early
    Tuesday]")."""
    doc = ent.doc
    k = ent.start - 1
    if k > ent.sent.start and doc[k].lower_ in ("in", "during"):
        k -= 1
    if k < ent.sent.start:
        return False
    tok = doc[k]
    figure = tok if tok.like_num else next(
        (c for c in tok.children if c.dep_ == "nummod" and c.like_num), None)
    if figure is None or figure.ent_type_ in _TIME_LABELS:  # "aged 40 to 79 in 2020"
        return False
    if num.i in (figure.i, figure.head.i) or phrase.i in (figure.i, tok.i):
        return False
    text = doc.text
    if figure.i > num.i:
        return _AGAINST.search(text, num.idx, figure.idx) is not None
    lead = text[max(0, figure.idx - 20) : figure.idx]
    return _FROM_BEFORE.search(lead) is not None


# How far (dependency links) a time may hang below a number to be that number's own: "97
# [reported] on [Wednesday]" is three.
_OWN_TIME_LINKS = 3


def _in_own_phrase(root: Any, num: Any, phrase: Any) -> bool:
    """Whether a time hangs from the number itself within a few links ("143,000 in
    September", "up from 97 reported on Wednesday"), or from its noun through no verb
    ("April's 127.0 level"; not "ranchers convicted in 2012", "the embassy, which reopened
    in 2015": those times are another event's)."""
    node, verb = root, False
    for _ in range(_OWN_TIME_LINKS):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.i == num.i:
            return True
        if node.i == phrase.i:
            return not verb
        verb = verb or node.pos_ in ("VERB", "AUX")
    return False


def _reaches(tok: Any, target: Any, stop: Any = None) -> bool:
    """Whether climbing from ``tok`` (itself included) reaches ``target`` before ``stop``
    or the root."""
    node = tok
    for _ in range(_MAX_CLIMB):
        if node.i == target.i:
            return True
        if (stop is not None and node.i == stop.i) or node.head.i == node.i:
            return False
        node = node.head
    return False


def _clause_head(tok: Any) -> Any:
    node = tok
    for _ in range(_MAX_CLIMB):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        node = node.head
    return node

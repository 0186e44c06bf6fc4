"""What an amount of money or a percentage measures, read off the parse.

A count names what it counts ("300,000 volunteers"); money and percentages name it around
them: "adjusted operating profit of $4.1 billion", "70% of the cost", "$2 billion in aid",
"food aid worth $20 million", "a $20 million package", the subject of a verb of change or
of being ("The cost has risen to $84 million", "Shares fell 7.2%", "Turnout was 72
percent"), and money's verb ("will cost $84 million": cost). Without it a figure of money
has only its currency, and the same claimant's two costs of one bridge in two articles
cannot be compared (numeric drift groups figures by what they measure).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from claimscope.claims.phrases import noun_phrase, singular

# Nouns that frame an amount without saying what it measures ("a total of $300", "an
# earlier range of $5 billion", "a rise of 5%"): the amount is left without an object, and
# a revision may give it the object of the figure that replaces it.
_FRAMES = frozenset("""
    total sum amount figure figures range average maximum minimum estimate estimates value
    level levels rate rise rises increase increases drop drops fall falls decline declines
    cut cuts growth jump gain gains loss losses change changes share tune order excess
    upwards
""".split()) | frozenset("""
    half halves third thirds quarter quarters fifth fifths sixth sixths tenth tenths part
    parts portion portions fraction fractions rest remainder bulk majority minority
""".split())  # a part of an amount ("less than a third of the $100 billion": not thirds)
# Verbs whose subject is what the amount measures: verbs of change and of being, as news
# writes them (the pipeline has no lemmatizer, so their forms are listed).
_CHANGE_VERBS = frozenset("""
    rise rises rose risen rising fall falls fell fallen falling reach reaches reached
    reaching stand stands stood standing total totals totaled totalled totaling totalling
    hit hits hitting climb climbs climbed climbing jump jumps jumped jumping drop drops
    dropped dropping increase increases increased increasing decrease decreases decreased
    decreasing grow grows grew grown growing soar soars soared soaring plunge plunges
    plunged plunging slip slips slipped slipping slide slides slid sliding surge surges
    surged surging decline declines declined declining gain gains gained gaining lose loses
    lost losing tumble tumbles tumbled tumbling sink sinks sank sunk sinking dip dips dipped
    dipping shrink shrinks shrank shrunk shrinking top tops topped topping exceed exceeds
    exceeded exceeding amount amounts amounted
""".split())
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "’s"})
# Verbs whose object of money is what they name ("the bridge will cost $84 million": its
# cost; "spent $3 million on repairs": spending). "will cost" is how news gives most costs,
# and without an object two articles' costs of one bridge could not be compared (numbers
# 1.20). Verbs of change ("lost $40 million") are left to the subject rule below.
_MONEY_VERBS = {
    **dict.fromkeys(("cost", "costs", "costing", "costed"), "cost"),
    **dict.fromkeys(("spend", "spends", "spent", "spending"), "spending"),
    **dict.fromkeys(("pay", "pays", "paid", "paying"), "payment"),
    **dict.fromkeys(("earn", "earns", "earned", "earning"), "earnings"),
}
_PERCENT_WORDS = frozenset({"%", "percent", "cent", "pct"})
_SCALE_WORDS = frozenset({"hundred", "thousand", "million", "billion", "trillion", "mln",
                          "bn", "tn", "m", "k", "lakh", "crore"})
_NOUNS = frozenset({"NOUN", "PROPN"})
# How far up the amount's own words the climb goes ("$ 4.1 billion to $ 4.6 billion" is
# one tree of eight tokens).
_MAX_AMOUNT = 8


def measured_by(main: Any, currency: Collection[str]) -> tuple[str | None, str | None]:
    """What the amount whose last figure is the token ``main`` measures, and its
    singular, or ``(None, None)``; ``currency``: the signs that may stand in the amount."""
    top = _amount_top(main, currency)
    noun = _measured_noun(top)
    if noun is not None and noun.lower_ == "worth":  # "$250 billion worth of goods"
        noun = _of_object(noun)
    if noun is None and top.dep_ == "dobj" and top.head.lower_ in _MONEY_VERBS \
            and any(t.text in currency for t in top.subtree):
        named = _MONEY_VERBS[top.head.lower_]
        return named, named
    if noun is None or noun.pos_ not in _NOUNS or noun.lower_ in _FRAMES:
        return None, None
    return noun_phrase(noun, after=top.i if top.i < noun.i else -1), singular(noun.lower_)


def _amount_word(tok: Any, currency: Collection[str]) -> bool:
    return bool(tok.like_num or tok.lower_ in _SCALE_WORDS or tok.text in currency
                or tok.lower_ in _PERCENT_WORDS or tok.lower_ == "per"
                or (tok.dep_ == "quantmod" and tok.lower_ in ("to", "and", "-", "–")))


def _amount_top(main: Any, currency: Collection[str]) -> Any:
    """The highest token of the amount's own words in the parse (the second amount of a
    range "$4.1 billion to $4.6 billion" holds the first)."""
    node = main
    for _ in range(_MAX_AMOUNT):
        head = node.head
        if head.i == node.i or not _amount_word(head, currency):
            break
        node = head
    return node


def _of_object(tok: Any, prepositions: tuple[str, ...] = ("of",)) -> Any:
    """The object of a preposition hanging from ``tok``, or None."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def _measured_noun(top: Any) -> Any:
    """The noun the amount is the measure of, by the first rule that applies."""
    of = _of_object(top, ("of", "in"))  # "70% of the cost", "$2 billion in aid"
    if of is not None:
        return of
    head = top.head
    if head.i == top.i:
        return None
    if top.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in _NOUNS:
        return head.head  # "profit of $4.1 billion"
    if head.lower_ == "worth" and head.head.pos_ in _NOUNS:
        return head.head  # "food aid worth $20 million"
    if top.dep_ in ("nummod", "compound", "amod", "quantmod") and head.pos_ == "NOUN" \
            and head.i > top.i and _modifies(top, head):
        return head  # "a $20 million package", "a 5% stake"; no name ("$10.78 Buy New")
    verb = head.head if top.dep_ == "pobj" and head.lower_ in ("to", "at", "by") else head
    if verb.lower_ in _CHANGE_VERBS or (verb.lower_ in _BE and top.dep_ == "attr"):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and subjects[0].pos_ in _NOUNS:
            return subjects[0]  # "The cost has risen to $84 million", "Shares fell 7.2%"
    return None


# How many words may stand between an amount and the noun it modifies ("a $20 million
# aid package" has one).
_MODIFIER_GAP = 3


def _modifies(top: Any, noun: Any) -> bool:
    """Whether only the noun's own modifiers stand between the amount and the noun: "the
    $43 million [the city council] approved" has a determiner there, a misparse."""
    between = top.doc[top.i + 1 : noun.i]
    return len(between) <= _MODIFIER_GAP and all(
        t.dep_ in ("amod", "compound", "nmod", "punct") and t.pos_ not in ("DET", "PRON")
        for t in between)

"""What money and percentages measure (claims/amounts.py), read through the quantities."""

from __future__ import annotations

import pytest

from claimscope import nlp
from claimscope.claims.amounts import measured_by
from claimscope.claims.numbers import find_quantities


# numbers 1.18 (issue 4): a Reuters-style earnings story and 750 news articles read, where
# 409 of 415 amounts of money and all 440 percentages had no object
@pytest.mark.parametrize(("text", "words", "obj"), [
    ("The company expected adjusted operating profit of $4.1 billion.", "$4.1 billion",
     "adjusted operating profit"),
    ("About 70% of the cost will come from the state.", "70%", "cost"),
    ("The cost of repairing the bridge has risen to $84 million.", "$84 million", "cost"),
    ("Shares of the automaker fell 7.2% in early trading.", "7.2%", "Shares"),
    ("Puerto Rico will receive $16 billion in federal aid.", "$16 billion", "federal aid"),
    ("China said it had provided food aid worth $20 million.", "$20 million", "food aid"),
    ("They approved a $20 million package.", "$20 million", "package"),
    ("Turnout was 72 percent.", "72 percent", "Turnout"),
    # "worth of": the goods; no object: a pronoun, a misparsed relative clause, a frame word
    ("It rose 5% on Monday.", "5%", None),
    ("It has risen to $84 million, nearly double the $43 million the city council "
     "approved.", "$43 million", None),
    ("Mexico buys nearly $250 billion worth of goods from the US.", "$250 billion", "goods"),
    ("Sales reached a total of $300 million.", "$300 million", None),
    # numbers 1.20 (issue 4): money a verb names ("will cost", a Reuters-style story)
    ("The bridge will cost $84 million.", "$84 million", "cost"),
    ("Tariffs would cost Northwind about $1.2 billion this year.", "$1.2 billion", "cost"),
    ("The city spent $3 million on repairs.", "$3 million", "spending"),
    ("The firm earned $2 billion last year.", "$2 billion", "earnings"),
    ("Taxpayers paid $5 million for the stadium.", "$5 million", "payment"),
    ("The city spent $3 million of its budget on repairs.", "$3 million", "budget"),
    ("The plan would cost 300 jobs.", "300", "jobs"),  # a count keeps its noun
    # a part of an amount names no object (an example article: "$100 billion" of "third")
    ("Rich countries delivered less than a third of the $100 billion they had promised.",
     "$100 billion", None),
    ("Half of the $2 billion went to schools.", "$2 billion", None),
    ("Some 40% of the $5 billion budget was spent.", "$5 billion", "budget"),
])
def test_what_money_and_percentages_measure(text: str, words: str, obj: str | None) -> None:
    text_doc = nlp.load()(text)
    q = next(q for q in find_quantities(text_doc, text) if q.span.text == words)
    assert q.object == obj


def test_measured_by_reads_the_parse() -> None:
    doc = nlp.load()("Shares of the automaker fell 7.2% in early trading.")
    figure = next(t for t in doc if t.text == "7.2")
    assert measured_by(figure, {"$"}) == ("Shares", "share")

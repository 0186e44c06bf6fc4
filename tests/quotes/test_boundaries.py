"""Content boundaries: asides inside the reported clause, a postposed cue's adjunct
(issue 3)."""

from __future__ import annotations

import pytest

import claimscope
from claimscope.model import Quote


def quotes_of(text: str) -> list[Quote]:
    return claimscope.analyze(claimscope.read({"text": text, "id": "t"})).quotes


def pieces_of(text: str, cue: str) -> list[str]:
    for q in quotes_of(text):
        if q.cue is not None and cue in q.cue.text:
            return [c.text for c in q.content]
    raise AssertionError(f"no quote cued by {cue!r}: {[q.to_json() for q in quotes_of(text)]}")


@pytest.mark.parametrize(
    ("text", "cue", "pieces"),
    [
        ("Climate change, Obama often says, is the greatest threat facing the world.",
         "says", ["Climate change", "is the greatest threat facing the world"]),
        ("The difference now, he said, is that he is the anchor of a news program.",
         "said", ["The difference now", "is that he is the anchor of a news program"]),
    ],
)
def test_aside_inside_the_reported_clause(text: str, cue: str, pieces: list[str]) -> None:
    assert pieces_of(text, cue) == pieces


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # A quotation after the aside: the words before it are the writer's.
        ("In an interview, Obama said, “We will win this.”", "said"),
        # The aside ends its sentence's first clause only: no comma after the cue.
        ("Obama said in a speech that taxes will rise.", "said"),
    ],
)
def test_no_aside(text: str, cue: str) -> None:
    assert len(pieces_of(text, cue)) == 1


def test_piece_after_a_postposed_cue_that_only_says_when_is_dropped() -> None:
    """The tagger sometimes gives a quote a second piece after its postposed cue: the
    cue's adverbial clause ("as he entered the talks") is not what was said."""
    from claimscope import nlp
    from claimscope.quotes.assemble import Draft
    from claimscope.quotes.boundaries import drop_cue_adjuncts

    text = ("“Europe must be able to defend itself,” President Francois Hollande said Friday "
            "as he entered the talks.")
    doc = nlp.load()(text)
    said = next(t for t in doc if t.text == "said")
    assert said.idx > 0
    quote = (0, text.index("”") + 1)
    after = (text.index("as he"), text.index("talks") + len("talks"))
    assert any(c.dep_ == "advcl" and c.text == "entered" for c in said.children)
    draft = Draft(content=[quote, after], cue=(said.idx, said.idx + 4),
                  speaker=None, confidence=0.9, cue_token=said.i)
    drop_cue_adjuncts(doc, [draft])
    assert draft.content == [quote]


def test_a_piece_that_is_what_was_said_stays() -> None:
    from claimscope import nlp
    from claimscope.quotes.assemble import Draft
    from claimscope.quotes.boundaries import drop_cue_adjuncts

    text = "“We will win,” he told reporters, “and they know it.”"
    doc = nlp.load()(text)
    told = next(t for t in doc if t.text == "told")
    pieces = [(0, text.index("”") + 1), (text.index("“and"), len(text))]
    draft = Draft(content=list(pieces), cue=(told.idx, told.idx + 4), speaker=None,
                  confidence=0.9, cue_token=told.i)
    drop_cue_adjuncts(doc, [draft])
    assert draft.content == pieces


@pytest.mark.parametrize(
    ("text", "cue", "tagged", "content"),
    [
        # the addressee before a clause or an "about" phrase is not what was said
        ("Hannity asked Trump how high the wall would be.", "asked",
         "Trump how high the wall would be", "how high the wall would be"),
        ("He told reporters that the talks had failed.", "told",
         "reporters that the talks had failed", "that the talks had failed"),
        ("Hewitt questioned Pence about that position on Monday.", "questioned",
         "Pence about that position", "about that position"),
        # "urged X to ...": PolNeAR mostly keeps the addressee (74 of 117): left alone
        ("The newspaper urged Clinton to make a decision on other grounds.", "urged",
         "Clinton to make a decision on other grounds",
         "Clinton to make a decision on other grounds"),
        # not a verb of telling: its object is what was said
        ("She described the plan as a disaster.", "described",
         "the plan as a disaster", "the plan as a disaster"),
        # content that already starts after the addressee stays
        ("He told reporters that the talks had failed.", "told",
         "that the talks had failed", "that the talks had failed"),
    ],
)
def test_content_starts_after_the_addressee(text: str, cue: str, tagged: str,
                                            content: str) -> None:
    """Issue 3: "told [reporters] that ...": in PolNeAR's training articles the content
    starts after such an addressee 265 times and includes it 23 times."""
    from claimscope import nlp
    from claimscope.quotes.assemble import Draft
    from claimscope.quotes.boundaries import skip_addressees

    doc = nlp.load()(text)
    token = next(t for t in doc if t.text == cue)
    start = text.index(tagged)
    draft = Draft(content=[(start, start + len(tagged))], cue=(token.idx, token.idx + len(cue)),
                  speaker=None, confidence=0.9, cue_token=token.i)
    skip_addressees(doc, [draft])
    assert [text[s:e] for s, e in draft.content] == [content]


def _draft(doc: object, text: str, cue: str, pieces: list[str]) -> object:
    from claimscope.quotes.assemble import Draft

    token = next(t for t in doc if t.text == cue)  # type: ignore[attr-defined]
    spans = [(text.index(p), text.index(p) + len(p)) for p in pieces]
    return Draft(content=spans, cue=(token.idx, token.idx + len(cue)), speaker=None,
                 confidence=0.9, cue_token=token.i)


@pytest.mark.parametrize(
    ("text", "pieces", "kept"),
    [
        # the piece starts inside the cue's "during" phrase and runs into its "after" clause
        ('"I think we need him back in the Senate," Hannity said during a panel on his show '
         "after the senator easily won his primary.",
         ['"I think we need him back in the Senate,"',
          "his show after the senator easily won his primary"],
         ['"I think we need him back in the Senate,"']),
        # a quotation after the cue that is what was said stays
        ('"We will win," he said on Monday. "And they know it."',
         ['"We will win,"', '"And they know it."'],
         ['"We will win,"', '"And they know it."']),
    ],
)
def test_piece_starting_inside_a_cue_adjunct_is_dropped(text: str, pieces: list[str],
                                                        kept: list[str]) -> None:
    """Issue 3: on the by-publisher held-out articles two such pieces were dropped, two
    quotes became exact, none was lost."""
    from claimscope import nlp
    from claimscope.quotes.boundaries import drop_cue_adjuncts

    doc = nlp.load()(text)
    draft = _draft(doc, text, "said", pieces)
    drop_cue_adjuncts(doc, [draft])  # type: ignore[list-item]
    assert [text[s:e] for s, e in draft.content] == kept  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "cue", "pieces"), [
    ("The group said its fighters had responded to attacks by the army, which it accused of "
     "using civilians as human shields.", "accused", ["which", "using civilians as human shields"]),
    ("The talks stalled, which the minister warned against repeating.", "warned",
     ["which", "repeating"]),
])
def test_what_a_cue_says_after_its_preposition_stays(text: str, cue: str,
                                                     pieces: list[str]) -> None:
    """Issue 3 (an Al Jazeera story, 2026-11-29): "accused of [using civilians as human
    shields]" is what was said, not the cue's circumstances; the piece had been dropped."""
    from claimscope import nlp
    from claimscope.quotes.boundaries import drop_cue_adjuncts

    doc = nlp.load()(text)
    draft = _draft(doc, text, cue, pieces)
    drop_cue_adjuncts(doc, [draft])  # type: ignore[list-item]
    assert [text[s:e] for s, e in draft.content] == pieces  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "pieces", "kept"),
    [
        # indirect speech ends with its sentence
        ("He said that the United States could simply default on its debt. Just yesterday, "
         "can you believe it, they voted again.",
         ["that the United States could simply default on its debt. Just yesterday, can you "
          "believe it"],
         ["that the United States could simply default on its debt."]),
        # the pieces after the cut go with it
        ("She said the plan had failed. It was a mess, she added.",
         ["the plan had failed. It was a mess", "she added"],
         ["the plan had failed."]),
        # a sentence end inside quotation marks: the quoted speech goes on
        ("He said the people “deserve someone who cares. That's Hillary Clinton,” and left.",
         ["the people “deserve someone who cares. That's Hillary Clinton,”"],
         ["the people “deserve someone who cares. That's Hillary Clinton,”"]),
        # a direct quote may run for sentences
        ("He said: “We will win. They know it.” Then he left.",
         ["“We will win. They know it.”"],
         ["“We will win. They know it.”"]),
    ],
)
def test_indirect_speech_ends_with_its_sentence(text: str, pieces: list[str],
                                                kept: list[str]) -> None:
    """Issue 3: on the by-publisher held-out articles five indirect or mixed quotes became
    exact, none was lost."""
    from claimscope import nlp
    from claimscope.quotes.boundaries import end_at_sentence
    from claimscope.quotes.marks import find_quoted, inside_mask

    doc = nlp.load()(text)
    draft = _draft(doc, text, "said", pieces)
    end_at_sentence(doc, text, [draft],  # type: ignore[list-item]
                    inside_mask(text, find_quoted(text)))
    assert [text[s:e] for s, e in draft.content] == kept  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "pieces", "kept"),
    [
        # before the cue: the line next to it
        ("Clinton, Obama linked no matter what; \nHer fate hinges on Obama, analysts say.",
         ["Clinton, Obama linked no matter what; \nHer fate hinges on Obama"],
         ["Her fate hinges on Obama"]),
        # after the cue: the first line
        ("Analysts say her fate hinges on Obama\nClinton, Obama linked no matter what",
         ["her fate hinges on Obama\nClinton, Obama linked no matter what"],
         ["her fate hinges on Obama"]),
        # one line: left alone
        ("Analysts say her fate hinges on Obama.", ["her fate hinges on Obama."],
         ["her fate hinges on Obama."]),
    ],
)
def test_a_content_piece_keeps_to_one_line(text: str, pieces: list[str],
                                           kept: list[str]) -> None:
    """Issue 3: PolNeAR's training file has one content piece across a line break in
    23,289; on the by-publisher held-out articles two quotes became exact, none was lost."""
    from claimscope.quotes.assemble import Draft
    from claimscope.quotes.boundaries import within_lines

    cue = text.index("say")
    spans = [(text.index(p), text.index(p) + len(p)) for p in pieces]
    draft = Draft(content=spans, cue=(cue, cue + 3), speaker=None, confidence=0.9)
    within_lines(text, [draft])
    assert [text[s:e] for s, e in draft.content] == kept


def test_a_thousands_separator_does_not_close_an_aside() -> None:
    """Issue 3: the comma of "18,000" is no aside mark."""
    from claimscope.quotes.parenthetical import _aside_close

    text = "The figure, officials said on Friday, could be 18,000 adoptees, many of them adults."
    cue_end = text.index("said") + 4
    assert _aside_close(text, cue_end, len(text)) == text.index(", could")
    later = text.index("be") + 2
    assert _aside_close(text, later, len(text)) == text.index(", many")


@pytest.mark.parametrize(
    ("text", "pieces", "kept"),
    [
        # a piece on an earlier line than the cue goes; the cue's own line stays
        ("“What does this say about your party?”\nSeveral leaders have since denounced "
         "Trump's comments.",
         ["“What does this say about your party?”", "Trump's comments"],
         ["Trump's comments"]),
        # pieces on the cue's line and after it stay
        ("“We will win,” he said.\n“And they know it.”",
         ["“We will win,”", "“And they know it.”"],
         ["“We will win,”", "“And they know it.”"]),
        # a lone piece is never dropped
        ("“What does this say about your party?”\nThat is what he said.",
         ["“What does this say about your party?”"],
         ["“What does this say about your party?”"]),
    ],
)
def test_a_piece_on_a_line_before_the_cue_is_dropped(text: str, pieces: list[str],
                                                     kept: list[str]) -> None:
    """Issue 3: PolNeAR's training file has 25 attributions of 19,831 with a piece on an
    earlier line than the cue; on the by-publisher held-out articles two quotes became
    exact, none was lost."""
    from claimscope.quotes.assemble import Draft
    from claimscope.quotes.boundaries import drop_earlier_lines

    cue = next(text.index(w) for w in ("denounced", "said") if w in text)
    spans = [(text.index(p), text.index(p) + len(p)) for p in pieces]
    draft = Draft(content=spans, cue=(cue, cue + 4), speaker=None, confidence=0.9)
    drop_earlier_lines(text, [draft])
    assert [text[s:e] for s, e in draft.content] == kept


@pytest.mark.parametrize(
    ("text", "cue", "piece", "kept"),
    [
        # a clause of the content's verb, right after it
        ("Trump said he would win the state when it votes May 10.", "said",
         "he would win the state", "he would win the state when it votes May 10"),
        # a prepositional phrase of the content's verb
        ("Clinton said she supported President Obama in 2008 and 2012.", "said",
         "she supported President Obama", "she supported President Obama in 2008 and 2012"),
        # a relative clause of the content's noun
        ("He said the scene she described never happened at all.", "said",
         "the scene", "the scene she described"),
        # after a comma: left alone (the annotators mostly end there)
        ("He said the plan failed, which surprised nobody in the room.", "said",
         "the plan failed", "the plan failed"),
        # a dependent of the cue, not of the content: left alone
        ("She denied the charges through her lawyer on Monday.", "denied",
         "the charges", "the charges"),
        # "according to" is an attribution of its own
        ("Prices rose 5 percent in May according to the bureau.", "rose",
         "Prices", "Prices"),
        # the next line is another paragraph
        ("He said the plan failed\nin May the talks resumed.", "said",
         "the plan failed", "the plan failed"),
        # a quotation follows: left to the quote rules
        ("He said the plan was “a disaster” for everyone.", "said",
         "the plan was", "the plan was"),
    ],
)
def test_indirect_content_runs_on_to_a_dependent_of_its_words(
        text: str, cue: str, piece: str, kept: str) -> None:
    """Issue 3: on the training articles tagged out of fold, 25 attributions made exact and
    1 lost; on the by-publisher held-out articles 3 made exact, none lost."""
    from claimscope import nlp
    from claimscope.quotes.boundaries import extend_run_on
    from claimscope.quotes.marks import find_quoted, inside_mask

    doc = nlp.load()(text)
    draft = _draft(doc, text, cue, [piece])
    extend_run_on(doc, text, [draft],  # type: ignore[list-item]
                  inside_mask(text, find_quoted(text)))
    assert [text[s:e] for s, e in draft.content] == [kept]  # type: ignore[attr-defined]


def test_run_on_content_never_swallows_another_attribution() -> None:
    """A run-on dependent that holds another draft's cue stays that draft's (issue 3)."""
    from claimscope import nlp
    from claimscope.quotes.boundaries import extend_run_on
    from claimscope.quotes.marks import find_quoted, inside_mask

    text = "He cited a story in which sources said the deal was off."
    doc = nlp.load()(text)
    outer = _draft(doc, text, "cited", ["a story"])
    inner = _draft(doc, text, "said", ["the deal was off"])
    extend_run_on(doc, text, [outer, inner],  # type: ignore[list-item]
                  inside_mask(text, find_quoted(text)))
    assert [text[s:e] for s, e in outer.content] == ["a story"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "content"), [
    # a second predicate of the reported clause, its subject shared, is reported too
    ("Briefing the Council, Tom Fletcher said that famine had been confirmed in five areas "
     "and was likely to spread.",
     "that famine had been confirmed in five areas and was likely to spread"),
])
def test_a_second_predicate_of_the_reported_clause_runs_on(text: str, content: str) -> None:
    """Issue 3 (UN meetings coverage, 2026-11-29): the content had ended before "and"."""
    import claimscope

    quotes = claimscope.analyze(claimscope.read({"text": text, "id": "t"})).quotes
    assert [c.text for q in quotes for c in q.content] == [content]

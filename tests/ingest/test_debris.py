"""Line classification of scraped pages: parametrized (page, expected) tables."""

from __future__ import annotations

import pytest

from claimscope.ingest.debris import Kind, Reason, layout

BODY = (
    "The city council approved the new budget on Tuesday after a six-hour debate that ran "
    "late into the night.\n\n"
    "Opposition members said the plan cut too deeply into public transport, while the "
    "mayor defended it as the only way to balance the books.\n\n"
)


def kinds(raw: str) -> dict[str, tuple[Kind, Reason | None]]:
    return {lab.line.text: (lab.kind, lab.reason) for lab in layout(raw).lines}


@pytest.mark.parametrize(
    ("debris", "reason"),
    [
        ("Share", Reason.UI),
        ("Read more", Reason.UI),
        ("Subscribe", Reason.UI),
        ("Discuss", Reason.UI),
        ("Share this article", Reason.UI),
        ("We use cookies to improve your experience. By continuing you accept our cookie "
         "policy.", Reason.COOKIE),
        ("Related: Mayor Unveils Plan to Expand Tram Network Across the River", Reason.RELATED),
        ("Tags: Budget, City Council, Transport", Reason.TAG),
    ],
)
def test_ui_and_link_lines_are_removed_with_their_reason(debris: str, reason: Reason) -> None:
    raw = "Council Passes Budget After Marathon Session\n\n" + BODY + debris + "\n\n" + BODY
    got = kinds(raw)
    assert got[debris] == (Kind.DEBRIS, reason)


@pytest.mark.parametrize(
    ("byline", "author", "published"),
    [
        ("By Jane Smith | 12 March 2024", "Jane Smith", "2024-03-12"),
        ("By JOHN DOE, March 3, 2023, 10:15 GMT", "John Doe", "2023-03-03"),
        ("Published 14.07.2023, 09:30", None, "2023-07-14"),
    ],
)
def test_bylines_are_removed_and_their_facts_kept(
    byline: str, author: str | None, published: str
) -> None:
    raw = "Council Passes Budget After Marathon Session\n\n" + byline + "\n\n" + BODY
    page = layout(raw)
    got = {lab.line.text: (lab.kind, lab.reason) for lab in page.lines}
    assert got[byline] == (Kind.DEBRIS, Reason.BYLINE)
    assert page.published == published
    if author:
        assert page.author is not None and page.author.lower() == author.lower()


@pytest.mark.parametrize(
    ("heading"),
    ["On Special Military Op", "What Happens Next", "A Long Road to Recovery",
     "Reaction From Abroad"],
)
def test_subheadings_between_paragraphs_are_kept(heading: str) -> None:
    raw = "Council Passes Budget After Marathon Session\n\n" + BODY + heading + "\n\n" + BODY
    assert kinds(raw)[heading] == (Kind.HEADING, None)


def test_section_and_outlet_lines_before_the_title_become_metadata() -> None:
    raw = "Business\n\nReuters\n\nCouncil Passes Budget After Marathon Session\n\n" + BODY
    page = layout(raw)
    got = kinds(raw)
    assert got["Business"] == (Kind.DEBRIS, Reason.SECTION)
    assert got["Reuters"][0] is Kind.DEBRIS
    assert got["Council Passes Budget After Marathon Session"][0] is Kind.TITLE
    assert page.section == "Business"
    assert page.outlet == "Reuters"


def test_related_headline_run_inside_body_is_removed() -> None:
    """A section label followed by another article's headline, between paragraphs."""
    raw = (
        "Council Passes Budget After Marathon Session\n\n" + BODY
        + "Politics\n\nMinister Resigns Over Housing Scandal as Pressure Mounts on Cabinet\n\n"
        + BODY
    )
    got = kinds(raw)
    assert got["Politics"][0] is Kind.DEBRIS
    assert got["Minister Resigns Over Housing Scandal as Pressure Mounts on Cabinet"][0] is (
        Kind.DEBRIS
    )


def test_body_sentences_are_never_removed() -> None:
    raw = "Council Passes Budget After Marathon Session\n\n" + BODY + "Share\n"
    page = layout(raw)
    paragraphs = [lab.line.text for lab in page.lines if lab.kind is Kind.PARAGRAPH]
    assert len(paragraphs) == 2


def test_seed_lines(seed_text: str) -> None:
    page = layout(seed_text)
    got = {lab.line.text[:30]: lab for lab in page.lines}
    assert page.outlet == "Sputnik"
    assert page.section == "World"
    assert got["On Special Military Op"].kind is Kind.HEADING
    assert got["On Relations With North Korea"].kind is Kind.HEADING
    assert got["Discuss"].kind is Kind.DEBRIS
    assert got["Fact Check: Have US Cluster Mu"].reason is Reason.RELATED


# Regressions found by benchmarks/debris_eval.py (issue 2).
@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Health|Federal Court Rules Against State Voter Purge", Reason.RELATED),
        ("World » Minister Resigns Over Housing Scandal", Reason.RELATED),
        ("The mayor visits the harbour in May 2017. (Reuters photo: Jane Doe)", Reason.CAPTION),
        ("You may also like: Ten Things To Know About The Budget", Reason.RELATED),
        ("Ad Feedback", Reason.UI),
    ],
)
def test_issue2_debris_conventions(line: str, reason: Reason) -> None:
    raw = "Council Passes Budget After Marathon Session\n\n" + BODY + line + "\n\n" + BODY
    assert kinds(raw)[line] == (Kind.DEBRIS, reason)


def test_issue2_headline_written_as_a_sentence_is_the_title() -> None:
    title = "Axelrod calls on Dean to apologize for his remarks."
    raw = title + "\n\nBy Jane Smith\n\n" + BODY + BODY.replace("council", "committee")
    assert kinds(raw)[title] == (Kind.TITLE, None)


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_issue2_subheading_after_a_related_link_is_kept(sep: str) -> None:
    raw = sep.join([
        "Council Passes Budget After Marathon Session", *BODY.split("\n\n")[:2],
        "Read more: Mayor Unveils Plan to Expand Tram Network", "What Happens Next",
        *BODY.split("\n\n")[:2],
    ])
    assert kinds(raw)["What Happens Next"] == (Kind.HEADING, None)


def test_issue2_short_sentence_full_of_names_is_prose() -> None:
    raw = ("Council Passes Budget After Marathon Session\n\n" + BODY
           + "Now the DOJ is looking into Schaaf.\n\n" + BODY)
    assert kinds(raw)["Now the DOJ is looking into Schaaf."] == (Kind.PARAGRAPH, None)


_ISSUER = "Acme Health is a clinical-stage biopharmaceutical company based in Boston."


@pytest.mark.parametrize(("tail", "removed"), [
    # a press release's closing sections (a PR Newswire-style release, 2026-11-30)
    (f"About Acme Health\n\n{_ISSUER}", True),
    (f"About Acme Health, Inc.\n\n{_ISSUER}", True),
    ("Forward-Looking Statements\n\nThis press release contains forward-looking "
     "statements that involve risks and uncertainties.", True),
    ("About the author\n\nJane Smith covers city politics for the paper.", True),
    # a subheading that opens with "About" over story text stays
    ("About Face on Tariffs\n\nThe mayor reversed course on Friday, saying the levy would "
     "wait until spring.", False),
    # a heading over many paragraphs is part of the story
    ("Forward-Looking Statements\n\n" + BODY * 4, False),
])
def test_press_release_boilerplate_is_removed(tail: str, removed: bool) -> None:
    raw = "Acme Health Announces Phase 3 Results\n\n" + BODY + tail
    got = kinds(raw)
    heading = tail.split("\n\n")[0]
    if removed:
        assert all(kind is Kind.DEBRIS and reason is Reason.BOILERPLATE
                   for text, (kind, reason) in got.items() if text in tail)
    else:
        assert got[heading] == (Kind.HEADING, None)
    assert all(got[p.strip()][0] is Kind.PARAGRAPH for p in BODY.split("\n\n") if p.strip())


@pytest.mark.parametrize(("line", "reason"), [
    ("Associated Press writers Mary Clare Jalonick and Lisa Mascaro contributed to this "
     "report.", Reason.CONTRIBUTORS),
    ("(Reporting by Jane Doe in London; Editing by John Roe)", Reason.CONTRIBUTORS),
    ("Additional reporting by Tom Smith in Kyiv.", Reason.CONTRIBUTORS),
    ("Jane Doe contributed reporting from Kyiv.", Reason.CONTRIBUTORS),
    # body sentences with the same words stay
    ("Many factors contributed to the crisis, officials said.", None),
    ("His aides contributed to this story's success, he said.", None),
])
def test_a_wire_storys_contributors_line(line: str, reason: Reason | None) -> None:
    """A wire story's closing credit was kept as a paragraph (an AP story, 2026-11-30)."""
    got = kinds("Council Passes Budget After Marathon Session\n\n" + BODY + line)
    assert got[line] == ((Kind.DEBRIS, reason) if reason else (Kind.PARAGRAPH, None))


def test_a_title_that_names_its_day_is_the_title() -> None:
    """A briefing's title with its date was removed as a date line (2026-11-30), and the
    article had no title."""
    title = "Foreign Ministry Spokesperson Mao Ning's Regular Press Conference on March 5, 2024"
    assert kinds(title + "\n\n" + BODY)[title] == (Kind.TITLE, None)
    # a post's signature with a date stays debris
    line = "— Edward Snowden (@Snowden) March 13, 2018"
    assert kinds("Council Passes Budget\n\n" + BODY + line + "\n\n" + BODY)[line][0] \
        is Kind.DEBRIS

"""HTML through trafilatura: metadata, body, no comments; pages without an article refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimscope.errors import InputError
from claimscope.ingest import read, read_text
from claimscope.model import check_span


def test_example_page(examples_dir: Path) -> None:
    article = read(examples_dir / "climate_summit.html")
    assert article.input_format == "html"
    assert article.title
    assert article.published is not None
    assert len(article.paragraphs) >= 3
    for span in (*article.paragraphs, *article.headings):
        check_span(article.text, span)
    raw_at = article.to_raw(article.paragraphs[0].start)
    assert 0 <= raw_at < len(article.raw)


PAGE = """<!doctype html><html><head><title>Dam Opens | River News</title>
<meta name="author" content="Ana Costa"><meta property="article:published_time"
content="2024-02-01T08:00:00Z"></head><body><nav>Home | World | Sport</nav>
<article><h1>Dam Opens After Decade of Delays</h1>
<p>The long-awaited river dam opened on Thursday, ten years after construction began and
three times over its original budget, officials said at a ceremony.</p>
<p>Engineers said the reservoir would take two years to fill and would supply water to
about 400,000 homes in the region once it is complete.</p>
<p>Critics said the project had displaced thousands of families who were never properly
compensated for the loss of their land and homes.</p></article>
<div class="comments"><p>Comment by troll123: this is all fake news!!!</p></div>
</body></html>"""


def test_html_metadata_and_body_without_comments() -> None:
    article = read_text(PAGE, source_id="dam.html")
    assert article.author == "Ana Costa"
    assert article.published == "2024-02-01"
    assert "400,000 homes" in article.text
    assert "troll123" not in article.text
    assert "Home | World" not in article.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><nav>Home</nav></body></html>",
        "<html><head><title>x</title></head><body></body></html>",
    ],
)
def test_html_without_article_is_refused(page: str) -> None:
    with pytest.raises(InputError) as err:
        read_text(page, source_id="empty.html")
    assert err.value.source_id == "empty.html"
    assert "no article" in err.value.reason


def test_headline_repeating_the_title_is_kept_once(examples_dir: Path) -> None:
    article = read(examples_dir / "climate_summit.html")
    assert article.title is not None
    assert article.text.count(article.title) == 1


@pytest.mark.parametrize(("head", "section"), [
    ('<meta property="article:section" content="Business">', "Business"),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "articleSection": '
     '["Business", "Ports"]}</script>', "Business"),
    ('<script type="application/ld+json">{not json</script>', None),
])
def test_section_from_the_pages_metadata(head: str, section: str | None) -> None:
    """The page's own section where trafilatura finds no category (a port strike page,
    2026-11-29: its JSON-LD said "Business", the section was empty)."""
    page = PAGE.replace("<nav>", head + "<nav>", 1)
    assert read_text(page, source_id="dam.html").section == section

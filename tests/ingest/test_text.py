"""Scraped text to an Article: raw kept, debris listed, offsets mapped back."""

from __future__ import annotations

from claimscope.ingest import ReadOptions, read, read_text
from claimscope.model import check_span

SEED_TITLE = (
    "Putin: US Uses Cluster Munitions Through ‘Ukrainian Proxy’ Despite Calling Their Use "
    "a Crime"
)


def test_seed_article(seed_path) -> None:  # type: ignore[no-untyped-def]
    article = read(seed_path)
    assert article.title == SEED_TITLE
    assert article.outlet == "Sputnik"
    assert article.section == "World"
    assert [h.text for h in article.headings] == [
        "On Special Military Op",
        "On Relations With North Korea",
    ]
    removed = [r.text for r in article.removed]
    assert "Discuss" in removed
    assert "Russia's Special Operation in Ukraine" in removed
    for line in removed:
        assert line not in article.text.split("\n")
    assert article.raw == seed_path.read_text(encoding="utf-8")


def test_offsets_map_back_to_raw(seed_path) -> None:  # type: ignore[no-untyped-def]
    article = read(seed_path)
    for span in (*article.paragraphs, *article.headings):
        check_span(article.text, span)
        raw_at = article.to_raw(span.start)
        assert article.raw[raw_at : raw_at + len(span.text)] == span.text
    for r in article.removed:
        assert article.raw[r.raw_start : r.raw_end] == r.text


def test_no_clean_keeps_text_verbatim() -> None:
    raw = "Share\n\nA short body sentence that says something about the world today.\n"
    article = read_text(raw, ReadOptions(clean=False))
    assert article.text == raw
    assert article.removed == ()


def test_text_without_prose_is_kept_whole() -> None:
    article = read_text("Breaking News Headline\nAnother Line Of Words\n")
    assert "Another Line Of Words" in article.text


def test_outlet_from_a_wire_dateline() -> None:
    raw = ("Man charged after woman killed in Ohio hit-and-run\n\n"
           "COLUMBUS, Ohio (AP) — A 34-year-old man has been charged with vehicular homicide "
           "after a woman was struck and killed, police said Tuesday.\n")
    assert read_text(raw).outlet == "AP"
    # an agency the lexicon does not know is no outlet
    assert read_text(raw.replace("(AP)", "(XYZ Wire)")).outlet is None

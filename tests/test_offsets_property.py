"""The offset property: text[start:end] == span.text for every span ever emitted.

Checked over generated pages (debris, headings, quotes, odd whitespace and scripts) and
over the real examples, through every input path.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimscope
from claimscope.errors import InputError
from claimscope.ingest import Failure, ReadOptions, iter_articles
from claimscope.model import Analysis, check_span

WORDS = ["Putin", "said", "the", "US", "“uses”", "cluster", "munitions", "—", "he", "added",
         "Moscow", "300,000", "contracts", "‘proxy’", "Kyiv", "É", "naïve", "🙂", "\u00a0", "a"]
LINES = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join),
    st.sampled_from(["Share", "World", "Sputnik", "Discuss", "Read more", "By Jane Doe",
                     "12 March 2024", "Tags: War, Peace", "On Special Military Op", ""]),
    st.text(min_size=0, max_size=60),
)
PAGES = st.lists(LINES, min_size=1, max_size=25).flatmap(
    lambda lines: st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]).map(lambda sep: sep.join(lines))
)


def check_all(analysis: Analysis) -> None:
    text = analysis.article.text
    for span in analysis.spans():
        check_span(text, span)
    data = analysis.to_json(include_tokens=True)
    for ent in data["entities"]:
        for m in ent["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    for r in analysis.article.removed:
        assert analysis.article.raw[r.raw_start : r.raw_end] == r.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGES, st.booleans())
def test_generated_pages(page: str, as_record: bool) -> None:
    try:
        if as_record:
            article = claimscope.read({"text": page, "id": "x"}, ReadOptions(clean=True))
        else:
            article = claimscope.read_text(page)
    except InputError:
        return  # empty pages are refused, which is right
    analysis = claimscope.analyze(article, claimscope.AnalyzeOptions(tokens=True))
    check_all(analysis)
    for span in article.paragraphs:
        raw_at = article.to_raw(span.start)
        assert article.raw[raw_at : raw_at + len(span.text)] == span.text


def test_real_inputs(examples_dir: Path) -> None:
    articles = [a for a in iter_articles([examples_dir]) if not isinstance(a, Failure)]
    options = claimscope.AnalyzeOptions(tokens=True)
    for analysis in claimscope.analyze_many(articles, options):
        check_all(analysis)
        json.dumps(analysis.to_json())

"""The article model: checked spans, offset maps, identity, plain data."""

from __future__ import annotations

import pickle

import pytest

from claimscope.model import OffsetMap, Segment, Span, SpanError, check_span, make_span


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [("Putin said", 0, 5, "Putin"), ("“Quote”", 1, 6, "Quote"), ("abc", 3, 3, "")],
)
def test_make_span(text: str, start: int, end: int, expected: str) -> None:
    span = make_span(text, start, end)
    assert span.text == expected
    check_span(text, span)


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (2, 1), (0, 99)])
def test_make_span_refuses_bad_bounds(start: int, end: int) -> None:
    with pytest.raises(SpanError):
        make_span("short", start, end)


def test_check_span_catches_a_lie() -> None:
    with pytest.raises(SpanError):
        check_span("Putin said", Span(0, 5, "Biden"))


def test_offset_map_segments() -> None:
    # text "AB\n\nCD" from raw "xxAByyyCD": AB at raw 2, CD at raw 7.
    m = OffsetMap((Segment(0, 2, 2), Segment(4, 6, 7)))
    assert [m.to_raw(i) for i in (0, 1, 2, 4, 5, 6)] == [2, 3, 7, 7, 8, 9]


def test_identity_map() -> None:
    m = OffsetMap.identity(10)
    assert all(m.to_raw(i) == i for i in range(11))


def test_article_id_and_pickle(seed_path) -> None:  # type: ignore[no-untyped-def]
    import claimscope

    article = claimscope.read(seed_path)
    assert len(article.id) == 16
    assert pickle.loads(pickle.dumps(article)) == article

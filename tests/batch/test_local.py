"""Batches: one result per input, in order, failures in line, workers or not."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

import claimscope
from claimscope.batch.local import BatchOptions, analyze_stream, per_process
from claimscope.ingest import Failure
from claimscope.model import Analysis
from claimscope.pipeline import AnalyzeOptions


def _items() -> list[claimscope.Article | Failure]:
    items: list[claimscope.Article | Failure] = []
    for i in range(7):
        items.append(claimscope.read_text(f"Story {i}: the mayor of Springfield spoke.\n",
                                          source_id=f"s{i}"))
        if i == 3:
            items.append(Failure("bad", "empty input"))
    return items


@pytest.mark.parametrize("jobs", [1, 2])
def test_order_and_failures_kept(jobs: int) -> None:
    got = list(analyze_stream(_items(), batch=BatchOptions(jobs=jobs, chunk_size=2)))
    ids = [g.source_id if isinstance(g, Failure) else g.article.source_id for g in got]
    assert ids == ["s0", "s1", "s2", "s3", "bad", "s4", "s5", "s6"]
    assert all(isinstance(g, Analysis) for g in got if not isinstance(g, Failure))


def test_a_component_error_fails_one_article_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimscope.components import entities

    real = entities.group_entities

    def fragile(text: str, ents: list[tuple[int, int, str]],
                headings: Sequence[claimscope.Span] = ()) -> list[claimscope.Entity]:
        if "Story 2" in text:
            raise RuntimeError("boom")
        return real(text, ents, headings)

    monkeypatch.setattr(entities, "group_entities", fragile)
    got = list(analyze_stream(_items()))
    failed = [g for g in got if isinstance(g, Failure)]
    assert [f.source_id for f in failed] == ["s2", "bad"]
    assert "boom" in failed[0].reason


@pytest.mark.parametrize(("cores", "jobs", "threads"), [(2, 2, 1), (8, 2, 4), (4, 8, 1), (6, 1, 6)])
def test_each_process_gets_its_share_of_the_cores(
    monkeypatch: pytest.MonkeyPatch, cores: int, jobs: int, threads: int
) -> None:
    monkeypatch.setattr("claimscope.batch.local.os.cpu_count", lambda: cores)
    assert per_process(AnalyzeOptions(), jobs).threads == threads

"""Components in a declared order, an explicit registry, versions in every result."""

from __future__ import annotations

import pickle

import pytest

import claimscope
from claimscope.errors import PipelineError
from claimscope.pipeline import AnalyzeOptions, Context, Pipeline, Registry, default_registry


class _Marker:
    name = "marker"
    version = "0.1"
    requires: tuple[str, ...] = ("sentences",)

    def __init__(self, options: AnalyzeOptions) -> None:
        pass

    def __call__(self, ctx: Context) -> None:
        ctx.analysis.extra["marker"] = len(ctx.analysis.sentences)


def test_components_are_recorded_with_versions(seed_path) -> None:  # type: ignore[no-untyped-def]
    analysis = claimscope.analyze(claimscope.read(seed_path))
    names = [c.name for c in analysis.components]
    assert names == ["spacy", "sentences", "entities", "quotes", "numbers", "claims", "framing"]
    assert all(c.version for c in analysis.components)


def test_a_new_component_is_added_beside_the_others() -> None:
    registry = default_registry()
    registry.register("marker", _Marker)
    options = AnalyzeOptions(components=("sentences", "entities", "marker"))  # no quotes
    pipeline = Pipeline(options, registry)
    analysis = pipeline.run(claimscope.read_text("One sentence here. And another one there.\n"))
    assert analysis.extra["marker"] == 2
    assert analysis.to_json()["marker"] == 2


def test_order_is_checked() -> None:
    registry = default_registry()
    registry.register("marker", _Marker)
    with pytest.raises(PipelineError, match="needs"):
        registry.build(("marker", "sentences"), AnalyzeOptions())


def test_unknown_and_duplicate_components() -> None:
    registry = Registry()
    with pytest.raises(PipelineError, match="unknown component"):
        registry.build(("nope",), AnalyzeOptions())
    registry.register("marker", _Marker)
    with pytest.raises(PipelineError, match="twice"):
        registry.register("marker", _Marker)


def test_analysis_is_plain_data_and_deterministic(seed_path) -> None:  # type: ignore[no-untyped-def]
    article = claimscope.read(seed_path)
    a = claimscope.analyze(article)
    b = claimscope.analyze(article)
    assert a.to_json() == b.to_json()
    assert pickle.loads(pickle.dumps(a)).to_json() == a.to_json()


def test_analyze_many_keeps_order() -> None:
    texts = [f"Article number {i} says the council met on Monday.\n" for i in range(5)]
    got = [a.article.text for a in claimscope.analyze_many(texts)]
    assert got == [claimscope.read_text(t).text for t in texts]


def test_quote_version_names_its_model() -> None:
    """A retrained quote tagger must change the recorded version (issue 3)."""
    analysis = claimscope.analyze("Putin said the talks had failed.\n")
    version = next(c.version for c in analysis.components if c.name == "quotes")
    base, digest = version.split("+")
    from claimscope.quotes.component import QuoteComponent

    assert base == QuoteComponent.version and len(digest) == 8

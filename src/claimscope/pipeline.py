"""Components, the explicit registry, and running them in a declared order.

A component is a small object with a ``name``, a ``version``, the names it ``requires``
earlier in the order, and ``__call__(ctx)`` that reads the context (the article, the spaCy
Doc, earlier annotations) and adds its own annotations to ``ctx.analysis``. The registry is
filled by :func:`default_registry`, never by import side effects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from claimscope import nlp
from claimscope.ahead import ahead, blas_limit
from claimscope.errors import PipelineError
from claimscope.model import Analysis, Article, ComponentInfo

T = TypeVar("T")


@dataclass(slots=True)
class Context:
    """What a component sees: the article, its parse, and the analysis so far."""

    article: Article
    doc: Any
    analysis: Analysis
    options: AnalyzeOptions


class Component(Protocol):
    name: str
    version: str
    requires: tuple[str, ...]

    def __call__(self, ctx: Context) -> None: ...


ComponentFactory = Callable[["AnalyzeOptions"], Component]


@dataclass
class Registry:
    """Component factories by name; filled explicitly."""

    factories: dict[str, ComponentFactory] = field(default_factory=dict)

    def register(self, name: str, factory: ComponentFactory) -> None:
        if name in self.factories:
            raise PipelineError(f"component {name!r} registered twice")
        self.factories[name] = factory

    def build(self, names: Iterable[str], options: AnalyzeOptions) -> list[Component]:
        built: list[Component] = []
        seen: set[str] = set()
        for name in names:
            if name not in self.factories:
                known = ", ".join(sorted(self.factories))
                raise PipelineError(f"unknown component {name!r} (known: {known})")
            component = self.factories[name](options)
            missing = [r for r in component.requires if r not in seen]
            if missing:
                raise PipelineError(f"component {name!r} needs {missing} to run before it")
            built.append(component)
            seen.add(name)
        return built


def default_registry() -> Registry:
    from claimscope.claims.component import ClaimComponent, NumbersComponent
    from claimscope.components.entities import EntityComponent
    from claimscope.components.sentences import SentenceComponent
    from claimscope.framing.component import FramingComponent
    from claimscope.framing.custom import TaxonomyComponent
    from claimscope.quotes.component import QuoteComponent

    registry = Registry()
    registry.register(SentenceComponent.name, SentenceComponent)
    registry.register(EntityComponent.name, EntityComponent)
    registry.register(QuoteComponent.name, QuoteComponent)
    registry.register(NumbersComponent.name, NumbersComponent)
    registry.register(ClaimComponent.name, ClaimComponent)
    registry.register(FramingComponent.name, FramingComponent)
    registry.register(TaxonomyComponent.name, TaxonomyComponent)
    return registry


DEFAULT_COMPONENTS = ("sentences", "entities", "quotes", "numbers", "claims", "framing")


@dataclass(frozen=True, slots=True)
class AnalyzeOptions:
    """What to run: the component order, the spaCy model, and output choices."""

    components: tuple[str, ...] = DEFAULT_COMPONENTS
    model: str | None = None
    tokens: bool = False
    batch_size: int = 16
    quote_model: str | None = None  # path of a quote tagger; None: the shipped one
    # Tagging passes of the quote tagger: 2 (the default) adds the stacked second pass, more
    # accurate (PolNeAR dev speech overlap F1 0.813 vs 0.807; by-publisher held-out 0.803 vs
    # 0.793) at about 10-14% of the base pipeline's time for the quote component, against
    # 10-12% with one pass.
    quote_passes: int = 2
    # Quotes whose confidence (the tagger's edge marginals times the speaker's resolution)
    # is under this are left out, not guessed at: on the by-publisher held-out PolNeAR
    # training articles the 59 under 0.2 were 3 exact and 6 overlapping attributions among
    # 50 wrong ones, and leaving them out raised speech exact F1 0.7016 -> 0.7049 (overlap
    # unchanged, 0.8065 -> 0.8064); 0.15 gave 0.7031, 0.25 gave 0.7030. 0 keeps every quote.
    quote_min_confidence: float = 0.2
    # Let the fine-tuned encoder beside the quote model (quotes/encoder.py) add its label
    # probabilities to the tagger's scores: by-publisher held-out speech exact / overlap F1
    # 0.714 / 0.814 -> 0.721 / 0.837, all attributions overlap 0.711 -> 0.743 (dev speech
    # exact 0.695 -> 0.717), but quotes then add +50% of the base pipeline's wall time
    # (+121% of its processor time) where their budget is 15%: off by default.
    quote_encoder: bool = False
    # Path of a check-worthiness model (.safetensors or .npz); None: the shipped one.
    checkworthy_model: str | None = None
    # Let the screen beside the model decide the statements it is sure of without the
    # encoder (claims/screen.py): on the throughput benchmark numbers + claims add +27% of
    # the base pipeline's wall time with it against +48% without (2026-11-29, the screen
    # refitted to miss fewer labels on unseen debates; +11-15% against +33-36% with the
    # first screen); see the model card for what it does to F1.
    checkworthy_screen: bool = True
    taxonomy: str | None = None  # a user's label set (YAML) for the taxonomy component
    # Threads a model may use inside one analysis (the ONNX encoder); 0: every core but the
    # one the parser uses while it reads ahead (Pipeline.parsed). Engines that run several
    # analyses at once lower it (see batch/).
    threads: int = 0


class Pipeline:
    """A spaCy model plus components built once and applied to many articles."""

    def __init__(self, options: AnalyzeOptions | None = None, registry: Registry | None = None):
        self.options = options or AnalyzeOptions()
        self.nlp = nlp.load(self.options.model)
        self.components = (registry or default_registry()).build(
            self.options.components, self.options
        )
        self.infos = [ComponentInfo("spacy", nlp.model_version(self.options.model))] + [
            ComponentInfo(c.name, c.version) for c in self.components
        ]
        # After the models loaded their libraries: the BLAS threads the components may use.
        self._blas = blas_limit(self.options.threads)

    def finish(self, article: Article, doc: Any) -> Analysis:
        analysis = Analysis(article=article, components=list(self.infos))
        ctx = Context(article, doc, analysis, self.options)
        for component in self.components:
            component(ctx)
        return analysis

    def finish_parsed(self, article: Article, doc: Any) -> Analysis:
        """:meth:`finish` for a parse from :meth:`parsed`: NumPy's BLAS held to the cores the
        parser, reading ahead, leaves (single analyses, as the web app's, keep them all)."""
        with self._blas:
            return self.finish(article, doc)

    def run(self, article: Article) -> Analysis:
        return self.finish(article, self.nlp(article.text))

    def parsed(self, items: Iterable[T], text: Callable[[T], str]) -> Iterator[tuple[Any, T]]:
        """``(doc, item)`` for each item in order, parsed in batches with ``nlp.pipe`` by a
        thread that reads ahead of the caller (:mod:`claimscope.ahead`): the next batch is
        parsed while the components run on this one."""
        size = self.options.batch_size
        pairs = self.nlp.pipe(((text(i), i) for i in items), as_tuples=True, batch_size=size)
        return ahead(pairs, size=2 * size)

    def run_many(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        """Analyse in order (see :meth:`parsed`)."""
        for doc, article in self.parsed(articles, _text):
            yield self.finish_parsed(article, doc)


def _text(article: Article) -> str:
    return article.text


_PIPELINES: dict[AnalyzeOptions, Pipeline] = {}


def pipeline_for(options: AnalyzeOptions | None = None) -> Pipeline:
    """The per-process pipeline for ``options`` (models load once per process)."""
    opts = options or AnalyzeOptions()
    if opts not in _PIPELINES:
        _PIPELINES[opts] = Pipeline(opts)
    return _PIPELINES[opts]

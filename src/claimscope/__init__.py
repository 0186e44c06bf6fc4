"""claimscope: news articles in, structured evidence-linked analysis out.

>>> import claimscope
>>> article = claimscope.read("examples/sputnik_putin_cluster_munitions.txt")
>>> analysis = claimscope.analyze(article)
>>> analysis.to_json()["outlet"]
'Sputnik'
"""

from __future__ import annotations

from claimscope.api import analyze, analyze_many
from claimscope.errors import ClaimscopeError, InputError, ModelLoadError, PipelineError
from claimscope.ingest import Failure, ReadOptions, iter_articles, read, read_text
from claimscope.model import Analysis, Article, Entity, Span
from claimscope.pipeline import AnalyzeOptions

__all__ = [
    "Analysis",
    "AnalyzeOptions",
    "Article",
    "ClaimscopeError",
    "Entity",
    "Failure",
    "InputError",
    "ModelLoadError",
    "PipelineError",
    "ReadOptions",
    "Span",
    "analyze",
    "analyze_many",
    "iter_articles",
    "read",
    "read_text",
]
__version__ = "0.1.0"

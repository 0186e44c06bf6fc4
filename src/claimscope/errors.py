"""Named exceptions. Library code raises these; the CLI turns them into one-line messages."""

from __future__ import annotations


class ClaimscopeError(Exception):
    """Base class for every error claimscope raises on purpose."""


class InputError(ClaimscopeError):
    """An input that cannot be read as an article; names the source and the reason."""

    def __init__(self, source_id: str, reason: str) -> None:
        super().__init__(f"{source_id}: {reason}")
        self.source_id = source_id
        self.reason = reason


class PipelineError(ClaimscopeError):
    """A pipeline that is misconfigured (unknown component, bad order)."""


class ModelLoadError(ClaimscopeError):
    """A language model that is not installed or cannot be loaded."""

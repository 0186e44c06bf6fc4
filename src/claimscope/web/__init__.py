"""The web app over a stored corpus (FastAPI + Jinja2, htmx vendored under static/)."""

from __future__ import annotations

from claimscope.web.app import WebOptions, create_app

__all__ = ["WebOptions", "create_app"]

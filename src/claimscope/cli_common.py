"""What the command modules share: progress lines on standard error, score tables."""

from __future__ import annotations

from typing import Any

import click


def say(message: str) -> None:
    """A progress line on standard error."""
    click.echo(message, err=True)


def print_scores(title: str, summary: dict[str, Any]) -> None:
    """One block of an evaluation report: a title, then aligned name/value lines."""
    click.echo(title)
    for key, value in summary.items():
        shown = f"{value:.3f}" if isinstance(value, float) else value
        click.echo(f"  {key:<24} {shown}")

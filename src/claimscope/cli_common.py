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
        if isinstance(value, float):
            shown = f"{value:.3f}"
        elif isinstance(value, list) and value and all(isinstance(v, float) for v in value):
            shown = "[" + ", ".join(f"{v:.3f}" for v in value) + "]"  # an interval
        else:
            shown = value
        click.echo(f"  {key:<24} {shown}")

"""Output formats: one module per format, each with ``render(report, *, color, show_supports) -> str``."""

from __future__ import annotations

from typing import Callable

from ..report import Report


def get_formatter(name: str) -> Callable[..., str]:
    from . import json, text

    formats = {"text": text.render, "json": json.render}
    if name not in formats:
        raise ValueError(f"unknown format '{name}' (choose from {', '.join(formats)})")
    return formats[name]


FORMATS = ("text", "json")
__all__ = ["FORMATS", "Report", "get_formatter"]

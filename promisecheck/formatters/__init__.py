"""Output formats: one module per format, each with
``render(report, *, color=False, show_supports=False, root=".", summary=True) -> str``.

``root`` is the directory paths are made relative to where a format needs repository paths (SARIF,
GitHub annotations); ``summary`` turns the closing sentence of ``text`` off (``--quiet``).
"""

from __future__ import annotations

import os
from typing import Callable

from ..report import Report

FORMATS = ("text", "json", "sarif", "github", "junit", "line")


def get_formatter(name: str) -> Callable[..., str]:
    from . import github, json, junit, line, sarif, text

    formats = {"text": text.render, "json": json.render, "sarif": sarif.render, "github": github.render,
               "junit": junit.render, "line": line.render}
    if name not in formats:
        raise ValueError(f"unknown format '{name}' (choose from {', '.join(formats)})")
    return formats[name]


def repository_path(path: str, root: str) -> str | None:
    """``path`` relative to ``root`` with ``/`` separators, or ``None`` when it lies outside."""
    if path.startswith("<"):  # <stdin>, <text>: not a file
        return path
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    return None if relative == ".." or relative.startswith(".." + os.sep) else relative.replace(os.sep, "/")


__all__ = ["FORMATS", "Report", "get_formatter", "repository_path"]

"""Checks: each module flags one kind of broken promise under a stable code.

A check receives one sentence and the judge's verdicts on the promises related to it, and returns
violations. Checks never print, read files or load models. ``docs/checks.md`` is generated from the
docstrings here (``python scripts/gen_check_docs.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..book import Promise
from ..nlp.judge import Thresholds


@dataclass(frozen=True)
class Judgement:
    """The judge's verdict on one (promise, sentence) pair."""

    promise: Promise
    similarity: float
    contradicts: float
    supports: float
    neither: float


@dataclass(frozen=True)
class Violation:
    promise: Promise
    score: float
    message: str


@dataclass(frozen=True)
class Check:
    code: str
    name: str
    run: Callable[[str, list[Judgement], Thresholds], list[Violation]]
    doc: str


def registry() -> dict[str, Check]:
    """All checks by code."""
    from . import contradicts

    return {c.code: c for c in (contradicts.CHECK,)}

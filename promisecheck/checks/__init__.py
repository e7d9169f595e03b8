"""Checks: each module flags one kind of broken promise under a stable code.

A check receives one sentence (its text and language), the judge's verdicts on the promises retrieved
as related to it (possibly none), and a context (the book, the calibrated thresholds), and returns
violations. Checks never print, read files or load models. ``docs/checks.md`` is generated from the
docstrings here (``python scripts/gen_check_docs.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..book import Promise, PromiseBook
from ..nlp.judge import Thresholds
from ..segment import Sentence


@dataclass(frozen=True)
class Judgement:
    """The judge's verdict on one (promise, sentence) pair."""

    promise: Promise
    similarity: float
    contradicts: float
    supports: float
    neither: float


@dataclass(frozen=True)
class Context:
    """What every check may consult besides the sentence."""

    book: PromiseBook
    thresholds: Thresholds


@dataclass(frozen=True)
class Violation:
    """A broken promise. ``evidence``: what conflicts, e.g. ``{"found": "14 days", "promised": "60 days"}``."""

    promise: Promise
    score: float
    message: str
    evidence: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Check:
    code: str
    name: str
    run: Callable[[Sentence, list[Judgement], Context], list[Violation]]
    doc: str


def registry() -> dict[str, Check]:
    """All checks by code."""
    from . import contradicts

    return {c.code: c for c in (contradicts.CHECK,)}

"""Checks: each module flags one kind of broken promise under a stable code.

A check receives one sentence (its text and language), the judge's verdicts on the promises retrieved
as related to it (possibly none), and a context (the book, the calibrated thresholds), and returns
violations. Checks never print, read files or load models. ``docs/checks/`` is generated from the
docstrings here (``python scripts/gen_check_docs.py``).

PC1xx checks read the judge's probabilities; PC2xx checks (cues) compare the facts a sentence states —
numbers, hours, fees, pressure, claims — with what a related promise commits to (``promisecheck.cues``),
and use only the promises' relatedness (the retrieved ones, and below the retrieval threshold those that
commit to what the sentence restricts: ``Context.similarities``), whatever the judge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, TypeVar

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
    """What every check may consult besides the sentence.

    ``similarities``: the sentence's relatedness (retrieval cosine) to each promise of the book, in the
    book's order, retrieved or not (empty when the caller did not compute it): the cue checks may look
    below the retrieval threshold for a promise that commits to exactly what a sentence restricts
    (``_cue_support.CUE_SIMILARITY_FLOOR``).

    ``before``: the sentences before it in its paragraph, after the heading over that paragraph
    (``segment.preceding``), for what a sentence is part of ("We're hiring! Chefs in Lyon and Lille.").

    ``pressure``: the learnt pressure reader's probability that the sentence pushes (``nlp.pressure``;
    0.0 when the caller did not compute it), for PC204 at or above ``thresholds.pressure``.
    """

    book: PromiseBook
    thresholds: Thresholds
    similarities: tuple[float, ...] = ()
    before: tuple[Sentence, ...] = ()
    pressure: float = 0.0

    def similarity(self, promise: Promise) -> float | None:
        """The sentence's relatedness to ``promise``, or ``None`` when unknown."""
        if len(self.similarities) != len(self.book.promises):
            return None
        return next((s for p, s in zip(self.book.promises, self.similarities) if p is promise), None)


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
    from . import contradicts, fees, numeric, overclaim, pressure, privacy, scope

    return {c.code: c for c in (contradicts.CHECK, numeric.CHECK, scope.CHECK, fees.CHECK, pressure.CHECK,
                                overclaim.CHECK, privacy.CHECK)}


#: Checks whose finding says less than a cue check's on the same sentence and promise.
SUPERSEDED = frozenset({"PC101"})
_Finding = TypeVar("_Finding")


def dedupe(findings: Iterable[_Finding]) -> list[_Finding]:
    """Report one finding where a cue check and PC101 flag the same sentence for the same promise: the
    cue finding, which says exactly what conflicts. Works on anything with ``code``, ``path``,
    ``start``, ``end`` and ``promise_id`` (``report.Finding``); keeps the order otherwise."""
    findings = list(findings)
    precise = {(f.path, f.start, f.end, f.promise_id) for f in findings if f.code not in SUPERSEDED}
    return [f for f in findings if f.code not in SUPERSEDED or (f.path, f.start, f.end, f.promise_id) not in precise]

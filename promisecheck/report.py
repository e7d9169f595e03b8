"""Results: findings (sentences that break a promise), supports (sentences that keep one), reports.

Positions are character offsets into the decoded file (BOM dropped); ``LineIndex`` is the one place
they become 1-based line and column. A column counts Unicode code points, so a tab, an Arabic letter and
an emoji are each one column, and ``\\r\\n`` ends a line like ``\\n``.
"""

from __future__ import annotations

import bisect
import hashlib
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Iterable

from .errors import PromisecheckError

#: Version of the JSON document ``Report.to_dict()`` produces (see docs/json-schema.md).
SCHEMA_VERSION = 1

SEVERITIES = ("suggestion", "warning", "error")


def severity_rank(severity: str) -> int:
    """Order severities: suggestion < warning < error."""
    return SEVERITIES.index(severity)


class LineIndex:
    """Turns offsets into 1-based (line, column) pairs for one text."""

    def __init__(self, text: str) -> None:
        self._starts = [0]
        self._starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def end_position(self, end: int) -> tuple[int, int]:
        """Position of an exclusive end offset: the column just after the last character."""
        return self.position(end)


def fingerprint(code: str, promise_id: str, sentence: str) -> str:
    """A finding's identity that survives moving lines: its code, its promise and its sentence, the
    sentence normalised (NFKC, case-folded, whitespace collapsed) so re-wrapping it changes nothing."""
    normalised = " ".join(unicodedata.normalize("NFKC", sentence).casefold().split())
    return hashlib.sha256(f"{code}\0{promise_id}\0{normalised}".encode()).hexdigest()[:20]


@dataclass(frozen=True)
class Span:
    """Where a sentence is: offsets into the file and the 1-based positions they map to."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def locate(cls, index: LineIndex, start: int, end: int) -> "Span":
        line, column = index.position(start)
        end_line, end_column = index.end_position(end)
        return cls(start, end, line, column, end_line, end_column)


@dataclass(frozen=True)
class _SentenceOnPromise:
    """Where a sentence is, what it says, and the promise it was judged against."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    sentence: str
    lang: str
    promise_id: str
    promise: str
    score: float
    similarity: float


@dataclass(frozen=True)
class Finding(_SentenceOnPromise):
    """A sentence that breaks a promise."""

    code: str
    check: str
    severity: str
    message: str
    scores: dict = field(default_factory=dict)
    evidence: dict = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.code, self.promise_id, self.sentence)

    def to_dict(self) -> dict:
        return {**asdict(self), "fingerprint": self.fingerprint}


@dataclass(frozen=True)
class Support(_SentenceOnPromise):
    """A sentence that keeps a promise."""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Report:
    """What one check run found. Findings are ordered by path, then position.

    ``suppressed``: findings silenced by comments in the copy; ``baselined``: findings hidden because
    the baseline lists them; ``fixed_baseline_entries``: baselined findings that no longer occur.
    """

    findings: tuple[Finding, ...] = ()
    supports: tuple[Support, ...] = ()
    errors: tuple[PromisecheckError, ...] = ()
    paths: tuple[str, ...] = ()
    sentences: int = 0
    suppressed: int = 0
    baselined: int = 0
    fixed_baseline_entries: int = 0

    def merge(self, other: "Report") -> "Report":
        return Report.combine((self, other))

    @classmethod
    def combine(cls, reports: Iterable["Report"]) -> "Report":
        """One report of many, in order (linear, unlike repeated ``merge``)."""
        findings, supports, errors, paths, counts = [], [], [], [], [0, 0, 0, 0]
        for r in reports:
            findings += r.findings
            supports += r.supports
            errors += r.errors
            paths += r.paths
            for i, n in enumerate((r.sentences, r.suppressed, r.baselined, r.fixed_baseline_entries)):
                counts[i] += n
        return cls(tuple(findings), tuple(supports), tuple(errors), tuple(paths), *counts)

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    def at_or_above(self, severity: str) -> tuple[Finding, ...]:
        rank = severity_rank(severity)
        return tuple(f for f in self.findings if severity_rank(f.severity) >= rank)

    def to_dict(self) -> dict:
        return {
            "schema_version": SCHEMA_VERSION,
            "summary": {
                "files": len(self.paths),
                "sentences": self.sentences,
                "findings": len(self.findings),
                "supports": len(self.supports),
                "errors": len(self.errors),
                **{s: self.count(s) for s in SEVERITIES},
                "suppressed": self.suppressed,
                "baselined": self.baselined,
                "fixed_baseline_entries": self.fixed_baseline_entries,
            },
            "findings": [f.to_dict() for f in self.findings],
            "supports": [s.to_dict() for s in self.supports],
            "errors": [e.to_dict() for e in self.errors],
        }

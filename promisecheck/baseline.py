"""Baselines: adopt promisecheck on old copy without a wall of findings.

``promisecheck baseline`` records today's findings; ``check`` then hides those and reports only new
ones. A finding is recorded by its path (relative to the baseline file) and its fingerprint (code +
promise + normalised sentence, see ``report.fingerprint``), never by line, so edits that move it keep
it matched; a count per fingerprint handles a sentence written twice. Baselined findings that no longer
occur are counted (``fixed_baseline_entries``); ``promisecheck baseline --prune`` drops them without
adding anything new, like Psalm's ``--update-baseline``. See docs/baseline.md.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from typing import Mapping

from ._io import read_text_file
from .errors import PromisecheckError
from .report import Report

VERSION = 1
_MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Entry:
    """Findings of one fingerprint in one file; ``count`` of them."""

    path: str
    fingerprint: str
    code: str
    promise_id: str
    sentence: str
    count: int

    def to_dict(self) -> dict:
        return {"path": self.path, "code": self.code, "promise_id": self.promise_id,
                "fingerprint": self.fingerprint, "count": self.count, "sentence": self.sentence}


@dataclass(frozen=True)
class Baseline:
    """The findings recorded in a baseline file (``path``), by (relative path, fingerprint)."""

    path: str
    entries: Mapping[tuple[str, str], Entry]

    @classmethod
    def from_report(cls, report: Report, path: str) -> "Baseline":
        entries: dict[tuple[str, str], Entry] = {}
        base = _base(path)
        for f in report.findings:
            k = (_relative(f.path, base), f.fingerprint)
            entries[k] = replace(entries[k], count=entries[k].count + 1) if k in entries else \
                Entry(k[0], k[1], f.code, f.promise_id, f.sentence, 1)
        return cls(path, entries)

    @classmethod
    def load(cls, path: str) -> "Baseline":
        """Read a baseline file; a malformed one raises ``PromisecheckError`` naming file:line:col."""
        text = read_text_file(path, _MAX_BYTES)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise PromisecheckError(f"invalid JSON: {exc.msg}", path, exc.lineno, exc.colno) from None
        if not isinstance(data, dict) or data.get("promisecheck_baseline") != VERSION:
            raise PromisecheckError(f"not a promisecheck baseline (expected \"promisecheck_baseline\": {VERSION})", path)
        entries = {}
        for i, item in enumerate(data.get("findings") or []):
            try:
                entry = Entry(str(item["path"]), str(item["fingerprint"]), str(item.get("code", "")),
                              str(item.get("promise_id", "")), str(item.get("sentence", "")), int(item.get("count", 1)))
            except (KeyError, TypeError, ValueError):
                raise PromisecheckError(f"baseline entry {i + 1} needs 'path', 'fingerprint' and a whole-number "
                                        "'count'", path) from None
            entries[(entry.path, entry.fingerprint)] = entry
        return cls(path, entries)

    def __len__(self) -> int:
        return sum(e.count for e in self.entries.values())

    def apply(self, report: Report) -> Report:
        """``report`` without the findings this baseline records; counts what it hid and which
        recorded findings of the files checked no longer occur."""
        base = _base(self.path)
        remaining = Counter({k: e.count for k, e in self.entries.items()})
        kept = []
        for f in report.findings:
            k = (_relative(f.path, base), f.fingerprint)
            if remaining[k] > 0:
                remaining[k] -= 1
            else:
                kept.append(f)
        checked = {_relative(p, base) for p in report.paths}
        fixed = sum(n for (path, _), n in remaining.items() if path in checked and n > 0)
        return replace(report, findings=tuple(kept), baselined=report.baselined + len(report.findings) - len(kept),
                       fixed_baseline_entries=report.fixed_baseline_entries + fixed)

    def pruned(self, report: Report) -> "Baseline":
        """This baseline without the findings that no longer occur in the files ``report`` checked;
        nothing new is added."""
        base = _base(self.path)
        now = Counter((_relative(f.path, base), f.fingerprint) for f in report.findings)
        checked = {_relative(p, base) for p in report.paths}
        entries = {}
        for k, entry in self.entries.items():
            count = min(entry.count, now[k]) if k[0] in checked else entry.count
            if count:
                entries[k] = replace(entry, count=count)
        return Baseline(self.path, entries)

    def write(self) -> None:
        """Write the file atomically (a temporary file, then ``os.replace``), sorted for stable diffs."""
        data = {"promisecheck_baseline": VERSION,
                "findings": [e.to_dict() for e in sorted(self.entries.values(), key=lambda e: (
                    e.path, e.code, e.promise_id, e.sentence, e.fingerprint))]}
        directory = os.path.dirname(os.path.abspath(self.path))
        os.makedirs(directory, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".promisecheck-baseline.", dir=directory)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, indent=2)
                out.write("\n")
            os.replace(temporary, self.path)
        except BaseException:
            os.unlink(temporary)
            raise


def _base(path: str) -> str:
    return os.path.dirname(os.path.abspath(path))


def _relative(path: str, base: str) -> str:
    """A finding's path as the baseline records it: relative to the baseline's directory, ``/``-separated."""
    if path.startswith("<"):  # <stdin>, <text>
        return path
    return os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")


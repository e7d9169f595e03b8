"""``--diff REV``: check only the sentences that touch lines changed since a git revision.

Changed lines come from ``git diff -U0 REV -- PATHS`` (working tree against ``REV``); untracked files
count as changed throughout. A pure deletion marks the lines on either side of it, since removing words
changes the sentence around them.
"""

from __future__ import annotations

import codecs
import os
import re
import subprocess
from dataclasses import replace
from typing import Mapping, Sequence

from .errors import PromisecheckError
from .report import Finding, Report

#: A file's changed lines (1-based), or ``None`` when every line counts as changed (untracked).
ChangedLines = Mapping[str, "frozenset[int] | None"]

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def _git(args: list[str], cwd: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True,
                              text=True, encoding="utf-8", errors="surrogateescape")
    except FileNotFoundError:
        raise PromisecheckError("git is not installed (--diff needs it)") from None


def changed_lines(revision: str, paths: Sequence[str], cwd: str = ".") -> dict[str, frozenset[int] | None]:
    """Files under ``paths`` changed since ``revision`` (real absolute paths) → their changed lines."""
    top = _git(["rev-parse", "--show-toplevel"], cwd)
    if top.returncode != 0:
        raise PromisecheckError(f"--diff needs a git repository, and {os.path.abspath(cwd)} is not in one")
    root = top.stdout.strip()
    if revision.startswith("-") or _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
                                        cwd).returncode != 0:
        raise PromisecheckError(f"unknown git revision '{revision}'")
    pathspecs = ["--", *paths] if paths else []
    diff = _git(["diff", "-U0", "--no-color", "--no-ext-diff", "--no-renames", revision, *pathspecs], cwd)
    if diff.returncode != 0:
        raise PromisecheckError(f"git diff failed: {diff.stderr.strip().splitlines()[-1] if diff.stderr.strip() else diff.returncode}")
    changed: dict[str, set[int] | None] = {}
    current: set[int] | None = None
    for line in diff.stdout.splitlines():
        if line.startswith("+++ "):
            name = line[4:].removesuffix("\t")  # git ends the name with a tab when it holds a space
            if name == "/dev/null":
                current = None
                continue
            name = _unquote(name).removeprefix("b/")
            current = changed.setdefault(os.path.realpath(os.path.join(root, name)), set())
        elif line.startswith("@@") and current is not None:
            hunk = _HUNK.match(line)
            if not hunk:
                continue
            start, count = int(hunk.group(1)), int(hunk.group(2) or 1)
            current.update(range(start, start + count) if count else (max(1, start), start + 1))
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z", *pathspecs], cwd)
    for name in filter(None, untracked.stdout.split("\0")):
        changed[os.path.realpath(os.path.join(cwd, name))] = None
    return {path: None if lines is None else frozenset(lines) for path, lines in changed.items()}


def _unquote(name: str) -> str:
    """A path as git prints it: C-quoted when it holds quotes, backslashes or control characters."""
    if not (name.startswith('"') and name.endswith('"')):
        return name
    raw = name[1:-1].encode("utf-8", "surrogateescape")
    return codecs.escape_decode(raw)[0].decode("utf-8", "surrogateescape")


def touches(finding: Finding, lines: frozenset[int] | None) -> bool:
    return lines is None or any(n in lines for n in range(finding.line, finding.end_line + 1))


def restrict(report: Report, changed: ChangedLines) -> Report:
    """``report`` with only the findings and supports on changed lines."""
    def keep(item) -> bool:
        path = os.path.realpath(item.path)
        return path in changed and touches(item, changed[path])

    return replace(report, findings=tuple(f for f in report.findings if keep(f)),
                   supports=tuple(s for s in report.supports if keep(s)))

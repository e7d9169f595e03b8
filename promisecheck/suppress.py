"""Suppressions written in the copy itself: comments that silence findings, and the unused ones.

    <!-- promisecheck: disable=PC101,no-monthly-fees -->   …   <!-- promisecheck: enable -->
    <!-- promisecheck: disable-next-line=no-monthly-fees -->
    <!-- promisecheck: disable-file -->

Markdown and HTML use ``<!-- … -->``, MDX ``{/* … */}``, plain text a line ``# promisecheck: …`` or
``// promisecheck: …``. Targets are check codes or promise ids; none means everything. A reason may
follow `` -- ``. The readers drop comments, so directives are scanned from the original text here,
one small scanner per format; offsets become positions through ``report.LineIndex``. A directive
that suppresses nothing is reported as ``PC001 unused-suppression`` (see docs/suppressions.md).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Collection, Iterable

from .config import did_you_mean
from .errors import PromisecheckError
from .report import Finding, LineIndex, Span

UNUSED_CODE = "PC001"
UNUSED_NAME = "unused-suppression"
UNUSED_SUMMARY = "a suppression comment that suppresses nothing"
ACTIONS = ("disable", "enable", "disable-next-line", "disable-file")

_HTML_COMMENT = re.compile(r"<!--(?P<body>.*?)-->", re.S)
_JSX_COMMENT = re.compile(r"\{\s*/\*(?P<body>.*?)\*/\s*\}", re.S)
_LINE_COMMENT = re.compile(r"^[ \t]*(?:#|//)(?P<body>[ \t]*promisecheck:[^\r\n]*?)[ \t]*$", re.M)
_ACTION = re.compile(r"\s*([A-Za-z][A-Za-z-]*)")
_REASON = re.compile(r"(?:^|\s)--(?:\s|$)")  # "disable=PC101 -- legal wording, approved"
_BACKTICKS = re.compile(r"`+")
_MARKDOWN = (".md", ".markdown")
_PLAIN = (".txt", ".text")


@dataclass(frozen=True)
class Directive:
    """One ``promisecheck: ACTION[=TARGETS]`` comment: where it is, what it says."""

    action: str
    targets: tuple[str, ...]  # () = every code and promise
    start: int  # offsets of the whole comment in the original text
    end: int
    text: str


def _comments(text: str, ext: str) -> Iterable[re.Match]:
    if ext in _PLAIN:
        return _LINE_COMMENT.finditer(text)
    if ext == ".mdx":
        return (*_JSX_COMMENT.finditer(text), *_HTML_COMMENT.finditer(text))
    return _HTML_COMMENT.finditer(text)


def scan(text: str, ext: str, known_targets: Collection[str], path: str = "<text>",
         index: LineIndex | None = None) -> tuple[list[Directive], list[PromisecheckError]]:
    """The directives of ``text`` (a file of type ``ext``) in source order, and the malformed ones
    as errors naming their line and column. Comments inside Markdown code are examples, not directives."""
    if "promisecheck:" not in text:
        return [], []
    index = index or LineIndex(text)
    in_code = _code_checker(text, ext) if ext in (*_MARKDOWN, ".mdx") else None
    directives, errors = [], []
    for match in sorted(_comments(text, ext), key=lambda m: m.start()):
        body = match.group("body")
        if not body.lstrip().startswith("promisecheck:") or (in_code and in_code(match.start())):
            continue
        action, raw_targets = _parse(body)
        where = index.position(match.start())
        if action not in ACTIONS:
            errors.append(PromisecheckError(
                f"unknown suppression '{action or body.strip()}' (expected one of {', '.join(ACTIONS)})"
                f"{did_you_mean(action, ACTIONS)}", path, *where))
            continue
        targets, bad = _targets(raw_targets, known_targets)
        if bad:
            errors.append(PromisecheckError(
                f"unknown check code or promise id '{bad}' in suppression{did_you_mean(bad, known_targets)}",
                path, *where))
            continue
        directives.append(Directive(action, targets, match.start(), match.end(), " ".join(match.group().split())))
    return directives, errors


def _parse(body: str) -> tuple[str, str]:
    """``(action, raw targets)`` of a comment body ``promisecheck: ACTION[=TARGETS] [-- reason]``."""
    rest = _REASON.split(body.strip().removeprefix("promisecheck:"), maxsplit=1)[0]
    match = _ACTION.match(rest)
    if not match:
        return "", rest
    return match.group(1).lower(), rest[match.end():].strip().removeprefix("=")


def _targets(raw: str, known: Collection[str]) -> tuple[tuple[str, ...], str | None]:
    targets = []
    for part in re.split(r"[,\s]+", raw.strip()):
        if not part:
            continue
        name = part.upper() if part.upper() in known else part
        if name not in known:
            return (), part
        targets.append(name)
    return tuple(dict.fromkeys(targets)), None


def blank_directives(text: str, ext: str) -> str:
    """``text`` with plain-text directive lines turned into spaces (offsets unchanged), so the reader,
    which keeps every line of a ``.txt`` file, does not read a directive as prose."""
    if ext not in _PLAIN or "promisecheck:" not in text:
        return text
    return _LINE_COMMENT.sub(lambda m: " " * len(m.group()), text)


# --- Markdown code: directives written inside it are documentation -------------------------------


def _code_checker(text: str, ext: str):
    """A function telling whether an offset of ``text`` lies in a code block or a code span."""
    blocks = _code_block_lines(text, ext == ".mdx")
    starts = [0]
    starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")

    def in_code(offset: int) -> bool:
        line = bisect.bisect_right(starts, offset) - 1
        if any(first <= line < last for first, last in blocks):
            return True
        open_run = 0  # length of the backtick run that opened a code span on this line, 0 if none
        for run in _BACKTICKS.finditer(text, starts[line], offset):
            length = len(run.group())
            open_run = length if not open_run else (0 if length == open_run else open_run)
        return open_run > 0

    return in_code


@functools.cache
def _markdown_parser(mdx: bool):
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").use(front_matter_plugin)
    return md.disable("code") if mdx else md  # MDX has no indented code


def _code_block_lines(text: str, mdx: bool) -> list[tuple[int, int]]:
    """0-based ``[first, last)`` line ranges of fenced and indented code blocks."""
    return [tuple(t.map) for t in _markdown_parser(mdx).parse(text)
            if t.type in ("fence", "code_block", "front_matter") and t.map]


# --- applying directives to findings ----------------------------------------------------------


@dataclass
class _Rule:
    directive: Directive
    target: str | None  # None = everything
    first_line: int  # the lines it covers, 1-based, inclusive (file: 1..inf)
    last_line: float
    start: int  # for disable…enable regions: offsets it covers; else 0..inf
    end: float
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        if self.target is not None and self.target not in (finding.code, finding.promise_id):
            return False
        if self.directive.action == "disable":
            return self.start <= finding.start < self.end
        return finding.line <= self.last_line and finding.end_line >= self.first_line


def _rules(directives: list[Directive], index: LineIndex) -> list[_Rule]:
    rules: list[_Rule] = []
    open_regions: list[_Rule] = []
    inf = float("inf")
    for d in directives:
        targets: list[str | None] = list(d.targets) or [None]
        if d.action == "disable-file":
            rules += [_Rule(d, t, 1, inf, 0, inf) for t in targets]
        elif d.action == "disable-next-line":
            line = index.position(d.end)[0] + 1
            rules += [_Rule(d, t, line, line, 0, inf) for t in targets]
        elif d.action == "disable":
            regions = [_Rule(d, t, 1, inf, d.end, inf) for t in targets]
            rules += regions
            open_regions += regions
        else:  # enable: closes the open regions it names; a bare enable closes all of them
            for rule in open_regions:
                if rule.end == inf and (not d.targets or rule.target in d.targets):
                    rule.end = d.start
            open_regions = [r for r in open_regions if r.end == inf]
    return rules


@dataclass(frozen=True)
class Outcome:
    """What the directives of one file did: the findings kept, how many were silenced, and a
    ``PC001`` finding for each directive (or target of one) that silenced nothing."""

    findings: tuple[Finding, ...]
    suppressed: int
    unused: tuple[Finding, ...]


def apply(findings: Iterable[Finding], directives: list[Directive], index: LineIndex, path: str,
          judged_codes: Collection[str]) -> Outcome:
    """Silence the findings the directives cover. A target naming a check that did not run
    (``judged_codes`` lacks it) cannot be judged unused and is not reported."""
    rules = _rules(directives, index)
    kept, suppressed = [], 0
    for finding in findings:
        covering = [r for r in rules if r.covers(finding)]
        for rule in covering:
            rule.used = True
        if covering:
            suppressed += 1
        else:
            kept.append(finding)
    unused = []
    for d in directives:
        idle = [r.target for r in rules if r.directive is d and not r.used
                and (r.target is None or not r.target.startswith("PC") or r.target in judged_codes)]
        if idle and d.action != "enable":
            unused.append(_unused_finding(d, idle, index, path))
    return Outcome(tuple(kept), suppressed, tuple(unused))


def _unused_finding(d: Directive, idle: list[str | None], index: LineIndex, path: str) -> Finding:
    span = Span.locate(index, d.start, d.end)
    what = "nothing to suppress" if idle == [None] else \
        "nothing to suppress for " + ", ".join(f"'{t}'" for t in idle)
    return Finding(code=UNUSED_CODE, check=UNUSED_NAME, severity="warning",
                   message=f"unused suppression '{d.action}': {what}", path=path, line=span.line,
                   column=span.column, end_line=span.end_line, end_column=span.end_column,
                   start=span.start, end=span.end, sentence=d.text, lang="", promise_id="", promise="",
                   score=0.0, similarity=0.0,
                   evidence={"directive": d.action, "targets": [t for t in idle if t is not None]})

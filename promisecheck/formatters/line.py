"""``--format line``: ``path:line:col: CODE [severity] message`` and nothing else, one finding a line,
never coloured: for editors' problem matchers, grep and awk."""

from __future__ import annotations

from ..report import Report


def render(report: Report, *, color: bool = False, show_supports: bool = False, root: str = ".",
           summary: bool = True) -> str:
    return "".join(
        f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {' '.join(f.message.split())}"
        + (f" (promise: {f.promise_id})" if f.promise_id else "") + "\n"
        for f in report.findings)

"""``--format text``: one line per finding in the style of ruff and Vale, the sentence beneath it.

    email.md:12:5: PC101 [error] contradicts promise 'no-monthly-fees': … (promise: no-monthly-fees)
      | A €3 maintenance fee applies below €500.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape

from ..report import SEVERITIES, Report

_STYLE = {"error": "bold red", "warning": "yellow", "suggestion": "cyan"}


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(report: Report, *, color: bool = False, show_supports: bool = False, root: str = ".",
           summary: bool = True) -> str:
    out = io.StringIO()
    console = Console(file=out, force_terminal=color, no_color=not color, highlight=False,
                      soft_wrap=True, width=10_000, color_system="standard" if color else None)
    for f in report.findings:
        promise = f" [dim](promise: {escape(f.promise_id)})[/]" if f.promise_id else ""
        console.print(
            f"[bold]{escape(f.path)}[/]:{f.line}:{f.column}: [bold red]{f.code}[/] "
            f"[{_STYLE[f.severity]}]\\[{f.severity}][/] {escape(f.message)}{promise}")
        console.print(f"  [dim]|[/] {escape(f.sentence)}")
    if show_supports:
        for s in report.supports:
            console.print(f"[bold]{escape(s.path)}[/]:{s.line}:{s.column}: [green]keeps[/] "
                          f"promise '{escape(s.promise_id)}' ({s.score:.2f}): {escape(s.sentence)}")
    if not summary:
        return out.getvalue()
    counts = ", ".join(plural(report.count(s), s) for s in reversed(SEVERITIES) if report.count(s))
    files = plural(len(report.paths), "file")
    hidden = ", ".join(f"{n} {what}" for n, what in ((report.suppressed, "suppressed"),
                                                      (report.baselined, "baselined")) if n)
    hidden = f"; {hidden}" if hidden else ""
    if report.findings:
        console.print(f"Found {plural(len(report.findings), 'finding')} ({counts}) in {files}, "
                      f"{plural(report.sentences, 'sentence')} checked{hidden}.")
    else:
        console.print(f"[green]All promises kept[/]: no findings in {files}, "
                      f"{plural(report.sentences, 'sentence')} checked{hidden}.")
    if report.fixed_baseline_entries:
        one = report.fixed_baseline_entries == 1
        console.print(f"{plural(report.fixed_baseline_entries, 'baselined finding')} no longer "
                      f"{'occurs' if one else 'occur'}: `promisecheck baseline --prune` drops "
                      f"{'it' if one else 'them'} from the baseline.")
    return out.getvalue()

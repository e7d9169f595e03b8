"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

    ::error file=docs/fees.md,line=5,col=1,endLine=5,endColumn=64,title=PC101 contradicts-promise (no-monthly-fees)::…

Escaping follows GitHub's toolkit: in the message ``%``, CR and LF are percent-encoded; in properties
``:`` and ``,`` are too. Paths are relative to the repository root.
"""

from __future__ import annotations

from ..report import Report
from . import repository_path

_COMMAND = {"error": "error", "warning": "warning", "suggestion": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, properties: dict, message: str) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v is not None)
    return f"::{kind} {props}::{escape_data(message)}" if props else f"::{kind}::{escape_data(message)}"


def render(report: Report, *, color: bool = False, show_supports: bool = False, root: str = ".",
           summary: bool = True) -> str:
    lines = []
    for f in report.findings:
        title = f"{f.code} {f.check}" + (f" ({f.promise_id})" if f.promise_id else "")
        lines.append(_command(_COMMAND[f.severity], {
            "file": repository_path(f.path, root) or f.path, "line": f.line, "col": f.column,
            "endLine": f.end_line, "endColumn": f.end_column, "title": title}, f"{f.message}\n{f.sentence}"))
    for e in report.errors:
        where = {"file": repository_path(e.path, root) or e.path, "line": e.line, "col": e.column} if e.path else {}
        lines.append(_command("error", {**where, "title": "promisecheck"}, e.message))
    return "".join(line + "\n" for line in lines)

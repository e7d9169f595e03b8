"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One rule per check code and promise (``PC101/no-monthly-fees``; a finding without a promise, such as
``PC001``, has its code alone), so alerts group by the promise they break. Each result carries a
``partialFingerprints`` entry built from the code, the promise and the normalised sentence (plus its
occurrence in the file), not from line numbers, so an alert survives edits above it. URIs are relative
to the repository root (``%SRCROOT%``). Columns count Unicode code points, as everywhere in
promisecheck, and the run says so (``"columnKind": "unicodeCodePoints"``).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..report import Finding, Report
from . import repository_path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "promisecheck/v1"
_LEVEL = {"error": "error", "warning": "warning", "suggestion": "note"}


def rule_id(finding: Finding) -> str:
    return f"{finding.code}/{finding.promise_id}" if finding.promise_id else finding.code


def _summary(code: str) -> str:
    from ..checks import registry
    from ..suppress import UNUSED_CODE, UNUSED_SUMMARY

    check = registry().get(code)
    if check is None:
        return UNUSED_SUMMARY if code == UNUSED_CODE else code
    return check.doc.strip().splitlines()[0].split(":", 1)[-1].strip().rstrip(".")


def _rule(finding: Finding) -> dict:
    what = _summary(finding.code)
    if finding.promise_id:
        short = f"Breaks the promise '{finding.promise_id}'"
        full = f"{finding.promise} ({finding.code} {finding.check}: {what})"
        help_text = (f"{finding.code} {finding.check} flags {what}, here against the promise "
                     f"'{finding.promise_id}': {finding.promise}\nFix the copy or the promise book; to accept one "
                     f"occurrence, put <!-- promisecheck: disable-next-line={finding.promise_id} --> above it.")
    else:
        short = full = f"{finding.code} {finding.check}: {what}"
        help_text = full
    return {
        "id": rule_id(finding),
        "name": finding.check,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": _LEVEL[finding.severity]},
        "properties": {"tags": ["promisecheck", finding.check], "check": finding.code,
                       **({"promise_id": finding.promise_id} if finding.promise_id else {})},
    }


def _location(path: str, root: str, region: dict | None = None) -> dict:
    relative = repository_path(path, root)
    artifact = ({"uri": quote(relative), "uriBaseId": "%SRCROOT%"} if relative is not None
                else {"uri": Path(os.path.abspath(path)).as_uri()})
    physical: dict = {"artifactLocation": artifact}
    if region:
        physical["region"] = region
    return {"physicalLocation": physical}


def to_sarif(report: Report, root: str = ".") -> dict:
    """The SARIF log of ``report`` as a dict."""
    rules: dict[str, dict] = {}
    for finding in sorted(report.findings, key=rule_id):
        rules.setdefault(rule_id(finding), _rule(finding))
    index = {rid: i for i, rid in enumerate(rules)}
    occurrence: Counter = Counter()
    results = []
    for f in report.findings:
        occurrence[(f.path, f.fingerprint)] += 1
        results.append({
            "ruleId": rule_id(f),
            "ruleIndex": index[rule_id(f)],
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [_location(f.path, root, {"startLine": f.line, "startColumn": f.column,
                                                   "endLine": f.end_line, "endColumn": f.end_column})],
            "partialFingerprints": {FINGERPRINT_KEY: f"{f.fingerprint}:{occurrence[(f.path, f.fingerprint)]}"},
            "properties": {"sentence": f.sentence, "lang": f.lang, "promise_id": f.promise_id,
                           "score": f.score, "similarity": f.similarity},
        })
    notifications = []
    for error in report.errors:
        note: dict = {"level": "error", "message": {"text": error.message}}
        if error.path:
            region = {"startLine": error.line, **({"startColumn": error.column} if error.column else {})} \
                if error.line else None
            note["locations"] = [_location(error.path, root, region)]
        notifications.append(note)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "promisecheck", "version": __version__, "semanticVersion": __version__,
                                "rules": list(rules.values())}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.path.abspath(root)).as_uri().rstrip("/") + "/"}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not report.errors,
                             "toolExecutionNotifications": notifications}],
            "results": results,
        }],
    }


def render(report: Report, *, color: bool = False, show_supports: bool = False, root: str = ".",
           summary: bool = True) -> str:
    return json.dumps(to_sarif(report, root), ensure_ascii=False, indent=2) + "\n"

"""``--format junit``: JUnit XML for CI test reports: one test case per file, one failure per finding
(a file that cannot be read is a test case with an error)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..report import Report


def render(report: Report, *, color: bool = False, show_supports: bool = False, root: str = ".",
           summary: bool = True) -> str:
    by_path: dict[str, list] = {p: [] for p in report.paths}
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    errors = list(report.errors)
    counts = {"tests": str(len(by_path) + len(errors)), "failures": str(len(report.findings)),
              "errors": str(len(errors))}
    suites = ET.Element("testsuites", name="promisecheck", **counts)
    suite = ET.SubElement(suites, "testsuite", name="promisecheck", skipped="0", time="0", **counts)
    for path, findings in by_path.items():
        case = ET.SubElement(suite, "testcase", classname="promisecheck", name=path, file=path, time="0")
        for f in findings:
            failure = ET.SubElement(case, "failure", type=f.code, message=f"{f.line}:{f.column}: {f.message}")
            promise = f" (promise: {f.promise_id})" if f.promise_id else ""
            failure.text = f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}{promise}\n  | {f.sentence}"
    for e in errors:
        name = e.path or "promisecheck"
        case = ET.SubElement(suite, "testcase", classname="promisecheck", name=name, file=name, time="0")
        ET.SubElement(case, "error", type="input-error", message=e.message).text = str(e)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"

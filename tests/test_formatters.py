"""Output formats: SARIF (valid against the OASIS schema), GitHub annotations, JUnit XML, line, text."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from promisecheck.cli import main
from promisecheck.errors import PromisecheckError
from promisecheck.formatters import get_formatter
from promisecheck.formatters.github import escape_data, escape_property
from promisecheck.report import Finding, Report

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
FEE = "A €5 monthly maintenance fee applies to every Everyday account."


def finding(path: str, line: int, sentence: str, *, code="PC101", promise_id="no-monthly-fees",
            severity="error", message="contradicts the promise \"No fee, ever: 100%\" (contradiction 0.99)") -> Finding:
    return Finding(code=code, check="contradicts-promise" if code == "PC101" else "unused-suppression",
                   severity=severity, message=message, path=path, line=line, column=3, end_line=line,
                   end_column=3 + len(sentence), start=10 * line, end=10 * line + len(sentence), sentence=sentence,
                   lang="en", promise_id=promise_id, promise="No fee, ever." if promise_id else "", score=0.99,
                   similarity=0.5)


@pytest.fixture
def report(tmp_path) -> Report:
    docs = tmp_path / "docs"
    page, other = str(docs / "fees.md"), str(docs / "a,b: c.md")
    return Report(
        findings=(finding(page, 4, FEE), finding(page, 9, FEE),  # the same sentence twice
                  finding(page, 12, "Support: weekdays, 9–5 👋", promise_id="human-support", severity="warning"),
                  finding(other, 1, "<!-- promisecheck: disable -->", code="PC001", promise_id="",
                          severity="warning", message="unused suppression 'disable': nothing to suppress")),
        errors=(PromisecheckError("invalid UTF-8 (byte 0xe9)", str(docs / "bad.md"), 2, 7),),
        paths=(page, other, str(docs / "clean.md")), sentences=12)


def test_sarif_is_valid_and_stable(report, tmp_path):
    log = json.loads(get_formatter("sarif")(report, root=str(tmp_path)))
    errors = list(jsonschema.Draft4Validator(SCHEMA).iter_errors(log))
    assert not errors, [e.message for e in errors]
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules == ["PC001", "PC101/human-support", "PC101/no-monthly-fees"]
    results = run["results"]
    assert [rules[r["ruleIndex"]] for r in results] == [r["ruleId"] for r in results]
    assert [r["level"] for r in results] == ["error", "error", "warning", "warning"]
    first = results[0]["locations"][0]["physicalLocation"]
    assert first["artifactLocation"] == {"uri": "docs/fees.md", "uriBaseId": "%SRCROOT%"}
    assert first["region"] == {"startLine": 4, "startColumn": 3, "endLine": 4, "endColumn": 3 + len(FEE)}
    assert results[3]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/a%2Cb%3A%20c.md"
    prints = [r["partialFingerprints"]["promisecheck/v1"] for r in results]
    assert len(set(prints)) == 4 and prints[0].rsplit(":", 1) == [report.findings[0].fingerprint, "1"]
    # Moving a finding to another line keeps its fingerprint; another sentence changes it.
    moved = Report(findings=(finding(report.findings[0].path, 40, FEE),))
    assert json.loads(get_formatter("sarif")(moved, root=str(tmp_path)))["runs"][0]["results"][0][
        "partialFingerprints"] == results[0]["partialFingerprints"]
    notification = run["invocations"][0]["toolExecutionNotifications"][0]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert notification["locations"][0]["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 7}


def test_sarif_of_a_file_outside_the_root_uses_an_absolute_uri(report, tmp_path):
    log = json.loads(get_formatter("sarif")(report, root=str(tmp_path / "elsewhere")))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": (tmp_path / "docs" / "fees.md").as_uri()}
    assert not list(jsonschema.Draft4Validator(SCHEMA).iter_errors(log))


def test_github_annotations_escape_as_the_toolkit_does(report, tmp_path):
    assert escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    lines = get_formatter("github")(report, root=str(tmp_path)).splitlines()
    assert lines[0] == (
        "::error file=docs/fees.md,line=4,col=3,endLine=4,endColumn=66,"
        "title=PC101 contradicts-promise (no-monthly-fees)::"
        "contradicts the promise \"No fee, ever: 100%25\" (contradiction 0.99)%0A" + FEE)
    assert lines[2].startswith("::warning file=docs/fees.md,line=12,")
    assert lines[3].startswith("::warning file=docs/a%2Cb%3A c.md,line=1,col=3,")
    assert lines[3].split("::")[1].endswith("title=PC001 unused-suppression")
    assert lines[4] == "::error file=docs/bad.md,line=2,col=7,title=promisecheck::invalid UTF-8 (byte 0xe9)"
    suggestion = Report(findings=(finding("x.md", 1, "Hi there.", severity="suggestion"),))
    assert get_formatter("github")(suggestion).startswith("::notice ")


def test_junit_has_a_case_per_file_and_a_failure_per_finding(report):
    root = ET.fromstring(get_formatter("junit")(report))
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "4", "1")
    cases = suite.findall("testcase")
    assert [c.get("name").rsplit("/", 1)[-1] for c in cases] == ["fees.md", "a,b: c.md", "clean.md", "bad.md"]
    assert [len(c.findall("failure")) for c in cases] == [3, 1, 0, 0]
    failure = cases[0].find("failure")
    assert failure.get("type") == "PC101" and failure.get("message").startswith("4:3: contradicts")
    assert failure.text.endswith("(promise: no-monthly-fees)\n  | " + FEE)
    assert cases[3].find("error").get("message") == "invalid UTF-8 (byte 0xe9)"


def test_line_format_is_one_plain_line_per_finding(report):
    out = get_formatter("line")(report, color=True)
    lines = out.splitlines()
    assert len(lines) == 4 and "\x1b[" not in out
    assert lines[0] == (f"{report.findings[0].path}:4:3: PC101 [error] contradicts the promise "
                        "\"No fee, ever: 100%\" (contradiction 0.99) (promise: no-monthly-fees)")
    assert lines[3].endswith("PC001 [warning] unused suppression 'disable': nothing to suppress")


def test_text_summary_counts_hidden_findings():
    hidden = Report(paths=("a.md",), sentences=3, suppressed=2, baselined=1, fixed_baseline_entries=1)
    out = get_formatter("text")(hidden)
    assert "no findings in 1 file, 3 sentences checked; 2 suppressed, 1 baselined." in out
    assert "1 baselined finding no longer occurs: `promisecheck baseline --prune` drops it" in out
    assert get_formatter("text")(hidden, summary=False) == ""


def test_cli_formats_on_real_copy(book_path, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".promisecheck.toml").write_text('select = ["PC101"]\n')  # this check's findings only
    (tmp_path / ".git").mkdir()  # the repository root SARIF paths are relative to
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "fees.md").write_text(f"# Fees\n\n{FEE}\n", encoding="utf-8")
    assert main(["check", "site", "-p", str(book_path), "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    assert not list(jsonschema.Draft4Validator(SCHEMA).iter_errors(log))
    result = log["runs"][0]["results"][0]
    assert result["ruleId"] == "PC101/no-monthly-fees"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "site/fees.md"
    assert main(["check", "site", "-p", str(book_path), "--format", "line"]) == 1
    assert capsys.readouterr().out.startswith(f"{Path('site', 'fees.md')}:3:1: PC101 [error] contradicts")
    assert main(["check", "site", "-p", str(book_path), "--format", "github"]) == 1
    assert capsys.readouterr().out.startswith("::error file=site/fees.md,line=3,col=1,endLine=3,endColumn=")
    assert main(["check", "site", "-p", str(book_path), "--format", "junit", "-q"]) == 1
    assert ET.fromstring(capsys.readouterr().out).find("testsuite").get("failures") == "1"

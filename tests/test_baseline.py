"""Baselines: record today's findings, hide them, notice the fixed ones, prune."""

from __future__ import annotations

import json

import pytest

from promisecheck.baseline import Baseline
from promisecheck.cli import main
from promisecheck.errors import PromisecheckError
from promisecheck.report import Finding, Report

FEE = "A €5 monthly maintenance fee applies to every Everyday account."
SLOW = "Our phone support is open on weekdays from 9am to 5pm only."


def finding(path: str, line: int, sentence: str, promise_id: str = "no-monthly-fees") -> Finding:
    return Finding(code="PC101", check="contradicts-promise", severity="error", message="m", path=path, line=line,
                   column=1, end_line=line, end_column=len(sentence) + 1, start=0, end=len(sentence),
                   sentence=sentence, lang="en", promise_id=promise_id, promise="p", score=0.9, similarity=0.5)


def test_matching_ignores_lines_and_wrapping_and_counts_repeats(tmp_path):
    page = str(tmp_path / "docs" / "page.md")
    before = Report(findings=(finding(page, 3, FEE), finding(page, 9, FEE)), paths=(page,))
    baseline = Baseline.from_report(before, str(tmp_path / ".promisecheck-baseline.json"))
    assert len(baseline) == 2 and [e.count for e in baseline.entries.values()] == [1 + 1]
    # Lines moved, the sentence re-wrapped and re-cased: still the same findings.
    moved = Report(findings=(finding(page, 30, FEE.replace(" every ", "\n  EVERY ")), finding(page, 40, FEE)),
                   paths=(page,))
    assert baseline.apply(moved).findings == () and baseline.apply(moved).baselined == 2
    # A third copy of the sentence is new; another promise on the same sentence is new too.
    third = Report(findings=(*moved.findings, finding(page, 50, FEE), finding(page, 3, FEE, "other")), paths=(page,))
    assert [(f.line, f.promise_id) for f in baseline.apply(third).findings] == [(50, "no-monthly-fees"), (3, "other")]


def test_fixed_entries_count_only_in_files_checked(tmp_path):
    a, b = str(tmp_path / "a.md"), str(tmp_path / "b.md")
    baseline = Baseline.from_report(Report(findings=(finding(a, 1, FEE), finding(b, 1, SLOW, "support"))),
                                    str(tmp_path / "baseline.json"))
    only_a_clean = Baseline.apply(baseline, Report(paths=(a,)))
    assert only_a_clean.fixed_baseline_entries == 1 and only_a_clean.to_dict()["summary"]["fixed_baseline_entries"] == 1
    pruned = baseline.pruned(Report(paths=(a,)))
    assert [k[0] for k in pruned.entries] == ["b.md"]  # b.md was not checked: kept


def test_write_and_load_round_trip(tmp_path):
    path = tmp_path / "sub" / "baseline.json"
    page = str(tmp_path / "docs" / "page.md")
    Baseline.from_report(Report(findings=(finding(page, 2, FEE), finding(page, 5, FEE))), str(path)).write()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["promisecheck_baseline"] == 1
    assert data["findings"] == [{"path": "../docs/page.md", "code": "PC101", "promise_id": "no-monthly-fees",
                                 "fingerprint": finding(page, 2, FEE).fingerprint, "count": 2, "sentence": FEE}]
    assert Baseline.load(str(path)).entries == Baseline.from_report(
        Report(findings=(finding(page, 7, FEE),) * 2), str(path)).entries
    assert [p.name for p in path.parent.iterdir()] == ["baseline.json"]  # no temporary file left behind


@pytest.mark.parametrize("text, message", [
    ('{"promisecheck_baseline": 1,\n  "findings": [}', "{path}:2:16: invalid JSON: Expecting value"),
    ('{"findings": []}', '{path}: not a promisecheck baseline (expected "promisecheck_baseline": 1)'),
    ('{"promisecheck_baseline": 1, "findings": [{"path": "a.md"}]}',
     "{path}: baseline entry 1 needs 'path', 'fingerprint' and a whole-number 'count'"),
])
def test_malformed_baselines_are_one_line_errors(tmp_path, text, message):
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PromisecheckError) as error:
        Baseline.load(str(path))
    assert str(error.value) == message.format(path=path)


def test_cli_baseline_then_check_then_prune(book_path, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # select: findings of this check only, whatever other checks say about the same sentences
    (tmp_path / ".promisecheck.toml").write_text(f'promises = "{book_path}"\npaths = ["docs"]\nselect = ["PC101"]\n',
                                                 encoding="utf-8")
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "page.md"
    page.write_text(f"# Fees\n\n{FEE}\n\n{SLOW}\n", encoding="utf-8")
    assert main(["baseline"]) == 0
    assert capsys.readouterr().out == ".promisecheck-baseline.json: recorded 2 findings in 1 file\n"
    assert main(["check"]) == 0  # found at the project root and applied
    assert "no findings in 1 file, 2 sentences checked; 2 baselined." in capsys.readouterr().out
    assert main(["check", "--no-baseline", "--format", "line"]) == 1
    assert len(capsys.readouterr().out.splitlines()) == 2
    # Edit: one old finding fixed, the other moved down, a new one added.
    page.write_text(f"# Fees\n\nIntro line.\n\n{SLOW}\n\nA €2 monthly fee applies to every Everyday account.\n",
                    encoding="utf-8")
    assert main(["check", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [f["line"] for f in data["findings"]] == [7]
    assert (data["summary"]["baselined"], data["summary"]["fixed_baseline_entries"]) == (1, 1)
    assert main(["baseline", "--prune"]) == 0
    assert capsys.readouterr().out == ".promisecheck-baseline.json: dropped 1 fixed finding, kept 1 finding\n"
    assert len(Baseline.load(".promisecheck-baseline.json")) == 1
    assert main(["check", "--baseline", "missing.json"]) == 2
    assert capsys.readouterr().err == "promisecheck: error: missing.json: no such file\n"

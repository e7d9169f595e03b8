"""Suppression comments in the copy: the forms per format, their scope, and unused ones (PC001)."""

from __future__ import annotations

import pytest

from promisecheck import Checker
from promisecheck.cli import main
from promisecheck.report import Finding, LineIndex
from promisecheck.suppress import apply, blank_directives, scan

FEE = "A €5 monthly maintenance fee applies to every Everyday account."
SLOW = "Our phone support is open on weekdays from 9am to 5pm only."
KNOWN = {"PC101", "no-monthly-fees", "human-support-24-7"}


def directives(text: str, ext: str = ".md"):
    found, errors = scan(text, ext, KNOWN, "copy" + ext)
    assert not errors, [str(e) for e in errors]
    return [(d.action, d.targets, text[d.start:d.end]) for d in found]


@pytest.mark.parametrize("ext, text, comment", [
    (".md", "Hi.\n<!-- promisecheck: disable=PC101,no-monthly-fees -->\n", "<!-- promisecheck: disable=PC101,no-monthly-fees -->"),
    (".html", "<p>Hi.</p><!--promisecheck:disable = pc101, no-monthly-fees--><p>", "<!--promisecheck:disable = pc101, no-monthly-fees-->"),
    (".mdx", "Hi.\n{/* promisecheck: disable=PC101 no-monthly-fees -- legal approved */}\n", "{/* promisecheck: disable=PC101 no-monthly-fees -- legal approved */}"),
    (".txt", "Hi.\n  # promisecheck: disable=PC101,no-monthly-fees\n", "  # promisecheck: disable=PC101,no-monthly-fees"),
    (".txt", "Hi.\n// promisecheck: disable PC101 no-monthly-fees\n", "// promisecheck: disable PC101 no-monthly-fees"),
])
def test_each_format_has_its_comment_form(ext, text, comment):
    assert directives(text, ext) == [("disable", ("PC101", "no-monthly-fees"), comment)]


def test_other_comments_and_examples_in_code_are_not_directives():
    text = ("<!-- a note about promisecheck: not a directive -->\n"
            "```html\n<!-- promisecheck: disable-file -->\n```\n\n"
            "Write `<!-- promisecheck: disable-file -->` to silence a file.\n\n"
            "    <!-- promisecheck: disable-file -->\n\n"
            "<!-- promisecheck: enable -->\n")
    assert [d[0] for d in directives(text)] == ["enable"]
    assert directives("# promisecheck: disable\n", ".md") == []  # a heading, not a comment, in Markdown
    assert directives("<!-- promisecheck: disable -->\n", ".txt") == []


def test_malformed_directives_are_errors_with_position():
    text = "Hi.\n\n  <!-- promisecheck: disabel=PC101 -->\n<!-- promisecheck: disable=no-montly-fees -->\n"
    found, errors = scan(text, ".md", KNOWN, "copy.md")
    assert found == []
    assert [str(e) for e in errors] == [
        "copy.md:3:3: unknown suppression 'disabel' (expected one of disable, enable, disable-next-line, "
        "disable-file) (did you mean 'disable'?)",
        "copy.md:4:1: unknown check code or promise id 'no-montly-fees' in suppression (did you mean "
        "'no-monthly-fees'?)"]


def test_plain_text_directive_lines_are_blanked_for_the_reader():
    text = "First line.\n# promisecheck: disable-next-line\nNext line.\n"
    blanked = blank_directives(text, ".txt")
    assert len(blanked) == len(text) and blanked.splitlines()[1].strip() == ""
    assert blank_directives(text, ".md") == text


def _finding(line: int, start: int, code: str = "PC101", promise_id: str = "no-monthly-fees") -> Finding:
    return Finding(code=code, check="contradicts-promise", severity="error", message="m", path="copy.md",
                   line=line, column=1, end_line=line, end_column=5, start=start, end=start + 4, sentence="s",
                   lang="en", promise_id=promise_id, promise="p", score=0.9, similarity=0.5)


def _apply(text: str, findings: list[Finding], judged=("PC101",)):
    found, errors = scan(text, ".md", KNOWN, "copy.md")
    assert not errors
    line_starts = [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]
    placed = [_finding(f.line, line_starts[f.line - 1], f.code, f.promise_id) for f in findings]
    return apply(placed, found, LineIndex(text), "copy.md", set(judged))


def test_scopes_of_disable_enable_next_line_and_file():
    text = "\n".join([
        "line 1",
        "<!-- promisecheck: disable=no-monthly-fees -->",  # 2: region until the enable on line 5
        "line 3",
        "line 4",
        "<!-- promisecheck: enable -->",
        "line 6",
        "<!-- promisecheck: disable-next-line=PC101 -->",  # 7: line 8 only
        "line 8",
        "line 9",
    ]) + "\n"
    findings = [_finding(n, 0) for n in (1, 3, 4, 6, 8, 9)] + [_finding(3, 0, promise_id="human-support-24-7")]
    outcome = _apply(text, findings)
    assert sorted((f.line, f.promise_id) for f in outcome.findings) == [
        (1, "no-monthly-fees"), (3, "human-support-24-7"), (6, "no-monthly-fees"), (9, "no-monthly-fees")]
    assert outcome.suppressed == 3 and outcome.unused == ()
    whole = _apply("x\n<!-- promisecheck: disable-file=human-support-24-7 -->\n",
                   [_finding(1, 0, promise_id="human-support-24-7"), _finding(1, 0)])
    assert [f.promise_id for f in whole.findings] == ["no-monthly-fees"] and whole.suppressed == 1


def test_enable_naming_a_target_closes_only_its_region():
    text = ("<!-- promisecheck: disable=no-monthly-fees,human-support-24-7 -->\nl2\n"
            "<!-- promisecheck: enable=human-support-24-7 -->\nl4\n")
    outcome = _apply(text, [_finding(4, 0), _finding(4, 0, promise_id="human-support-24-7")])
    assert [f.promise_id for f in outcome.findings] == ["human-support-24-7"]


def test_unused_suppressions_are_reported_at_the_comment():
    text = "l1\n\n  <!-- promisecheck: disable-next-line=PC101,human-support-24-7 -->\nl4\n<!-- promisecheck: disable-file -->\n"
    outcome = _apply(text, [_finding(4, 0)])
    assert outcome.suppressed == 1 and len(outcome.unused) == 1  # disable-file covered the finding too
    unused = outcome.unused[0]
    assert (unused.code, unused.check, unused.severity) == ("PC001", "unused-suppression", "warning")
    assert (unused.line, unused.column, unused.end_line) == (3, 3, 3)
    assert unused.message == "unused suppression 'disable-next-line': nothing to suppress for 'human-support-24-7'"
    assert unused.evidence == {"directive": "disable-next-line", "targets": ["human-support-24-7"]}
    # A code whose check did not run cannot be judged unused.
    assert _apply("<!-- promisecheck: disable-file=PC101 -->\n", [], judged=()).unused == ()
    assert len(_apply("<!-- promisecheck: disable-file=PC101 -->\n", []).unused) == 1


# --- on the real checker -----------------------------------------------------------------------


@pytest.mark.parametrize("ext, template", [
    (".md", "# Fees\n\n<!-- promisecheck: disable-next-line=no-monthly-fees -->\n{fee}\n\n{slow}\n"),
    (".html", "<p>Intro text here.</p>\n<!-- promisecheck: disable-next-line=PC101 -->\n<p>{fee}</p>\n<p>{slow}</p>\n"),
    (".mdx", "import X from './x'\n\n{{/* promisecheck: disable-next-line=no-monthly-fees */}}\n{fee}\n\n{slow}\n"),
    (".txt", "Intro text here.\n# promisecheck: disable-next-line=no-monthly-fees\n{fee}\n\n{slow}\n"),
])
def test_suppressed_in_every_format(book, ext, template):
    text = template.format(fee=FEE, slow=SLOW)
    report = Checker(book, select=["PC101", "PC001"]).check_text(text, path="copy" + ext)
    assert [f.promise_id for f in report.findings] == ["human-support-24-7"], report.to_dict()["findings"]
    assert report.suppressed == 1 and report.to_dict()["summary"]["suppressed"] == 1
    assert "promisecheck" not in " ".join(f.sentence for f in report.findings)


def test_unused_suppression_on_the_real_checker(book):
    text = f"{SLOW}\n\n<!-- promisecheck: disable-next-line=no-monthly-fees -->\nOur office opens in March.\n"
    report = Checker(book, select=["PC101", "PC001"]).check_text(text, path="copy.md")
    assert [(f.code, f.line) for f in report.findings] == [("PC101", 1), ("PC001", 3)]
    quiet = Checker(book, select=["PC101", "PC001"], report_unused_suppressions=False)
    assert [f.code for f in quiet.check_text(text, path="copy.md").findings] == ["PC101"]
    assert [f.code for f in Checker(book, select=["PC101"]).check_text(text, path="copy.md").findings] == ["PC101"]


def test_cli_reports_bad_directives_and_silences_unused_ones(book_path, tmp_path, capsys):
    page = tmp_path / "page.md"
    page.write_text(f"<!-- promisecheck: disable-next-line=no-monthly-fees -->\nOur office opens in March.\n\n{FEE}\n",
                    encoding="utf-8")
    select = ["--select", "PC101,PC001"]
    assert main(["check", str(page), "-p", str(book_path), "--format", "line", *select]) == 1
    assert [line.split(": ")[1].split()[0] for line in capsys.readouterr().out.splitlines()] == ["PC001", "PC101"]
    assert main(["check", str(page), "-p", str(book_path), "--format", "line", *select,
                 "--ignore-unused-suppressions"]) == 1
    assert "PC001" not in capsys.readouterr().out
    page.write_text("<!-- promisecheck: disable=no-such-promise -->\nHello there, friend.\n", encoding="utf-8")
    assert main(["check", str(page), "-p", str(book_path)]) == 2
    assert capsys.readouterr().err == (f"promisecheck: error: {page}:1:1: unknown check code or promise id "
                                       "'no-such-promise' in suppression\n")


def test_checks_lists_the_unused_suppression_code(capsys):
    assert main(["checks"]) == 0
    assert "PC001  unused-suppression       a suppression comment that suppresses nothing" in capsys.readouterr().out

"""The command line, called through ``main(argv)`` as pre-commit and CI call it."""

from __future__ import annotations

import io
import json
import re
import sys

import pytest

from promisecheck.cli import main

FEE = "A €5 monthly maintenance fee applies to every Everyday account."
SLOW = "Our phone support is open on weekdays from 9am to 5pm only."


@pytest.fixture
def copy_dir(tmp_path):
    (tmp_path / "page.md").write_text(f"# Everyday\n\nOpen an account today.\n\n{FEE}\n", encoding="utf-8")
    (tmp_path / "clean.txt").write_text("Our new office in Lisbon opens in March.\n", encoding="utf-8")
    return tmp_path


def test_findings_exit_1_in_ruff_style(book_path, copy_dir, capsys):
    assert main(["check", str(copy_dir), "--promises", str(book_path), "--select", "PC101"]) == 1
    out = capsys.readouterr().out
    line = re.escape(str(copy_dir / "page.md"))
    assert re.search(line + r":5:1: PC101 \[error\] contradicts the promise .* \(promise: no-monthly-fees\)", out), out
    assert f"  | {FEE}" in out
    assert "Found 1 finding (1 error) in 2 files" in out
    assert "\x1b[" not in out  # no colour when not a terminal


def test_exit_zero_and_fail_level(book_path, copy_dir, capsys):
    assert main(["check", str(copy_dir), "-p", str(book_path), "--exit-zero", "--select", "PC101"]) == 0
    assert "PC101" in capsys.readouterr().out
    (copy_dir / "page.md").write_text(SLOW + "\n", encoding="utf-8")  # a warning-level promise
    assert main(["check", str(copy_dir / "page.md"), "-p", str(book_path), "--fail-level", "error"]) == 0
    assert "[warning]" in capsys.readouterr().out
    assert main(["check", str(copy_dir / "page.md"), "-p", str(book_path)]) == 1
    capsys.readouterr()
    assert main(["check", str(copy_dir / "page.md"), "-p", str(book_path), "--show-level", "error"]) == 1
    assert "PC101" not in capsys.readouterr().out


def test_clean_copy_exits_0(book_path, copy_dir, capsys):
    assert main(["check", str(copy_dir / "clean.txt"), "-p", str(book_path)]) == 0
    assert "All promises kept" in capsys.readouterr().out


def test_json_output_uses_the_api_field_names(book_path, copy_dir, capsys):
    assert main(["check", str(copy_dir), "-p", str(book_path), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["schema_version"] == 1
    finding = data["findings"][0]
    for key in ("code", "severity", "message", "path", "line", "column", "end_line", "end_column",
                "sentence", "promise_id", "promise", "score", "similarity", "scores"):
        assert key in finding
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (5, 1, 5, len(FEE) + 1)


def test_stdin_with_ext(book_path, capsys, monkeypatch):
    markdown = f"Intro paragraph about the account.\n\n```\n{FEE}\n```\n\n* {FEE}\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(markdown.encode())))
    assert main(["check", "--promises", str(book_path), "--ext", ".md", "--select", "PC101", "-"]) == 1
    out = capsys.readouterr().out
    assert out.count("PC101") == 1 and "<stdin>:7:3: PC101" in out


@pytest.mark.parametrize("setup, args, message", [
    (None, ["check", "{tmp}/missing.md", "-p", "{book}"], "{tmp}/missing.md: no such file"),
    (None, ["check", "{tmp}/page.md", "-p", "{tmp}/nobook.yaml"], "{tmp}/nobook.yaml: no such file"),
    (("page.md", b"caf\xe9 au lait\n"), ["check", "{tmp}/page.md", "-p", "{book}"],
     "{tmp}/page.md:1:4: invalid UTF-8 (byte 0xe9)"),
    (("page.md", b"\x89PNG\r\n\x1a\n\x00\x00"), ["check", "{tmp}/page.md", "-p", "{book}"],
     "{tmp}/page.md: binary file, not text"),
    (("page.rst", b"Some text.\n"), ["check", "{tmp}/page.rst", "-p", "{book}"],
     "{tmp}/page.rst: unsupported file type '.rst'"),
    (("bad.yaml", b"brand: T\npromises:\n  - id: a\n    statment: x\n"), ["check", "{tmp}/x.md", "-p", "{tmp}/bad.yaml"],
     "{tmp}/bad.yaml:4:5: unknown key 'statment' (did you mean 'statement'?)"),
    (None, ["check", "-p", "{book}"], "no paths given (use '-' to read stdin)"),
    (None, ["check", "{tmp}", "-p", "{book}", "--languages", "en,zz"], "unknown language code 'zz'"),
    # the retrieval projection's directory has a meta.json too, but is no judge
    (("page.md", b"Some text.\n"), ["check", "{tmp}/page.md", "-p", "{book}", "--judge", "use-m3-promise"],
     "unknown judge 'use-m3-promise' (shipped: pair-use-v1, xe-e5-v2, xe-e5-v6; or give a .npz file or a "
     "cross-encoder directory)"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, book_path, capsys, setup, args, message):
    if setup:
        (tmp_path / setup[0]).write_bytes(setup[1])
    argv = [a.format(tmp=tmp_path, book=book_path) for a in args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err == f"promisecheck: error: {message.format(tmp=tmp_path)}\n"


def test_output_of_good_files_is_not_lost_when_one_is_bad(book_path, copy_dir, capsys):
    (copy_dir / "broken.txt").write_bytes(b"\xff\xfe bad")
    assert main(["check", str(copy_dir), "-p", str(book_path), "--select", "PC101"]) == 2
    captured = capsys.readouterr()
    assert "PC101" in captured.out and "broken.txt:1:1: invalid UTF-8" in captured.err


def test_usage_errors_exit_2(capsys):
    assert main(["check", "x.md"]) == 2  # --promises is required
    assert main(["frobnicate"]) == 2
    assert main(["--version"]) == 0
    assert "promisecheck 0.1.0" in capsys.readouterr().out


def test_promises_validate(book_path, tmp_path, capsys):
    assert main(["promises", "validate", str(book_path)]) == 0
    assert "ok (Tallo, 4 promises)" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text("brand: T\npromises:\n  - id: a\n    statement: x\n    severity: loud\n")
    assert main(["promises", "validate", str(book_path), str(bad)]) == 2
    assert "bad.yaml:5:15: severity must be one of" in capsys.readouterr().err


def test_checks_lists_codes(capsys):
    assert main(["checks"]) == 0
    assert re.search(r"PC101\s+contradicts-promise\s+a sentence that says the opposite", capsys.readouterr().out)

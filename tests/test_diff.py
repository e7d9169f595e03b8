"""--diff REV: only sentences on lines changed since a git revision."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from promisecheck.cli import main
from promisecheck.diff import _unquote, changed_lines
from promisecheck.errors import PromisecheckError

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

FEE = "A €5 monthly maintenance fee applies to every Everyday account."
SLOW = "Our phone support is open on weekdays from 9am to 5pm only."


def git(repo, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=repo, check=True,
                   capture_output=True)


@pytest.fixture
def repo(tmp_path):
    git(tmp_path, "init", "-q")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text("".join(f"line {n}\n" for n in range(1, 11)), encoding="utf-8")
    (tmp_path / "docs" / "same.md").write_text("unchanged\n", encoding="utf-8")
    (tmp_path / "docs" / "é 1.md").write_text("old\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "one")
    return tmp_path


def test_changed_lines_of_edits_deletions_and_new_files(repo, monkeypatch):
    monkeypatch.chdir(repo)
    lines = (repo / "docs" / "page.md").read_text().splitlines()
    lines[1] = "line two, edited"  # line 2
    del lines[5]  # old line 6 removed: new lines 5 and 6 now meet where it was
    lines.insert(7, "inserted")  # new line 8
    (repo / "docs" / "page.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (repo / "docs" / "é 1.md").write_text("new\n", encoding="utf-8")
    (repo / "docs" / "new.md").write_text("brand new\n", encoding="utf-8")
    changed = changed_lines("HEAD", ["docs"])
    real = lambda name: os.path.realpath(repo / "docs" / name)  # noqa: E731
    assert changed[real("page.md")] == {2, 5, 6, 8}
    assert changed[real("é 1.md")] == {1}
    assert changed[real("new.md")] is None  # untracked: every line
    assert real("same.md") not in changed
    assert _unquote('"docs/\\303\\251 \\"q\\".md"') == 'docs/é "q".md'


def test_outside_a_repository_and_bad_revisions_are_one_line_errors(repo, tmp_path_factory, monkeypatch):
    monkeypatch.chdir(repo)
    with pytest.raises(PromisecheckError, match="^unknown git revision 'no-such-rev'$"):
        changed_lines("no-such-rev", ["docs"])
    with pytest.raises(PromisecheckError, match="unknown git revision '--output=x'"):
        changed_lines("--output=x", ["docs"])
    outside = tmp_path_factory.mktemp("outside")
    with pytest.raises(PromisecheckError, match="--diff needs a git repository"):
        changed_lines("HEAD", ["."], cwd=str(outside))


def test_cli_checks_only_changed_sentences(repo, book_path, monkeypatch, capsys):
    monkeypatch.chdir(repo)
    page = repo / "docs" / "page.md"
    page.write_text(f"# Fees\n\n{SLOW}\n", encoding="utf-8")
    git(repo, "commit", "-qam", "two")
    assert main(["check", "docs", "-p", str(book_path), "--diff", "HEAD"]) == 0  # nothing changed
    assert "no findings in 0 files" in capsys.readouterr().out
    page.write_text(f"# Fees\n\n{SLOW}\n\n{FEE}\n", encoding="utf-8")
    assert main(["check", "docs", "-p", str(book_path), "--diff", "HEAD", "--format", "line", "--select", "PC101"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].startswith(os.path.join("docs", "page.md") + ":5:1: PC101")
    assert main(["check", "docs", "-p", str(book_path), "--format", "line", "--select", "PC101"]) == 1  # both
    assert len(capsys.readouterr().out.splitlines()) == 2
    assert main(["check", "-", "-p", str(book_path), "--diff", "HEAD"]) == 2
    assert main(["check", "docs", "-p", str(book_path), "--diff", "nope"]) == 2
    assert capsys.readouterr().err.splitlines() == ["promisecheck: error: --diff cannot be used with stdin",
                                                    "promisecheck: error: unknown git revision 'nope'"]

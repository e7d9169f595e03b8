"""The pre-commit hook: a valid manifest, valid documented snippets, and the hook's entry run the way
pre-commit runs it (on the staged files it selects, in a git repository)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from promisecheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "ci-and-pre-commit.md"
FEE = "A €5 monthly maintenance fee applies to every Everyday account."


def _pre_commit(*args: str) -> subprocess.CompletedProcess:
    pytest.importorskip("pre_commit")
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], capture_output=True, text=True, timeout=120)


def _snippet(containing: str) -> str:
    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    return next(b for b in blocks if containing in b)


def test_manifest_validates():
    result = _pre_commit("validate-manifest", str(ROOT / ".pre-commit-hooks.yaml"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_documented_config_validates(tmp_path):
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(_snippet("repos:"), encoding="utf-8")
    result = _pre_commit("validate-config", str(config))
    assert result.returncode == 0, result.stdout + result.stderr
    hook = yaml.safe_load(config.read_text())["repos"][0]["hooks"][0]
    assert hook["id"] == "promisecheck"


def test_documented_workflow_uploads_sarif():
    workflow = yaml.safe_load(_snippet("upload-sarif"))
    steps = workflow["jobs"]["promisecheck"]["steps"]
    run = next(s["run"] for s in steps if "--format sarif" in s.get("run", ""))
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] in run and workflow["permissions"]["security-events"] == "write"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_hook_entry_on_staged_files_in_a_git_repository(book_path, tmp_path, monkeypatch, capsys):
    identify = pytest.importorskip("identify.identify")
    hook = next(h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text()) if h["id"] == "promisecheck")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    shutil.copy(book_path, tmp_path / "promises.yaml")
    (tmp_path / ".promisecheck.toml").write_text('promises = "promises.yaml"\nexclude = ["drafts"]\nselect = ["PC101"]\n')
    (tmp_path / "docs").mkdir()
    (tmp_path / "drafts").mkdir()
    files = {"docs/fees.md": f"# Fees\n\n{FEE}\n", "docs/intro.mdx": "import X from './x'\n\nWelcome to Tallo.\n",
             "docs/about.html": "<p>Our office opens in March.</p>", "docs/notes.txt": "Plain notes here.\n",
             "drafts/wip.md": f"{FEE}\n", "tool.py": "print('A €5 fee applies')\n"}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    subprocess.run([*git, "add", "-A"], cwd=tmp_path, check=True)
    staged = subprocess.run(["git", "diff", "--cached", "--name-only"], cwd=tmp_path, check=True,
                            capture_output=True, text=True).stdout.split()
    # What pre-commit passes: the staged files whose identify tags meet the hook's types_or.
    passed = sorted(f for f in staged if identify.tags_from_path(str(tmp_path / f)) & set(hook["types_or"]))
    assert passed == ["docs/about.html", "docs/fees.md", "docs/intro.mdx", "docs/notes.txt", "drafts/wip.md"]
    monkeypatch.chdir(tmp_path)
    argv = hook["entry"].split()[1:] + passed
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert "docs/fees.md:3:1: PC101 [error]" in out and "drafts/wip.md" not in out
    assert "in 4 files" in out
    (tmp_path / "docs" / "fees.md").write_text("# Fees\n\nNo monthly fee, whatever your balance.\n", encoding="utf-8")
    assert main(argv) == 0

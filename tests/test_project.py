"""The repository's data and generated files stay consistent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from promisecheck import load_book
from promisecheck.evaluate import load_books, load_cases

ROOT = Path(__file__).resolve().parents[1]


def test_every_bundled_book_validates():
    books = sorted((ROOT / "corpora" / "books").glob("*.yaml"))
    assert len(books) >= 2
    for path in books:
        assert len(load_book(path)) >= 1


def test_cases_are_valid_and_split_by_brand():
    train, dev, cue_dev = (load_cases([str(ROOT / "corpora" / "cases" / f"{name}.jsonl")])
                           for name in ("train", "dev", "cue-dev"))
    load_books(str(ROOT / "corpora" / "books"), train + dev + cue_dev)  # every named promise exists
    brands = [{c.book for c in cases} for cases in (train, dev, cue_dev)]
    assert not brands[0] & brands[1] and not brands[0] & brands[2] and not brands[1] & brands[2]
    for cases in (train, dev, cue_dev):
        assert {c.lang for c in cases} >= {"en", "fr", "id", "ar"}
        assert {c.label for c in cases} == {"dissonant", "consistent", "unrelated"}


def test_check_docs_are_generated_from_the_docstrings():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_check_docs.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    from promisecheck.checks import registry

    pages = {p.name for p in (ROOT / "docs" / "checks").glob("*.md")}
    assert pages == {"index.md", *(f"{code}.md" for code in registry())}
    assert not (ROOT / "docs" / "checks.md").exists()


def test_pre_commit_manifest():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "promisecheck")
    assert hook["require_serial"] is True and hook["language"] == "python"
    assert hook["entry"].split()[0] == "promisecheck"
    assert set(hook["types_or"]) >= {"markdown", "html", "plain-text"}

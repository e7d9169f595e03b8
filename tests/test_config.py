"""Configuration files: discovery, validation with file:line, overrides, `config` and `init`."""

from __future__ import annotations

import os

import pytest

from promisecheck import load_book
from promisecheck.cli import main
from promisecheck.config import Glob, Setting, find_config, load_config

FEE = "A €5 monthly maintenance fee applies to every Everyday account."
SLOW = "Our phone support is open on weekdays from 9am to 5pm only."


def test_found_by_walking_up_promisecheck_toml_first(tmp_path):
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) is None
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')  # no [tool.promisecheck]: skipped
    assert find_config(deep) is None
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.promisecheck]\npaths = ["docs"]\n')
    assert find_config(deep) == str(tmp_path / "pyproject.toml")
    (tmp_path / "a" / ".promisecheck.toml").write_text("")
    assert find_config(deep) == str(tmp_path / "a" / ".promisecheck.toml")


def test_values_are_relative_to_the_file_and_the_cli_wins(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.promisecheck]\npromises = "book.yaml"\npaths = ["docs", "README.md"]\nlanguages = "en, fr"\n'
        'fail-level = "error"\ntop-k = 5\nexclude = ["docs/drafts/**", "*.tmp.md"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path / "sub")
    config = load_config({"fail-level": Setting("suggestion", "--fail-level")})
    assert config["promises"] == os.path.join("..", "book.yaml")
    assert config["paths"] == [os.path.join("..", "docs"), os.path.join("..", "README.md")]
    assert config["languages"] == ["en", "fr"] and config["top-k"] == 5
    assert config.settings["top-k"].source == os.path.join("..", "pyproject.toml") + ":6"
    assert config.settings["fail-level"] == Setting("suggestion", "--fail-level")
    assert config.settings["show-level"] == Setting("suggestion", "default")
    assert config.root == str(tmp_path)
    assert config.excluded("../docs/drafts/x/y.md") and config.excluded("../docs/a.tmp.md")
    assert not config.excluded("../docs/a.md") and not config.excluded("drafts/y.md")


@pytest.mark.parametrize("pattern, path, matches", [
    ("docs/legal/**", "docs/legal/terms.md", True),
    ("docs/legal/**", "docs/legal/eu/terms.md", True),
    ("docs/legal", "docs/legal/terms.md", True),  # a directory covers what is below it
    ("docs/*.md", "docs/eu/terms.md", False),  # * stays within one directory
    ("*.md", "docs/eu/terms.md", True),  # no slash: any depth
    ("/terms.md", "docs/terms.md", False),
    ("docs/**/terms.md", "docs/terms.md", True),
    ("docs/?.md", "docs/a.md", True),
    ("docs/[!a].md", "docs/a.md", False),
])
def test_globs(tmp_path, pattern, path, matches):
    assert Glob.of(pattern, str(tmp_path)).matches(str(tmp_path / path)) is matches


@pytest.mark.parametrize("name, text, message", [
    (".promisecheck.toml", 'promises = "b.yaml"\n\nfail_level = "error"\n',
     ".promisecheck.toml:3: unknown key 'fail_level' (did you mean 'fail-level'?)"),
    ("pyproject.toml", '[project]\nname = "x"\n[tool.promisecheck]\npromises = "b.yaml"\nlanguges = ["en"]\n',
     "pyproject.toml:5: unknown key 'languges' (did you mean 'languages'?)"),
    (".promisecheck.toml", 'promises = "b.yaml"\n[[overrides]]\npaths = ["a/**"]\n[[overrides]]\npaths = ["b/**"]\n'
     'top-k = 2\n', ".promisecheck.toml:6: unknown key 'top-k' in [[overrides]] (allowed: paths, languages, "
     "fail-level, select, ignore, exclude)"),
    (".promisecheck.toml", '[[overrides]]\nfail-level = "error"\n',
     ".promisecheck.toml:1: an [[overrides]] table needs 'paths' (globs of the files it applies to)"),
    (".promisecheck.toml", 'top-k = "three"\n', ".promisecheck.toml:1: 'top-k' must be a positive integer"),
    (".promisecheck.toml", 'format = "sarf"\n',
     ".promisecheck.toml:1: 'format' must be one of text, json, sarif, github, junit, line, not \"sarf\" "
     "(did you mean 'sarif'?)"),
    (".promisecheck.toml", 'promises = "b.yaml"\npaths = ["docs"\n',
     ".promisecheck.toml:3:1: invalid TOML: Unclosed array"),
])
def test_bad_config_is_one_line_with_file_and_line(tmp_path, monkeypatch, capsys, name, text, message):
    (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert capsys.readouterr().err == f"promisecheck: error: {message}\n"


def test_check_with_no_paths_uses_the_configuration(book_path, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs" / "legal").mkdir(parents=True)
    (tmp_path / "docs" / "drafts").mkdir()
    (tmp_path / "docs" / "page.md").write_text(f"{SLOW}\n", encoding="utf-8")  # a warning
    (tmp_path / "docs" / "legal" / "terms.md").write_text(f"{SLOW}\n", encoding="utf-8")
    (tmp_path / "docs" / "drafts" / "wip.md").write_text(f"{FEE}\n", encoding="utf-8")
    (tmp_path / ".promisecheck.toml").write_text(
        f'promises = "{book_path}"\npaths = ["docs"]\nfail-level = "error"\nformat = "line"\nselect = ["PC101"]\n'
        'exclude = ["docs/drafts"]\n\n[[overrides]]\npaths = ["docs/legal/**"]\nfail-level = "warning"\n',
        encoding="utf-8")
    assert main(["check"]) == 1  # the warning fails only in docs/legal
    out = capsys.readouterr().out
    assert sorted(line.split(":")[0] for line in out.splitlines()) == [
        os.path.join("docs", "legal", "terms.md"), os.path.join("docs", "page.md")]
    assert main(["check", "docs/page.md"]) == 0
    assert main(["check", "docs/drafts/wip.md"]) == 0  # excluded even when named (as pre-commit names it)
    capsys.readouterr()
    assert main(["check", "docs/legal/terms.md", "--fail-level", "error"]) == 0  # the flag beats the override
    assert main(["check", "--no-config", "docs/page.md"]) == 2
    assert "no promise book" in capsys.readouterr().err


def test_config_command_says_where_each_value_comes_from(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".promisecheck.toml").write_text(
        'promises = "book.yaml"\ncache = false\n\n[[overrides]]\npaths = ["legal/**"]\nselect = ["PC101"]\n',
        encoding="utf-8")
    assert main(["config", "--format", "json", "--top-k", "4"]) == 0
    out = capsys.readouterr().out
    assert '\npromises = "book.yaml"' in out and "# .promisecheck.toml:1\n" in out
    assert 'format = "json"' in out and "# --format\n" in out
    assert "top-k = 4" in out and "# --top-k\n" in out
    assert "fail-level = \"warning\"" in out and "# default\n" in out
    assert "cache = false" in out and "# cache directory: none (cache off) (.promisecheck.toml:2)" in out
    assert "[[overrides]]  # .promisecheck.toml:4" in out and 'select = ["PC101"]' in out
    assert "# threshold: not set (default: the judge's calibrated threshold)" in out


def test_init_writes_a_book_that_validates_and_refuses_to_overwrite(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    assert main(["init"]) == 0
    assert len(load_book(tmp_path / "promises.yaml")) == 2
    config = load_config()
    assert config["promises"] == "promises.yaml" and config["paths"] == ["docs"]
    capsys.readouterr()
    (tmp_path / "promises.yaml").write_text("mine", encoding="utf-8")
    assert main(["init"]) == 2
    assert capsys.readouterr().err == "promisecheck: error: promises.yaml: already exists (use --force to overwrite)\n"
    assert (tmp_path / "promises.yaml").read_text() == "mine"
    assert main(["init", "--force"]) == 0 and (tmp_path / "promises.yaml").read_text() != "mine"

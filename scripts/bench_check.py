"""How long ``promisecheck check`` takes: one page cold, the whole demo cold, and warm in-process.

    python scripts/bench_check.py

Cold runs are fresh processes with the on-disk cache off (model loading and judging included), as a
first pre-commit or CI run pays. Prints figures only; nothing is asserted.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CLI = [sys.executable, "-m", "promisecheck", "check", "--exit-zero", "--format", "json", "--no-cache"]


def cold(args: list[str], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(CLI + args, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    import promisecheck

    page = ["corpora/copy/tallo/home.en.md", "-p", "corpora/books/tallo.yaml"]
    demo = [["corpora/copy/tallo", "-p", "corpora/books/tallo.yaml"],
            ["corpora/copy/fresco", "-p", "corpora/books/fresco.yaml"]]
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import promisecheck"], check=True, cwd=ROOT)
    print(f"import promisecheck (fresh process):       {time.perf_counter() - start:6.2f} s")
    print(f"check one page, cold (median of 3):        {cold(page):6.2f} s")
    print(f"check the whole demo, cold (2 processes):  {sum(cold(args) for args in demo):6.2f} s")
    checker = promisecheck.Checker(promisecheck.load_book(ROOT / "corpora/books/tallo.yaml"))
    checker.check_paths([ROOT / "corpora/copy/tallo"])  # warm the models
    start = time.perf_counter()
    report = checker.check_paths([ROOT / "corpora/copy/tallo"])
    elapsed = time.perf_counter() - start
    print(f"check tallo's 4 files, warm, in-process:   {elapsed:6.2f} s "
          f"({report.sentences / elapsed:.0f} sentences/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

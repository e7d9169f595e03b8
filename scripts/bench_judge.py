"""Time the shipped judges: cold load in a fresh process and pairs/s on realistic promise/copy pairs.

    python scripts/bench_judge.py                     # every shipped judge, 384 pairs, 3 runs
    python scripts/bench_judge.py --judge xe-e5-v1 --pairs 512 --runs 2
    python scripts/bench_judge.py --judge xe-e5-v2 --batch-size 16    # another batch size than the judge's
    python scripts/bench_judge.py --judge xe-e5-v6 --engine torch     # float32 on torch, not onnxruntime

The pairs are the dev cases of ``corpora/cases/dev.jsonl`` (copy in en, fr, id and ar) with promise statements
of their own brand's book (mostly another language than the copy), as the Checker judges them; without the
corpus a small built-in set is repeated. Each judge runs in its own fresh process:

- ``load``: from the start of the fresh process's script to the first judgement of one pair (imports, model
  files, tokeniser; for ``pair-use-v1`` this includes loading the USE embedder it judges with);
- ``pairs/s``: one ``judge(promises, sentences)`` call over all pairs, as the Checker makes it. Judges that
  embed texts (``pair-use-v1``) memoise vectors, so only the first run is on unseen texts; the later runs of
  such judges are reported separately as "warm".

Prints a table; no asserts (speed depends on the machine and on what else runs on it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FALLBACK = [
    ("Delivery is free on every order.", "Shipping costs $4.99 on orders under $50."),
    ("La livraison est gratuite pour toutes les commandes.", "Nous livrons gratuitement partout en France."),
    ("Pengiriman gratis untuk semua pesanan.", "Ongkos kirim Rp15.000 untuk setiap pesanan."),
    ("We never sell your personal data.", "نبيع بيانات عملائنا لشركاء الإعلان."),
    ("Real people answer calls 24/7.", "Le service client est ouvert de 9 h à 17 h."),
    ("Refunds within 14 days, no questions asked.", "Pengembalian dana dalam 14 hari tanpa pertanyaan."),
]

CHILD = r"""
import json, sys, time
start = time.perf_counter()
sys.path.insert(0, {root!r})
from promisecheck.nlp.judge import get_judge
judge = get_judge({name!r})
if {engine!r} and hasattr(judge, "engine"):
    judge = type(judge)(judge.path, engine={engine!r})
if {batch_size} and hasattr(judge, "batch_size"):
    judge.batch_size = {batch_size}
judge.judge(["Delivery is free."], ["Livraison gratuite."])
load = time.perf_counter() - start
pairs = json.loads(sys.stdin.read())
rates = []
for _ in range({runs}):
    t = time.perf_counter()
    p = judge.judge([a for a, _ in pairs], [b for _, b in pairs])
    rates.append(len(pairs) / (time.perf_counter() - t))
import resource
print(json.dumps({{"load_s": load, "rates": rates, "shape": list(p.shape),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def realistic_pairs(n: int, seed: int = 0) -> list[tuple[str, str]]:
    sys.path.insert(0, str(ROOT))
    cases_path = ROOT / "corpora" / "cases" / "dev.jsonl"
    if not cases_path.is_file():
        return [FALLBACK[i % len(FALLBACK)] for i in range(n)]
    from promisecheck.evaluate import load_books, load_cases

    cases = load_cases([str(cases_path)])
    books = load_books(str(ROOT / "corpora" / "books"), cases)
    rng = random.Random(seed)
    pairs = []
    for case in rng.sample(cases, min(n, len(cases))):
        book = books[case.book]
        promise = book[case.promise] if case.promise else rng.choice(list(book))
        pairs.append((promise.statement, case.text))
    while len(pairs) < n:
        pairs.append(pairs[len(pairs) % len(cases)])
    return pairs


def shipped() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from promisecheck.nlp.judge import shipped_judges

    return shipped_judges()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--judge", action="append", help="judge name or path (default: every shipped judge)")
    parser.add_argument("--pairs", type=int, default=384)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=0, help="pairs per forward pass (default: the judge's)")
    parser.add_argument("--engine", choices=("onnxruntime", "torch"),
                        help="what runs a cross-encoder (default: onnxruntime in float32, torch in bfloat16)")
    args = parser.parse_args(argv)
    pairs = realistic_pairs(args.pairs)
    langs = "en, fr, id, ar" if (ROOT / "corpora" / "cases" / "dev.jsonl").is_file() else "built-in"
    print(f"{len(pairs)} promise/copy pairs ({langs}); {os.cpu_count()} CPUs; fresh process per judge")
    print(f"{'judge':<16} {'load s':>7} {'pairs/s (first)':>16} {'pairs/s (later runs)':>22} {'peak RSS MB':>12}")
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    for name in args.judge or shipped():
        code = CHILD.format(root=str(ROOT), name=name, runs=max(1, args.runs), batch_size=args.batch_size,
                            engine=args.engine or "")
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", code], input=json.dumps(pairs), capture_output=True, text=True,
                              env=env)
        if proc.returncode:
            print(f"{name:<16} failed after {time.perf_counter() - started:.1f} s: "
                  f"{proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else proc.returncode}")
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        later = ", ".join(f"{x:.0f}" for x in r["rates"][1:]) or "-"
        print(f"{name:<16} {r['load_s']:>7.2f} {r['rates'][0]:>16.1f} {later:>22} {r['rss_mb']:>12.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Train the learnt pressure reader, ``pressure-use-v1`` (``promisecheck/nlp/pressure.py``).

    python scripts/train_pressure.py        # writes promisecheck/models/pressure-use-v1/reader.npz

A logistic regression over each case's ``use-m3-promise`` vector: the ``pressure`` cases that break a promise
are the positives, every other case of the same brands (other breaches, consistent copy, unrelated copy)
the negatives, so "no countdown, take your time" and a bakery's "last loaves of the day" are calm.
Data: ``corpora/cases/train.jsonl`` and ``cue-dev.jsonl``; dev's brands are never trained on.

The threshold is chosen on brands the model has not seen: five folds by brand, each predicted by a model
fitted on the other four; it is the lowest at which at most ``--max-false-alarms`` of the consistent and
unrelated cases read as pressure. PC204 uses the reader only where no pressure phrase was found and no
pressure is denied, so what it adds to the checker is measured with ``promisecheck eval``, not here.
Deterministic: the same data gives the same model. The shipped reader learnt from cue-dev before batches 47
to 49 joined it; to rebuild it (the same weights and threshold)::

    head -33000 corpora/cases/cue-dev.jsonl > /tmp/cue-dev-33000.jsonl
    python scripts/train_pressure.py --cases corpora/cases/train.jsonl /tmp/cue-dev-33000.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from _judge_data import VectorCache  # noqa: E402
from promisecheck.evaluate import load_cases  # noqa: E402
from promisecheck.nlp.embedder import PROJECTED_EMBEDDER  # noqa: E402
from promisecheck.nlp.pressure import DEFAULT_PRESSURE_READER  # noqa: E402

CASES = [ROOT / "corpora" / "cases" / "train.jsonl", ROOT / "corpora" / "cases" / "cue-dev.jsonl"]
FOLDS = 5


def fit(x: np.ndarray, y: np.ndarray, c: float, steps: int = 30) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method: minimises the summed log loss plus
    ``|w|² / 2c`` (the bias is not penalised)."""
    xb = np.hstack([x, np.ones((len(x), 1))]).astype(np.float64)
    w = np.zeros(xb.shape[1])
    penalty = np.full(xb.shape[1], 1.0 / c)
    penalty[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        gradient = xb.T @ (p - y) + penalty * w
        hessian = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-6:
            break
    return w[:-1].astype(np.float32), float(w[-1])


def _shown(path: Path) -> str:
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=Path, nargs="+", default=CASES, help="labelled cases (JSONL)")
    parser.add_argument("--c", type=float, default=16.0, help="inverse of the L2 penalty")
    parser.add_argument("--max-false-alarms", type=float, default=0.003,
                        help="share of consistent and unrelated cases of unseen brands read as pressure")
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / f"pressure-vectors-{PROJECTED_EMBEDDER}.npz")
    parser.add_argument("--out", type=Path,
                        default=ROOT / "promisecheck" / "models" / DEFAULT_PRESSURE_READER / "reader.npz")
    args = parser.parse_args(argv)

    cases = load_cases([str(p) for p in args.cases])
    vectors = VectorCache(args.cache, PROJECTED_EMBEDDER).embed([c.text for c in cases])
    y = np.array([c.label == "dissonant" and c.kind == "pressure" for c in cases], dtype=np.float64)
    calm = np.array([c.label != "dissonant" for c in cases])
    langs = np.array([c.lang for c in cases])
    brands = sorted({c.book for c in cases})
    order = np.random.default_rng(0).permutation(len(brands))
    fold_of = {brands[i]: rank % FOLDS for rank, i in enumerate(order)}
    folds = np.array([fold_of[c.book] for c in cases])
    print(f"{len(cases)} cases of {len(brands)} brands, {int(y.sum())} pressure", flush=True)

    unseen = np.zeros(len(cases))
    for k in range(FOLDS):
        w, b = fit(vectors[folds != k], y[folds != k], args.c)
        unseen[folds == k] = 1.0 / (1.0 + np.exp(-(vectors[folds == k] @ w + b)))
    candidates = np.round(np.arange(0.5, 0.991, 0.01), 2)
    threshold = float(next(t for t in candidates if np.mean(unseen[calm] >= t) <= args.max_false_alarms))
    figures = {}
    for lang in sorted(set(langs)):
        pushes, quiet = (y == 1) & (langs == lang), calm & (langs == lang)
        figures[lang] = {"pressure_read": round(float(np.mean(unseen[pushes] >= threshold)), 3),
                         "calm_read_as_pressure": round(float(np.mean(unseen[quiet] >= threshold)), 4)}
        print(f"  unseen brands, {lang}: {figures[lang]}")
    print(f"threshold {threshold} (at most {args.max_false_alarms:.1%} of calm cases of unseen brands)")

    w, b = fit(vectors, y, args.c)
    meta = {"name": DEFAULT_PRESSURE_READER, "embedder": PROJECTED_EMBEDDER, "threshold": threshold,
            "c": args.c, "trained": date.today().isoformat(), "cases": [_shown(p) for p in args.cases],
            "case_count": len(cases), "brand_count": len(brands),
            "unseen_brands": figures}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, weights=w, bias=np.float32(b), meta=np.array(json.dumps(meta)))
    print(f"wrote {_shown(args.out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

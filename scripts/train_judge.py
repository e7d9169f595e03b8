"""Train promisecheck's first judge, ``pair-use-v1``: an MLP over multilingual-USE pair features.

    python scripts/train_judge.py                      # writes promisecheck/models/pair-use-v1.npz

Data:
- ``../shared/data/nli`` (see its README): English SNLI (90% train, 10% held out), Indonesian IndoNLI
  train and machine-translated MultiNLI for training; IndoNLI val and French RTE-3 are held out.
- ``corpora/``: the promise books' examples and the labelled cases of ``corpora/cases/train.jsonl``.
  Brands of ``dev.jsonl`` are never trained on. Thresholds are calibrated honestly: a first model is
  fitted without two train brands (``--calibration-brands``), the thresholds are chosen on those brands'
  cases, and the shipped model is then fitted on every train brand.
Labels: contradiction → contradicts, entailment → supports, neutral → neither. Unrelated copy is paired
with the promise it is most similar to (a hard negative), and every dissonant/consistent case also with
its most similar *other* promise, both as ``neither``.

Sentence vectors are cached in ``.cache/judge-vectors-<embedder>.npz`` so re-training takes seconds.
Seeded: the same data gives the same model.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from promisecheck.book import PromiseBook, load_book  # noqa: E402
from promisecheck.evaluate import evaluate, format_table, load_books, load_cases  # noqa: E402
from promisecheck.nlp.judge import LABELS, pair_features  # noqa: E402
from _judge_data import (CASE_LABEL, EMBEDDER, NLI_LABEL, VectorCache, bucket,  # noqa: E402,F401
                         calibrate, case_pairs, promise_keys, read_nli, similarities)


def featurise(cache: VectorCache, pairs) -> tuple[np.ndarray, np.ndarray]:
    u = cache.embed([p for p, _, _ in pairs])
    v = cache.embed([h for _, h, _ in pairs])
    return pair_features(u, v), np.array([y for _, _, y in pairs])


def train_mlp(x, y, weights, hidden: int, epochs: int, seed: int):
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    xt = torch.tensor((x - mean) / scale, dtype=torch.float32)
    yt = torch.tensor(y)
    wt = torch.tensor(weights, dtype=torch.float32)
    model = torch.nn.Sequential(torch.nn.Dropout(0.1), torch.nn.Linear(x.shape[1], hidden), torch.nn.ReLU(),
                                torch.nn.Dropout(0.3), torch.nn.Linear(hidden, len(LABELS)))
    optimiser = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-2)
    generator = torch.Generator().manual_seed(seed)
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(yt), generator=generator)
        total = 0.0
        for i in range(0, len(order), 256):
            idx = order[i:i + 256]
            loss = (torch.nn.functional.cross_entropy(model(xt[idx]), yt[idx], reduction="none") * wt[idx]).mean()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += loss.item() * len(idx)
    print(f"  {epochs} epochs: final loss {total / len(yt):.4f}", flush=True)
    model.eval()
    linear = [m for m in model if isinstance(m, torch.nn.Linear)]
    return [(m.weight.detach().numpy().T.copy(), m.bias.detach().numpy().copy()) for m in linear], mean, scale


def predict(layers, mean, scale, x):
    h = (x - mean) / scale
    for i, (w, b) in enumerate(layers):
        h = h @ w + b
        if i < len(layers) - 1:
            h = np.maximum(h, 0)
    h = np.exp(h - h.max(axis=1, keepdims=True))
    return h / h.sum(axis=1, keepdims=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "nli")
    parser.add_argument("--corpora", type=Path, default=ROOT / "corpora")
    parser.add_argument("--out", type=Path, default=ROOT / "promisecheck" / "models" / "pair-use-v1.npz")
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / f"judge-vectors-{EMBEDDER}.npz")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--hidden", type=int, default=384)
    parser.add_argument("--case-weight", type=float, default=4.0, help="weight of in-domain pairs")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--calibration-brands", default="tallo,oasis-telecom",
                        help="train brands held out of a first fit to calibrate the thresholds on")
    args = parser.parse_args(argv)
    started = time.time()
    np.random.seed(args.seed)
    cache = VectorCache(args.cache)

    print("reading data", flush=True)
    snli = read_nli(args.data / "snli-en.jsonl")
    snli_train = [p for p in snli if bucket(p[0]) != 0]
    snli_held = [p for p in snli if bucket(p[0]) == 0]
    nli_train = snli_train + read_nli(args.data / "indonli-train-id.jsonl") + read_nli(args.data / "mnli-mt-train-id.jsonl")
    held_out = {"snli-en (10% held out)": snli_held,
                "indonli-val-id": read_nli(args.data / "indonli-val-id.jsonl"),
                "rte3-dev-fr": read_nli(args.data / "rte3-dev-fr.jsonl")}

    cases_dir = args.corpora / "cases"
    train_cases = load_cases([str(cases_dir / "train.jsonl")]) if (cases_dir / "train.jsonl").exists() else []
    dev_cases = load_cases([str(cases_dir / "dev.jsonl")]) if (cases_dir / "dev.jsonl").exists() else []
    dev_books = {c.book for c in dev_cases}
    books = {f"books/{p.stem}": load_book(p) for p in sorted((args.corpora / "books").glob("*.yaml"))}
    train_books = {k: v for k, v in books.items() if k not in dev_books}
    calibration_books = {f"books/{b}" for b in args.calibration_brands.split(",")} & set(train_books)
    x_nli, y_nli = featurise(cache, nli_train)

    def fit(books: dict[str, PromiseBook]):
        in_domain = case_pairs([c for c in train_cases if c.book in books], books, cache)
        x_dom, y_dom = featurise(cache, in_domain)
        print(f"training on {len(y_nli)} NLI pairs and {len(y_dom)} in-domain pairs of {len(books)} books",
              flush=True)
        weights = np.concatenate([np.ones(len(y_nli)), np.full(len(y_dom), args.case_weight)])
        return train_mlp(np.concatenate([x_nli, x_dom]), np.concatenate([y_nli, y_dom]), weights,
                         args.hidden, args.epochs, args.seed), len(y_dom)

    thresholds = {"similarity": 0.35, "contradicts": 0.6, "supports": 0.6}
    if calibration_books:
        (layers, mean, scale), _ = fit({k: v for k, v in train_books.items() if k not in calibration_books})
        held = {k: v for k, v in train_books.items() if k in calibration_books}
        thresholds = calibrate([c for c in train_cases if c.book in held], held, cache,
                               lambda pairs: predict(layers, mean, scale, featurise(cache, pairs)[0]))
    (layers, mean, scale), n_in_domain = fit(train_books)

    scores = {}
    for name, pairs in held_out.items():
        xh, yh = featurise(cache, pairs)
        scores[name] = round(float((predict(layers, mean, scale, xh).argmax(axis=1) == yh).mean()), 4)
        print(f"  {name}: 3-way accuracy {scores[name]:.3f} on {len(pairs)} pairs")

    meta = {"name": args.out.stem, "embedder": EMBEDDER, "layers": len(layers), "labels": list(LABELS),
            "thresholds": thresholds, "held_out_accuracy": scores, "seed": args.seed,
            "training_pairs": {"nli": len(nli_train), "in_domain": n_in_domain},
            "calibration_books": sorted(calibration_books), "dev_books_excluded": sorted(dev_books)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    arrays = {f"w{i}": w.astype(np.float16) for i, (w, _) in enumerate(layers)}
    arrays.update({f"b{i}": b.astype(np.float32) for i, (_, b) in enumerate(layers)})
    np.savez_compressed(args.out, meta=np.array(json.dumps(meta)), mean=mean.astype(np.float32),
                        scale=scale.astype(np.float32), **arrays)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) in {time.time() - started:.0f} s")

    if dev_cases:
        from promisecheck.nlp.judge import get_judge

        get_judge.cache_clear()
        print("\ndev cases (brands never trained on), real Checker:")
        result = evaluate(dev_cases, load_books(str(args.corpora / "books"), dev_cases), judge=str(args.out))
        print(format_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

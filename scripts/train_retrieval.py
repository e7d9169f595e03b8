"""Train the retrieval projection ``use-m3-promise``: which promises a sentence of copy is about.

    python scripts/train_retrieval.py                    # train on every train brand, export (about 1 min)
    python scripts/train_retrieval.py --folds 7          # leave-brands-out retrieval figures, no export (1 min)
    python scripts/train_retrieval.py --folds 7 --eval   # ... and the Checker's eval table, out of fold (2 min)
    python scripts/train_retrieval.py --folds 7 --eval --select PC201,PC202,PC203,PC204,PC205
    python scripts/train_retrieval.py --exclude-brands tallo,fresco --out /tmp/p   # train on the others

The Checker judges a sentence only against the promises it is related to (cosine ≥ the judge's similarity
threshold, 0.32, top 3), and the cue checks compare it only with those (or, for explicit cues, with
promises down to 0.20). With multilingual USE's own vectors, a third of the train cases that break a
promise are not related to it at 0.32: "Our technician will visit within 5–7 working days" is 0.29 from
"Home internet is installed within 48 hours", so no check ever compares them.

The projection is a low-rank linear map of USE's space, ``W = I + A·B`` (``A``: 512×32, ``B``: 32×512),
applied to sentences and promise texts alike before the cosine. It is learnt from ``corpora/cases/train.jsonl``:
for each case, a softmax over its book's promises (each promise's best cosine over its statement and examples,
as the Checker computes it) plus one "none" column fixed at 0.32, with the case's promise as the target for
dissonant and consistent cases and "none" for unrelated ones. So 0.32 keeps its meaning (related or not),
and the thresholds of the judge and the cue checks stay as they are. An L2 penalty on ``A·B`` keeps it near
the identity. Seeded; torch, CPU. ``--folds K`` trains K times, each time without one K-th of the brands,
and prints, on the brands left out, how many dissonant and consistent cases have their promise among the
related ones, how many unrelated cases have any related promise, and the pairs judged per sentence, with
USE's own vectors and with the projection. Brands of ``dev.jsonl`` are never used.

Since the shipped projection has seen every train case, ``promisecheck eval corpora/cases/train.jsonl`` now
finds nearly every train case's promise (99.7%): its figures flatter retrieval. ``--folds 7 --eval`` gives the
train figures to work from instead: each brand's cases run through the real Checker (``promisecheck.evaluate``)
with a projection trained without that brand, pooled into one eval table.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _judge_data import JUDGE_SET_1, JUDGE_SET_2, promise_keys  # noqa: E402
from promisecheck.checker import best_per_promise  # noqa: E402
from promisecheck.evaluate import evaluate, format_table, load_books, load_cases, score_by_language  # noqa: E402
from promisecheck.nlp.embedder import PROJECTED_EMBEDDER, ProjectedEmbedder, get_embedder  # noqa: E402

OUT = ROOT / "promisecheck" / "models" / PROJECTED_EMBEDDER
RELATED = 0.32  # the judge's similarity threshold and the cue checks' CUE_RELATEDNESS
FLOOR = 0.20  # the cue checks' CUE_SIMILARITY_FLOOR
TOP_K = 3


class Brand:
    """One book's retrieval keys and cases, as vectors."""

    def __init__(self, name, book, cases, embedder) -> None:
        self.name = name
        ids = [p.id for p in book]
        keys, self.owners = promise_keys(book)  # the Checker's retrieval keys: statement and examples
        self.keys = embedder.encode(keys)
        self.promises = len(ids)
        self.texts = embedder.encode([c.text for c in cases])
        self.labels = [c.label for c in cases]
        # the case's promise for dissonant and consistent cases, else -1
        self.targets = np.asarray([ids.index(c.promise) if c.promise and c.label != "unrelated" else -1
                                   for c in cases])

    def similarities(self, w: np.ndarray) -> np.ndarray:
        """``(cases, promises)``: each case's best cosine with any key of each promise, in ``w``'s space."""
        return best_per_promise(_unit(self.texts @ w) @ _unit(self.keys @ w).T, self.owners, self.promises)


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def train(brands: list[Brand], rank: int, steps: int, penalty: float, temperature: float, lr: float,
          seed: int) -> tuple[np.ndarray, np.ndarray]:
    import torch

    torch.manual_seed(seed)
    dim = brands[0].texts.shape[1]
    a = torch.zeros(dim, rank, requires_grad=True)
    b = (torch.randn(rank, dim) * 0.01).requires_grad_()
    optimiser = torch.optim.Adam([a, b], lr=lr)
    data = [(torch.from_numpy(x.texts), torch.from_numpy(x.keys), torch.from_numpy(x.owners), x.promises,
             torch.from_numpy(np.where(x.targets >= 0, x.targets, x.promises))) for x in brands]
    normalise = torch.nn.functional.normalize
    for _ in range(steps):
        w = torch.eye(dim) + a @ b
        loss = penalty * (a @ b).pow(2).sum()
        for texts, keys, owners, promises, targets in data:
            cosines = normalise(texts @ w, dim=1) @ normalise(keys @ w, dim=1).T
            per_promise = torch.stack([cosines[:, owners == p].max(dim=1).values for p in range(promises)], 1)
            none = torch.full((len(texts), 1), RELATED)
            logits = torch.cat([per_promise, none], dim=1) / temperature
            loss = loss + torch.nn.functional.cross_entropy(logits, targets)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    return a.detach().numpy(), b.detach().numpy()


def figures(brands: list[Brand], w: np.ndarray) -> dict:
    """Retrieval on ``brands`` in ``w``'s space at the related threshold and at the cue checks' floor."""
    out = {}
    for name, threshold in (("related", RELATED), ("floor", FLOOR)):
        found = {"dissonant": [], "consistent": []}
        unrelated, pairs = [], []
        for brand in brands:
            sims = brand.similarities(w)
            for row, label, target in zip(sims, brand.labels, brand.targets):
                top = [int(p) for p in np.argsort(-row)[:TOP_K] if row[p] >= threshold]
                pairs.append(len(top))
                if label == "unrelated":
                    unrelated.append(bool(top))
                else:
                    found[label].append(int(target) in top)
        out[name] = {"threshold": threshold, "dissonant_found": round(float(np.mean(found["dissonant"])), 3),
                     "consistent_found": round(float(np.mean(found["consistent"])), 3),
                     "unrelated_with_any": round(float(np.mean(unrelated)), 3),
                     "pairs_per_sentence": round(float(np.mean(pairs)), 2)}
    return out


def _checked(held: list[Brand], a: np.ndarray, b: np.ndarray, cases, books, fold: int, select: str | None
             ) -> list[dict]:
    """The eval predictions of the held-out brands' cases, checked with a projection trained without them."""
    import tempfile

    names = {x.name for x in held}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "projection.npz"
        np.savez(path, a=a, b=b)
        embedder = ProjectedEmbedder(get_embedder("use-m3"), path, f"{PROJECTED_EMBEDDER}-fold{fold}")
        result = evaluate([c for c in cases if c.book in names], {n: books[n] for n in names}, embedder=embedder,
                          select=select.split(",") if select else None, cache=False)
    return result["predictions"]


def _print_eval(cases, predictions: list[dict], form: str) -> None:
    """One eval table (or JSON) over every fold's predictions, as ``promisecheck eval`` prints it."""
    by_id = {p["id"]: p for p in predictions}
    gold = [c for c in cases if c.id in by_id]
    result = score_by_language(gold, [by_id[c.id]["predicted"] for c in gold],
                               [set(by_id[c.id]["named"]) for c in gold])
    print(json.dumps(result, indent=2) if form == "json" else format_table(result))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default=str(ROOT / "corpora" / "cases" / "train.jsonl"))
    parser.add_argument("--books", default=str(ROOT / "corpora" / "books"))
    parser.add_argument("--out", default=str(OUT))
    parser.add_argument("--exclude-brands", default=",".join(JUDGE_SET_1 + JUDGE_SET_2),
                        help="comma-separated slugs to leave out (default: the judge sets, written after the shipped "
                             "projection, so that it is reproduced; '' to include them)")
    parser.add_argument("--folds", type=int, default=0, help="leave-brands-out figures instead of training")
    parser.add_argument("--eval", action="store_true", help="with --folds: the Checker's eval table, out of fold")
    parser.add_argument("--select", help="with --eval: only these check codes (comma-separated)")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="with --eval")
    parser.add_argument("--rank", type=int, default=32)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--penalty", type=float, default=0.1)
    parser.add_argument("--temperature", type=float, default=0.05)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    start = time.perf_counter()
    cases = load_cases([args.cases])
    books = load_books(args.books, cases)
    excluded = {f"books/{s.strip()}" for s in args.exclude_brands.split(",") if s.strip()}
    embedder = get_embedder("use-m3")
    brands = [Brand(name, book, [c for c in cases if c.book == name], embedder)
              for name, book in sorted(books.items()) if name not in excluded]
    options = dict(rank=args.rank, steps=args.steps, penalty=args.penalty, temperature=args.temperature,
                   lr=args.lr, seed=args.seed)
    identity = np.eye(brands[0].texts.shape[1], dtype=np.float32)

    if args.folds:
        rows = {"use": [], "projected": []}
        predictions = []
        for k in range(args.folds):
            held = brands[k::args.folds]
            a, b = train([x for x in brands if x not in held], **options)
            rows["use"].append(figures(held, identity))
            rows["projected"].append(figures(held, identity + a @ b))
            print(f"fold {k + 1}/{args.folds} ({', '.join(x.name.split('/')[-1] for x in held)}): "
                  f"{json.dumps(rows['projected'][-1]['related'])}", file=sys.stderr, flush=True)
            if args.eval:
                predictions += _checked(held, a, b, cases, books, k, args.select)
        if args.eval:
            _print_eval(cases, predictions, args.format)
            return 0
        print(f"\nleave-brands-out, {args.folds} folds, {len(brands)} brands ({time.perf_counter() - start:.0f} s):")
        print(f"{'space':10} {'threshold':>9} {'dis found':>9} {'con found':>9} {'unrel any':>9} {'pairs':>6}")
        for space, results in rows.items():
            for name in ("related", "floor"):
                # cases are equally many per brand, so the mean over folds is the pooled figure
                mean = {k: float(np.mean([r[name][k] for r in results])) for k in results[0][name]}
                print(f"{space:10} {mean['threshold']:9.2f} {mean['dissonant_found']:9.3f} "
                      f"{mean['consistent_found']:9.3f} {mean['unrelated_with_any']:9.3f} "
                      f"{mean['pairs_per_sentence']:6.2f}")
        return 0

    a, b = train(brands, **options)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    np.savez(out / "projection.npz", a=a.astype(np.float32), b=b.astype(np.float32))
    meta = {"name": PROJECTED_EMBEDDER, "base": "use-m3", "date": date.today().isoformat(),
            "trained_on": [x.name for x in brands], "cases": int(sum(len(x.labels) for x in brands)),
            "options": options, "seconds": round(time.perf_counter() - start, 1),
            "train_figures": {"use": figures(brands, identity), "projected": figures(brands, identity + a @ b)}}
    (out / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(meta["train_figures"], indent=2))
    print(f"wrote {out} ({time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Data helpers shared by the judge training scripts (``train_judge.py``, ``train_cross_judge.py``).

- NLI files of ``../shared/data/nli`` (``read_nli``) and the deterministic SNLI held-out split (``bucket``);
- promise/copy pairs from the labelled cases of ``corpora/cases`` (``case_pairs``), hard negatives included;
- honest threshold calibration that simulates the Checker's decision rule (``calibrate``), the cue checks
  included (``CueFlags``).

Relatedness is the Checker's: the best multilingual-USE cosine of a text with a promise's statement and
examples, with vectors cached on disk by ``VectorCache``.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from promisecheck.book import PromiseBook  # noqa: E402
from promisecheck.checker import best_per_promise  # noqa: E402
from promisecheck.evaluate import Case  # noqa: E402
from promisecheck.nlp.embedder import get_embedder  # noqa: E402
from promisecheck.nlp.judge import LABELS, Judge, Thresholds  # noqa: E402

NLI_LABEL = {"c": 0, "e": 1, "n": 2}  # indices into LABELS: contradicts, supports, neither
CASE_LABEL = {"dissonant": 0, "consistent": 1, "unrelated": 2}
EMBEDDER = "use-m3"
#: Train brands written for the judge after xe-e5-v2 and the retrieval projection. Judge set 1: plain contradictions
#: and consistent copy in nearly the same words, which ``train_cross_judge.py``'s phase C learns. The scripts that
#: reproduce the earlier models leave the judge sets out by default.
JUDGE_SET_1 = ["trailhead-outfitters", "studio-pixel", "kos-nyaman", "sahm-invest", "greenleaf-grocer", "chez-toutou",
               "kereta-kita", "tamr-cafe"]
#: Judge set 2, written next (tone, overclaims and kind or hedged copy in the same words).
JUDGE_SET_2 = ["nestwell-mortgages", "pousse-pousse", "sehat-jiwa", "rawda-nursery", "ironclad-auto", "caisse-amie",
               "gadai-mudah", "marsa-marina"]

Pair = tuple[str, str, int]  # (promise statement / premise, copy / hypothesis, label index)


def bucket(key: str, buckets: int = 10) -> int:
    return int(hashlib.sha1(key.encode()).hexdigest(), 16) % buckets


def read_nli(path: Path) -> list[Pair]:
    with open(path, encoding="utf-8") as handle:
        return [(d["premise"], d["hypothesis"], NLI_LABEL[d["label"]])
                for d in map(json.loads, handle) if d["label"] in NLI_LABEL]


class VectorCache:
    """Sentence vectors on disk, so a second run embeds nothing it has seen."""

    def __init__(self, path: Path, embedder: str = EMBEDDER) -> None:
        self.path = path
        self.embedder = embedder
        self.vectors: dict[str, np.ndarray] = {}
        if path.exists():
            with np.load(path, allow_pickle=False) as data:
                self.vectors = dict(zip(data["texts"].tolist(), data["vectors"].astype(np.float32)))

    def embed(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if missing:
            start = time.time()
            vectors = get_embedder(self.embedder).encode(missing, batch_size=128)
            self.vectors.update(zip(missing, vectors))
            if len(missing) > 1000:
                print(f"  embedded {len(missing)} new sentences in {time.time() - start:.0f} s", flush=True)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            texts_all = list(self.vectors)
            np.savez(self.path, texts=np.array(texts_all), vectors=np.stack([self.vectors[t] for t in texts_all]))
        return np.stack([self.vectors[t] for t in texts])


def promise_keys(book: PromiseBook) -> tuple[list[str], np.ndarray]:
    keys, owners = [], []
    for i, p in enumerate(book):
        for text in (p.statement, *p.consistent_examples, *p.dissonant_examples):
            keys.append(text)
            owners.append(i)
    return keys, np.asarray(owners)


def similarities(cache: VectorCache, book: PromiseBook, texts: list[str]) -> np.ndarray:
    """Cosine of each text with each promise (best over statement and examples), as the Checker does."""
    keys, owners = promise_keys(book)
    return best_per_promise(cache.embed(texts) @ cache.embed(keys).T, owners, len(book))


def case_pairs(cases: list[Case], books: dict[str, PromiseBook], cache: VectorCache) -> list[Pair]:
    """(promise statement, copy, label) pairs from labelled cases, hard negatives included."""
    pairs = []
    for name, book in books.items():
        group = [c for c in cases if c.book == name]
        if not group:
            continue
        ids = [p.id for p in book]
        sims = similarities(cache, book, [c.text for c in group])
        for case, row in zip(group, sims):
            order = [ids[i] for i in np.argsort(-row)]
            if case.label == "unrelated":
                pairs.append((book[order[0]].statement, case.text, 2))
                continue
            pairs.append((book[case.promise].statement, case.text, CASE_LABEL[case.label]))
            other = next(i for i in order if i != case.promise)
            pairs.append((book[other].statement, case.text, 2))
    for book in books.values():
        for p in book:
            pairs += [(p.statement, t, 1) for t in p.consistent_examples]
            pairs += [(p.statement, t, 0) for t in p.dissonant_examples]
    return pairs


def checker_view(cases: Sequence[Case], books: dict[str, PromiseBook], cache: VectorCache,
                 predict_pairs: Callable[[list[Pair]], np.ndarray], top_k: int = 3):
    """What the Checker sees for each case: the cosines of its ``top_k`` most similar promises and the
    judge's probabilities for them, plus the gold label index. ``predict_pairs`` maps ``(promise, copy, _)``
    pairs to ``(n, 3)`` probabilities in ``LABELS`` order; every promise of the book is judged."""
    sims, probs, gold = [], [], []
    for name, book in books.items():
        group = [c for c in cases if c.book == name]
        if not group:
            continue
        s = similarities(cache, book, [c.text for c in group])
        statements = [p.statement for p in book]
        pairs = [(st, c.text, 0) for c in group for st in statements]
        p = np.asarray(predict_pairs(pairs)).reshape(len(group), len(book), len(LABELS))
        for row_s, row_p, c in zip(s, p, group):
            top = np.argsort(-row_s)[:top_k]
            sims.append(row_s[top])
            probs.append(row_p[top])
            gold.append(CASE_LABEL[c.label])
    return np.array(sims), np.array(probs), np.array(gold)


class CueFlags:
    """Which cases the cue checks (PC2xx) flag, by the real Checker, at a given similarity threshold (the
    retrieval they depend on), memoised; aligned with ``checker_view``'s order. The cue checks never read
    the judge's probabilities, so they run here with a judge that reads nothing."""

    CODES = ("PC201", "PC202", "PC203", "PC204", "PC205", "PC206")

    def __init__(self, cases: Sequence[Case], books: dict[str, PromiseBook]) -> None:
        self.groups = [(book, [c for c in cases if c.book == name]) for name, book in books.items()]
        self.groups = [(book, group) for book, group in self.groups if group]
        self.memo: dict[float, np.ndarray] = {}

    def __call__(self, similarity: float) -> np.ndarray:
        similarity = round(float(similarity), 3)
        if similarity not in self.memo:
            from promisecheck.checker import Checker

            judge = Unjudged(similarity)
            flags = []
            for book, group in self.groups:
                checker = Checker(book, judge=judge, select=self.CODES, cache=False)
                flags += [bool(r.findings) for r in checker.check_texts([(c.id, c.text) for c in group])]
            self.memo[similarity] = np.array(flags)
        return self.memo[similarity]


class Unjudged(Judge):
    """A stand-in judge for ``CueFlags``: every pair "neither" (the cue checks do not read it)."""

    name, embedder_name = "unjudged", EMBEDDER

    def __init__(self, similarity: float) -> None:
        self.thresholds = Thresholds(similarity, 1.0, 1.0)

    def judge(self, promises, sentences) -> np.ndarray:
        out = np.zeros((len(promises), len(LABELS)), dtype=np.float32)
        out[:, 2] = 1.0
        return out


def label_f1s(pred: np.ndarray, gold: np.ndarray) -> list[float]:
    """F1 of each label index (dissonant, consistent, unrelated) of predicted against gold labels."""
    f1s = []
    for k in range(3):
        tp = ((pred == k) & (gold == k)).sum()
        prec, rec = tp / max(1, (pred == k).sum()), tp / max(1, (gold == k).sum())
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return f1s


def search_thresholds(sims: np.ndarray, probs: np.ndarray, gold: np.ndarray, max_false_alarms: float = 0.05,
                      cue_flags: Callable[[float], np.ndarray] | None = None, every_similarity: bool = False):
    """The grid search of ``calibrate`` on a ``checker_view``: best 3-way macro-F1 with ≤ ``max_false_alarms``
    of unrelated cases flagged. Returns ``(macro_f1, similarity, contradicts, supports, dissonant_f1,
    false_alarms)`` or None when no point of the grid meets the constraint; with ``every_similarity``, the
    list of the best points for each similarity threshold. ``cue_flags`` (``CueFlags``): the cases the cue
    checks flag, which are dissonant whatever the judge says, so the judge's thresholds are chosen for the
    whole Checker, not for PC101 alone."""
    per_similarity = []
    for ts in np.arange(0.10, 0.66, 0.02):
        best = None
        related = sims >= ts
        cued = cue_flags(ts) if cue_flags is not None else np.zeros(len(gold), dtype=bool)
        for tc in np.arange(0.30, 0.96, 0.025):
            contra = related & (probs[..., 0] >= tc) & (probs[..., 0] > probs[..., 1])
            is_dis = contra.any(axis=1) | cued
            sup_score = np.where(related, probs[..., 1], -1).max(axis=1)
            for te in np.arange(0.30, 0.96, 0.05):
                pred = np.where(is_dis, 0, np.where(sup_score >= te, 1, 2))
                fa = (pred[gold == 2] == 0).mean()
                if fa > max_false_alarms:
                    continue
                f1s = label_f1s(pred, gold)
                key = float(np.mean(f1s))
                if best is None or key > best[0]:
                    best = (key, round(float(ts), 3), round(float(tc), 3), round(float(te), 3), f1s[0], fa)
        if best is not None:
            per_similarity.append(best)
    if every_similarity:
        return per_similarity
    return max(per_similarity, key=lambda point: point[0]) if per_similarity else None


def calibrate(cases, books, cache, predict_pairs: Callable[[list[Pair]], np.ndarray], top_k: int = 3,
              max_false_alarms: float = 0.05, details: dict | None = None) -> dict:
    """Choose thresholds that maximise 3-way macro-F1 with ≤ 5% false alarms on unrelated copy,
    simulating the Checker's decision rule on precomputed similarities and probabilities.

    ``predict_pairs`` maps ``(promise, copy, _)`` pairs to ``(n, 3)`` probabilities in ``LABELS`` order.
    Returns ``{"similarity", "contradicts", "supports"}``; ``details``, if given, receives the scores
    reached on the calibration cases.
    """
    sims, probs, gold = checker_view(cases, books, cache, predict_pairs, top_k)
    best = search_thresholds(sims, probs, gold, max_false_alarms)
    print(f"  calibration: macro-F1 {best[0]:.3f}, dissonant F1 {best[4]:.3f}, false alarms {best[5]:.3f} "
          f"at similarity {best[1]}, contradicts {best[2]}, supports {best[3]}")
    if details is not None:
        details.update({"cases": int(len(gold)), "macro_f1": round(best[0], 4),
                        "dissonant_f1": round(float(best[4]), 4), "false_alarms_unrelated": round(float(best[5]), 4)})
    return {"similarity": best[1], "contradicts": best[2], "supports": best[3]}

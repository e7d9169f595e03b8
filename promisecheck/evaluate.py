"""Measure the checker on labelled cases (``corpora/cases/*.jsonl``): ``promisecheck eval``.

Each case is one piece of copy, its brand's book, and a gold label: ``dissonant`` (breaks ``promise``),
``consistent`` (keeps ``promise``) or ``unrelated``. The real ``Checker`` runs on every case; a case is
predicted dissonant when it has a finding, consistent when it has no finding and a support, unrelated
otherwise.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from ._io import MAX_CASE_FILE_BYTES, read_text_file
from .book import PromiseBook, load_book
from .errors import PromisecheckError

LABELS = ("dissonant", "consistent", "unrelated")
CASE_KEYS = ("id", "book", "lang", "text", "label", "promise", "kind")


@dataclass(frozen=True)
class Case:
    id: str
    book: str
    lang: str
    text: str
    label: str
    promise: str | None
    kind: str


def load_cases(paths: Iterable[str]) -> list[Case]:
    """Read and validate JSONL case files; errors name the file and line."""
    cases, seen = [], set()
    for path in paths:
        for number, line in enumerate(read_text_file(path, MAX_CASE_FILE_BYTES).splitlines(), 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise PromisecheckError(f"invalid JSON: {exc.msg}", path, number, exc.colno) from None
            if not isinstance(data, dict) or set(data) != set(CASE_KEYS):
                keys = sorted(data) if isinstance(data, dict) else type(data).__name__
                raise PromisecheckError(f"a case needs exactly the keys {', '.join(CASE_KEYS)}; got {keys}",
                                        path, number, 1)
            if data["label"] not in LABELS:
                raise PromisecheckError(f"unknown label '{data['label']}'", path, number, 1)
            if data["id"] in seen:
                raise PromisecheckError(f"duplicate case id '{data['id']}'", path, number, 1)
            seen.add(data["id"])
            cases.append(Case(**data))
    return cases


def load_books(books_dir: str, cases: Sequence[Case]) -> dict[str, PromiseBook]:
    """The books the cases name (``books/<slug>`` → ``<books_dir>/<slug>.yaml``), checked against them."""
    books = {}
    for name in sorted({c.book for c in cases}):
        slug = name.split("/", 1)[-1]
        books[name] = load_book(os.path.join(books_dir, f"{slug}.yaml"))
    for case in cases:
        if case.promise is not None and books[case.book].get(case.promise) is None:
            raise PromisecheckError(f"case '{case.id}' names promise '{case.promise}', not in {case.book}")
    return books


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(gold: Sequence[Case], predicted: Sequence[str], named: Sequence[set[str]]) -> dict:
    """Metrics for one group of cases (see module docstring)."""
    confusion = Counter(zip((c.label for c in gold), predicted))
    per_label = {}
    for label in LABELS:
        tp = confusion[(label, label)]
        precision = tp / max(1, sum(confusion[(g, label)] for g in LABELS))
        recall = tp / max(1, sum(confusion[(label, p)] for p in LABELS))
        per_label[label] = {"precision": precision, "recall": recall, "f1": _f1(precision, recall)}
    true_positives = [(c, n) for c, p, n in zip(gold, predicted, named) if c.label == p == "dissonant"]
    unrelated = [p for c, p in zip(gold, predicted) if c.label == "unrelated"]
    consistent = [p for c, p in zip(gold, predicted) if c.label == "consistent"]
    kinds = defaultdict(lambda: [0, 0])
    for c, p in zip(gold, predicted):
        if c.label == "dissonant":
            kinds[c.kind][0] += p == "dissonant"
            kinds[c.kind][1] += 1
    return {
        "cases": len(gold),
        "dissonant": per_label["dissonant"],
        "right_promise": (sum(c.promise in n for c, n in true_positives) / len(true_positives)
                          if true_positives else 0.0),
        "false_alarms_unrelated": sum(p == "dissonant" for p in unrelated) / max(1, len(unrelated)),
        "false_alarms_consistent": sum(p == "dissonant" for p in consistent) / max(1, len(consistent)),
        "macro_f1": sum(v["f1"] for v in per_label.values()) / len(LABELS),
        "per_label": per_label,
        "recall_by_kind": {k: v[0] / v[1] for k, v in sorted(kinds.items())},
        "confusion": {g: {p: confusion[(g, p)] for p in LABELS} for g in LABELS},
    }


def score_by_language(gold: Sequence[Case], predicted: Sequence[str], named: Sequence[set[str]]) -> dict:
    """``score`` overall (``"overall"``) and for each language of the cases (its code)."""
    result = {"overall": score(gold, predicted, named)}
    for lang in sorted({c.lang for c in gold}):
        group = [i for i, c in enumerate(gold) if c.lang == lang]
        result[lang] = score([gold[i] for i in group], [predicted[i] for i in group], [named[i] for i in group])
    return result


def evaluate(cases: Sequence[Case], books: dict[str, PromiseBook], **checker_options) -> dict:
    """Run the real ``Checker`` on every case; metrics overall and per language (each with
    ``recall_by_kind``). ``checker_options`` go to every ``Checker``: ``select=["PC101"]`` or
    ``ignore=[...]`` measure a subset of the checks."""
    from .checker import Checker

    predicted, named = {}, {}
    by_book = defaultdict(list)
    for case in cases:
        by_book[case.book].append(case)
    for name, group in by_book.items():
        checker = Checker(books[name], **checker_options)
        for case, report in zip(group, checker.check_texts([(c.id, c.text) for c in group])):
            named[case.id] = {f.promise_id for f in report.findings}
            predicted[case.id] = ("dissonant" if report.findings else
                                  "consistent" if report.supports else "unrelated")
    result = score_by_language(cases, [predicted[c.id] for c in cases], [named[c.id] for c in cases])
    result["predictions"] = [{"id": c.id, "gold": c.label, "predicted": predicted[c.id],
                              "promise": c.promise, "named": sorted(named[c.id])} for c in cases]
    return result


def format_table(result: dict) -> str:
    """A plain-text table of the headline metrics, one row per language and overall."""
    groups = [g for g in result if g not in ("overall", "predictions")] + ["overall"]
    lines = [f"{'group':<8} {'cases':>5}  {'P(dis)':>6} {'R(dis)':>6} {'F1(dis)':>7} {'right':>6} "
             f"{'FA-unrel':>8} {'FA-cons':>7} {'macroF1':>7}"]
    for g in groups:
        m = result[g]
        d = m["dissonant"]
        lines.append(f"{g:<8} {m['cases']:>5}  {d['precision']:>6.3f} {d['recall']:>6.3f} {d['f1']:>7.3f} "
                     f"{m['right_promise']:>6.3f} {m['false_alarms_unrelated']:>8.3f} "
                     f"{m['false_alarms_consistent']:>7.3f} {m['macro_f1']:>7.3f}")
    overall = result["overall"]
    lines.append("")
    lines.append("confusion (rows gold, columns predicted): " + ", ".join(LABELS))
    for g in LABELS:
        lines.append(f"  {g:<10} " + " ".join(f"{overall['confusion'][g][p]:>6}" for p in LABELS))
    lines.append("recall by dissonant kind: " + ", ".join(
        f"{k} {v:.2f}" for k, v in overall["recall_by_kind"].items()))
    kinds = list(overall["recall_by_kind"])
    if kinds:
        lines.append("")
        lines.append("recall by dissonant kind and language:")
        width = max(len(k) for k in kinds)
        lines.append(f"  {'kind':<{width}} " + " ".join(f"{g:>6}" for g in groups))
        for kind in kinds:
            cells = [result[g]["recall_by_kind"].get(kind) for g in groups]
            lines.append(f"  {kind:<{width}} " + " ".join("     -" if c is None else f"{c:>6.2f}" for c in cells))
    return "\n".join(lines) + "\n"

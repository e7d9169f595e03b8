"""The Checker: segment → retrieve related promises → judge → run checks → report."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

import numpy as np

from ._io import read_text_file
from .book import PromiseBook
from .checks import Context, Judgement, registry
from .errors import PromisecheckError
from .nlp.embedder import Embedder, get_embedder
from .nlp.judge import DEFAULT_JUDGE, LABELS, Judge, get_judge
from .nlp.langid import DEFAULT_LANGUAGES, validate_languages
from .report import Finding, LineIndex, Report, Span, Support
from .segment import Sentence, segment
from .sources import SUPPORTED_EXTENSIONS

# Directories no one wants checked when a whole tree is given.
SKIPPED_DIRS = {"node_modules", "venv", "__pycache__", "site-packages", "_build", "dist"}


@dataclass(frozen=True)
class _Document:
    path: str
    text: str
    ext: str


class Checker:
    """Checks copy against one promise book.

    Models load lazily and are shared by every ``Checker`` in the process; building a checker for
    another book costs only embedding that book's promises.

    ``embedder``: the retrieval embedder (default: the one the judge was trained with).
    ``judge``: a shipped judge name, a ``.npz`` path, or a ``Judge`` object.
    ``top_k``: how many related promises to judge per sentence.
    ``similarity_threshold`` / ``contradiction_threshold`` / ``support_threshold`` override the judge's
    calibrated thresholds (recalibrate the first when you change the embedder).
    ``select`` / ``ignore``: check codes to run or skip.
    """

    def __init__(self, book: PromiseBook, *, embedder: str | Embedder | None = None,
                 judge: str | Judge | None = None, languages: Sequence[str] = DEFAULT_LANGUAGES,
                 top_k: int = 3, similarity_threshold: float | None = None,
                 contradiction_threshold: float | None = None, support_threshold: float | None = None,
                 select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> None:
        if not isinstance(book, PromiseBook):
            raise TypeError("Checker needs a PromiseBook (see promisecheck.load_book)")
        self.book = book
        try:
            self.judge = judge if isinstance(judge, Judge) else get_judge(judge or DEFAULT_JUDGE)
        except ValueError as exc:
            raise PromisecheckError(str(exc)) from None
        self.embedder = embedder if isinstance(embedder, Embedder) else get_embedder(
            embedder or self.judge.embedder_name)
        try:
            self.languages = validate_languages(tuple(languages))
        except ValueError as exc:
            raise PromisecheckError(str(exc)) from None
        self.top_k = max(1, top_k)
        overrides = {k: v for k, v in (("similarity", similarity_threshold),
                                       ("contradicts", contradiction_threshold),
                                       ("supports", support_threshold)) if v is not None}
        self.thresholds = replace(self.judge.thresholds, **overrides)
        checks = registry()
        unknown = [c for c in [*(select or ()), *ignore] if c not in checks]
        if unknown:
            raise PromisecheckError(f"unknown check code '{unknown[0]}' (known: {', '.join(checks)})")
        chosen = set(select) if select else set(checks)
        self.checks = [c for code, c in checks.items() if code in chosen and code not in set(ignore)]
        # Retrieval keys: each promise's statement and its examples; a sentence's relatedness to a
        # promise is its best cosine with any of them.
        keys, owners = [], []
        for i, promise in enumerate(book):
            for text in (promise.statement, *promise.consistent_examples, *promise.dissonant_examples):
                keys.append(text)
                owners.append(i)
        self._key_vectors = self.embedder.encode(keys)
        self._key_owner = np.asarray(owners)

    # --- public API --------------------------------------------------------------------------

    def check_text(self, text: str, path: str = "<text>", ext: str | None = None) -> Report:
        """Check one text. ``ext`` (``.md``, ``.html``, ``.txt``…) defaults to ``path``'s extension."""
        ext = ext or os.path.splitext(path)[1] or ".txt"
        return self._check([_Document(path, text.removeprefix("\ufeff"), _normalise_ext(ext))])[0]

    def check_texts(self, texts: Sequence[tuple[str, str]], ext: str = ".txt") -> list[Report]:
        """Check many ``(path, text)`` pairs in one batch; one report each, in order."""
        return self._check([_Document(path, text.removeprefix("\ufeff"), _normalise_ext(ext))
                            for path, text in texts])

    def check_paths(self, paths: Iterable[str | os.PathLike]) -> Report:
        """Check files and directory trees; unreadable files become ``report.errors``, not exceptions."""
        documents, errors = [], []
        for path in expand_paths(paths):
            try:
                documents.append(_Document(path, read_text_file(path), _normalise_ext(os.path.splitext(path)[1])))
            except PromisecheckError as exc:
                errors.append(exc)
        report = Report(errors=tuple(errors))
        for doc_report in self._check(documents):
            report = report.merge(doc_report)
        return report

    # --- pipeline ------------------------------------------------------------------------------

    def _check(self, documents: list[_Document]) -> list[Report]:
        per_doc: list[list[Sentence]] = []
        errors: list[tuple[PromisecheckError, ...]] = []
        for doc in documents:
            try:
                per_doc.append(segment(doc.text, doc.ext, self.languages, self.book.language))
                errors.append(())
            except ValueError as exc:
                errors.append((PromisecheckError(str(exc), doc.path),))
                per_doc.append([])
        sentences = [s for doc_sentences in per_doc for s in doc_sentences]
        judgements = self._judge([s.text for s in sentences])
        reports = []
        cursor = 0
        context = Context(self.book, self.thresholds)
        for doc, doc_sentences, error in zip(documents, per_doc, errors):
            findings, supports = [], []
            index = LineIndex(doc.text)
            for sentence in doc_sentences:
                related = judgements[cursor]
                cursor += 1
                span = Span.locate(index, sentence.start, sentence.end)
                for check in self.checks:
                    for v in check.run(sentence, related, context):
                        j = next((j for j in related if j.promise is v.promise), None)
                        findings.append(Finding(
                            code=check.code, check=check.name, severity=v.promise.severity,
                            message=v.message, path=doc.path, line=span.line, column=span.column,
                            end_line=span.end_line, end_column=span.end_column, start=span.start,
                            end=span.end, sentence=sentence.text, lang=sentence.lang,
                            promise_id=v.promise.id, promise=v.promise.statement, score=round(v.score, 4),
                            similarity=round(j.similarity, 4) if j else 0.0,
                            scores={label: round(getattr(j, label), 4) for label in LABELS} if j else {},
                            evidence=v.evidence))
                if not related:
                    continue
                best = max(related, key=lambda j: j.supports)
                if best.supports >= self.thresholds.supports and best.supports > best.contradicts:
                    supports.append(Support(
                        path=doc.path, line=span.line, column=span.column, end_line=span.end_line,
                        end_column=span.end_column, start=span.start, end=span.end,
                        sentence=sentence.text, lang=sentence.lang, promise_id=best.promise.id,
                        promise=best.promise.statement, score=round(best.supports, 4),
                        similarity=round(best.similarity, 4)))
            reports.append(Report(findings=tuple(findings), supports=tuple(supports), errors=error,
                                  paths=(doc.path,), sentences=len(doc_sentences)))
        return reports

    def related(self, sentences: Sequence[str]) -> list[list[tuple[int, float]]]:
        """For each sentence, its related promises as ``(index in book, cosine)``, best first."""
        if not sentences:
            return []
        sims = self.embedder.encode(list(sentences)) @ self._key_vectors.T
        per_promise = np.full((len(sentences), len(self.book)), -1.0, dtype=np.float32)
        for i in range(len(self.book)):
            per_promise[:, i] = sims[:, self._key_owner == i].max(axis=1)
        order = np.argsort(-per_promise, axis=1)[:, : self.top_k]
        return [[(int(p), float(per_promise[s, p])) for p in order[s]
                 if per_promise[s, p] >= self.thresholds.similarity] for s in range(len(sentences))]

    def _judge(self, sentences: list[str]) -> list[list[Judgement]]:
        related = self.related(sentences)
        pairs = [(s, p, sim) for s, rel in enumerate(related) for p, sim in rel]
        probabilities = self.judge.judge([self.book.promises[p].statement for _, p, _ in pairs],
                                         [sentences[s] for s, _, _ in pairs])
        result: list[list[Judgement]] = [[] for _ in sentences]
        for (s, p, sim), probs in zip(pairs, probabilities):
            result[s].append(Judgement(self.book.promises[p], sim, *map(float, probs)))
        return result


def _normalise_ext(ext: str) -> str:
    ext = ext.lower()
    return ext if ext.startswith(".") else "." + ext


def expand_paths(paths: Iterable[str | os.PathLike]) -> list[str]:
    """Files named directly, plus the supported files found under named directories (sorted)."""
    result = []
    for path in map(os.fspath, paths):
        if not os.path.isdir(path):
            result.append(path)
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
            result.extend(os.path.join(root, f) for f in sorted(files)
                          if os.path.splitext(f)[1].lower() in SUPPORTED_EXTENSIONS)
    return result

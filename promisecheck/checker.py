"""The Checker: segment → retrieve related promises → judge → run checks → suppress → report.

Model outputs (sentences of a file, embeddings, judgements) and each file's whole report go through an
on-disk cache (``cache.py``), so re-checking unchanged copy runs no model, and an unchanged file is
not checked again at all.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import asdict, dataclass, replace
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import numpy as np

from . import suppress
from ._io import read_text_file
from .book import PromiseBook
from .cache import Cache, code_id, embedder_id, judge_id, key, open_cache, segmenter_id
from .checks import Context, Judgement, dedupe, registry
from .errors import PromisecheckError
from .nlp._artefacts import set_directory as set_artefact_directory
from .nlp.embedder import Embedder, get_embedder
from .nlp.judge import DEFAULT_JUDGE, LABELS, Judge, get_judge
from .nlp.langid import DEFAULT_LANGUAGES, validate_languages
from .nlp.pressure import get_pressure_reader
from .report import Finding, LineIndex, Report, Span, Support
from .segment import Sentence, preceding, segment
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
    ``select`` / ``ignore``: check codes to run or skip (``PC001``: report unused suppressions).
    ``cache``: ``True`` (the default: the user cache directory or ``PROMISECHECK_CACHE_DIR``), a
    directory, a ``Cache``, or ``False`` for none.
    ``report_unused_suppressions``: report suppression comments that suppress nothing (``PC001``).
    """

    def __init__(self, book: PromiseBook, *, embedder: str | Embedder | None = None,
                 judge: str | Judge | None = None, languages: Sequence[str] = DEFAULT_LANGUAGES,
                 top_k: int = 3, similarity_threshold: float | None = None,
                 contradiction_threshold: float | None = None, support_threshold: float | None = None,
                 select: Iterable[str] | None = None, ignore: Iterable[str] = (),
                 cache: Cache | str | os.PathLike | bool | None = True,
                 report_unused_suppressions: bool = True) -> None:
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
        self.pressure_reader = get_pressure_reader()
        self.thresholds = replace(self.judge.thresholds, pressure=self.pressure_reader.threshold, **overrides)
        checks = registry()
        known = [*checks, suppress.UNUSED_CODE]
        ignore = set(ignore)
        unknown = [c for c in [*(select or ()), *ignore] if c not in known]
        if unknown:
            raise PromisecheckError(f"unknown check code '{unknown[0]}' (known: {', '.join(known)})")
        chosen = set(select) if select else set(known)
        self.checks = [c for code, c in checks.items() if code in chosen and code not in ignore]
        self.report_unused_suppressions = (report_unused_suppressions and suppress.UNUSED_CODE in chosen
                                           and suppress.UNUSED_CODE not in ignore)
        self._suppression_targets = frozenset([*checks, *(p.id for p in book),
                                               *(f"rules.{name}" for name, _ in book.rules)])
        if cache is True:
            cache = open_cache()
        elif isinstance(cache, (str, os.PathLike)):
            cache = open_cache(os.fspath(cache))
        self.cache: Cache | None = cache or None
        set_artefact_directory(self.cache.directory if self.cache else None)
        if self.cache:
            self._embedder_id = embedder_id(self.embedder)
            self._judge_id = judge_id(self.judge, None if isinstance(judge, Judge) else judge or DEFAULT_JUDGE)
            # everything a file's report depends on besides its path and text
            self._report_id = key("checker", code_id(), self._judge_id, self._embedder_id,
                                  self.pressure_reader.digest, json.dumps(
                [self.book.to_dict(), self.book.language, asdict(self.thresholds), self.top_k,
                 list(self.languages), [c.code for c in self.checks], self.report_unused_suppressions],
                ensure_ascii=False, sort_keys=True, default=str)).hex()
        # Retrieval keys: each promise's statement and its examples; a sentence's relatedness to a
        # promise is its best cosine with any of them.
        keys, owners = [], []
        for i, promise in enumerate(book):
            for text in (promise.statement, *promise.consistent_examples, *promise.dissonant_examples):
                keys.append(text)
                owners.append(i)
        self._key_vectors = self._encode(keys)
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

    def check_many(self, items: Iterable[Any], batch_size: int = 64) -> Iterator[Report]:
        """Check a stream of texts, ``batch_size`` at a time (models run once per batch, not once per
        text); yields one report per item, in order, as each batch is done.

        An item is a ``str``, a ``(path, text)`` tuple, or a mapping or object with ``text`` and
        optionally ``path``, ``id`` and ``ext``. The report's path is ``path``, else ``str(id)``, else
        ``<text>``; the file type is ``ext``, else ``path``'s extension, else ``.txt``.
        """
        batch: list[_Document] = []
        for item in items:
            batch.append(_document_of(item))
            if len(batch) >= max(1, batch_size):
                yield from self._check(batch)
                batch = []
        if batch:
            yield from self._check(batch)

    def check_paths(self, paths: Iterable[str | os.PathLike], *, jobs: int = 1, batch_size: int = 64,
                    on_progress: Callable[[int, int], None] | None = None) -> Report:
        """Check files and directory trees; unreadable files become ``report.errors``, not exceptions.

        ``jobs`` > 1 reads files in that many threads and, when they hold at least
        ``PARALLEL_MIN_BYTES`` in all, segments them (the part that does not batch) in that many
        processes; results keep the order of the files. ``on_progress(done, total)`` is called after
        each batch of ``batch_size`` files.
        """
        files = expand_paths(paths)
        parts = []
        with ExitStack() as stack:
            readers = stack.enter_context(ThreadPoolExecutor(jobs)) if jobs > 1 else None
            parallel = jobs > 1 and _total_size(files) >= PARALLEL_MIN_BYTES
            segmenters = stack.enter_context(_process_pool(jobs)) if parallel else None
            for first in range(0, len(files), max(1, batch_size)):
                batch = files[first:first + max(1, batch_size)]
                loaded = list(readers.map(_read_document, batch) if readers else map(_read_document, batch))
                parts.append(Report(errors=tuple(d for d in loaded if isinstance(d, PromisecheckError))))
                parts += self._check([d for d in loaded if isinstance(d, _Document)], segmenters)
                if on_progress:
                    on_progress(first + len(batch), len(files))
        return Report.combine(parts)

    # --- pipeline ------------------------------------------------------------------------------

    def _check(self, documents: list[_Document], pool: Executor | None = None) -> list[Report]:
        """One report per document: from the cache for a file checked before with the same text, book,
        options, models and code (no model or pipeline is even loaded then), else by running the pipeline."""
        if not self.cache:
            return self._run(documents, pool)
        keys = [key("report", self._report_id, d.path, d.ext, d.text) for d in documents]
        stored = self.cache.get_many(keys)
        reports: dict[int, Report] = {}
        for i, k in enumerate(keys):
            if k in stored:
                try:
                    reports[i] = _load_report(stored[k])
                except (ValueError, TypeError, KeyError):  # unreadable entry: check the file again
                    pass
        todo = [i for i in range(len(documents)) if i not in reports]
        fresh = dict(zip(todo, self._run([documents[i] for i in todo], pool)))
        self.cache.put_many({keys[i]: _dump_report(r) for i, r in fresh.items()})
        reports.update(fresh)
        return [reports[i] for i in range(len(documents))]

    def _run(self, documents: list[_Document], pool: Executor | None = None) -> list[Report]:
        if not documents:
            return []
        per_doc, errors = self._segment(documents, pool)
        sentences = [s for doc_sentences in per_doc for s in doc_sentences]
        texts = [s.text for s in sentences]
        befores = [preceding(doc_sentences, doc.text) for doc, doc_sentences in zip(documents, per_doc)]
        vectors = self._encode(texts)
        similarities = self._similarities(texts, vectors)
        pressure = self._pressure(texts, vectors, [w for doc_sentences, before in zip(per_doc, befores)
                                                   for w in _windows(doc_sentences, before)])
        judgements = self._judge(texts, similarities)
        reports = []
        cursor = 0
        context = Context(self.book, self.thresholds)
        for doc, doc_sentences, doc_befores, error in zip(documents, per_doc, befores, errors):
            findings: list[Finding] = []
            supports = []
            index = LineIndex(doc.text)
            for sentence, before in zip(doc_sentences, doc_befores):
                related = judgements[cursor]
                # every promise's relatedness, for the cue checks' look below the retrieval threshold
                sentence_context = replace(context, similarities=tuple(map(float, similarities[cursor])),
                                           before=before, pressure=float(pressure[cursor]))
                cursor += 1
                span = Span.locate(index, sentence.start, sentence.end)
                for check in self.checks:
                    for v in check.run(sentence, related, sentence_context):
                        j = next((j for j in related if j.promise is v.promise), None)
                        findings.append(Finding(
                            code=check.code, check=check.name, severity=v.promise.severity,
                            message=v.message, path=doc.path, line=span.line, column=span.column,
                            end_line=span.end_line, end_column=span.end_column, start=span.start,
                            end=span.end, sentence=sentence.text, lang=sentence.lang,
                            promise_id=v.promise.id, promise=v.promise.statement, score=round(v.score, 4),
                            similarity=round(j.similarity if j else sentence_context.similarity(v.promise) or 0.0, 4),
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
            directives, bad = suppress.scan(doc.text, doc.ext, self._suppression_targets, doc.path, index)
            outcome = suppress.apply(dedupe(findings), directives, index, doc.path, {c.code for c in self.checks})
            kept = [*outcome.findings, *(outcome.unused if self.report_unused_suppressions else ())]
            kept.sort(key=lambda f: (f.start, f.end, f.code, f.promise_id))
            reports.append(Report(findings=tuple(kept), supports=tuple(supports), errors=(*error, *bad),
                                  paths=(doc.path,), sentences=len(doc_sentences),
                                  suppressed=outcome.suppressed))
        return reports

    def _segment(self, documents: list[_Document], pool: Executor | None
                 ) -> tuple[list[list[Sentence]], list[tuple[PromisecheckError, ...]]]:
        """Each document's sentences (from the cache where it has them) and its errors."""
        work = [(suppress.blank_directives(d.text, d.ext), d.ext, self.languages, self.book.language)
                for d in documents]
        keys = [key("sentences", segmenter_id(), ext, ",".join(langs), default, text)
                for text, ext, langs, default in work] if self.cache else []
        stored = self.cache.get_many(keys) if self.cache else {}
        todo = [i for i in range(len(work)) if not self.cache or keys[i] not in stored]
        if pool is not None and len(todo) > 1:
            fresh = list(pool.map(_segment_job, [work[i] for i in todo], chunksize=max(1, len(todo) // 16)))
        else:
            fresh = [_segment_job(work[i]) for i in todo]
        results: dict[int, list[Sentence] | str] = dict(zip(todo, fresh))
        if self.cache:
            self.cache.put_many({keys[i]: json.dumps([[s.text, s.start, s.end, s.lang, s.kind] for s in r],
                                                     ensure_ascii=False).encode()
                                 for i, r in results.items() if not isinstance(r, str)})
        per_doc, errors = [], []
        for i, doc in enumerate(documents):
            if i in results:
                result = results[i]
            else:
                result = [Sentence(*row) for row in json.loads(stored[keys[i]])]
            per_doc.append([] if isinstance(result, str) else result)
            errors.append((PromisecheckError(result, doc.path),) if isinstance(result, str) else ())
        return per_doc, errors

    def _encode(self, texts: list[str], embedder: Embedder | None = None) -> np.ndarray:
        """Embeddings of ``texts`` by ``embedder`` (default: the retrieval one), from the cache where it
        has them."""
        embedder = embedder or self.embedder
        if not self.cache or not texts:
            return embedder.encode(texts)
        identity = self._embedder_id if embedder is self.embedder else embedder_id(embedder)
        keys = {t: key("embedding", identity, t) for t in dict.fromkeys(texts)}
        stored = self.cache.get_many(keys.values())
        vectors = {t: np.frombuffer(stored[k], dtype=np.float32) for t, k in keys.items() if k in stored}
        missing = [t for t in keys if t not in vectors]
        if missing:
            fresh = embedder.encode(missing)
            vectors.update(zip(missing, fresh))
            self.cache.put_many({keys[t]: np.asarray(v, dtype=np.float32).tobytes() for t, v in zip(missing, fresh)})
        return np.stack([vectors[t] for t in texts])

    def _probabilities(self, promises: list[str], sentences: list[str]) -> np.ndarray:
        """The judge's ``(n, 3)`` probabilities for each (promise, sentence) pair, cache first."""
        if not self.cache:
            return self.judge.judge(promises, sentences)
        keys = [key("judgement", self._judge_id, p, s) for p, s in zip(promises, sentences)]
        stored = self.cache.get_many(keys)
        result = np.zeros((len(keys), len(LABELS)), dtype=np.float64)
        missing = []
        for i, k in enumerate(keys):
            if k in stored:
                result[i] = np.frombuffer(stored[k], dtype=np.float64)
            else:
                missing.append(i)
        if missing:
            fresh = np.asarray(self.judge.judge([promises[i] for i in missing], [sentences[i] for i in missing]),
                               dtype=np.float64)
            result[missing] = fresh
            self.cache.put_many({keys[i]: row.tobytes() for i, row in zip(missing, fresh)})
        return result

    def related(self, sentences: Sequence[str], similarities: np.ndarray | None = None
                ) -> list[list[tuple[int, float]]]:
        """For each sentence, its related promises as ``(index in book, cosine)``, best first
        (``similarities``: ``_similarities(sentences)``, when already computed)."""
        if not sentences:
            return []
        per_promise = self._similarities(sentences) if similarities is None else similarities
        order = np.argsort(-per_promise, axis=1)[:, : self.top_k]
        return [[(int(p), float(per_promise[s, p])) for p in order[s]
                 if per_promise[s, p] >= self.thresholds.similarity] for s in range(len(sentences))]

    def _similarities(self, sentences: Sequence[str], vectors: np.ndarray | None = None) -> np.ndarray:
        """``(n sentences, n promises)``: each sentence's relatedness to each promise, its best cosine
        with any of the promise's retrieval keys (``vectors``: the sentences' embeddings, when known)."""
        if not sentences:
            return np.zeros((0, len(self.book)), dtype=np.float32)
        vectors = self._encode(list(sentences)) if vectors is None else vectors
        return best_per_promise(vectors @ self._key_vectors.T, self._key_owner, len(self.book))

    def _pressure(self, sentences: list[str], vectors: np.ndarray, windows: list[str]) -> np.ndarray:
        """The learnt pressure reader's probability for each sentence (``vectors``: their retrieval
        embeddings, used when the reader reads the same embedder's). A sentence read as pressure is read
        again with its neighbours (``windows``), and the lower reading counts: alone, "Vous souhaitez
        vous désabonner ?" may sound like a guilt trip that "Un clic suffit, sans questions." answers."""
        reader = self.pressure_reader
        if not sentences:
            return np.zeros(0, dtype=np.float32)
        embedder = self.embedder
        if reader.embedder_name != embedder.name:
            embedder = get_embedder(reader.embedder_name)
            vectors = self._encode(sentences, embedder)
        probabilities = reader.probabilities(vectors)
        again = [i for i, p in enumerate(probabilities)
                 if p >= self.thresholds.pressure and windows[i] != sentences[i]]
        if again:
            in_context = reader.probabilities(self._encode([windows[i] for i in again], embedder))
            probabilities[again] = np.minimum(probabilities[again], in_context)
        return probabilities

    def _judge(self, sentences: list[str], similarities: np.ndarray | None = None) -> list[list[Judgement]]:
        related = self.related(sentences, similarities)
        pairs = [(s, p, sim) for s, rel in enumerate(related) for p, sim in rel]
        texts = [(self.book.promises[p].statement, sentences[s]) for s, p, _ in pairs]
        # a sentence that recurs in the batch (a footer, a disclaimer on every page) is judged once
        unique = {pair: i for i, pair in enumerate(dict.fromkeys(texts))}
        judged = self._probabilities([promise for promise, _ in unique], [sentence for _, sentence in unique])
        probabilities = judged[[unique[pair] for pair in texts]]
        result: list[list[Judgement]] = [[] for _ in sentences]
        for (s, p, sim), probs in zip(pairs, probabilities):
            result[s].append(Judgement(self.book.promises[p], sim, *map(float, probs)))
        return result


def best_per_promise(cosines: np.ndarray, owners: np.ndarray, promises: int) -> np.ndarray:
    """``(texts, promises)`` from ``(texts, keys)`` cosines: each text's best cosine with any retrieval key
    of each promise (``owners[k]``: the promise key ``k`` belongs to)."""
    per_promise = np.full((len(cosines), promises), -1.0, dtype=np.float32)
    for i in range(promises):
        per_promise[:, i] = cosines[:, owners == i].max(axis=1)
    return per_promise


def _windows(sentences: list[Sentence], befores: list[tuple[Sentence, ...]]) -> list[str]:
    """Each sentence with the one before and the one after it in its paragraph."""
    windows = []
    for i, (sentence, before) in enumerate(zip(sentences, befores)):
        after = i + 1 < len(sentences) and sentence in befores[i + 1]
        parts = [*before[-1:], sentence, *([sentences[i + 1]] if after else [])]
        windows.append(" ".join(part.text.strip() for part in parts))
    return windows


def _dump_report(report: Report) -> bytes:
    """A one-file report as cache bytes (``_load_report`` reads them back)."""
    return json.dumps({"findings": [asdict(f) for f in report.findings],
                       "supports": [asdict(s) for s in report.supports],
                       "errors": [e.to_dict() for e in report.errors], "paths": list(report.paths),
                       "sentences": report.sentences, "suppressed": report.suppressed},
                      ensure_ascii=False).encode()


def _load_report(data: bytes) -> Report:
    d = json.loads(data)
    errors = tuple(PromisecheckError(e["message"], e["path"], e["line"], e["column"]) for e in d["errors"])
    return Report(findings=tuple(Finding(**f) for f in d["findings"]),
                  supports=tuple(Support(**s) for s in d["supports"]), errors=errors, paths=tuple(d["paths"]),
                  sentences=d["sentences"], suppressed=d["suppressed"])


def _normalise_ext(ext: str) -> str:
    ext = ext.lower()
    return ext if ext.startswith(".") else "." + ext


def _document_of(item: Any) -> _Document:
    """A ``check_many`` item as a document (see ``Checker.check_many``)."""
    if isinstance(item, str):
        path, text, ext = "<text>", item, None
    elif isinstance(item, tuple) and len(item) == 2:
        path, text, ext = item[0], item[1], None
    else:
        get = item.get if isinstance(item, Mapping) else lambda name: getattr(item, name, None)
        text, path, ext = get("text"), get("path"), get("ext")
        if path is None and get("id") is not None:
            path, ext = str(get("id")), ext or ".txt"
    if not isinstance(text, str):
        raise TypeError(f"check_many needs str, (path, text) or records with a 'text' string; got {item!r:.80}")
    path = os.fspath(path) if path is not None else "<text>"
    return _Document(path, text.removeprefix("\ufeff"),
                     _normalise_ext(ext or os.path.splitext(path)[1] or ".txt"))


def _read_document(path: str) -> _Document | PromisecheckError:
    try:
        return _Document(path, read_text_file(path), _normalise_ext(os.path.splitext(path)[1]))
    except PromisecheckError as exc:
        return exc


def _segment_job(job: tuple[str, str, tuple[str, ...], str]) -> list[Sentence] | str:
    """Sentences of one text, or why it cannot be read (runs in worker processes with ``jobs``)."""
    try:
        return segment(*job)
    except ValueError as exc:
        return str(exc)


#: Below this much text, ``jobs`` segments in-process: each worker process starts by loading spaCy and the
#: language detector (2–3 s), which segmenting about a megabyte in-process (3–5 s on one core) barely pays.
PARALLEL_MIN_BYTES = 1_000_000


def _total_size(files: Sequence[str]) -> int:
    total = 0
    for path in files:
        try:
            total += os.path.getsize(path)
        except OSError:  # reported when the file is read
            pass
    return total


def _process_pool(jobs: int) -> ProcessPoolExecutor:
    # "spawn": a forked child would inherit the parent's model threads and locks mid-flight.
    import multiprocessing

    from .nlp import keep_torch_out_of_spacy

    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=keep_torch_out_of_spacy)


def expand_paths(paths: Iterable[str | os.PathLike]) -> list[str]:
    """Files named directly, plus the supported files found under named directories (sorted)."""
    result = []
    for path in map(os.fspath, paths):
        if not os.path.isdir(path):
            result.append(path)
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
            result.extend(os.path.normpath(os.path.join(root, f)) for f in sorted(files)
                          if os.path.splitext(f)[1].lower() in SUPPORTED_EXTENSIONS)
    return result

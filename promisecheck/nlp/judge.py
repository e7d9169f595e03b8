"""Judges: does a sentence of copy contradict, support, or have nothing to say about a promise?

A judge maps (promise statement, sentence) pairs to probabilities over ``LABELS`` and carries the
thresholds it was calibrated with. The checker depends only on this interface, so a stronger judge
(a cross-encoder, say) replaces the shipped one without touching the rest of the pipeline.
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass
from importlib import resources
from typing import Sequence

import numpy as np

from .embedder import get_embedder

LABELS = ("contradicts", "supports", "neither")
DEFAULT_JUDGE = "xe-e5-v6"


@dataclass(frozen=True)
class Thresholds:
    """Calibrated decision points. ``similarity``: a promise is related to a sentence at or above this
    cosine; ``contradicts`` / ``supports``: minimum probability for a finding / a support; ``pressure``:
    minimum probability of the learnt pressure reader (``nlp.pressure``) for PC204 (the checker sets the
    reader's own; 1.0 and above: never)."""

    similarity: float
    contradicts: float
    supports: float
    pressure: float = 1.0


class Judge:
    """Interface: ``judge(promises, sentences)`` → ``(n, 3)`` probabilities in ``LABELS`` order."""

    name: str
    thresholds: Thresholds
    embedder_name: str

    def judge(self, promises: Sequence[str], sentences: Sequence[str]) -> np.ndarray:
        raise NotImplementedError


def pair_features(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """The classic sentence-pair features: both vectors, their distance and their product, plus cosine."""
    cos = np.sum(u * v, axis=1, keepdims=True)
    return np.concatenate([u, v, np.abs(u - v), u * v, cos], axis=1).astype(np.float32)


class PairClassifierJudge(Judge):
    """A small MLP over the embeddings of promise and sentence (``pair_features``), run in numpy.

    Trained by ``scripts/train_judge.py``; the weights, the embedder they expect and the calibrated
    thresholds live in one ``.npz`` file.
    """

    def __init__(self, path: str | os.PathLike) -> None:
        with np.load(path, allow_pickle=False) as data:
            self.meta = json.loads(str(data["meta"]))
            self._layers = [(data[f"w{i}"].astype(np.float32), data[f"b{i}"].astype(np.float32))
                            for i in range(self.meta["layers"])]
            self._mean = data["mean"].astype(np.float32)
            self._scale = data["scale"].astype(np.float32)
        self.name = self.meta["name"]
        self.embedder_name = self.meta["embedder"]
        self.thresholds = Thresholds(**self.meta["thresholds"])

    def judge(self, promises: Sequence[str], sentences: Sequence[str]) -> np.ndarray:
        if not promises:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        embedder = get_embedder(self.embedder_name)
        return self.predict(pair_features(embedder.encode(promises), embedder.encode(sentences)))

    def predict(self, features: np.ndarray) -> np.ndarray:
        h = (features - self._mean) / self._scale
        for i, (w, b) in enumerate(self._layers):
            h = h @ w + b
            if i < len(self._layers) - 1:
                h = np.maximum(h, 0.0)
        h -= h.max(axis=1, keepdims=True)
        p = np.exp(h)
        return p / p.sum(axis=1, keepdims=True)


def _is_cross_encoder(path) -> bool:
    """Whether ``path`` is a cross-encoder judge's directory: its ``meta.json`` names the judge's labels (the
    retrieval projection's directory has a ``meta.json`` too, and is no judge)."""
    meta = os.path.join(path, "meta.json")
    if not os.path.isfile(meta):
        return False
    try:
        with open(meta, encoding="utf-8") as handle:
            return "labels" in json.load(handle)
    except (OSError, ValueError):
        return False


def shipped_judges() -> list[str]:
    """Names of the judges shipped in ``promisecheck/models``."""
    models = resources.files("promisecheck") / "models"
    return sorted(p.name.removesuffix(".npz") for p in models.iterdir()
                  if p.name.endswith(".npz") or (p.is_dir() and _is_cross_encoder(str(p))))


@functools.lru_cache(maxsize=4)
def get_judge(name: str = DEFAULT_JUDGE) -> Judge:
    """The shared judge ``name``: a shipped judge, a ``.npz`` pair classifier, or a cross-encoder directory.

    Raises ``ValueError`` naming the shipped judges when ``name`` is none of these.
    """
    shipped = resources.files("promisecheck") / "models"
    for path in (name, str(shipped / f"{name}.npz"), str(shipped / name)):
        if path.endswith(".npz") and os.path.isfile(path):
            return PairClassifierJudge(path)
        if _is_cross_encoder(path):
            from .cross_judge import CrossEncoderJudge

            return CrossEncoderJudge(path)
    raise ValueError(f"unknown judge '{name}' (shipped: {', '.join(shipped_judges())}; "
                     "or give a .npz file or a cross-encoder directory)")

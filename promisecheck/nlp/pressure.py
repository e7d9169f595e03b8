"""The learnt pressure reader: whether a sentence pushes, from its embedding alone.

Phrase lists catch the pressure they name ("only 2 left", "Buruan!"); new writers find new ways to push
("Pak Joko loses his day's pay if you cancel", "everyone will be in Doha for the final, and you?"). The
reader is a logistic regression over the retrieval embedding (``use-m3-promise``), trained by
``scripts/train_pressure.py`` on the pressure cases of the project's train and cue-dev brands against all
their other cases, so a sentence that calmly denies pressure ("no countdown, take your time") counts as
calm. Its threshold was chosen on brands it had not seen. ``reader.npz`` holds the weights, the bias and
a JSON ``meta`` (embedder, threshold, training figures).
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
from dataclasses import dataclass, field
from importlib import resources

import numpy as np

DEFAULT_PRESSURE_READER = "pressure-use-v1"


@dataclass(frozen=True)
class PressureReader:
    """``probabilities(vectors)``: for each row of ``embedder_name`` vectors, the probability it pushes."""

    name: str
    embedder_name: str
    threshold: float
    weights: np.ndarray = field(repr=False)
    bias: float
    digest: str

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        if len(vectors) == 0:
            return np.zeros(0, dtype=np.float32)
        return 1.0 / (1.0 + np.exp(-(np.asarray(vectors, dtype=np.float32) @ self.weights + self.bias)))

    @classmethod
    def from_bytes(cls, blob: bytes) -> PressureReader:
        """A reader from the bytes of its ``reader.npz``."""
        with np.load(io.BytesIO(blob), allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            weights = data["weights"].astype(np.float32)
            bias = float(data["bias"])
        return cls(name=meta["name"], embedder_name=meta["embedder"], threshold=float(meta["threshold"]),
                   weights=weights, bias=bias, digest=hashlib.sha256(blob).hexdigest()[:16])


@functools.lru_cache(maxsize=2)
def get_pressure_reader(name: str = DEFAULT_PRESSURE_READER) -> PressureReader:
    """The shipped reader ``name`` (``promisecheck/models/<name>/reader.npz``)."""
    return PressureReader.from_bytes((resources.files("promisecheck") / "models" / name / "reader.npz").read_bytes())

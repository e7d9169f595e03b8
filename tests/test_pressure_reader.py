"""The learnt pressure reader: the shipped one loads, and its training script writes one the loader reads."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from promisecheck.nlp.embedder import get_embedder
from promisecheck.nlp.pressure import PressureReader, get_pressure_reader

ROOT = Path(__file__).resolve().parents[1]


def test_the_shipped_reader_reads_the_retrieval_vectors():
    reader = get_pressure_reader()
    assert reader.embedder_name == "use-m3-promise" and 0.5 < reader.threshold < 1.0
    vectors = get_embedder(reader.embedder_name).encode(["Pick any day that suits you.", "Hurry, last seats!"])
    probabilities = reader.probabilities(vectors)
    assert probabilities.shape == (2,) and np.all((0 <= probabilities) & (probabilities <= 1))
    assert reader.probabilities(np.zeros((0, 512))).shape == (0,)


def test_the_training_script_writes_a_reader_that_loads(tmp_path, capsys):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import train_pressure
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    lines = (ROOT / "corpora" / "cases" / "train.jsonl").read_text(encoding="utf-8").splitlines()
    brands = sorted({json.loads(line)["book"] for line in lines})[:10]
    (tmp_path / "cases.jsonl").write_text(
        "\n".join(line for line in lines if json.loads(line)["book"] in brands) + "\n", encoding="utf-8")
    out = tmp_path / "reader.npz"
    assert train_pressure.main(["--cases", str(tmp_path / "cases.jsonl"), "--out", str(out),
                                "--cache", str(tmp_path / "vectors.npz")]) == 0
    reader = PressureReader.from_bytes(out.read_bytes())
    assert reader.embedder_name == "use-m3-promise" and 0.5 <= reader.threshold < 1.0
    assert reader.weights.shape == (512,)
    printed = capsys.readouterr().out
    assert "unseen brands, en" in printed and "threshold" in printed


def test_newtons_method_separates_what_a_line_separates():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from train_pressure import fit
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 5))
    y = (x @ np.array([2.0, -1.0, 0.0, 0.5, 0.0]) > 0.3).astype(float)
    w, b = fit(x, y, c=1.0)
    assert np.mean(((x @ w + b) > 0) == (y == 1)) > 0.97

"""Retrieval: the shipped projection ``use-m3-promise`` over USE, its cache identity, and its training script."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from promisecheck import Checker
from promisecheck.cache import embedder_id
from promisecheck.evaluate import load_books, load_cases
from promisecheck.nlp.embedder import PROJECTED_EMBEDDER, ProjectedEmbedder, get_embedder

ROOT = Path(__file__).resolve().parents[1]
SUBSET = ROOT / "tests" / "data" / "dev-subset.jsonl"


def test_the_default_checker_retrieves_through_the_projection(book):
    checker = Checker(book, cache=False)
    assert isinstance(checker.embedder, ProjectedEmbedder) and checker.embedder.name == PROJECTED_EMBEDDER
    texts = ["Fees apply to all accounts.", "Nous répondons jour et nuit."]
    projected, raw = checker.embedder.encode(texts), get_embedder("use-m3").encode(texts)
    assert np.allclose(np.linalg.norm(projected, axis=1), 1.0, atol=1e-5)
    assert np.allclose(projected, raw @ checker.embedder.matrix / np.linalg.norm(raw @ checker.embedder.matrix,
                                                                                  axis=1, keepdims=True), atol=1e-5)
    assert not np.allclose(projected, raw, atol=1e-2)
    # USE's own vectors stay available, and the pair-use judge keeps them (it was trained on them)
    assert Checker(book, embedder="use-m3", cache=False).embedder is get_embedder("use-m3")
    assert Checker(book, judge="pair-use-v1", cache=False).embedder is get_embedder("use-m3")


def _promise_related(embedder, cases, books, threshold: float) -> float:
    """Share of the dissonant cases whose promise is among the top 3 related at ``threshold``."""
    found = []
    for name, book in books.items():
        group = [c for c in cases if c.book == name]
        sims = Checker(book, embedder=embedder, cache=False)._similarities([c.text for c in group])
        for case, row in zip(group, sims):
            top = [book.promises[i].id for i in np.argsort(-row)[:3] if row[i] >= threshold]
            found.append(case.promise in top)
    return float(np.mean(found))


def test_the_projection_relates_unseen_brands_copy_to_its_promises():
    """On the frozen dev subset (brands the projection never saw), more of the copy that breaks a promise is
    related to it: 55 of its 76 dissonant cases (0.724) with USE's own vectors at 0.32, 67 (0.882) with the
    projection at 0.34."""
    cases = [c for c in load_cases([str(SUBSET)]) if c.label == "dissonant"]
    books = load_books(str(ROOT / "corpora" / "books"), cases)
    raw = _promise_related(get_embedder("use-m3"), cases, books, 0.32)
    projected = _promise_related(get_embedder(PROJECTED_EMBEDDER), cases, books, 0.34)
    assert projected >= raw + 0.08, (raw, projected)


def test_cached_vectors_depend_on_the_projection_file(tmp_path):
    shipped = get_embedder(PROJECTED_EMBEDDER)
    with np.load(shipped.path) as data:
        np.savez(tmp_path / "projection.npz", a=data["a"], b=data["b"] * 0.5)
    other = ProjectedEmbedder(get_embedder("use-m3"), tmp_path / "projection.npz", PROJECTED_EMBEDDER)
    ids = {embedder_id(get_embedder("use-m3")), embedder_id(shipped), embedder_id(other)}
    assert len(ids) == 3


@pytest.fixture(scope="module")
def train_retrieval():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import train_retrieval
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return train_retrieval


def test_the_training_script_writes_a_projection_the_embedder_loads(train_retrieval, tmp_path, capsys):
    lines = (ROOT / "corpora" / "cases" / "train.jsonl").read_text(encoding="utf-8").splitlines()
    two_brands = [line for line in lines if json.loads(line)["book"] in ("books/tallo", "books/fresco")]
    (tmp_path / "cases.jsonl").write_text("\n".join(two_brands) + "\n", encoding="utf-8")
    out = tmp_path / "model"
    assert train_retrieval.main(["--cases", str(tmp_path / "cases.jsonl"), "--out", str(out), "--steps", "20"]) == 0
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["trained_on"] == ["books/fresco", "books/tallo"] and meta["cases"] == 480
    # what it learnt shows on its own cases: more of them find their promise than with USE's vectors
    figures = meta["train_figures"]
    assert figures["projected"]["related"]["dissonant_found"] > figures["use"]["related"]["dissonant_found"]
    embedder = ProjectedEmbedder(get_embedder("use-m3"), out / "projection.npz", "trained-here")
    assert embedder.encode(["Free delivery on every order."]).shape == (1, 512)
    assert "wrote" in capsys.readouterr().out

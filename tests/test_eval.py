"""``promisecheck eval`` on a frozen subset of the dev cases, with the real models: the shipped judge and
cue checks must not regress (floors a few points under what they scored when shipped).

``tests/data/dev-subset.jsonl`` is every sixth case of ``corpora/cases/dev.jsonl`` (160 cases, 40 per
language, brands never trained or calibrated on); it is frozen so that a change to the dev set does not
move these floors. The whole dev set's figures are in docs/model-card.md.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from promisecheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
SUBSET = ROOT / "tests" / "data" / "dev-subset.jsonl"

#: Floors on the subset, under what xe-e5-v6 with the cue checks and the retrieval projection scores: dissonant
#: F1 0.811 (ar 0.848, en 0.769, fr 0.867, id 0.780), right promise 0.948, false alarms on unrelated copy 0.025.
#: Each language has only 40 cases here, so its floor leaves more room.
FLOORS = {"dissonant_f1": 0.72, "right_promise": 0.88, "max_false_alarms_unrelated": 0.12, "per_language_f1": 0.60}


@pytest.fixture(scope="module")
def result():
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["eval", str(SUBSET), "--books", str(ROOT / "corpora" / "books"), "--format", "json"])
    assert code == 0
    return json.loads(out.getvalue())


def test_the_subset_is_every_sixth_dev_case():
    dev = (ROOT / "corpora" / "cases" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    assert SUBSET.read_text(encoding="utf-8").splitlines() == dev[::6]


def test_the_shipped_checker_does_not_regress(result):
    overall = result["overall"]
    assert overall["dissonant"]["f1"] >= FLOORS["dissonant_f1"]
    assert overall["right_promise"] >= FLOORS["right_promise"]
    assert overall["false_alarms_unrelated"] <= FLOORS["max_false_alarms_unrelated"]
    for lang in ("ar", "en", "fr", "id"):
        assert result[lang]["dissonant"]["f1"] >= FLOORS["per_language_f1"], lang


def test_a_case_file_may_be_larger_than_a_copy_file(tmp_path):
    from promisecheck._io import MAX_FILE_BYTES
    from promisecheck.evaluate import load_cases

    line = json.dumps({"id": "x-en-{}", "book": "books/tallo", "lang": "en", "text": "Fees may apply. " * 20,
                       "label": "dissonant", "promise": "no-monthly-fees", "kind": "hidden-fee"})
    lines = [line.replace("{}", str(i)) for i in range(MAX_FILE_BYTES // len(line) + 10)]
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert path.stat().st_size > MAX_FILE_BYTES
    assert len(load_cases([str(path)])) == len(lines)

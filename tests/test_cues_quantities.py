"""Quantities: every expression each lexicon lists under ``examples`` reads as it says, in every language."""

from __future__ import annotations

import pytest

from promisecheck.cues import language_of, supported_languages
from promisecheck.cues.files import PatternFile, languages
from promisecheck.cues.quantities import (agree, build_lexicon, comparable, durations_agree, lexicon,
                                          parse_quantities)
from promisecheck.errors import PromisecheckError

LANGUAGES = ("en", "fr", "id", "ar")
TABLE = [(lang, text, reading) for lang in languages("quantity")
         for text, reading in lexicon(lang).examples.items()]


def test_every_language_has_a_lexicon_with_at_least_60_tested_expressions():
    assert set(LANGUAGES) <= set(supported_languages())
    for lang in LANGUAGES:
        assert len(lexicon(lang).examples) >= 60, lang


@pytest.mark.parametrize("lang,text,reading", TABLE, ids=[f"{lang}:{text}" for lang, text, _ in TABLE])
def test_expression_reads_as_listed(lang, text, reading):
    quantities = parse_quantities(text, lang)
    assert "; ".join(q.describe() for q in quantities) == reading
    for q in quantities:  # spans point into the text as written, digits and diacritics included
        assert text[q.start:q.end] == q.text


def test_spans_survive_normalisation_of_arabic():
    text = "أرجِع المنتج خلال ٧ أيام، أو ادفع ٢٥٬٠٠٠ روبية."
    quantities = parse_quantities(text, "ar")
    assert [q.text for q in quantities] == ["٧ أيام", "٢٥٬٠٠٠ روبية"]
    assert [text[q.start:q.end] for q in quantities] == ["٧ أيام", "٢٥٬٠٠٠ روبية"]


def test_separators_follow_the_language_and_the_currency():
    assert parse_quantities("Rp1.000", "en")[0].low == 1000  # rupiah have no decimals
    assert parse_quantities("1,500 €", "fr")[0].low == 1.5
    assert parse_quantities("€1,500", "en")[0].low == 1500
    assert parse_quantities("99,5%", "id")[0].low == 99.5


def _one(text: str, lang: str = "en"):
    (q,) = parse_quantities(text, lang)
    return q


@pytest.mark.parametrize("found,promised,same", [
    ("two whole months", "60 days", True),
    ("within one working week", "5 business days", True),
    ("within 5 working days", "7 days", True),    # a business week spans a weekend
    ("48 hours", "two days", True),
    ("1×24 jam", "a day", True),
    ("14 days", "60 days", False),
    ("5–10 business days", "24 hours", False),     # every end of a range must agree
    ("10 business days", "5 business days", False),
])
def test_durations_agree_in_one_unit(found, promised, same):
    a = _one(found, "id" if "jam" in found else "en")
    b = _one(promised)
    assert durations_agree(a, b) is same
    assert agree(a, b) is same


def test_money_compares_only_within_a_currency():
    assert comparable(_one("€3"), _one("3 €", "fr"))
    assert not comparable(_one("€3"), _one("£3"))
    assert agree(_one("€3"), _one("3 €", "fr"))
    assert not comparable(_one("SAR 89"), _one("QAR 89"))


def test_an_amount_in_local_currency_compares_with_any_currency():
    local = _one("٨٩ بالعملة المحلية", "ar")
    assert comparable(local, _one("AED 119")) and comparable(_one("129 QAR", "fr"), local)
    assert agree(local, _one("89 riyals")) and not agree(local, _one("AED 119"))


def test_a_language_without_a_lexicon_has_no_quantities():
    assert parse_quantities("14 días", "es") == []


def test_language_of_trusts_the_script_and_the_function_words():
    assert language_of("خلال ٧ أيام", "en") == "ar"
    assert language_of("Kasmir paling lembut di dunia yang ini", "fr") == "id"
    assert language_of("Non merci, j'aime bien quand ça rame", "en") == "fr"
    assert language_of("Returns within 14 days of delivery", "en") == "en"
    assert language_of("Retur dalam 14 hari", "ms") == "id"
    assert language_of("Devoluciones gratis durante catorce días", "es") is None
    assert language_of("Vite, il ne reste que deux pièces !", "it") == "fr"


def test_lexicon_errors_name_the_file_and_line():
    with pytest.raises(PromisecheckError) as error:
        build_lexicon(PatternFile("quantity", "en", text="lang: en\nnumbrs: {one: 1}\n"))
    assert str(error.value).startswith("promisecheck/cues/patterns/quantity/en.yaml:2:1: unknown key 'numbrs'")
    with pytest.raises(PromisecheckError, match=r"en.yaml:1:1: 'lang' must be 'en'"):
        PatternFile("quantity", "en", text="lang: fr\n")
    text = "lang: en\nnumbers: {one: 1}\nunits: {minute: [min]}\ncurrencies: {euro: {symbols: [€]}}\n" \
           "bounds: {}\nclock: {}\nweekdays: {}\n"
    with pytest.raises(PromisecheckError, match=r":4:14: currency 'euro' must be an ISO 4217 code"):
        build_lexicon(PatternFile("quantity", "en", text=text))


@pytest.mark.parametrize("text, lang, ceiling", [
    ("Replies within 15 minutes at most.", "en", True),
    ("Remboursement sous 48 heures au plus tard.", "fr", True),
    ("Balasan maksimal 2 jam.", "id", True),
    ("يرد عليك مهندس خلال ١٥ دقيقة كحد أقصى.", "ar", True),
    ("Returns within 30 days.", "en", False),    # "within" also says a window, where less is worse
    ("Retours sous 30 jours.", "fr", False),
    ("Harga kopi reguler paling mahal Rp28.000.", "id", True),
])
def test_a_bound_called_the_most_is_a_ceiling(text, lang, ceiling):
    (q,) = parse_quantities(text, lang)
    assert q.bound == "max" and q.ceiling is ceiling


@pytest.mark.parametrize("text, lang, delay", [
    ("Refunds are paid within 5 working days.", "en", True),
    ("Most refunds are back in your e-wallet within 24 hours.", "en", True),
    ("Remboursement sous 3 jours ouvrés après votre annulation.", "fr", True),
    ("Dana masuk ke rekeningmu dalam dua hari kerja.", "id", True),
    ("يصل المبلغ المسترد إلى حسابك خلال ثلاثة أيام عمل.", "ar", True),
    ("Free returns within 30 days.", "en", False),    # a window, where less is worse
    ("Retours gratuits sous 30 jours.", "fr", False),
])
def test_a_duration_something_takes_is_a_delay(text, lang, delay):
    (q,) = parse_quantities(text, lang)
    assert q.delay is delay and not q.lead


def test_a_notice_is_read_in_its_own_clause():
    notice, refund = parse_quantities("الإلغاء مجاني حتى ٧٢ ساعة قبل الحفل، والاسترداد خلال ٧ أيام عمل.", "ar")
    assert notice.lead and not refund.lead and refund.delay


@pytest.mark.parametrize("text, lang, deadline", [
    ("A technician will be at your door by 11am.", "en", True),
    ("Un technicien chez vous avant 10 h demain.", "fr", True),
    ("Gas kamu tiba paling lambat jam 18.15.", "id", True),
    ("Votre colis arrive au plus tard à 18 h.", "fr", True),
    ("يصل الفني قبل الساعة ١١ صباحًا.", "ar", True),
    ("Our chat is open until 8pm.", "en", False),    # a closing time, not a deadline
    ("Le chat est ouvert jusqu'à 20 h.", "fr", False),
    ("CS kami online sampai jam 22.00.", "id", False),
])
def test_a_time_things_are_done_by_is_a_deadline(text, lang, deadline):
    (q,) = [q for q in parse_quantities(text, lang) if q.dimension == "clock"]
    assert q.bound == "max" and q.ceiling is deadline

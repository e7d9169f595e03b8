"""Segmentation: blocks → language → sentences, with offsets into the original text."""

from __future__ import annotations

import pytest

from promisecheck.nlp.langid import detect_language
from promisecheck.nlp.sentences import split_sentences
from promisecheck.segment import Sentence, preceding, segment


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Mr. Smith paid €3.50 per month. He left at 5 p.m. on Monday!",
     ["Mr. Smith paid €3.50 per month.", "He left at 5 p.m. on Monday!"]),
    ("fr", "Aucuns frais. Vraiment ? Oui : zéro frais, M. Dupont.",
     ["Aucuns frais.", "Vraiment ?", "Oui : zéro frais, M. Dupont."]),
    ("id", "Gratis ongkir! Berlaku s.d. 31 Desember. Syarat berlaku.",
     ["Gratis ongkir!", "Berlaku s.d. 31 Desember.", "Syarat berlaku."]),
    # A full stop after tanween (a combining mark) still ends the sentence.
    ("ar", "سنبدأ التحقيق فوراً. نعيد إليك المبلغ خلال ١٥ يوم عمل؟ نعم، وأحياناً أسرع.",
     ["سنبدأ التحقيق فوراً.", "نعيد إليك المبلغ خلال ١٥ يوم عمل؟", "نعم، وأحياناً أسرع."]),
])
def test_sentences_per_language(lang, text, expected):
    assert [text[a:b] for a, b in split_sentences([text], lang)[0]] == expected


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Limited time? No. The price stays.", ["Limited time? No.", "The price stays."]),
    ("fr", "Offre limitée dans le temps ? Non. Comparez tranquillement.",
     ["Offre limitée dans le temps ? Non.", "Comparez tranquillement."]),
    ("id", "Biaya admin? Nol. Minimal belanja? Nggak ada.", ["Biaya admin? Nol.", "Minimal belanja? Nggak ada."]),
    ("ar", "عرض لفترة محدودة؟ لا. السعر ثابت.", ["عرض لفترة محدودة؟ لا.", "السعر ثابت."]),
    ("en", "Are you sure? Your customers will miss you.", ["Are you sure?", "Your customers will miss you."]),
])
def test_a_question_and_its_short_answer_are_one_sentence(lang, text, expected):
    """Apart, "Limited time?" would say the opposite of what the question and its answer say together."""
    assert [text[a:b] for a, b in split_sentences([text], lang)[0]] == expected


@pytest.mark.parametrize("text, lang", [
    ("Your Everyday account has no monthly fee, ever.", "en"),
    ("Votre compte n'a aucuns frais mensuels, jamais.", "fr"),
    ("Rekening kamu tidak punya biaya bulanan, selamanya.", "id"),
    ("لا توجد أي رسوم شهرية على حسابك.", "ar"),
])
def test_language_of_a_sentence(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text, fallback, lang", [
    ("Buruan, slot hampir habis!", "ar", "id"),   # short, but not in Arabic script
    ("Buruan!", "ar", "id"),
    ("Offre limitée.", "fr", "fr"),               # short: the document's language
    ("السعر ثابت.", "fr", "ar"),
])
def test_a_document_language_in_another_script_is_no_fallback(text, fallback, lang):
    assert detect_language(text, fallback=fallback) == lang


def test_short_blocks_take_the_document_language():
    text = "# FAQ\n\nVotre compte n'a aucuns frais mensuels. Vous pouvez le fermer à tout moment.\n"
    sentences = segment(text, ".md")
    assert [s.lang for s in sentences] == ["fr", "fr"]  # "FAQ" is one word: not worth checking
    assert all(text[s.start:s.end] == s.text for s in sentences)


@pytest.mark.parametrize("text", [
    "Hurry! Your seats are held for 04:59.",
    "Vite ! Vos places sont bloquées encore 4 min 59.",
    "Buruan! Kursimu cuma ditahan 04:59 lagi.",
    "Tega? Kucingmu sudah menunggu sejak pagi.",
])
def test_one_exclaimed_or_asked_word_is_a_sentence_a_lone_word_is_not(text):
    """"Hurry!" or "Tega?" (heartless?) pushes as much as a sentence does; "FAQ" or "Menu" claims nothing."""
    sentences = segment(text + "\n\nMenu\n", ".md")
    assert len(sentences) == 2 and sentences[0].text.endswith(("!", "?")) and sentences[1].text.endswith(".")


def test_sentences_wrapped_over_lines_keep_exact_spans():
    text = "Delivery is free\non every order.   Returns are\r\neasy too.\n"
    sentences = segment(text, ".txt", default_language="en")
    assert [s.text for s in sentences] == ["Delivery is free on every order.", "Returns are easy too."]
    assert [text[s.start:s.end] for s in sentences] == ["Delivery is free\non every order.", "Returns are\r\neasy too."]


def test_a_paragraph_is_what_comes_before_a_sentence_after_its_heading():
    source = "## On recrute\n\nCéramistes à Lille. CDI.\n\nAteliers à Lyon.\n<p>Fin.</p>"
    spans = [("On recrute", "heading"), ("Céramistes à Lille.", "text"), ("CDI.", "text"),
             ("Ateliers à Lyon.", "text"), ("Fin.", "text")]
    sentences = [Sentence(t, source.index(t), source.index(t) + len(t), "fr", kind) for t, kind in spans]
    assert [[s.text for s in before] for before in preceding(sentences, source)] == [
        [], ["On recrute"], ["On recrute", "Céramistes à Lille."], [], []]


def test_a_sentence_read_for_pressure_again_has_its_paragraph_neighbours():
    from promisecheck.checker import _windows

    source = "Vous partez ? Un clic suffit. Sans questions.\n\nÀ bientôt !"
    texts = ["Vous partez ?", "Un clic suffit.", "Sans questions.", "À bientôt !"]
    sentences = [Sentence(t, source.index(t), source.index(t) + len(t), "fr") for t in texts]
    assert _windows(sentences, preceding(sentences, source)) == [
        "Vous partez ? Un clic suffit.", "Vous partez ? Un clic suffit. Sans questions.",
        "Un clic suffit. Sans questions.", "À bientôt !"]

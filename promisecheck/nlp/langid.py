"""Language identification of text blocks (lingua, restricted to the configured languages)."""

from __future__ import annotations

import functools
import re

#: Languages detected unless configured otherwise (ISO 639-1).
DEFAULT_LANGUAGES = ("en", "fr", "id", "ar", "es", "de", "pt", "it", "nl", "ms")
_WORD = re.compile(r"\w+")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LETTER = re.compile(r"[^\W\d_]")
#: Languages written in Arabic script (of those lingua knows): a text without that script is none of them.
ARABIC_SCRIPT = frozenset({"ar", "fa", "ur"})


def _lingua_languages(languages: tuple[str, ...]) -> list:
    from lingua import IsoCode639_1, Language

    chosen = []
    for code in languages:
        try:
            chosen.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())))
        except AttributeError:
            raise ValueError(f"unknown language code '{code}'") from None
    return chosen


@functools.lru_cache(maxsize=8)
def _detector(languages: tuple[str, ...]):
    from lingua import LanguageDetectorBuilder

    chosen = _lingua_languages(languages)
    if len(chosen) == 1:
        return None
    # Loading every model up front takes about half the time lazy loading takes on the first text (which
    # needs them all anyway), for the same results and some 80 MB more.
    return LanguageDetectorBuilder.from_languages(*chosen).with_preloaded_language_models().build()


def validate_languages(languages: tuple[str, ...]) -> tuple[str, ...]:
    """Check the codes now, so a typo fails before any file is read (without loading a model)."""
    _lingua_languages(tuple(languages))
    return tuple(languages)


def detect_language(text: str, languages: tuple[str, ...] = DEFAULT_LANGUAGES,
                    fallback: str | None = None, min_confidence: float = 0.5) -> str | None:
    """The most likely language of ``text`` among ``languages``.

    Short or ambiguous text (a heading, a button label) returns ``fallback``: guessing the language of
    "FAQ" does more harm than using the document's language.
    """
    detector = _detector(tuple(languages))
    if detector is None:
        return languages[0]
    arabic_script = bool(_ARABIC.search(text))
    if fallback is not None and (fallback in ARABIC_SCRIPT) != arabic_script and _LETTER.search(text):
        # the document's language cannot be this text's when their scripts differ ("Buruan, slot hampir
        # habis!" under an Arabic book): the detector's best guess in the text's own script is better
        fallback = None
    if len(_WORD.findall(text)) < 3 and not arabic_script and fallback is not None:
        return fallback
    values = detector.compute_language_confidence_values(text)
    values = [v for v in values if (v.language.iso_code_639_1.name.lower() in ARABIC_SCRIPT) == arabic_script] \
        or values
    if not values:
        return fallback
    best = values[0]
    code = best.language.iso_code_639_1.name.lower()
    # Indonesian and Malay share most words; one slightly ahead of the other is not a real signal.
    if fallback in ("id", "ms") and code in ("id", "ms"):
        return fallback
    if best.value < min_confidence and fallback is not None:
        return fallback
    return code

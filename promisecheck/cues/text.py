"""Text normalisation that remembers where every character came from.

Cue patterns and quantity lexicons are matched against a normalised copy of a sentence: Eastern Arabic
digits become ASCII, Arabic diacritics and tatweel go, Arabic letter variants are unified, curly quotes
and exotic spaces become plain ones. Every position in the copy maps back to the original, so evidence
quotes the sentence exactly as written.
"""

from __future__ import annotations

from dataclasses import dataclass

# Deleted: Arabic harakat, superscript alef, tatweel; zero-width characters.
_DROP = {*range(0x064B, 0x0660), 0x0670, 0x0640, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0xFEFF}
_REPLACE = {
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Eastern Arabic digits
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
    "\u066b": ".", "\u066c": ",", "\u066a": "%",     # Arabic decimal and thousands separators, percent
    "\u060c": ",",                                   # Arabic comma
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"',
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ",
    "\u2011": "-", "\u2212": "-",
}


@dataclass(frozen=True)
class Normalised:
    """A normalised text and, for each of its characters, the offset of the original character."""

    text: str
    origin: tuple[int, ...]  # len(text) + 1 entries; the last is len(original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``(start, end)`` of the normalised ``text[start:end]``: up to the next character
        kept, so a dropped diacritic at the end of a word stays with it."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end]


def normalise(text: str) -> Normalised:
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ord(ch) in _DROP:
            continue
        chars.append(_REPLACE.get(ch, ch))
        origin.append(i)
    origin.append(len(text))
    return Normalised("".join(chars), tuple(origin))


def normalise_term(term: str) -> str:
    """How a lexicon entry is compared: normalised like the text, lowercased, spaces collapsed."""
    return " ".join(normalise(term).text.lower().split())

"""Reading the pattern files shipped in ``promisecheck/cues/patterns/<cue>/<lang>.yaml``.

They are data anyone may extend, so they are validated as strictly as a promise book: an unknown key, a
wrong type or an empty list stops with one line naming the file, line and column.
"""

from __future__ import annotations

import difflib
import functools
from importlib import resources
from typing import Any

from ..book import _compose, _kind
from ..errors import PromisecheckError

PATTERNS = "patterns"


def pattern_dir():
    return resources.files(__package__).joinpath(PATTERNS)


@functools.lru_cache(maxsize=None)
def languages(cue: str) -> tuple[str, ...]:
    """The languages that have a pattern file for ``cue``."""
    folder = pattern_dir().joinpath(cue)
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml")))


def pattern_path(cue: str, lang: str) -> str:
    return f"promisecheck/cues/{PATTERNS}/{cue}/{lang}.yaml"


class PatternFile:
    """One parsed pattern file and the positions of its keys, for errors that point at the line."""

    def __init__(self, cue: str, lang: str, text: str | None = None) -> None:
        self.cue = cue
        self.lang = lang
        self.path = pattern_path(cue, lang)
        if text is None:
            text = pattern_dir().joinpath(cue, f"{lang}.yaml").read_text(encoding="utf-8")
        self.data, self._marks = _compose(text, self.path)
        self.mapping(self.data, (), "a pattern file")
        if self.data.get("lang") != lang:
            self.fail(f"'lang' must be '{lang}' (the file's name), not {self.data.get('lang')!r}", ("lang",))

    def fail(self, message: str, at: tuple) -> None:
        line_col = self._marks.get((at, "key")) or self._marks.get((at, "value"))
        while line_col is None and at:
            at = at[:-1]
            line_col = self._marks.get((at, "value"))
        line, column = line_col or (None, None)
        raise PromisecheckError(message, self.path, line, column)

    def mapping(self, data: Any, at: tuple, what: str, allowed: tuple[str, ...] | None = None) -> dict:
        if not isinstance(data, dict):
            self.fail(f"{what} must be a mapping, not {_kind(data)}", at)
        if allowed is not None:
            for key in data:
                if key not in allowed:
                    close = difflib.get_close_matches(key, allowed, n=1)
                    hint = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(allowed)})"
                    self.fail(f"unknown key '{key}'{hint}", at + (key,))
        return data

    def strings(self, data: Any, at: tuple, what: str, allow_empty: bool = False) -> list[str]:
        """A list of non-empty strings (numbers are read as text: ``"24/7"`` may be written bare)."""
        if not isinstance(data, list) or (not data and not allow_empty):
            self.fail(f"{what} must be a non-empty list of text, not {_kind(data)}", at)
        result = []
        for i, item in enumerate(data):
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                item = str(item)
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{what}: item {i + 1} must be non-empty text, not {_kind(item)}", at + (i,))
            result.append(item.strip())
        return result

    def number(self, data: Any, at: tuple, what: str) -> float:
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            self.fail(f"{what} must be a number, not {_kind(data)}", at)
        return float(data)

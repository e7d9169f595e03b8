"""The promise book: what a brand has promised, loaded from YAML and validated strictly.

Every error names the file, line and column of the offending key or value, so a typo in a book is as
easy to fix as a lint error. ``PromiseBook.from_dict`` applies the same rules to data built in code.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

import yaml

from ._io import read_text_file
from .errors import PromisecheckError
from .report import SEVERITIES

MAX_BOOK_BYTES = 1024 * 1024
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANG = re.compile(r"^[a-z]{2,3}$")
BOOK_KEYS = ("brand", "language", "rules", "promises")
PROMISE_KEYS = ("id", "statement", "pillar", "severity", "examples")
EXAMPLE_KEYS = ("consistent", "dissonant")
#: Suggested pillars; any label is accepted.
PILLARS = ("transparency", "values", "empathy", "authenticity", "service", "price", "quality")
#: Brand-wide rules a book can switch on (``rules: {no-pressure: error}``), and the pillar and statement of
#: the stand-in promise their findings name when no promise of the book makes the commitment.
RULES = {
    "no-pressure": ("empathy", "Brand rule: no pressure. No urgency, countdowns, scarcity, fear of missing out, "
                               "confirm-shaming, guilt or shaming."),
    "honest-claims": ("authenticity", "Brand rule: honest claims. No guaranteed results, absolutes, superlatives, "
                                      "\"risk-free\", miracle claims or \"up to\" teasers."),
}
RULE_VALUES = (*SEVERITIES, "off")


@dataclass(frozen=True)
class Promise:
    """One promise of the book."""

    id: str
    statement: str
    severity: str = "warning"
    pillar: str | None = None
    consistent_examples: tuple[str, ...] = ()
    dissonant_examples: tuple[str, ...] = ()
    line: int | None = None

    def to_dict(self) -> dict:
        data: dict[str, Any] = {"id": self.id, "statement": self.statement, "severity": self.severity}
        if self.pillar:
            data["pillar"] = self.pillar
        if self.consistent_examples or self.dissonant_examples:
            data["examples"] = {"consistent": list(self.consistent_examples),
                                "dissonant": list(self.dissonant_examples)}
        return data


@dataclass(frozen=True)
class PromiseBook:
    """A brand's promises. Build one with ``load_book(path)`` or ``PromiseBook.from_dict(data)``."""

    brand: str
    promises: tuple[Promise, ...]
    language: str = "en"
    path: str | None = None
    #: ``(rule, setting)`` pairs: a severity switches a brand-wide rule on, ``off`` keeps it off.
    rules: tuple[tuple[str, str], ...] = ()
    rules_line: int | None = None
    _by_id: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({p.id: p for p in self.promises})

    def __iter__(self) -> Iterator[Promise]:
        return iter(self.promises)

    def __len__(self) -> int:
        return len(self.promises)

    def __getitem__(self, promise_id: str) -> Promise:
        return self._by_id[promise_id]

    def get(self, promise_id: str) -> Promise | None:
        return self._by_id.get(promise_id)

    def rule(self, name: str) -> str | None:
        """The book's setting of brand rule ``name``: a severity, ``off``, or ``None`` when unset."""
        return dict(self.rules).get(name)

    def rule_promise(self, name: str) -> Promise | None:
        """The stand-in promise a finding of brand rule ``name`` names when no promise of the book makes
        the commitment: id ``rules.<name>`` (never a promise id: those have no dots), the rule's
        statement, and the rule's severity. ``None`` unless the rule is switched on."""
        setting = self.rule(name)
        if setting is None or setting == "off":
            return None
        pillar, statement = RULES[name]
        return Promise(f"rules.{name}", statement, setting, pillar, line=self.rules_line)

    def to_dict(self) -> dict:
        data: dict[str, Any] = {"brand": self.brand, "language": self.language}
        if self.rules:
            data["rules"] = dict(self.rules)
        data["promises"] = [p.to_dict() for p in self.promises]
        return data

    @classmethod
    def from_dict(cls, data: Any, path: str | None = None) -> "PromiseBook":
        """Validate plain data (as ``yaml.safe_load`` would give) and build a book."""
        return _Validator(path, {}).book(data)

    @classmethod
    def from_yaml(cls, text: str, path: str = "<string>") -> "PromiseBook":
        data, marks = _compose(text, path)
        return _Validator(path, marks).book(data)


def load_book(path: str | os.PathLike) -> PromiseBook:
    """Read and validate a promise book file; raises ``PromisecheckError`` naming file:line:col."""
    name = os.fspath(path)
    return PromiseBook.from_yaml(read_text_file(name, MAX_BOOK_BYTES), name)


# --- YAML with positions -----------------------------------------------------------------------

_Path = tuple
_Marks = dict  # (path, "key"|"value") -> (line, column), 1-based


# libyaml's parser where PyYAML was built with it: the same nodes and marks, several times faster (cue packs
# are thousands of lines).
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str, path: str) -> tuple[Any, _Marks]:
    """Parse YAML safely into plain data, remembering where each key and value stands."""
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise PromisecheckError(f"invalid YAML: {problem}", path,
                                mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise PromisecheckError(f"invalid YAML: {exc}", path) from None
    finally:
        loader.dispose()
    if node is None:
        raise PromisecheckError("empty promise book", path, 1, 1)
    marks: _Marks = {}

    def build(node: yaml.Node, at: _Path) -> Any:
        marks[(at, "value")] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _PLAIN_TAGS:  # what safe_load would refuse, e.g. !!python/object
            raise PromisecheckError(f"invalid YAML: unsupported tag '{node.tag}'", path, *marks[(at, "value")])
        if isinstance(node, yaml.MappingNode):
            result: dict = {}
            for key_node, value_node in node.value:
                key = build(key_node, at + ("<key>",))
                if not isinstance(key, str):
                    raise PromisecheckError(f"keys must be text, not {key!r}", path,
                                            key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                if key in result:
                    raise PromisecheckError(f"duplicate key '{key}'", path,
                                            key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                marks[(at + (key,), "key")] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = build(value_node, at + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [build(item, at + (i,)) for i, item in enumerate(node.value)]
        return yaml.SafeLoader.construct_object(_SCALAR_LOADER, node)

    return build(node, ()), marks


_SCALAR_LOADER = yaml.SafeLoader("")
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}


class _Validator:
    def __init__(self, path: str | None, marks: _Marks) -> None:
        self.path = path
        self.marks = marks

    def fail(self, message: str, at: _Path, where: str = "value") -> None:
        line_col = self.marks.get((at, where)) or self.marks.get((at, "value"))
        while line_col is None and at:
            at = at[:-1]
            line_col = self.marks.get((at, "value"))
        line, column = line_col or (None, None)
        raise PromisecheckError(message, self.path, line, column)

    def mapping(self, data: Any, at: _Path, allowed: tuple[str, ...], what: str) -> dict:
        if not isinstance(data, dict):
            self.fail(f"{what} must be a mapping of keys to values, not {_kind(data)}", at)
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(allowed)})"
                self.fail(f"unknown key '{key}'{hint}", at + (key,), "key")
        return data

    def text(self, data: dict, key: str, at: _Path, required: bool = True) -> str | None:
        if key not in data or data[key] is None:
            if required:
                self.fail(f"missing required key '{key}'", at)
            return None
        value = data[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.fail(f"'{key}' must be text, not {_kind(value)}", at + (key,))
        if not value.strip():
            self.fail(f"'{key}' is empty", at + (key,))
        return value.strip()

    def book(self, data: Any) -> PromiseBook:
        if data is None:
            self.fail("empty promise book", ())
        self.mapping(data, (), BOOK_KEYS, "a promise book")
        brand = self.text(data, "brand", ())
        language = self.text(data, "language", (), required=False) or "en"
        if not _LANG.match(language):
            self.fail(f"'language' must be an ISO 639 code such as 'en' or 'fr', not '{language}'", ("language",))
        rules = self.rules(data.get("rules"), ("rules",))
        promises = data.get("promises")
        if promises is None:
            self.fail("missing required key 'promises'", ())
        if not isinstance(promises, list):
            self.fail(f"'promises' must be a list, not {_kind(promises)}", ("promises",))
        if not promises:
            self.fail("the book has no promises", ("promises",))
        seen: dict[str, int] = {}
        built = []
        for i, item in enumerate(promises):
            promise = self.promise(item, ("promises", i))
            if promise.id in seen:
                self.fail(f"duplicate promise id '{promise.id}' (first used by promise {seen[promise.id] + 1})",
                          ("promises", i, "id"))
            seen[promise.id] = i
            built.append(promise)
        return PromiseBook(brand=brand, language=language, promises=tuple(built), path=self.path, rules=rules,
                           rules_line=(self.marks.get((("rules",), "key")) or (None,))[0])

    def rules(self, data: Any, at: _Path) -> tuple[tuple[str, str], ...]:
        if data is None:
            return ()
        self.mapping(data, at, tuple(RULES), "'rules'")
        result = []
        for name, value in data.items():
            if not isinstance(value, str) or value not in RULE_VALUES:
                close = difflib.get_close_matches(str(value), RULE_VALUES, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                self.fail(f"rule '{name}' must be one of {', '.join(RULE_VALUES)}, not {value!r}{hint}", at + (name,))
            result.append((name, value))
        return tuple(result)

    def promise(self, data: Any, at: _Path) -> Promise:
        self.mapping(data, at, PROMISE_KEYS, "a promise")
        promise_id = self.text(data, "id", at)
        if not _ID.match(promise_id):
            self.fail(f"promise id '{promise_id}' must be kebab-case (lowercase letters, digits and '-')", at + ("id",))
        statement = self.text(data, "statement", at)
        severity = self.text(data, "severity", at, required=False) or "warning"
        if severity not in SEVERITIES:
            close = difflib.get_close_matches(severity, SEVERITIES, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            self.fail(f"severity must be one of {', '.join(reversed(SEVERITIES))}, not '{severity}'{hint}",
                      at + ("severity",))
        pillar = self.text(data, "pillar", at, required=False)
        consistent, dissonant = self.examples(data.get("examples"), at + ("examples",))
        line = (self.marks.get((at, "value")) or (None,))[0]
        return Promise(promise_id, statement, severity, pillar, consistent, dissonant, line)

    def examples(self, data: Any, at: _Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if data is None:
            return (), ()
        self.mapping(data, at, EXAMPLE_KEYS, "'examples'")
        result = []
        for key in EXAMPLE_KEYS:
            items = data.get(key) or []
            if isinstance(items, str):
                items = [items]
            if not isinstance(items, list):
                self.fail(f"'examples.{key}' must be a list of sentences, not {_kind(items)}", at + (key,))
            for j, item in enumerate(items):
                if not isinstance(item, str) or not item.strip():
                    self.fail(f"'examples.{key}' items must be non-empty text", at + (key, j))
            result.append(tuple(item.strip() for item in items))
        return result[0], result[1]


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", type(None): "empty"}.get(
        type(value), type(value).__name__)

"""Configuration: ``[tool.promisecheck]`` in ``pyproject.toml`` or a ``.promisecheck.toml``.

The file is found by walking up from the working directory (in each directory ``.promisecheck.toml``
first, then a ``pyproject.toml`` that has a ``[tool.promisecheck]`` table). Paths in it are relative to
its directory. Command-line flags override it, and it overrides the defaults; ``[[overrides]]`` tables
change ``languages``, ``fail-level``, ``select``, ``ignore`` and ``exclude`` for the files their
``paths`` globs match (a flag given on the command line wins over them too). See docs/configuration.md.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Collection, Mapping

from ._io import read_text_file
from .errors import PromisecheckError
from .formatters import FORMATS
from .report import SEVERITIES, LineIndex

CONFIG_FILE = ".promisecheck.toml"
BASELINE_FILE = ".promisecheck-baseline.json"
_MAX_CONFIG_BYTES = 1024 * 1024


def did_you_mean(word: str, choices: Collection[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``choices``, or ``""``."""
    close = difflib.get_close_matches(word, list(choices), n=1) if word else []
    return f" (did you mean '{close[0]}'?)" if close else ""


# --- keys --------------------------------------------------------------------------------------


class _Invalid(ValueError):
    """A value of the wrong type or out of range; the message says what was expected."""


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Invalid("must be a non-empty string")
    return value


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):  # "en,fr" as well as ["en", "fr"]
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _Invalid("must be a list of strings")
    return [v.strip() for v in value]


def _choice(choices: tuple[str, ...]) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in choices:
            raise _Invalid(f"must be one of {', '.join(choices)}, not {json.dumps(value)}"
                           f"{did_you_mean(str(value), choices)}")
        return value
    return check


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _Invalid("must be a positive integer")
    return value


def _probability(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise _Invalid("must be a number from 0 to 1")
    return float(value)


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Invalid("must be true or false")
    return value


def _bool_or_text(value: Any) -> bool | str:
    if isinstance(value, bool):
        return value
    try:
        return _text(value)
    except _Invalid:
        raise _Invalid("must be true, false or a path") from None


#: Every key: how to validate it, its default, and whether it names paths (relative to the file).
KEYS: dict[str, tuple[Callable[[Any], Any], Any, str]] = {
    "promises": (_text, None, "path"),
    "paths": (_texts, [], "paths"),
    "exclude": (_texts, [], "globs"),
    "languages": (_texts, None, ""),  # None: the detector's default languages
    "fail-level": (_choice(SEVERITIES), "warning", ""),
    "show-level": (_choice(SEVERITIES), "suggestion", ""),
    "format": (_choice(FORMATS), "text", ""),
    "select": (_texts, None, ""),  # None: every check
    "ignore": (_texts, [], ""),
    "top-k": (_positive_int, 3, ""),
    "threshold": (_probability, None, ""),  # None: the judge's calibrated threshold
    "embedder": (_text, None, "model"),
    "judge": (_text, None, "model"),
    "baseline": (_bool_or_text, None, "path"),  # None: .promisecheck-baseline.json at the project root if present
    "cache": (_bool_or_text, True, "path"),  # true, false, or a directory
    "cache-max-mb": (_positive_int, 200, ""),
    "ignore-unused-suppressions": (_bool, False, ""),
    "jobs": (_positive_int, 1, ""),
}
OVERRIDE_KEYS = ("paths", "languages", "fail-level", "select", "ignore", "exclude")
PER_FILE_KEYS = ("languages", "fail-level", "select", "ignore")
DEFAULT = "default"


@dataclass(frozen=True)
class Setting:
    """A value and where it came from: ``default``, ``FILE:LINE`` or a command-line flag."""

    value: Any
    source: str = DEFAULT

    @property
    def from_cli(self) -> bool:
        return self.source.startswith("-")


@dataclass(frozen=True)
class Glob:
    """A gitignore-style pattern relative to ``base``: ``*`` and ``?`` stay within a directory, ``**``
    crosses them, a pattern without ``/`` matches at any depth, and a directory matches all below it."""

    pattern: str
    base: str
    regex: re.Pattern = field(repr=False, compare=False)

    @classmethod
    def of(cls, pattern: str, base: str) -> "Glob":
        body = pattern.strip().removeprefix("./")
        anchored = "/" in body.rstrip("/")
        body = body.strip("/")
        out, i = [], 0
        while i < len(body):
            if body.startswith("**/", i):
                out.append("(?:.*/)?")
                i += 3
            elif body.startswith("**", i):
                out.append(".*")
                i += 2
            elif body[i] == "*":
                out.append("[^/]*")
                i += 1
            elif body[i] == "?":
                out.append("[^/]")
                i += 1
            elif body[i] == "[" and "]" in body[i + 2:]:
                end = body.index("]", i + 2)
                inner = body[i + 1:end]
                out.append("[" + ("^" + inner[1:] if inner.startswith("!") else inner) + "]")
                i = end + 1
            else:
                out.append(re.escape(body[i]))
                i += 1
        regex = ("" if anchored else "(?:.*/)?") + "".join(out) + "(?:/.*)?"
        return cls(pattern, os.path.abspath(base), re.compile(regex, re.S))

    def matches(self, path: str) -> bool:
        relative = os.path.relpath(os.path.abspath(path), self.base).replace(os.sep, "/")
        return not relative.startswith("../") and relative != ".." and bool(self.regex.fullmatch(relative))


@dataclass(frozen=True)
class Override:
    """One ``[[overrides]]`` table: settings for the files its ``paths`` globs match."""

    globs: tuple[Glob, ...]
    settings: Mapping[str, Setting]
    source: str

    def applies_to(self, path: str) -> bool:
        return any(g.matches(path) for g in self.globs)


@dataclass(frozen=True)
class FileSettings:
    """The settings that may differ from file to file."""

    languages: tuple[str, ...] | None
    fail_level: str
    select: tuple[str, ...] | None
    ignore: tuple[str, ...]


@dataclass(frozen=True)
class Config:
    """The effective configuration: every key's ``Setting``, the overrides, and where they came from."""

    settings: Mapping[str, Setting]
    overrides: tuple[Override, ...] = ()
    path: str | None = None  # the configuration file, if any
    root: str = "."  # the project root: the file's directory, else the git work tree, else the cwd

    def __getitem__(self, key: str) -> Any:
        return self.settings[key].value

    def for_file(self, path: str | None) -> FileSettings:
        """The settings for ``path`` (``None``: the top-level ones, no override applied)."""
        values = {k: self.settings[k] for k in PER_FILE_KEYS}
        for override in self.overrides:
            if path is not None and override.applies_to(path):
                values.update({k: s for k, s in override.settings.items()
                               if k in PER_FILE_KEYS and not values[k].from_cli})
        as_tuple = {k: tuple(v.value) if isinstance(v.value, list) else v.value for k, v in values.items()}
        return FileSettings(as_tuple["languages"], as_tuple["fail-level"], as_tuple["select"], as_tuple["ignore"])

    def excluded(self, path: str) -> bool:
        if any(g.matches(path) for g in self["exclude"]):
            return True
        return any(o.applies_to(path) and any(g.matches(path) for g in o.settings["exclude"].value)
                   for o in self.overrides if "exclude" in o.settings)

    def baseline_path(self) -> str | None:
        """The baseline file to apply: the configured one, else ``.promisecheck-baseline.json`` at the
        project root when it exists; ``None`` when there is none or it is turned off."""
        value = self["baseline"]
        if value is False:
            return None
        if isinstance(value, str):
            return value
        found = os.path.join(self.root, BASELINE_FILE)
        return _relative(found) if os.path.isfile(found) else None

    def baseline_output(self) -> str:
        """Where ``promisecheck baseline`` writes by default."""
        value = self["baseline"]
        return value if isinstance(value, str) else _relative(os.path.join(self.root, BASELINE_FILE))

    def cache_directory(self) -> tuple[str | None, str]:
        """The cache directory (``None``: caching is off) and where that came from."""
        from .cache import CACHE_ENV, default_directory

        setting = self.settings["cache"]
        if setting.value is False:
            return None, setting.source
        if isinstance(setting.value, str) and (setting.from_cli or not os.environ.get(CACHE_ENV)):
            return setting.value, setting.source
        return default_directory(), CACHE_ENV if os.environ.get(CACHE_ENV) else "default: the user cache directory"


def _relative(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith(".." + os.sep + "..") else relative


# --- finding and reading the file -------------------------------------------------------------


def find_config(start: str | os.PathLike = ".") -> str | None:
    """The configuration file that applies in ``start``: the nearest ``.promisecheck.toml``, or
    ``pyproject.toml`` with a ``[tool.promisecheck]`` table, in ``start`` or a directory above it."""
    directory = os.path.abspath(start)
    while True:
        candidate = os.path.join(directory, CONFIG_FILE)
        if os.path.isfile(candidate):
            return candidate
        candidate = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(candidate) and _has_section(candidate):
            return candidate
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _has_section(pyproject: str) -> bool:
    text = read_text_file(pyproject, _MAX_CONFIG_BYTES)
    if "promisecheck" not in text:
        return False
    return isinstance(_parse_toml(text, pyproject).get("tool", {}).get("promisecheck"), dict)


def _parse_toml(text: str, path: str) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = re.search(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)$", message)
        line = column = None
        if at:
            message = message[:at.start()]
            line, column = (int(at.group(1)), int(at.group(2))) if at.group(1) else \
                LineIndex(text).position(len(text))
        raise PromisecheckError(f"invalid TOML: {message}", path, line, column) from None


def _git_root(start: str) -> str | None:
    directory = os.path.abspath(start)
    while True:
        if os.path.exists(os.path.join(directory, ".git")):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


class _KeyLines:
    """Line numbers of keys and table headers; tomllib gives none, so the text is scanned."""

    _HEADER = re.compile(r"\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
    _KEY = re.compile(r"""\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.\-" ]+?)\s*=""")

    def __init__(self, text: str) -> None:
        self.lines: dict[tuple[str, int, str], int] = {}
        table, index, counts = "", 0, {}
        for number, line in enumerate(text.splitlines(), 1):
            header = self._HEADER.match(line)
            if header:
                table = _dotted(header.group(2))
                index = counts[table] = counts.get(table, -1) + 1 if header.group(1) == "[[" else 0
                self.lines.setdefault((table, index, ""), number)
                continue
            key = self._KEY.match(line)
            if key:
                full = ".".join(filter(None, (table, _dotted(key.group(1)))))
                parent, _, name = full.rpartition(".")
                self.lines.setdefault((parent, index if parent == table else 0, name), number)

    def find(self, table: str, index: int, key: str = "") -> int | None:
        """The line of ``key`` in the ``index``-th ``table``, else of the table's header, else of the
        key that holds the table (an inline table)."""
        parent, _, name = table.rpartition(".")
        return (self.lines.get((table, index, key)) or self.lines.get((table, index, ""))
                or self.lines.get((parent, 0, name)))


def _dotted(name: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in name.split("."))


def read_config_file(path: str) -> tuple[dict[str, Setting], list[Override]]:
    """The settings and overrides a configuration file sets, validated (errors name file:line)."""
    shown = _relative(path)
    text = read_text_file(shown, _MAX_CONFIG_BYTES)
    data = _parse_toml(text, shown)
    table = "" if os.path.basename(path) == CONFIG_FILE else "tool.promisecheck"
    lines = _KeyLines(text)
    if table:
        data = data.get("tool", {}).get("promisecheck", {})
        if not isinstance(data, dict):
            raise PromisecheckError("'tool.promisecheck' must be a table", shown, lines.find("tool", 0, "promisecheck"))
    base = os.path.dirname(os.path.abspath(path))

    def fail(message: str, tbl: str, index: int, key: str = "") -> PromisecheckError:
        return PromisecheckError(message, shown, lines.find(tbl, index, key))

    def settings_of(values: dict, tbl: str, index: int, allowed: Collection[str]) -> dict[str, Setting]:
        result = {}
        for name, raw in values.items():
            if name not in allowed:
                hint = (did_you_mean(name, allowed) or did_you_mean(name.replace("_", "-"), allowed)
                        or f" (allowed: {', '.join(allowed)})")
                where = " in [[overrides]]" if tbl.endswith("overrides") else ""
                raise fail(f"unknown key '{name}'{where}{hint}", tbl, index, name)
            try:
                value = _resolve(name, KEYS[name][0](raw), base)
            except _Invalid as exc:
                raise fail(f"'{name}' {exc}", tbl, index, name) from None
            except re.error as exc:
                raise fail(f"'{name}' has an invalid glob: {exc}", tbl, index, name) from None
            result[name] = Setting(value, f"{shown}:{lines.find(tbl, index, name) or 1}")
        return result

    top = {k: v for k, v in data.items() if k != "overrides"}
    settings = settings_of(top, table, 0, [*KEYS, "overrides"])
    overrides = []
    raw_overrides = data.get("overrides", [])
    override_table = ".".join(filter(None, (table, "overrides")))
    if not isinstance(raw_overrides, list) or not all(isinstance(o, dict) for o in raw_overrides):
        raise fail("'overrides' must be an array of tables ([[overrides]])", table, 0, "overrides")
    for i, raw in enumerate(raw_overrides):
        values = settings_of(raw, override_table, i, OVERRIDE_KEYS)
        if "paths" not in values or not values["paths"].value:
            raise fail("an [[overrides]] table needs 'paths' (globs of the files it applies to)", override_table, i)
        try:
            globs = tuple(Glob.of(p, base) for p in _texts(raw["paths"]))
        except re.error as exc:
            raise fail(f"'paths' has an invalid glob: {exc}", override_table, i, "paths") from None
        overrides.append(Override(globs, values, f"{shown}:{lines.find(override_table, i) or 1}"))
    return settings, overrides


def _resolve(name: str, value: Any, base: str) -> Any:
    """Make a value that names paths absolute-or-cwd-relative instead of relative to the file."""
    kind = KEYS[name][2]
    if kind == "globs":
        return [Glob.of(v, base) for v in value]
    if kind == "paths":
        return [_relative(os.path.join(base, v)) for v in value]
    if kind == "path" and isinstance(value, str):
        return _relative(os.path.join(base, value))
    if kind == "model" and os.path.exists(os.path.join(base, value)):
        return _relative(os.path.join(base, value))  # a model file or directory beside the config
    return value


def load_config(cli: Mapping[str, Setting] | None = None, config_file: str | None = None,
                isolated: bool = False, cwd: str | os.PathLike = ".") -> Config:
    """The effective configuration: defaults, then the file (``config_file``, else the one found from
    ``cwd``; none when ``isolated``), then ``cli`` (settings whose source is the flag)."""
    path = None if isolated else (config_file or find_config(cwd))
    settings = {k: Setting(default) for k, (_, default, _) in KEYS.items()}
    overrides: list[Override] = []
    if path:
        if not os.path.isfile(path):
            raise PromisecheckError("no such file", path)
        file_settings, overrides = read_config_file(path)
        settings.update(file_settings)
    for name, setting in (cli or {}).items():
        value = setting.value
        if name == "exclude":
            value = [Glob.of(v, os.path.abspath(cwd)) for v in value]
        settings[name] = Setting(value, setting.source)
    root = os.path.dirname(os.path.abspath(path)) if path else (_git_root(cwd) or os.path.abspath(cwd))
    return Config(settings, tuple(overrides), path, root)


# --- `promisecheck config` ---------------------------------------------------------------------


def describe(config: Config) -> str:
    """The effective configuration as TOML-like lines, each with where its value came from."""
    out = [f"# configuration file: {_relative(config.path) if config.path else 'none'}",
           f"# project root: {config.root}"]

    def show(name: str, setting: Setting) -> None:
        value = setting.value
        if value is None:
            out.append(f"# {name}: not set ({setting.source}: {_UNSET[name]})")
            return
        if name == "exclude":
            value = [g.pattern for g in value]
        out.append(f"{name} = {json.dumps(value, ensure_ascii=False)}".ljust(44) + f"  # {setting.source}")

    for name in KEYS:
        show(name, config.settings[name])
    directory, source = config.cache_directory()
    out.append(f"# cache directory: {directory or 'none (cache off)'} ({source})")
    baseline = config.baseline_path()
    out.append(f"# baseline applied: {baseline or 'none'}")
    for override in config.overrides:
        out.append("")
        out.append(f"[[overrides]]  # {override.source}")
        for name, setting in override.settings.items():
            show(name, Setting([g.pattern for g in override.globs], setting.source) if name == "paths" else setting)
    return "\n".join(out) + "\n"


_UNSET = {
    "promises": "give --promises or set 'promises'",
    "languages": "the default languages",
    "select": "every check",
    "threshold": "the judge's calibrated threshold",
    "embedder": "the judge's embedder",
    "judge": "the shipped default judge",
    "baseline": f"{BASELINE_FILE} at the project root, if present",
}


# --- `promisecheck init` -----------------------------------------------------------------------

STARTER_BOOK = """\
# A promise book: the promises your brand makes, one per entry, written the way a customer would
# hold you to them. Reference: https://github.com/your-org/promisecheck/blob/main/docs/promise-book.md
brand: Your Brand
language: en                    # the language the statements are written in
promises:
  - id: no-hidden-fees          # kebab-case, unique; findings and suppressions name it
    statement: The price you see is the price you pay, with no hidden fees.
    pillar: price               # a free label
    severity: error             # error | warning | suggestion (default warning)
    examples:                   # optional, any language: sharpen what counts as keeping or breaking it
      consistent: ["No booking fee, no service charge, no surprises at checkout."]
      dissonant: ["A service fee is added at checkout."]
  - id: human-support
    statement: A real person answers every support request within one business day.
    pillar: service
    severity: warning
"""

STARTER_CONFIG = """\
# promisecheck configuration (docs/configuration.md). Paths are relative to this file;
# command-line flags override what is set here.
promises = "promises.yaml"
{paths_line}# what `promisecheck check` checks when given no paths
# exclude = ["**/drafts/**"]
# fail-level = "warning"           # error | warning | suggestion: lowest severity that fails the run
# languages = ["en", "fr"]         # the languages your copy may be in
# format = "text"                  # text | json | sarif | github | junit | line

# Stricter rules for some files:
# [[overrides]]
# paths = ["docs/legal/**"]
# fail-level = "suggestion"
"""


def write_starter(directory: str | os.PathLike = ".", force: bool = False) -> list[str]:
    """Write ``promises.yaml`` and ``.promisecheck.toml`` into ``directory``; returns their paths.
    Refuses (and writes neither) when one exists, unless ``force``."""
    directory = os.fspath(directory)
    book, config = (os.path.normpath(os.path.join(directory, name)) for name in ("promises.yaml", CONFIG_FILE))
    existing = [p for p in (book, config) if os.path.exists(p)]
    if existing and not force:
        raise PromisecheckError("already exists (use --force to overwrite)", existing[0])
    paths = '"docs"' if os.path.isdir(os.path.join(directory, "docs")) else '"."'
    paths_line = f"paths = [{paths}]".ljust(35)
    for path, text in ((book, STARTER_BOOK), (config, STARTER_CONFIG.format(paths_line=paths_line))):
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    return [book, config]

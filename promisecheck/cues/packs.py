"""Cue packs: the phrases of one cue in one language, compiled into spaCy matchers.

A pack is ``patterns/<cue>/<lang>.yaml``::

    lang: en
    copy:                 # what a sentence of copy may say, by label
      fee: [fee, fees, surcharge, "{money} charge"]
    promise:              # what a promise may commit to, by label
      free: [free, no fee, free of charge]
    negation: [no, "{zero}", never]       # cancels a copy cue just before it ("no fee", "zero fees")
    negation_object: [without, without any]  # … only a cue right after it, its object ("without any
                                             #    restrictions"; not "without a lift, a fee applies")
    negation_after: [waived, "{money0}"]  # … or just after it ("fee: $0.00")
    inclusion: [including, refunded]      # as negation and negation_after, but only for the labels a
    inclusion_after: [included]           #    price can include or a refund give back (NOT_INCLUDED)
    inclusion_list: [includes, covers]    # … only for a charge in the list it opens ("covers the park fee,
                                          #    lunch and fins"; not "include a night surcharge")
    examples: {promise: "…", flag: ["…"], pass: ["…"]}

An entry is a phrase, matched token by token and case-insensitively on the normalised sentence (see
``text.normalise``), in which each quantity stands as one placeholder token. The entry syntax:

- ``word``: the word (``can't`` is tokenised as the copy is);
- ``a|b|c``: one of these words; ``word*``: a word starting with ``word``; ``word?``: an optional word.
  A choice is one word of the phrase (``top up|recharge`` is "top" then "up" or "recharge") and each of
  its words one token (``top-up|recharge`` is refused: "top-up" is three); ``*`` and ``?`` at its end
  apply to all of it (``sold|booked*``);
- ``!a|b``: any one word but these (nor punctuation): ``available to !all|every {any?} members``;
- ``{duration}``, ``{money}``, ``{money0}`` (an amount of zero: "Rp0", "$0.00", or any zero after a colon:
  "Waiting period: 0 days"), ``{zero}`` (a zero written as a word elsewhere: "zero fees", "nol biaya"; it
  is also a ``{count}``: "zéro risque"), ``{rate}`` (an amount per period or unit, "€4 a month", also a
  ``{money}``), ``{percent}``, ``{data}``, ``{speed}``, ``{weight}``, ``{count}``, ``{clock}``, ``{timer}``,
  ``{weekdays}``, ``{availability}``, ``{date}``: a quantity of that kind; ``{number}``: any numeric one;
- ``{any}``: any one word (not punctuation); ``{name}``: a capitalised word ("Lyon", "Kuta"; no use in a
  script without case); ``{gap}``: up to three tokens of the same clause.

Words the quantity lexicon reads are its placeholder in the copy ("week-end" and "chaque jour" are
``{weekdays}``, "24/7" is ``{availability}``), so a phrase says them with the placeholder.

Entries that start with ``{`` are quoted in YAML. Plain phrases go to a ``PhraseMatcher``, the others
to a ``Matcher``. In a language whose quantity lexicon
lists ``proclitics`` (Arabic: و، ف، ب، ل، ال…) or ``enclitics`` (Indonesian -nya, -mu…), every word also
matches with them attached.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..errors import PromisecheckError
from .files import PatternFile, languages
from .quantities import lexicon
from .text import normalise_term

#: The placeholder token each quantity dimension stands as in the text the matchers read.
PLACEHOLDERS = {d: f"q{d}" for d in ("duration", "money", "percent", "data", "speed", "weight", "count", "clock",
                                     "timer", "weekdays", "availability", "date")}
PLACEHOLDERS["people"] = PLACEHOLDERS["count"]  # a number of people is read as any count by the packs
PLACEHOLDERS["money0"] = "qmoneyzero"  # an amount of zero: "Rp0", "$0.00"
PLACEHOLDERS["zero"] = "qcountzero"  # a zero written as a word: "zero fees", "nol biaya"
PLACEHOLDERS["rate"] = "qmoneyrate"    # an amount per period or unit: "€4 a month", "$0.05 per GB"
NUMERIC = ("duration", "money", "money0", "rate", "percent", "data", "speed", "weight", "count", "zero")
PACK_KEYS = ("lang", "copy", "promise", "negation", "negation_object", "negation_after", "inclusion",
             "inclusion_after", "inclusion_list", "examples")
EXAMPLE_KEYS = ("promise", "flag", "pass")
_PUNCT = {",", ";", ":", ".", "!", "?", "—", "–", "(", ")", "*", "|", "/"}
@functools.lru_cache(maxsize=None)
def tokenizer(lang: str):
    """The spaCy blank pipeline that reads ``lang``: the one its quantity lexicon names (``tokenizer``;
    the language-neutral ``xx`` by default: it loads in milliseconds where ``fr`` and ``id`` take seconds),
    told to split the elisions the lexicon lists ("n'augmente" → "n'" "augmente")."""
    import spacy
    from spacy.util import compile_prefix_regex

    from .quantities import lexicon

    lex = lexicon(lang)
    nlp = spacy.blank(lex.tokenizer if lex else "xx")
    if lex and lex.elisions:
        elision = "(?i:" + "|".join(re.escape(e) for e in lex.elisions) + ")'"
        nlp.tokenizer.prefix_search = compile_prefix_regex([*nlp.Defaults.prefixes, elision]).search
    return nlp


@dataclass(frozen=True)
class Example:
    promise: str
    flag: tuple[str, ...]
    passing: tuple[str, ...]


class Pack:
    """The compiled phrases of one cue in one language."""

    def __init__(self, cue: str, lang: str, copy_labels: tuple[str, ...], promise_labels: tuple[str, ...],
                 clitics: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()), text: str | None = None) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        self.cue = cue
        self.lang = lang
        pf = PatternFile(cue, lang, text)
        self.path = pf.path
        data = pf.mapping(pf.data, (), "a cue pack", PACK_KEYS)
        self.nlp = tokenizer(lang)
        words = lexicon(lang)
        self._calendar = sorted(words.calendar) if words is not None else []
        self._proclitics, self._enclitics = clitics
        self._phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._matcher = Matcher(self.nlp.vocab)
        # What a text must contain for a cue's token pattern to match in it: for each required token that
        # names words or a sign ("🙄"), one of them. The Matcher (all of whose patterns are regular
        # expressions in languages with clitics) runs only on texts where some pattern's every requirement
        # is met.
        self._requirements: dict[str, set[tuple[frozenset[str], ...]]] = {}  # by one word of the first
        self._words: set[str] = set()
        self._unconditional = False  # a pattern with no required word
        self.labels: dict[str, tuple[str, ...]] = {}
        for side, allowed in (("copy", copy_labels), ("promise", promise_labels)):
            section = data.get(side)
            if section is None:
                if allowed:
                    pf.fail(f"missing required key '{side}'", ())
                self.labels[side] = ()
                continue
            pf.mapping(section, (side,), f"'{side}'", allowed)
            for label, entries in section.items():
                self._add(pf, f"{side}:{label}", entries, (side, label))
            self.labels[side] = tuple(section)
        for key in ("negation", "negation_object", "negation_after", "inclusion", "inclusion_after", "inclusion_list"):
            if data.get(key) is not None:
                self._add(pf, key, data[key], (key,))
        self.example = self._examples(pf, data.get("examples"))

    def _add(self, pf: PatternFile, key: str, entries, at: tuple) -> None:
        from spacy.tokens import Doc

        phrases, patterns = [], []
        for i, entry in enumerate(pf.strings(entries, at, f"'{'.'.join(at)}'")):
            try:
                compiled = self._compile(normalise_term(entry))
            except ValueError as exc:
                pf.fail(f"'{entry}': {exc}", at + (i,))
            if compiled is None:
                phrases.append(Doc(self.nlp.vocab, words=self._tokens(normalise_term(entry))))
                continue
            pattern, required = compiled
            patterns.append(pattern)
            if at[0] in ("copy", "promise"):  # negations matter only beside a cue
                requirement = tuple(frozenset(words) for words in required)
                for word in required[0] if required else ():
                    self._requirements.setdefault(word, set()).add(requirement)
                self._words.update(*required)
                self._unconditional |= not required
        if phrases:
            self._phrases.add(key, phrases)
        if patterns:
            try:
                self._matcher.add(key, patterns)
            except (ValueError, KeyError) as exc:  # spaCy's own pattern validation
                pf.fail(f"invalid pattern: {exc}", at)

    def _compile(self, entry: str) -> tuple[list[dict], list[set[str]]] | None:
        """Token patterns for ``entry`` and, for each of its required tokens that names words or a sign, the
        words (lower case) one of which that token contains; ``None`` when a ``PhraseMatcher`` can take it as
        it is."""
        items = entry.split(" ")
        clitics = bool(self._proclitics or self._enclitics)
        special = clitics or any(_is_operator(item) for item in items)
        if not special:
            return None
        tokens: list[dict] = []
        required: list[set[str]] = []
        for item in items:
            placeholder = re.fullmatch(r"\{(\w+)(\??)\}", item)
            if placeholder:
                name, optional = placeholder.groups()
                if name == "any":  # a word: "abonnés {any}" reads "abonnés Premium", not "abonnés !"
                    spec: dict = {"LOWER": {"NOT_IN": sorted(_PUNCT)}}
                elif name == "name":  # a capitalised word: "available in {name} and {name}", not "Juli dan Agustus"
                    spec = {"IS_TITLE": True, "LOWER": {"NOT_IN": self._calendar}}
                elif name == "gap":
                    tokens.append({"LOWER": {"NOT_IN": sorted(_PUNCT)}, "OP": "{0,3}"})
                    continue
                elif name == "number":
                    spec = {"LOWER": {"IN": [PLACEHOLDERS[d] for d in NUMERIC]}}
                elif name == "money":
                    spec = {"LOWER": {"IN": [PLACEHOLDERS["money"], PLACEHOLDERS["rate"]]}}
                elif name == "count":
                    spec = {"LOWER": {"IN": [PLACEHOLDERS["count"], PLACEHOLDERS["zero"]]}}
                elif name in PLACEHOLDERS:
                    spec = {"LOWER": PLACEHOLDERS[name]}
                else:
                    raise ValueError(f"unknown placeholder '{{{name}}}' (known: any, name, gap, number, "
                                     + ", ".join(PLACEHOLDERS) + ")")
                if optional:
                    spec["OP"] = "?"
                elif name not in ("any", "name"):
                    lower = spec["LOWER"]
                    required.append(set(lower["IN"]) if isinstance(lower, dict) else {lower})
                tokens.append(spec)
                continue
            if "{" in item or "}" in item:
                raise ValueError(f"malformed placeholder in '{item}'")
            optional = len(item) > 1 and item.endswith("?") and _has_word(item[:-1])
            if optional:
                item = item[:-1]
            prefix = len(item) > 1 and item.endswith("*") and _has_word(item[:-1])
            if prefix:
                item = item[:-1]
            if item.startswith("!") and _has_word(item):
                # any one word of the clause but these: "available to !all|every {any?} members"
                words = self._one_token_words(item[1:], item)
                exclude = sorted({*words, *(p + w for p in self._proclitics for w in words), *_PUNCT})
                tokens.append({"LOWER": {"NOT_IN": exclude}})
                continue
            if "|" in item and _has_word(item):
                words = self._one_token_words(item, item)
                spec = {"LOWER": {"REGEX": "^" + self._word(*words, prefix=prefix) + "$"}}
                if optional:
                    spec["OP"] = "?"
                else:
                    required.append({w.lower() for w in words})
                tokens.append(spec)
                continue
            parts = [t.lower() for t in self._tokens(item)]
            for j, part in enumerate(parts):
                last = j == len(parts) - 1
                if _has_word(part) and (clitics or (prefix and last)):
                    spec = {"LOWER": {"REGEX": "^" + self._word(part, prefix=prefix and last) + "$"}}
                else:
                    spec = {"LOWER": part}
                if optional:
                    spec["OP"] = "?"
                else:  # a word, or a sign the text must hold as it is ("🙄", "?")
                    required.append({part})
                tokens.append(spec)
        if not tokens or all(t.get("OP") in ("?", "{0,3}") for t in tokens):
            raise ValueError("a pattern needs at least one token that is not optional")
        return tokens, required

    def _one_token_words(self, choice: str, item: str) -> list[str]:
        """The words of ``a|b`` (lower case), each one token as copy is split, or ``ValueError``: an
        alternative the tokenizer splits ("m'intéresse", "top-up") could never match one token."""
        words = [w.lower() for w in choice.split("|") if w]
        for word in words:
            pieces = self._tokens(word)
            if len(pieces) > 1:
                raise ValueError(f"'{word}' in '{item}' is {len(pieces)} tokens ({' '.join(pieces)}), and each "
                                 "choice of 'a|b' matches one token: write it as an entry of its own")
        return words

    def _tokens(self, text: str) -> list[str]:
        """``text`` split as it is in a sentence: an elided word ends up as in "n'augmente" ("n'"), not
        alone ("n", "'")."""
        if text.endswith("'"):
            return [t.text for t in self.nlp.make_doc(text + "x")][:-1]
        return [t.text for t in self.nlp.make_doc(text)]

    def _word(self, *words: str, prefix: bool = False) -> str:
        """A regex of any of ``words`` (as word starts with ``prefix``) with the language's clitics."""
        body = "(?:" + "|".join(map(re.escape, words)) + ")" + (r"\w*" if prefix else "")
        if self._proclitics:
            body = "(?:" + "|".join(map(re.escape, self._proclitics)) + ")?" + body
        if self._enclitics and not prefix:
            body += "(?:" + "|".join(map(re.escape, self._enclitics)) + ")?"
        return body

    def _examples(self, pf: PatternFile, data) -> Example | None:
        if data is None:
            return None
        pf.mapping(data, ("examples",), "'examples'", EXAMPLE_KEYS)
        promise = data.get("promise")
        if not isinstance(promise, str) or not promise.strip():
            pf.fail("'examples.promise' must be the statement of a promise the examples are judged against",
                    ("examples", "promise"))
        flag = pf.strings(data.get("flag") or [], ("examples", "flag"), "'examples.flag'", allow_empty=True)
        passing = pf.strings(data.get("pass") or [], ("examples", "pass"), "'examples.pass'", allow_empty=True)
        if not flag and not passing:
            pf.fail("'examples' needs 'flag' or 'pass' sentences", ("examples",))
        return Example(promise.strip(), tuple(flag), tuple(passing))

    def _may_match(self, text: str) -> bool:
        """Whether a copy or promise token pattern can match in ``text`` (words as substrings: a quick,
        safe test)."""
        if self._unconditional:
            return True
        lower = text.lower()
        present = {word for word in self._words if word in lower}
        # indexed by the words of their first requirement, which ``word`` therefore meets
        return any(all(words & present for words in requirement[1:])
                   for word in present for requirement in self._requirements.get(word, ()))

    def match(self, doc) -> list[tuple[str, int, int]]:
        """``(key, start token, end token)`` for every match: keys are ``copy:<label>``,
        ``promise:<label>``, ``negation``, ``negation_object``, ``negation_after``, ``inclusion``,
        ``inclusion_after`` and ``inclusion_list``."""
        vocab = self.nlp.vocab.strings
        found = {(vocab[m], s, e) for m, s, e in self._phrases(doc)}
        if len(self._matcher) and (any(key.startswith(("copy:", "promise:")) for key, _, _ in found)
                                   or self._may_match(doc.text)):
            found |= {(vocab[m], s, e) for m, s, e in self._matcher(doc)}
        return sorted(found, key=lambda f: (f[1], f[2], f[0]))  # the key last: the same order in every process


def _is_operator(item: str) -> bool:
    return ("{" in item or "|" in item and _has_word(item) or item.startswith("!") and _has_word(item)
            or len(item) > 1 and item[-1] in "?*" and _has_word(item[:-1]))


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def load_pack(cue: str, lang: str, copy_labels: tuple[str, ...], promise_labels: tuple[str, ...],
              clitics: tuple[tuple[str, ...], tuple[str, ...]]) -> Pack | None:
    if lang not in languages(cue):
        return None
    try:
        return Pack(cue, lang, copy_labels, promise_labels, clitics)
    except PromisecheckError:
        raise
    except (OSError, UnicodeDecodeError) as exc:
        raise PromisecheckError(f"cannot read the pattern file: {exc}", f"promisecheck/cues/patterns/{cue}/{lang}.yaml") from None

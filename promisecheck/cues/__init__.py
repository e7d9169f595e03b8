"""Cues: the facts in a sentence that a promise can be checked against, read from data.

A sentence is read once per language into an ``Analysis``: its quantities (``quantities.py``, from
``patterns/quantity/<lang>.yaml``) and the phrases of every cue pack (``packs.py``, from
``patterns/<cue>/<lang>.yaml``: scope, fee, pressure, overclaim, privacy, courtesy) that it contains. The
same reading of a promise's statement and examples gives ``Terms``: what the promise commits to, the values it
agrees with (its consistent examples) and what it rules out (its dissonant examples). Checks compare the two.
Everything is compiled lazily, once per process, and cached; nothing here loads a model.

Adding a language is adding its YAML files; adding a phrase is adding a line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..nlp.sentences import QUESTION_MARKS
from .files import languages
from .packs import PLACEHOLDERS, Pack, load_pack
from .quantities import Quantity, lexicon, parse_quantities
from .text import normalise

__all__ = ["CUES", "Analysis", "Cue", "Quantity", "Terms", "analyse", "language_of", "parse_quantities",
           "pack", "promise_terms", "supported_languages"]

#: Each cue pack's labels: what copy may say ("copy") and what a promise may commit to ("promise").
CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "scope": {
        "copy": ("hours", "days", "holiday", "bot", "callback", "channel", "audience", "place", "exclusion",
                 "condition", "throttle", "limited", "venue", "event", "place-list", "alike", "story", "hiring",
                 "contact"),
        "promise": ("always", "every-day", "everyone", "everywhere", "every-item", "human", "unlimited", "venue"),
    },
    "fee": {
        "copy": ("fee", "cost", "extra", "deduction", "customer-pays", "minimum", "price-change", "fine-print",
                 "deposit", "third-party"),
        "promise": ("free", "no-minimum", "fixed-price", "final-price", "full-refund", "no-deposit"),
    },
    "pressure": {
        "copy": ("urgency", "countdown", "scarcity", "fomo", "confirm-shaming", "guilt", "shaming"),
        "promise": ("no-pressure",),
    },
    "overclaim": {
        "copy": ("guarantee", "absolute", "superlative", "risk-free", "miracle", "teaser"),
        "promise": ("honest",),
    },
    "privacy": {
        "copy": ("share", "sell"),
        # never sold or shared; used only to serve the customer
        "promise": ("private", "own-use"),
    },
    # thanks, greetings, farewells and wishes: what a sentence says when it claims nothing (PC101)
    "courtesy": {
        "copy": ("thanks", "welcome", "farewell", "wishes"),
        "promise": (),
    },
}
#: Copy labels that claim nothing by themselves, by cue: what makes a list of places alike ("the same in"),
#: a story ("trained in Beirut and Milan"), a job opening, a way to reach the brand ("the hotline"); whose
#: charge a sentence states ("run by the city council", "reversés aux sauveteurs", "يحددها البنك").
SAYS_NOTHING = {"scope": ("alike", "story", "hiring", "contact"), "fee": ("third-party",)}
#: The copy labels an inclusion or a refund ("included", "refunded", "termasuk", "مشمولة") does not cancel,
#: by cue: a deduction from a refund ("refunded minus a 10% handling charge"), a price change "including
#: current plans" and a deposit asked for ("a €300 deposit is required, refunded on return") still charge.
NOT_INCLUDED = {"fee": ("deduction", "price-change", "deposit")}
#: Languages the language detector may report that read with another's patterns.
ALIASES = {"ms": "id"}
_ARABIC = re.compile(r"[\u0600-\u06ff]")
# Quoted words are mentioned, not said: 'we won't call ourselves "the fastest network"'.
_QUOTED = re.compile(r'"[^"]+"|“[^”]+”|«[^»]+»|„[^“”]+[“”]|(?<!\w)\'[^\']+\'(?!\w)')
_LATIN_WORD = re.compile(r"[^\W\d_]+")
_PLACEHOLDER_TOKENS = frozenset(PLACEHOLDERS.values())
_SENTENCE_END = {".", "!", "?", "؟"}
#: What ends a label answered after it ("Delivery fee: none", "رسوم الحجز: صفر").
_COLONS = (":", "：")
_CLAUSE_END = {",", ";", ":", ".", "!", "?", "—", "–", "؟", "؛", "*", "(", ")", "…"}
#: Words that turn a list the negation covers into a claim of its own: "no booking fee, but a cleaning fee".
CONTRAST_WORDS = frozenset({"but", "except", "although", "though", "however", "yet", "only", "mais", "sauf",
                            "hormis", "excepté", "seulement", "uniquement", "cependant", "pourtant", "tapi", "tetapi",
                            "namun", "kecuali", "hanya", "cuma", "padahal", "sedangkan", "لكن", "ولكن", "إلا",
                            "باستثناء", "فقط"})
#: What joins the items of a list a negation covers: "no booking fee, admin fee or minimum order".
_LIST_SEPARATORS = frozenset({",", "،", "or", "and", "nor", "ou", "et", "ni", "atau", "ataupun", "maupun", "dan",
                              "أو", "و", "ولا"})
#: Words that open a clause of its own after a comma: "chatbot PawBot, jadi tidak ada lagi agen manusia".
_CONJUNCTIONS = frozenset({"so", "and", "then", "but", "donc", "alors", "et", "mais", "puis", "jadi", "sehingga",
                           "makanya", "lalu", "dan", "tapi", "namun", "لذلك", "لذا", "ولذلك", "ولكن", "لكن"})
#: Of those, the ones that never join the items of a list ("4 000 km inclus, puis 0,50 AED par kilomètre").
_CLAUSE_OPENERS = _CONJUNCTIONS - _LIST_SEPARATORS
# A semicolon joins two statements: a negator after one ("chatbot only; no human agent") is the other's.
_SEMICOLONS = {";", "؛"}
# An asterisk after a claim ("free*", "free!*") refers to fine print; one that opens a line or follows a
# space ("* *Subject to…") starts it. Emphasis ("*free*") is neither.
_ASTERISK = re.compile(r"(?<=[\w%€$£)\]!?.])\*+(?=[\s.!?,;:]|$)|(?:^|(?<=\s))\*+(?=\s*\w|\s*$)")
_EMPHASIS = re.compile(r"(?<![\w*])\*[^\s*][^*]*?(?<=[^\s*])\*(?![\w*])")


def supported_languages() -> tuple[str, ...]:
    """The languages with a quantity lexicon (every cue reads quantities)."""
    return languages("quantity")


@functools.lru_cache(maxsize=None)
def pack(cue: str, lang: str) -> Pack | None:
    """The compiled pack of ``cue`` in ``lang`` (``None`` if that language has none)."""
    lex = lexicon(lang)
    clitics = (lex.proclitics, lex.enclitics) if lex else ((), ())
    return load_pack(cue, lang, CUES[cue]["copy"], CUES[cue]["promise"], clitics)


def language_of(text: str, detected: str | None) -> str | None:
    """The language to read ``text`` in: Arabic script means Arabic; otherwise the detected language,
    unless the function words of a supported language clearly outnumber its own (the detector misreads
    short sentences: an Indonesian line full of brand names may come back as French, a French one as
    Italian); ``None`` for text with no function word of any supported language."""
    supported = supported_languages()
    detected = ALIASES.get(detected or "", detected)
    letters = _LATIN_WORD.findall(text)
    arabic = sum(len(w) for w in letters if _ARABIC.search(w))
    if "ar" in supported and arabic * 2 > sum(len(w) for w in letters):
        return "ar"
    words = [w.lower() for w in letters if not _ARABIC.search(w)]
    scores = {}
    for lang in supported:
        lex = lexicon(lang)
        if lang != "ar" and lex is not None:
            scores[lang] = sum(w in lex.stopwords for w in words)
    best = max(scores, key=lambda lang: scores[lang], default=None)
    if detected in scores and (best is None or scores[detected] >= scores[best] or scores[best] < 2):
        return detected
    # A language with no patterns (or none detected): read it as the supported language whose function
    # words it has, if any.
    return best if best is not None and scores[best] >= 1 else None


@dataclass(frozen=True)
class Cue:
    """A phrase of a cue pack found in a text: ``side`` is ``copy``, ``promise``, or ``denied`` (a copy cue
    the text negates); ``text`` the span as written; ``start``/``end`` offsets into the text."""

    cue: str
    label: str
    side: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Analysis:
    """What one text says: its quantities and the cue phrases it contains (negated copy cues as ``denied``,
    apart from what it says; an asterisk that marks fine print is a ``fee``/``fine-print`` cue)."""

    text: str
    lang: str | None
    quantities: tuple[Quantity, ...] = ()
    cues: tuple[Cue, ...] = ()
    #: exact quantities a negation of the claim they stand in cancels: "no store is 100% theft-proof",
    #: "nggak akan bilang '100% anti maling'" (not "no more than 14 days", a bound)
    denied_quantities: tuple[Quantity, ...] = ()

    def denied(self, cue: str | None = None) -> list[Cue]:
        """The copy cues the text negates ("no booking fee", "Registration fee: none")."""
        return [c for c in self.cues if c.side == "denied" and (cue is None or c.cue == cue)]

    def copy(self, cue: str, *labels: str) -> list[Cue]:
        return [c for c in self.cues if c.side == "copy" and c.cue == cue and (not labels or c.label in labels)]

    def commitments(self, cue: str, *labels: str) -> list[Cue]:
        return [c for c in self.cues if c.side == "promise" and c.cue == cue
                and (not labels or c.label in labels)]

    def of(self, *dimensions: str) -> list[Quantity]:
        return [q for q in self.quantities if q.dimension in dimensions]


@functools.lru_cache(maxsize=8192)
def analyse(text: str, lang: str | None) -> Analysis:
    """Read ``text`` (detected as ``lang``) with every cue pack of its language; cached per text."""
    lang = language_of(text, lang)
    lex = lexicon(lang) if lang else None
    if lex is None:
        return Analysis(text, None)
    norm = normalise(text)
    scanned = lex.scan(norm, text)
    masked, starts, ends = _mask(norm.text, norm.origin, scanned)
    doc = None
    cues: list[Cue] = []
    negations: list[tuple[int, int]] = []
    for cue in CUES:
        compiled = pack(cue, lang)
        if compiled is None:
            continue
        doc = doc if doc is not None else compiled.nlp.make_doc(masked)
        matches = compiled.match(doc)
        cues.extend(_cues(cue, matches, doc, text, starts, ends))
        negations += [(s, e) for key, s, e in matches if key == "negation"]
    cues.extend(_asterisks(text))
    quantities = tuple(q for _, _, q in scanned)
    denied = ()
    if negations:
        at = {starts[t.idx]: t.i for t in doc if t.text in _PLACEHOLDER_TOKENS}
        denied = tuple(q for q in quantities if q.bound == "exact" and q.start in at
                       and _negated(doc, at[q.start], at[q.start] + 1, negations, (), DISCLAIMER_REACH))
    return Analysis(text, lang, quantities, tuple(cues), denied)


def _mask(text: str, origin: tuple[int, ...], scanned) -> tuple[str, list[int], list[int]]:
    """``text`` with each quantity replaced by its placeholder token, and for each character the
    original offsets it starts and ends at."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for n_start, n_end, q in scanned:
        for i in range(position, n_start):
            chars.append(text[i])
            starts.append(origin[i])
            ends.append(origin[i + 1])
        name = q.dimension
        if q.low == q.high == 0 and (name == "money" or text[:n_start].rstrip().endswith(_COLONS + QUESTION_MARKS) or (
                name == "count" and any(c.isdigit() for c in q.text))):
            # "Rp0", a bare "0" ("service fee: 0") and a zero after a colon or answering a question
            # ("رسوم الحجز: صفر", "Waiting period: 0 days", "Biaya admin? Nol."): an amount of nothing,
            # but not the word "zero" elsewhere ("zero risk")
            name = "money0"
        elif name == "count" and q.low == q.high == 0:
            name = "zero"  # the word: "zero fees", "nol biaya", "صفر رسوم" (also a {count}: "zéro risque")
        elif name == "money" and q.per:
            name = "rate"
        # One space either side, not two: spaCy makes a token of extra whitespace.
        before = " " if chars and not chars[-1].isspace() else ""
        after = " " if n_end < len(text) and not text[n_end].isspace() else ""
        token = f"{before}{PLACEHOLDERS[name]}{after}"
        chars.extend(token)
        starts.extend([q.start] * len(token))
        ends.extend([q.end] * len(token))
        position = n_end
    for i in range(position, len(text)):
        chars.append(text[i])
        starts.append(origin[i])
        ends.append(origin[i + 1])
    return "".join(chars), starts, ends


def _cues(cue: str, matches, doc, text: str, starts: list[int], ends: list[int]) -> list[Cue]:
    negations = [(s, e) for key, s, e in matches if key == "negation"]
    objects = [(s, e) for key, s, e in matches if key == "negation_object"]
    after = [(s, e) for key, s, e in matches if key == "negation_after"]
    # inclusions and refunds negate as negations do, but not the labels of NOT_INCLUDED
    inclusions = [(s, e) for key, s, e in matches if key == "inclusion"]
    with_inclusions = (negations + inclusions, after + [(s, e) for key, s, e in matches if key == "inclusion_after"])
    lists = inclusions + [(s, e) for key, s, e in matches if key == "inclusion_list"]
    found = []
    negated: tuple[int, int] | None = None  # start and end tokens of the last negated cue
    negated_label = ""
    refunded = False  # whether only an inclusion or a refund negated it
    for key, s, e in matches:
        side, _, label = key.partition(":")
        if side not in ("copy", "promise"):
            continue
        start = starts[doc[s].idx]
        end = ends[doc[e - 1].idx + len(doc[e - 1]) - 1]
        if start >= 2 and text[start - 1] == "-" and text[start - 2].isalnum():
            continue  # part of a compound: "risk-free" and "plastic-free" are not prices
        if side == "copy":
            included = label not in NOT_INCLUDED.get(cue, ())
            before, following = with_inclusions if included else (negations, after)
            reach = DISCLAIMER_REACH if cue in _DISCLAIMED else 3
            # a cue within a negated one, or after it in the list a negation covers: of the same label, or of
            # another right after a comma or a conjunction ("no booking fee, admin fee or minimum order"; not
            # "with no fair use policy, is exclusive to"); a refund covers none of NOT_INCLUDED ("a $300
            # deposit is required, refunded on return")
            listed = negated is not None and (included or not refunded) and negated[0] <= s and s - negated[1] <= 4 \
                and not any(t.text in _SENTENCE_END or t.lower_ in CONTRAST_WORDS for t in doc[negated[1]:s]) and (
                    label == negated_label or s <= negated[1] or doc[s - 1].lower_ in _LIST_SEPARATORS)
            if included and any(_in_list_after(doc, i_end, s) for _, i_end in lists):
                # "Le prix affiché inclut déjà la collecte, la livraison et tous les frais de service"
                side = "denied"
            elif listed or _negated(doc, s, e, before, following, reach, objects):
                # "no service fees, app fees or card fees", "no booking fee, admin fee or minimum order": the
                # negation covers the whole list, up to a word that turns it ("no booking fee, but a cleaning fee")
                refunded = refunded if listed else included and not _negated(doc, s, e, negations, after, reach,
                                                                              objects)
                negated, negated_label = (s, max(e, negated[1]) if listed else e), label
                side = "denied"
        found.append(Cue(cue, label, side, text[start:end], start, end))
    return found


#: How far a disclaimer of two words or more ("don't claim", "ne prétendons pas", "nggak ngaku") negates an
#: overclaim after it in its clause: "We don't claim to be Indonesia's number one laundry"; and how far a
#: negated subject reaches the sharing of data: "None of your consumption data is passed on to advertisers".
DISCLAIMER_REACH = 8
_DISCLAIMED = ("overclaim", "privacy")


#: The longest label ("Weekend surcharge for dog walks:") whose answer ("none") negates every cue in it.
LABEL_WORDS = 8


def _negated(doc, start: int, end: int, before, after, reach: int = 3, objects=()) -> bool:
    """A negator at most three words before the cue in the same clause ("no service fee", "never see an
    account fee"; a negator of two words or more, at most ``reach``), or after it: at most four words on in
    the same clause ("seats are added to your booking at no cost"), two in the same sentence and statement
    ("fee: $0.00", "frais offerts"; not "chatbot only; no human agent"), the answer to a question of at most
    ``LABEL_WORDS`` words the cue is asked in ("Number one in Indonesia? We don't know."), or the answer to a
    label of at most ``LABEL_WORDS`` words the cue stands in ("Weekend surcharge for dog walks: none"). A
    negator with an object (``objects``: "without", "without any", "sans", "tanpa") negates only a cue right
    after it, its object: "without a fair-use policy", not "la procédure sans frais ne s'applique pas encore
    à Bali"."""
    if any(s < start <= e for s, e in objects):
        return True
    for s, e in before:
        limit = reach if _words(doc[s:e], clitics=False) >= 2 else 3
        # a negation over the cue's words that reaches past them reads them otherwise: "tinggal dua klik"
        # not across a clause or a contrast: "لا بأس… لكن لا تلمنا", "pas de frais, seulement un acompte"
        if s < start < e or (s == start and e > end) or (e <= start and _words(doc[e:start]) <= limit
                              and not any(t.text in _CLAUSE_END or t.lower_ in CONTRAST_WORDS for t in doc[e:start])):
            return True
    for s, e in after:
        if s >= end and _words(doc[end:s]) <= 4 and not any(t.text in _CLAUSE_END for t in doc[end:s]) or (
                s >= end and _words(doc[end:s]) <= 2 and not any(t.text in _SENTENCE_END or t.text in _SEMICOLONS
                                                                  for t in doc[end:s])
                and not _opens_clause(doc[end:s])):
            return True
        # the answer to the question the cue is asked in: "Minimum order? None.", "The best serum in the
        # world? We honestly don't know."
        if s > end and doc[s - 1].text in ("?", "؟") and _words(doc[end:s]) <= LABEL_WORDS and not any(
                t.text in _CLAUSE_END for t in doc[end:s - 1]):
            return True
        # a short label answered with nothing answers all of it: "Weekend surcharge for dog walks: none"
        if s > end and doc[s - 1].text in _COLONS:
            label_start = max((t.i + 1 for t in doc[:s - 1] if t.text in _SENTENCE_END or t.text in _COLONS),
                              default=0)
            if label_start <= start and _words(doc[label_start:s - 1]) <= LABEL_WORDS:
                return True
    return False


#: How many words the list an inclusion opens may run before a charge it includes ("covers the park fee,
#: lunch, fins and mask"; "sudah termasuk semuanya, dari ongkos datang sampai biaya parkir").
INCLUSION_REACH = 12


def _in_list_after(doc, start: int, cue_start: int) -> bool:
    """Whether ``cue_start`` is in the list that runs from ``start`` (the end of an inclusion) in its sentence:
    at most ``INCLUSION_REACH`` words on, past an item (a comma or a conjunction between, Arabic "و" too), with
    no other sign, amount, time, word that turns it or opens a clause ("4 000 km inclus, puis 0,50 AED par
    kilomètre supplémentaire") between."""
    if cue_start < start:
        return False
    between = doc[start:cue_start]
    # an amount or a time between is a claim of its own: "Remboursé sous 5 jours, des frais de 10 € s'appliquent"
    stops = any(t.text in _CLAUSE_END and t.text not in (",", "،") or t.lower_ in CONTRAST_WORDS
                or t.text in _PLACEHOLDER_TOKENS for t in between)
    opens = any(t.lower_ in _CLAUSE_OPENERS for t in doc[start:cue_start + 1])
    past_an_item = any(t.lower_ in _LIST_SEPARATORS or t.lower_.startswith("و") for t in between)
    return _words(between) <= INCLUSION_REACH and past_an_item and not stops and not opens


def _opens_clause(tokens) -> bool:
    """Whether a conjunction opens a clause in ``tokens``: the negator after them is then that clause's
    ("ditangani chatbot PawBot, jadi tidak ada lagi agen manusia"), not the answer to a label ("Frais de
    dossier : offerts") nor a word on the cue ("€9.99 a month, with free delivery")."""
    return any(t.text in _CLAUSE_END and t.i + 1 < tokens.end and tokens.doc[t.i + 1].lower_ in _CONJUNCTIONS
               for t in tokens)


def _words(tokens, clitics: bool = True) -> int:
    """How many words ``tokens`` hold: quotes and hyphens do not count ('no "last chance" pop-ups'), nor,
    without ``clitics``, contractions ("n't", "n'", "'s")."""
    return sum(1 for t in tokens if any(ch.isalnum() for ch in t.text)
               and (clitics or not t.text.lower().startswith(("n'", "n’", "'", "’"))))


def _asterisks(text: str) -> list[Cue]:
    """Asterisks that mark or open fine print, as ``fee``/``fine-print`` cues (language-free)."""
    emphasis = [m.span() for m in _EMPHASIS.finditer(text)]
    return [Cue("fee", "fine-print", "copy", m.group(), m.start(), m.end()) for m in _ASTERISK.finditer(text)
            if not any(s <= m.start() < e for s, e in emphasis)]


@dataclass(frozen=True)
class Terms:
    """What a promise commits to.

    ``quantities``: those of its statement; ``accepted``: those plus the quantities of its consistent
    examples (values the promise agrees with); ``commitments``: the promise-side cues of the statement,
    then of the consistent examples, plus those a quantity implies (24/7 → always, every day of the week
    → every-day); ``dissonant``: the readings of its dissonant examples, which show what the promise rules
    out ("A €3 maintenance fee applies" → fees; "Live agents 9am to 5pm" → hours).
    """

    statement: str
    quantities: tuple[Quantity, ...] = ()
    accepted: tuple[Quantity, ...] = ()
    commitments: tuple[Cue, ...] = ()
    dissonant: tuple[Analysis, ...] = ()

    def commitment(self, cue: str, *labels: str) -> Cue | None:
        return next((c for c in self.commitments if c.cue == cue and (not labels or c.label in labels)), None)

    def ruled_out(self, cue: str, *labels: str, unless: Callable[[Analysis, Cue], bool] | None = None) -> Cue | None:
        """The first cue of ``cue`` (of one of ``labels``) that a dissonant example of the promise says (and
        for which ``unless(example, cue)`` is false)."""
        return next((c for a in self.dissonant for c in a.copy(cue, *labels) if unless is None or not unless(a, c)),
                    None)


def quotations(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` in quotation marks, the marks included."""
    return [m.span() for m in _QUOTED.finditer(text)]


def overlaps(a: Cue | Quantity, b: Cue | Quantity) -> bool:
    """Whether two spans of the same text (cues or quantities) share a character."""
    return a.start < b.end and b.start < a.end


def unquoted(items: list, text: str) -> list:
    """``items`` (cues or quantities) less those inside quotation marks."""
    quotes = quotations(text)
    return [c for c in items if not any(s <= c.start < e for s, e in quotes)]


@functools.lru_cache(maxsize=4096)
def promise_terms(statement: str, consistent: tuple[str, ...], dissonant: tuple[str, ...], lang: str) -> Terms:
    """Read a promise (its statement is in the book's ``lang``; examples may be in any language)."""
    stated = analyse(statement, lang)
    agreeing = [analyse(text, language_of(text, lang)) for text in consistent]
    breaking = tuple(analyse(text, language_of(text, lang)) for text in dissonant)
    commitments = [c for c in stated.cues if c.side == "promise"] + implied_commitments(stated)
    for example in agreeing:
        commitments += [c for c in example.cues if c.side == "promise"] + implied_commitments(example)
    # A quantity a promise quotes is one it rules out, not one it makes: 'never "100% cashback"'; so is a
    # percentage it denies: "never make 100% claims" (a survey's "61%" is no conflict with it). Not any
    # quantity denied: "y compris les week-ends" includes the weekend.
    quantities = [q for q in unquoted(list(stated.quantities), statement)
                  if not (q.dimension == "percent" and q in stated.denied_quantities)]
    # a value a consistent example denies is one the promise rules out: "in three working days, not three weeks"
    accepted = quantities + [q for a in agreeing for q in a.quantities if q not in a.denied_quantities]
    return Terms(statement, tuple(quantities), tuple(accepted), tuple(commitments), breaking)


def implied_commitments(analysis: Analysis) -> list[Cue]:
    """The commitments a text's quantities make: 24/7 → always, every day of the week → every-day."""
    implied = []
    for q in analysis.quantities:
        if q.dimension == "availability" and (q.unit == "24/7" or (q.unit == "hours/day" and q.low >= 24)):
            implied.append(Cue("scope", "always", "promise", q.text, q.start, q.end))
        if (q.dimension == "weekdays" and len(q.days) == 7) or (q.dimension == "availability" and (
                q.unit == "24/7" or (q.unit == "days/week" and q.low >= 7))):
            implied.append(Cue("scope", "every-day", "promise", q.text, q.start, q.end))
    return implied

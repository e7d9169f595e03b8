"""Quantities in text, normalised across languages and scripts.

"14 days", "two whole months", "deux mois", "dua bulan", "شهرين", "1×24 jam", "Rp25.000", "25.000 rupiah",
"3 €", "٣ دولارات", "99,9 %", "9am–5pm", "de 9 h à 18 h", "Senin–Jumat", "24/7"… each becomes a
``Quantity``: a dimension, a value range in a base unit (hours, a currency, percent, GB, minutes of the
day…) and the exact span it was read from. Everything language-specific — number words, units,
currencies, separators, clock conventions, day names — is data in ``patterns/quantity/<lang>.yaml``; this
module only knows how quantities are put together.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field, replace

from .files import PatternFile, languages
from .text import Normalised, normalise, normalise_term

#: Hours in one of each duration unit. Business units count business days (see ``durations_agree``).
DURATION_HOURS = {"minute": 1 / 60, "hour": 1.0, "day": 24.0, "business-day": 24.0, "week": 168.0,
                  "business-week": 120.0, "month": 730.0, "year": 8760.0}
BUSINESS_UNITS = {"business-day", "business-week"}
OTHER_UNITS = {"MB": ("data", 0.001), "GB": ("data", 1.0), "TB": ("data", 1000.0),
               "Mbps": ("speed", 1.0), "Gbps": ("speed", 1000.0), "percent": ("percent", 1.0),
               "kg": ("weight", 1.0)}
UNITS = (*DURATION_HOURS, *OTHER_UNITS)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PERIODS = ("minute", "hour", "day", "week", "month", "year", "order", "unit")
#: Currencies written without decimals, so "Rp1.000" is a thousand whatever the language's separators.
WHOLE_CURRENCIES = {"IDR"}
#: The code of an amount "in local currency" (ISO 4217's "no currency"): comparable with any currency.
LOCAL_CURRENCY = "XXX"
BOUNDS = ("max", "min", "approx", "elapsed", "every", "max_after", "min_after", "elapsed_after", "ceiling",
          "ceiling_ahead", "negated_ahead")
#: How far before its number a ``ceiling_ahead`` verb may stand ("لا يتجاوز سعر أي تذكرة على أي خط ٢٠٠ ريال"),
#: with no other quantity between them; so may a ``negated_ahead`` negator of an amount's floor, in its clause
#: ("No one-hour lesson costs more than £45")
AHEAD_CHARS = 80
_CLAUSE_BREAK = re.compile(r"[.!?;؟](?:\s|$)")
#: How many words may stand between a ``delay.before`` word and its duration ("refunds are back in your
#: e-wallet within 24 hours")
DELAY_GAP = 6
#: How many words may stand between a ``lead.before`` word and its duration ("قبل الرحلة بـ ٣٠ ساعة")
LEAD_GAP = 3
_DIGIT = re.compile(r"\d")
#: The signs that end a clause: a notice or a delay is read in its own ("قبل الحفل، والاسترداد خلال ٧ أيام").
_CLAUSE_MARKS = ",;:.!?،؛؟"
_CLAUSE_MARK = re.compile(f"[{_CLAUSE_MARKS}]")
LEXICON_KEYS = ("lang", "tokenizer", "elisions", "proclitics", "enclitics", "decimal", "thousands", "stopwords",
                "numbers", "not_numbers", "multipliers", "additions", "joiners", "articles", "units", "duals", "fillers",
                "bare_unit_after", "bare_units", "one_after", "currencies", "currency_duals", "ranges", "between",
                "range_and", "bounds", "per", "named", "clock", "weekdays", "weekday_short", "weekday_sets",
                "inclusive", "months", "this_day", "people", "lead", "delay", "examples")
CLOCK_KEYS = ("am", "pm", "weak", "hours", "from", "until", "h_suffix", "dotted", "markers", "bare_hours", "zones",
              "counted", "lead", "spent", "bare_ranges", "duration_lead", "deadline")


@dataclass(frozen=True)
class Quantity:
    """One quantity read from a text.

    ``dimension``: duration (hours), money (``unit`` is the ISO currency), percent, data (GB), speed
    (Mbps), weight (kg), people (a number of persons: "45 pilgrims"), count, clock (minutes after midnight),
    weekdays (``days``), availability (``unit`` ``hours/day``, ``days/week`` or ``24/7``) or date.
    ``low``–``high`` is the value (equal for a point).
    ``bound``: exact, max ("within", "up to"), min ("at least"), approx, elapsed ("after two years", "ten
    days ago") or every (a period: "every 8 hours").
    ``per``: the period of a rate ("€4 a month" → month; "per order"; ``unit`` for a price per unit sold:
    "Rp7,000/kg", "€20 per person"). ``business``: counted in business days.
    ``start``/``end`` are offsets into the text as given; ``text`` is that span.
    """

    dimension: str
    low: float
    high: float
    unit: str
    text: str
    start: int
    end: int
    bound: str = "exact"
    per: str = ""
    business: bool = False
    days: tuple[str, ...] = ()
    inclusive: bool = False
    #: a bound said to be the most ("at most", "maximum", "au plus tard", "كحد أقصى"), not only "within",
    #: which a window of time also says ("returns within 30 days", where less is worse); for a time of day,
    #: a deadline ("by 11am", "avant 10 h demain"), not a closing time ("until 8pm")
    ceiling: bool = False
    #: a duration of notice before something ("24 h avant le départ", "two days before", "قبل الرحلة بيومين")
    lead: bool = False
    #: a duration something takes ("refunded within 5 working days", "livré en 2 h", "dana masuk dalam 2 hari"):
    #: less keeps a promise of it, where less breaks a window ("returns within 30 days")
    delay: bool = False

    @property
    def is_range(self) -> bool:
        return self.high != self.low

    def describe(self) -> str:
        """A compact, language-free form: ``duration 336h``, ``money 25000 IDR``, ``clock 09:00-17:00``."""
        if self.dimension == "weekdays":
            return "weekdays " + ",".join(self.days)
        if self.dimension == "date":
            return "date"
        if self.dimension == "clock":
            value = "-".join(dict.fromkeys(f"{int(v) // 60:02d}:{int(v) % 60:02d}" for v in (self.low, self.high)))
        else:
            value = "-".join(dict.fromkeys(_fmt(v) for v in (self.low, self.high)))
        unit = {"duration": "h" + ("(business)" if self.business else ""), "timer": "h", "percent": "%", "data": " GB",
                "speed": " Mbps", "weight": " kg", "people": " people", "count": "", "clock": "",
                "date": ""}.get(self.dimension, " " + self.unit)
        text = f"{self.dimension} {value}{unit}"
        if self.per:
            text += f"/{self.per}"
        if self.bound != "exact":
            text += f" ({self.bound})"
        return text


def _before(text: str, start: int) -> str:
    """The words just before ``start`` where a bound or a from/until word would stand, in lower case."""
    return text[max(0, start - 40):start].lower()


def _group(m: re.Match, name: str) -> str | None:
    """The text of group ``name``. Alternatives of one pattern name their groups ``n1``, ``n1_``,
    ``n1__``… (Python needs distinct names): the first that took part in the match."""
    groups = m.groupdict()
    for suffix in range(6):
        value = groups.get(name + "_" * suffix)
        if value is not None:
            return value
    return None


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.4g}"


# --- comparisons --------------------------------------------------------------------------------


def _business_span(hours: float) -> tuple[float, float]:
    """The calendar time ``hours`` of business days may take: weekends fall in between."""
    days = hours / 24
    return hours, (days + 2 * math.ceil(days / 5)) * 24


def durations_agree(found: Quantity, promised: Quantity, tolerance: float = 0.1) -> bool:
    """Whether every end of ``found`` states what ``promised`` does: falls in a promised range, or equals
    the promised value within ``tolerance`` — or, when only one of them counts business days, the calendar
    value falls in the time those business days may take."""
    if promised.is_range:
        return all(promised.low * (1 - tolerance) <= x <= promised.high * (1 + tolerance)
                   for x in (found.low, found.high))
    return all(_point_agrees(x, found.business, promised.low, promised.business, tolerance)
               for x in (found.low, found.high))


def _point_agrees(x: float, x_business: bool, y: float, y_business: bool, tolerance: float) -> bool:
    if x_business == y_business:
        return abs(x - y) <= tolerance * max(x, y)
    low, high = _business_span(x if x_business else y)
    value = y if x_business else x
    return low * (1 - tolerance) <= value <= high * (1 + tolerance)


#: The dimensions whose values compare across texts (``comparable``).
COMPARABLE = ("duration", "money", "percent", "data", "speed", "weight", "people")


def comparable(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities measure the same thing (same dimension; same currency and rate period; a
    duration per period, or a price per unit, only with one per the same)."""
    if a.dimension != b.dimension or a.dimension not in COMPARABLE:
        return False
    if a.dimension == "money" and a.unit != b.unit and LOCAL_CURRENCY not in (a.unit, b.unit):
        return False
    # "5 working days a week" is a schedule, not a window or a delay; Rp7,000 per kg says nothing of a bill
    # of Rp21,000 for 3 kg
    if a.dimension == "duration" or "unit" in (a.per, b.per):
        return a.per == b.per
    return a.per == b.per or not a.per or not b.per


def within(found: Quantity, promised: Quantity) -> bool:
    """An exact amount on the allowed side of a promise's floor or ceiling is a case of it, not a
    conflict: a Rp1,200,000 transfer under "top-ups from Rp10,000", €142 under "a deposit of at most €300", a
    group of 12 under "no group over 20 travellers", a 2.6% rise under "never more than 5%"."""
    if found.dimension not in ("money", "people", "percent") or found.bound != "exact":
        return False
    # a number of people a promise gives is a ceiling however it is worded ("classes of 8 students")
    ceiling = ("max", "exact") if found.dimension == "people" else ("max",)
    return (promised.bound == "min" and found.low >= promised.high) or (
        promised.bound in ceiling and found.high <= promised.low)


def agree(found: Quantity, promised: Quantity) -> bool:
    """Whether ``found`` (every end of it, for a range) states what ``promised`` does."""
    if found.dimension == "duration":
        return durations_agree(found, promised)
    tolerance = 0.011 if found.dimension == "money" else 0.001
    low, high = promised.low, promised.high
    return all(low - tolerance * max(abs(low), 1) <= v <= high + tolerance * max(abs(high), 1)
               for v in (found.low, found.high))


# --- the lexicon --------------------------------------------------------------------------------


def _alternation(forms, proclitics: str = "", group: str | None = None, left: bool = True,
                 right: bool = True, unless: str = "") -> str:
    """A regex matching any of ``forms`` (normalised, longest first) as whole words (``left``/``right``:
    whether a word boundary is needed on that side: "9am" and "Rp25" have none), except where a word
    starts with ``unless`` (a lookahead)."""
    parts, words = [], []
    for form in sorted({normalise_term(f) for f in forms}, key=len, reverse=True):
        body = r"\s+".join(re.escape(word) for word in form.split(" "))
        starts_word = form[0].isalnum() or form[0] == "_"
        ends_word = form[-1].isalnum() or form[-1] == "_"
        if starts_word and ends_word and left and right:
            words.append(body)  # bounded on both sides: one alternative for all, a far shorter regex
            continue
        parts.append((r"(?<!\w)" + unless + proclitics if starts_word and left else "") + body
                     + (r"(?!\w)" if ends_word and right else ""))
    if words:
        parts.insert(0, r"(?<!\w)" + unless + proclitics + "(?:" + "|".join(words) + r")(?!\w)")
    if not parts:
        return r"(?!x)x"
    inner = "|".join(parts)
    return f"(?P<{group}>{inner})" if group else f"(?:{inner})"


@dataclass
class _Named:
    pattern: str
    dimension: str
    low: float
    high: float
    unit: str
    days: tuple[str, ...] = ()
    business: bool = False


def _availability(values: tuple[float, float], unit: str, per: str) -> Quantity | None:
    """Hours a day or days a week ("8 hours a day", "يومين بالأسبوع"): how long something is available, not a
    duration."""
    top = {("day", "hour"): (24, "hours/day"), ("week", "day"): (7, "days/week")}.get((per, unit))
    if top is None or values[0] != values[1] or values[0] > top[0]:
        return None
    return Quantity("availability", values[0], values[0], top[1], "", 0, 0)


@dataclass
class Lexicon:
    """The quantity vocabulary of one language, read from ``patterns/quantity/<lang>.yaml``."""

    lang: str
    stopwords: frozenset[str]
    decimal: str
    thousands: tuple[str, ...]
    numbers: dict[str, float]
    multipliers: dict[str, float]
    additions: dict[str, float]
    articles: frozenset[str]
    proclitics: tuple[str, ...] = ()
    enclitics: tuple[str, ...] = ()
    elisions: tuple[str, ...] = ()   # "n", "qu"…: "n'augmente" is read as "n'" "augmente"
    tokenizer: str = "xx"            # the spaCy blank language that tokenises the cue packs
    units: dict[str, str] = field(default_factory=dict)          # form -> canonical unit
    duals: dict[str, str] = field(default_factory=dict)          # form -> canonical unit (value 2)
    currency_forms: dict[str, tuple[str, float]] = field(default_factory=dict)  # form -> (code, factor)
    currency_duals: dict[str, str] = field(default_factory=dict)
    per_forms: dict[str, str] = field(default_factory=dict)      # form -> period
    weekday_forms: dict[str, str] = field(default_factory=dict)  # form -> mon…sun
    weekday_short: dict[str, str] = field(default_factory=dict)  # "Mon" -> mon: only in a range
    weekday_any: dict[str, str] = field(default_factory=dict)    # both, as a range or a pair reads them
    hour_words: dict[str, float] = field(default_factory=dict)
    bare_hours: bool = False
    am: frozenset[str] = frozenset()
    pm: frozenset[str] = frozenset()
    #: am/pm words that are also something else ("3 malam": three nights): a time only after a marker, a
    #: from/until word or in a range ("jam 10 malam", "sampai 11 malam")
    weak: frozenset[str] = frozenset()
    #: the names of months and weekdays, lowercased: capitalised words that name no place ("di bulan Juli dan Agustus")
    calendar: frozenset[str] = frozenset()
    bound_res: dict[str, re.Pattern] = field(default_factory=dict)
    clock_from_re: re.Pattern | None = None
    clock_until_re: re.Pattern | None = None
    #: words that make a time a deadline ("by 11am"), up to ``LEAD_GAP`` words before it
    clock_deadline_re: re.Pattern = re.compile(r"(?!x)x")
    inclusive_re: re.Pattern | None = None
    lead_after_re: re.Pattern = re.compile(r"(?!x)x")   # words after a duration that make it notice
    lead_before_re: re.Pattern = re.compile(r"(?!x)x")  # … or before it, up to LEAD_GAP words away
    delay_before_re: re.Pattern = re.compile(r"(?!x)x")  # words before a duration that make it a delay
    delay_unless_re: re.Pattern = re.compile(r"(?!x)x")  # … unless one of these says it is a window to act in
    # (priority, kind, regex, whether it matches only where a number is written)
    patterns: list[tuple[int, str, re.Pattern, bool]] = field(default_factory=list)
    named: list[tuple[re.Pattern, _Named]] = field(default_factory=list)
    number_word_re: re.Pattern | None = None
    examples: dict = field(default_factory=dict)

    # --- reading values -------------------------------------------------------------------------

    def number(self, raw: str, currency: str | None = None) -> float | None:
        raw = normalise_term(raw)
        product = re.fullmatch(r"(\d+)\s*[x×]\s*(\d+)", raw)
        if product:
            return float(product.group(1)) * float(product.group(2))
        digits = re.match(r"\d[\d.,\s]*", raw)
        if digits:
            value = self._digits(digits.group().strip(), currency)
            rest = raw[digits.end():].strip()
            if rest:
                factor = self.multipliers.get(rest)
                if factor is None:
                    return None
                value *= factor
            return value
        return self._words(raw)

    def _digits(self, raw: str, currency: str | None) -> float:
        text = raw.replace(" ", "")
        seps = [c for c in text if c in ".,"]
        if not seps:
            return float(text)
        if len(set(seps)) == 2:
            decimal = seps[-1]
        elif len(seps) > 1:
            decimal = None
        else:
            tail = text.split(seps[0])[1]
            thousands = seps[0] in self.thousands or currency in WHOLE_CURRENCIES
            decimal = None if len(tail) == 3 and thousands else seps[0]
        whole, _, fraction = text.rpartition(decimal) if decimal else (text, "", "")
        whole = re.sub(r"[.,]", "", whole) or "0"
        return float(f"{whole}.{fraction}" if fraction else whole)

    def _words(self, raw: str) -> float | None:
        total = current = 0.0
        seen = False
        for match in self.number_word_re.finditer(raw):
            word = self._strip_proclitic(normalise_term(match.group("w")), (self.numbers, self.additions,
                                                                             self.multipliers))
            seen = True
            if word in self.numbers:
                current += self.numbers[word]
            elif word in self.additions:
                current += self.additions[word]
            elif word in self.multipliers:
                factor = self.multipliers[word]
                if factor >= 1000:
                    total += max(current, 1) * factor
                    current = 0
                else:
                    current = max(current, 1) * factor
        return total + current if seen else None

    def _lookup(self, table: dict, raw: str, default=None):
        word = self._strip_proclitic(normalise_term(raw), table)
        return table.get(word, default)

    def _strip_proclitic(self, word: str, *tables) -> str:
        """``word``, or ``word`` without a proclitic ("وعشرون" → "عشرون"), whichever a table knows."""
        tables = tables[0] if len(tables) == 1 and isinstance(tables[0], tuple) else tables
        if any(word in t for t in tables):
            return word
        for prefix in self.proclitics:
            if word.startswith(prefix) and any(word[len(prefix):] in t for t in tables):
                return word[len(prefix):]
        return word

    # --- parsing --------------------------------------------------------------------------------

    def parse(self, norm: Normalised, original: str) -> list[Quantity]:
        return [q for _, _, q in self.scan(norm, original)]

    def scan(self, norm: Normalised, original: str) -> list[tuple[int, int, Quantity]]:
        """Every quantity with its span in ``norm.text`` (the quantity itself carries the original's)."""
        text = norm.text
        candidates: list[tuple[int, int, int, Quantity]] = []
        for regex, named in self.named:
            for m in regex.finditer(text):
                q = Quantity(named.dimension, named.low, named.high, named.unit, "", m.start(), m.end(),
                             days=named.days, business=named.business)
                candidates.append((m.start(), m.end(), 0, q))
        numbers = _DIGIT.search(text) is not None or self.number_word_re.search(text) is not None
        for priority, kind, regex, needs_number in self.patterns:
            if needs_number and not numbers:
                continue
            for m in regex.finditer(text):
                q = getattr(self, "_build_" + kind)(m)
                if q is not None:
                    start, end = m.span("q") if "q" in regex.groupindex else m.span()
                    candidates.append((start, end, priority, q))
        chosen: list[tuple[int, int, Quantity]] = []
        taken = [False] * (len(text) + 1)
        for start, end, _, q in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
            if any(taken[start:end]):
                continue
            for i in range(start, end):
                taken[i] = True
            chosen.append((start, end, q))
        result = []
        previous_end = 0
        for start, end, q in sorted(chosen, key=lambda c: c[0]):
            o_start, o_end = norm.span(start, end)
            q = self._annotate(q, text, start, end, previous_end)
            previous_end = end
            result.append((start, end, replace(q, text=original[o_start:o_end], start=o_start, end=o_end)))
        return result

    def _annotate(self, q: Quantity, text: str, start: int, end: int, previous_end: int = 0) -> Quantity:
        before = _before(text, start)
        # the words back to the previous quantity, where a verb before its subject or a delay's verb stands
        preceding = text[max(previous_end, start - AHEAD_CHARS):start]
        after = text[end:end + 30].lower()
        changes: dict = {}
        if q.dimension == "clock":
            bound = None if q.is_range else self._clock_bound(before)
            if bound is not None:
                changes["bound"] = bound
            if bound == "max" and self.clock_deadline_re.search(before):
                changes["ceiling"] = True  # a deadline: "by 11am", "paling lambat jam 18.15"
        elif q.dimension in ("weekdays", "availability", "date"):
            if (q.dimension == "date" or q.dimension == "weekdays" and len(q.days) == 1) \
                    and self.bound_res["min"].search(before):
                changes["bound"] = "min"  # a start: "from 1 March", "mulai 1 Mei", "à partir du 1er juin"
        else:
            # a verb of ceiling before its subject: "لا يتجاوز سعر أي تذكرة … ٢٠٠ ريال"
            ahead = self.bound_res["ceiling_ahead"].search(preceding)
            for kind in ("elapsed", "every", "approx", "max", "min"):
                if self.bound_res[kind].search(before):
                    changes["bound"] = kind
                    break
            else:
                for kind, bound in (("elapsed_after", "elapsed"), ("max_after", "max"), ("min_after", "min")):
                    if self.bound_res[kind].match(after):
                        changes["bound"] = bound
                        break
            if ahead and changes.get("bound", "min") == "min":
                # "لن يرتفع سعر باقتك أكثر من ٥٪": more than that, never
                changes["bound"] = "max"
            elif q.dimension == "money" and changes.get("bound") == "min" and self.bound_res["negated_ahead"].search(
                    _CLAUSE_BREAK.split(text[max(0, start - AHEAD_CHARS):start])[-1]):
                # "No lesson costs more than £45", "tidak ada paket yang lebih dari Rp30.000.000": a ceiling
                changes["bound"] = "max"
                ahead = True
            if changes.get("bound") == "max" and (self.bound_res["max_after"].match(after)
                                                  or self.bound_res["ceiling"].search(before) or ahead):
                changes["ceiling"] = True
        if q.dimension == "duration" and (self.lead_after_re.match(after) or self.lead_before_re.search(before)):
            changes["lead"] = True
        elif q.dimension == "duration":
            clause = _CLAUSE_MARK.split(preceding)[-1]
            if self.delay_before_re.search(clause) and not self.delay_unless_re.search(clause):
                changes["delay"] = True  # "refunded within 5 days", not "can be refunded within 60 days"
        if q.dimension == "weekdays" and (self.inclusive_re.search(before[-25:])
                                          or self.inclusive_re.match(after[:25].lstrip(" ,"))):
            changes["inclusive"] = True
        return replace(q, **changes) if changes else q

    # --- builders, one per pattern kind ---------------------------------------------------------

    def _per(self, m: re.Match) -> str:
        raw = _group(m, "per")
        return self._lookup(self.per_forms, raw, "") if raw else ""

    def _range(self, m: re.Match, currency: str | None = None) -> tuple[float, float] | None:
        low = self.number(_group(m, "n1"), currency)
        high = self.number(_group(m, "n2"), currency) if _group(m, "n2") else low
        if low is None or high is None:
            return None
        return (low, high) if low <= high else None

    def _build_duration(self, m: re.Match) -> Quantity | None:
        unit = self._lookup(self.units, _group(m, "u"))
        if unit not in DURATION_HOURS:
            return None
        if _group(m, "n1"):
            values = self._range(m)
            if values is None:
                return None
        else:
            values = (1.0, 1.0)
        per = self._per(m)
        available = _availability(values, unit, per)
        if available is not None:
            return available
        hours = DURATION_HOURS[unit]
        return Quantity("duration", values[0] * hours, values[1] * hours, "hour", "", 0, 0, per=per,
                        business=unit in BUSINESS_UNITS)

    def _build_hours_minutes(self, m: re.Match) -> Quantity:
        hours = int(m.group("dh")) + int(m.group("dm")) / 60
        return Quantity("duration", hours, hours, "hour", "", 0, 0)

    def _build_dual(self, m: re.Match) -> Quantity | None:
        unit = self._lookup(self.duals, _group(m, "u"))
        if unit in DURATION_HOURS:
            per = self._per(m)
            available = _availability((2.0, 2.0), unit, per)
            if available is not None:
                return available
            return Quantity("duration", 2 * DURATION_HOURS[unit], 2 * DURATION_HOURS[unit], "hour", "", 0, 0,
                            per=per, business=unit in BUSINESS_UNITS)
        dimension, factor = OTHER_UNITS[unit]
        return Quantity(dimension, 2 * factor, 2 * factor, unit, "", 0, 0)

    def _build_money(self, m: re.Match) -> Quantity | None:
        if _group(m, "dual"):
            code = self._lookup(self.currency_duals, _group(m, "dual"))
            return Quantity("money", 2.0, 2.0, code, "", 0, 0, per=self._per(m))
        code, factor = self._lookup(self.currency_forms, _group(m, "cur"))
        if _group(m, "n1"):
            values = self._range(m, code)
            if values is None:
                return None
        else:
            values = (1.0, 1.0)
        return Quantity("money", values[0] * factor, values[1] * factor, code, "", 0, 0, per=self._per(m))

    def _build_other(self, m: re.Match) -> Quantity | None:
        unit = self._lookup(self.units, _group(m, "u"))
        if unit not in OTHER_UNITS:
            return None
        values = self._range(m)
        if values is None:
            return None
        dimension, factor = OTHER_UNITS[unit]
        return Quantity(dimension, values[0] * factor, values[1] * factor, unit if dimension != "percent" else "%",
                        "", 0, 0, per=self._per(m))

    def _time(self, m: re.Match, i: str, marked: bool = False) -> tuple[float, bool, str] | None:
        """(minutes after midnight, whether it is unmistakably a time, am/pm marker) of time ``i``.
        "9 h" is a time only in a range or after a marker ("à 9 h"; alone, "en 2 h" is a duration); so is
        a bare number in a language that writes hours so ("pukul 9", "الساعة 9": ``bare_hours``)."""
        hour_word = _group(m, f"hw{i}")
        marker = _group(m, f"ap{i}")
        marker = normalise_term(marker) if marker else ""
        if hour_word:
            hour, minute, strong = self._lookup(self.hour_words, hour_word), 0.0, bool(marker) or marked
        else:
            if not _group(m, f"h{i}"):
                return None
            hour = float(_group(m, f"h{i}"))
            minute = float(_group(m, f"m{i}") or 0)
            strong = bool(_group(m, f"m{i}") or marker and (marker not in self.weak or marked
                                                             or self._clock_bound(_before(m.string, m.start())))
                          or marked and (_group(m, f"hs{i}") or self.bare_hours))
        if hour > 24 or minute >= 60:
            return None
        return hour * 60 + minute, strong, marker

    def _clock_bound(self, before: str) -> str | None:
        """``max`` after "until" ("sampai 11 malam"), ``min`` after "from", else ``None``."""
        if self.clock_until_re.search(before):
            return "max"
        return "min" if self.clock_from_re.search(before) else None

    def _apply_marker(self, minutes: float, marker: str) -> float:
        if marker in self.pm and minutes < 12 * 60:
            return minutes + 12 * 60
        if marker in self.am and minutes >= 12 * 60:
            return minutes - 12 * 60 if minutes >= 13 * 60 else minutes
        return minutes

    def _build_clock(self, m: re.Match) -> Quantity | None:
        ranged = bool(_group(m, "to"))
        first = self._time(m, "1", marked=ranged or bool(_group(m, "marker")))
        if first is None:
            return None
        second = self._time(m, "2", marked=True) if ranged else None
        if second is None:
            minutes, strong, marker = first
            if not strong:
                return None
            value = self._apply_marker(minutes, marker)
            return Quantity("clock", value, value, "", "", 0, 0)
        (start, strong1, marker1), (end, strong2, marker2) = first, second
        if not (strong1 or strong2):
            return None
        end = self._apply_marker(end, marker2)
        if marker1:
            start = self._apply_marker(start, marker1)
        elif marker2 in self.pm and start + 12 * 60 < end:
            start += 12 * 60  # "7–11 pm"
        if end == 0:
            end = 24 * 60.0  # "08:00–00:00", "de 8 h à 0 h": until midnight
        elif end <= start and end < 12 * 60:
            end += 12 * 60  # "9–5": nine to five
        if end <= start:
            return None
        return Quantity("clock", start, end, "", "", 0, 0)

    def _build_bare_clock(self, m: re.Match) -> Quantity | None:
        """"9–5", "10 to 6", "8-8": hours without am/pm, the second no later than the first, are a day's
        opening hours (nine to five); "3–5" (days, items…) is not, nor a score ("won 3-1")."""
        first, second = int(m.group("b1")), int(m.group("b2"))
        if not (5 <= first <= 12 and 1 <= second <= 11 and second <= first):
            return None
        return Quantity("clock", first * 60.0, (second + 12) * 60.0, "", "", 0, 0)

    def _build_weekdays(self, m: re.Match) -> Quantity | None:
        first = WEEKDAYS.index(self._lookup(self.weekday_any, _group(m, "d1")))
        if not _group(m, "d2"):
            return Quantity("weekdays", 1, 1, "", "", 0, 0, days=(WEEKDAYS[first],))
        last = WEEKDAYS.index(self._lookup(self.weekday_any, _group(m, "d2")))
        days = tuple(WEEKDAYS[(first + i) % 7] for i in range((last - first) % 7 + 1))
        return Quantity("weekdays", len(days), len(days), "", "", 0, 0, days=tuple(sorted(days, key=WEEKDAYS.index)))

    def _build_weekday_pair(self, m: re.Match) -> Quantity | None:
        days = {self._lookup(self.weekday_any, _group(m, group)) for group in ("d1", "d2")}
        if len(days) < 2:
            return None
        return Quantity("weekdays", 2, 2, "", "", 0, 0, days=tuple(sorted(days, key=WEEKDAYS.index)))

    def _build_date(self, m: re.Match) -> Quantity:
        return Quantity("date", 0, 0, "", "", 0, 0)

    def _build_timer(self, m: re.Match) -> Quantity:
        h, mi, sec = (int(x) for x in m.group().split(":"))
        seconds = h * 3600 + mi * 60 + sec
        return Quantity("timer", seconds / 3600, seconds / 3600, "hour", "", 0, 0)

    def _build_people(self, m: re.Match) -> Quantity | None:
        if normalise_term(_group(m, "n1")) in self.articles:  # "une personne", "a person": one, said in passing
            return None
        values = self._range(m)
        return None if values is None else Quantity("people", values[0], values[1], "", "", 0, 0)

    def _build_count(self, m: re.Match) -> Quantity | None:
        raw = normalise_term(_group(m, "n1"))
        if raw in self.articles:
            return None
        value = self.number(raw)
        return None if value is None else Quantity("count", value, value, "", "", 0, 0)


# --- building a lexicon from its file -----------------------------------------------------------


def _tokenizer_name(pf: PatternFile, name) -> str:
    if not isinstance(name, str) or not re.fullmatch(r"[a-z]{2,3}", name):
        pf.fail(f"'tokenizer' must be a spaCy language code such as 'en' or 'xx', not {name!r}", ("tokenizer",))
    return name


def _examples(pf: PatternFile, data) -> dict[str, str]:
    """``examples``: expressions and their ``Quantity.describe()`` readings, joined by "; "."""
    if data is None:
        return {}
    pf.mapping(data, ("examples",), "'examples'")
    for text, expected in data.items():
        if not isinstance(expected, str):
            pf.fail(f"example '{text}' must map to its reading as text, not {type(expected).__name__}",
                    ("examples", text))
    return dict(data)


def _load(lang: str) -> Lexicon:
    pf = PatternFile("quantity", lang)
    return build_lexicon(pf)


def build_lexicon(pf: PatternFile) -> Lexicon:
    data = pf.mapping(pf.data, (), "a quantity lexicon", LEXICON_KEYS)
    for key in ("numbers", "units", "currencies", "bounds", "clock", "weekdays"):
        if key not in data:
            pf.fail(f"missing required key '{key}'", ())

    def strings(key: str, at: tuple = (), required: bool = False) -> list[str]:
        node = data
        for part in at:
            node = node[part]
        if key not in node or node[key] is None:
            if required:
                pf.fail(f"missing required key '{key}'", at)
            return []
        return pf.strings(node[key], at + (key,), f"'{'.'.join(map(str, at + (key,)))}'", allow_empty=True)

    def values(key: str) -> dict[str, float]:
        node = data.get(key) or {}
        pf.mapping(node, (key,), f"'{key}'")
        return {normalise_term(str(word)): pf.number(v, (key, word), f"'{key}.{word}'") for word, v in node.items()}

    proclitics_list = strings("proclitics")
    pre = ("(?:" + "|".join(re.escape(normalise_term(p)) for p in sorted(proclitics_list, key=len, reverse=True))
           + ")?") if proclitics_list else ""

    def alt(forms, group=None):
        return _alternation(forms, pre, group)

    decimal = str(data.get("decimal", "."))
    if decimal not in (".", ","):
        pf.fail("'decimal' must be '.' or ','", ("decimal",))
    thousands = tuple(t if t.strip() else " " for t in (data.get("thousands") or []))
    lex = Lexicon(
        lang=pf.lang, stopwords=frozenset(normalise_term(w) for w in strings("stopwords")),
        decimal=decimal, thousands=thousands, numbers=values("numbers"), multipliers=values("multipliers"),
        additions=values("additions"), articles=frozenset(normalise_term(w) for w in strings("articles")),
        examples=_examples(pf, data.get("examples")),
        proclitics=tuple(sorted((normalise_term(p) for p in proclitics_list), key=len, reverse=True)),
        enclitics=tuple(sorted((normalise_term(p) for p in strings("enclitics")), key=len, reverse=True)),
        elisions=tuple(sorted((normalise_term(e) for e in strings("elisions")), key=len, reverse=True)),
        tokenizer=_tokenizer_name(pf, data.get("tokenizer", "xx")))

    def forms_of(key: str, allowed: tuple[str, ...] | None = None) -> dict[str, str]:
        """``key: {canonical: [forms…]}`` as ``{normalised form: canonical}``."""
        table = pf.mapping(data.get(key) or {}, (key,), f"'{key}'", allowed)
        return {normalise_term(form): name for name, forms in table.items()
                for form in pf.strings(forms, (key, name), f"'{key}.{name}'")}

    units = pf.mapping(data["units"], ("units",), "'units'", UNITS)
    lex.units = forms_of("units", UNITS)
    lex.duals = forms_of("duals", UNITS)
    currencies = pf.mapping(data["currencies"], ("currencies",), "'currencies'")
    symbols, words = [], []
    for code, spec in currencies.items():
        at = ("currencies", code)
        if not re.fullmatch(r"[A-Z]{3}", code):
            pf.fail(f"currency '{code}' must be an ISO 4217 code such as EUR", at)
        pf.mapping(spec, at, f"'currencies.{code}'", ("symbols", "words", "minor"))
        for key, factor, bucket in (("symbols", 1.0, symbols), ("words", 1.0, words), ("minor", 0.01, None)):
            for form in strings(key, at):
                lex.currency_forms[normalise_term(form)] = (code, factor)
                if bucket is not None:
                    bucket.append(form)
    minors = [f for f, (c, factor) in lex.currency_forms.items() if factor != 1.0]
    lex.currency_duals = forms_of("currency_duals")
    lex.per_forms = forms_of("per", PERIODS)
    pf.mapping(data["bounds"], ("bounds",), "'bounds'", BOUNDS)
    for kind in BOUNDS:
        forms = strings(kind, ("bounds",))
        body = _alternation(forms, pre)
        if kind.endswith("_after"):
            body = r"\s*" + body  # right after the number
        elif not kind.endswith("_ahead"):
            body += r"\s*$"  # right before it
        lex.bound_res[kind] = re.compile(body, re.IGNORECASE)
    clock = pf.mapping(data["clock"], ("clock",), "'clock'", CLOCK_KEYS)
    lex.bare_hours = bool(clock.get("bare_hours"))
    lex.am = frozenset(normalise_term(w) for w in strings("am", ("clock",)))
    lex.pm = frozenset(normalise_term(w) for w in strings("pm", ("clock",)))
    lex.weak = frozenset(normalise_term(w) for w in strings("weak", ("clock",)))
    hours = pf.mapping(clock.get("hours") or {}, ("clock", "hours"), "'clock.hours'")
    lex.hour_words = {normalise_term(w): pf.number(v, ("clock", "hours", w), f"'clock.hours.{w}'")
                      for w, v in hours.items()}
    lex.clock_from_re = re.compile(_alternation(strings("from", ("clock",)), pre) + r"\s*$", re.IGNORECASE)
    clock_markers = _alternation(strings("markers", ("clock",)), pre)
    lex.clock_until_re = re.compile(_alternation(strings("until", ("clock",)), pre)
                                    + rf"(?:\s+{clock_markers})?\s*$", re.IGNORECASE)

    def shortly_before(forms: list[str], gap: int = LEAD_GAP) -> re.Pattern:
        """One of ``forms`` at most ``gap`` words before the end of the text, in the same clause ("قبل
        الحفل، والاسترداد خلال ٧ أيام" gives no notice of 7 days); never, without forms."""
        return re.compile(_alternation(forms, pre) + rf"(?:\s+[^\s{_CLAUSE_MARKS}]+){{0,{gap}}}\s*$",
                          re.IGNORECASE)

    lex.clock_deadline_re = shortly_before(strings("deadline", ("clock",)))
    lex.weekday_forms = forms_of("weekdays", WEEKDAYS)
    lex.calendar = frozenset(w.lower() for w in [*strings("months"), *lex.weekday_forms])
    lex.weekday_short = forms_of("weekday_short", WEEKDAYS)
    lex.weekday_any = {**lex.weekday_short, **lex.weekday_forms}
    lex.inclusive_re = re.compile(_alternation(strings("inclusive"), pre), re.IGNORECASE)
    if data.get("lead"):
        pf.mapping(data["lead"], ("lead",), "'lead'", ("after", "before"))
        lex.lead_after_re = re.compile(r"\s*" + _alternation(strings("after", ("lead",)), pre), re.IGNORECASE)
        lex.lead_before_re = shortly_before(strings("before", ("lead",)))
    if data.get("delay"):
        pf.mapping(data["delay"], ("delay",), "'delay'", ("before", "unless"))
        lex.delay_before_re = shortly_before(strings("before", ("delay",)), DELAY_GAP)
        lex.delay_unless_re = re.compile(_alternation(strings("unless", ("delay",)), pre), re.IGNORECASE)

    # Named expressions: "next day", "24/7", "weekdays"…
    for key in ("named", "weekday_sets"):
        items = data.get(key) or []
        if not isinstance(items, list):
            pf.fail(f"'{key}' must be a list", (key,))
        for i, item in enumerate(items):
            at = (key, i)
            pf.mapping(item, at, f"'{key}' items", ("phrases", "duration", "availability", "weekdays"))
            phrases = pf.strings(item.get("phrases"), at + ("phrases",), f"'{key}' phrases")
            kinds = [k for k in ("duration", "availability", "weekdays") if k in item]
            if len(kinds) != 1:
                pf.fail(f"'{key}' items need exactly one of duration, availability, weekdays", at)
            kind = kinds[0]
            value = item[kind]
            if kind == "duration":
                if (not isinstance(value, list) or len(value) != 2 or value[1] not in DURATION_HOURS):
                    pf.fail("'duration' must be [number, unit] with a duration unit", at + (kind,))
                amount = pf.number(value[0], at + (kind,), "'duration' amount") * DURATION_HOURS[value[1]]
                named = _Named("", "duration", amount, amount, "hour", business=value[1] in BUSINESS_UNITS)
            elif kind == "availability":
                if value != [24, 7]:
                    pf.fail("'availability' must be [24, 7] (round the clock, every day)", at + (kind,))
                named = _Named("", "availability", 1, 1, "24/7")
            else:
                days = pf.strings(value, at + (kind,), "'weekdays'")
                unknown = [d for d in days if d not in WEEKDAYS]
                if unknown:
                    pf.fail(f"unknown weekday '{unknown[0]}' (use {', '.join(WEEKDAYS)})", at + (kind,))
                days = tuple(sorted(set(days), key=WEEKDAYS.index))
                named = _Named("", "weekdays", len(days), len(days), "", days=days)
            lex.named.append((re.compile(alt(phrases), re.IGNORECASE), named))

    # Numbers.
    # A one-letter multiplier is a number only after digits ("5k", "€2m"): alone it is "I'm" or "S&K".
    word_forms = [*lex.numbers, *(w for w in lex.multipliers if len(w) > 1), *lex.additions]
    # words that read as a number with a clitic but are not one: Arabic "لست" ("I am not") is not ل + ست (6)
    not_numbers = strings("not_numbers")
    unless = ("(?!(?:" + "|".join(re.escape(normalise_term(w)) for w in not_numbers) + r")(?!\w))"
              if not_numbers else "")
    lex.number_word_re = re.compile(_alternation(word_forms, pre, "w", unless=unless), re.IGNORECASE)
    joiners = strings("joiners")
    joiner = r"(?:\s*(?:" + "|".join(re.escape(normalise_term(j)) for j in joiners) + r")\s*|\s+)" if joiners else r"\s+"
    number_word = _alternation(word_forms, pre, unless=unless)
    words_re = f"{number_word}(?:{joiner}{number_word})*"
    # "1 234,50 €": groups of three after a space, then the decimals as after any digits
    space_groups = r"\d{1,3}(?:\s\d{3})+(?!\d)|" if " " in thousands else ""
    multiplier_words = [w for w in lex.multipliers if len(w) > 1 or w == "k"]
    # right after the digits or a space: "5k", "Rp25rb", "1,5jt", "2 million"
    mult = (r"(?:\s?" + _alternation(multiplier_words, left=False) + ")?") if multiplier_words else ""
    digits = rf"(?<![\d:.,])(?:{space_groups}\d+)(?:[.,]\d+)*{mult}"
    number = rf"(?:\d+\s*[x×]\s*\d+(?!\d)|{digits}|{words_re})"
    articles = alt(strings("articles"))
    ranges = _alternation(strings("ranges"), pre)
    between = _alternation(strings("between"), pre)
    range_and = _alternation(strings("range_and"), pre)
    numq = (rf"(?:{between}\s+(?P<n1>{number})\s*{range_and}\s*(?P<n2>{number})"
            rf"|(?P<n1_>{number})(?:\s*{ranges}\s*(?P<n2_>{number}))?)")
    fillers = alt(strings("fillers"))
    duration_units = [f for f, u in lex.units.items() if u in DURATION_HOURS]
    other_units = [f for f, u in lex.units.items() if u not in DURATION_HOURS]
    per_re = rf"(?:\s*(?P<per>{alt(lex.per_forms)}))?"
    bare_after = strings("bare_unit_after")
    one_after = strings("one_after")

    patterns: list[tuple[int, str, str, bool]] = []

    def add(priority: int, kind: str, regex: str, needs_number: bool = False) -> None:
        # needs_number: every match holds a digit or a number word (``number``, ``digits``, ``\d``), so the
        # regex can be skipped on text with neither (most sentences)
        patterns.append((priority, kind, regex, needs_number))

    dur_unit = alt(duration_units, "u")
    add(6, "duration", rf"{numq}\s*-?\s*(?:{fillers}\s+)*{dur_unit}{per_re}", True)
    # a unit written right after the digits: "within 24h", "livré en 48h", "retour sous 30j", "dalam 24jam"
    add(6, "duration", rf"{numq}(?<=\d){_alternation(duration_units, group='u', left=False)}{per_re}", True)
    add(6, "duration", rf"{articles}\s*-?\s*(?:{fillers}\s+)*{dur_unit}{per_re}")
    if one_after:
        add(6, "duration", rf"{dur_unit}\s+{alt(one_after)}{per_re}")
    if bare_after:
        # A unit alone after "خلال" ("within a day"): a singular, those of "bare_units" or else the first
        # form listed of each unit.
        singular = strings("bare_units") or [pf.strings(forms, ("units", unit), "")[0]
                                             for unit, forms in units.items() if unit in DURATION_HOURS]
        for form in singular:
            if lex.units.get(normalise_term(form)) not in DURATION_HOURS:
                pf.fail(f"bare unit '{form}' is not a form of a duration unit", ("bare_units",))
        add(7, "duration", rf"{alt(bare_after)}\s+(?P<q>{_alternation(singular, group='u')}{per_re})")
    if lex.duals:
        add(5, "dual", alt(lex.duals, "u") + per_re)  # "يومين بالأسبوع": two days a week
    currency_prefix = _alternation(symbols + [w for w in words if re.fullmatch(r"[a-z]{3}", normalise_term(w))],
                                   pre, "cur", right=False)
    currency_after = alt(symbols + words, "cur")
    # a range names its currency once or twice: "€10–20", "€10–€20", "between €1,200 and €2,500",
    # "entre 1 200 € et 2 500 €"
    again = _alternation(symbols, pre, right=False)
    again_after = _alternation(symbols + words, pre)
    money_number = rf"(?P<n1>{digits})(?:\s*(?:-|–|—)\s*(?:{again})?\s?(?P<n2>{digits}))?"
    add(2, "money", rf"{currency_prefix}\s?{money_number}{per_re}", True)
    add(2, "money", rf"(?P<n1>{number})(?:\s*{ranges}\s*(?P<n2>{number}))?\s?{currency_after}{per_re}", True)
    add(1, "money", rf"{between}\s+{currency_prefix}\s?(?P<n1>{digits})\s*{range_and}\s*(?:{again})?\s?"
                    rf"(?P<n2>{digits}){per_re}", True)
    add(1, "money", rf"{between}\s+(?P<n1>{number})\s?(?:{again_after})?\s*{range_and}\s*(?P<n2>{number})\s?"
                    rf"{currency_after}{per_re}", True)
    if minors:
        add(2, "money", rf"(?P<n1>\d+(?:[.,]\d+)?)(?P<cur>{'|'.join(re.escape(m) for m in minors)})(?!\w){per_re}",
            True)
    if lex.currency_duals:
        add(2, "money", rf"{alt(lex.currency_duals, 'dual')}{per_re}")
    if one_after:
        add(2, "money", rf"{alt(words, 'cur')}\s+{alt(one_after)}{per_re}")
    add(3, "other", rf"{numq}\s?-?\s?{alt(other_units, 'u')}{per_re}", True)
    add(3, "other", rf"{numq}(?<=\d){_alternation(other_units, group='u', left=False)}{per_re}", True)

    # Clock times and ranges.
    am_pm = _alternation([*lex.am, *lex.pm], left=False)
    hour_words = alt(lex.hour_words) if lex.hour_words else None
    h_suffix = bool(clock.get("h_suffix"))
    dotted = bool(clock.get("dotted"))
    markers = alt(strings("markers", ("clock",)))
    zones = alt(strings("zones", ("clock",)))

    def time(i: str) -> str:
        forms = []
        if hour_words:
            forms.append(lambda s: rf"(?P<hw{i}{s}>{hour_words})(?:\s?(?P<ap{i}{s}>{am_pm}))?")
        if dotted:
            forms.append(lambda s: rf"(?P<h{i}{s}>\d{{1,2}})\.(?P<m{i}{s}>\d{{2}})(?!\d)")
        if h_suffix:
            forms.append(lambda s: rf"(?P<h{i}{s}>\d{{1,2}})\s?(?P<hs{i}{s}>h)(?:\s?(?P<m{i}{s}>\d{{2}}))?(?!\w)"
                                   rf"(?:\s?(?P<ap{i}{s}>{am_pm}))?")
        forms.append(lambda s: rf"(?P<h{i}{s}>\d{{1,2}})(?::(?P<m{i}{s}>\d{{2}}))?(?:\s?(?P<ap{i}{s}>{am_pm}))?")
        return "(?:" + "|".join(form("_" * k) for k, form in enumerate(forms)) + ")"

    until = alt(strings("until", ("clock",)))
    clock_from = alt(strings("from", ("clock",)))
    # "15 sampai 20 kali", "15 إلى 20 مرة": a range of things counted, not of hours
    # … nor days of a month ("من ١٢ إلى ١٤ يوليو")
    counted = alt(strings("counted", ("clock",)) + strings("months"))
    add(1, "clock", rf"(?:{clock_from}\s+)?(?P<q>(?<![\d.,:]){time('1')}\s*(?P<to>{ranges}|{until})\s*{time('2')}"
                    rf"(?![\d])(?!\s*{counted}(?!\w)))(?:\s*{zones})?")
    if clock.get("bare_ranges"):
        add(1, "bare_clock", rf"(?<![\d.,:/\-£$€¥])(?P<q>(?P<b1>\d{{1,2}})\s*(?:{ranges})\s*(?P<b2>\d{{1,2}}))"
                             r"(?![\d:/%-]|[.,]\d)", True)
    add(0, "timer", r"(?<![\d:])\d{1,2}:\d{2}:\d{2}(?![\d:])", True)
    # "livré en 1h30", "le film dure 1h30": hours and minutes after a word of duration are a duration, not a time
    duration_lead = strings("duration_lead", ("clock",))
    if duration_lead and h_suffix:
        add(3, "hours_minutes", rf"{alt(duration_lead)}\s+(?P<q>(?P<dh>\d{{1,2}})\s?h\s?(?P<dm>[0-5]\d))(?![\d:])",
            True)
    # "jusqu'à 24 h avant le départ": hours before something are a lead time (a duration), not a time of day
    lead = strings("lead", ("clock",)) + strings("spent", ("clock",))
    not_lead = rf"(?!\s*{alt(lead)})" if lead else ""
    add(4, "clock", rf"(?<![\d.,:])(?P<q>{time('1')})(?![\d:]){not_lead}")
    if markers != r"(?:(?!x)x)":
        add(4, "clock", rf"(?P<marker>{markers})\s+(?P<q>{time('1')}){not_lead}")
    # Abbreviations ("Mon–Fri") are days only in a range: alone, "sun" and "mar" are other words.
    def day(group: str) -> str:
        short = f"|{alt(lex.weekday_short, group + '_')}(?:\\.(?=\\s*\\S))?" if lex.weekday_short else ""
        return f"(?:{alt(lex.weekday_forms, group)}{short})"

    add(1, "weekdays", rf"(?:{clock_from}\s+)?(?P<q>{day('d1')}\s*(?:{ranges}|{until})\s*{day('d2')})")
    # "Sat & Sun", "Sa/So", "sam. + dim.": two days named (not a range: "Mon & Fri" is two days, not five)
    add(2, "weekday_pair", rf"(?P<q>{day('d1')}\s*(?:&|\+|/|,)\s*{day('d2')})")
    add(5, "weekdays", rf"(?P<q>{alt(lex.weekday_forms, 'd1')})")
    months = alt(strings("months"))
    add(3, "date", rf"\d{{1,2}}(?:st|nd|rd|th|er)?\s+{months}|{months}\s+\d{{1,2}}(?!\d)(?:st|nd|rd|th)?"
                   rf"|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}", True)
    # "this Saturday", "Sabtu ini": one day, a date as much as "Saturday 12 July" is
    if data.get("this_day"):
        this = pf.mapping(data["this_day"], ("this_day",), "'this_day'", ("before", "after"))
        forms = [rf"{alt(strings('before', ('this_day',)))}\s+{alt(lex.weekday_forms)}" if this.get("before") else "",
                 rf"{alt(lex.weekday_forms)}\s+{alt(strings('after', ('this_day',)))}" if this.get("after") else ""]
        add(2, "date", "|".join(f for f in forms if f))
    # "up to 45 pilgrims", "25–30 travellers", "8 élèves": a number of people (the noun stays outside the
    # quantity's text, so cue phrases still read "{count} people are looking at this")
    if data.get("people"):
        add(3, "people", rf"{numq}(?=\s*{alt(strings('people'))}(?!\w))", True)
    add(9, "count", rf"(?P<n1>{number})", True)
    lex.patterns = [(priority, kind, re.compile(regex, re.IGNORECASE), needs_number)
                    for priority, kind, regex, needs_number in patterns]
    return lex


@functools.lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon | None:
    """The lexicon of ``lang`` (``None`` if there is none), read and compiled once per process."""
    if lang not in languages("quantity"):
        return None
    return _load(lang)


def parse_quantities(text: str, lang: str) -> list[Quantity]:
    """Every quantity in ``text`` (written in ``lang``), in order; empty for a language with no lexicon."""
    lex = lexicon(lang)
    return lex.parse(normalise(text), text) if lex else []

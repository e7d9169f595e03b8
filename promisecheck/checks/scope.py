"""PC202 scope-conflict: a sentence narrows what a related promise makes universal.

What it flags: availability and reach narrower than promised — opening hours ("9am–5pm", "de 9 h à 18 h",
"pukul 08.00–17.00", "من 9 صباحًا حتى 5 مساءً") or days ("Monday to Friday", "du lundi au vendredi",
"Senin–Jumat", "من الأحد إلى الخميس", "weekdays") under 24/7 or every-day support, holiday and peak-season
closures, a bot or a call-back ("leave your number and we'll call you back") where real people were promised
to answer, a channel closed or missing ("we've retired WhatsApp support", "nous ne sommes pas joignables sur
WhatsApp", "لم نعد نستقبل الاستفسارات عبر واتساب"), a plan or membership ("Enterprise only", "réservé aux
membres", "khusus member", "حصري لأعضاء") under "every plan"/"every customer", a region ("UK mainland only",
"other islands pay") or named places as the only ones ("Hotel drop-off is available in Kuta, Seminyak and
Sanur", "متوفرة حاليًا في الرياض وجدة"), as is any list of named places something is in ("Our Ramadan
bundle is for app users in Riyadh and Jeddah", "dans nos cafés de Yogyakarta et de Solo", "di gerai-gerai
Yogyakarta dan Solo"), under "everywhere we deliver" or "every site", excluded items ("sale items cannot be returned") under "all
items", conditions ("orders over £25") and throttling under "unlimited". When the promise itself gives hours or days
("7 days a week, 9am to 9pm"), narrower ones conflict and equal ones agree ("de 8 h à 22 h" and "14 hours a
day" under "8am to 10pm"; "08:00–00:00" under "8am to midnight"). A weekend named alone ("weekend shifts")
restricts nothing, nor does a holiday named in a sentence that says every day ("every day of the year, public
holidays too"), nor a list of places a sentence says are alike or among others ("works the same in
Glasgow, Cardiff and Brighton", "di Paris, Lyon, dan kota lainnya", "whether you're in Lille or Ajaccio"),
nor those of a story ("Noura trained in Beirut and Milan", "Welcome to our new colleagues in Surabaya and
Medan", "Di blog: beda aturan bundaran di Dubai dan Abu Dhabi"), nor the places and hours of a job opening
("Mechanics wanted in Medan and Makassar", "On recrute ! … du lundi au vendredi", or a sentence of its
paragraph after "On recrute !"), nor a day or holiday a charge is for ("No extra charge on bank holidays"), nor do the hours of a place the promise does not name ("Our store in Plaza Senayan is open
10am–10pm" under "support 24/7"; but "Our clubs close at 11pm" under "every club is open 24/7"), nor those of
a dated event ("Tasting workshop, Saturday 14 June, 7pm to 10pm"; but not a change from a date or a day on:
"From 1 May, messages after 8pm are answered the next day", "À partir du 1er juin, le service ferme à 20 h") or of an event named as one ("Our
networking evening runs 7pm to 10pm", "Senam pagi setiap Minggu pukul 06.00–07.00") or given on one weekday
in a sentence that names no way to reach anyone ("Charity book swap, Saturday 9am–1pm"; but "Our team answers
on Saturday, 8am to 2pm"), nor a deadline ("a technician at your door by 11am", "avant 10 h demain au plus tard") or a time on a day ("annulation gratuite
jusqu'à jeudi 15 h", "sampai Rabu pukul 10.00"), nor hours a related promise states
itself (its own "7am to 10pm", which also says what the sentence's "opening hours" are; "a two-hour slot,
10am–12pm" under "arrives within a 2-hour window"; its cut-off: "until 8pm tonight" under "change your order
until 8pm the day before"), nor a restriction a question asks about ("Limited to unopened items?" before
"No."), nor an audience in a sentence that then names everyone ("Members only, and every subscriber is a
member"; "for members and non-members alike"), nor who, where or what in a sentence about data (retrieved
for a promise of privacy, pillar ``privacy``, and ``DATA_MARGIN`` more related to it than to any other):
"Lesson recordings are visible only in the parent's account" says who sees data, not who gets an offer.
A restriction of who, where or what ("Premium members only", "in other cities", "suites are
non-refundable", "orders over £25") narrows any promise made without a restriction of its own ("free
cancellation", "price locked for 24 months"), not only one that says "every plan". A restriction of a kind
one of the promise's dissonant examples makes ("Live agents are available 9am to 5pm") conflicts too,
whatever words the statement uses.

Why it matters: "24/7, on every plan" is read as a whole; the customer who calls on Sunday or is on the
basic plan finds out the fine print the hard way.

Example (promise ``support-24-7``: "Real people answer 24/7, on every plan")::

    Our team is available Monday to Friday, 9am–5pm.     <- PC202 "Monday to Friday" vs the promise's "24/7"
    Round-the-clock phone support is Premium-only.        <- PC202 (audience)
    Even at 3am on New Year's Day, a person answers.      <- fine

The sentence must be related to the promise: retrieved for it, or at least ``CUE_SIMILARITY_FLOOR`` related
when the restriction is explicit (a phrase, hours as a range, three weekdays or more; not "by 8pm"). A
phrase that restricts who or where ("open to Famille and Tribu plans", "in selected branches") is also
checked against a promise whose own statement says everyone or everywhere however faintly related
(``UNIVERSAL_FLOOR``): such a sentence is about one offer, rarely close to the promise of them all;
so is a closure, a channel closed, a bot or a call-back in words against a promise whose statement says
always or real people ("le standard sera fermé" is 0.10 related to an Arabic promise of people around the
clock); but not when the judge reads it as keeping the promise it is most related to ("Your passport scan
goes to the embassy and the hotel only" keeps a privacy promise). The most related conflicting promise is
named: of those whose words say what the restriction narrows ("every customer" for "New customers get 20% off"),
unless one that only holds without a restriction of its own ("free cancellation") is ``IMPLIED_MARGIN`` more
related ("The price lock applies to small units only" narrows the price lock). With ``evidence``
``{"found": …, "promised": …, "kind": "hours" | "days" | "holiday" | "bot" | "callback" | "channel" |
"audience" | "place" | "exclusion" | "condition" | "throttle" | "limited"}``.
"""

from __future__ import annotations

from ..cues import SAYS_NOTHING, Analysis, Cue, Terms, analyse, implied_commitments, overlaps
from ..cues.quantities import DURATION_HOURS, WEEKDAYS, Quantity
from ..segment import Sentence
from . import Check, Context, Judgement, Violation
from ._cue_support import (candidates, in_job_advert, keeps_closest, quoted, retrieved, read, ruled_out_by, terms,
                           unjudged, violation)

CODE = "PC202"
NAME = "scope-conflict"

#: Which commitments each kind of restriction breaks.
CONFLICTS = {
    "hours": ("always",),
    "days": ("always", "every-day"),
    "holiday": ("always", "every-day"),
    "bot": ("human",),
    "callback": ("human",),
    "channel": ("always", "human"),
    "audience": ("everyone", "every-item"),
    "place": ("everywhere", "every-item"),
    "exclusion": ("every-item",),
    "condition": ("every-item", "everyone"),
    "throttle": ("unlimited",),
    "limited": ("everyone", "everywhere", "every-item"),
}

_WEEKEND = {"fri", "sat", "sun"}
#: Restrictions of when: a place's opening hours, days and holidays are its own.
WHEN = ("hours", "days", "holiday")
#: Restrictions of who, where or what a promise holds for: they narrow any commitment a promise makes
#: without a restriction of its own, not only "every plan"/"everywhere"/"all items".
WHO_WHERE_WHAT = ("audience", "place", "exclusion", "condition", "limited")
#: The fee commitments such a restriction narrows ("free", "price locked", "refunded in full").
UNCONDITIONAL_FEE = ("free", "fixed-price", "full-refund", "no-minimum")


def run(sentence: Sentence, judgements: list[Judgement], context: Context) -> list[Violation]:
    analysis = read(sentence)
    # "Vos données servent uniquement au suivi de votre moto": the data's use restricted, which keeps a
    # promise of privacy and narrows no offer
    private = analysis.commitments("privacy")
    restrictions = [(kind, found) for kind, found in _restrictions(analysis)
                    if not any(isinstance(found, Cue) and overlaps(p, found) for p in private)]
    if not restrictions:
        return []
    if in_job_advert(analysis, context):
        return []  # "On recrute ! Céramistes pour nos équipes de Lille et de Toulouse.": the job's places
    if _about_data(context):
        # "Lesson recordings are visible only in the parent's account": who sees data, not who gets an offer
        restrictions = [(kind, found) for kind, found in restrictions if kind not in WHO_WHERE_WHAT]
        if not restrictions:
            return []
    cands = [(j, terms(j.promise, context)) for j in candidates(judgements, context)]
    universal = _universal(cands, restrictions, analysis, judgements, context)
    cands += universal
    if analysis.commitments("scope", "always", "every-day") or implied_commitments(analysis):
        # "every day of the year, public holidays too": a holiday named in a sentence that says every day
        restrictions = [(kind, found) for kind, found in restrictions if kind != "holiday"]
    stated = [found for kind, found in restrictions
              if kind == "hours" and _promised_elsewhere(found, [t for _, t in cands])]
    restrictions = [(kind, found) for kind, found in restrictions if not any(found is s for s in stated)]
    if sentence.is_question:
        # "Is the returns window limited to unopened items?" asks, and "Weekdays only?" echoes: the answer
        # that follows says
        short = len(sentence.text.split()) <= ECHO_WORDS
        restrictions = [(kind, found) for kind, found in restrictions
                        if isinstance(found, Quantity) and not short]
    # "Members only: theft insurance (and every subscriber is a member)", "for members and non-members
    # alike", "Anggota lama atau anggota baru": an audience the sentence then widens, or names among others
    # (but "everyone else can join the waitlist" names the rest)
    audiences = [found for kind, found in restrictions if kind == "audience"]
    everyone = [c for c in analysis.commitments("scope", "everyone")
                if not any(a.start <= c.start and c.end <= a.end for a in audiences)]
    restrictions = [(kind, found) for kind, found in restrictions if kind != "audience"
                    or not any(c.start >= found.start and c.end > found.end
                               or c.start < found.start and overlaps(c, found) for c in everyone)]
    if not restrictions:
        return []
    # a venue negated is still the venue the sentence is about: "la préfecture ne convoque aucun candidat"
    venue = [c for c in analysis.copy("scope", "venue") + analysis.denied("scope") if c.label == "venue"]
    event = analysis.copy("scope", "event")
    # a date something starts from is no occasion's: "From 1 May, messages after 8pm wait until morning"
    if event or any(d.bound != "min" for d in analysis.of("date")) or _one_day(analysis):
        # "Saturday 12 July, 9am to noon", "Our networking evening runs 7pm to 10pm", "Charity book swap,
        # Saturday 9am–1pm": the hours and days of an event, not of a service (and an event's holidays too)
        not_of_service = WHEN if event else ("hours", "days")
        restrictions = [(kind, found) for kind, found in restrictions if kind not in not_of_service]
        if not restrictions:
            return []
    related = []
    for j, promise_terms in cands:
        found_here = restrictions if retrieved(j, judgements) else [(k, f) for k, f in restrictions if _explicit(f)]
        if any(j is u for u, _ in universal):
            found_here = [(k, f) for k, f in found_here if k in UNIVERSAL and isinstance(f, Cue)]
        if venue and promise_terms.commitment("scope", "venue") is None:
            # "Our store in Plaza Senayan is open 10am–10pm": the store's hours, not the promised service's
            found_here = [(k, f) for k, f in found_here if k not in WHEN]
        # Hours or days the promise states itself decide alone: "8am to 10pm" is met by "de 8 h à 22 h".
        windows = [_promised_window(k, f, promise_terms) if isinstance(f, Quantity) else False for k, f in found_here]
        related.append((j, promise_terms, list(zip(found_here, windows))))
    # The most related promise that says in words what the restriction narrows, unless one that only holds
    # without a restriction of its own is far more related: "New customers enjoy 20% off" narrows "every
    # customer, members or not" rather than the faintly closer "free cancellation", but "The price lock
    # applies to small units only" narrows the price lock rather than "everything is covered".
    best: dict[int, tuple] = {}
    for judgement, promise_terms, found_here in related:
        for (kind, found), window in found_here:
            rank, promised = (0, window) if window is not False else _committed(kind, promise_terms)
            if promised is not None and rank not in best:
                best[rank] = (judgement, kind, found, promised)
    if best:
        said, implied = best.get(0), best.get(1)
        pick = said if said and not (implied and implied[0].similarity > said[0].similarity + IMPLIED_MARGIN) \
            else implied
        judgement, kind, found, promised = pick
        message = f"{quoted(found.text)} narrows the promise's {quoted(promised)} ({kind})"
        return [violation(judgement.promise, found.text, promised, kind, message)]
    # Then the promises that only rule restrictions out through their dissonant examples (not hours or
    # days a promise states itself, which decided above).
    for judgement, promise_terms, found_here in related:
        # a restriction the statement makes itself is the promise's ("illnesses after a waiting period of
        # 30 days"): its dissonant examples rule out its number ("Délai de carence : 120 jours"), not it
        own = {kind for kind, found in _restrictions(analyse(promise_terms.statement, context.book.language))
               if isinstance(found, Cue)}
        # hours the sentence gives that meet the promise's own ("opening hours … from 8am to 10pm") say
        # what its words about hours mean
        met = {kind for (kind, _), window in found_here if window is None} | ({"hours"} if stated else set())
        for (kind, found), window in found_here:
            if window is not False or kind in own or kind in met:
                continue
            example = _ruled_out(kind, promise_terms)
            if example is not None:
                message = f"{quoted(found.text)}: {ruled_out_by(judgement.promise, example)} ({kind})"
                return [violation(judgement.promise, found.text, example.text, kind, message)]
    return []


#: How much more related a promise that only holds without a restriction of its own ("free cancellation")
#: must be than one that says what a restriction narrows ("every customer") to be named instead.
IMPLIED_MARGIN = 0.1
#: Restrictions of who or where an offer is for ("open to Famille and Tribu plans", "in selected branches").
REACH = ("audience", "place", "limited")
#: Restrictions in words checked against a promise whose own statement makes universal what they narrow
#: (these commitments), however faintly related (``UNIVERSAL_FLOOR``): who or where against everyone or
#: everywhere, and when, a bot, a call-back or a channel against what they conflict with.
UNIVERSAL = {**dict.fromkeys(REACH, ("everyone", "everywhere")),
             **{kind: CONFLICTS[kind] for kind in (*WHEN, "bot", "callback", "channel")}}
#: How related a promise that makes its reach universal in its own statement ("every offer, in every city,
#: for every customer, members or not") must be for a phrase that restricts who or where to be checked
#: against it. Such a restriction is about one offer ("the swap-a-game weekend", "the student discount"),
#: so its sentence is rarely close to the promise of them all (0.13 to 0.2 in batch 17, under 0.1 for "Free
#: battery checks only at our Villeurbanne branch" in cue-dev): any relatedness above none will do. (0.1
#: before 24 Nov; 0 found 18 more scope cases of cue-dev, 15 for the right promise, and flagged 5 more
#: unrelated sentences of its 6,992.)
UNIVERSAL_FLOOR = 0.0


#: How much more related than any other a promise of privacy must be for a sentence to be about data.
DATA_MARGIN = 0.1


def _one_day(analysis: Analysis) -> bool:
    """Whether the sentence gives hours on one weekday and names no way to reach anyone: an occasion's
    hours, as a date's are ("Aksi bersih pantai hari Minggu pukul 09.00–12.00"); but "The phone line is
    open Saturday 9am–1pm" narrows."""
    days = [d for d in analysis.of("weekdays") if d.bound != "min"]  # "From Monday, …" starts a change
    return (len(days) == 1 and len(days[0].days) == 1 and bool(analysis.of("clock"))
            and not analysis.copy("scope", "contact", "channel", "bot", "callback"))


def _about_data(context: Context) -> bool:
    """Whether the sentence is about data: retrieved for a promise of privacy (pillar ``privacy``) and
    ``DATA_MARGIN`` more related to it than to any other promise."""
    if len(context.similarities) != len(context.book.promises) or len(context.similarities) < 2:
        return False
    (first, closest), (second, _) = sorted(zip(context.similarities, range(len(context.similarities))),
                                           reverse=True)[:2]
    return ((context.book.promises[closest].pillar or "").lower() == "privacy"
            and first >= context.thresholds.similarity and first - second >= DATA_MARGIN)


def _universal(cands: list[tuple[Judgement, Terms]], restrictions: list[tuple[str, Quantity | Cue]],
               analysis: Analysis, judgements: list[Judgement], context: Context) -> list[tuple[Judgement, Terms]]:
    """The promises not among ``cands`` whose statement commits to what a restriction of the sentence
    in words narrows (``UNIVERSAL``: everyone or everywhere, always or real people), at least
    ``UNIVERSAL_FLOOR`` related; for a restriction of when, only if the sentence names a way to reach the
    brand (``contact``: "the hotline", "le standard", "خدمة العملاء")."""
    # a closure reaches that far only when it closes a way to reach the brand: "le standard sera fermé",
    # not "Notre torréfacteur sera fermé aux visites" or "pendant les vacances"
    contact = bool(analysis.copy("scope", "contact"))
    universal_commitments = {c for kind, found in restrictions if kind in UNIVERSAL and isinstance(found, Cue)
                             and (kind not in WHEN or contact) for c in UNIVERSAL[kind]}
    if not universal_commitments:
        return []
    if keeps_closest(judgements, context):
        # "Your passport scan goes to the embassy and the hotel only": a restriction that keeps the
        # promise the sentence is about (privacy) says nothing about the reach of the brand's offers
        return []

    def universal(promise_terms: Terms) -> bool:
        stated = analyse(promise_terms.statement, context.book.language)
        return any(c.label in universal_commitments
                   for c in (*stated.commitments("scope"), *implied_commitments(stated)))
    return unjudged(cands, context, UNIVERSAL_FLOOR, universal)


#: The longest question that only echoes a restriction ("Weekdays only?" before "Not us.").
ECHO_WORDS = 4
#: The longest window a promise may promise for a slot of clock time to be read as one ("a two-hour slot").
SLOT_HOURS = 4


def _promised_elsewhere(found: Quantity | Cue, related: list[Terms]) -> bool:
    """Whether hours are what a related promise (of ``related``) states itself: its own hours ("7 h à 22 h" under the
    promise of support from 7am to 10pm keeps that promise, it does not narrow another's 24/7), or a slot
    as long as the window it promises ("a two-hour slot, 10am–12pm" under "arrives within a 2-hour
    window"), or a time it gives ("until 8pm tonight" under "changes until 8pm the day before")."""
    if not isinstance(found, Quantity) or found.dimension != "clock":
        return False
    for promise_terms in related:
        for q in promise_terms.quantities:
            if q.dimension == "clock" and (q.low, q.high) == (found.low, found.high):  # a range or a time
                return True
            if (found.is_range and q.dimension == "duration" and not q.is_range and not q.per
                    and q.high <= SLOT_HOURS and q.high * 60 == found.high - found.low):
                return True
    return False


def _explicit(found: Quantity | Cue) -> bool:
    """Whether a restriction says itself that it narrows something, as a promise below the retrieval
    threshold needs: a phrase ("Premium only", "du lundi au vendredi"), opening hours given as a range, or
    a run of at least three weekdays; not a time a thing happens by ("before 8", "by 9:40"), hours a day
    (a cat sleeps "15 hours a day") or a weekend mentioned in passing."""
    if isinstance(found, Cue):
        return True
    if found.dimension == "clock":
        return found.is_range
    if found.dimension == "weekdays":
        return len(found.days) >= 3
    return found.dimension != "availability"


def _ruled_out(kind: str, promise: Terms) -> Cue | None:
    """A restriction of the same kind that a dissonant example of the promise makes, as a ``Cue``."""
    for analysis in promise.dissonant:
        for other_kind, other in _restrictions(analysis):
            if other_kind == kind:
                return other if isinstance(other, Cue) else Cue("scope", kind, "copy", other.text, other.start,
                                                                other.end)
    return None


#: How many characters may stand between "limited to" and the amount it caps.
CAP_GAP = 3


def _moment(day: Quantity, time: Quantity, analysis: Analysis) -> bool:
    """Whether a time follows a day right away ("jusqu'à jeudi 15 h"; not "Sunday until 5pm"). A marker
    between them ("Rabu pukul 10.00", "jeudi à 15 h") already makes the time exact, which restricts nothing."""
    return day.end <= time.start and not analysis.text[day.end:time.start].strip(" ,")


def _restrictions(analysis: Analysis) -> list[tuple[str, Quantity | Cue]]:
    """The ways the sentence narrows something: from its hours and days, then its phrases."""
    found: list[tuple[str, Quantity | Cue]] = []
    # "jusqu'à jeudi 15 h", "sampai Rabu pukul 10.00": a time on one day or date is a moment, not hours
    days = [q for q in analysis.quantities if q.dimension == "date" or q.dimension == "weekdays" and len(q.days) == 1]
    for q in analysis.quantities:
        if q.dimension == "clock" and not q.is_range and any(_moment(d, q, analysis) for d in days):
            continue
        if q.dimension == "clock" and (q.is_range and (q.low, q.high) != (0, 1440)
                                       or q.bound == "min" or q.bound == "max" and not q.ceiling):
            # a deadline ("at your door by 11am") is when a thing is done, not when a service is open
            found.append(("hours", q))
        elif q.dimension == "availability" and q.unit == "hours/day" and q.low < 24:
            found.append(("hours", q))
        elif q.dimension == "availability" and q.unit == "days/week" and q.low < 7:
            found.append(("days", q))
        elif (q.dimension == "weekdays" and 2 <= len(q.days) < 7 and not q.inclusive
              and not set(q.days) <= _WEEKEND):  # a weekend named alone is no restriction: "weekend shifts"
            found.append(("days", q))
    # "limité à 340 SAR", "limited to one trial per person": a cap on an amount, not on who or where
    capped = {c for c in analysis.copy("scope", "limited") for q in analysis.quantities
              if q.dimension not in ("clock", "weekdays") and 0 <= q.start - c.end <= CAP_GAP}
    if analysis.copy("scope", "hiring"):
        # "On recrute ! Animateurs à Glasgow, du lundi au vendredi": a job's hours and places
        return []
    # "in Leeds and York": the places a list names are the only ones, unless the sentence says they are
    # alike or among others ("the same in Glasgow, Cardiff and Brighton", "members or not, in Canggu and
    # Kuta"), or names app stores, or thanks or wishes ("Merci à Léa et Karim", "عيدكم مبارك من فريقنا في
    # الرياض وجدة"), or they are a story's ("Noura trained in Beirut and Milan", "Di blog: beda aturan bundaran
    # di Dubai dan Abu Dhabi")
    unsaid = analysis.copy("scope", "alike", "story")
    alike = (unsaid or analysis.commitments("scope", "everyone", "everywhere")
             or analysis.copy("courtesy", "thanks", "wishes"))
    # "Tidak ada biaya tambahan di hari Minggu maupun hari libur nasional", "harganya sama seperti hari
    # biasa": the days a charge is for (or not), not days closed
    charged = any(c.label in ("fee", "extra") for c in (*analysis.copy("fee"), *analysis.denied("fee")))
    if charged:
        found = [(kind, q) for kind, q in found if kind != "days"]
    # "في 5 دقائق فقط" is how long, not where (but a year or more is an age: "aux 10-14 ans uniquement")
    how_long = [q for q in analysis.quantities
                if q.dimension == "money" or q.dimension == "duration" and q.high < DURATION_HOURS["year"]]
    for c in analysis.copy("scope"):
        if any(overlaps(a, c) for a in unsaid) or c.label == "holiday" and charged:
            continue  # "dan kota lainnya" says other cities too, as "kota lain" alone does not
        if c.label == "place" and any(overlaps(q, c) for q in how_long):
            continue
        if c.label == "place-list" and not alike:
            found.append(("place", c))
        elif c.label not in NOT_RESTRICTING and c not in capped:
            found.append((c.label, c))
    return found


#: Copy labels that restrict nothing themselves: a venue's or an event's own words, a list of places
#: (read above), and those that claim nothing.
NOT_RESTRICTING = ("venue", "event", "place-list", *SAYS_NOTHING["scope"])


def _committed(kind: str, promise: Terms) -> tuple[int, str | None]:
    """The promise's words that a restriction of ``kind`` breaks (``None`` if none), ranked 0 when they
    say what it narrows (``CONFLICTS``), 1 when the promise only holds without a restriction of its own."""
    commitment = promise.commitment("scope", *CONFLICTS[kind])
    if commitment is not None:
        return 0, commitment.text
    if kind in WHO_WHERE_WHAT:
        # A promise made without a restriction holds for every customer, place and item: "free
        # cancellation" is narrowed by "on Standard rooms only" as "24/7" is by "for Premium members".
        commitment = promise.commitment("scope") or promise.commitment("fee", *UNCONDITIONAL_FEE)
    return 1, commitment.text if commitment is not None else None


def _promised_window(kind: str, found: Quantity, promise: Terms) -> str | None | bool:
    """When the promise states its own hours or days: the words ``found`` falls short of (``None`` if it
    does not). ``False`` when the promise states none, so the plain commitments decide."""
    if kind == "hours":
        windows = [q for q in promise.quantities if q.dimension == "clock" and q.is_range]
        if not windows or found.dimension not in ("clock", "availability"):
            return False
        if found.dimension == "availability":  # "14 hours a day" under "8am to 10pm"
            return None if found.low >= max(w.high - w.low for w in windows) / 60 else windows[0].text
        for window in windows:
            if found.is_range and (found.low > window.low or found.high < window.high):
                return window.text
            if found.bound == "max" and found.low < window.high:
                return window.text
            if found.bound == "min" and found.low > window.low:
                return window.text
        return None
    days = [q for q in promise.quantities if q.dimension == "weekdays" and len(q.days) >= 2]
    if not days or found.dimension != "weekdays":
        return False
    promised = set().union(*(q.days for q in days))
    if set(found.days) >= promised:
        return None
    return max(days, key=lambda q: len(q.days)).text if len(promised) < len(WEEKDAYS) else days[0].text


CHECK = Check(CODE, NAME, run, __doc__)

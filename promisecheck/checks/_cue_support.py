"""What the cue checks (PC2xx) share: reading a sentence and a promise, and wording a finding.

A cue check flags a sentence only against a promise related to it (``CUE_RELATEDNESS``, fixed whatever
the judge's own similarity threshold), and only one about as related as the most related (within
``RELATEDNESS_MARGIN``); it uses the promises' relatedness, never the judge's probabilities, so it works
with whatever judge. The scope, fee and overclaim checks also look below ``CUE_RELATEDNESS``, down to
``CUE_SIMILARITY_FLOOR`` (``candidates``): the cue itself links the sentence to a promise that commits
to exactly what it narrows, where the embedding alone is too weak ("Phone lines are open Monday to
Friday" is only ~0.25 related to "Real people answer 24/7"). There they take only cues that say
themselves what they restrict (opening hours as a range, a fee with its amount); numbers (PC201) stay
with the related promises, since a number alone measures too many things. A cue check says what
conflicts with what, in the message and in ``evidence`` (``found``, ``promised``, ``kind``). The one exception to
relatedness is pressure (PC204): a promise of no pressure holds for every sentence, and a book can switch
the brand-wide rule on (``rules: {no-pressure: error}``). Cue findings have ``score`` 1.0: they are
rules, not probabilities. When a cue check and PC101 flag the same sentence for the same promise, only the
cue finding is reported (``checks.dedupe``).
"""

from __future__ import annotations

from collections.abc import Callable

from ..book import Promise
from ..cues import Analysis, Cue, Terms, analyse, promise_terms, unquoted
from ..segment import Sentence
from . import Context, Judgement, Violation

#: Cue findings are rule-based: a fact of the sentence against a fact of the promise.
CUE_SCORE = 1.0
#: A cue names a promise only if it is about as related as the most related one: a sentence about
#: streaming is not checked against a price lock it happens to be faintly close to.
RELATEDNESS_MARGIN = 0.2
#: How related a sentence and a promise must be for a cue check to compare them: the relatedness the cue
#: patterns were developed at, fixed here so that recalibrating the judge (which may judge much less
#: related pairs to find contradictions) does not change what the cue checks flag.
CUE_RELATEDNESS = 0.32
#: How related a promise under ``CUE_RELATEDNESS`` must still be for an explicit cue to be checked
#: against it: a cue check flags a promise only when the promise commits to exactly what the cue narrows
#: (24/7 and "Monday to Friday", "free" and "a €2 fee"), so a weaker link suffices: "Support is open
#: Monday to Friday" is only ~0.25 related to "Real people answer 24/7" by the embedder.
CUE_SIMILARITY_FLOOR = 0.2


def read(sentence: Sentence) -> Analysis:
    return analyse(sentence.text, sentence.lang)


def terms(promise: Promise, context: Context) -> Terms:
    return promise_terms(promise.statement, promise.consistent_examples, promise.dissonant_examples,
                         context.book.language)


def by_relatedness(judgements: list[Judgement]) -> list[Judgement]:
    """The retrieved promises within ``RELATEDNESS_MARGIN`` of the most related, most related first: a
    cue names the closest promise it conflicts with."""
    return _within_margin([j for j in judgements if j.similarity >= CUE_RELATEDNESS])


def _within_margin(judgements: list[Judgement]) -> list[Judgement]:
    ranked = sorted(judgements, key=lambda j: -j.similarity)
    return [j for j in ranked if j.similarity >= ranked[0].similarity - RELATEDNESS_MARGIN] if ranked else []


def retrieved(judgement: Judgement, judgements: list[Judgement]) -> bool:
    """Whether ``judgement`` is one of the retrieved ``judgements`` at ``CUE_RELATEDNESS`` (not one
    ``candidates`` added)."""
    return judgement.similarity >= CUE_RELATEDNESS and any(j is judgement for j in judgements)


def candidates(judgements: list[Judgement], context: Context) -> list[Judgement]:
    """The promises a cue may be checked against: the retrieved ones at least ``CUE_RELATEDNESS``
    related, and the others at least ``CUE_SIMILARITY_FLOOR`` related (``Context.similarities``), within
    ``RELATEDNESS_MARGIN`` of the most related of them all, most related first. A check still flags one
    only if it commits to what the cue restricts, so a weak embedding link is enough when the cue makes
    the strong one. The others come as judgements without the judge's probabilities (0.0: unjudged)."""
    judgements = [j for j in judgements if j.similarity >= CUE_RELATEDNESS]
    seen = {id(j.promise) for j in judgements}
    known = len(context.similarities) == len(context.book)
    extra = [Judgement(p, s, 0.0, 0.0, 0.0) for p, s in zip(context.book.promises, context.similarities)
             if id(p) not in seen and s >= CUE_SIMILARITY_FLOOR] if known else []
    return _within_margin([*judgements, *extra])


def unjudged(cands: list[tuple[Judgement, Terms]], context: Context, floor: float,
             keeps: Callable[[Terms], bool]) -> list[tuple[Judgement, Terms]]:
    """The promises not among ``cands``, at least ``floor`` related, whose terms ``keeps`` accepts, most
    related first: what a cue itself links a sentence to below the candidates' floor. They come as
    judgements without the judge's probabilities (0.0: unjudged). None without every promise's relatedness."""
    if len(context.similarities) != len(context.book):
        return []
    seen = {id(j.promise) for j, _ in cands}
    found = [(Judgement(promise, float(similarity), 0.0, 0.0, 0.0), terms(promise, context))
             for promise, similarity in zip(context.book.promises, context.similarities)
             if id(promise) not in seen and similarity >= floor]
    return sorted([pair for pair in found if keeps(pair[1])], key=lambda pair: -pair[0].similarity)


def in_job_advert(analysis: Analysis, context: Context) -> bool:
    """Whether the sentence is a job advert's, or follows one in its paragraph ("We're hiring! Drivers in
    Leeds, £34k a year", "On recrute ! … du lundi au vendredi"): its places, hours and wages are the job's."""
    return bool(analysis.copy("scope", "hiring")) or any(read(s).copy("scope", "hiring") for s in context.before)


def keeps_closest(judgements: list[Judgement], context: Context) -> bool:
    """Whether the judge reads the sentence as keeping its most related judged promise (a support the
    Checker would report, above its contradiction): then what it seems to break of a less related promise
    is mostly that agreement misread."""
    if not judgements:
        return False
    closest = max(judgements, key=lambda j: j.similarity)
    return closest.supports >= max(context.thresholds.supports, closest.contradicts)


def ruled_out_by(promise: Promise, example: Cue) -> str:
    """How a finding names a promise known to rule ``example`` out (a cue of one of its dissonant examples)."""
    return f"the promise rules out {quoted(example.text)} (example: {quoted(example_sentence(promise, example), 48)})"


def example_sentence(promise: Promise, example: Cue) -> str:
    return next((e for e in promise.dissonant_examples if example.text in e), example.text)


def violation(promise: Promise, found: str, promised: str | None, kind: str, message: str) -> Violation:
    evidence = {"found": found, "kind": kind}
    if promised is not None:
        evidence["promised"] = promised
    return Violation(promise, CUE_SCORE, message, evidence)


def against(check: str, promise: Promise, cue: Cue, promised: str) -> Violation:
    """A brand-wide check's (PC204, PC205) finding of ``cue`` against ``promise``'s words ``promised``."""
    message = f"{check} ({cue.label}): {quoted(cue.text)} vs the promise's {quoted(promised)}"
    return violation(promise, cue.text, promised, cue.label, message)


def brand_wide(check: str, found: Cue, cue: str, label: str, judgements: list[Judgement], context: Context,
               whole_book: bool = True) -> Violation | None:
    """A brand-wide check's (PC205, PC206) finding of ``found``: against the most related promise that commits
    to ``label`` of ``cue`` (or rules such a cue out by a dissonant example), else, with ``whole_book``, the
    book's first promise that commits to it; ``None`` if none does."""
    related = [(j, terms(j.promise, context)) for j in candidates(judgements, context)]
    for judgement, promise_terms in related:
        commitment = promise_terms.commitment(cue, label)
        if commitment is not None:
            return against(check, judgement.promise, found, commitment.text)
    for judgement, promise_terms in related:
        example = promise_terms.ruled_out(cue)
        if example is not None:
            message = f"{check} ({found.label}): {quoted(found.text)}: {ruled_out_by(judgement.promise, example)}"
            return violation(judgement.promise, found.text, example.text, found.label, message)
    for promise in context.book if whole_book else ():
        commitment = terms(promise, context).commitment(cue, label)
        if commitment is not None:
            return against(check, promise, found, commitment.text)
    return None


def stand_in(check: str, rule: str, cue: Cue, context: Context) -> list[Violation]:
    """The finding of ``cue`` against the stand-in promise of brand rule ``rule``, when the book switches it
    on (``PromiseBook.rule_promise``); else none."""
    promise = context.book.rule_promise(rule)
    if promise is None:
        return []
    message = f"{check} ({cue.label}): {quoted(cue.text)} breaks the brand rule {rule}"
    return [violation(promise, cue.text, None, cue.label, message)]


def quoted(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return '"' + (text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…") + '"'

"""The cue checks (PC201–PC206): what each flags and says, the brand-wide pressure rule, de-duplication,
and the whole path from the CLI and the API with the real models."""

from __future__ import annotations

import json
import pytest

from promisecheck import Checker, cli
from promisecheck.book import PromiseBook
from promisecheck.checks import Context, Judgement, dedupe, registry
from promisecheck.errors import PromisecheckError
from promisecheck.evaluate import Case, format_table, score_by_language
from promisecheck.nlp.judge import Thresholds
from promisecheck.report import Finding
from promisecheck.segment import Sentence

CUE_CODES = ("PC201", "PC202", "PC203", "PC204", "PC205", "PC206")
BOOK = {
    "brand": "Tallo", "language": "en",
    "promises": [
        {"id": "returns-60-days", "statement": "Returns are free within 60 days of delivery."},
        {"id": "support-24-7", "statement": "Real people answer calls and chats 24/7, on every plan."},
        {"id": "no-monthly-fees", "statement": "The Everyday account has no monthly fee and no minimum balance."},
        {"id": "no-pressure", "statement": "We never pressure customers with countdowns, fake scarcity or guilt."},
        {"id": "honest-claims", "statement": "We describe our products plainly, with no \"guaranteed\" gains."},
        {"id": "fraud-refunds", "statement": "If a payment you didn't make is reported, we refund it quickly.",
         "examples": {"dissonant": ["Fraud claims are settled within 30 days."]}},
    ],
}


def run(code: str, text: str, related: list[str], book: dict = BOOK, lang: str = "en",
        similarities: list[float] | None = None, pressure: float = 0.0):
    """``code``'s findings on ``text`` with ``related`` judged, as if the learnt pressure reader gave it
    ``pressure`` (threshold 0.8)."""
    promises = PromiseBook.from_dict(book)
    similarities = similarities or [0.7 - 0.01 * i for i in range(len(related))]
    judgements = [Judgement(promises[pid], sim, 0.0, 0.0, 1.0) for pid, sim in zip(related, similarities)]
    return registry()[code].run(Sentence(text, 0, len(text), lang), judgements,
                                Context(promises, Thresholds(0.32, 0.375, 0.3, pressure=0.8), pressure=pressure))


def test_registry_has_one_documented_check_per_cue():
    checks = registry()
    assert list(checks)[:1] == ["PC101"] and set(CUE_CODES) <= set(checks)
    for code in CUE_CODES:
        doc = checks[code].doc
        assert doc.startswith(f"{code} {checks[code].name}:")
        for part in ("What it flags", "Why it matters", "Example"):
            assert part in doc, (code, part)


def test_numeric_names_both_numbers():
    (v,) = run("PC201", "You can send it back within 14 days.", ["returns-60-days"])
    assert v.promise.id == "returns-60-days"
    assert v.evidence == {"found": "14 days", "promised": "60 days", "kind": "duration"}
    assert '"14 days" vs the promise\'s "60 days"' in v.message
    assert v.score == 1.0


@pytest.mark.parametrize("text", [
    "Two whole months to send anything back.",        # agrees with 60 days
    "Deux mois entiers pour nous renvoyer un article.",
    "Your bag broke after two years? Tell us.",        # elapsed time is not a window
    "Ready in 20 minutes, every evening.",             # a hundredfold apart: another thing
])
def test_numeric_leaves_agreeing_and_unrelated_numbers(text):
    assert run("PC201", text, ["returns-60-days"], lang="fr" if "Deux" in text else "en") == []


def test_numeric_flags_a_value_a_dissonant_example_rules_out():
    (v,) = run("PC201", "Disputed payments are settled within 30 days.", ["fraud-refunds"])
    assert v.evidence["found"] == "30 days" and "rules out" in v.message


def test_a_duration_on_the_side_no_dissonant_example_is_on_keeps_the_promise():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "two-hours", "statement": "Grocery orders arrive within 2 hours of checkout.",
         "examples": {"dissonant": ["Groceries delivered within 6 hours."]}},             # a ceiling
        {"id": "returns-30", "statement": "Returns are accepted within 30 days of delivery.",
         "examples": {"dissonant": ["Returns within 14 days only."]}},                    # a floor
        {"id": "no-examples", "statement": "Plans can be switched within 24 hours."},
        {"id": "a-delay", "statement": "Refunds reach your card within 5 working days."}]}
    assert run("PC201", "Most orders leave our hub within ten minutes.", ["two-hours"], book) == []
    (v,) = run("PC201", "Orders arrive within 3 hours.", ["two-hours"], book)
    assert v.evidence["found"] == "3 hours"
    assert run("PC201", "Returns are accepted for 45 days.", ["returns-30"], book) == []
    (v,) = run("PC201", "Le délai de retour est de quinze jours.", ["returns-30"], book, "fr")
    assert v.evidence["promised"] == "30 days"
    # without a dissonant example the direction is unknown: any difference conflicts
    (v,) = run("PC201", "Plans can be switched within 2 hours.", ["no-examples"], book)
    assert v.evidence["found"] == "2 hours"
    # unless the statement says it is a delay: sooner keeps it, later breaks it
    assert run("PC201", "Remboursé sous 48 heures, souvent moins.", ["a-delay"], book, "fr") == []
    (v,) = run("PC201", "Refunds reach your card within 10 working days.", ["a-delay"], book)
    assert v.evidence["found"] == "10 working days"


def test_a_value_is_compared_with_the_closest_promised_one_and_a_stated_ceiling():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "refunds", "statement": "Cancel within 30 days for a full refund, paid back within 5 working "
                                       "days at most.", "examples": {"dissonant": ["Refunds within 7 days only."]}},
        {"id": "replies", "statement": "A person replies within 15 minutes at most."},
        {"id": "price-cap", "statement": "Your price will never go up by more than 5% at renewal, and a "
                                         "60-minute massage never costs more than €79."}]}
    # 48 hours measures the refund (5 working days, a stated ceiling), not the 30-day window
    assert run("PC201", "The money is usually back on your card in 48 hours.", ["refunds"], book) == []
    (v,) = run("PC201", "Refunds are paid within 10 working days.", ["refunds"], book)
    assert v.evidence["promised"] == "5 working days"
    # "at most", with no dissonant example to say: a shorter time keeps it, a longer one breaks it
    assert run("PC201", "Average first reply last month: 4 minutes.", ["replies"], book) == []
    (v,) = run("PC201", "We reply within 45 minutes.", ["replies"], book)
    assert v.evidence["found"] == "45 minutes"
    # "never more than" is a ceiling: a smaller rise or price keeps it, a larger one breaks it
    assert run("PC201", "Your renewal: a 2.6% rise, announced six weeks ahead.", ["price-cap"], book) == []
    assert run("PC201", "One-hour Swedish massage: €69.", ["price-cap"], book) == []
    (v,) = run("PC201", "Renewal prices rise by 8% this year.", ["price-cap"], book)
    assert v.evidence["found"] == "8%"


def test_a_notice_measures_a_notice_and_a_range_ending_at_a_ceiling_keeps_it():
    """A notice ("48 hours before"), in the copy or in a dissonant example, is compared with the promised
    notice, not the refund's delay; so the refund's "30 days" example makes "5 working days" a ceiling, which
    "3 to 5 working days" keeps."""
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "cancel", "statement": "Cancel free of charge up to 2 hours before your session; refunds are paid "
                                      "within 5 working days at most.",
         "examples": {"dissonant": ["Cancellations less than 48 hours before the session are not refunded.",
                                    "Refunds are processed within 30 days."]}}]}
    assert run("PC201", "Your refund left today; it usually lands in 3 to 5 working days.", ["cancel"], book) == []
    (v,) = run("PC201", "Free cancellation up to 48 hours before the session.", ["cancel"], book)
    assert v.evidence["promised"].startswith("2 hours")


def test_a_notice_is_compared_with_the_promised_notice_even_when_the_refund_delay_says_the_same():
    book = {"brand": "B", "language": "id", "promises": [
        {"id": "cancel", "statement": "Pesanan bisa dibatalkan gratis hingga 72 jam sebelum acara, dan dana "
                                      "dikembalikan penuh paling lambat 7 hari kerja setelah pembatalan."}]}
    (v,) = run("PC201", "Pembatalan tanpa biaya paling lambat 7 hari sebelum tanggal acara.", ["cancel"], book, "id")
    assert v.evidence["promised"] == "72 jam"
    assert run("PC201", "Dana kembali dalam 7 hari kerja setelah pembatalan.", ["cancel"], book, "id") == []



def test_a_window_in_an_example_says_nothing_of_which_side_of_the_refund_delay_breaks_it():
    """Under "cancel free up to 48 hours before; refunded within 5 working days at most", an example that
    breaks the cancellation window ("only until 24 hours after booking") is not a shorter refund delay; so
    the "30 working days" example alone makes the delay a ceiling, which "2 working days" keeps."""
    book = {"brand": "B", "language": "id", "promises": [
        {"id": "batal", "statement": "Pesanan bisa dibatalkan tanpa biaya hingga 48 jam sebelum pengantaran, dan "
                                     "dana dikembalikan penuh paling lambat 5 hari kerja.",
         "examples": {"dissonant": ["Pembatalan gratis hanya sampai 24 jam setelah pemesanan.",
                                    "Pengembalian dana diproses dalam 30 hari kerja."]}}]}
    assert run("PC201", "Refund pembatalan kini lebih cepat: biasanya 2 hari kerja sudah masuk rekening.", ["batal"],
               book, "id") == []
    (v,) = run("PC201", "Dana kembali dalam 10 hari kerja.", ["batal"], book, "id")
    assert v.evidence["promised"] == "5 hari kerja"

def test_a_value_only_an_example_rules_out_needs_a_sentence_about_the_promise():
    """"100%" links a sentence to a promise of honest claims by the number alone: only a sentence clearly
    about the promise (``KNOWN_RELATEDNESS``) breaks it so, and a quoted "100%" is mentioned, not claimed."""
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "honest", "statement": "We describe results plainly.",
         "examples": {"dissonant": ["Every stain removed, 100% guaranteed."]}}]}
    (v,) = run("PC201", "Stains gone, 100% of the time.", ["honest"], book, similarities=[0.6])
    assert "rules out" in v.message
    assert run("PC201", "Battery at 100%: your vacuum is ready.", ["honest"], book, similarities=[0.41]) == []
    assert run("PC201", "We won't call our service '100% stain-free'.", ["honest"], book, similarities=[0.6]) == []


def test_a_rise_within_the_promised_cap_is_no_price_change():
    book = {"brand": "B", "language": "ar", "promises": [
        {"id": "cap", "statement": "لن نرفع سعر اشتراكك بأكثر من ٥٪ في السنة."}]}
    assert run("PC203", "Info: mulai September harga langganan naik 3%.", ["cap"], book, "id") == []
    (v,) = run("PC203", "Heads-up: from 1 September your plan goes up by 8%.", ["cap"], book)
    assert v.evidence["kind"] == "price-change"


def test_a_bot_narrows_a_real_member_of_the_team():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "people", "statement": "A real member of our team answers the phone. You never get a bot."}]}
    (v,) = run("PC202", "Weekend calls go to our answering service.", ["people"], book)
    assert v.evidence["kind"] == "bot"


def test_a_total_worked_out_is_no_price():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "rates", "statement": "Boarding is a flat NZ$55 per night, and a groom never costs more than NZ$90."}]}
    assert run("PC201", "Luna's three nights: 3 × $55 = $165. That's the whole bill.", ["rates"], book) == []
    assert run("PC201", "Full groom: $60–$90 depending on coat.", ["rates"], book) == []
    (v,) = run("PC201", "Full groom: $120.", ["rates"], book)
    assert v.evidence["promised"] == "NZ$90"


def test_what_data_only_served_for_narrows_no_offer():
    assert run("PC202", "Son numéro n'a servi qu'à lui envoyer ses horaires de cours.", ["support-24-7"],
               lang="fr") == []
    assert run("PC202", "Le chat n'est ouvert qu'aux abonnés.", ["support-24-7"], lang="fr")


def test_a_fee_of_the_amount_a_promise_fixes_is_that_promise():
    book = {"brand": "B", "language": "ar", "promises": [
        {"id": "delivery", "statement": "التوصيل إلى المنزل بسعر ثابت 25 درهمًا لأي طلب مهما كان حجمه."}]}
    assert run("PC203", "Pesananmu ke Casablanca: 12 buku, ongkos kirim 25 dirham.", ["delivery"], book, "id") == []
    assert run("PC203", "Pesananmu ke Casablanca: 12 buku, ongkos kirim 35 dirham.", ["delivery"], book, "id")


def test_a_charge_only_an_example_over_the_ceiling_names_is_no_fee_ruled_out():
    book = {"brand": "B", "language": "id", "promises": [
        {"id": "cap", "statement": "Biaya jasa servis maksimal Rp250.000 untuk semua kerusakan.",
         "examples": {"dissonant": ["Biaya jasa pemulihan data Rp750.000."]}},
        {"id": "no-fees", "statement": "Tanpa biaya tambahan.",
         "examples": {"dissonant": ["Biaya admin Rp5.000 per transaksi."]}}]}
    assert run("PC203", "Biaya jasa ganti layar iPhone 12 di semua cabang: Rp200.000.", ["cap"], book, "id") == []
    (v,) = run("PC203", "Ada biaya pengecekan Rp50.000.", ["no-fees"], book, "id")
    assert v.promise.id == "no-fees"


def test_the_judge_is_not_reported_where_a_sentence_restates_what_the_promise_says():
    """A value a dissonant example states only because the statement does (the package's 9 days) rules
    nothing out; a sentence that says the promise's reach keeps it; courtesy claims nothing."""
    book = PromiseBook.from_dict({"brand": "B", "language": "en", "promises": [
        {"id": "price-cap", "statement": "The regular 9-day package never costs more than $2,990 per person.",
         "examples": {"dissonant": ["Regular 9-day package: $3,300 per person."]}},
        {"id": "for-all", "statement": "Every feature is open to every user, members or not."},
        {"id": "no-pressure", "statement": "We never pressure customers with countdowns, fake scarcity or guilt."},
        {"id": "two-prices", "statement": "A private lesson costs $35, and a monthly group package never more "
                                          "than $240."}]})
    context = Context(book, Thresholds(0.32, 0.375, 0.3))

    def flagged(text: str, pid: str) -> bool:
        judged = [Judgement(book[pid], 0.7, 0.9, 0.05, 0.05)]
        return bool(registry()["PC101"].run(Sentence(text, 0, len(text), "en"), judged, context))

    assert not flagged("Regular 9-day package, October: $2,920 per person.", "price-cap")
    assert flagged("Regular 9-day package, October: $3,300 per person.", "price-cap")
    assert not flagged("No membership required: every user can pick their seats.", "for-all")
    assert flagged("Seat picking is now a perk for our members.", "for-all")
    # of several prices, the one a price measures decides
    assert not flagged("Monthly group package, August: $220.", "two-prices")
    assert flagged("Monthly group package, August: $260.", "two-prices")
    assert not flagged("Thanks for booking with us!", "no-pressure")
    assert flagged("Thanks for booking! Only 2 seats left at this price.", "no-pressure")


def test_a_number_of_a_more_related_promise_is_not_a_conflict_with_another():
    assert run("PC201", "Refunds land within 60 days.", ["fraud-refunds", "returns-60-days"]) == []


def test_a_value_another_promise_states_conflicts_with_a_clearly_more_related_one():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "exchange-48h", "statement": "Swap your tickets for another date up to 48 hours before the show."},
        {"id": "refund-7-days", "statement": "Refunds reach your card within 7 days."}]}
    text = "You can swap your tickets up to 7 days before the performance."
    related = ["exchange-48h", "refund-7-days"]
    (v,) = run("PC201", text, related, book, similarities=[0.60, 0.45])
    assert (v.promise.id, v.evidence["found"]) == ("exchange-48h", "7 days")
    # about as related: 7 days is the refund promise's
    assert run("PC201", text, related, book, similarities=[0.48, 0.45]) == []


@pytest.mark.parametrize("text, lang", [
    ("Alarms make break-ins rare, but no store is 100% theft-proof.", "en"),
    ("Le risque de vol est faible, mais aucun centre n'est inviolable à 100 %.", "fr"),
    ("Kami nggak bilang gudang kami 100% aman.", "id"),
])
def test_a_denied_value_a_dissonant_example_states_is_no_conflict(text, lang):
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "honest", "statement": "We describe our storage plainly, with no exaggerated claims.",
         "examples": {"dissonant": ["Our units are 100% break-in proof."]}}]}
    assert run("PC201", text, ["honest"], book, lang) == []
    (v,) = run("PC201", "Our units are 100% safe.", ["honest"], book)
    assert v.evidence["found"] == "100%"


def test_scope_flags_hours_days_and_plans_under_24_7():
    (v,) = run("PC202", "Our chat team is online Monday to Friday, 8am to 8pm.", ["support-24-7"])
    assert v.evidence["kind"] == "days" and v.evidence["found"] == "Monday to Friday"
    assert v.evidence["promised"] == "24/7"
    (v,) = run("PC202", "Phone support is reserved for Premium customers.", ["support-24-7"])
    assert v.evidence["kind"] == "audience"
    assert run("PC202", "Even at 3am on New Year's Day, a real person answers.", ["support-24-7"]) == []


def test_scope_compares_with_the_hours_a_promise_gives():
    book = {"brand": "B", "language": "fr", "promises": [
        {"id": "conseillers", "statement": "Notre service client répond 7 jours sur 7, de 9 h à 21 h."}]}
    (v,) = run("PC202", "Le chat est ouvert de 10 h à 18 h.", ["conseillers"], book, "fr")
    assert v.evidence == {"found": "10 h à 18 h", "promised": "9 h à 21 h", "kind": "hours"}
    assert run("PC202", "Tous les jours, dimanche compris, une personne répond jusqu'à 21 h.", ["conseillers"],
               book, "fr") == []

    # a time on a day is a moment (a deadline to cancel by), not opening hours; a day's closing time is not
    assert run("PC202", "Vous pouvez annuler gratuitement jusqu'à jeudi 15 h.", ["conseillers"], book, "fr") == []
    (v,) = run("PC202", "Le dimanche, le chat est ouvert jusqu'à 13 h.", ["conseillers"], book, "fr")
    assert v.evidence["kind"] == "hours"

def test_hidden_fee_and_its_negation():
    (v,) = run("PC203", "A €3 maintenance fee applies below €500.", ["no-monthly-fees"])
    assert v.evidence == {"found": "€3 maintenance fee", "promised": "no monthly fee", "kind": "fee"}
    assert run("PC203", "No monthly fee, no hidden charges, ever.", ["no-monthly-fees"]) == []
    (v,) = run("PC203", "Biaya admin Rp15.000/bulan berlaku jika saldo di bawah Rp1.000.000.", ["no-monthly-fees"],
               lang="id")
    assert v.promise.id == "no-monthly-fees"


def test_the_hours_of_a_place_the_promise_does_not_name_are_its_own():
    support = {"brand": "B", "language": "en", "promises": [
        {"id": "support", "statement": "Real people answer chat and calls 24/7."}]}
    gym = {"brand": "B", "language": "en", "promises": [
        {"id": "clubs", "statement": "Every club is open 24 hours a day, 7 days a week."}]}
    assert run("PC202", "Our flagship store is open 10am to 10pm every day.", ["support"], support) == []
    assert run("PC202", "Klinik mitra kami buka Sabtu–Kamis pukul 08.00–22.00.", ["support"], support, "id") == []
    assert run("PC202", "Our chat team is online 9am to 5pm.", ["support"], support)
    (v,) = run("PC202", "Our London clubs are open 6am to 11pm.", ["clubs"], gym)
    assert v.evidence["kind"] == "hours"
    # nor are a dated event's
    assert run("PC202", "Cheese-tasting workshop on Saturday 14 June, 7pm to 10pm.", ["support"], support) == []
    assert run("PC202", "Support is closed on 25 December.", ["support"], support)
    # as are the hours on one weekday of a sentence that names no way to reach anyone
    assert run("PC202", "Charity book swap at the Newcastle centre, Saturday 9am–1pm.", ["support"], support) == []
    assert run("PC202", "Aksi bersih pantai hari Minggu pukul 09.00–12.00.", ["support"], support, "id") == []
    assert run("PC202", "Our phone line is open on Saturday, 9am–1pm.", ["support"], support)
    assert run("PC202", "فريقنا يرد يوم السبت من 9 صباحًا حتى 1 ظهرًا.", ["support"], support, "ar")
    # a public office's, a job's and a blood drive's hours are theirs too; a weekday or a holiday is any day
    assert run("PC202", "KBRI Riyadh melayani pembuatan paspor Minggu–Kamis, 08.00–15.00.", ["support"], support,
               "id") == []
    assert run("PC202", "Recrutement : préparateur de commandes, horaires 6 h – 14 h du lundi au samedi.",
               ["support"], support, "fr") == []
    assert run("PC202", "حملة التبرع بالدم في بهو المبنى كل سبت من 9 صباحًا إلى 1 ظهرًا.", ["support"], support,
               "ar") == []
    assert run("PC202", "Hari biasa atau libur Lebaran, ada orang sungguhan yang jawab teleponmu.", ["support"],
               support, "id") == []
    assert run("PC202", "Hari Minggu CS kami libur.", ["support"], support, "id")


def test_a_short_heading_is_a_label_the_judge_is_not_reported_on():
    promises = PromiseBook.from_dict(BOOK)
    judged = [Judgement(promises["no-monthly-fees"], 0.7, 0.95, 0.01, 0.04)]
    context = Context(promises, Thresholds(0.32, 0.375, 0.3))
    pc101 = registry()["PC101"]
    for text, kind, flagged in (("Quality and refunds", "heading", False), ("Quality and refunds", "paragraph", True),
                                ("Fees may apply to every account", "heading", True)):
        assert bool(pc101.run(Sentence(text, 0, len(text), "en", kind), judged, context)) is flagged, text


@pytest.mark.parametrize("text, lang, flagged", [
    ("Cancelling your account?", "en", False),
    ("Remboursement accepté ?", "fr", False),
    ("Langganan pertama Rp300.000?", "id", False),
    ("هل تريد إلغاء حسابك؟", "ar", False),
    ("Cancelling your account means a €5 monthly fee.", "en", True),
])
def test_the_judge_is_not_reported_on_a_question(text, lang, flagged):
    """A question asks: the judge's reading of it as a contradiction is not reported."""
    promises = PromiseBook.from_dict(BOOK)
    judged = [Judgement(promises["no-monthly-fees"], 0.7, 0.95, 0.01, 0.04)]
    context = Context(promises, Thresholds(0.32, 0.375, 0.3))
    assert bool(registry()["PC101"].run(Sentence(text, 0, len(text), lang), judged, context)) is flagged


def test_the_judge_is_not_reported_against_a_neighbour_of_the_promise_a_sentence_keeps():
    promises = PromiseBook.from_dict(BOOK)
    context = Context(promises, Thresholds(0.32, 0.375, 0.3))
    text = "Lines open 24 hours a day, 7 days a week."
    sentence = Sentence(text, 0, len(text), "en")
    neighbour = Judgement(promises["no-monthly-fees"], 0.52, 0.74, 0.10, 0.16)
    kept = Judgement(promises["support-24-7"], 0.67, 0.05, 0.94, 0.01)
    assert registry()["PC101"].run(sentence, [kept, neighbour], context) == []
    broken = Judgement(promises["support-24-7"], 0.67, 0.20, 0.10, 0.70)   # not kept: the neighbour is reported
    (v,) = registry()["PC101"].run(sentence, [broken, neighbour], context)
    assert v.promise.id == "no-monthly-fees"
    weakly = Judgement(promises["support-24-7"], 0.67, 0.10, 0.25, 0.65)   # a support too weak to report
    (v,) = registry()["PC101"].run(sentence, [weakly, neighbour], context)
    assert v.promise.id == "no-monthly-fees"


def test_a_heading_or_table_cell_names_a_fee_unless_it_states_an_amount(checker):
    promises = PromiseBook.from_dict(BOOK)
    judged = [Judgement(promises["no-monthly-fees"], 0.7, 0.0, 0.0, 1.0)]

    def flagged(text, kind):
        return registry()["PC203"].run(Sentence(text, 0, len(text), "en", kind), judged,
                                       Context(promises, Thresholds(0.32, 0.375, 0.3)))

    assert flagged("Fees at a glance", "paragraph") and not flagged("Fees at a glance", "heading")
    assert not flagged("Maintenance fee per month", "table_cell")
    assert flagged("Monthly fee: €3 below €500", "heading")
    # through the pipeline: a Markdown heading is a heading
    report = checker.check_text("## Fees at a glance\n\nA €3 maintenance fee applies below €500.\n",
                                "fees.md", ext=".md")
    assert [f.sentence for f in report.findings if f.code == "PC203"] == ["A €3 maintenance fee applies below €500."]


def test_a_cue_names_only_a_promise_about_as_related_as_the_best():
    promises = PromiseBook.from_dict(BOOK)
    judgements = [Judgement(promises["support-24-7"], 0.8, 0, 0, 1), Judgement(promises["no-monthly-fees"], 0.5, 0, 0, 1)]
    text = "A €3 fee applies."
    assert registry()["PC203"].run(Sentence(text, 0, len(text), "en"), judgements,
                                   Context(promises, Thresholds(0.32, 0.375, 0.3))) == []


def test_overclaim_but_not_in_quotes():
    (v,) = run("PC205", "Tallo Invest: guaranteed 9% returns, every single year.", ["honest-claims"])
    assert v.evidence["kind"] == "guarantee"
    assert run("PC205", "You won't see us calling ourselves \"the best bank in the world\".", ["honest-claims"]) == []


def test_pressure_is_brand_wide():
    (v,) = run("PC204", "Only 3 left in stock — order in the next 10 minutes!", [])
    assert v.promise.id == "no-pressure" and v.evidence["kind"] in ("scarcity", "urgency", "countdown")
    assert run("PC204", "This week's offers run all week, so there's no need to rush.", []) == []


NO_PRESSURE_PROMISE = {"brand": "B", "promises": [{"id": "fees", "statement": "No fees, ever."}]}


def test_the_no_pressure_rule_names_a_stand_in_promise():
    assert run("PC204", "Hurry! Your basket will be released in 04:59.", [], NO_PRESSURE_PROMISE) == []
    book = {**NO_PRESSURE_PROMISE, "rules": {"no-pressure": "error"}}
    (v,) = run("PC204", "Hurry! Your basket will be released in 04:59.", [], book)
    assert v.promise.id == "rules.no-pressure" and v.promise.severity == "error"
    assert "promised" not in v.evidence and "brand rule no-pressure" in v.message


def test_the_no_pressure_rule_off_keeps_pressure_to_related_promises():
    book = {**BOOK, "rules": {"no-pressure": "off"}}
    assert run("PC204", "Hurry! Last chance!", [], book) == []
    assert run("PC204", "Hurry! Last chance!", ["no-pressure"], book)[0].promise.id == "no-pressure"


def test_a_promise_of_honest_claims_is_brand_wide():
    (v,) = run("PC205", "Our battery lasts forever, guaranteed.", [])
    assert v.promise.id == "honest-claims" and v.evidence["promised"]
    book = {**BOOK, "rules": {"honest-claims": "off"}}
    assert run("PC205", "Our battery lasts forever, guaranteed.", [], book) == []
    assert run("PC205", "Our battery lasts forever, guaranteed.", ["honest-claims"], book)


def test_a_promise_that_forswears_guarantees_and_titles_is_one_of_honest_claims():
    book = {"brand": "B", "language": "id", "promises": [
        {"id": "klaim-jujur", "statement": "Kami tidak pernah menjamin kelulusan dan tidak menyebut diri 'nomor satu'."}]}
    (v,) = run("PC205", "Number one choice of parents across Java!", [], book)
    assert v.promise.id == "klaim-jujur" and v.evidence["promised"] == "tidak pernah menjamin"


def test_a_promise_never_to_blame_or_lecture_is_one_of_no_pressure():
    book = {"brand": "B", "language": "fr", "promises": [
        {"id": "respect", "statement": "Nous ne les blâmons jamais et ne leur faisons pas la leçon."}]}
    (v,) = run("PC204", "On vous l'a déjà expliqué : le code est dans l'e-mail.", [], book, "fr")
    assert v.promise.id == "respect" and v.evidence["promised"] == "ne les blâmons jamais"


def test_the_honest_claims_rule_names_a_stand_in_promise():
    assert run("PC205", "The best bank in the world.", [], NO_PRESSURE_PROMISE) == []
    book = {**NO_PRESSURE_PROMISE, "rules": {"honest-claims": "warning"}}
    (v,) = run("PC205", "The best bank in the world.", [], book)
    assert v.promise.id == "rules.honest-claims" and v.promise.severity == "warning"
    assert v.promise.pillar == "authenticity" and "brand rule honest-claims" in v.message


@pytest.mark.parametrize("text,lang", [
    ("Number one in Indonesia?", "en"),
    ("The best vitamin C serum in the world?", "en"),
    ("Le meilleur choix pour un petit toit ?", "fr"),
])
def test_a_short_question_asks_a_claim_rather_than_makes_it(text, lang):
    assert run("PC205", text, ["honest-claims"], lang=lang) == []
    assert run("PC205", "Why settle for anything less than the best bank in the world, for every saver in the country?",
               ["honest-claims"])


@pytest.mark.parametrize("rules,error", [
    ("rules: {no-presure: error}", r"<string>:2:9: unknown key 'no-presure' \(did you mean 'no-pressure'\?\)"),
    ("rules: {no-pressure: loud}", r"<string>:2:22: rule 'no-pressure' must be one of suggestion, warning, error, off"),
    ("rules: [no-pressure]", r"<string>:2:8: 'rules' must be a mapping"),
])
def test_rules_are_validated_strictly(rules, error):
    with pytest.raises(PromisecheckError, match=error):
        PromiseBook.from_yaml(f"brand: B\n{rules}\npromises:\n  - id: a\n    statement: A promise.\n")


def test_rules_round_trip():
    book = PromiseBook.from_dict({**NO_PRESSURE_PROMISE, "rules": {"no-pressure": "warning"}})
    assert book.rule("no-pressure") == "warning" and PromiseBook.from_dict(book.to_dict()) == book
    assert PromiseBook.from_dict(NO_PRESSURE_PROMISE).rule_promise("no-pressure") is None


def _finding(code: str, promise_id: str = "p", start: int = 0) -> Finding:
    return Finding(code=code, check=code, severity="warning", message=code, path="a.md", line=1, column=1,
                   end_line=1, end_column=5, start=start, end=start + 4, sentence="text", lang="en",
                   promise_id=promise_id, promise="P", score=1.0, similarity=0.5)


def test_dedupe_prefers_the_cue_finding():
    findings = [_finding("PC101"), _finding("PC201"), _finding("PC203"), _finding("PC101", "q"),
                _finding("PC101", start=10)]
    assert [(f.code, f.promise_id, f.start) for f in dedupe(findings)] == [
        ("PC201", "p", 0), ("PC203", "p", 0), ("PC101", "q", 0), ("PC101", "p", 10)]


def test_the_checker_reports_cue_findings_with_evidence(checker):
    report = checker.check_text("Card purchases can be disputed and refunded within 14 days.\n"
                                "Our agents answer calls Monday to Friday, 9am to 5pm.\n"
                                "Only 2 left — order in the next 10 minutes!\n", path="email.md")
    by_code = {f.code: f for f in report.findings}
    assert by_code["PC201"].evidence == {"found": "14 days", "promised": "60 days", "kind": "duration"}
    assert by_code["PC201"].promise_id == "refunds-60-days" and by_code["PC201"].line == 1
    assert by_code["PC202"].promise_id == "human-support-24-7" and by_code["PC202"].line == 2
    assert by_code["PC204"].promise_id == "no-pressure" and by_code["PC204"].line == 3


def test_select_runs_only_the_cue_checks(book):
    from promisecheck import Checker

    only = Checker(book, select=["PC201"])
    report = only.check_text("Card purchases can be disputed and refunded within 14 days.")
    assert {f.code for f in report.findings} == {"PC201"}


def test_cli_prints_cue_findings_as_json(tmp_path, book_path, capsys):
    copy = tmp_path / "page.md"
    copy.write_text("Card purchases can be disputed and refunded within 14 days.\n", encoding="utf-8")
    code = cli.main(["check", str(copy), "--promises", str(book_path), "--format", "json", "--no-config",
                     "--select", "PC201", "--fail-level", "suggestion"])
    document = json.loads(capsys.readouterr().out)
    assert code == 1
    (finding,) = document["findings"]
    assert finding["code"] == "PC201" and finding["evidence"]["found"] == "14 days"


def test_eval_prints_recall_by_kind_per_language():
    cases = [Case(f"c{i}", "books/x", lang, "t", "dissonant", "p", kind)
             for i, (lang, kind) in enumerate([("en", "numeric"), ("fr", "numeric"), ("fr", "scope")])]
    predicted = ["dissonant", "unrelated", "dissonant"]
    table = format_table(score_by_language(cases, predicted, [set()] * 3))
    assert "recall by dissonant kind and language:" in table
    numeric = next(line for line in table.splitlines() if line.strip().startswith("numeric"))
    assert numeric.split()[1:] == ["1.00", "0.00", "0.50"]
    scope = next(line for line in table.splitlines() if line.strip().startswith("scope "))
    assert scope.split()[1:] == ["-", "1.00", "1.00"]


def test_checks_still_import_light():
    import subprocess
    import sys

    code = ("import sys, promisecheck.checks, promisecheck.cues; registry = promisecheck.checks.registry(); "
            "print('spacy' in sys.modules, 'torch' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.split() == [
        "False", "False"]



def run_below(code: str, text: str, similarities: dict[str, float], lang: str = "en", book: dict = BOOK):
    """``code`` on ``text`` with no promise retrieved, the sentence's relatedness to each given."""
    promises = PromiseBook.from_dict(book)
    sims = tuple(similarities.get(p.id, 0.0) for p in promises)
    return registry()[code].run(Sentence(text, 0, len(text), lang), [],
                                Context(promises, Thresholds(0.32, 0.375, 0.3), sims))


def test_cue_checks_look_below_the_retrieval_threshold_for_what_a_promise_commits_to():
    (v,) = run_below("PC202", "Phone lines are open Monday to Friday, 9am to 5pm.", {"support-24-7": 0.25})
    assert v.promise.id == "support-24-7" and v.evidence["kind"] in ("days", "hours")
    assert run_below("PC202", "Phone lines are open Monday to Friday, 9am to 5pm.", {"support-24-7": 0.1}) == []
    # A time a thing happens by is no opening hours, unless the promise is retrieved.
    assert run_below("PC202", "Order by 8pm for delivery tomorrow.", {"support-24-7": 0.25}) == []
    (v,) = run_below("PC203", "A £2.50 monthly account fee applies.", {"no-monthly-fees": 0.22})
    assert v.promise.id == "no-monthly-fees"
    # A fee named in passing, with no amount, is only flagged against a retrieved promise.
    assert run_below("PC203", "Our guide explains bank fees abroad.", {"no-monthly-fees": 0.22}) == []
    # Numbers measure too many things to be read against a promise the retrieval left out.
    assert run_below("PC201", "Returns within 14 days of delivery.", {"returns-60-days": 0.25}) == []


def test_the_checker_gives_the_cue_checks_every_promises_relatedness(checker):
    report = checker.check_text("Our phone lines are open Monday to Friday, 9am to 5pm.")
    assert any(f.code == "PC202" for f in report.findings)


@pytest.mark.parametrize("text,lang", [
    ("Free returns are available to Premium members only.", "en"),
    ("Les retours gratuits sont réservés aux membres Premium.", "fr"),
    ("Retur gratis hanya untuk anggota Premium.", "id"),
    ("الإرجاع المجاني متاح لأعضاء Premium فقط.", "ar"),
    # said without "only": a tariff, new or older customers, a plan from which, a channel, a first city
    ("Tarif étudiant : retours gratuits sur présentation de votre carte.", "fr"),
    ("Dès la formule Confort, les retours sont gratuits.", "fr"),
    ("Berlaku untuk penyewa baru: retur gratis.", "id"),
    ("Untuk pelanggan lansia, retur gratis tanpa syarat.", "id"),
    ("هدية ترحيبية للمستأجرين الجدد: إرجاع مجاني.", "ar"),
    ("إرجاع مجاني للعملاء فوق ٦٠ عامًا.", "ar"),
])
def test_a_restriction_of_who_narrows_a_promise_made_without_one(text, lang):
    (v,) = run("PC202", text, ["returns-60-days"], lang=lang)
    assert v.evidence["kind"] in ("audience", "limited") and v.evidence["promised"]


@pytest.mark.parametrize("text,lang,flagged", [
    ("Les retours gratuits arrivent à Surabaya et à Denpasar !", "fr", True),
    ("Retur gratis saat ini tersedia di cabang Jakarta, Bogor, dan Bandung.", "id", True),
    ("الإرجاع المجاني متاح الآن في جاكرتا وسورابايا.", "ar", True),
    # a list that names every place, or the brand's own shop and site, narrows nothing
    ("Les retours gratuits sont disponibles dans toutes nos agences, de Lyon à Marseille.", "fr", False),
    ("Retur gratis berlaku di toko kami dan online.", "id", False),
    ("الإرجاع المجاني متاح الآن في جميع فروعنا.", "ar", False),
])
def test_the_places_an_offer_has_reached_so_far_narrow_it(text, lang, flagged):
    assert bool(run("PC202", text, ["returns-60-days"], lang=lang)) is flagged


def test_a_price_is_no_hidden_fee_under_an_all_included_promise():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "all-in", "statement": "One all-inclusive price, the price you pay: no extras at checkout."}]}
    assert run("PC203", "The only thing you'll ever pay is €19.90 a month, exams included.", ["all-in"], book) == []
    (v,) = run("PC203", "A €2 booking fee is added at checkout.", ["all-in"], book)
    assert v.evidence["kind"] == "fee"
    # also when the promise says "no fees" too and an example shows a fee: its price is still not one
    priced = {"brand": "B", "language": "fr", "promises": [
        {"id": "tout-compris", "statement": "L'abonnement coûte 19,90 € par mois, tout compris : aucuns frais.",
         "examples": {"dissonant": ["Des frais d'inscription de 29 € s'ajoutent à votre premier mois."]}}]}
    assert run("PC203", "€19,90 per bulan sudah mencakup semuanya.", ["tout-compris"], priced, "id") == []


def test_pressure_quoted_as_a_banner_is_mentioned_but_a_quoted_button_shames():
    assert run("PC204", "Our course explains why 'only 2 left' banners work on shoppers.", []) == []
    (v,) = run("PC204", 'Tap "No thanks, I prefer paying full price" to leave.', [])
    assert v.evidence["kind"] == "confirm-shaming"
    (v,) = run("PC204", 'Product page badge: "Only 2 left in stock"', [])  # shown, as a label introduces it
    assert v.evidence["kind"] == "scarcity"


def test_a_zero_amount_is_no_fee_and_no_numeric_conflict():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "free-top-ups", "statement": "Top-ups are free from Rp10,000 upwards, with no admin fee."}]}
    for text in ("Transfer receipt: Amount Rp1,200,000 · Admin fee Rp0", "0 € de supplément sur la facture."):
        lang = "fr" if "€" in text else "en"
        assert run("PC203", text, ["free-top-ups"], book, lang) == []
        assert run("PC201", text, ["free-top-ups"], book, lang) == []
    (v,) = run("PC201", "The minimum top-up is at least Rp50,000.", ["free-top-ups"], book)
    assert v.evidence["promised"] == "Rp10,000"
    deposit = {"brand": "B", "language": "en", "promises": [
        {"id": "deposit", "statement": "The deposit is at most €300, held on your card and never charged."}]}
    assert run("PC201", "Your €142 hold was released today.", ["deposit"], deposit) == []  # within the ceiling
    (v,) = run("PC201", "A deposit of €1,200 is held on your card.", ["deposit"], deposit)
    assert v.evidence["found"] == "€1,200"


def test_a_short_question_echoes_urgency_and_an_answered_label_restricts_nothing():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "no-pressure", "statement": "We never pressure you with countdowns or fake scarcity."},
        {"id": "free-delivery", "statement": "Delivery is free on every order, with no minimum."}]}
    for text, lang in (("Limited time?", "en"), ("Offre limitée ?", "fr"), ("Promo terbatas?", "id")):
        assert run("PC204", text, ["no-pressure"], book, lang) == [], text
    assert run("PC204", "Limited time only: order today!", ["no-pressure"], book)
    assert run("PC202", "Delivery fee: £0. Minimum order: none.", ["free-delivery"], book) == []
    assert run("PC203", "Biaya berhenti langganan: tidak ada.", ["free-delivery"], book, "id") == []


def test_elapsed_time_and_periods_are_no_windows():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "cancel-14-days", "statement": "You can cancel any booking within 14 days for a full refund."},
        {"id": "delivery-2h", "statement": "Orders arrive within 2 hours."}]}
    assert run("PC201", "Bought ten days ago? You can still cancel.", ["cancel-14-days"], book) == []
    assert run("PC201", "Baru beli 12 hari lalu? Kamu masih bisa batal.", ["cancel-14-days"], book, "id") == []
    assert run("PC201", "Take one tablet every 8 hours.", ["delivery-2h"], book) == []
    assert run("PC201", "قرص واحد كل ٨ ساعات بعد الأكل.", ["delivery-2h"], book, "ar") == []
    assert run("PC201", "Nuit de l'Aïd, 2 h du matin : un pharmacien a répondu.", ["delivery-2h"], book, "fr") == []
    (v,) = run("PC201", "Orders arrive within 8 hours.", ["delivery-2h"], book)
    assert v.evidence["found"] == "8 hours"
    # a period still breaks a lock
    lock = {"brand": "B", "language": "en", "promises": [
        {"id": "price-lock", "statement": "Your price is locked for 12 months."}]}
    (v,) = run("PC201", "قد نعدّل سعر الباقة كل ثلاثة أشهر.", ["price-lock"], lock, "ar")
    assert v.evidence["promised"] == "12 months"


def test_a_number_of_a_dissonant_example_that_restricts_is_not_ruled_out():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "same-speed", "statement": "Every plan gets the same speed, in every region.",
         "examples": {"dissonant": ["Up to 100 Mbps, for now only in Java."]}},
        {"id": "no-cap", "statement": "Data is unlimited on every plan.",
         "examples": {"dissonant": ["Unlimited only on Turbo; Basic gets 100 GB a month."]}}]}
    assert run("PC201", "Up to 100 Mbps. Actual speeds depend on your Wi-Fi.", ["same-speed"], book) == []
    (v,) = run("PC201", "Basic: 100 GB a month, then 1 Mbps.", ["no-cap"], book)
    assert v.promise.id == "no-cap"


def test_a_number_a_promise_quotes_is_ruled_out_not_promised():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "honest-cashback", "statement": "Cashback is described honestly, never as \"100% cashback\"."}]}
    assert run("PC201", "This promo gives 5% back, capped at Rp20,000.", ["honest-cashback"], book) == []


@pytest.mark.parametrize("text, lang", [
    ("Our dermatologists are on hand 14 hours a day, seven days a week.", "en"),
    ("De vrais dermatologues, de 8 h à 22 h, tous les jours.", "fr"),
    ("Dokter kulit kami siap membantu dari jam 8 pagi sampai jam 10 malam, tanggal merah juga, setiap hari.", "id"),
])
def test_hours_equal_to_the_promised_window_agree_whatever_the_examples_show(text, lang):
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "derm-hours", "statement": "Dermatologists answer from 8am to 10pm, 7 days a week, holidays included.",
         "examples": {"dissonant": ["Our dermatologists are available Monday to Friday, 9am to 5pm."]}}]}
    assert run("PC202", text, ["derm-hours"], book, lang) == []
    (v,) = run("PC202", "Dermatologists answer 10 hours a day.", ["derm-hours"], book)
    assert v.evidence["kind"] == "hours"


def test_a_range_that_ends_at_00_00_ends_at_midnight():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "support-hours", "statement": "Real people answer from 8am to midnight, every day."}]}
    assert run("PC202", "Real people pick up from 08:00 to 00:00, seven days a week.", ["support-hours"], book) == []
    assert run("PC202", "Une vraie personne répond de 8 h à 0 h.", ["support-hours"], book, "fr") == []


def test_a_weekend_named_alone_is_no_restriction():
    assert run("PC202", "Weekends don't slow our team down: a person answers within minutes.", ["support-24-7"]) == []
    (v,) = run("PC202", "Support is available on weekdays only.", ["support-24-7"])
    assert v.evidence["kind"] == "days"


@pytest.mark.parametrize("text, lang", [
    ("Save up to 50% on your bill!", "en"), ("Jusqu'à 50 % d'économies sur votre facture !", "fr"),
    ("Hemat hingga 50% tagihanmu!", "id"), ("وفّر حتى 50٪ من فاتورتك!", "ar"),
])
def test_an_up_to_teaser_figure_is_an_overclaim(text, lang):
    (v,) = run("PC205", text, ["honest-claims"], lang=lang)
    assert v.evidence["kind"] == "teaser"
    assert run("PC205", "Simpananmu dijamin LPS hingga Rp2 miliar.", ["honest-claims"], lang="id") == []


@pytest.mark.parametrize("text, lang", [
    ("Everything you buy from us is guaranteed for 24 months.", "en"),
    ("Tout ce que vous achetez chez nous est garanti 24 mois.", "fr"),
])
def test_a_warranty_is_no_overclaim(text, lang):
    assert run("PC205", text, ["honest-claims"], lang=lang) == []


SLOTS = {"brand": "B", "language": "en", "promises": [
    {"id": "two-hour-window", "statement": "Your engineer arrives within the 2-hour window you book.",
     "examples": {"dissonant": ["Your engineer will arrive between 8am and 6pm."]}},
    {"id": "support-hours", "statement": "Real people answer from 7am to 10pm, 7 days a week."},
    {"id": "support-24-7", "statement": "Real people answer chat 24/7."},
]}


@pytest.mark.parametrize("text, lang", [
    ("Pick a two-hour slot, say 10am–12pm, and your plumber turns up within it.", "en"),
    ("Pilih slot dua jam, misalnya 13.00–15.00, dan teknisi datang di rentang waktu itu.", "id"),
    ("Un conseiller vous répond de 7 h à 22 h, même le dimanche.", "fr"),
])
def test_hours_a_related_promise_states_itself_narrow_no_other(text, lang):
    # a slot as long as the promised window, or the support promise's own hours
    assert run("PC202", text, ["two-hour-window", "support-hours", "support-24-7"], SLOTS, lang) == []
    (v,) = run("PC202", "Your engineer will arrive between 8am and 6pm.", ["two-hour-window"], SLOTS)
    assert v.promise.id == "two-hour-window"
    (v,) = run("PC202", "Chat is staffed from 9am to 5pm.", ["support-24-7", "two-hour-window"], SLOTS)
    assert v.promise.id == "support-24-7"


@pytest.mark.parametrize("text, lang", [
    ("Want to skip tomorrow's lunch? You can still do it in the app until 8pm tonight.", "en"),
    ("Changer de menu pour mercredi ? Faites-le mardi, avant 20 h.", "fr"),
])
def test_a_cut_off_a_related_promise_gives_narrows_no_other(text, lang):
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "changes-until-8pm", "statement": "Change or skip a delivery any time until 8pm the day before."},
        {"id": "support-24-7", "statement": "Real people answer chat 24/7."}]}
    assert run("PC202", text, ["changes-until-8pm", "support-24-7"], book, lang) == []
    (v,) = run("PC202", "Chat closes at 6pm.", ["support-24-7", "changes-until-8pm"], book)
    assert v.promise.id == "support-24-7"


def test_a_duration_per_week_is_a_schedule_not_a_window():
    book = {"brand": "B", "language": "ar", "promises": [
        {"id": "delivery-3-days", "statement": "التوصيل والتركيب خلال 3 أيام."}]}
    text = "نوظّف سائقي توصيل في جدة: 5 أيام عمل أسبوعياً."
    assert run("PC201", text, ["delivery-3-days"], book, "ar") == []
    assert run("PC201", "التوصيل خلال 5 أيام عمل.", ["delivery-3-days"], book, "ar")


@pytest.mark.parametrize("text, lang", [
    ("We don't claim to be Indonesia's number one laundry, just one that brings your clothes back clean.", "en"),
    ("Kami nggak ngaku-ngaku jadi yang terbaik se-Inggris.", "id"),
    ("لن نقول لك إن هذه أفضل قهوة في العالم.", "ar"),
])
def test_a_disclaimer_negates_the_overclaim_later_in_its_clause(text, lang):
    assert run("PC205", text, ["honest-claims"], lang=lang) == []
    assert run("PC205", "We are Indonesia's number one laundry.", ["honest-claims"])


def test_a_question_answered_with_none_names_no_fee():
    book = {"brand": "B", "language": "id", "promises": [
        {"id": "all-in", "statement": "Harga sudah termasuk semuanya, tanpa minimal belanja."}]}
    assert run("PC203", "Minimal belanja? Nggak ada. Ongkir? Nol.", ["all-in"], book, "id") == []
    assert run("PC203", "Minimal belanja Rp100.000 untuk pengiriman.", ["all-in"], book, "id")


@pytest.mark.parametrize("text, lang", [
    ("Thanks for booking! Rate your visit to help other customers choose.", "en"),
    ("Merci d'avoir réservé ! Notez votre intervention pour aider les autres clients.", "fr"),
    ("شكرًا لحجزك! شاركنا تقييمك لمساعدة العملاء الآخرين.", "ar"),
])
def test_other_customers_restrict_only_as_a_contrast(text, lang):
    assert run("PC202", text, ["support-24-7"], lang=lang) == []
    (v,) = run("PC202", "Premium members get a person; other customers wait for the chatbot.", ["support-24-7"])
    assert v.evidence["kind"] == "audience"


def test_a_question_without_an_amount_names_a_charge_without_making_one():
    book = {"brand": "B", "language": "id", "promises": [
        {"id": "all-in", "statement": "Harga sudah termasuk semuanya, tanpa minimal belanja."}]}
    assert run("PC203", "Minimal belanja?", ["all-in"], book, "id") == []  # then "Nggak ada."
    assert run("PC203", "Minimal belanja Rp100.000.", ["all-in"], book, "id")


def test_a_price_per_unit_compares_only_with_prices_per_unit():
    book = {"brand": "B", "language": "id", "promises": [
        {"id": "kilo-price", "statement": "Cuci kiloan Rp7.000/kg, tanpa biaya tambahan."}]}
    assert run("PC201", "Ditimbang di depan kamu: 4 kg, Rp28.000, itu total yang kamu bayar.", ["kilo-price"], book,
               "id") == []
    (v,) = run("PC201", "Lavage au kilo : 8 500 IDR le kilo.", ["kilo-price"], book, "fr")
    assert v.evidence["promised"] == "Rp7.000/kg"


def test_a_restriction_a_question_asks_about_is_not_made():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "free-returns", "statement": "Every item goes back free within 30 days, opened or not."}]}
    assert run("PC202", "FAQ: Is the returns window limited to unopened items?", ["free-returns"], book) == []
    assert run("PC202", "The returns window is limited to unopened items.", ["free-returns"], book)


def test_a_free_offer_with_a_floor_is_a_minimum():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "free-delivery", "statement": "Delivery is free on every order."},
        {"id": "top-ups", "statement": "Top-ups from €10 are always free."}]}
    (v,) = run("PC203", "Free delivery on all orders of €35 or more.", ["free-delivery"], book)
    assert v.evidence["kind"] == "minimum" and v.evidence["found"] == "€35"
    assert run("PC203", "توصيل مجاني للطلبات التي تبلغ 50 يورو أو أكثر.", ["free-delivery"], book, "ar")
    assert run("PC203", "Plans from €9.99 a month, with free delivery.", ["free-delivery"], book) == []
    # a floor a related promise states itself
    assert run("PC203", "Top up from €10, free.", ["free-delivery", "top-ups"], book) == []


@pytest.mark.parametrize("text, lang", [
    ("Our Bandung office is hosting a blood drive this Saturday, 8am to 2pm.", "en"),
    ("Kantor kami mengadakan donor darah Sabtu ini, pukul 08.00–12.00.", "id"),
])
def test_hours_of_this_saturday_are_an_events(text, lang):
    assert run("PC202", text, ["support-24-7"], lang=lang) == []
    assert run("PC202", "Our team answers on Saturday, 8am to 2pm.", ["support-24-7"])


def test_hours_a_day_name_no_service_below_the_retrieval_threshold():
    promises = PromiseBook.from_dict(BOOK)
    weak = [Judgement(promises["support-24-7"], 0.25, 0.0, 0.0, 0.0)]
    text = "A cat sleeps 15 hours a day."
    sentence = Sentence(text, 0, len(text), "en")
    context = Context(promises, Thresholds(0.32, 0.375, 0.3), similarities=tuple(
        0.25 if p.id == "support-24-7" else 0.0 for p in promises))
    assert registry()["PC202"].run(sentence, weak, context) == []
    assert run("PC202", "Our agents answer 15 hours a day.", ["support-24-7"])


def test_a_fixed_price_is_that_price_unless_a_fee_is_named_beside_it():
    book = {"brand": "B", "language": "fr", "promises": [
        {"id": "fixed", "statement": "Pas de frais de dossier : votre cotisation mensuelle est fixe."}]}
    assert run("PC203", "Biscuit's premium is €24.90 a month, and still €24.90 when he's 12.", ["fixed"], book) == []
    (v,) = run("PC203", "A one-time admin fee of €15 is added to the first payment.", ["fixed"], book)
    assert v.evidence["kind"] == "fee"


def test_a_restriction_the_statement_makes_itself_is_not_ruled_out_by_its_examples():
    book = {"brand": "B", "language": "fr", "promises": [
        {"id": "carence",
         "statement": "Les maladies sont couvertes après un délai de carence de 30 jours, jamais plus.",
         "examples": {"dissonant": ["Délai de carence maladie : 120 jours."]}}]}
    assert run("PC202", "Délai de carence maladie : 30 jours, pas un de plus.", ["carence"], book, "fr") == []
    assert run("PC201", "Délai de carence maladie : 90 jours.", ["carence"], book, "fr")


@pytest.mark.parametrize("code, text, lang", [
    ("PC203", "رسوم الحجز: صفر. رسوم الخدمة: صفر.", "ar"),
    ("PC204", "Mau berhenti langganan? Tinggal dua klik di aplikasi.", "id"),
    ("PC202", "Nous les assurons tous, en métropole comme à La Réunion.", "fr"),
])
def test_lookalikes_of_fees_scarcity_and_places(code, text, lang):
    assert run(code, text, ["no-monthly-fees", "no-pressure", "support-24-7"], lang=lang) == []


@pytest.mark.parametrize("text, lang", [
    ("Each passenger may check in up to 15 kg of baggage free of charge.", "en"),
    ("Franchise bagages : quinze kilos par billet.", "fr"),
    ("الحد الأقصى للأمتعة المجانية 10 كغ.", "ar"),
])
def test_weights_compare_in_kilograms(text, lang):
    book = {"brand": "B", "language": "id", "promises": [
        {"id": "bagasi", "statement": "Setiap penumpang mendapat bagasi gratis hingga 20 kg."},
        {"id": "jemput", "statement": "Jemput gratis untuk semua order.",
         "examples": {"dissonant": ["Gratis jemput untuk order minimal 5 kg."]}}]}
    (v,) = run("PC201", text, ["bagasi"], book, lang)
    assert v.evidence["kind"] == "weight" and v.evidence["promised"] == "20 kg"
    assert run("PC201", "Bagasi gratis sampai dua puluh kilo.", ["bagasi"], book, "id") == []
    # the floor of a dissonant example is a condition, not a weight the promise rules out
    assert run("PC201", "Pesé devant vous : 5 kg, soit 35 000 roupies.", ["jemput"], book, "fr") == []


def test_an_audience_the_sentence_then_widens_restricts_no_one():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "theft-cover", "statement": "Theft insurance is included for every subscriber, on every plan."}]}
    assert run("PC202", "Members only: theft insurance. Good news: every subscriber is a member.",
               ["theft-cover"], book) == []
    assert run("PC202", "Theft insurance is for Premium members only.", ["theft-cover"], book)
    # or names among others: old members or new
    assert run("PC202", "Anggota lama atau anggota baru, semua dapat asuransi pencurian.", ["theft-cover"], book,
               "id") == []
    assert run("PC202", "L'assurance vol est ouverte aux membres comme aux non-membres.", ["theft-cover"], book,
               "fr") == []
    assert run("PC202", "Asuransi pencurian khusus untuk anggota baru.", ["theft-cover"], book, "id")


def test_named_places_said_as_the_only_ones_narrow_everywhere():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "everywhere", "statement": "Every service is offered in every city we serve."}]}
    (v,) = run("PC202", "Hotel drop-off is available in Kuta, Seminyak and Sanur.", ["everywhere"], book)
    assert v.evidence["kind"] == "place"
    assert run("PC202", "Kelas percobaan gratis berlaku di studio Paris dan Lyon.", ["everywhere"], book, "id")
    assert run("PC202", "Semua paket berlaku sama di Sharjah, Ajman dan Al Ain.", ["everywhere"], book, "id") == []


def test_a_short_question_echoes_days_and_the_answer_says():
    assert run("PC202", "Weekdays only?", ["support-24-7"]) == []
    assert run("PC202", "Chat is open on weekdays only.", ["support-24-7"])


def test_prices_that_vary_break_the_same_price_everywhere():
    book = {"brand": "B", "language": "fr", "promises": [
        {"id": "prix-unique", "statement": "L'abonnement coûte le même prix dans toutes nos villes, sans frais."}]}
    assert run("PC203", "Harganya sama di semua kota: €34/bulan di Lille, €34/bulan di Nice.", ["prix-unique"], book,
               "id") == []
    assert run("PC203", "€34/month in most cities; Paris subscribers pay €42.", ["prix-unique"], book)


def test_a_price_a_related_promise_states_is_that_promises():
    book = {"brand": "B", "language": "fr", "promises": [
        {"id": "prix-garanti", "statement": "Solo coûte 10,99 € par mois, et ce prix n'augmente jamais."},
        {"id": "essai", "statement": "L'essai de 30 jours est gratuit."}]}
    text = "Paying €10.99 a month for Solo today? That's what you'll pay for as long as you stay with us."
    assert run("PC203", text, ["essai", "prix-garanti"], book) == []
    assert run("PC203", "Solo now costs €12.99 a month.", ["essai", "prix-garanti"], book)


def test_a_price_under_a_related_promises_ceiling_is_that_promises():
    book = {"brand": "B", "language": "id", "promises": [
        {"id": "harga-maks", "statement": "Harga trip harian tidak pernah lebih dari Rp750.000 per orang.",
         "examples": {"dissonant": ["Trip harian Padar: Rp1.050.000 per orang."]}}]}
    assert run("PC203", "Trip harian Nusa Penida hanya Rp720.000 per orang.", ["harga-maks"], book, "id") == []
    assert run("PC203", "Trip harian Nusa Penida: Rp820.000 per orang.", ["harga-maks"], book, "id")


def test_a_chosen_delivery_slot_keeps_its_own_hours():
    assert run("PC202", "Livré mercredi matin sur le créneau 8 h–10 h que vous aviez choisi.", ["support-24-7"],
               lang="fr") == []


@pytest.mark.parametrize("text, lang", [
    ("Next-day delivery cut-off: 6pm.", "en"),
    ("Batas pemesanan: pukul 17.00.", "id"),
])
def test_an_earlier_cut_off_than_the_promised_one(text, lang):
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "cut-offs", "statement": "Order by 2pm for same-day delivery, or by 10pm for next-day delivery."}]}
    (v,) = run("PC201", text, ["cut-offs"], book, lang)
    assert v.evidence["kind"] == "deadline" and v.evidence["promised"] == "10pm"
    assert run("PC201", "Order by 10pm and it arrives tomorrow.", ["cut-offs"], book) == []


RESTATED = {"brand": "B", "language": "en", "promises": [
    {"id": "delivery-30-min", "statement": "Every order reaches you within 30 minutes.",
     "examples": {"dissonant": ["Orders arrive within 2 hours."]}},
    {"id": "people-8-22", "statement": "Real people answer from 8am to 10pm, every day."},
    {"id": "free-delivery", "statement": "Delivery is free on every order."},
    {"id": "people-24-7", "statement": "Real people answer 24/7."},
]}


@pytest.mark.parametrize("text, promise, flagged", [
    ("Your order arrived in 18 minutes. Enjoy!", "delivery-30-min", False),   # the allowed side
    ("Pesananmu tiba dalam 30 menit.", "delivery-30-min", False),             # the same number
    ("Your order arrived in 45 minutes.", "delivery-30-min", True),
    ("Delivered within 2 hours.", "delivery-30-min", True),                   # what a dissonant example says
    ("Your order is on its way.", "delivery-30-min", True),                   # no number: the judge decides
    ("We answer from 8am to 10pm, holidays included.", "people-8-22", False),
    ("Nos conseillers répondent de 7 h à 23 h.", "people-8-22", False),        # wider hours keep it too
    ("We answer from 9am to 5pm.", "people-8-22", True),
    ("Delivery fee: $0. Minimum order: none.", "free-delivery", False),
    ("Delivery fee: $0, service fee: $2.", "free-delivery", True),             # an amount to pay
    ("Lines open 24 hours a day, 365 days a year.", "people-24-7", False),     # round the clock
    ("Lines open 24 hours a day, except on Sundays.", "people-24-7", True),     # a restriction
    ("Chat with us from 8am to 10pm.", "people-24-7", True),
])
def test_the_judge_is_not_reported_where_the_sentences_numbers_keep_the_promise(text, promise, flagged):
    promises = PromiseBook.from_dict(RESTATED)
    judgement = Judgement(promises[promise], 0.6, 0.9, 0.05, 0.05)
    lang = "id" if text.startswith("Pesananmu") else "fr" if text.startswith("Nos") else "en"
    found = registry()["PC101"].run(Sentence(text, 0, len(text), lang), [judgement],
                                    Context(promises, Thresholds(0.32, 0.775, 0.3)))
    assert [v.promise.id for v in found] == ([promise] if flagged else [])


DENIED = {"brand": "B", "language": "en", "promises": [
    {"id": "free-delivery", "statement": "Delivery is free on every order."},
    {"id": "no-pressure", "statement": "We never rush you, and no countdowns or fake scarcity."},
]}


@pytest.mark.parametrize("text, promise, flagged", [
    ("Delivery fee: none. Packaging fee: none.", "free-delivery", False),    # denies fees, asserts none
    ("Delivery fee: none. Packaging fee: none.", "no-pressure", False),      # nor its neighbours
    ("Frais de livraison : aucun.", "free-delivery", False),
    ("No delivery fee, but a service charge applies.", "free-delivery", True),  # asserts one
    ("No delivery fee on orders over $30.", "free-delivery", True),          # an amount
    ("No countdowns, but only 2 left in stock!", "no-pressure", True),
    ("Free for your first 30 days.", "free-delivery", True),                # a commitment's words, limited
])
def test_the_judge_is_not_reported_where_the_sentence_only_denies(text, promise, flagged):
    promises = PromiseBook.from_dict(DENIED)
    judgement = Judgement(promises[promise], 0.6, 0.9, 0.05, 0.05)
    lang = "fr" if text.startswith("Frais") else "en"
    found = registry()["PC101"].run(Sentence(text, 0, len(text), lang), [judgement],
                                    Context(promises, Thresholds(0.32, 0.775, 0.3)))
    assert [v.promise.id for v in found] == ([promise] if flagged else [])


@pytest.mark.parametrize("book_lang, statement, text, lang", [
    ("en", "The monthly wash plan works at every ShineBay site across the UK.",
     "Monthly plan washes can't be redeemed at our Scottish sites.", "en"),
    ("fr", "Nounou Facile est disponible dans toutes les villes de France.",
     "Nounou Facile is currently available in Paris, Lyon and Marseille only.", "en"),
    ("id", "Setiap ukuran tabung bisa dipesan di kota layanan kami.",
     "Tabung 12 kg belum bisa dipakai di cabang Medan.", "id"),
])
def test_every_thing_a_promise_names_is_narrowed_by_a_restriction(book_lang, statement, text, lang):
    book = {"brand": "B", "language": book_lang, "promises": [{"id": "everywhere", "statement": statement}]}
    (v,) = run("PC202", text, ["everywhere"], book, lang)
    assert v.evidence["kind"] in ("limited", "place")


def test_a_call_back_narrows_a_promise_that_people_answer():
    (v,) = run("PC202", "Leave your number and an agent will call you back within 48 hours.", ["support-24-7"])
    assert v.evidence["kind"] == "callback" and v.promise.id == "support-24-7"
    assert run("PC202", "Leave your number and an agent will call you back.", ["returns-60-days"]) == []


def test_a_number_of_people_is_compared_with_a_promised_group_size():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "small-groups", "statement": "Every tour group has 20 travellers at most."}]}
    (v,) = run("PC201", "Our Umrah coaches carry groups of up to 45 pilgrims.", ["small-groups"], book)
    assert v.evidence == {"found": "45", "promised": "20", "kind": "people"}
    assert run("PC201", "Nos groupes de Cappadoce comptent 16 voyageurs.", ["small-groups"], book, "fr") == []
    assert run("PC201", "17 people are looking at this tour right now.", ["small-groups"], book) == []


UNIVERSAL = {"brand": "Ludo", "language": "fr", "promises": [
    {"id": "partout", "statement": "Toutes nos offres sont ouvertes à tous les abonnés, dans toutes nos boutiques."},
    {"id": "donnees", "statement": "Vos données ne sont jamais vendues ni partagées avec des annonceurs."}]}


@pytest.mark.parametrize("similarity, kept, flagged", [
    (0.14, False, True),    # under the floor of other cues, but the promise says "toutes … tous"
    (0.05, False, True),    # however faintly related
    (-0.05, False, False),  # not related at all
    (0.14, True, False),    # the sentence keeps the promise it is about (privacy)
])
def test_a_restriction_of_who_reaches_a_promise_made_to_everyone(similarity, kept, flagged):
    promises = PromiseBook.from_dict(UNIVERSAL)
    text = "Koleksi permainan raksasa khusus untuk anggota paket Tribu."
    closest = Judgement(promises["donnees"], 0.35, 0.02, 0.9 if kept else 0.05, 0.08 if kept else 0.93)
    context = Context(promises, Thresholds(0.32, 0.375, 0.3), similarities=(similarity, 0.35))
    found = registry()["PC202"].run(Sentence(text, 0, len(text), "id"), [closest], context)
    assert [(v.promise.id, v.evidence["kind"]) for v in found] == ([("partout", "audience")] if flagged else [])


ROUND_THE_CLOCK = {"brand": "Riyada", "language": "ar", "promises": [
    {"id": "bashari", "statement": "فريق دعم من البشر يرد عليكم 24 ساعة يوميًا و7 أيام في الأسبوع عبر الهاتف وواتساب."},
    {"id": "daght", "statement": "لا نضغط عليكم أبدًا: لا عد تنازلي ولا رسائل تشعركم بالذنب."}]}


@pytest.mark.parametrize("text, lang, kind", [
    ("Fête nationale du 2 décembre : le standard sera fermé.", "fr", "holiday"),
    ("Heads-up: we've retired WhatsApp support.", "en", "channel"),
    ("Untuk sementara, nomor WhatsApp kami tidak aktif.", "id", "channel"),
])
def test_a_closure_in_words_reaches_a_promise_of_people_around_the_clock_however_faintly_related(text, lang, kind):
    # across languages such a sentence is often under CUE_SIMILARITY_FLOOR ("le standard sera fermé": 0.10)
    promises = PromiseBook.from_dict(ROUND_THE_CLOCK)
    context = Context(promises, Thresholds(0.32, 0.375, 0.3), similarities=(0.05, 0.12))
    found = registry()["PC202"].run(Sentence(text, 0, len(text), lang), [], context)
    assert [(v.promise.id, v.evidence["kind"]) for v in found] == [("bashari", kind)]
    unrelated = Context(promises, Thresholds(0.32, 0.375, 0.3), similarities=(-0.05, 0.12))
    assert registry()["PC202"].run(Sentence(text, 0, len(text), lang), [], unrelated) == []


@pytest.mark.parametrize("text, lang", [
    ("Notre torréfacteur de Jakarta sera fermé aux visites pendant les travaux.", "fr"),
    ("Pada libur nasional kemarin, tim kami menanam 500 bibit bakau.", "id"),
])
def test_a_closure_of_no_way_to_reach_the_brand_needs_relatedness(text, lang):
    promises = PromiseBook.from_dict(ROUND_THE_CLOCK)
    context = Context(promises, Thresholds(0.32, 0.375, 0.3), similarities=(0.05, 0.12))
    assert registry()["PC202"].run(Sentence(text, 0, len(text), lang), [], context) == []


def test_a_channel_reachable_is_no_closure():
    promises = PromiseBook.from_dict(ROUND_THE_CLOCK)
    context = Context(promises, Thresholds(0.32, 0.375, 0.3), similarities=(0.4, 0.12))
    text = "Contact us on WhatsApp or by phone, any time."
    assert registry()["PC202"].run(Sentence(text, 0, len(text), "en"), [], context) == []


def test_a_rate_is_compared_with_the_promised_rate_of_the_same_period():
    book = {"brand": "Rawaq", "language": "en", "promises": [
        {"id": "prices", "statement": "A day pass costs 89 in local currency, and a meeting room never more than "
                                      "150 in local currency per hour."}]}
    assert run("PC201", "Majlis room for eight: AED 110 per hour, VAT included.", ["prices"], book) == []
    (v,) = run("PC201", "Diwan boardroom: QAR 240 per hour.", ["prices"], book)
    assert v.evidence["found"] == "QAR 240 per hour" and "150" in v.evidence["promised"]
    (v,) = run("PC201", "Day pass at our JLT branch: AED 119.", ["prices"], book)
    assert "89" in v.evidence["promised"]


def test_a_price_a_promise_lists_among_others_is_restated_not_contradicted():
    book = {"brand": "Ludo", "language": "fr", "promises": [
        {"id": "prix", "statement": "Nos trois formules coûtent 9,90 €, 19,90 € et 29,90 € par mois."},
        {"id": "retours", "statement": "Retour sous 14 jours, remboursé sous 7 jours."}]}
    promises = PromiseBook.from_dict(book)
    context = Context(promises, Thresholds(0.32, 0.375, 0.3))

    def pc101(text, pid):
        judged = [Judgement(promises[pid], 0.6, 0.9, 0.05, 0.05)]
        return registry()["PC101"].run(Sentence(text, 0, len(text), "en"), judged, context)

    assert pc101("Our biggest plan, Tribu, is €29.90 a month.", "prix") == []
    assert pc101("Our biggest plan, Tribu, is €34.90 a month.", "prix")
    assert pc101("Unopened boxes can be returned within 7 days.", "retours")  # a duration is not a listed price


@pytest.mark.parametrize("lang,policy,instance,stricter", [
    ("en", "Free cancellation up to 24 hours before departure.", "Cancelled 36 hours before?",
     "Free cancellation until 48 hours before."),
    ("fr", "Annulation gratuite jusqu'à 24 h avant le départ.", "Annulation 36 heures avant le départ.",
     "Annulation gratuite jusqu'à 48 h avant."),
    ("id", "Batal gratis sampai 24 jam sebelum berangkat.", "Batal 30 jam sebelum berangkat?",
     "Batal gratis sampai 48 jam sebelum berangkat."),
    ("ar", "يمكنك الإلغاء مجاناً حتى ٢٤ ساعة قبل موعد الانطلاق.", "ألغيت قبل الرحلة بـ ٣٠ ساعة؟",
     "الإلغاء المجاني متاح حتى ٧٢ ساعة قبل موعد الرحلة."),
])
def test_more_notice_than_a_promise_asks_for_keeps_it(lang, policy, instance, stricter):
    from promisecheck.checks.numeric import more_notice
    from promisecheck.cues import promise_terms
    from promisecheck.cues.quantities import parse_quantities

    (promised,), (given,), (rule,) = (parse_quantities(t, lang) for t in (policy, instance, stricter))
    assert promised.lead and given.lead and rule.lead
    terms = promise_terms(policy, (), (stricter,), lang)
    assert more_notice(given, promised, terms)  # cancelled earlier than the promise requires
    assert not more_notice(rule, promised, terms)  # a stricter rule: free only up to 48 hours before
    # where giving more notice is what breaks the promise, it is no case of it
    assert not more_notice(given, promised, promise_terms(policy, (), (instance,), lang))
    assert not parse_quantities("Delivered within 2 days.", "en")[0].lead


def test_words_about_hours_are_read_by_the_hours_the_sentence_gives():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "advisers", "statement": "Real advisers answer every day from 8am to 10pm, holidays included.",
         "examples": {"dissonant": ["Our advisers are available 9am to 6pm on weekdays."]}}]}
    text = "Our opening hours don't change on Christmas Day: advisers pick up from 8am to 10pm."
    assert run("PC202", text, ["advisers"], book) == []
    (v,) = run("PC202", "Our opening hours are 9am to 6pm.", ["advisers"], book)
    assert v.evidence["kind"] == "hours"


def test_a_cap_a_promise_states_itself_is_no_fine_print():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "capped", "statement": "Monthly fees are capped: never more than €29 for Essential.",
         "examples": {"dissonant": ["Essential from €34.90 a month."]}}]}
    assert run("PC203", "Essential is capped at €29 a month per adult.", ["capped"], book) == []


def test_a_restriction_of_who_sees_data_is_no_restriction_of_an_offer():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "for-all", "statement": "Every service is open to every family, on every plan."},
        {"id": "private", "pillar": "privacy",
         "statement": "Your children's lesson recordings and data are never shared with anyone."}]}
    promises = PromiseBook.from_dict(book)

    def scope(text, similarities):
        judgements = [Judgement(promises["for-all"], similarities[0], 0.0, 0.0, 1.0)]
        return registry()["PC202"].run(Sentence(text, 0, len(text), "en"), judgements,
                                       Context(promises, Thresholds(0.32, 0.375, 0.3), similarities))

    assert scope("Lesson recordings are visible only in the parent's account.", (0.4, 0.6)) == []
    (v,) = scope("Live lessons are open only to families on the Gold plan.", (0.6, 0.4))
    assert v.promise.id == "for-all"


def test_limited_to_an_amount_is_a_cap_not_a_restriction_of_who():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "for-all", "statement": "Every treatment is offered in every branch, to every client."}]}
    assert run("PC202", "Our most expensive treatment is limited to €340.", ["for-all"], book) == []
    (v,) = run("PC202", "The new treatment is limited to Gold members.", ["for-all"], book)
    assert v.evidence["kind"] in ("limited", "audience")


PRIVATE = {"brand": "B", "language": "en", "promises": [
    {"id": "data-never-sold", "pillar": "privacy",
     "statement": "Your data is used only to serve you. We never sell it or share it with advertisers."},
    {"id": "for-all", "statement": "Every service is open to every customer, in every city."}]}


@pytest.mark.parametrize("text, lang, kind", [
    ("We share your purchase history with selected advertising partners.", "en", "share"),
    ("Pour vous proposer des offres, nous partageons votre profil d'élève avec nos partenaires assureurs.", "fr",
     "share"),
    ("Vos coordonnées peuvent être transmises à nos partenaires commerciaux.", "fr", "share"),
    ("Data kontak Anda kami bagikan ke mitra asuransi supaya Anda kebagian promo.", "id", "share"),
    ("Kami dapat menjual data aktivitas kamu ke perusahaan asuransi.", "id", "sell"),
    ("نشارك سجل حجوزاتك مع شركائنا في الإعلان لنقدّم لك عروضاً تناسبك.", "ar", "share"),
    ("Your data is used only to serve you, and we share it with our advertising partners.", "en", "share"),
    ("We never sell your data, but we pass your details to advertisers.", "en", "share"),
])
def test_data_passed_to_third_parties_breaks_a_promise_of_privacy(text, lang, kind):
    # brand-wide: the privacy promise is named though the sentence was retrieved for another
    (v,) = run("PC206", text, ["for-all"], PRIVATE, lang)
    assert v.promise.id == "data-never-sold" and v.evidence["kind"] == kind and v.evidence["found"] in text


@pytest.mark.parametrize("text, lang", [
    ("We never share your purchase history with advertisers.", "en"),
    ("We never sell your data or share it with partners or advertisers.", "en"),   # the promise's own words
    ("Kami tidak pernah menjual, menyewakan, atau membagikan data pengunjung kepada mitra.", "id"),
    ("Nous ne partageons jamais votre profil avec des annonceurs.", "fr"),
    ("None of your consumption data is passed on to advertisers.", "en"),                    # a negated subject
    ("Tidak ada satu pun data konsumsimu yang kami berikan ke pengiklan.", "id"),
    ("Your address goes to the courier, and only to deliver your parcel.", "en"),  # no third party named
    ("Do you sell my data to advertisers?", "en"),                                  # asks
])
def test_a_denial_or_a_restatement_of_privacy_is_no_finding(text, lang):
    assert run("PC206", text, ["data-never-sold"], PRIVATE, lang) == []


def test_sharing_data_is_no_finding_in_a_book_without_a_privacy_promise():
    book = {"brand": "B", "language": "en", "promises": [PRIVATE["promises"][1]]}
    assert run("PC206", "We share your purchase history with advertising partners.", ["for-all"], book) == []


@pytest.mark.parametrize("text, lang", [
    ("Data Anda hanya kami pakai untuk mengurus servis motor Anda sendiri.", "id"),
    ("Vos données servent uniquement au suivi de votre dossier.", "fr"),
])
def test_a_sentence_that_says_the_data_is_used_only_to_serve_keeps_the_promise(text, lang):
    promises = PromiseBook.from_dict(PRIVATE)
    context = Context(promises, Thresholds(0.32, 0.775, 0.3))
    judged = [Judgement(promises["data-never-sold"], 0.6, 0.9, 0.05, 0.05)]
    assert registry()["PC101"].run(Sentence(text, 0, len(text), lang), judged, context) == []
    assert run("PC202", text, ["for-all"], PRIVATE, lang) == []   # its "only" restricts the data's use


@pytest.mark.parametrize("text, lang, cue, denied", [
    ("Tidak ada biaya booking, biaya admin, atau minimal transaksi.", "id", "fee", True),  # across labels
    ("No booking fee, admin fee or minimum order.", "en", "fee", True),
    ("No booking fee, but a cleaning fee of 30 euros applies.", "en", "fee", False),  # a word that turns it
    ("Support is handled by our chatbot PawBot, so no human agent is on duty.", "en", "scope", False),
    ("Layanan kami ditangani chatbot PawBot, jadi tidak ada lagi agen manusia.", "id", "scope", False),
])
def test_what_a_negation_covers(text, lang, cue, denied):
    from promisecheck.cues import analyse

    cues = [c for c in analyse(text, lang).cues if c.side in ("copy", "denied") and c.cue == cue]
    last = max(cues, key=lambda c: c.start)
    assert (last.side == "denied") is denied, [(c.text, c.side) for c in cues]


def test_a_delay_is_compared_with_the_promised_delay_not_the_notice():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "cancel", "statement": "Cancel free up to 2 hours before; refunds arrive within 3 working days at most.",
         "examples": {"dissonant": ["Free cancellation up to 12 hours before."]}}]}
    promises = PromiseBook.from_dict(book)
    context = Context(promises, Thresholds(0.32, 0.775, 0.3))

    def pc101(text, lang):
        judged = [Judgement(promises["cancel"], 0.6, 0.9, 0.05, 0.05)]
        return registry()["PC101"].run(Sentence(text, 0, len(text), lang), judged, context)

    assert pc101("Remboursement sur votre compte sous 48 heures après l'annulation.", "fr") == []
    assert pc101("Refunds arrive within 10 working days.", "en")


def test_a_venue_negated_is_still_the_venue_the_sentence_is_about():
    book = {"brand": "B", "language": "fr", "promises": [
        {"id": "tous-les-jours", "statement": "Nos conseillers répondent tous les jours, jours fériés compris."}]}
    text = "Les jours fériés, la préfecture ne convoque aucun candidat."
    assert run("PC202", text, ["tous-les-jours"], book, "fr") == []
    assert run("PC202", "Les jours fériés, nos conseillers ne répondent pas.", ["tous-les-jours"], book, "fr")


def test_cli_flags_data_shared_with_advertisers(tmp_path, capsys):
    book = tmp_path / "book.yaml"
    book.write_text("brand: Tallo\nlanguage: en\npromises:\n"
                    "  - id: data-never-sold\n"
                    "    statement: We never sell your data, and we never share it with advertisers.\n"
                    "  - id: free-delivery\n"
                    "    statement: Delivery is free on every order.\n", encoding="utf-8")
    copy = tmp_path / "page.md"
    copy.write_text("# Offers\n\nDelivery is free, always.\n\n"
                    "Nous partageons votre historique d'achats avec nos partenaires publicitaires.\n", encoding="utf-8")
    code = cli.main(["check", str(copy), "--promises", str(book), "--format", "json", "--no-config",
                     "--select", "PC206", "--fail-level", "suggestion"])
    (finding,) = json.loads(capsys.readouterr().out)["findings"]
    assert code == 1 and finding["promise_id"] == "data-never-sold" and finding["line"] == 5
    assert finding["evidence"]["kind"] == "share"


EVERYWHERE = {"brand": "B", "language": "en", "promises": [
    {"id": "everywhere", "statement": "Every service is offered in every city we serve, to every customer."}]}


@pytest.mark.parametrize("text, lang, flagged", [
    ("Our Ramadan bundle is for app users in Riyadh and Jeddah.", "en", True),
    ("Wedang Uwuh Spesial bisa dinikmati di gerai-gerai Yogyakarta dan Solo mulai pekan depan.", "id", True),
    ("Le menu dégustation vous attend dans nos cafés de Yogyakarta et de Solo.", "fr", True),
    ("نوصل الطلبات داخل الرياض، جدة والدمام خلال ساعتين.", "ar", True),
    # alike, among others, or no list: the places a sentence names are not the only ones
    ("Smile Club works the same in Glasgow, Cardiff and Brighton.", "en", False),
    ("Tidak ada kota yang dianaktirikan: kelas tersedia di Paris, Lyon, dan kota lainnya.", "id", False),
    ("Whether you live in Lille, Ajaccio or a village, you'll find us there.", "en", False),
    ("Cabang baru kami di Jalan Kaliurang, Yogyakarta, resmi dibuka.", "id", False),
    ("Merci à Léa et Karim pour leur joli message !", "fr", False),
    ("Download aplikasi kami di Google Play dan App Store.", "id", False),
])
def test_places_a_list_names_are_read_as_the_only_ones(text, lang, flagged):
    found = run("PC202", text, ["everywhere"], EVERYWHERE, lang)
    assert bool(found) == flagged, found
    if flagged:
        assert found[0].evidence["kind"] == "place"


@pytest.mark.parametrize("text, lang", [
    ("Certified mechanics wanted in Medan and Makassar.", "en"),
    ("On recrute ! Animateurs à Glasgow, du lundi au vendredi, de 9 h à 17 h.", "fr"),
    ("Lowongan: kasir shift Senin–Jumat pukul 08.00–16.00 di Leeds dan York.", "id"),
])
def test_a_job_openings_places_and_hours_restrict_no_offer(text, lang):
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "everywhere", "statement": "Every service is offered in every city, and real people answer 24/7."}]}
    assert run("PC202", text, ["everywhere"], book, lang) == []


def test_a_window_is_compared_with_the_promised_window_not_the_delay():
    book = {"brand": "B", "language": "ar", "promises": [
        {"id": "returns", "statement": "يمكنك إرجاع أي عطر غير مفتوح خلال 14 يوماً من تاريخ الاستلام، ونعيد المبلغ "
                                       "كاملاً إلى وسيلة الدفع الأصلية خلال 5 أيام عمل من استلام المرتجع.",
         "examples": {"dissonant": ["يُقبل الإرجاع خلال 7 أيام فقط من الاستلام."]}}]}
    (v,) = run("PC201", "Les retours sont acceptés sous 7 jours, flacon non ouvert.", ["returns"], book, "fr")
    assert v.evidence["promised"] == "14 يوماً"
    (v,) = run("PC201", "Le remboursement arrive sous 10 jours ouvrés.", ["returns"], book, "fr")
    assert v.evidence["promised"] == "5 أيام عمل"
    assert run("PC201", "Vous avez 14 jours pour nous retourner un flacon non ouvert.", ["returns"], book, "fr") == []


def test_a_price_below_one_the_dissonant_examples_raise_keeps_a_fixed_price():
    book = {"brand": "B", "language": "id", "promises": [
        {"id": "price", "statement": "Cuci AC dihargai tetap Rp75.000 per unit.",
         "examples": {"dissonant": ["Harga cuci AC naik menjadi Rp85.000 mulai bulan depan."]}}]}
    assert run("PC201", "Bulan ini cuci AC cuma Rp70.000.", ["price"], book, "id") == []
    assert run("PC201", "Cuci AC sekarang Rp90.000.", ["price"], book, "id")


def test_a_sentence_after_a_job_opening_in_its_paragraph_restricts_no_offer():
    text = "On recrute ! Céramistes pour nos équipes de Lille et de Toulouse."
    first, second = Sentence(text[:12], 0, 12, "fr"), Sentence(text[13:], 13, len(text), "fr")
    book = PromiseBook.from_dict(EVERYWHERE)
    judgements = [Judgement(book["everywhere"], 0.7, 0.0, 0.0, 1.0)]
    check = registry()["PC202"]
    assert check.run(second, judgements, Context(book, Thresholds(0.32, 0.375, 0.3)))
    assert check.run(second, judgements, Context(book, Thresholds(0.32, 0.375, 0.3), before=(first,))) == []


@pytest.mark.parametrize("text, lang", [
    ("Meet Noura, our head colourist, who trained in Beirut and Milan before joining us.", "en"),
    ("Welcome to our 12 new colleagues in Surabaya and Medan!", "en"),
    ("Di blog: beda aturan bundaran di Dubai dan Abu Dhabi.", "id"),
    ("انضمت إلى فريقنا هذا الشهر 40 ممرضة جديدة في الدمام والخبر.", "ar"),
])
def test_the_places_of_a_story_restrict_no_offer(text, lang):
    assert run("PC202", text, ["everywhere"], EVERYWHERE, lang) == []


def test_a_holiday_a_charge_is_for_is_no_closure():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "always", "statement": "Real people answer 24/7, every day of the year, bank holidays included."}]}
    assert run("PC202", "No extra charge on Sundays or bank holidays.", ["always"], book) == []
    assert run("PC202", "Our phone lines are closed on bank holidays.", ["always"], book)


def test_a_value_the_promise_states_is_that_value_though_misread_as_a_delay():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "returns", "statement": "Return any unopened box within 14 days; we refund you within 5 working days."}]}
    # "send back" reads as a delay, yet "14 days" is the promised window, and "14 working days" is no "14 days"
    assert run("PC201", "Send back any unopened box within 14 days and get every dirham back.", ["returns"], book) == []
    (v,) = run("PC201", "Refunds are processed within 14 working days.", ["returns"], book)
    assert v.evidence["promised"] == "5 working days"


def test_a_fee_under_a_fixed_price_is_no_lower_price_that_keeps_it():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "price", "statement": "A fixed price of AED 15 per parcel, with no extra fees.",
         "examples": {"dissonant": ["A fuel surcharge of AED 2 per parcel applies."]}}]}
    (v,) = run("PC201", "From 1 August, the standard rate rises to AED 19 per parcel.", ["price"], book)
    assert v.evidence["found"] == "AED 19"


def test_how_long_is_no_place():
    assert run("PC202", "كيف تقرأ ملصق زجاجة النبيذ في 5 دقائق فقط.", ["everywhere"], EVERYWHERE, "ar") == []
    assert run("PC202", "التوصيل متاح في الرياض فقط.", ["everywhere"], EVERYWHERE, "ar")


def test_a_job_opening_reaches_the_rest_of_its_paragraph_through_the_pipeline():
    book = PromiseBook.from_dict({"brand": "B", "language": "en", "promises": [
        {"id": "everywhere", "statement": "Every service is offered in every city we serve, to every customer: "
                                          "Lille, Toulouse, Lyon and Nantes."}]})
    checker = Checker(book, cache=False)
    places = "Our pottery classes are in Lille and Toulouse."

    def flagged(text):
        return [f.sentence for f in checker.check_text(text, "jobs.md", ext=".md").findings if f.code == "PC202"]

    assert flagged(places) == [places]
    assert flagged(f"We're hiring! {places}") == []
    assert flagged(f"We're hiring!\n\n{places}") == [places]  # another paragraph


def test_days_a_charge_is_for_are_not_days_closed():
    book = {"brand": "B", "language": "id", "promises": [
        {"id": "always", "statement": "Tim kami bisa dihubungi 24 jam, 7 hari seminggu, termasuk akhir pekan."}]}
    text = "Tidak ada biaya tambahan hari libur: harganya sama seperti hari biasa."
    assert run("PC202", text, ["always"], book, "id") == []
    assert run("PC202", "CS kami hanya melayani di hari biasa.", ["always"], book, "id")


def test_the_learnt_reader_flags_pressure_no_phrase_names():
    text = "Cancelling now means Pak Joko loses his day of work."
    (v,) = run("PC204", text, [], pressure=0.9)
    assert v.promise.id == "no-pressure" and v.evidence == {
        "found": text, "promised": "never pressure", "kind": "learnt"}
    assert run("PC204", text, [], pressure=0.79) == []
    assert run("PC204", text, [], {**BOOK, "promises": BOOK["promises"][:3]}, pressure=0.9) == []  # no promise of calm


@pytest.mark.parametrize("text", [
    "No countdown here: take your time.",            # pressure denied
    "Why do 'only 2 left' banners work so well?",    # a phrase mentioned, not applied
    '"Hurry, last seats, book now before they go!"',  # a quotation
])
def test_the_learnt_reader_leaves_denied_mentioned_and_quoted_pressure(text):
    assert run("PC204", text, [], pressure=0.99) == []


def test_a_phrase_wins_over_the_learnt_reader():
    (v,) = run("PC204", "Only 3 left in stock!", [], pressure=0.99)
    assert v.evidence["kind"] == "scarcity"


def test_the_checker_reads_pressure_with_the_shipped_reader():
    from promisecheck.nlp.pressure import get_pressure_reader

    reader = get_pressure_reader()
    checker = Checker(PromiseBook.from_dict(BOOK), cache=False)
    assert checker.thresholds.pressure == reader.threshold and 0.5 < reader.threshold < 1.0
    assert reader.embedder_name == checker.embedder.name
    texts = ["Cancelling now means Pak Joko loses his day of work.", "Our Leeds depot is on Kirkstall Road."]
    probabilities = checker._pressure(texts, checker._encode(texts), texts)
    assert probabilities.shape == (2,) and all(0.0 <= p <= 1.0 for p in probabilities)


@pytest.mark.parametrize("text, lang", [
    ("Zero booking fees, zero surcharges.", "en"),
    ("Zéro frais de dossier, zéro caution.", "fr"),
    ("Nol biaya admin, nol deposit.", "id"),
    ("صفر رسوم حجز.", "ar"),
])
def test_zero_written_as_a_word_negates_the_fee_after_it(text, lang):
    assert run("PC203", text, ["no-monthly-fees"], lang=lang) == []


@pytest.mark.parametrize("text, lang, flagged", [
    ("Thanks to everyone who planted coral with us last weekend!", "en", False),
    ("شكرًا لثقتكم، ونراكم قريبًا!", "ar", False),
    ("لا شكرًا، ما يهمني أفاجئ أمي في يومها", "ar", True),  # declining thanks is how shaming begins
    ("Our slots are never 'nearly gone', pick any day.", "en", False),
])
def test_the_learnt_reader_leaves_thanks_and_quotations(text, lang, flagged):
    kinds = [v.evidence["kind"] for v in run("PC204", text, [], lang=lang, pressure=0.99)]
    assert kinds == (["learnt"] if flagged else [])


def test_a_quantity_a_promise_denies_is_none_it_makes():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "honest", "statement": "We never claim to be number one, and never make 100% claims."}]}
    assert run("PC201", "Our 2024 survey: 61% of Bristol teams eat at their desks.", ["honest"], book) == []


def test_more_notice_keeps_a_window_whose_example_asks_for_more_as_a_rule():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "cancel", "statement": "Cancel any visit free of charge up to 24 hours before it.",
         "examples": {"dissonant": ["Free cancellation is only available 72 hours before the visit."]}}]}
    assert run("PC201", "You cancelled two days before your visit: no charge.", ["cancel"], book) == []
    (v,) = run("PC201", "Free cancellation only up to 48 hours before.", ["cancel"], book)
    assert v.evidence["promised"] == "24 hours"


def test_working_days_measure_the_refund_delay():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "returns", "statement": "Frames can be returned within 30 days, and refunds are paid within 5 "
                                       "working days."}]}
    assert run("PC201", "Refund processed: allow 3 working days for it to show.", ["returns"], book) == []
    (v,) = run("PC201", "Refund processed: allow 8 working days for it to show.", ["returns"], book)
    assert v.evidence["promised"] == "5 working days"


def test_a_charge_the_promise_rules_out_by_name_links_a_faintly_related_sentence():
    book = {"brand": "B", "language": "fr", "promises": [
        {"id": "tout-compris", "statement": "Le prix annoncé comprend tout : aucun frais de dossier, aucune "
                                            "majoration de nuit, de week-end ou de jour férié."}]}
    (v,) = run_below("PC203", "Interventions du samedi : majoration de 25 % sur la main-d'œuvre.",
                     {"tout-compris": 0.14}, "fr", book)
    assert v.promise.id == "tout-compris"
    # not below NAMED_FLOOR, nor a charge the promise does not name, nor one without its amount
    assert run_below("PC203", "Samedi : majoration de 25 %.", {"tout-compris": 0.05}, "fr", book) == []
    assert run_below("PC203", "Samedi : frais de déplacement de 25 €.", {"tout-compris": 0.14}, "fr", book) == []
    assert run_below("PC203", "Le samedi, une majoration s'applique.", {"tout-compris": 0.14}, "fr", book) == []


def test_a_wage_in_a_job_advert_is_no_fee():
    assert run("PC203", "We're hiring! Drivers wanted in Leeds, £34k a year.", ["no-monthly-fees"]) == []
    assert run("PC203", "Drivers: a £34 monthly fee applies.", ["no-monthly-fees"])


@pytest.mark.parametrize("text, lang", [
    ("A $300 deposit is required, refunded when you return the bike.", "en"),
    ("Wajib deposit Rp300.000, dikembalikan saat sepeda diserahkan kembali.", "id"),
    ("Une caution de 300 € vous est demandée, restituée au retour du vélo.", "fr"),
    ("يُسلَّم الراوتر مقابل تأمين مسترد عند إنهاء الاشتراك.", "ar"),
])
def test_a_deposit_asked_for_breaks_a_promise_of_no_deposit_even_when_given_back(text, lang):
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "no-deposit", "statement": "The price you see is all you pay: no booking fees and no deposit."},
        {"id": "free-cancel", "statement": "Cancel free of charge up to 48 hours before."}]}
    (v,) = run("PC203", text, ["no-deposit"], book, lang)
    assert v.promise.id == "no-deposit"
    assert run("PC203", "No deposit required.", ["no-deposit"], book) == []
    if lang in ("en", "id"):  # the refund right after the charge: a deposit given back is no cancellation fee
        assert run("PC203", text, ["free-cancel"], book, lang) == []


def test_numeric_reads_what_consistent_examples_deny_and_notice_rules():
    claims = {"brand": "B", "language": "id", "promises": [
        {"id": "claims-3-days", "statement": "Klaim dengan dokumen lengkap dibayar paling lambat 3 hari kerja.",
         "examples": {"consistent": ["Keputusan dan pembayaran klaim dalam tiga hari kerja, bukan tiga minggu."]}}]}
    # "not three weeks" is a value the promise rules out, not one it accepts
    (v,) = run("PC201", "Claims with complete documents are paid within 14 working days.", ["claims-3-days"], claims)
    assert v.evidence["found"] == "14 working days"
    cancel = {"brand": "B", "language": "en", "promises": [
        {"id": "free-cancel", "statement": "Cancel any ticket free of charge up to 24 hours before departure.",
         "examples": {"consistent": ["Cancelled two days before? Your money is back in full."]}}]}
    # a notice given as a case keeps the promise; made a rule, it asks more
    assert run("PC201", "You cancelled 2 days before departure.", ["free-cancel"], cancel) == []
    (v,) = run("PC201", "Free cancellation up to 48 hours before departure.", ["free-cancel"], cancel)
    assert v.evidence == {"found": "48 hours", "promised": "24 hours", "kind": "duration"}
    laxer = {"brand": "B", "language": "fr", "promises": [
        {"id": "annulation", "statement": "Annulation gratuite jusqu'à 48 heures avant la livraison.",
         "examples": {"dissonant": ["Annulation gratuite jusqu'à 72 heures avant seulement."]}}]}
    # another notice rule is another policy, even a laxer one
    (v,) = run("PC201", "Annulation sans frais jusqu'à 24 h avant la livraison.", ["annulation"], laxer, "fr")
    assert v.evidence["found"] == "24 h"


def test_a_negated_floor_is_a_price_ceiling():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "lesson-cap", "statement": "No one-hour lesson costs more than £45, whatever the subject."}]}
    (v,) = run("PC201", "Advanced Higher physics: £60 an hour-long lesson.", ["lesson-cap"], book)
    assert v.evidence["promised"] == "£45"
    assert run("PC201", "A GCSE maths lesson is £40.", ["lesson-cap"], book) == []


def test_a_charge_someone_else_makes_is_not_a_hidden_fee():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "free-extras", "statement": "Every fare includes free Wi-Fi and one hold bag, at no extra cost."}]}
    assert run("PC203", "A Wi-Fi pass costs £2.", ["free-extras"], book)
    for text, lang in (("Station car parks are run by the city council and cost £9.50 a day.", "en"),
                       ("Les frais d'inscription au concours sont reversés aux sauveteurs locaux.", "fr"),
                       ("Biaya pendaftaran lari amal disumbangkan seluruhnya ke panti asuhan.", "id"),
                       ("رسوم التسجيل في البطولة تذهب لصالح المنقذين المحليين.", "ar")):
        assert run("PC203", text, ["free-extras"], book, lang) == [], text


def test_a_change_from_a_date_on_is_no_occasion():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "support-24-7", "statement": "Real people answer our chat 24/7, holidays included."}]}
    (v,) = run("PC202", "From Monday, chats from 8pm to 11pm will be handled by an automated helper.",
               ["support-24-7"], book)
    assert v.evidence["kind"] in ("hours", "bot")
    (v,) = run("PC202", "Mulai 1 Mei, chat hanya dilayani pukul 08.00–20.00.", ["support-24-7"], book, "id")
    assert v.evidence["kind"] == "hours"
    # an occasion's hours on its day still restrict nothing
    assert run("PC202", "Charity fun run on Sunday 12 May, 9am to noon.", ["support-24-7"], book) == []


def test_late_payment_ultimatums_are_pressure():
    book = {"brand": "B", "language": "en", "promises": [
        {"id": "no-pressure", "statement": "We never pressure you, and we never threaten you when a payment is late."}]}
    for text, lang in (("Your payment is overdue. Pay within 24 hours or lose your pass.", "en"),
                       ("Payez sous 48 heures, sinon votre contrat sera résilié.", "fr"),
                       ("Jika tidak dibayar hari ini, kami terpaksa menandai Anda sebagai nasabah bermasalah.", "id"),
                       ("ادفع الآن وإلا ستلغى وثيقتك فورا.", "ar")):
        assert run("PC204", text, ["no-pressure"], book, lang), text
    assert run("PC204", "Late payment? We will never cancel your policy for it.", ["no-pressure"], book) == []

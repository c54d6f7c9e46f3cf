"""The groundedness guard: facts in a draft reply must come from the turn's sources."""

from __future__ import annotations

import time

import pytest

from guardrails.base import GuardContext
from guardrails.groundedness import GroundednessGuard, extract_facts, same_phone

PASSAGE_IT = (
    "Sede Centrale - Via dei Mille 24, 20129 Milano. Centralino: +39 02 5550 1234.\n"
    "Orari: dal lunedì al venerdì dalle 7:30 alle 19:30; sabato dalle 8:00 alle 12:30.\n"
    "La visita specialistica costa 120 EUR, il controllo 80 EUR. Sconto del 10% per gli over 65.\n"
    "Chiuso il 25 e 26 dicembre e dal 10 al 21 agosto. I referti sono pronti in 3 giorni "
    "lavorativi su https://portale.sanluca.example/referti. "
    "Direttrice sanitaria: Dr.ssa Elena Marchetti. Metropolitana: linea M4, fermata Dateo."
)
PASSAGE_FR = (
    "Site principal : Rue des Érables 14, 1205 Genève. Téléphone : +41 22 555 40 10.\n"
    "Du lundi au vendredi de 7h30 à 19h00. Consultation de dermatologie : 150 CHF, avec "
    "le Dr Thomas Keller. Fermé le 1er août. Courriel : accueil@leserables.example."
)
PASSAGE_EN = (
    "Opening hours: Monday to Friday 8:00-18:00, Saturday 9:00-13:00. A full check-up "
    "costs 1,200 EUR; a certified translation 35 EUR. Drink 750 ml of water before the scan."
)
PASSAGE_ES = (
    "Clínica Mar Azul, Calle de Sueca 37, Valencia. Teléfono: 963 555 120. Horario: de 9:00 "
    "a 14:00 y de 16:00 a 20:00. Limpieza dental: 55 EUR. Odontóloga: Dra. Marta Vidal. "
    "Cerrado el 19 de marzo."
)
PROFILE = (
    "name: Poliambulatorio San Luca\ncontact_phone: +39 02 5550 1234\nemail: info@sanluca.example"
)
SOURCES = (PASSAGE_IT, PASSAGE_FR, PASSAGE_EN, PASSAGE_ES, PROFILE)


@pytest.fixture(scope="module")
def guard() -> GroundednessGuard:
    return GroundednessGuard()


def check(guard: GroundednessGuard, draft: str, sources: tuple[str, ...] = SOURCES):
    return guard.check(draft, GuardContext(sources=sources))


@pytest.mark.parametrize(
    "draft",
    [
        # Times written another way than in the sources.
        "Il sabato apriamo alle 8.00 e chiudiamo alle 12:30.",
        "Sabato: 08:00-12.30 ☺️",
        "il sabato dalle 8 alle 12.30",
        "Le samedi ? Non, du lundi au vendredi de 7h30 à 19h.",
        "Du lundi au vendredi, de 07:30 à 19:00.",
        "On Saturdays we open at 9 am and close at 1 pm.",
        "Saturday: 9.00 am to 1:00 pm.",
        "Abrimos de 9 a 14 y de 4 a 8 de la tarde.",
        # Prices: symbol, code, word, decimals, thousands separators.
        "La visita costa € 120, il controllo 80,00 €.",
        "La visite coûte 120 euros.",
        "La consultation coûte CHF 150.-",
        "The full check-up costs €1.200.",
        "The full check-up costs 1200 EUR.",
        "La limpieza cuesta 55 euros.",
        # Phone numbers with or without country code, spaces, dots, dashes.
        "Chiami lo 02 5550 1234 oppure 0039 02 5550 1234.",
        "Appelez le 022 555 40 10 ou le +41 (0)22 555 40 10.",
        "Call +39-02-5550-1234.",
        "Llame al 963.555.120.",
        # Dates, names, e-mail addresses, URLs, addresses, percentages.
        "Siamo chiusi il 25/12 e il 26 dicembre, e dal 10 agosto al 21 agosto.",
        "Fermé le 1 août.",
        "Cerrado el 19/03.",
        "La dott.ssa Marchetti risponde ai reclami; Dr. Elena Marchetti dirige la clinica.",
        "Prenez rendez-vous avec le docteur Keller.",
        "La atenderá la dra. marta vidal.",
        "Scriva a INFO@sanluca.example o visiti portale.sanluca.example.",
        "I referti sono su https://portale.sanluca.example/referti/ entro 3 giorni.",
        "Ci trova in Via dei Mille, 24 (20129 Milano).",
        "Venez au 14, rue des Érables.",
        "Estamos en la calle de Sueca 37.",
        "Gli over 65 hanno uno sconto del 10 %.",
        "Prenda la linea M4 fino a Dateo.",
        "Drink 750 ml of water before the scan.",
        # Not facts: placeholders, list numbers, ordinals, counting words, pages.
        "Gentile <PERSON_1>, la richiameremo al <PHONE_NUMBER_1>.",
        "1. Porti la tessera sanitaria\n2) Arrivi in anticipo\n3️⃣ Porti gli esami precedenti",
        "Il 2° piano e la 3a porta; abbiamo due sedi. Fonte: Orari e sedi (p. 4)",
        "Hola, ¿en qué puedo ayudarle?",
    ],
)
def test_facts_from_the_sources_pass_however_they_are_written(guard, draft):
    verdict = check(guard, draft)
    assert verdict.allowed, (verdict.reason, verdict.findings)
    assert verdict.text == draft


@pytest.mark.parametrize(
    ("draft", "kind", "span"),
    [
        # Invented times, including an hour only the 12-hour clock could match.
        ("Il sabato siamo aperti fino alle 14:30.", "TIME", "14:30"),
        ("Il sabato apriamo alle 11.", "TIME", "11"),
        ("Le samedi, ouverture à 10h.", "TIME", "10h"),
        ("We close at 9 pm on Fridays.", "TIME", "9 pm"),
        ("Abrimos a las 10:30.", "TIME", "10:30"),
        # Invented or mis-currencied prices.
        ("La visita costa 130 EUR.", "PRICE", "130 EUR"),
        ("La consultation coûte 150 €.", "PRICE", "150 €"),
        ("The check-up costs $1,200.", "PRICE", "$1,200"),
        ("La limpieza cuesta 65 euros.", "PRICE", "65 euros"),
        # Invented phone numbers.
        ("Chiami il 02 5550 9999.", "PHONE", "02 5550 9999"),
        ("Appelez le 06 12 34 56 78.", "PHONE", "06 12 34 56 78"),
        ("Call +44 20 7946 0123.", "PHONE", "+44 20 7946 0123"),
        # Doses are never grounded by the sources unless written there.
        ("Prenda 2 compresse di paracetamolo.", "DOSAGE", "2 compresse"),
        ("Prenez 1000 mg de paracétamol.", "DOSAGE", "1000 mg"),
        ("Take two tablets after dinner.", "DOSAGE", "two tablets"),
        ("Tome 20 gotas al día.", "DOSAGE", "20 gotas"),
        # Invented dates, names, contacts, addresses, percentages, codes.
        ("Siamo chiusi il 24 dicembre.", "DATE", "24 dicembre"),
        ("Cerrado el 19 de marzo de 2031.", "DATE", "19 de marzo de 2031"),
        ("La riceverà il dott. Marco Rossi.", "PERSON", "dott. Marco Rossi"),
        ("Vous serez reçu par Mme Laurent.", "PERSON", "Mme Laurent"),
        ("Dr. Thomas Weber will see you.", "PERSON", "Dr. Thomas Weber"),
        ("Escriba a citas@otra-clinica.example.", "EMAIL", "citas@otra-clinica.example"),
        ("Prenoti su www.prenota-facile.example.", "URL", "www.prenota-facile.example"),
        (
            "I referti sono su portale.sanluca.example/archivio.",
            "URL",
            "portale.sanluca.example/archivio",
        ),
        ("Ci trova in Via dei Mille 26.", "ADDRESS", "Via dei Mille 26"),
        ("Venez au 8 rue de la Paix.", "ADDRESS", "8 rue de la Paix"),
        ("Gli studenti hanno uno sconto del 15%.", "PERCENTAGE", "15%"),
        ("Prenda la linea M3.", "CODE", "M3"),
        ("I referti sono pronti in 5 giorni.", "NUMBER", "5"),
    ],
)
def test_invented_facts_are_blocked(guard, draft, kind, span):
    verdict = check(guard, draft)
    assert not verdict.allowed
    assert [(f.type, draft[f.start : f.end]) for f in verdict.findings] == [
        (f"UNGROUNDED_{kind}", span)
    ]
    assert verdict.reason == f"ungrounded: {kind.lower()}"
    assert verdict.risk > 0


def test_a_bare_hour_is_the_morning_unless_the_reply_says_evening(guard):
    sources = ("Il venerdì chiudiamo alle 20:00.",)
    assert not check(guard, "Il venerdì chiudiamo alle 8.", sources).allowed
    assert check(guard, "Il venerdì chiudiamo alle 8 di sera.", sources).allowed
    assert check(guard, "On Fridays we close at 8 pm.", sources).allowed


@pytest.mark.parametrize(
    ("draft", "allowed"),
    [
        ("From 4 to 8 pm.", True),  # both in the afternoon
        ("De 4 a 8 de la tarde.", True),
        ("De 8.00 a 3:00 pm.", True),  # the 8 is in the morning
        ("From 4 to 8.", False),  # 4:00 and 8:00 in the morning are not in the source
    ],
)
def test_an_evening_mark_after_a_range_covers_both_ends(guard, draft, allowed):
    sources = ("Open 16:00-20:00 and 8:00-15:00.",)
    assert check(guard, draft, sources).allowed is allowed


def test_a_source_bare_hour_grounds_a_written_time(guard):
    sources = ("Le samedi, nous ouvrons de 8 à 12 heures.",)
    assert check(guard, "Le samedi : 8h00.", sources).allowed


def test_every_ungrounded_fact_gets_its_own_finding_and_the_reason_names_the_kinds(guard):
    draft = "Prenda 2 compresse alle 21:30 e chiami il 333 1234567; costa 80 EUR."
    verdict = check(guard, draft)
    assert not verdict.allowed
    assert [draft[f.start : f.end] for f in verdict.findings] == [
        "2 compresse",
        "21:30",
        "333 1234567",
    ]
    assert verdict.reason == "ungrounded: dosage, phone, time"
    assert "21:30" not in verdict.reason  # values never appear in the reason


@pytest.mark.parametrize("sources", [(), ("",), ("Nessun fatto qui.",)])
def test_without_sources_every_fact_is_ungrounded(guard, sources):
    verdict = check(guard, "Apriamo alle 8:00, la visita costa 50 €.", sources)
    assert not verdict.allowed
    assert verdict.reason == "ungrounded: price, time"


def test_a_reply_without_facts_needs_no_sources(guard):
    verdict = check(guard, "Buongiorno! Come posso aiutarla? 😊", ())
    assert verdict.allowed
    assert verdict.reason == "no facts to check"


@pytest.mark.parametrize("draft", [None, b"8:00", 42])
def test_unexpected_input_fails_closed(guard, draft):
    verdict = guard.check(draft, GuardContext(sources=SOURCES))  # type: ignore[arg-type]
    assert not verdict.allowed
    assert verdict.reason.startswith("could not decide")
    assert verdict.risk == 1.0


def test_odd_sources_are_skipped_not_fatal(guard):
    context = GuardContext(sources=(PASSAGE_IT, None, 3))  # type: ignore[arg-type]
    assert guard.check("Sabato dalle 8:00 alle 12:30.", context).allowed


@pytest.mark.parametrize(
    "draft",
    ["", "   \n", "\x00\x01", "<" * 5000, "1" * 5000, "€" * 300, "...:::///", "8" + "\u0301" * 10],
)
def test_odd_drafts_get_a_verdict(guard, draft):
    verdict = check(guard, draft)
    assert verdict.guard == "groundedness"
    assert all(0 <= f.start < f.end <= len(draft) for f in verdict.findings)


def test_context_sources_default_to_none():
    assert GuardContext().sources == ()


def test_numbers_match_across_separator_conventions():
    def values(text: str) -> set[str]:
        return {claim for fact in extract_facts(text) for claim in fact.claims}

    assert "number:1200" in values("1.200 pazienti") & values("1,200 patients") & values("1200")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("390255501234", "0255501234", True),  # +39 prefix, Italian numbers keep their 0
        ("33465712020", "0465712020", True),  # +33 prefix drops the trunk 0
        ("0255501234", "0255501235", False),
        ("12345678", "9912345678", True),
        ("12345678", "99999912345678", False),  # more than a country code in front
    ],
)
def test_same_phone(a, b, same):
    assert same_phone(a, b) is same


def test_checking_a_long_draft_against_eight_passages_is_fast(guard):
    passages = tuple(f"{PASSAGE_IT} Passaggio {i}." for i in range(8))
    draft = (PASSAGE_IT + " " + PASSAGE_EN)[:1500]
    context = GuardContext(sources=(*passages, PROFILE, PASSAGE_EN))
    assert guard.check(draft, context).allowed
    best = min(_elapsed(guard, draft, context) for _ in range(5))
    assert best < 0.02  # about 1 ms on a laptop; generous for a busy CI machine


def _elapsed(guard: GroundednessGuard, draft: str, context: GuardContext) -> float:
    start = time.perf_counter()
    guard.check(draft, context)
    return time.perf_counter() - start

"""Catch-all PHI recognizers: identifiers, past dates, names and addresses without a phrase."""

from __future__ import annotations

import datetime
from typing import Protocol

import pytest
from presidio_analyzer import RecognizerResult

from guardrails import GuardContext
from guardrails.phi_redaction import PhiRedactionGuard, resolve_overlaps
from guardrails.recognizers.address_tail import address_tail
from guardrails.recognizers.cued_name import CuedNameRecognizer
from guardrails.recognizers.id_shaped import IdShapedRecognizer
from guardrails.recognizers.keywordless_address import KeywordlessAddressRecognizer
from guardrails.recognizers.name_line import NameLineRecognizer
from guardrails.recognizers.past_date import PastDateRecognizer, cutoff_date

TODAY = datetime.date.today()


class TextRecognizer(Protocol):
    """The recognizers under test read the text only, never spaCy's artifacts."""

    supported_entities: list[str]

    def analyze(self, text: str, entities: list[str]) -> list[RecognizerResult]: ...


def found(recognizer: TextRecognizer, text: str) -> list[str]:
    results = recognizer.analyze(text, recognizer.supported_entities)
    return [text[r.start : r.end] for r in results]


# --- identifier-shaped numbers ---------------------------------------------------------

ID_SHAPED = [
    # letters inside the digits, after a phrase no list holds
    ("sul braccialetto c'era scritto 24OR001877", ["24OR001877"]),
    # a stay number with a dash
    ("n° accettazione 2611-004219 per ritirare", ["2611-004219"]),
    # an insurer's prefix and digit groups
    ("Subscriber # HMO 338 001 772 please", ["HMO 338 001 772"]),
    # "n." glued to the number stays out of the span
    ("n.0045821 ok", ["0045821"]),
    # two codes in one message
    ("AX-4471-22 e POL 88 1234 567", ["AX-4471-22", "POL 88 1234 567"]),
    # a label acronym before the digits is not part of the number
    ("my NHS number is NHS 943 476 5919", ["943 476 5919"]),
    # a trailing capital letter belongs to the number
    ("n° sociétaire 1874 402 K, vous la prenez ?", ["1874 402 K"]),
    # a code in lower case with four digits
    ("il codice è ab4471 grazie", ["ab4471"]),
]

NOT_ID_SHAPED = [
    # opening hours and ranges of times
    "aperti 8.30-12.30 e 14.30-18.30, sabato 08:00-12.30",
    # prices, with the currency before or after
    "costa 46,15 € e 1.500 euro o €12500, 4471823 lire",
    # quantities with their unit, with thousands separators or spaces
    "vitamina D 25.000 UI o 25 000 UI, 10000 steps",
    # years, a law, a reading, a tax form
    "dal 2019-2024, la legge 104/92, pressione 140/90, il 730/2025",
    # dates are for the date recognizers
    "nato il 12/03/1985 o 1985-03-12 o 12 03 1985",
    # a postcode before its town or after "cap"
    "abito a 20121 Milano, cap 20135",
    # short codes: rooms, masks, viruses
    "stanza B114, FFP2, COVID-19, H1N1",
    # e-mail and web addresses
    "mail chiara.valsecchi88@gmail.com o www.example.com/12345",
    # a word with a number, then another number
    "p99 213 ms",
]


@pytest.mark.parametrize(("text", "expected"), ID_SHAPED)
def test_identifier_shaped_numbers_are_found(text: str, expected: list[str]) -> None:
    assert found(IdShapedRecognizer(), text) == expected


@pytest.mark.parametrize("text", NOT_ID_SHAPED)
def test_numbers_of_things_are_not_identifiers(text: str) -> None:
    assert found(IdShapedRecognizer(), text) == []


# --- full dates years ago -----------------------------------------------------------------


def years_ago(years: int) -> int:
    return TODAY.year - years


PAST_DATES = [
    # numeric, day first, no birth phrase
    (f"mia mamma ha 82 anni (17.06.{years_ago(82)})", f"17.06.{years_ago(82)}"),
    # written month, French
    (f"pour mon fils (8 ans, 14 mars {years_ago(8)})", f"14 mars {years_ago(8)}"),
    # ordinal day and English month, on its own line
    (f"Lachlan Fairweather\n14th February {years_ago(68)}\n", f"14th February {years_ago(68)}"),
    # month first, US style
    (f"DOB February 14, {years_ago(40)}", f"February 14, {years_ago(40)}"),
    # Spanish "de ... de"
    (f"nació el 3 de marzo de {years_ago(30)}", f"3 de marzo de {years_ago(30)}"),
    # ISO
    (f"Bruno Cavazzuti, {years_ago(78)}-03-30", f"{years_ago(78)}-03-30"),
    # a two-digit year of the last century
    ("Patient DOB is 7/4/61", "7/4/61"),
    # an apostrophe year
    ("28 luglio '64", "28 luglio '64"),
]

KEPT_DATES = [
    # an appointment next year
    f"ho la risonanza il 3 febbraio {TODAY.year + 1} alle 8:40",
    # a date this year
    f"le rdv du 12/01/{TODAY.year} est maintenu ?",
    # a year ago: too recent to be a birth date
    f"il referto del {TODAY.day:02d}/{TODAY.month:02d}/{TODAY.year - 1}",
    # a month and a year, a year alone
    f"l'ultima volta a marzo {years_ago(3)}, classe '52, in {years_ago(5)}",
    # not a calendar date
    f"il 31/02/{years_ago(10)} o il 45/13/{years_ago(10)}",
]


@pytest.mark.parametrize(("text", "expected"), PAST_DATES)
def test_full_dates_years_ago_are_dates_of_birth(text: str, expected: str) -> None:
    assert found(PastDateRecognizer(), text) == [expected]


@pytest.mark.parametrize("text", KEPT_DATES)
def test_recent_and_future_dates_are_kept(text: str) -> None:
    assert found(PastDateRecognizer(), text) == []


def test_the_cutoff_is_counted_from_the_clock() -> None:
    assert cutoff_date(datetime.date(2026, 11, 23)) == datetime.date(2024, 11, 23)
    assert cutoff_date(datetime.date(2028, 2, 29)) == datetime.date(2026, 2, 28)


# --- names after a cue ------------------------------------------------------------------------

CUED_NAMES = [
    # who a booking is for
    ("la visita di domani è per Gino Ravasi o per mia moglie?", ["Gino Ravasi"]),
    ("c'est pour Maëlys Garnier-Leclerc, 6 ans", ["Maëlys Garnier-Leclerc"]),
    ("could you book the 4pm slot for Oisín Mulcahy please", ["Oisín Mulcahy"]),
    ("la cita del lunes es para Ximena Huamán Ccori, ¿a qué hora?", ["Ximena Huamán Ccori"]),
    # a greeting and "here", "aquí"
    ("Hi, Priya here again", ["Priya"]),
    ("hola, aquí Gorka, el de la rodilla", ["Gorka"]),
    # a bare pronoun, a patient without a colon
    ("io Tsegaye Bekele, etiope", ["Tsegaye Bekele"]),
    ("paziente M. T. Caruso, cell", ["M. T. Caruso"]),
    # what someone is called, in lower case too
    ("elle s'appelle Nour", ["Nour"]),
    ("mi mami se llama gladys quispe y tiene cita", ["gladys quispe"]),
    ("the name on it is A. K. Zhou", ["A. K. Zhou"]),
    ("and the name is Rutherford, Clyde", ["Rutherford, Clyde"]),
    # a doorbell, a family signature, a name label
    ("San Polo 2215, campanello Tessari, terzo piano", ["Tessari"]),
    ("A presto\nfam. Zambelli", ["Zambelli"]),
    ("Nom d'usage : VIDAL", ["VIDAL"]),
]

NOT_CUED_NAMES = [
    # towns, holidays, acronyms and drugs after "per"
    "il treno per Roma parte alle 9, per Natale siete aperti? per TAC e per favore",
    # a clinician after "for": kept for the question
    "any slot for Dr Shaw on Friday?",
    # titles and towns after greetings and "pour"
    "Bonjour Madame, c'est pour Paris",
    # a label that names a doctor, not the patient
    "Nome del medico: Rossi",
    # a greeting to the clinic
    "Buongiorno Dottoressa, per favore",
]


@pytest.mark.parametrize(("text", "expected"), CUED_NAMES)
def test_names_after_a_cue(text: str, expected: list[str]) -> None:
    assert found(CuedNameRecognizer(), text) == expected


@pytest.mark.parametrize("text", NOT_CUED_NAMES)
def test_words_after_a_cue_that_are_no_name(text: str) -> None:
    assert found(CuedNameRecognizer(), text) == []


# --- names alone on a line ----------------------------------------------------------------------

NAME_LINES = [
    # a signature with an initial, then an e-mail line
    ("Grazie mille, buona serata\nRosalba M.\nrosalba.mancuso@tiscali.it", ["Rosalba M."]),
    # after a dash
    ("Merci d'avance pour votre aide.\n— Fabrice L.", ["Fabrice L."]),
    # the first line of a pasted block
    ("Lachlan Fairweather\n14th February 1958\nrepeat prescription pls", ["Lachlan Fairweather"]),
]

NOT_NAME_LINES = [
    # closings and greetings
    "Grazie Mille\nBuona Giornata",
    # house names and streets of an address
    "we're at\nHillside Farm\nGlen Road",
    # a clinician's signature
    "Cordiali Saluti\nDott. Rossi",
    # one line only: signatures are for the name-list recognizer
    "Mario Rossi",
]


@pytest.mark.parametrize(("text", "expected"), NAME_LINES)
def test_a_name_alone_on_its_line(text: str, expected: list[str]) -> None:
    assert found(NameLineRecognizer(), text) == expected


@pytest.mark.parametrize("text", NOT_NAME_LINES)
def test_lines_that_are_not_names(text: str) -> None:
    assert found(NameLineRecognizer(), text) == []


# --- addresses without a street keyword or postcode --------------------------------------------

KEYWORDLESS_ADDRESSES = [
    # number first, French hamlet
    ("pour la visite : 7 La Giraudière, Brissac, merci", ["7 La Giraudière, Brissac"]),
    # number last, Spanish barrio
    ("estamos en Barrio La Estación 14, Torrelavega", ["Barrio La Estación 14, Torrelavega"]),
    # English, house name and town
    ("home visit: 88 Harbour View, Cairns", ["88 Harbour View, Cairns"]),
    # a farmstead, a town and its province
    (
        "abito a Cascina Malpaga 3, Cura Carpignano (PV)",
        ["Cascina Malpaga 3, Cura Carpignano (PV)"],
    ),
]

NOT_KEYWORDLESS_ADDRESSES = [
    # places inside a hospital
    "is the MRI in Building 2, room B114? Ward 12, Level 3",
    # a year, a holiday, a date
    "Natale 2025, Roma; il 12 Marzo, Milano",
    # a person and a number
    "sono Mario Rossi 3, Milano",
    # a flight, an exam
    "volo FR 1234, Bergamo; la Tac 3, Milano",
]


@pytest.mark.parametrize(("text", "expected"), KEYWORDLESS_ADDRESSES)
def test_addresses_without_keyword_or_postcode(text: str, expected: list[str]) -> None:
    assert found(KeywordlessAddressRecognizer(), text) == expected


@pytest.mark.parametrize("text", NOT_KEYWORDLESS_ADDRESSES)
def test_numbered_things_that_are_not_addresses(text: str) -> None:
    assert found(KeywordlessAddressRecognizer(), text) == []


ADDRESS_TAILS = [
    # floor and lower-case town at the end of the message
    (
        "calle ismael mayol 107, bajo, cáceres",
        "calle ismael mayol 107",
        "calle ismael mayol 107, bajo, cáceres",
    ),
    # the rest of a hyphenated town
    (
        "1 avenue Isaac Ferreira, Dijoux-sur-Girard",
        "1 avenue Isaac Ferreira, Dijoux",
        "1 avenue Isaac Ferreira, Dijoux-sur-Girard",
    ),
    # a capitalised town, then the sentence goes on
    ("via Roma 3, Milano, per la visita", "via Roma 3", "via Roma 3, Milano"),
    # a closing is not a town
    ("via Roma 3, grazie", "via Roma 3", "via Roma 3"),
]


@pytest.mark.parametrize(("text", "found_part", "expected"), ADDRESS_TAILS)
def test_the_rest_of_an_address(text: str, found_part: str, expected: str) -> None:
    assert text[: address_tail(text, len(found_part))] == expected


def test_an_address_tail_stops_before_the_next_finding() -> None:
    text = "via Gramsci 44, citofono Benedetti"
    assert address_tail(text, len("via Gramsci 44"), limit=text.index("Benedetti")) == len(
        "via Gramsci 44"
    )


# --- overlaps and the whole guard ---------------------------------------------------------------


def test_a_catch_all_number_widens_the_finding_that_wins_over_it() -> None:
    phone = RecognizerResult("PHONE_NUMBER", 4, 15, 0.6)  # "338 001 772" of "HMO 338 001 772"
    whole = RecognizerResult("ID_NUMBER", 0, 15, 0.55)
    [kept] = resolve_overlaps([whole, phone])
    assert (kept.entity_type, kept.start, kept.end) == ("PHONE_NUMBER", 0, 15)
    # overlapping two findings, it widens neither
    other = RecognizerResult("PERSON", 16, 20, 0.85)
    wide = RecognizerResult("ID_NUMBER", 0, 18, 0.55)
    kept_spans = [(r.start, r.end) for r in resolve_overlaps([wide, phone, other])]
    assert kept_spans == [(4, 15), (16, 20)]


GUARD_ROWS = [
    # a policy number cut at its first group is redacted whole
    (
        "en",
        "my Medicare card is 2953 51726 1, ok?",
        "my Medicare card is <INSURANCE_POLICY_1>, ok?",
    ),
    # a number after an unknown phrase
    ("fr", "n° de venue 2025-1184402", "n° de venue <ID_NUMBER_1>"),
    # a birth date with no birth phrase, an appointment next year kept
    (
        "it",
        f"mia mamma (17.06.{years_ago(82)}) ha la visita il 3/2/{TODAY.year + 1}",
        f"mia mamma (<DATE_OF_BIRTH_1>) ha la visita il 3/2/{TODAY.year + 1}",
    ),
    # a message with no word at all
    ("it", "333 1234567", "<PHONE_NUMBER_1>"),
    ("it", "👍", "👍"),
]


@pytest.mark.parametrize(("language", "text", "expected"), GUARD_ROWS)
def test_guard_redacts_with_the_catch_alls(
    phi_guard: PhiRedactionGuard, language: str, text: str, expected: str
) -> None:
    verdict = phi_guard.check(text, GuardContext(language=language, conversation_key="k"))
    assert verdict.text == expected


def test_a_code_from_the_approved_documents_is_kept(phi_guard: PhiRedactionGuard) -> None:
    text = "ho compilato il modulo MOD-2024-0071, va bene?"
    context = GuardContext(language="it", allow_list=frozenset({"MOD-2024-0071"}))
    assert phi_guard.check(text, context).text == text
    assert phi_guard.check(text, GuardContext(language="it")).text == (
        "ho compilato il modulo <ID_NUMBER_1>, va bene?"
    )


MORE_SHAPES = [
    # two name-like words after a weak introduction, in lower case
    ("es", "hola soy lucía ferrer nacida en marzo", "hola soy <PERSON_1> nacida en marzo"),
    # but not everyday words after it
    ("es", "soy muy feliz hoy", "soy muy feliz hoy"),
    ("it", "sono stanca morta oggi", "sono stanca morta oggi"),
    # French SMS introductions
    ("fr", "c moi nadia ouali pr la prise de sang", "c moi <PERSON_1> pr la prise de sang"),
    ("fr", "c bon pour demain", "c bon pour demain"),
    # a name in lower case at the start of a line, then a date of birth
    (
        "es",
        f"ana belén ruiz torres 12-08-{years_ago(43)} para la citología",
        "<PERSON_1> <DATE_OF_BIRTH_1> para la citología",
    ),
    # a child named after "my little girl"
    (
        "en",
        "my little girl Isla has had a rash since Sunday",
        "my little girl <PERSON_1> has had a rash since Sunday",
    ),
    # a courtesy title and form labels are not names
    (
        "fr",
        "Mme veuve Grandjean souhaite annuler",
        "Mme veuve <PERSON_1> souhaite annuler",
    ),
    # "née" after a surname is not part of it
    (
        "fr",
        "pour ma grand-mère Odette Le Gall née en 1936",
        "pour ma grand-mère <PERSON_1> née en 1936",
    ),
    # a verb after a strong introduction is not a name
    (
        "es",
        "el titular es mi marido Anselmo Ferrándiz",
        "el titular es mi marido <PERSON_1>",
    ),
    # addresses: a flat before the postcode, an Australian state, a province, a town on
    # the next line, Galician and Catalan street words
    (
        "fr",
        "j'habite Les Terrasses du Lac, appt 42, 74200 Thonon-les-Bains, merci",
        "j'habite <STREET_ADDRESS_1>, merci",
    ),
    ("en", "address: Unit 5, 88 Harbour View, Cairns QLD 4870", "address: <STREET_ADDRESS_1>"),
    (
        "it",
        "spedite in p.zza Garibaldi 8/B, Chiavari (GE) grazie",
        "spedite in <STREET_ADDRESS_1> grazie",
    ),
    (
        "es",
        "la dirección es Rúa do Franco 8, 15702\nSantiago",
        "la dirección es <STREET_ADDRESS_1>",
    ),
    (
        "es",
        "enviad la carta a Carrer de Sant Pere 22, 3r 1a, 08003 Barcelona que es donde vivo",
        "enviad la carta a <STREET_ADDRESS_1> que es donde vivo",
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), MORE_SHAPES)
def test_more_shapes_of_names_and_addresses(
    phi_guard: PhiRedactionGuard, language: str, text: str, expected: str
) -> None:
    verdict = phi_guard.check(text, GuardContext(language=language, conversation_key="k"))
    assert verdict.text == expected

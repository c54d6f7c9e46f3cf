"""PHI redaction guard: table tests, one commented row per case (LLM Guard style)."""

from __future__ import annotations

import logging

import pytest
from presidio_analyzer import RecognizerResult

from guardrails import Guard, GuardContext
from guardrails.phi_redaction import (
    ENTITIES,
    RECOGNIZERS,
    PhiRedactionGuard,
    _drop_allowed,
    normalize_value,
    placeholder_key,
    redact,
    resolve_overlaps,
)

REDACTED = [
    # --- Italian ---
    # name after "mi chiamo", capitalised
    ("it", "Buongiorno, mi chiamo Marco Rossi", "Buongiorno, mi chiamo <PERSON_1>"),
    # name after "mi chiamo", typed in lower case, cut at "e vorrei"
    (
        "it",
        "mi chiamo giulia bianchi e vorrei prenotare",
        "mi chiamo <PERSON_1> e vorrei prenotare",
    ),
    # name after "sono"
    (
        "it",
        "Salve, sono Luca Romano, ho una visita domani",
        "Salve, sono <PERSON_1>, ho una visita domani",
    ),
    # relative's name after "per conto di mia madre"
    (
        "it",
        "Chiamo per conto di mia madre Anna Esposito",
        "Chiamo per conto di mia madre <PERSON_1>",
    ),
    # valid codice fiscale (check char Y)
    (
        "it",
        "il mio codice fiscale è RSSMRA80A41H501Y",
        "il mio codice fiscale è <IT_FISCAL_CODE_1>",
    ),
    # valid codice fiscale typed in lower case
    ("it", "cf rssmra80a41h501y", "cf <IT_FISCAL_CODE_1>"),
    # omocodia variant (last digit 1 -> M) with its own check char
    ("it", "codice RSSMRA80A41H50MQ", "codice <IT_FISCAL_CODE_1>"),
    # Italian mobile without country code
    ("it", "il mio cellulare è 333 1234567", "il mio cellulare è <PHONE_NUMBER_1>"),
    # Italian landline with +39
    ("it", "richiamatemi al +39 06 6994 1234", "richiamatemi al <PHONE_NUMBER_1>"),
    # email
    ("it", "scrivetemi a mario.rossi@libero.it", "scrivetemi a <EMAIL_ADDRESS_1>"),
    # IBAN with valid check digits
    (
        "it",
        "IBAN IT60X0542811101000000123456 per il rimborso",
        "IBAN <IBAN_CODE_1> per il rimborso",
    ),
    # --- French ---
    # name after "je m'appelle"
    ("fr", "Bonjour, je m'appelle Marie Dupont", "Bonjour, je m'appelle <PERSON_1>"),
    # lower-case name after "je m appelle" (no apostrophe)
    ("fr", "je m appelle julien martin", "je m appelle <PERSON_1>"),
    # French mobile
    ("fr", "mon numéro est le 06 12 34 56 78", "mon numéro est le <PHONE_NUMBER_1>"),
    # NIR with valid key 46, written in groups
    ("fr", "numéro de sécu 1 84 12 76 451 089 46", "numéro de sécu <FR_NIR_1>"),
    # NIR born in Corsica (2A), valid key 14
    ("fr", "mon NIR est 269052A004123 14", "mon NIR est <FR_NIR_1>"),
    # email
    ("fr", "mon mail: claire.petit@orange.fr", "mon mail: <EMAIL_ADDRESS_1>"),
    # email at a reserved domain (not a public suffix): still an address
    ("fr", "écrivez à camille.laurent@orange.example", "écrivez à <EMAIL_ADDRESS_1>"),
    # email with a typo in the top-level domain
    ("it", "scrivetemi a mario.rossi@gmail.con", "scrivetemi a <EMAIL_ADDRESS_1>"),
    # --- Spanish ---
    # name after "me llamo"
    ("es", "Hola, me llamo Lucía Fernández", "Hola, me llamo <PERSON_1>"),
    # name after "soy"
    (
        "es",
        "Buenas, soy Carlos García y quiero pedir cita",
        "Buenas, soy <PERSON_1> y quiero pedir cita",
    ),
    # DNI with valid letter (12345678 mod 23 = 14 -> Z)
    ("es", "mi DNI es 12345678Z", "mi DNI es <ES_DNI_NIE_1>"),
    # NIE with valid letter (X -> 0)
    ("es", "mi NIE es X1234567L", "mi NIE es <ES_DNI_NIE_1>"),
    # Spanish mobile
    ("es", "mi móvil es 612 345 678", "mi móvil es <PHONE_NUMBER_1>"),
    # Spanish landline with +34
    ("es", "llamadme al +34 912 345 678", "llamadme al <PHONE_NUMBER_1>"),
    # --- English ---
    # name after "my name is"
    ("en", "Hi, my name is John Smith", "Hi, my name is <PERSON_1>"),
    # name after "I'm"
    ("en", "I'm Sarah Connor, can I book a visit?", "I'm <PERSON_1>, can I book a visit?"),
    # UK mobile, international format
    ("en", "call me on +44 7911 123456", "call me on <PHONE_NUMBER_1>"),
    # UK mobile, national format
    ("en", "my number is 07911 123456", "my number is <PHONE_NUMBER_1>"),
    # US number
    ("en", "my phone is (212) 555-0198", "my phone is <PHONE_NUMBER_1>"),
    # Swiss number
    ("en", "reach me at +41 44 668 18 00", "reach me at <PHONE_NUMBER_1>"),
    # German number
    ("en", "my cell is +49 30 901820", "my cell is <PHONE_NUMBER_1>"),
    # Luhn-valid test card
    ("en", "card 4111 1111 1111 1111", "card <CREDIT_CARD_1>"),
    # US SSN with context
    ("en", "my ssn is 536-90-4399", "my ssn is <US_SSN_1>"),
    # two types, numbered in reading order
    (
        "en",
        "I'm Tom Baker, email tom.baker@example.com, phone +44 7911 123456",
        "I'm <PERSON_1>, email <EMAIL_ADDRESS_1>, phone <PHONE_NUMBER_1>",
    ),
    # US number with area code, dashed
    ("en", "call me at (415) 555-0134", "call me at <PHONE_NUMBER_1>"),
    # UK mobile, national format
    ("en", "mobile 07700 900123", "mobile <PHONE_NUMBER_1>"),
    # Swiss mobile with +41
    ("fr", "mon portable +41 79 123 45 67", "mon portable <PHONE_NUMBER_1>"),
    # German mobile, national format
    ("en", "Handy 0151 23456789", "Handy <PHONE_NUMBER_1>"),
    # SSN that Presidio's own recognizer refuses (the SSA's sample number)
    ("en", "ssn 123-45-6789 thanks", "ssn <US_SSN_1> thanks"),
    # nine bare digits after "social security number": an SSN, not a phone
    (
        "en",
        "my social security number is 123456789",
        "my social security number is <US_SSN_1>",
    ),
    # IBAN in lower case, groups of four
    ("it", "iban it60 x054 2811 1010 0000 0123 456", "iban <IBAN_CODE_1>"),
    # card with dashes
    ("en", "card 4111-1111-1111-1111 exp 12/27", "card <CREDIT_CARD_1> exp 12/27"),
    # tessera sanitaria, written in groups
    (
        "it",
        "la mia tessera sanitaria è 80380 00000 12345 67896",
        "la mia tessera sanitaria è <IT_HEALTH_CARD_1>",
    ),
    # codice fiscale, omocodia and lower case
    ("it", "codice fiscale rssmra80a41h50mq", "codice fiscale <IT_FISCAL_CODE_1>"),
    # NIR born in Corsica (2B counts as 18), spaced
    ("fr", "sécu 1 85 03 2B 012 345 74", "sécu <FR_NIR_1>"),
    # date of birth, numeric and written, in each language
    ("it", "sono nata il 12/03/1985", "sono nata il <DATE_OF_BIRTH_1>"),
    ("it", "data di nascita 12 marzo 1985", "data di nascita <DATE_OF_BIRTH_1>"),
    ("fr", "née le 3 mars 1990", "née le <DATE_OF_BIRTH_1>"),
    ("en", "date of birth: March 3, 1990", "date of birth: <DATE_OF_BIRTH_1>"),
    ("es", "nacido el 3 de marzo de 1990", "nacido el <DATE_OF_BIRTH_1>"),
    # the date of birth goes, the appointment date stays
    (
        "it",
        "nato il 12-3-85, ho appuntamento il 14 aprile alle 9",
        "nato il <DATE_OF_BIRTH_1>, ho appuntamento il 14 aprile alle 9",
    ),
    # street addresses
    (
        "it",
        "abito in via G. Verdi 5, 20121 milano",
        "abito in <STREET_ADDRESS_1>",
    ),
    ("fr", "j'habite 12 rue de la paix 75002 paris", "j'habite <STREET_ADDRESS_1>"),
    ("es", "vivo en calle mayor 5, 28013 madrid", "vivo en <STREET_ADDRESS_1>"),
    ("en", "I live at 221b baker street", "I live at <STREET_ADDRESS_1>"),
    ("en", "send it to 10 Downing St, London SW1A 2AA", "send it to <STREET_ADDRESS_1>"),
    # a street named after a person is an address, not a person
    ("it", "abito in via Giuseppe Verdi 5", "abito in <STREET_ADDRESS_1>"),
    # medical record numbers
    ("en", "MRN 4471823", "MRN <MEDICAL_RECORD_NUMBER_1>"),
    ("it", "n. cartella 2023/55812", "n. cartella <MEDICAL_RECORD_NUMBER_1>"),
    ("fr", "numéro de dossier 88123", "numéro de dossier <MEDICAL_RECORD_NUMBER_1>"),
    ("es", "nº de historia 665432", "nº de historia <MEDICAL_RECORD_NUMBER_1>"),
    # insurance policies (9 digits after "polizza": a policy, not a phone number)
    ("it", "numero polizza 123456789", "numero polizza <INSURANCE_POLICY_1>"),
    ("fr", "police n° 44 551 223", "police n° <INSURANCE_POLICY_1>"),
    ("en", "policy number GHP-2231-889", "policy number <INSURANCE_POLICY_1>"),
    ("es", "poliza 55-889-12", "poliza <INSURANCE_POLICY_1>"),
    # lower-case names from the name lists
    (
        "it",
        "buongiorno sono marco rossi, vorrei spostare la visita",
        "buongiorno sono <PERSON_1>, vorrei spostare la visita",
    ),
    (
        "es",
        "quiero pedir cita para mi hijo pablo martinez",
        "quiero pedir cita para mi hijo <PERSON_1>",
    ),
    (
        "it",
        "ciao sono chiara, posso cambiare orario?",
        "ciao sono <PERSON_1>, posso cambiare orario?",
    ),
]

WRONG_CHECK_DIGITS = [
    # codice fiscale with a wrong check char (Y is right)
    ("it", "il mio codice fiscale è RSSMRA80A41H501X", "RSSMRA80A41H501X"),
    # DNI with a wrong letter (Z is right)
    ("es", "mi DNI es 12345678A", "12345678A"),
    # NIE with a wrong letter (L is right)
    ("es", "mi NIE es X1234567M", "X1234567M"),
    # NIR with a wrong key (46 is right)
    ("fr", "numéro de sécu 1 84 12 76 451 089 47", "1 84 12 76 451 089 47"),
    # card number failing Luhn
    ("en", "card 4111 1111 1111 1112", "4111 1111 1111 1112"),
    # IBAN with wrong check digits
    ("it", "IBAN IT61X0542811101000000123456", "IT61X0542811101000000123456"),
    # tessera sanitaria with a wrong Luhn digit (6 is right)
    ("it", "tessera sanitaria 80380000001234567897", "80380000001234567897"),
    # SSN with a never-issued group 00 (a never-issued area such as 666-12-3456
    # can still be a valid US phone number, and is redacted as one)
    ("en", "my ssn is 123-00-3456", "123-00-3456"),
]

NOT_REDACTED = [
    # a date with no birth context, in the future
    ("it", "nata a roma, ho la visita il 12 marzo"),
    # an amount of money, however many digits
    ("it", "il totale è 4471823 lire"),
    # an "address" whose top-level label has digits
    ("en", "ping user@10.0.0.1 please"),
]

ADMIN_QUESTIONS = [
    # --- English ---
    ("en", "What are your opening hours on Saturday?"),
    ("en", "Do you accept Visa or Mastercard?"),
    ("en", "Is Dr. appointment needed for a blood test on Monday morning?"),
    ("en", "Where is the clinic in London and is there parking?"),
    ("en", "How much does a cardiology visit cost in December?"),
    # --- Italian ---
    ("it", "A che ora aprite il sabato?"),
    ("it", "Buongiorno, volevo prenotare una visita cardiologica"),
    ("it", "Quanto costa un'ecografia all'addome a Milano?"),
    ("it", "Siete aperti a Natale e a Ferragosto?"),
    ("it", "Serve l'impegnativa del medico per le analisi del sangue?"),
    # --- French ---
    ("fr", "Bonjour, êtes-vous ouverts le samedi matin ?"),
    ("fr", "Combien coûte une consultation de dermatologie à Paris ?"),
    ("fr", "Faut-il une ordonnance pour une prise de sang lundi ?"),
    ("fr", "Est-ce que vous prenez la carte Vitale ?"),
    ("fr", "Merci, bonne journée"),
    # --- Spanish ---
    ("es", "¿A qué hora abren el sábado?"),
    ("es", "Buenos días, quería pedir una cita con cardiología"),
    ("es", "¿Cuánto cuesta una ecografía en Madrid?"),
    ("es", "¿Necesito volante del médico para el análisis de sangre?"),
    ("es", "¿Abren en Navidad o en Semana Santa?"),
    # --- hard negatives: dates, times, floors, prices, ages, weekdays ---
    ("it", "ho appuntamento il 12 marzo alle 10:30"),
    ("it", "radiologia al secondo piano"),
    ("it", "la visita costa 80 euro"),
    ("it", "ho 45 anni"),
    ("it", "siete aperti domenica mattina?"),
    ("it", "posso mandare l'impegnativa via whatsapp 2 volte?"),
    ("fr", "rdv le 3 mars, c'est possible ?"),
    ("en", "my appointment on March 3 at 10am"),
    ("en", "Will the results be ready by May?"),
    ("es", "tengo dolores de cabeza desde el lunes"),
    ("es", "tengo cita el 3 de marzo a las 9"),
]


@pytest.mark.parametrize(("language", "text", "expected"), REDACTED)
def test_identifiers_are_redacted(
    phi_guard: PhiRedactionGuard, language: str, text: str, expected: str
) -> None:
    verdict = phi_guard.check(text, GuardContext(language=language, conversation_key="k"))
    assert verdict.text == expected
    assert verdict.allowed is True
    assert verdict.risk >= 0.5
    assert verdict.findings


@pytest.mark.parametrize(("language", "text", "value"), WRONG_CHECK_DIGITS)
def test_a_wrong_check_digit_is_not_the_national_type_but_still_redacted(
    phi_guard: PhiRedactionGuard, language: str, text: str, value: str
) -> None:
    # a mistyped identifier is still the patient's: only the catch-all type says so
    verdict = phi_guard.check(text, GuardContext(language=language, conversation_key="k"))
    assert value not in verdict.text
    assert {finding.type for finding in verdict.findings} == {"ID_NUMBER"}


@pytest.mark.parametrize(("language", "text"), NOT_REDACTED)
def test_numbers_and_dates_that_are_not_identifiers_are_kept(
    phi_guard: PhiRedactionGuard, language: str, text: str
) -> None:
    verdict = phi_guard.check(text, GuardContext(language=language, conversation_key="k"))
    assert verdict.text == text


@pytest.mark.parametrize(("language", "text"), ADMIN_QUESTIONS)
def test_admin_questions_come_out_unchanged(
    phi_guard: PhiRedactionGuard, language: str, text: str
) -> None:
    verdict = phi_guard.check(text, GuardContext(language=language, conversation_key="k"))
    assert verdict.text == text
    assert verdict.findings == ()
    assert verdict.risk == 0.0


def test_guard_satisfies_the_protocol(phi_guard: PhiRedactionGuard) -> None:
    assert isinstance(phi_guard, Guard)
    assert phi_guard.name == "phi_redaction"


def test_verdict_offsets_point_into_the_original_text(phi_guard: PhiRedactionGuard) -> None:
    text = "mi chiamo Marco Rossi, cell 333 1234567"
    verdict = phi_guard.check(text, GuardContext(language="it", conversation_key="k"))
    spans = {(f.type, text[f.start : f.end]) for f in verdict.findings}
    assert spans == {("PERSON", "Marco Rossi"), ("PHONE_NUMBER", "333 1234567")}
    assert verdict.reason == "redacted 2 identifier(s): PERSON, PHONE_NUMBER"


def test_placeholders_are_stable_across_turns(phi_guard: PhiRedactionGuard) -> None:
    context = GuardContext(language="it", conversation_key="conversation-1")
    first = phi_guard.check("mi chiamo Marco Rossi, cell 333 1234567", context)
    # same person and same phone written differently, plus a new person
    second = phi_guard.check(
        "ripeto, mi chiamo marco rossi, il numero è 3331234567; "
        "chiamo per conto di mia madre Anna Rossi",
        context,
    )
    assert first.text == "mi chiamo <PERSON_1>, cell <PHONE_NUMBER_1>"
    assert second.text == (
        "ripeto, mi chiamo <PERSON_1>, il numero è <PHONE_NUMBER_1>; "
        "chiamo per conto di mia madre <PERSON_2>"
    )
    assert sorted(context.placeholders.values()) == ["<PERSON_1>", "<PERSON_2>", "<PHONE_NUMBER_1>"]


def test_placeholder_store_holds_keyed_hashes_not_values(phi_guard: PhiRedactionGuard) -> None:
    context = GuardContext(language="it", conversation_key="secret")
    phi_guard.check("il mio codice fiscale è RSSMRA80A41H501Y", context)
    key = placeholder_key("IT_FISCAL_CODE", "rssmra80a41h501y", "secret")
    assert context.placeholders == {key: "<IT_FISCAL_CODE_1>"}
    assert all("RSSMRA" not in k.upper() for k in context.placeholders)
    # another conversation key gives another hash for the same value
    assert placeholder_key("IT_FISCAL_CODE", "RSSMRA80A41H501Y", "other") != key


def test_allow_list_is_never_redacted(phi_guard: PhiRedactionGuard) -> None:
    context = GuardContext(
        language="it",
        conversation_key="k",
        # clinic vocabulary: a staff name and the clinic phone
        allow_list=frozenset({"Giulia Ferri", "+39 02 1234567"}),
    )
    text = "Mi chiamo Marco Rossi, posso parlare con giulia ferri? Ho chiamato il +39 02 1234567"
    verdict = phi_guard.check(text, context)
    assert verdict.text == (
        "Mi chiamo <PERSON_1>, posso parlare con giulia ferri? Ho chiamato il +39 02 1234567"
    )


@pytest.mark.parametrize(
    ("clinic", "written", "language"),
    [
        ("+39 02 5550 1234", "0255501234", "it"),
        ("+39 02 5550 1234", "02-55501234", "it"),
        ("+39 02 5550 1234", "0039 02 5550 1234", "it"),
        ("+33 4 65 71 20 20", "04 65 71 20 20", "fr"),
        ("+34 96 555 0180", "965 550 180", "es"),
    ],
)
def test_the_clinic_number_written_another_way_survives(
    phi_guard: PhiRedactionGuard, clinic: str, written: str, language: str
) -> None:
    context = GuardContext(language=language, conversation_key="k", allow_list=frozenset({clinic}))
    text = f"ho chiamato il {written} ma nessuno risponde, il mio è il 333 1234567"
    verdict = phi_guard.check(text, context)
    assert written in verdict.text
    assert "333 1234567" not in verdict.text


def test_allow_listed_staff_name_survives(phi_guard: PhiRedactionGuard) -> None:
    text = "c'è la dott.ssa Laura Bianchi giovedì?"
    # a clinician's name is not the patient's: it stays even without the allow-list
    plain = phi_guard.check(text, GuardContext(language="it", conversation_key="k"))
    assert plain.text == text
    staff = frozenset({"Laura Bianchi", "Bianchi"})
    allowed = phi_guard.check(
        text, GuardContext(language="it", conversation_key="k", allow_list=staff)
    )
    assert allowed.text == text
    # the surname alone, as patients write it
    short = "c'è la dott.ssa Bianchi giovedì?"
    context = GuardContext(language="it", conversation_key="k", allow_list=staff)
    assert phi_guard.check(short, context).text == short


def test_clinic_address_survives_only_when_allow_listed(phi_guard: PhiRedactionGuard) -> None:
    text = "siete in via dei Mille 24?"
    plain = phi_guard.check(text, GuardContext(language="it", conversation_key="k"))
    assert plain.text == "siete in <STREET_ADDRESS_1>?"
    # the clinic profile has the full address; the patient types part of it
    clinic = frozenset({"Via dei Mille 24, 20129 Milano"})
    allowed = phi_guard.check(
        text, GuardContext(language="it", conversation_key="k", allow_list=clinic)
    )
    assert allowed.text == text
    # another house number on the same street is not the clinic's
    other = phi_guard.check(
        "abito in via dei Mille 240",
        GuardContext(language="it", conversation_key="k", allow_list=clinic),
    )
    assert other.text == "abito in <STREET_ADDRESS_1>"


def test_allow_listed_address_keeps_the_name_inside_it(phi_guard: PhiRedactionGuard) -> None:
    context = GuardContext(
        language="it", conversation_key="k", allow_list=frozenset({"via Giuseppe Verdi 5"})
    )
    text = "la sede è in via Giuseppe Verdi 5, io sono Marco Rossi"
    verdict = phi_guard.check(text, context)
    assert verdict.text == "la sede è in via Giuseppe Verdi 5, io sono <PERSON_1>"


def test_findings_inside_an_allow_listed_span_are_dropped() -> None:
    text = "sede: via Verdi 5"
    address = RecognizerResult("STREET_ADDRESS", 6, 17, 0.9)
    person = RecognizerResult("PERSON", 10, 15, 0.85)  # "Verdi" alone is not allow-listed
    phone = RecognizerResult("PHONE_NUMBER", 0, 4, 0.6)  # outside the address
    kept = _drop_allowed(text, [address, person, phone], frozenset({"via Verdi 5"}))
    assert kept == [phone]
    # with no allow-list nothing is dropped
    assert _drop_allowed(text, [address, person], frozenset()) == [address, person]


def test_entity_types_are_the_dataset_names_and_the_catch_all() -> None:
    assert "ID_NUMBER" in ENTITIES  # numbers shaped like an identifier, no dataset label
    assert set(ENTITIES) - {"ID_NUMBER"} == {
        "PERSON",
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "IBAN_CODE",
        "CREDIT_CARD",
        "US_SSN",
        "IT_FISCAL_CODE",
        "IT_HEALTH_CARD",
        "ES_DNI_NIE",
        "FR_NIR",
        "DATE_OF_BIRTH",
        "STREET_ADDRESS",
        "MEDICAL_RECORD_NUMBER",
        "INSURANCE_POLICY",
    }


def test_every_entity_type_has_a_recognizer_in_every_language() -> None:
    for language in ("it", "fr", "en", "es"):
        supported = {
            entity
            for factory in RECOGNIZERS.values()
            for entity in factory(language).supported_entities
        }
        assert supported == set(ENTITIES), language


@pytest.mark.parametrize(
    ("entity", "first", "second"),
    [
        # separators and case do not make another identifier
        ("IT_HEALTH_CARD", "80380 00000 12345 67896", "80380000001234567896"),
        ("IBAN_CODE", "it60 x054 2811 1010 0000 0123 456", "IT60X0542811101000000123456"),
        ("INSURANCE_POLICY", "GHP-2231-889", "ghp 2231 889"),
        ("MEDICAL_RECORD_NUMBER", "2023/55812", "2023 55812"),
        # words stay words: only case, accents and spacing are normalised
        ("STREET_ADDRESS", "Via Roma 12", "via  roma 12"),
        ("DATE_OF_BIRTH", "12 Marzo 1985", "12 marzo 1985"),
    ],
)
def test_same_identifier_written_differently(entity: str, first: str, second: str) -> None:
    assert normalize_value(entity, first) == normalize_value(entity, second)


def test_words_of_addresses_and_dates_are_not_glued() -> None:
    # "via roma 12" and "viaroma12" are compared as words, not as characters
    assert normalize_value("STREET_ADDRESS", "via roma 12") == "via roma 12"
    assert normalize_value("DATE_OF_BIRTH", "3 de marzo de 1990") == "3 de marzo de 1990"


def test_overlap_ties_go_to_the_more_specific_type() -> None:
    phone = RecognizerResult("PHONE_NUMBER", 0, 9, 1.0)
    policy = RecognizerResult("INSURANCE_POLICY", 0, 9, 1.0)
    for order in ([phone, policy], [policy, phone]):
        assert [r.entity_type for r in resolve_overlaps(order)] == ["INSURANCE_POLICY"]
    # a higher score still wins over a more specific type
    person = RecognizerResult("PERSON", 0, 9, 0.9)
    address = RecognizerResult("STREET_ADDRESS", 0, 9, 0.85)
    assert [r.entity_type for r in resolve_overlaps([address, person])] == ["PERSON"]


SECRETS = [
    ("it", "mi chiamo marco rossi, nato il 12/03/1985, abito in via roma 12", ["marco", "12/03"]),
    ("it", "tessera 80380000001234567896, cf RSSMRA80A41H501Y", ["8038000000", "RSSMRA"]),
    ("en", "MRN 4471823, policy number GHP-2231-889, ssn 123-45-6789", ["4471823", "GHP-2231"]),
    ("fr", "je suis claire dubois, née le 3 mars 1990", ["dubois", "3 mars 1990"]),
]


@pytest.mark.parametrize(("language", "text", "secrets"), SECRETS)
def test_redaction_logs_no_patient_text(
    phi_guard: PhiRedactionGuard,
    caplog: pytest.LogCaptureFixture,
    language: str,
    text: str,
    secrets: list[str],
) -> None:
    with caplog.at_level(logging.DEBUG):
        verdict = phi_guard.check(text, GuardContext(language=language, conversation_key="k"))
    assert all(secret not in verdict.text for secret in secrets)
    assert all(secret not in caplog.text for secret in secrets)
    # Presidio logs the words around a finding at DEBUG: its loggers stay at WARNING
    for name in ("presidio-analyzer", "presidio-anonymizer"):
        assert logging.getLogger(name).getEffectiveLevel() >= logging.WARNING


def test_reason_never_contains_values(phi_guard: PhiRedactionGuard) -> None:
    text = "my name is John Smith, email john@example.com"
    verdict = phi_guard.check(text, GuardContext(language="en", conversation_key="k"))
    assert "John" not in verdict.reason and "john@" not in verdict.reason


def test_unknown_language_falls_back_to_english(phi_guard: PhiRedactionGuard) -> None:
    verdict = phi_guard.redact("my name is John Smith", "de", GuardContext(conversation_key="k"))
    assert verdict.text == "my name is <PERSON_1>"


def test_module_level_redact_matches_the_guard() -> None:
    verdict = redact("me llamo Pablo Sánchez", "es", GuardContext(conversation_key="k"))
    assert verdict.text == "me llamo <PERSON_1>"
    assert verdict.guard == "phi_redaction"


def test_unknown_entity_type_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown entity"):
        PhiRedactionGuard(entities=("DATE_TIME",))

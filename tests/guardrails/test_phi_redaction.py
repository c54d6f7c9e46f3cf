"""PHI redaction guard: table tests, one commented row per case (LLM Guard style)."""

from __future__ import annotations

import pytest

from guardrails import Guard, GuardContext
from guardrails.phi_redaction import PhiRedactionGuard, placeholder_key, redact

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
]

NOT_REDACTED = [
    # codice fiscale with a wrong check char (Y is right)
    ("it", "il mio codice fiscale è RSSMRA80A41H501X"),
    # DNI with a wrong letter (Z is right)
    ("es", "mi DNI es 12345678A"),
    # NIE with a wrong letter (L is right)
    ("es", "mi NIE es X1234567M"),
    # NIR with a wrong key (46 is right)
    ("fr", "numéro de sécu 1 84 12 76 451 089 47"),
    # card number failing Luhn
    ("en", "card 4111 1111 1111 1112"),
    # IBAN with wrong check digits
    ("it", "IBAN IT61X0542811101000000123456"),
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


@pytest.mark.parametrize(("language", "text"), NOT_REDACTED)
def test_invalid_check_characters_are_not_redacted(
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

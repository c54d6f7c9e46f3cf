"""The PHI leak guard: a draft reply must carry no patient identifier."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from guardrails.base import Finding, GuardContext
from guardrails.phi_leak import PhiLeakGuard
from guardrails.phi_redaction import PhiRedactionGuard

CLINIC = frozenset(
    {
        "Poliambulatorio San Luca",
        "+39 02 5550 1234",
        "info@sanluca.example",
        "Via dei Mille 24, 20129 Milano",
        "Elena Marchetti",
        "Marchetti",
    }
)


@pytest.fixture(scope="module")
def guard(phi_guard: PhiRedactionGuard) -> PhiLeakGuard:
    return PhiLeakGuard.from_redactor(phi_guard)


def check(guard: PhiLeakGuard, draft: str, language: str, **context: object):
    return guard.check(draft, GuardContext(language=language, allow_list=CLINIC, **context))


@pytest.mark.parametrize(
    ("language", "draft", "leaked", "kind"),
    [
        ("it", "Gentile Mario Rossi, la visita è confermata per lunedì.", "Mario Rossi", "PERSON"),
        ("it", "La richiameremo al 333 123 4567 entro sera.", "333 123 4567", "PHONE_NUMBER"),
        (
            "it",
            "Il codice fiscale RSSMRA80A01H501U è registrato.",
            "RSSMRA80A01H501U",
            "IT_FISCAL_CODE",
        ),
        (
            "fr",
            "Bonjour Camille Dubois, votre rendez-vous est confirmé.",
            "Camille Dubois",
            "PERSON",
        ),
        ("fr", "Nous vous rappellerons au 06 12 34 56 78.", "06 12 34 56 78", "PHONE_NUMBER"),
        ("en", "Dear John Smith, your appointment is confirmed.", "John Smith", "PERSON"),
        (
            "en",
            "We will write to john.smith@example.com.",
            "john.smith@example.com",
            "EMAIL_ADDRESS",
        ),
        ("es", "Hola María García, su cita está confirmada.", "María García", "PERSON"),
        ("es", "Su DNI 12345678Z ha sido registrado.", "12345678Z", "ES_DNI_NIE"),
    ],
)
def test_a_patient_identifier_in_the_draft_is_blocked(guard, language, draft, leaked, kind):
    verdict = check(guard, draft, language)
    assert not verdict.allowed
    assert [(f.type, draft[f.start : f.end]) for f in verdict.findings] == [(kind, leaked)]
    assert verdict.reason == f"phi leak: {kind}"
    assert leaked not in verdict.reason
    assert verdict.risk > 0


@pytest.mark.parametrize(
    ("language", "draft"),
    [
        ("it", "Gentile <PERSON_1>, la richiameremo al <PHONE_NUMBER_1>."),
        ("fr", "Bonjour <PERSON_1> ! Le samedi nous ouvrons de 8h à 12h30."),
        ("en", "Dear <PERSON_2>, we wrote to <EMAIL_ADDRESS_1>."),
        ("es", "Hola <PERSON_1>, su cita con <PERSON_3> está confirmada."),
    ],
)
def test_placeholders_are_not_leaks(guard, language, draft):
    verdict = check(guard, draft, language)
    assert verdict.allowed, verdict.findings
    assert verdict.reason == "no patient identifiers"


@pytest.mark.parametrize(
    ("language", "draft"),
    [
        # The clinic's number written another way than in the allow-list.
        ("it", "Per informazioni chiami lo 02 5550 1234 o scriva a info@sanluca.example."),
        ("fr", "Appelez le 0039 02 5550 1234."),
        ("en", "Our front desk is at Via dei Mille 24, Milan; call +39 02 5550 1234."),
        # Staff names are clinic vocabulary.
        ("it", "La direttrice sanitaria è la dott.ssa Elena Marchetti."),
        ("es", "La dottoressa Marchetti responde a las reclamaciones."),
    ],
)
def test_the_clinics_own_contacts_and_staff_are_not_leaks(guard, language, draft):
    verdict = check(guard, draft, language)
    assert verdict.allowed, verdict.findings


def test_words_from_the_sources_are_not_leaks(guard):
    draft = "Dear Laura Bianchi, the Lambrate Site is open from 8:30."
    source = "Lambrate Site: Via delle Magnolie 15. Nutritionist: Laura Bianchi."
    assert not check(guard, draft, "en").allowed
    assert check(guard, draft, "en", sources=(source,)).allowed


def test_a_patient_name_next_to_a_placeholder_is_still_a_leak(guard):
    draft = "Gentile <PERSON_1>, abbiamo avvisato anche Giulia Bianchi."
    verdict = check(guard, draft, "it")
    assert not verdict.allowed
    assert [draft[f.start : f.end] for f in verdict.findings] == ["Giulia Bianchi"]


def test_checking_a_draft_numbers_no_new_placeholder(guard):
    context = GuardContext(language="it", allow_list=CLINIC, placeholders={"k": "<PERSON_1>"})
    guard.check("Gentile Mario Rossi, a presto.", context)
    assert context.placeholders == {"k": "<PERSON_1>"}


# Fake detectors: the guard's own filtering, without loading spaCy.


def fake_detect(*findings: tuple[str, int, int]):
    def detect(text: str, language: str, allow_list: frozenset[str]) -> Sequence[Finding]:
        return [
            Finding(type=kind, start=start, end=end, score=0.85) for kind, start, end in findings
        ]

    return detect


def test_findings_that_are_only_a_placeholder_are_dropped():
    draft = "Gentile <PERSON_1>, a presto."
    guard = PhiLeakGuard(detect=fake_detect(("PERSON", 8, 18), ("PERSON", 9, 15)))
    assert guard.check(draft, GuardContext(language="it")).allowed


def test_the_detector_never_sees_placeholders():
    seen: list[str] = []

    def detect(text: str, language: str, allow_list: frozenset[str]) -> Sequence[Finding]:
        seen.append(text)
        return []

    draft = "Gentile <PERSON_1>, chiamiamo il <PHONE_NUMBER_1>."
    PhiLeakGuard(detect=detect).check(draft, GuardContext(language="it"))
    assert seen == ["Gentile           , chiamiamo il                 ."]
    assert len(seen[0]) == len(draft)  # offsets still point into the draft


def test_allow_listed_values_are_dropped_even_if_the_detector_reports_them():
    draft = "Chiami lo 02-5550-1234 o Elena Marchetti."
    guard = PhiLeakGuard(detect=fake_detect(("PHONE_NUMBER", 10, 22), ("PERSON", 25, 40)))
    assert guard.check(draft, GuardContext(language="it", allow_list=CLINIC)).allowed
    assert not guard.check(draft, GuardContext(language="it")).allowed


def test_the_reason_lists_each_type_once_in_order():
    draft = "Mario Rossi, Anna Verdi, 333 1234567"
    detect = fake_detect(("PHONE_NUMBER", 25, 36), ("PERSON", 0, 11), ("PERSON", 13, 23))
    verdict = PhiLeakGuard(detect=detect).check(draft, GuardContext())
    assert verdict.reason == "phi leak: PERSON, PHONE_NUMBER"
    assert len(verdict.findings) == 3
    assert verdict.risk == 0.85


def test_a_failing_detector_fails_closed():
    def broken(text: str, language: str, allow_list: frozenset[str]) -> Sequence[Finding]:
        raise RuntimeError("model not loaded")

    verdict = PhiLeakGuard(detect=broken).check("Gentile Mario Rossi", GuardContext())
    assert not verdict.allowed
    assert verdict.reason == "could not decide (RuntimeError): reply not checked"
    assert verdict.risk == 1.0


@pytest.mark.parametrize("draft", [None, 42, b"Mario Rossi"])
def test_unexpected_input_fails_closed(draft):
    verdict = PhiLeakGuard(detect=fake_detect()).check(draft, GuardContext())  # type: ignore[arg-type]
    assert not verdict.allowed
    assert verdict.reason.startswith("could not decide")


@pytest.mark.parametrize("draft", ["", "   ", "\n"])
def test_an_empty_draft_leaks_nothing(draft):
    verdict = PhiLeakGuard(detect=fake_detect(("PERSON", 0, 1))).check(draft, GuardContext())
    assert verdict.allowed


def test_a_detector_pointing_outside_the_draft_fails_closed():
    verdict = PhiLeakGuard(detect=fake_detect(("PERSON", 50, 60))).check("Ciao!", GuardContext())
    assert not verdict.allowed
    assert verdict.reason == "could not decide (ValueError): reply not checked"

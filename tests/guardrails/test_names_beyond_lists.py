"""Names no list holds, found from where they stand; identifiers written the ways patients do."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from guardrails import GuardContext
from guardrails.phi_redaction import PhiRedactionGuard
from guardrails.recognizers import person_lexicon
from guardrails.recognizers.person_lexicon import PersonLexiconRecognizer
from guardrails.recognizers.word_frequency import looks_like_name

# Invented names (first and last) that no name list holds; the recognizer below
# is built with them removed from the lists to make sure.
UNLISTED = ("zeudi", "pagliarulo", "zanichelli", "biagio", "sabas", "montesinos", "garriga")


@pytest.fixture(scope="module")
def recognizer() -> Iterator[PersonLexiconRecognizer]:
    lexicon = person_lexicon.name_lexicon()
    trimmed = dataclasses.replace(
        lexicon, first=lexicon.first - set(UNLISTED), last=lexicon.last - set(UNLISTED)
    )
    original = person_lexicon.name_lexicon
    person_lexicon.name_lexicon = lambda: trimmed  # type: ignore[assignment]
    try:
        yield PersonLexiconRecognizer("it")
    finally:
        person_lexicon.name_lexicon = original


def _names(recognizer: PersonLexiconRecognizer, text: str) -> list[str]:
    return [text[r.start : r.end] for r in recognizer.analyze(text, ["PERSON"])]


FOUND = [
    # a rare lower-case word right after a known first name is a surname
    ("prenotazione per francesca zanichelli domani", ["francesca zanichelli"]),
    ("sono giulia pagliarulo, volevo sapere", ["giulia pagliarulo"]),
    # a name-like word after "sono", "mio padre", or signing the message
    ("ciao sono biagio, volevo spostare la visita", ["biagio"]),
    ("sono zeudi e vorrei un appuntamento", ["zeudi"]),
    ("mio padre biagio pagliarulo ha la tessera", ["biagio pagliarulo"]),
    ("cambiadlo en mi ficha porfa. sabas montesinos garriga", ["sabas montesinos garriga"]),
    ("mandatemi il referto grazie!! biagio", ["biagio"]),
    # surname first, then a first name; two name-like words in capitals
    ("dati: Pagliarulo Mattia, nato il 3/4/80", ["Pagliarulo Mattia"]),
    ("dati x l'accettazione: PAGLIARULO MATTIA, nato il 3/4/80", ["PAGLIARULO MATTIA"]),
    ("dati x l'accettazione: ZANICHELLI MATTIA, nato il 3/4/80", ["ZANICHELLI MATTIA"]),
]

NOT_FOUND = [
    # adjectives after "sono" belong to one language's text: not names
    "sono allergica al nichel, posso fare la risonanza?",
    "sono stanca di aspettare",
    "sono incinta, posso fare la radiografia?",
    "mio padre anziano non cammina bene",
    # a question does not end with a signature; an abbreviation is not a sentence break
    "la visita è domani. cardiologia?",
    "c'è la dott.ssa Conti giovedì?",
    # everyday words after a first name
    "marco domani non può venire",
    "chiedo per luca, grazie mille",
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_unlisted_names_are_found(
    recognizer: PersonLexiconRecognizer, text: str, expected: list[str]
) -> None:
    assert _names(recognizer, text) == expected


@pytest.mark.parametrize("text", NOT_FOUND)
def test_everyday_words_where_a_name_could_be_are_not_names(
    recognizer: PersonLexiconRecognizer, text: str
) -> None:
    assert _names(recognizer, text) in ([], ["luca"], ["Conti"])


@pytest.mark.parametrize(
    ("word", "name_like"),
    [("biagio", True), ("zeudi", True), ("allergica", False), ("incinta", False), ("nuovo", False)],
)
def test_word_frequency_tells_names_from_words(word: str, name_like: bool) -> None:
    assert looks_like_name(word) is name_like


IDENTIFIERS = [
    # fictional phone ranges fail libphonenumber's validity check but are numbers
    ("en", "hi, my number is +447700900464", "+447700900464"),
    ("fr", "mon tel c'est le +33 7 25 91 14 73", "+33 7 25 91 14 73"),
    # the DNI as printed on the card, in a French message
    ("fr", "son NIE c'est 88.693.367-p, il a pas encore de carte vitale", "88.693.367-p"),
    # a bare SSN before a full stop, after "social"
    ("it", "ha un'assicurazione americana, ssn 590494328. potete fatturare?", "590494328"),
    ("en", "my us social is 448582822, just moved here", "448582822"),
    # an overseas-born NIR (department 971, two-digit commune)
    ("fr", "son numéro de sécu c'est 1 70 01 971 06 753 72, c grave?", "1 70 01 971 06 753 72"),
    # a policy number after "polizza integrativa n."
    ("it", "polizza integrativa n. 9814 7276 02, vale da voi?", "9814 7276 02"),
]


@pytest.mark.parametrize(("language", "text", "value"), IDENTIFIERS)
def test_identifiers_written_other_ways_are_redacted(
    phi_guard: PhiRedactionGuard, language: str, text: str, value: str
) -> None:
    verdict = phi_guard.check(text, GuardContext(language=language, conversation_key="k"))
    assert value not in verdict.text
    assert verdict.findings


def test_a_date_after_polizza_is_not_a_policy_number(phi_guard: PhiRedactionGuard) -> None:
    text = "la polizza scade il 12 05 2026, devo rinnovarla prima della visita?"
    verdict = phi_guard.check(text, GuardContext(language="it", conversation_key="k"))
    assert not any(f.type == "INSURANCE_POLICY" for f in verdict.findings)

"""E-mail addresses dictated to a phone's voice typing, "@" and "." said as words.

"gavino punto piras chiocciola tiscali punto it", "pierre point ndiaye
arobase orange point fr", "hope dot delgado at gmail dot com", "itziar punto
goiko arroba euskaltel punto net": the whole phrase, local part to top-level
domain, is one address, spaces dictated inside the local part included
("moustapha diop 77 arobase yahoo point fr"). Not addresses: a dot-word
without an at-word ("alle 10 punto 30", "je suis au point"), an English "at"
not followed by a domain, a dot-word and a top-level domain ("meet at the
clinic dot", "at 5 dot"). An address written with its symbols stays one
finding of the e-mail recognizer.
"""

from __future__ import annotations

import pytest

from guardrails.base import GuardContext
from guardrails.phi_redaction import PhiRedactionGuard
from guardrails.recognizers.spoken_email import SpokenEmailRecognizer
from tests.guardrails.phi_helpers import redacted

E = "EMAIL_ADDRESS"

FOUND = [
    # Italian: "punto" joins the local part, "chiocciola" is the "@"
    (
        "it",
        "volevo prenotare, la mail è gavino punto piras chiocciola tiscali punto it grazie",
        "gavino punto piras chiocciola tiscali punto it",
    ),
    # Italian: one word and digits
    ("it", "la mia email è rosa78 chiocciola libero punto it", "rosa78 chiocciola libero punto it"),
    # Italian: "chiocciolina", an underscore said as "trattino basso", in capitals
    (
        "it",
        "MAIL: ANNA TRATTINO BASSO FERRI CHIOCCIOLINA GMAIL PUNTO COM",
        "ANNA TRATTINO BASSO FERRI CHIOCCIOLINA GMAIL PUNTO COM",
    ),
    # Italian: the phone wrote "@" and spelt the dot
    ("it", "scrivete a mario@gmail punto com per la conferma", "mario@gmail punto com"),
    # Italian: a hyphen said as "trattino" in the domain
    (
        "it",
        "la mail è f punto rossi chiocciola studio trattino verdi punto it",
        "f punto rossi chiocciola studio trattino verdi punto it",
    ),
    # French: "point" and "arobase"
    (
        "fr",
        "mon mail pierre point ndiaye arobase orange point fr Merci Beaucoup",
        "pierre point ndiaye arobase orange point fr",
    ),
    # French: spaces dictated inside the local part
    (
        "fr",
        "mon email moustapha diop 77 arobase yahoo point fr merci",
        "moustapha diop 77 arobase yahoo point fr",
    ),
    # French: "tiret bas" for "_", after "c'est"
    (
        "fr",
        "mon courriel c'est lea tiret bas martin arobase free point fr",
        "lea tiret bas martin arobase free point fr",
    ),
    # French: "tiret" for "-", Swiss domain
    (
        "fr",
        "Mon Adresse Est Jean Tiret Luc Arobase Bluewin Point Ch",
        "Jean Tiret Luc Arobase Bluewin Point Ch",
    ),
    # English: every word capitalised by the phone
    (
        "en",
        "My Email Is hope dot delgado at gmail dot com thank you so much",
        "hope dot delgado at gmail dot com",
    ),
    # English: "at sign", "underscore", a domain of two parts
    (
        "en",
        "email is sam underscore jones at sign outlook dot co dot uk",
        "sam underscore jones at sign outlook dot co dot uk",
    ),
    # English: "dash" inside the local part
    ("en", "reach me on mary dash ann at yahoo dot com", "mary dash ann at yahoo dot com"),
    # Spanish: "punto" and "arroba"
    (
        "es",
        "mi correo itziar punto goiko arroba euskaltel punto net muchas gracias",
        "itziar punto goiko arroba euskaltel punto net",
    ),
    # Spanish: spaces and digits in the local part
    (
        "es",
        "el correo yurani mosquera 89 arroba hotmail punto com Dios les pague",
        "yurani mosquera 89 arroba hotmail punto com",
    ),
    # Spanish: "guion bajo", a Mexican domain of two parts
    (
        "es",
        "mi correo es luis guion bajo ortega arroba yahoo punto com punto mx",
        "luis guion bajo ortega arroba yahoo punto com punto mx",
    ),
]

NOT_FOUND = [
    # a time with "punto"
    ("it", "ci vediamo alle 10 punto 30"),
    # "at" before no domain
    ("en", "see you at the clinic dot"),
    ("en", "meet at the clinic at 5 dot"),
    # "at" before a time said with "dot"
    ("en", "can I come at ten dot thirty"),
    # "punto" as a word
    ("it", "arriva a punto"),
    ("fr", "je suis au point"),
    # an at-word and a domain, but no dot-word and top-level domain after it
    ("es", "la arroba es el simbolo del correo"),
    # a top-level domain that is not in the list
    ("it", "mario chiocciola gmail punto xyzw"),
]


@pytest.mark.parametrize(("language", "text", "address"), FOUND)
def test_dictated_address_is_one_email_finding(
    phi_guard: PhiRedactionGuard, language: str, text: str, address: str
) -> None:
    found = redacted(phi_guard, text, language)
    assert (address, E) in found, found
    verdict = phi_guard.redact(text, language, GuardContext(language=language))
    assert address not in verdict.text
    assert "<EMAIL_ADDRESS_1>" in verdict.text, verdict.text


@pytest.mark.parametrize(("language", "text"), NOT_FOUND)
def test_dot_and_at_words_alone_are_no_address(
    phi_guard: PhiRedactionGuard, language: str, text: str
) -> None:
    assert SpokenEmailRecognizer(language).analyze(text, [E]) == []
    assert [value for value, kind in redacted(phi_guard, text, language) if kind == E] == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # "la mail è" introduces the address and is not part of it
        (
            "la mail è gavino punto piras chiocciola tiscali punto it",
            "gavino punto piras chiocciola tiscali punto it",
        ),
        # never more than three words
        (
            "scrivimi alfa beta gamma delta chiocciola libero punto it",
            "beta gamma delta chiocciola libero punto it",
        ),
        # a colon ends the local part
        ("correo: ana arroba gmail punto com", "ana arroba gmail punto com"),
        # a function word ends it
        ("send it to jo at gmail dot com", "jo at gmail dot com"),
        # a capitalised name written before a lower-case local part is not joined to it
        (
            "sono Gavino Piras gavino77 chiocciola libero punto it",
            "gavino77 chiocciola libero punto it",
        ),
        # once a symbol is spoken, a space no longer joins words
        (
            "mail ugo neri punto bassi chiocciola libero punto it",
            "neri punto bassi chiocciola libero punto it",
        ),
    ],
)
def test_local_part_stops_at_the_words_before_it(text: str, address: str) -> None:
    (result,) = SpokenEmailRecognizer("it").analyze(text, [E])
    assert text[result.start : result.end] == address


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("scrivetemi a mario.rossi@gmail.com grazie", "mario.rossi@gmail.com"),
        # the word before a typed "@" is no part of the address
        ("per comunicazioni personale@studio-verdi.it", "personale@studio-verdi.it"),
    ],
)
def test_written_address_stays_one_finding_of_the_email_recognizer(
    phi_guard: PhiRedactionGuard, text: str, address: str
) -> None:
    assert SpokenEmailRecognizer("it").analyze(text, [E]) == []
    assert redacted(phi_guard, text, "it") == [(address, E)]
    verdict = phi_guard.redact(text, "it", GuardContext(language="it"))
    assert verdict.text == text.replace(address, "<EMAIL_ADDRESS_1>")


def test_half_dictated_address_is_one_finding(phi_guard: PhiRedactionGuard) -> None:
    # the e-mail recognizer sees "rossi@gmail.com"; the dictated "mario punto" is joined to it
    text = "scrivetemi a mario punto rossi@gmail.com grazie"
    assert redacted(phi_guard, text, "it") == [("mario punto rossi@gmail.com", E)]
    verdict = phi_guard.redact(text, "it", GuardContext(language="it"))
    assert verdict.text == "scrivetemi a <EMAIL_ADDRESS_1> grazie"

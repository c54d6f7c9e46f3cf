"""Names and addresses, twenty-first round: spelt-out names, roles, Eircodes.

Patients correcting the clinic spell their name letter by letter:
"W-Y-N-D-H-A-M", "q-u-i-s-p-e", "K E R V A R E C", "si scrive r o s s i".
Letters joined by dots are abbreviations ("S.r.l.", "U.S.A."), and a run of
vowels is no name. Someone writing for a patient says what they are ("sono
l'interprete", "soy intérprete", "I am interpreter for …", "je suis la
préparatrice"): a role, not a name. An Irish address ends with its Eircode
("Galway H91 X2C4").
"""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from tests.guardrails.phi_helpers import redacted

A, N = "STREET_ADDRESS", "PERSON"

FOUND = [
    ("en", "surname is B-R-O-D-E-R-I-C-K, not Broderik", "B-R-O-D-E-R-I-C-K", N),
    ("es", "el apellido es M-A-M-A-N-I con dos a", "M-A-M-A-N-I", N),
    ("it", "il cognome è z - a - n - e - t - t - i grazie", "z - a - n - e - t - t - i", N),
    ("fr", "mon nom c'est L E B R I G A N T", "L E B R I G A N T", N),
    ("it", "si scrive f o r l a n i, con la f", "f o r l a n i", N),
    ("it", "sono l'interprete della signora Ayesha Rahman", "Ayesha Rahman", N),
    (
        "en",
        "she lives at 22 Cloonagh Road, Salthill, Galway H91 K7T2 since May",
        "22 Cloonagh Road, Salthill, Galway H91 K7T2",
        A,
    ),
    ("en", "new address 3 Harbour View, Dublin D6W F4K9", "3 Harbour View, Dublin D6W F4K9", A),
]

NOT_FOUND = [
    ("it", "fattura a Meccanica Fontana S.r.l. per favore", N),
    ("en", "we moved from the U.S.A. last year", N),
    ("it", "ho fatto l'esame A E I O U per l'udito", N),
    ("en", "do you have the A-Z of services?", N),
    ("it", "buongiorno sono l'interprete, a che ora apre il CUP?", N),
    ("es", "soy intérprete de árabe, se puede entrar con el paciente?", N),
    ("en", "hi, I am interpreter, can I come in with her?", N),
    ("fr", "je suis la préparatrice de la pharmacie, vous ouvrez samedi ?", N),
]


@pytest.mark.parametrize(("language", "text", "value", "kind"), FOUND)
def test_found(
    phi_guard: PhiRedactionGuard, language: str, text: str, value: str, kind: str
) -> None:
    assert (value, kind) in redacted(phi_guard, text, language)


@pytest.mark.parametrize(("language", "text", "kind"), NOT_FOUND)
def test_not_found(phi_guard: PhiRedactionGuard, language: str, text: str, kind: str) -> None:
    assert not [f for f in redacted(phi_guard, text, language) if f[1] == kind]

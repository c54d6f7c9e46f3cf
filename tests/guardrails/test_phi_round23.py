"""Rounds 23-24: forms on one line, abbreviated and passport names, farewells, verbs at the end.

A form pasted without its line breaks puts each label right after the last
value ("Nom : Tran Prénom : Van Duc Né le : …"): every label introduces its
own name, and a name stops where the next label starts. The labels of a form
are capitalised in any writing, so they say nothing of a passage written in
Title Case, nor do the particles of surnames ("De Luca"). A name the model
reads across a line break into the next label ("Declan Furlong\\nAddress:")
ends before that label. Spanish and Filipino writers abbreviate first names
("Ma. Lourdes", "Fco. Javier", "Mª José"); a passport gives surnames, a comma
and first names, all in capitals ("GUTIÉRREZ MENDOZA, JOSÉ LUIS"). Irish place
names keep their small words in lower case ("Cnoc na Gréine").

Dates of birth as dictated or spaced: "3 del 11 1978", "30 - 09 - 1944",
"the 5th Day Of August , 1946".

Not names: a farewell ("grazie arrivederci", "Bonne soirée"), a verb with its
pronouns written on at the end of a message ("porfa revisadlo", "avisadme",
"chiamatemi"). Not a date of birth: a day and month with no year after a
birth phrase, a date after an appointment word.
"""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from guardrails.recognizers.form_labels import label_word
from guardrails.recognizers.word_frequency import verb_with_pronouns
from tests.guardrails.phi_helpers import redacted

P = "PERSON"
A = "STREET_ADDRESS"
DOB = "DATE_OF_BIRTH"

FOUND = [
    # a form on one line: each label its own name, cut at the next label
    ("fr", "Nom : Tran Prénom : Van Duc Né le : 3/4/1980", "Van Duc", P),
    ("fr", "Nom : Tran Prénom : Van Duc Né le : 3/4/1980", "Tran", P),
    ("fr", "Nom : Pham Prénom : Thi Lan Date de naissance : 02/06/1969", "Thi Lan", P),
    ("it", "Cognome: Rinaldini Nome: Ottavia Data di nascita: 4/5/1977", "Ottavia", P),
    ("es", "Apellidos: Quiroga Nombre: Ximena Teléfono: 612 448 903", "Ximena", P),
    (
        "en",
        "Name: Ruairi Breathnach\nAddress: Flat 4, Ard Mhuire, Naas, Co. Kildare W91 KX2P",
        "Ruairi Breathnach",
        P,
    ),
    # abbreviated first names
    ("en", "hi this is Ma. Theresa Dimaculangan, i need to cancel", "Ma. Theresa Dimaculangan", P),
    ("es", "buenas, soy Fco. Javier Ordóñez y quería una cita", "Fco. Javier Ordóñez", P),
    ("es", "a nombre de Mª Pilar Echeverría por favor", "Mª Pilar Echeverría", P),
    # surnames, comma, first names, all in capitals as on a passport
    (
        "es",
        "los pasaportes: RAMÍREZ OTERO, JUAN CARLOS y VIDAL ROCA, MARÍA ELENA. gracias",
        "RAMÍREZ OTERO, JUAN CARLOS",
        P,
    ),
    (
        "es",
        "los pasaportes: RAMÍREZ OTERO, JUAN CARLOS y VIDAL ROCA, MARÍA ELENA. gracias",
        "VIDAL ROCA, MARÍA ELENA",
        P,
    ),
    ("en", "names as on the passports: PRENDERGAST, MICHAEL JOHN", "PRENDERGAST, MICHAEL JOHN", P),
    # Irish place names with their small words
    (
        "en",
        "she lives at 9 Bóthar na Trá, Salthill, Co. Galway H91 D2X4 if that helps",
        "9 Bóthar na Trá, Salthill, Co. Galway H91 D2X4",
        A,
    ),
    # dates of birth, dictated or spaced
    ("it", "sono nato il 7 del 2 1956 e vorrei sapere", "7 del 2 1956", DOB),
    ("it", "nata il 14 11 1983, cell dopo", "14 11 1983", DOB),
    ("es", "nací el 9 de 10 1990", "9 de 10 1990", DOB),
    ("fr", "né le 02 - 07 - 1961 à Lyon", "02 - 07 - 1961", DOB),
    ("en", "Born On The 21st Day Of March , 1952 In Dundee", "21st Day Of March , 1952", DOB),
]

NOT_FOUND = [
    ("it", "ok allora aspetto la chiamata grazie arrivederci", P),
    ("it", "va bene, a domani. grazie, arrivederla", P),
    ("fr", "Le dossier est complet ? Bonne soirée", P),
    ("fr", "je rappellerai demain. merci, au revoir", P),
    ("es", "no me llegó el correo, porfa revisadlo", P),
    ("es", "si hay hueco antes avisadme gracias", P),
    ("it", "se si libera un posto chiamatemi grazie", P),
    ("es", "cambié de número, xfa actualizadlo", P),
    ("es", "Cambié de número. Actualizadlo, por favor", P),
    ("it", "ho appuntamento il 3 del 11 alle 10", DOB),
    ("it", "nato il 3 del 11 alle 10 in punto", DOB),
    ("en", "my appointment is on 3 11 2026 at 9", DOB),
]


@pytest.mark.parametrize(("language", "text", "value", "kind"), FOUND)
def test_found(
    phi_guard: PhiRedactionGuard, language: str, text: str, value: str, kind: str
) -> None:
    assert (value, kind) in redacted(phi_guard, text, language)


@pytest.mark.parametrize(("language", "text", "kind"), NOT_FOUND)
def test_not_found(phi_guard: PhiRedactionGuard, language: str, text: str, kind: str) -> None:
    assert not [f for f in redacted(phi_guard, text, language) if f[1] == kind]


def test_a_word_in_capitals_after_a_surname_and_comma_is_no_first_name(
    phi_guard: PhiRedactionGuard,
) -> None:
    found = redacted(phi_guard, "SCRIVO PER CONTO DI BRAMBILLA, GRAZIE MILLE", "it")
    assert not [value for value, _ in found if "GRAZIE" in value]


def test_a_label_is_not_part_of_the_name_before_it(phi_guard: PhiRedactionGuard) -> None:
    found = redacted(phi_guard, "Nom : Vo Prénom : Thi Hoa Date de naissance : 11/1/1990", "fr")
    assert ("Thi Hoa", P) in found
    assert not [value for value, _ in found if "Date" in value]


def test_title_case_around_a_list_of_surnames_keeps_a_first_name(
    phi_guard: PhiRedactionGuard,
) -> None:
    text = "le visite sono per tre persone: Di Marco Ilaria, Di Marco Paolo e il piccolo Sveva"
    found = redacted(phi_guard, text, "it")
    assert ("Sveva", P) in found


@pytest.mark.parametrize(
    ("word", "verb"),
    [
        ("revisadlo", True),
        ("avisadme", True),
        ("llamarme", True),
        ("llamandome", True),
        ("chiamatemi", True),
        ("mandatelo", True),
        ("daniela", False),
        ("graciela", False),
        ("antonella", False),
        ("gabriele", False),
        ("benedetta", False),
    ],
)
def test_verb_with_pronouns(word: str, verb: bool) -> None:
    assert verb_with_pronouns(word) is verb


@pytest.mark.parametrize(
    ("text", "word", "label"),
    [
        ("Thi Mai Date de naissance : 1/2/1990", "Date", True),
        ("Van Duc Né le : 3/4/1980", "Duc", False),
        ("Ottavia Data di nascita: 4/5/1977", "Data", True),
        ("Date prévue le 12 mars", "Date", False),
        ("Tél : 05 61 00 00 00", "Tél", True),
    ],
)
def test_label_word(text: str, word: str, label: bool) -> None:
    start = text.index(word)
    assert label_word(text, start, start + len(word)) is label

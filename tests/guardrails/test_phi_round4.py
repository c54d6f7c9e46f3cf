"""Italian and Spanish names and addresses as patients type them on WhatsApp.

Relatives named with any owner ("sua sorella", "su hijo"), lower-case first
names after "per"/"x"/"para", names after a closing or a spelt-out surname,
particles, married and Catalan surnames, a second person joined with "e"/"y",
and addresses with floors, doors and interiors after a plain space, lead-ins
before the street, and the sentence going on after it. Each shape has hard
negatives next to it: clinic staff and sites, departments, weekdays, times.
"""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from tests.guardrails.phi_helpers import redacted


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        # a relative named with someone else's owner word
        ("it", "può venire anche suo fratello ettore alle 10?", "ettore"),
        ("es", "la vacuna de su hija aitana era el jueves?", "aitana"),
        # who the booking is for, in lower case, where the phrase ends with the name
        ("it", "x rebecca, serve l'impegnativa?", "rebecca"),
        ("es", "para gonzalo. gracias", "gonzalo"),
        # a closing, then the writer
        ("es", "Un saludo, Trinidad Becerra", "Trinidad Becerra"),
        ("it", "vi ringrazio. Cordiali saluti, Annalisa", "Annalisa"),
        # who writes, the verb before its subject
        ("es", "buenas, os escribe ximena quispe por lo del TAC", "ximena quispe"),
        ("it", "buongiorno vi scrive Ornella Zanetti", "Ornella Zanetti"),
        # a surname spelt out
        ("it", "il cognome è Sgarbossa, con due esse", "Sgarbossa"),
        # an initial with its full stop, the sentence going on
        ("it", "mia cognata sabrina t. ha perso il referto", "sabrina t."),
        # a form in capitals with a particle
        ("it", "intestatario: DE ANGELIS MARCO", "DE ANGELIS MARCO"),
        # Catalan surnames joined by "i"
        ("es", "mi mujer, Neus Soler i Vidal, tiene cita", "Neus Soler i Vidal"),
    ],
)
def test_names_are_redacted(
    phi_guard: PhiRedactionGuard, language: str, text: str, name: str
) -> None:
    assert (name, "PERSON") in redacted(phi_guard, text, language)


@pytest.mark.parametrize(
    ("language", "text", "names"),
    [
        # two people joined by "e"/"y", the second with an everyday-word first name
        ("it", "grazie, Loredana e Marco Zanin", ["Loredana", "Marco Zanin"]),
        ("es", "cita para Iratxe y Mateo Olabarria", ["Iratxe", "Mateo Olabarria"]),
        # a married name after its link: the link word stays
        ("it", "per mia nonna, Gemma Toffolo ved. Benetton", ["Gemma Toffolo", "Benetton"]),
    ],
)
def test_joined_names_are_redacted(
    phi_guard: PhiRedactionGuard, language: str, text: str, names: list[str]
) -> None:
    spans = [value for value, kind in redacted(phi_guard, text, language) if kind == "PERSON"]
    for name in names:
        assert any(name in value for value in spans), (name, spans)
    assert not any("ved." in value for value in spans)  # the link word is no name


@pytest.mark.parametrize(
    ("language", "text", "kept"),
    [
        ("es", "mi niño tiene fiebre, cambiamos la cita?", "niño"),  # a kin word, no name
        ("es", "mi suegro, don Evaristo Lledó, usa silla de ruedas", "don"),  # a title
        (
            "es",
            "muchas gracias, se le ha roto un bracket otra vez",
            "bracket",
        ),  # "un" is no closing
        ("it", "per massimo tre giorni devo stare a digiuno?", "massimo"),  # "at most"
        ("it", "sono Giulia e Cardiologia mi ha detto di chiamare", "Cardiologia"),  # a department
        ("it", "la dott.ssa Marchetti e Lucia Bertin sono colleghe?", "Marchetti"),  # staff
    ],
)
def test_words_next_to_names_are_kept(
    phi_guard: PhiRedactionGuard, language: str, text: str, kept: str
) -> None:
    assert all(kept not in value for value, _ in redacted(phi_guard, text, language))


@pytest.mark.parametrize(
    ("language", "text", "address"),
    [
        # floor, door, interior after a plain space
        (
            "it",
            "il nuovo domicilio è corso buenos aires 77 scala a int 9",
            "corso buenos aires 77 scala a int 9",
        ),
        ("es", "estoy en c/ san bruno 14 4o dcha desde marzo", "c/ san bruno 14 4o dcha"),
        (
            "es",
            "vivo en avda. de la libertad 3 bajo b y no me llegan las cartas",
            "avda. de la libertad 3 bajo b",
        ),
        # abbreviated street words with their full stop
        ("it", "abito in v. Manin 5 int. 2, 33100 Udine", "v. Manin 5 int. 2, 33100 Udine"),
        (
            "it",
            "consegna in str. comunale 8 n. 40, 10090 rosta",
            "str. comunale 8 n. 40, 10090 rosta",
        ),
        # the postcode, which alone looks like an identifier, stays with its address
        ("es", "mandadlo a c/ cuba 9 1ª, 46006 valencia", "c/ cuba 9 1ª, 46006 valencia"),
        # a lead-in before the street, the sentence after it
        (
            "it",
            "indirizzo nuovo per la spedizione: via Nizza 150, 10126 Torino (citofono rotto)",
            "via Nizza 150, 10126 Torino",
        ),
        (
            "es",
            "mi direccion ahora es pza. de españa 2, 2º, 50004 zaragoza",
            "pza. de españa 2, 2º, 50004 zaragoza",
        ),
    ],
)
def test_addresses_are_redacted_whole_and_no_more(
    phi_guard: PhiRedactionGuard, language: str, text: str, address: str
) -> None:
    assert (address, "STREET_ADDRESS") in redacted(phi_guard, text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("it", "il punto prelievi di Via dei Mille 24 apre alle 7:30 anche il sabato?"),
        ("es", "la Dra. Vidal atiende en la Avenida del Puerto 148 los martes a las 9"),
        ("it", "la dott.ssa Marchetti riceve in dermatologia il giovedì, piano 2 scala B?"),
        ("es", "la radiografía es en la planta 1, puerta 3, o en el bajo?"),
        ("it", "per venerdì alle 15 va bene, grazie mille"),
    ],
)
def test_clinic_places_and_hours_are_kept(
    phi_guard: PhiRedactionGuard, language: str, text: str
) -> None:
    assert redacted(phi_guard, text, language) == []

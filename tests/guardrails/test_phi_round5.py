"""Spanish and Italian names and addresses as typed on WhatsApp: fifth round.

Relatives named after a comma or a colon ("mi mujer, ...", "para la niña:
..."), who the patient is ("ella es ..."), a form's lines without colons, a
third surname, a surname opened by its particle, one rare word after "soy",
first names joined by a hyphen; addresses with a title inside the street's
name, "vle", a province code for the town, units and hamlets after a comma,
a lower-case town; DNI and NIE numbers typed in groups; and accents left out
("nacio", "alergico" are words, not names). Hard negatives sit next to each.
"""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from guardrails.recognizers.word_frequency import shared_proper_noun, zipf
from tests.guardrails.phi_helpers import redacted


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        # a relative named after a comma
        ("es", "su hermana, yolanda orozco, tiene cita el lunes", "yolanda orozco"),
        # a child named after a colon
        ("es", "para la niña: irati goñi sarasola, tiene 4 años", "irati goñi sarasola"),
        # who the patient is
        ("es", "la cita es de mi tia, ella es consuelo barrera, llega tarde", "consuelo barrera"),
        # a form's line with its label and no colon, the surname opened by its particle
        ("it", "cognome di stefano\nnome pietro", "di stefano"),
        # a third word in lower case that ends the phrase: the second surname
        ("es", "soy lorena bustos ibarra, queria pedir cita", "lorena bustos ibarra"),
        # a surname opened by its particle, even when it is also a word
        ("it", "per mio zio, gino lo cascio, la visita di lunedi", "gino lo cascio"),
        ("es", "hola soy nacho de la vega, paciente nuevo", "nacho de la vega"),
        # one rare word after "soy" that ends the phrase
        ("es", "buenas soy koldo, tengo cita a las 10", "koldo"),
        # two first names joined by a hyphen
        ("fr", "ma fille marie-laure bonnet a rdv jeudi", "marie-laure bonnet"),
        # a second first name that is also a word, then a surname
        ("es", "ella es maria paz arroyo, la de las 12", "maria paz arroyo"),
    ],
)
def test_names_are_redacted(
    phi_guard: PhiRedactionGuard, language: str, text: str, name: str
) -> None:
    assert (name, "PERSON") in redacted(phi_guard, text, language)


@pytest.mark.parametrize(
    ("language", "text", "kept"),
    [
        # words describing the writer after "soy"/"sono" are no names
        ("es", "soy celiaca, puedo comer antes de la analitica?", "celiaca"),
        ("es", "soy pensionista, pago algo?", "pensionista"),
        ("it", "sono frontaliera, la tessera vale?", "frontaliera"),
        ("es", "el paciente es diabetico desde hace años", "diabetico"),
        # a particle before a job or a department, not a surname
        ("es", "soy marta de la limpieza, llamo por la factura", "limpieza"),
        ("es", "soy pedro de urgencias, os llamo por el informe", "urgencias"),
        # accents left out: everyday words, not names
        ("es", "mi hija nacio el 3 de mayo, ya tiene 2 años", "nacio"),
        ("es", "para el niño: ver la lista, alergico a la penicilina", "alergico"),
        # the form's next label after a name broken over lines
        ("es", "Nombre: Jose Antonio\nApellidos: Barrena Soto\nFecha de nac: 2-3-91", "Fecha"),
    ],
)
def test_describing_words_stay(
    phi_guard: PhiRedactionGuard, language: str, text: str, kept: str
) -> None:
    assert all(kept not in value for value, _ in redacted(phi_guard, text, language))


@pytest.mark.parametrize(
    ("language", "text", "address"),
    [
        # a title abbreviated inside the street's name
        (
            "es",
            "enviadlo a calle del Dr. Castelo 12, 2ºB, 28009 Madrid por favor",
            "calle del Dr. Castelo 12, 2ºB, 28009 Madrid",
        ),
        # "vle" for viale, the town written as its province code
        ("it", "il referto a casa: vle certosa 88, 20156 mi", "vle certosa 88, 20156 mi"),
        # a staircase with its abbreviation's full stop, a floor, the town after "a" left out
        (
            "it",
            "abito in corso italia 5, sc. b, 2 piano a genova",
            "corso italia 5, sc. b, 2 piano",
        ),
        # a hamlet after the street
        (
            "it",
            "sto in strada dei colli 9, fraz. roncaglia, il corriere non trova",
            "strada dei colli 9, fraz. roncaglia",
        ),
        # a lower-case town after a comma, the sentence going on
        ("es", "ahora es c/ sol 3 bajo, salamanca, me lo actualizan?", "c/ sol 3 bajo, salamanca"),
        # a UK address in lower case, with its postcode
        ("en", "it went to 7 willow close, leeds ls8 2qd i think", "7 willow close, leeds ls8 2qd"),
    ],
)
def test_addresses_are_redacted_whole(
    phi_guard: PhiRedactionGuard, language: str, text: str, address: str
) -> None:
    assert (address, "STREET_ADDRESS") in redacted(phi_guard, text, language)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("mi dni es 47 302 118 L para la factura", "47 302 118 L"),
        ("dni 47-302-118-L", "47-302-118-L"),
        ("el nie de mi marido: Y 315 6642 K", "Y 315 6642 K"),
    ],
)
def test_dni_and_nie_in_groups(phi_guard: PhiRedactionGuard, text: str, value: str) -> None:
    assert (value, "ES_DNI_NIE") in redacted(phi_guard, text, "es")


def test_dni_in_groups_needs_its_check_letter(phi_guard: PhiRedactionGuard) -> None:
    found = redacted(phi_guard, "mi dni es 47 302 118 M para la factura", "es")
    assert all(kind != "ES_DNI_NIE" for _, kind in found)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("a que hora abre la sede de calle de sueca el sabado?", "sueca"),
        ("la consulta de la dra. Vidal es en la planta 2, puerta 3", "planta"),
        ("vivo en calle mayor 3, 2º, madrid y trabajo en valencia", "valencia"),
    ],
)
def test_places_that_are_not_the_patients_address_stay(
    phi_guard: PhiRedactionGuard, text: str, kept: str
) -> None:
    found = redacted(phi_guard, text, "es")
    assert all(kept not in value for value, _ in found)


def test_unaccented_words_count_as_their_accented_spelling() -> None:
    assert zipf("nacio", "es") >= 4.0  # "nació"
    assert zipf("alergico", "es") >= 3.0  # "alérgico"
    assert zipf("xqzt", "es") == 0.0


@pytest.mark.parametrize(
    ("word", "proper"),
    [("zaragoza", True), ("palermo", True), ("fecha", False), ("mattina", False)],
)
def test_shared_proper_nouns(word: str, proper: bool) -> None:
    assert shared_proper_noun(word) is proper

"""Phone numbers, addresses and birth dates, twentieth round.

Mexican mobiles carried a "1" after +52 until 2019, and patients still type it
(WhatsApp keeps it in their numbers): "+52 1 55 3874 2916" is a number,
though libphonenumber finds it one digit too long. Basque streets put the
street word after the name, as English ones do: "Zabaleta kalea 7",
"Gasteiz etorbidea 23". Not numbers or addresses: a "1" after +52 when the
rest is no Mexican number, the same street words without a house number.
A birth date written with its month abbreviated between dashes, dots or
slashes ("23-ene-1976", "5.mag.1950") after a shortened label ("fecha de
nac", "data di nasc", "date de naiss"); the words that say "born" before a
date are never a name ("nacio el 23-01-1976"). A name with a capitalised
Arabic or Berber particle inside is one name ("Nour El Houda Barrada"), and a
letter standing for a word after a name ("ROSSI MARIA x ritiro", "x" for
"per") is no initial of it. Catalan surnames joined by "i" are one name
with more of the sentence after them ("Mercè Bosch i Vila tiene la cita").

Not names: a Québec doctor after "Dre"/"docteure", an insurer named where
insurance is spoken of ("ma mutuelle c'est Harmonie", "es de sura y el numero
de afiliacion"), though a child called Oscar stays a name; an owner before a
spouse or a parent ("a mia moglie": Mia is a first name); a square's name
after its particle ("piazza della Vittoria"); a region after "dal"/"nel"
("scrivo dal Ticino").
"""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from tests.guardrails.phi_helpers import redacted


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("es", "su cel es +52 1 33 4187 2290, marquen despues de las 5", "+52 1 33 4187 2290"),
        ("es", "whatsapp 0052 1 81 2290 4418", "0052 1 81 2290 4418"),
        ("es", "me pueden llamar al +521 55 6120 7734?", "+521 55 6120 7734"),
        ("es", "mi numero +52-1-55-6120-7734 gracias", "+52-1-55-6120-7734"),
        ("es", "+52 1 5561207734 es el de mi mama", "+52 1 5561207734"),
    ],
)
def test_a_mexican_mobile_with_its_old_one_is_a_phone_number(
    phi_guard: PhiRedactionGuard, language: str, text: str, value: str
) -> None:
    assert (value, "PHONE_NUMBER") in redacted(phi_guard, text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "el prefijo de mexico es +52 1 y luego el numero"),
        ("es", "pague 52 1 55 pesos en la farmacia"),
    ],
)
def test_no_phone_number_without_a_whole_mexican_number(
    phi_guard: PhiRedactionGuard, language: str, text: str
) -> None:
    assert not [f for f in redacted(phi_guard, text, language) if f[1] == "PHONE_NUMBER"]


@pytest.mark.parametrize(
    ("language", "text", "address"),
    [
        (
            "es",
            "mandadlo a Zabaleta kalea 7, 2º dcha, 20002 donostia porfa",
            "Zabaleta kalea 7, 2º dcha, 20002 donostia",
        ),
        ("es", "vivo en Gasteiz etorbidea 23, Bilbao", "Gasteiz etorbidea 23, Bilbao"),
        ("es", "la direccion es Ibarra kalea 3, Eibar", "Ibarra kalea 3, Eibar"),
        ("es", "estamos en Foruen pasealekua 12 bajo", "Foruen pasealekua 12 bajo"),
    ],
)
def test_a_basque_street_word_after_the_name_is_an_address(
    phi_guard: PhiRedactionGuard, language: str, text: str, address: str
) -> None:
    found = [
        value for value, kind in redacted(phi_guard, text, language) if kind == "STREET_ADDRESS"
    ]
    assert any(address in value for value in found), found


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "la clinica esta en la misma kalea que la farmacia, a 3 minutos"),
        ("es", "cogi el bidea 2 veces y me perdi"),
    ],
)
def test_no_basque_address_without_a_house_number(
    phi_guard: PhiRedactionGuard, language: str, text: str
) -> None:
    assert not [f for f in redacted(phi_guard, text, language) if f[1] == "STREET_ADDRESS"]


@pytest.mark.parametrize(
    ("language", "text", "date"),
    [
        ("es", "Fecha de nac: 14-mar-1969\nTel: no tengo", "14-mar-1969"),
        ("es", "fec nac 2/oct/1955", "2/oct/1955"),
        ("it", "data di nasc 7.giu.1948, grazie", "7.giu.1948"),
        ("fr", "date de naiss 30-janv-1972", "30-janv-1972"),
        ("en", "DOB 9-Dec-1981 thanks", "9-Dec-1981"),
    ],
)
def test_a_birth_date_with_its_month_abbreviated_between_separators(
    phi_guard: PhiRedactionGuard, language: str, text: str, date: str
) -> None:
    assert (date, "DATE_OF_BIRTH") in redacted(phi_guard, text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "la cita es el 14-mar-2027 a las 10"),
        ("it", "appuntamento il 7.giu.2027"),
    ],
)
def test_an_appointment_date_with_its_month_abbreviated_is_no_birth_date(
    phi_guard: PhiRedactionGuard, language: str, text: str
) -> None:
    assert not [f for f in redacted(phi_guard, text, language) if f[1] == "DATE_OF_BIRTH"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "nacio el 23-01-1976"),
        ("es", "fec nac 4/5/1961"),
        ("it", "nata il 12-08-1950"),
    ],
)
def test_the_words_saying_born_before_a_date_are_no_name(
    phi_guard: PhiRedactionGuard, language: str, text: str
) -> None:
    assert not [f for f in redacted(phi_guard, text, language) if f[1] == "PERSON"]


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("it", "salve sono Samira El Houda Tazi, ho la visita", "Samira El Houda Tazi"),
        ("fr", "bonjour c'est Yacine Ait Menguellet pour le rdv", "Yacine Ait Menguellet"),
        ("fr", "je suis Karim Ben Youssef et ma femme aussi", "Karim Ben Youssef"),
    ],
)
def test_a_name_with_an_arabic_or_berber_particle_inside_is_one_name(
    phi_guard: PhiRedactionGuard, language: str, text: str, name: str
) -> None:
    assert (name, "PERSON") in redacted(phi_guard, text, language)


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("it", "CASTALDI LUCIA x ritiro referti", "CASTALDI LUCIA"),
        ("it", "MORETTI PAOLO x la visita di domani", "MORETTI PAOLO"),
        ("es", "soy julian arrieta q no pude ir", "julian arrieta"),
    ],
)
def test_a_letter_standing_for_a_word_is_no_initial(
    phi_guard: PhiRedactionGuard, language: str, text: str, name: str
) -> None:
    assert (name, "PERSON") in redacted(phi_guard, text, language)


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("es", "mi madre Mercè Bosch i Vila tiene la cita", "Mercè Bosch i Vila"),
        ("es", "la Roser Castellví i Pons no podra venir", "Roser Castellví i Pons"),
    ],
)
def test_catalan_surnames_joined_by_i_with_the_sentence_going_on(
    phi_guard: PhiRedactionGuard, language: str, text: str, name: str
) -> None:
    assert (name, "PERSON") in redacted(phi_guard, text, language)


def test_a_married_name_after_in_stays_apart(phi_guard: PhiRedactionGuard) -> None:
    found = redacted(phi_guard, "Anna Rossi in Bianchi viene domani", "it")
    assert found == [("Anna Rossi", "PERSON"), ("Bianchi", "PERSON")]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "le rendez-vous avec la Dre Rose est-tu encore mardi?"),
        ("fr", "la docteure Gagnon consulte-t-elle le samedi?"),
        ("fr", "je suis couverte, ma mutuelle c'est Harmonie, ça passe?"),
        ("es", "mi mama es de sura y el numero de afiliacion lo tengo aca"),
        ("es", "tengo isapre Consalud, me cubre la ecografia?"),
        ("it", "vi mando l'iban intestato a mia moglie, va bene?"),
        ("es", "lo pago con la tarjeta de mi esposo"),
        ("it", "si puo parcheggiare in piazza della Vittoria?"),
        ("it", "scrivo dal Ticino, ci sono orari il sabato?"),
        ("en", "do you take Bupa and Aviva or only self-pay?"),
        ("fr", "ma complémentaire santé est Malakoff Humanis, c'est bon?"),
    ],
)
def test_no_patient_name_in_these_words(
    phi_guard: PhiRedactionGuard, language: str, text: str
) -> None:
    assert not [f for f in redacted(phi_guard, text, language) if f[1] == "PERSON"]


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("en", "my son Oscar has a plan to come on Monday", "Oscar"),
        ("es", "soy Sura Haddad, tengo cita", "Sura Haddad"),
        ("it", "per mia moglie Mia Lombardi, la visita di lunedi", "Mia Lombardi"),
    ],
)
def test_a_name_that_is_also_an_insurer_or_an_owner_stays_a_name(
    phi_guard: PhiRedactionGuard, language: str, text: str, name: str
) -> None:
    assert (name, "PERSON") in redacted(phi_guard, text, language)

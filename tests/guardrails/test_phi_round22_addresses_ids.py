"""Addresses, a codice fiscale and a record number as round 22's writers typed them.

Irish addresses have often no street word: a house number and a name ("6
Church View"), the townland, "Co." and the county, then the Eircode, in
capitals with a space before each comma when an elderly writer types them.
Welsh streets put their word first, after the house number ("24 Heol y
Coed", "3 Ffordd yr Eglwys", "7 Stryd Fawr", "12 Lôn Isaf"), and a British
postcode may follow the town after a plain space ("…, Cardiff CF14 6HG").
A dictated Argentine address has lost its commas: the town comes after the
floor and flat ("… 3450 piso 7 departamento B Buenos Aires quería …").
Dominican ones go on after commas with their district ("zona colonial",
"ensanche Naco", "sector Los Prados") and the city, which may be named
after a saint's day ("Santo Domingo"). A codice fiscale read out comes in
groups ("BRH LKS 85 M12 B220 S"), its check character still checked; a
record number may be a year and a number with spaces around the slash
("2024 / 118 735").

Read back from a postcode, a sentence in capitals ("I LIVE AT …") is no
line of the address.

Not addresses: a floor of a building, a street without a number, a time
before a weekday, "the 6 church services", a first name after a number ("3 Lon Chaney films"), a
company's "& Co.". Not a town after a plain space: a capitalised word of
the sentence ("Urgente", "Quería"), a field's label ("Cel. 333"), a writer
who capitalises every word. Not a codice fiscale: three-letter words and
numbers, a code whose check character is wrong. Not a record number: a
count after a slash ("MRN 4471823 / 2 visits").
"""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from guardrails.recognizers.address_tail import address_tail
from tests.guardrails.phi_helpers import redacted

A = "STREET_ADDRESS"
CF = "IT_FISCAL_CODE"
MRN = "MEDICAL_RECORD_NUMBER"

FOUND = [
    # Irish: county and Eircode after the townland, in capitals or lower case
    (
        "en",
        "DEAR SIR . I LIVE AT 14 MILL VIEW , DOUGLAS , CO. CORK T12 R2C6 . PHONE 087 555 0192 .",
        "14 MILL VIEW , DOUGLAS , CO. CORK T12 R2C6",
        A,
    ),
    (
        "en",
        "i live at 3 harbour view, kinsale, co. cork p17 kx32 thanks",
        "3 harbour view, kinsale, co. cork p17 kx32",
        A,
    ),
    (
        "en",
        "my address: 27 Main Street, Macroom, Co. Cork P12 W5K8",
        "27 Main Street, Macroom, Co. Cork P12 W5K8",
        A,
    ),
    (
        "en",
        "we met at 4 Church View, Ballincollig, Co Cork and then went home",
        "4 Church View, Ballincollig, Co Cork",
        A,
    ),
    ("en", "Rose Cottage, Knockaderry, Co. Limerick V94 X2C4", None, A),
    (
        "en",
        "I LIVE AT ROSE COTTAGE , KNOCKADERRY , CO. LIMERICK V94 X2C4 .",
        "ROSE COTTAGE , KNOCKADERRY , CO. LIMERICK V94 X2C4",
        A,
    ),
    # read back from a postcode, a sentence in capitals is no address line
    (
        "en",
        "DEAR DOCTOR . I LIVE AT 6 CHURCH ROAD , YORK YO31 7QZ . THANK YOU",
        "6 CHURCH ROAD , YORK YO31 7QZ",
        A,
    ),
    # Welsh: the street word after the number; the postcode after the town
    (
        "en",
        "oops wrong one, it's 31 Heol y Nant, Caerphilly CF83 1AB. thanks",
        "31 Heol y Nant, Caerphilly CF83 1AB",
        A,
    ),
    ("en", "I'm at 3 Ffordd yr Eglwys, Bangor LL57 1AB", "3 Ffordd yr Eglwys, Bangor LL57 1AB", A),
    ("en", "we live at 7 Stryd Fawr and my phone is broken", "7 Stryd Fawr", A),
    ("en", "sorry, it is 12 lôn isaf, aberystwyth.", "12 lôn isaf, aberystwyth", A),
    ("en", "post it to 9 Lôn Ddewi and ring me", "9 Lôn Ddewi", A),
    ("en", "24 heol y coed, cardiff cf14 6hg", None, A),
    # Argentine, dictated: the town after the flat with no comma
    (
        "es",
        "la dirección es Avenida Colón 1450 piso 2 dpto B Córdoba quería saber si atienden",
        "Avenida Colón 1450 piso 2 dpto B Córdoba",
        A,
    ),
    # Dominican: a district and a city named after a saint's day
    (
        "es",
        "MUY BUENAS .\nCALLE DUARTE 45 , ENSANCHE NACO , SANTO DOMINGO . MI TELÉFONO ES EL MISMO",
        "CALLE DUARTE 45 , ENSANCHE NACO , SANTO DOMINGO",
        A,
    ),
    (
        "es",
        "resido en la calle las mercedes 12, zona colonial, santo domingo.",
        "calle las mercedes 12, zona colonial, santo domingo",
        A,
    ),
    (
        "es",
        "vivo en calle Duarte 45, ensanche Naco, Santo Domingo",
        "calle Duarte 45, ensanche Naco, Santo Domingo",
        A,
    ),
    # a codice fiscale in groups, as read out or dictated
    ("it", "Il Mio Codice Fiscale è RSS MRA 85 T10 A562 S grazie", "RSS MRA 85 T10 A562 S", CF),
    ("it", "cf RSSMRA 85T10 A562S", "RSSMRA 85T10 A562S", CF),
    ("it", "codice fiscale r s s m r a 8 5 t 1 0 a 5 6 2 s", "r s s m r a 8 5 t 1 0 a 5 6 2 s", CF),
    ("it", "il codice fiscale di mia madre: VRD-GPP-72E41-F205J", "VRD-GPP-72E41-F205J", CF),
    # a year and a number, spaces around the slash, the number in groups
    (
        "it",
        "Sono Stato Dimesso Dall'Ospedale Di Trento , Cartella Clinica N. 2023 / 48 213 , Grazie",
        "2023 / 48 213",
        MRN,
    ),
    ("es", "historia clínica 2019 / 44 812 gracias", "2019 / 44 812", MRN),
]
"""(language, text, value, type): ``value`` None means the whole text."""

NOT_FOUND = [
    ("es", "el consultorio está en el piso 7 de la torre", A),
    ("es", "vivo en la calle Mayor desde hace años", A),
    ("es", "nos vemos en el piso 7 de la torre B Norte gracias", A),
    ("es", "la cita es a las 10 Martes no puedo", A),
    ("es", "el turno es el 12 Martes a las 10", A),
    ("en", "I went to the 6 church services this month at St Mary's", A),
    ("en", "i watched 3 Lon Chaney films", A),
    ("en", "my order is 12 co. limited", A),
    ("en", "see you at 4 Tuesday, thanks", A),
    ("en", "my booking ref is K67 2XY9 please", A),
    ("it", "il mio cf è il numero 85 e ho 12 anni per lei era 120", CF),
    ("it", "sono nata nel 85 a Roma ho 12 figli e 220 nipoti", CF),
    ("it", "per lui ora non era 85 e poi lei 120 anni", CF),
    # the check character is wrong: no codice fiscale, however grouped
    ("it", "codice fiscale RSS MRA 85 T10 A562 T sono nato", CF),
]


@pytest.mark.parametrize(("language", "text", "value", "kind"), FOUND)
def test_found(
    phi_guard: PhiRedactionGuard, language: str, text: str, value: str | None, kind: str
) -> None:
    assert (text if value is None else value, kind) in redacted(phi_guard, text, language)


@pytest.mark.parametrize(("language", "text", "kind"), NOT_FOUND)
def test_not_found(phi_guard: PhiRedactionGuard, language: str, text: str, kind: str) -> None:
    assert not [f for f in redacted(phi_guard, text, language) if f[1] == kind]


def test_a_count_after_a_record_number_stays(phi_guard: PhiRedactionGuard) -> None:
    assert ("4471823", MRN) in redacted(phi_guard, "MRN 4471823 / 2 visits", "en")


def test_a_company_is_no_county(phi_guard: PhiRedactionGuard) -> None:
    found = redacted(phi_guard, "I live at 4 High Street, Cork & Co. Ltd is my employer", "en")
    assert ("4 High Street, Cork", A) in found


@pytest.mark.parametrize(
    ("address", "rest", "town"),
    [
        ("calle Mayor 5", " Madrid y quería pedir cita", " Madrid"),
        ("Avenida Santa Fe 2210 piso 4 depto A", " Rosario gracias", " Rosario"),
        ("calle Mayor 5", " Mar del Plata.", " Mar del Plata"),
        ("calle Mayor 5", " Santo Domingo.", " Santo Domingo"),
        # a word of the sentence, capitalised
        ("calle Mayor 5", " Urgente por favor", ""),
        ("calle Mayor 5", " Quería pedir cita", ""),
        ("via Roma 12", " Ortopedia mi serve", ""),
        # the next field's label
        ("calle Mayor 5", " Cel. 333 123 4567", ""),
        ("calle Mayor 5", " Email: x@y.com", ""),
        # a writer who capitalises every word: the next word is capitalised too
        ("Avenida Corrientes 3450 Piso 7 Departamento B", " Buenos Aires Quería Sacar", ""),
        # a town after a street's name, never after a word: "… Coed, Cardiff" is the comma's
        ("calle Mayor", " Madrid y quería", ""),
    ],
)
def test_town_after_a_plain_space(address: str, rest: str, town: str) -> None:
    text = address + rest
    assert text[len(address) : address_tail(text, len(address))] == town

"""Addresses and names, rounds 30 to 33: care homes, students, farms and hamlets, companies.

Rural and southern addresses take shapes the street keywords missed: a
Neapolitan "vico" with a king's numeral ("vico III Santa Chiara 12"), a
Galician "rúa do …" or "praza da …" with its door "dereita"/"esquerda", an
Italian street whose name opens with "alla" ("via alla Fontana 9"), a
farmstead's house ("Cortijada Los Almendros, casa 3"), a hamlet with no
number at all after "abitiamo" ("località Pian di Sotto, Valtorta"), a house
or a lieu-dit named before its road ("The Granary, 5 Church Street, …", "c'est
Le Mas Haut, chemin des Vignes, …"). Relatives give the address of the person
they write for ("abita in", "vive en", "she lives at"). A town named after a
bigger one keeps its particle and second name ("80013 Casalnuovo di Napoli",
"35002 Las Palmas de Gran Canaria"), and a hostel before the street opens the
address ("foyer Coallia, 12 rue Gambetta, …").

What follows the postcode and the town is a note for the courier, not the
address: a floor, a room, a door or key-safe code ("…, 21000 Dijon, 2e étage,
code 1234A"); a closing in capitals is no town ("… CLERMONT-FERRAND MERCI
BEAUCOUP"), nor is a dictated full stop ("… Milano punto sul citofono …"). The
words before a colon are the sentence, however long ("… cambiar mi dirección
en el sistema: calle …"), and a farm named for what it is stays a word ("alla
cascina di famiglia").

Names in forms and replies come surnames first: "Hollis, Vernon" alone on a
line, "Nombre: Ortuño Belmonte, Reme", a passport's "MAMANI CONDORI, Luz
Marina" (one name, its comma inside). A student signs a sentence with a name
in no list and a mobile ("… élio ferrand-lacaze 06 44 21 87 10"); an Irish
surname gives a lower-case name away ("she's bridie o'halloran, 88"). A
relative corrects the clinic with the surname misspelt ("Vasseur, et pas
Vasseul"), and an elderly writer in capitals introduces herself with a first
name that is also a word ("SOY ANGUSTIAS ROLDAN PIQUERAS"). Not names: "o'clock",
a word as common as "Rosso" near "Rossi", a closing before a first name
("Grazie, Maria"), "Sono Stata Dimessa …" in Title Case.
"""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from tests.guardrails.phi_helpers import redacted

A = "STREET_ADDRESS"
P = "PERSON"

FOUND = [
    (
        "it",
        "mia madre abita in vico III Santa Chiara 12, 80134 Napoli, primo piano. grazie",
        "vico III Santa Chiara 12, 80134 Napoli",
        A,
    ),
    (
        "it",
        "la zia abita in via Roma 3, 80013 Casalnuovo di Napoli. Passate al mattino",
        "via Roma 3, 80013 Casalnuovo di Napoli",
        A,
    ),
    (
        "es",
        "mi padre vive en rúa da Raíña 14, 1º dereita, 27001 Lugo",
        "rúa da Raíña 14, 1º dereita, 27001 Lugo",
        A,
    ),
    (
        "es",
        "nuevo domicilio: praza do Toural 6, 15705 Santiago",
        "praza do Toural 6, 15705 Santiago",
        A,
    ),
    (
        "it",
        "ci siamo spostati in via alla Fontana 9, fraz. Cornello, Camerata. Ciao",
        "via alla Fontana 9, fraz. Cornello, Camerata",
        A,
    ),
    (
        "es",
        "ahora vivimos en Cortijada Los Almendros, casa 3, 04470 Laujar",
        "Cortijada Los Almendros, casa 3, 04470 Laujar",
        A,
    ),
    (
        "it",
        "Abitiamo località Pian di Sotto, Valtorta, la strada è sterrata",
        "località Pian di Sotto, Valtorta",
        A,
    ),
    (
        "es",
        "me he mudado a un estudio y tenéis que cambiar mi dirección en el sistema: "
        "calle Sorní 21, 46004 Valencia",
        "calle Sorní 21, 46004 Valencia",
        A,
    ),
    (
        "en",
        "Delivery to 12 Mill Lane, Stroud GL5 3AB, first floor, key safe code 4411 please",
        "12 Mill Lane, Stroud GL5 3AB",
        A,
    ),
    (
        "fr",
        "j'habite au 4 rue Pasteur, 21000 Dijon, 2e étage, code 1234A",
        "4 rue Pasteur, 21000 Dijon",
        A,
    ),
    (
        "es",
        "mi hija vive en calle Alta 3, 39001 Santander, habitación 12",
        "calle Alta 3, 39001 Santander",
        A,
    ),
    (
        "fr",
        "ENVOYEZ A MON ADRESSE : 9 RUE DU MOULIN, 63000 CLERMONT-FERRAND MERCI BEAUCOUP",
        "9 RUE DU MOULIN, 63000 CLERMONT-FERRAND",
        A,
    ),
    (
        "en",
        "card in my name, billing address The Granary, 5 Church Street, Ledbury HR8 1DH",
        "The Granary, 5 Church Street, Ledbury HR8 1DH",
        A,
    ),
    (
        "fr",
        "maintenant c'est Le Mas Haut, chemin des Vignes, 30450 Génolhac",
        "Le Mas Haut, chemin des Vignes, 30450 Génolhac",
        A,
    ),
    (
        "it",
        "mio zio abita in via Cavour 8, 20121 Milano punto sul citofono c'è scritto Rota",
        "via Cavour 8, 20121 Milano",
        A,
    ),
    ("it", "siamo alla cascina di famiglia, via Roma 5, Lecco", "via Roma 5, Lecco", A),
    (
        "en",
        "send it to 4417 Linden Ridge Dr, Apt 12B, Columbus, OH 43215",
        "4417 Linden Ridge Dr, Apt 12B, Columbus, OH 43215",
        A,
    ),
    (
        "es",
        "vivo en calle Triana 40, 2º A, 35002 Las Palmas de Gran Canaria. Gracias",
        "calle Triana 40, 2º A, 35002 Las Palmas de Gran Canaria",
        A,
    ),
    (
        "fr",
        "il dort au foyer Coallia, 12 rue Gambetta, 93100 Montreuil depuis mars",
        "foyer Coallia, 12 rue Gambetta, 93100 Montreuil",
        A,
    ),
    (
        "es",
        "vivo en calle Mayor 5, 27530 Santa Cruz de Tenerife",
        "calle Mayor 5, 27530 Santa Cruz de Tenerife",
        A,
    ),
]

FOUND += [
    ("en", "Surname, first name:\nPadgett, Lionel\n1941-06-14", "Padgett, Lionel", P),
    ("es", "Apellidos y nombre:\nCiobanu, Viorica\n11.09.1962", "Ciobanu, Viorica", P),
    ("es", "Nombre: Ortuño Belmonte, Reme\nDNI 12345678Z", "Ortuño Belmonte, Reme", P),
    (
        "es",
        "en el pasaporte pone MAMANI CONDORI, Luz Marina, nacida en 1999",
        "MAMANI CONDORI, Luz Marina",
        P,
    ),
    ("fr", "merci de me rappeler. jules kervella-morin 06 71 22 43 90", "jules kervella-morin", P),
    (
        "en",
        "it's for my aunt, she's maureen o'donoghue, 91, and needs a ramp",
        "maureen o'donoghue",
        P,
    ),
    ("fr", "pour Mme Odette Vasseur, et pas Vasseul comme sur la facture", "Vasseul", P),
    (
        "fr",
        "slt, vs faites les certifs de sport pour le club (AS de la fac) ? jsuis dispo jeudi "
        "aprem. élio ferrand-lacaze 06 44 21 87 10",
        "élio ferrand-lacaze",
        P,
    ),
    (
        "en",
        "hiya, booking respite for my nan from the 3rd, we're away for a christening. she's "
        "bridie o'halloran, 88, uses a frame",
        "bridie o'halloran",
        P,
    ),
    (
        "en",
        "hi, can you send the form to my dad please, he's seamus o'flaherty, 79",
        "seamus o'flaherty",
        P,
    ),
    (
        "es",
        "BUENAS SOY ANGUSTIAS ROLDAN PIQUERAS DE NACIMIENTO 2-7-1937 QUIERO CITA",
        "ANGUSTIAS ROLDAN PIQUERAS",
        P,
    ),
    ("es", "SOY REMEDIOS CASTAÑO GIL Y QUIERO CITA PARA MI RODILLA", "REMEDIOS CASTAÑO GIL", P),
]

NOT_FOUND = [
    ("it", "abito a Monza da 3 anni", A),
    ("it", "invio via alla segreteria 3 documenti", A),
    ("it", "abita in zona, a 5 minuti da voi", A),
    ("en", "see you at 5 o'clock, the lift is on the left", P),
    ("it", "ok perfetto. chiamatemi 3471234567", P),
    ("it", "Buongiorno A Tutti . Sono Stata Dimessa Dall'Ospedale Di Trento Ieri Sera . Grazie", P),
]

NOT_REDACTED = [
    ("it", "sono Marta Rossi, il codice Rosso era per mia madre", "Rosso"),
    ("en", "Grazie, Maria\nsee you", "Grazie, Maria"),
]


@pytest.mark.parametrize(("language", "text", "value", "kind"), FOUND)
def test_found(
    phi_guard: PhiRedactionGuard, language: str, text: str, value: str, kind: str
) -> None:
    assert (value, kind) in redacted(phi_guard, text, language)


@pytest.mark.parametrize(("language", "text", "kind"), NOT_FOUND)
def test_not_found(phi_guard: PhiRedactionGuard, language: str, text: str, kind: str) -> None:
    assert not [f for f in redacted(phi_guard, text, language) if f[1] == kind]


@pytest.mark.parametrize(("language", "text", "value"), NOT_REDACTED)
def test_not_redacted(phi_guard: PhiRedactionGuard, language: str, text: str, value: str) -> None:
    assert value not in [found for found, _ in redacted(phi_guard, text, language)]

"""Phone numbers, addresses, birth dates and names, rounds 20 to 22.

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

Twenty-first round: spelt-out names, roles, Eircodes. Patients correcting
the clinic spell their name letter by letter: "W-Y-N-D-H-A-M",
"q-u-i-s-p-e", "K E R V A R E C", "si scrive r o s s i".
Letters joined by dots are abbreviations ("S.r.l.", "U.S.A."), and a run of
vowels is no name. Someone writing for a patient says what they are ("sono
l'interprete", "soy intérprete", "I am interpreter for …", "je suis la
préparatrice"): a role, not a name. An Irish address ends with its Eircode
("Galway H91 X2C4").

Twenty-second round: names said twice, nicknames, saints' surnames. Young
patients introduce themselves and then say it again, fuller: "sn sara, sara
mele", "name's autumn, autumn mcbride". They give the nickname they go by,
then the name on their card: "soy la cata, catalina huenchumilla". An older
writer puts the nickname in brackets between the first name and the
surname: "MARIA (RIA) DE BEER". Québec surnames of a saint are joined by a
dash: "léa st-amour".

Not names: a role or a nationality between the introduction and the name
("sono la vicina, Carmelina Lopresti", "je suis italienne, Carlotta …"), a
place in brackets after a town ("albarracin (teruel)"), a department in
brackets after a name ("Denise (ricevimento)"), "io"/"yo" in "sono io, …".
"""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from tests.guardrails.phi_helpers import redacted

P, A, D, N = "PHONE_NUMBER", "STREET_ADDRESS", "DATE_OF_BIRTH", "PERSON"

FOUND = [
    # a Mexican mobile with its old "1"
    ("es", "su cel es +52 1 33 4187 2290, marquen despues de las 5", "+52 1 33 4187 2290", P),
    ("es", "whatsapp 0052 1 81 2290 4418", "0052 1 81 2290 4418", P),
    ("es", "me pueden llamar al +521 55 6120 7734?", "+521 55 6120 7734", P),
    ("es", "mi numero +52-1-55-6120-7734 gracias", "+52-1-55-6120-7734", P),
    ("es", "+52 1 5561207734 es el de mi mama", "+52 1 5561207734", P),
    # a Basque street word after the name
    (
        "es",
        "mandadlo a Zabaleta kalea 7, 2º dcha, 20002 donostia porfa",
        "Zabaleta kalea 7, 2º dcha, 20002 donostia",
        A,
    ),
    ("es", "vivo en Gasteiz etorbidea 23, Bilbao", "Gasteiz etorbidea 23, Bilbao", A),
    ("es", "la direccion es Ibarra kalea 3, Eibar", "Ibarra kalea 3, Eibar", A),
    ("es", "estamos en Foruen pasealekua 12 bajo", "Foruen pasealekua 12 bajo", A),
    # a birth date with its month abbreviated between separators, after a short label
    ("es", "Fecha de nac: 14-mar-1969\nTel: no tengo", "14-mar-1969", D),
    ("es", "fec nac 2/oct/1955", "2/oct/1955", D),
    ("it", "data di nasc 7.giu.1948, grazie", "7.giu.1948", D),
    ("fr", "date de naiss 30-janv-1972", "30-janv-1972", D),
    ("en", "DOB 9-Dec-1981 thanks", "9-Dec-1981", D),
    # a capitalised Arabic or Berber particle inside one name
    ("it", "salve sono Samira El Houda Tazi, ho la visita", "Samira El Houda Tazi", N),
    ("fr", "bonjour c'est Yacine Ait Menguellet pour le rdv", "Yacine Ait Menguellet", N),
    ("fr", "je suis Karim Ben Youssef et ma femme aussi", "Karim Ben Youssef", N),
    # a letter standing for a word is no initial
    ("it", "CASTALDI LUCIA x ritiro referti", "CASTALDI LUCIA", N),
    ("it", "MORETTI PAOLO x la visita di domani", "MORETTI PAOLO", N),
    ("es", "soy julian arrieta q no pude ir", "julian arrieta", N),
    # Catalan surnames joined by "i", the sentence going on
    ("es", "mi madre Mercè Bosch i Vila tiene la cita", "Mercè Bosch i Vila", N),
    ("es", "la Roser Castellví i Pons no podra venir", "Roser Castellví i Pons", N),
    # a name that is also an insurer's, or after an owner and a spouse
    ("en", "my son Oscar has a plan to come on Monday", "Oscar", N),
    ("es", "soy Sura Haddad, tengo cita", "Sura Haddad", N),
    ("it", "per mia moglie Mia Lombardi, la visita di lunedi", "Mia Lombardi", N),
    # round 21: names spelt out, a role before a name, Eircodes
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
    # round 22: a name said twice, a nickname, a saint's surname
    ("it", "ciao sn sara, sara mele, volevo prenotare la visita sportiva", "sara mele", N),
    ("it", "ciao sn chiara, chiara fois volevo sapere", "chiara fois", N),
    ("en", "hey name's autumn, autumn mcbride, r u open sat?", "autumn", N),
    ("es", "wena, soy la cata, catalina huenchumilla, necesito hora", "cata", N),
    ("es", "holi soy la pili, pilar amor, necesito hora", "pili", N),
    ("en", "MY NAME IS MARIA (RIA) DE BEER , I WOULD LIKE AN APPOINTMENT", "RIA", N),
    ("en", "MY NAME IS MARIA (RIA) DE BEER , I WOULD LIKE AN APPOINTMENT", "DE BEER", N),
    ("fr", "salut c'est léa st-amour, jsp si vous prenez", "léa st-amour", N),
    ("fr", "allo moi c'est maude st-onge 😊 j'ai pas ma carte", "maude st-onge", N),
]

NOT_FOUND = [
    # no whole Mexican number after +52 1
    ("es", "el prefijo de mexico es +52 1 y luego el numero", P),
    ("es", "pague 52 1 55 pesos en la farmacia", P),
    # Basque street words without a house number
    ("es", "la clinica esta en la misma kalea que la farmacia, a 3 minutos", A),
    ("es", "cogi el bidea 2 veces y me perdi", A),
    # an appointment date with its month abbreviated
    ("es", "la cita es el 14-mar-2027 a las 10", D),
    ("it", "appuntamento il 7.giu.2027", D),
    # the words saying "born" before a date
    ("es", "nacio el 23-01-1976", N),
    ("es", "fec nac 4/5/1961", N),
    ("it", "nata il 12-08-1950", N),
    # doctors, insurers, owners, squares and regions
    ("fr", "le rendez-vous avec la Dre Rose est-tu encore mardi?", N),
    ("fr", "la docteure Gagnon consulte-t-elle le samedi?", N),
    ("fr", "je suis couverte, ma mutuelle c'est Harmonie, ça passe?", N),
    ("es", "mi mama es de sura y el numero de afiliacion lo tengo aca", N),
    ("es", "tengo isapre Consalud, me cubre la ecografia?", N),
    ("en", "do you take Bupa and Aviva or only self-pay?", N),
    ("fr", "ma complémentaire santé est Malakoff Humanis, c'est bon?", N),
    ("it", "vi mando l'iban intestato a mia moglie, va bene?", N),
    ("es", "lo pago con la tarjeta de mi esposo", N),
    ("it", "si puo parcheggiare in piazza della Vittoria?", N),
    ("it", "scrivo dal Ticino, ci sono orari il sabato?", N),
    # round 21: abbreviations, vowels, a writer's role
    ("it", "fattura a Meccanica Fontana S.r.l. per favore", N),
    ("en", "we moved from the U.S.A. last year", N),
    ("it", "ho fatto l'esame A E I O U per l'udito", N),
    ("en", "do you have the A-Z of services?", N),
    ("it", "buongiorno sono l'interprete, a che ora apre il CUP?", N),
    ("es", "soy intérprete de árabe, se puede entrar con el paciente?", N),
    ("en", "hi, I am interpreter, can I come in with her?", N),
    ("fr", "je suis la préparatrice de la pharmacie, vous ouvrez samedi ?", N),
    # round 22
    ("it", "scrivo io che sono la vicina, non parla italiano", N),
    ("es", "soy yo, perdon, me equivoque de chat", N),
    ("fr", "je suis italienne, en erasmus ici, vous prenez la carte européenne ?", N),
]


@pytest.mark.parametrize(("language", "text", "value", "kind"), FOUND)
def test_found(
    phi_guard: PhiRedactionGuard, language: str, text: str, value: str, kind: str
) -> None:
    assert (value, kind) in redacted(phi_guard, text, language)


@pytest.mark.parametrize(("language", "text", "kind"), NOT_FOUND)
def test_not_found(phi_guard: PhiRedactionGuard, language: str, text: str, kind: str) -> None:
    assert not [f for f in redacted(phi_guard, text, language) if f[1] == kind]


def test_a_married_name_after_in_stays_apart(phi_guard: PhiRedactionGuard) -> None:
    found = redacted(phi_guard, "Anna Rossi in Bianchi viene domani", "it")
    assert found == [("Anna Rossi", "PERSON"), ("Bianchi", "PERSON")]


@pytest.mark.parametrize(
    ("language", "text", "word"),
    [
        ("it", "scrivo io che sono la vicina, Carmelina Lopresti", "vicina"),
        ("fr", "Je suis italienne, Carlotta Bevilacqua, en Erasmus", "italienne"),
        ("it", "Grazie, Denise (ricevimento)", "ricevimento"),
        ("it", "sono io, Marco Rossi", "io"),
        ("es", "mandad la carta a c/ la ermita s/n, 44100 albarracin (teruel)", "teruel"),
    ],
)
def test_a_role_or_place_next_to_a_name_is_no_name(
    phi_guard: PhiRedactionGuard, language: str, text: str, word: str
) -> None:
    found = " ".join(v for v, kind in redacted(phi_guard, text, language) if kind == N)
    assert word not in found.split()

"""Phone numbers, addresses, birth dates and names, rounds 20 to 29.

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

Rounds 23 to 25: forms on one line, abbreviated and passport names, farewells,
verbs at the end, companies, clubs and care homes. A form pasted without its
line breaks puts each label right after the last
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

Not names either: a company, a club or a care home ("Hartley Vale FC",
"Tecnoplast S.r.l.", "Maple House Care Home", "RSA Villa Serena", "EHPAD Les
Tilleuls"), a colleague's letter formula ("Cher confrère",
"Confraternellement"), and a form's next label ("Motivo:") after a name.

Rounds 26 and 27: an outpatient centre's week and a holiday area's week. A
phone's label in capitals is no part of the number ("TEL. FISSO 0331 …",
"MOVIL 615 …"), though the letters of a health card's code are ("GAMA
1170301006", a Catalan CIP, with no phone word before it).

A rare word of a name found is that person's wherever else the message writes
it, in any case: "non è Ghisolfi ma GHISLERI … quindi Marta Ghisleri". A
common one is not ("Maria Rosa Bianchi … una rosa"), unless written again
with its capital ("Elia e Azzurra Scavuzzo … Azzurra invece"). Rounds 28 and
29: a capitalised particle and surname go on a capitalised first name wherever
the phrase goes ("c'est Gaëlle Le Floc'h j'appelle"); a lower-case first name
takes the name-like word after it that a number follows ("amarachi onwuachi
07700 900593"), not a laugh ("fisietto ahah"); "ring" is a phone word.

Not names: the employer an HR office writes from ("ufficio personale della
Brambilla Logistica", "service RH de la Menuiserie Lambert & Fils", "HR at
Calloway Engineering", "RRHH de Conservas Arrieta S.L."), the places people
stay at and the companies that insure their travels ("Hotel Costa Serena",
"Camping Las Dunas", "Bagno Vittoria", "Allianz Travel", "Assist Card",
"Europ Assistance"), and thanks in chat shorthand or in the other languages
of the writers ("merci bcp", "Danke", "Grazas", "Eskerrik asko", "Obrigado").
"""

from __future__ import annotations

import pytest
from presidio_analyzer import RecognizerResult

from guardrails.phi_redaction import PhiRedactionGuard
from guardrails.recognizers.form_labels import label_word
from guardrails.recognizers.name_extension import with_name_extensions
from guardrails.recognizers.name_neighbours import with_name_neighbours
from guardrails.recognizers.word_frequency import verb_with_pronouns
from tests.guardrails.phi_helpers import redacted, table_tests

P, A, D, N = "PHONE_NUMBER", "STREET_ADDRESS", "DATE_OF_BIRTH", "PERSON"

FOUND = [
    ("it", "i gemelli Nives e Ottone Brusaferro (9 anni). Ottone ha la febbre", "Ottone", "PERSON"),
    (
        "fr",
        "oui bonjour c'est Maëlle Le Dréau j'appelle pour le scanner",
        "Maëlle Le Dréau",
        "PERSON",
    ),
    ("fr", "bonjour c'est Erwan Le Floc'h j'appelle pour mon rdv", "Erwan Le Floc'h", "PERSON"),
    ("en", "can I move my appt? thanks. chidinma okafor 07700 900871", "chidinma okafor", "PERSON"),
    ("en", "PLEASE RING 0161 496 0377 AFTER 2", "0161 496 0377", "PHONE_NUMBER"),
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
    # round 23-25
    ("es", "Paciente: Aitziber Lasa Urkiola. Motivo: control anual", "Aitziber Lasa Urkiola", N),
    ("en", "Afternoon, Oakwood Lodge Care Home here, for Mr Desmond Pryce", "Desmond Pryce", N),
    # a form on one line: each label its own name, cut at the next label
    ("fr", "Nom : Tran Prénom : Van Duc Né le : 3/4/1980", "Van Duc", N),
    ("fr", "Nom : Tran Prénom : Van Duc Né le : 3/4/1980", "Tran", N),
    ("fr", "Nom : Pham Prénom : Thi Lan Date de naissance : 02/06/1969", "Thi Lan", N),
    ("it", "Cognome: Rinaldini Nome: Ottavia Data di nascita: 4/5/1977", "Ottavia", N),
    ("es", "Apellidos: Quiroga Nombre: Ximena Teléfono: 612 448 903", "Ximena", N),
    (
        "en",
        "Name: Ruairi Breathnach\nAddress: Flat 4, Ard Mhuire, Naas, Co. Kildare W91 KX2P",
        "Ruairi Breathnach",
        N,
    ),
    # abbreviated first names
    ("en", "hi this is Ma. Theresa Dimaculangan, i need to cancel", "Ma. Theresa Dimaculangan", N),
    ("es", "buenas, soy Fco. Javier Ordóñez y quería una cita", "Fco. Javier Ordóñez", N),
    ("es", "a nombre de Mª Pilar Echeverría por favor", "Mª Pilar Echeverría", N),
    # surnames, comma, first names, all in capitals as on a passport
    (
        "es",
        "los pasaportes: RAMÍREZ OTERO, JUAN CARLOS y VIDAL ROCA, MARÍA ELENA. gracias",
        "RAMÍREZ OTERO, JUAN CARLOS",
        N,
    ),
    (
        "es",
        "los pasaportes: RAMÍREZ OTERO, JUAN CARLOS y VIDAL ROCA, MARÍA ELENA. gracias",
        "VIDAL ROCA, MARÍA ELENA",
        N,
    ),
    ("en", "names as on the passports: PRENDERGAST, MICHAEL JOHN", "PRENDERGAST, MICHAEL JOHN", N),
    # Irish place names with their small words
    (
        "en",
        "she lives at 9 Bóthar na Trá, Salthill, Co. Galway H91 D2X4 if that helps",
        "9 Bóthar na Trá, Salthill, Co. Galway H91 D2X4",
        A,
    ),
    # dates of birth, dictated or spaced
    ("it", "sono nato il 7 del 2 1956 e vorrei sapere", "7 del 2 1956", D),
    ("it", "nata il 14 11 1983, cell dopo", "14 11 1983", D),
    ("es", "nací el 9 de 10 1990", "9 de 10 1990", D),
    ("fr", "né le 02 - 07 - 1961 à Lyon", "02 - 07 - 1961", D),
    ("en", "Born On The 21st Day Of March , 1952 In Dundee", "21st Day Of March , 1952", D),
    (
        "it",
        "ho sbagliato: non FERRAGUTI ma FERRAGATTI. quindi Ilenia Ferragatti",
        "FERRAGATTI",
        "PERSON",
    ),
    ("fr", "c'est écrit Kerbrat, pas Kerbrad. Nolwenn Kerbrat, merci", "Kerbrat", "PERSON"),
    ("en", "HR at Hollis Freight here: can Tamsin Oduya come on Monday?", "Tamsin Oduya", "PERSON"),
    ("it", "ROTA GIUSEPPINA\nTEL. FISSO 035 421 8870", "035 421 8870", "PHONE_NUMBER"),
    ("es", "SE LLAMA ANSELMO RIVAS. MOVIL 622 31 84 05", "622 31 84 05", "PHONE_NUMBER"),
    ("fr", "mon tel FIXE 04 78 52 19 63 merci", "04 78 52 19 63", "PHONE_NUMBER"),
    ("es", "la tarjeta sanitaria de mi hijo es GAMA 1170301006", "GAMA 1170301006", "ID_NUMBER"),
    ("en", "Subscriber # HMO 338 001 772", "HMO 338 001 772", "PHONE_NUMBER"),
    ("es", "Muchas gracias. Eskerrik asko! Ainhoa Zubizarreta", "Ainhoa Zubizarreta", "PERSON"),
    ("en", "booked under Hotel guest Ruairi Breslin, room 12", "Ruairi Breslin", "PERSON"),
    (
        "it",
        "il cliente del Camping Pineta, Oreste Cavazzuti, ha la febbre",
        "Oreste Cavazzuti",
        "PERSON",
    ),
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
    # round 23-24
    ("it", "ok allora aspetto la chiamata grazie arrivederci", N),
    # round 25: companies, clubs and care homes; a colleague's letter formula
    ("en", "Hi, I'm the physio at Greystones Rovers FC, can we book a scan", N),
    ("en", "Afternoon, Oakwood Lodge Care Home here, about the eye screening", N),
    ("it", "scrivo dalla RSA Villa Fiorita per le visite degli ospiti", N),
    ("fr", "je travaille à l'EHPAD Les Glycines, pour les audiogrammes", N),
    ("fr", "« Chère consœur, merci de recevoir cette patiente. Confraternellement »", N),
    ("it", "va bene, a domani. grazie, arrivederla", N),
    ("fr", "Le dossier est complet ? Bonne soirée", N),
    ("fr", "je rappellerai demain. merci, au revoir", N),
    ("es", "no me llegó el correo, porfa revisadlo", N),
    ("es", "si hay hueco antes avisadme gracias", N),
    ("it", "se si libera un posto chiamatemi grazie", N),
    ("es", "cambié de número, xfa actualizadlo", N),
    ("es", "Cambié de número. Actualizadlo, por favor", N),
    ("it", "ho appuntamento il 3 del 11 alle 10", D),
    ("it", "nato il 3 del 11 alle 10 in punto", D),
    ("en", "my appointment is on 3 11 2026 at 9", D),
    ("it", "scrivo dall'ufficio personale della Carpenteria Locatelli per 4 visite", "PERSON"),
    ("fr", "Bonjour, service RH de la Boulangerie Vasseur & Fils, 3 visites", "PERSON"),
    ("en", "Hi, this is HR at Pendleton Logistics, we need 5 medicals", "PERSON"),
    ("es", "les escribo de RRHH de Talleres Goikoetxea S.L., son 6 revisiones", "PERSON"),
    ("it", "ufficio del personale di Officine Mazzoleni srl, visite periodiche", "PERSON"),
    ("it", "vi scrivo dall'Hotel Bellavista: un ospite ha la febbre", "PERSON"),
    ("it", "siamo al Camping Lido Azzurro fino a sabato", "PERSON"),
    ("it", "la farmacia dietro il Bagno Aurora è chiusa", "PERSON"),
    ("es", "le escribo desde el Hostal San Fermín, un cliente se ha caído", "PERSON"),
    ("es", "estamos en el Camping Las Gaviotas hasta el domingo", "PERSON"),
    ("fr", "nous sommes au Camping Les Mimosas jusqu'à dimanche", "PERSON"),
    ("en", "Hello from Camping Sole e Mare, can a guest come in today?", "PERSON"),
    ("en", "our travel insurer is Allianz Travel, they want the invoice", "PERSON"),
    ("es", "la factura es para el seguro de viaje (Assist Card)", "PERSON"),
    ("it", "l'assicurazione di viaggio è Europ Assistance, vi mando la polizza", "PERSON"),
    ("fr", "je suis assurée chez Mondial Assistance pour le voyage", "PERSON"),
    ("fr", "vous pouvez m'envoyer les résultats par mail ? merci bcp", "PERSON"),
    ("en", "you said you would refund them. Danke", "PERSON"),
    ("es", "me pueden devolver los 40 euros? Grazas!", "PERSON"),
    ("es", "Gracias por todo. Eskerrik asko", "PERSON"),
    ("es", "perdón por mi español, obrigado", "PERSON"),
    ("it", "ROTA GIUSEPPINA\nTEL. FISSO 035 421 8870", "ID_NUMBER"),
]


test_found, test_not_found, _ = table_tests(FOUND, NOT_FOUND)


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


def test_a_word_in_capitals_after_a_surname_and_comma_is_no_first_name(
    phi_guard: PhiRedactionGuard,
) -> None:
    found = redacted(phi_guard, "SCRIVO PER CONTO DI BRAMBILLA, GRAZIE MILLE", "it")
    assert not [value for value, _ in found if "GRAZIE" in value]


def test_a_label_is_not_part_of_the_name_before_it(phi_guard: PhiRedactionGuard) -> None:
    found = redacted(phi_guard, "Nom : Vo Prénom : Thi Hoa Date de naissance : 11/1/1990", "fr")
    assert ("Thi Hoa", N) in found
    assert not [value for value, _ in found if "Date" in value]


def test_title_case_around_a_list_of_surnames_keeps_a_first_name(
    phi_guard: PhiRedactionGuard,
) -> None:
    text = "le visite sono per tre persone: Di Marco Ilaria, Di Marco Paolo e il piccolo Sveva"
    found = redacted(phi_guard, text, "it")
    assert ("Sveva", N) in found


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


def test_a_phone_label_stays_in_the_text(phi_guard: PhiRedactionGuard) -> None:
    text = "TEL. FISSO 035 421 8870"
    assert [value for value, _ in redacted(phi_guard, text, "it")] == ["035 421 8870"]


def test_a_common_word_of_a_name_is_not_redacted_elsewhere(phi_guard: PhiRedactionGuard) -> None:
    found = redacted(phi_guard, "Maria Rosa Bianchi, vorrei portare una rosa", "it")
    assert found == [("Maria Rosa Bianchi", "PERSON")]


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("it", "sono Efisio ma x tutti sn fisietto ahah, posso venire?", "fisietto"),
        ("es", "me llamo yurena jajaja, tengo cita el lunes", "yurena"),
        ("fr", "c'est pour Maëlys mdr, elle a 4 ans", "Maëlys"),
    ],
)
def test_a_laugh_after_a_name_is_not_part_of_it(
    phi_guard: PhiRedactionGuard, language: str, text: str, name: str
) -> None:
    assert (name, "PERSON") in redacted(phi_guard, text, language)


def _person(text: str, value: str) -> RecognizerResult:
    start = text.index(value)
    return RecognizerResult("PERSON", start, start + len(value), 0.85)


def test_a_capitalised_particle_and_surname_widen_a_first_name() -> None:
    text = "oui bonjour c'est Gaëlle Le Floc'h j'appelle pour la radio"
    widened = with_name_extensions(text, [_person(text, "Gaëlle")])
    assert [text[r.start : r.end] for r in widened] == ["Gaëlle Le Floc'h"]


def test_a_capitalised_word_of_a_name_is_found_again_with_its_capital() -> None:
    text = "la mamma di Azzurra Scavuzzo. Azzurra invece ha la febbre, azzurra la maglia"
    found = with_name_neighbours(text, [_person(text, "Azzurra Scavuzzo")])
    again = sorted(text[r.start : r.end] for r in found)
    assert again == ["Azzurra", "Azzurra Scavuzzo"]

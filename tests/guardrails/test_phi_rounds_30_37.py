"""Addresses, names and birth dates, rounds 30 to 37: care, students, farms, babies, crews.

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

Rounds 34 to 37. A baby's date of birth comes after its name ("è nata la
nostra bimba, Beatrice Ruggiero, il 2 novembre"), and Spanish and Italian
writers give theirs as "soy del …", "ella es del …", "sono del …"; a
prescription "es del 3 de mayo" is no birth, nor a date the writer wants to
come or move to ("nato a Bari e volevo spostare al 3 dicembre 2026"). An address read back from its
postcode that took in a name and an ID before it keeps its part from the
number after them. Crew lists copy passports: surnames in capitals first
("- REYES Marvin Paul", the surname also a word), Filipino particles ("DELA
PAZ"), an abbreviated first name ("MENDOZA Ma. Teresa"), a suffix with its
full stop ("Ramon Jr."). Genoa's steep streets are "salita". A likely first
name with an English possessive is a name ("Olivia's hearing test"), not a
restaurant after an article ("a Nando's"). A word in capitals before a name
is no surname unless it is one ("1. MONDAY Anna Smith"). A company named
after its owner ends with its legal form ("Officine Gatti snc", "Transports
Roussel SARL"); Genworth insures long-term care. A verb of birth opening a
sentence after a greeting is no name ("¡Hola! Nació nuestra hija …").
"""

from __future__ import annotations

from tests.guardrails.phi_helpers import table_tests

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

D = "DATE_OF_BIRTH"

# Rounds 34 to 37.
FOUND += [
    (
        "it",
        "è nato il nostro primo figlio, Matteo Colombo, il 3 ottobre 2025! Vorremmo iscriverlo",
        "3 ottobre 2025",
        D,
    ),
    (
        "es",
        "mi mujer no puede escribir, ella es del doce de abril del ochenta y cinco y el móvil "
        "es el 655 12 34 56",
        "doce de abril del ochenta y cinco",
        D,
    ),
    ("it", "sono del 9 maggio 1979 e vorrei spostare la visita", "9 maggio 1979", D),
    (
        "fr",
        "je n'ai que mon DNI espagnol ? 48213576-X. Ander Goikoetxea, 8 rue des Lois, appt 2, "
        "31000 Toulouse",
        "8 rue des Lois, appt 2, 31000 Toulouse",
        A,
    ),
    (
        "it",
        "Avrei bisogno di 3 visite per marittimi:\n- MENDOZA Ma. Teresa, nata il 11/01/1992",
        "MENDOZA Ma. Teresa",
        P,
    ),
    ("en", "crew:\n1. VILLAR, Ramon Jr. – DOB 11 Mar 1985", "VILLAR, Ramon Jr.", P),
    ("it", "marittimi:\n- DELA PAZ Mark Joseph, nato il 02/05/1990", "DELA PAZ Mark Joseph", P),
    (
        "fr",
        "Agence maritime Quillec, escale du MV Northern Tern. Je vous envoie 3 marins pour la "
        "visite d'aptitude jeudi matin :\n- REYES Marvin Paul, né le 12/04/1988\n"
        "- OWUSU Kofi Mensah (1986)",
        "REYES Marvin Paul",
        P,
    ),
    (
        "it",
        "speditelo a salita San Gerolamo 14 int. 3, 16125 Genova grazie",
        "salita San Gerolamo 14 int. 3, 16125 Genova",
        A,
    ),
    (
        "en",
        "could you send me the letter from the hospital after Olivia's hearing test?",
        "Olivia",
        P,
    ),
]

NOT_FOUND = [
    ("it", "abito a Monza da 3 anni", A),
    ("it", "invio via alla segreteria 3 documenti", A),
    ("it", "abita in zona, a 5 minuti da voi", A),
    ("en", "see you at 5 o'clock, the lift is on the left", P),
    ("it", "ok perfetto. chiamatemi 3471234567", P),
    ("it", "Buongiorno A Tutti . Sono Stata Dimessa Dall'Ospedale Di Trento Ieri Sera . Grazie", P),
]

NOT_FOUND += [
    ("es", "la receta es del 3 de mayo", D),
    ("it", "sono nato a Bari e volevo spostare al 3 dicembre 2026", D),
    ("en", "born in Leeds, I would like to come in on 3 December 2026", D),
    ("es", "nací en Lugo y quería pasar el 9 de diciembre de 2026", D),
]

NOT_REDACTED = [
    ("it", "sono Marta Rossi, il codice Rosso era per mia madre", "Rosso"),
    ("en", "Grazie, Maria\nsee you", "Grazie, Maria"),
    ("en", "Google Maps shows a Nando's next door, is that right?", "Nando"),
    ("en", "1. MONDAY Anna Smith", "MONDAY Anna Smith"),
    ("it", "la fattura intestata a Officine Gatti snc per la visita di Paola Gatti", "Officine"),
    ("fr", "facture au nom de Transports Roussel SARL pour Françoise Roussel", "Transports"),
    ("en", "Genworth want the invoice for my dad Harold Bexley", "Genworth"),
    ("es", "¡Hola! Nació nuestra hija Lucía Gómez Sanchis el 14/11/2025", "Nació"),
    ("it", "Buongiorno! Nacque a Roma mia nonna Ada Ferri", "Nacque"),
]


test_found, test_not_found, test_not_redacted = table_tests(FOUND, NOT_FOUND, NOT_REDACTED)

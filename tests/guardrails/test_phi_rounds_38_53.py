"""Names, addresses and numbers, rounds 38 to 53: dialysis, donors, borders, refugees, travel.

English writers say who a patient is with "she's"/"he's" and a name ("she's
Ngozi Eze"), never a faith, a need or a nationality ("she's Deaf", "he's Sunni
Muslim", "She's Polish"). Rosters number their lines ("1. Malik, Yasmin – …",
"2) El Idrissi Karim - …"), keep an Irish surname before the comma
("O'Sullivan, Ciara – DOB tbc") and an Arabic particle opening the surname. A
middle initial needs no stop ("Gurpreet S Dhillon"), nor do two initials ("R
K Fenwick"). A relative signs after a comma with a first name and a mobile
("sono la nuora, Paola 347 …"), or with a first name before an e-mail that
holds it ("Iker iker.sanz.b@…"). A child's name found in the message is
found again inside a photo's file name ("neo_schiena_Bianca_maggio.jpg"). One
surname that is also a word stands between the given names and the last
surname ("juan manuel cabeza rubio"). "LA MOGLIE DI ANGELO": the particle is a
preposition after a relative, and the name in capitals after it stays.

Addresses: a town opened by its article ("11300 La Línea de la Concepción"),
an Andorran "AD200" postcode after a Catalan floor ("1r 3a"), San Marino's
"(RSM)", a door number after a Spanish floor that the postcode follows ("2º
12560" is the floor and the postcode, never a door "12"), a Belgian street
with its number after the name and a box ("rue Haute 87 bte 2, 1000
Bruxelles", "rue Sainte-Walburge 58"), a Lyon "montée", a Glasgow flat by floor
and door after an emoji ("😅 Flat 1/2, …"), a small town's name ending the line after the house
number ("via Cavour 9 Vimodrone"). A Swiss insured number after "n° d'assuré".

Rounds 46 to 49: a Dutch particle's second word ("Pieter Van den Broeck"), an
Arabic particle after a relative ("mon grand-père El Hadji Mamadou Ndiaye"), an
initial after a courtesy title ("MRS J HOLLOWAY"), a town's name going on after
a particle ("…, Santarcangelo di Romagna"; never a weekday), a year said
"duemila e quattro", a date written "1958年4月17日". Words that are never a
name alone are dropped when only the learned model found them ("ma carte
Vitale"), unless a title or a relative comes before ("mia zia Pace");
nationalities, greetings and thanks in the languages visitors write in
("portuguesa", "Salam", "Shukran", "Gamarjoba", "Moltes") are no names, nor are
a French closing's shorthand ("Cdlt") and medicines by their brand ("Grazax",
"Voltarene", "Mimpara", pills and implants such as "Kyleena").

Rounds 50 to 53: a card's embossed name after a courtesy title ("MRS P R
GREENHALGH", the title outside; "MRS I AM …" is no name); a reply's date with a
written month and a two-digit year after a name and a comma ("luisa fumagalli,
3 marzo 47"; never this year's or the next: "Mario Rossi, 12 giugno 26"); a
Spanish door in words ("tercero segunda"), "bajos" and Catalan "baix", a "Camí".

Numbers: a date of birth followed by a mobile is two findings, the mobile
redacted on its own ("3/2/10 3405512987"); a stop word in capitals before a
number is no part of it ("LLAMEN AL 964 …", "MY NUMBER IS 0191 …").
"""

from __future__ import annotations

from tests.guardrails.phi_helpers import table_tests

A = "STREET_ADDRESS"
P = "PERSON"

FOUND = [
    # names
    ("en", "Her NHS number is 485 777 3910, she's Ngozi Eze. Is Friday on?", "Ngozi Eze", P),
    ("en", "name on card Karen Platt. He's Barry, booked Tuesday 3.30", "Barry", P),
    ("en", "Players:\n1. Malik, Yasmin – 04/05/2013 – FAN 41112222\n", "Malik, Yasmin", P),
    ("en", "Staff for the jabs:\nO'Sullivan, Ciara – DOB tbc, on nights", "O'Sullivan, Ciara", P),
    ("it", "Elenco:\n2) El Idrissi Karim - la data arriva domani", "El Idrissi Karim", P),
    ("en", "name on card Gurpreet S Dhillon please", "Gurpreet S Dhillon", P),
    ("en", "card holder R K Fenwick, expiry 09/27", "R K Fenwick", P),
    ("it", "Vi scrivo per mio padre Gino Riva.\nPer tutto sono la nuora, Paola 347 118 2290",
     "Paola", P),
    ("es", "me mandáis el informe? NHC 2023-771. Iker iker.sanz.b@gmail.com", "Iker", P),
    ("it", "[foto] neo_schiena_Bianca_maggio.jpg\nsi chiama Bianca Sala, ha 7 anni", "Bianca", P),
    ("es", "se llama juan manuel cabeza rubio, nacido el 2/3/1970", "juan manuel cabeza rubio", P),
    ("fr", "BONJOUR JE SUIS LA MERE DE CLEMENTINE ELLE EST EN SALLE DE REVEIL", "CLEMENTINE", P),
    # addresses
    ("es", "por casa? c/ Jazmín 4, 2º B, 11300 La Línea de la Concepción. Gracias",
     "c/ Jazmín 4, 2º B, 11300 La Línea de la Concepción", A),
    ("es", "a casa: Av. Meritxell 20, 1r 3a, AD200 Encamp, gràcies",
     "Av. Meritxell 20, 1r 3a, AD200 Encamp", A),
    ("it", "la fattura a via dei Gelsi 12, 47893 Borgo Maggiore (RSM). Grazie",
     "via dei Gelsi 12, 47893 Borgo Maggiore (RSM)", A),
    ("es", "MANDENLO A AVDA. DE ARAGON 9 3º 46010 VALENCIA O LLAMEN",
     "AVDA. DE ARAGON 9 3º 46010 VALENCIA", A),
    ("fr", "envoyez la facture rue Sainte-Walburge 58, 4000 Liège svp",
     "rue Sainte-Walburge 58, 4000 Liège", A),
    ("fr", "son adresse : 12 montée de la Grande-Côte, 69001 Lyon ?",
     "12 montée de la Grande-Côte, 69001 Lyon", A),
    ("fr", "notre adresse : rue Haute 87 bte 2, 1000 Bruxelles merci",
     "rue Haute 87 bte 2, 1000 Bruxelles", A),
    ("en", "could you post it? I have no printer 😅 Flat 1/2, 17 Crow Road, Glasgow G11 7RT. Morag",
     "Flat 1/2, 17 Crow Road, Glasgow G11 7RT", A),
    ("it", "per la fattura:\nFerrario Luigia\nvia Cavour 9 Vimodrone\n02 2650 1187",
     "via Cavour 9 Vimodrone", A),
    ("it", "Il nostro ospite Pieter Van den Broeck (belga, camera 12) è caduto",
     "Pieter Van den Broeck", P),
    ("fr", "pour mon grand-père El Hadji Omar Diallo, né le 3 mai 1941",
     "El Hadji Omar Diallo", P),
    ("en", "Visa 4659 3307 1842 2063 exp 05/27, name on card MRS J HOLLOWAY",
     "J HOLLOWAY", P),
    ("it", "mia zia Pace ha 91 anni e non fa le scale", "Pace", P),
    ("it", "Indirizzo via del Fosso 5 int. 3, Santarcangelo di Romagna, chiedere di Nives",
     "via del Fosso 5 int. 3, Santarcangelo di Romagna", A),
    ("it", "lui è nato dodici marzo duemila e sette noi dormiamo", "dodici marzo duemila e sette",
     "DATE_OF_BIRTH"),
    ("it", "Lei è nata il 1961年9月3日. Possiamo venire oggi?", "1961年9月3日", "DATE_OF_BIRTH"),
    # rounds 50 to 53
    ("en", "Visa 4659 3307 1842 2063, card holder MRS P R GREENHALGH", "P R GREENHALGH", P),
    ("en", "please invoice Mr T Atkinson at the same address", "T Atkinson", P),
    ("it", "ecco: luisa fumagalli, 3 marzo 47, cell 338 221 7765", "3 marzo 47", "DATE_OF_BIRTH"),
    ("es", "vivo en la calle Cuba 12, tercero segunda en Valencia vale",
     "calle Cuba 12, tercero segunda", A),
    ("es", "mándenlo a calle Mayor 3 bajos, 46001 Valencia por favor",
     "calle Mayor 3 bajos, 46001 Valencia", A),
    ("es", "la factura a Camí Vell 20, baix, 46470 Catarroja",
     "Camí Vell 20, baix, 46470 Catarroja", A),
    # numbers
    ("fr", "assuré LAMal chez Groupe Mutuel, n° d'assuré 756.1234.5678. Merci",
     "756.1234.5678", "INSURANCE_POLICY"),
    ("it", "rota samuele 3/2/10 3405512987", "3405512987", "ID_NUMBER"),
    ("it", "rota samuele 3/2/10 3405512987", "3/2/10", "DATE_OF_BIRTH"),
    ("es", "ESCRIBANME O LLAMEN AL 964 30 18 57", "964 30 18 57", "PHONE_NUMBER"),
]  # fmt: skip

NOT_FOUND = [
    ("en", "she's Deaf and will need a BSL interpreter", P),
    ("en", "he's Sunni Muslim, is there a quiet room to pray?", P),
    ("en", "She's Polish, she speaks little English", P),
    ("en", "His appointment is Tues 9:40 with the nurse", P),
    ("fr", "Pouvez-vous me rappeler demain matin ?", P),
    ("it", "domani, giovedi 3331234567", P),
    ("fr", "Il est encore sur ma carte Vitale, mon numéro vous l'avez", P),
    ("es", "soy portuguesa, vivo en Valencia", P),
    ("en", "Hi all, Salam. Shukran for your help", P),
    ("fr", "Gamarjoba, merci pour tout", P),
    ("fr", "Merci pour la livraison de ce matin.\nCdlt", P),
    ("it", "mi serve il Grazax per l'allergia", P),
    ("es", "me queda poco Voltarene y el Mimpara", P),
    ("it", "la visita è il 2026年4月17日 alle 10", "DATE_OF_BIRTH"),
]

NOT_REDACTED = [
    ("it", "BUONGIORNO SONO LA MOGLIE DI ANGELO", "DI ANGELO"),
    ("en", "CALL ME PLEASE, MY NUMBER IS 0191 498 0317", "IS 0191"),
    ("fr", "il y a 2 cité universitaires près de chez nous", "cité"),
    ("en", "Thanks, Maria - see you Monday", "Thanks"),
    ("it", "abito in via Roma 5, Milano di Sabato non ci sono", "Sabato"),
    ("it", "per Mario Rossi, 12 giugno 26 alle 10", "12 giugno"),
    ("en", "MRS I AM WRITING ABOUT MY HUSBAND", "AM"),
    ("es", "la factura a casa? Núria Cassany, +376 634 218. Moltes gràcies", "Moltes"),
]


test_found, test_not_found, test_not_redacted = table_tests(FOUND, NOT_FOUND, NOT_REDACTED)

"""Words that are never a patient's name where they stand, round 30.

Not names: medicines and vaccines by their brand ("il Movicol", "the Ixiaro
jab", "Optimizette"), diseases named after a physician ("centro diurno
Alzheimer"), what a family calls its members ("Mum", "Dad", "la mamá de",
"MIA MOGLIE", "c'est mamie ginette"), a professional or a widow's title
inside a name ("l'avv.", "dell'Ing.", "ved.", "VIUDA DE"), weekdays in the
plural ("Wednesdays"), a company's legal form ("snc", "SARL", "SL"), the
labels of a form or a card ("Titulaire", "Policyholder", "Insurer",
"Landline", "Card", "Suite", "Intestatario", "DOB"), an office
("DELL'UFFICIO"), chat words ("dispo", "FLU JAB", "Rappelez-moi"), thanks in
Dutch and Welsh ("Dank je", "Diolch"), countries ("Cambodia", "Puerto Rico"),
an English verb after "I'm" ("I'm booking", "I'm ringing").

Still names: a surname after a courtesy title or a first name even when the
word is one of those ("Mrs Card", "Andrew Card", "Marie Suite", "Tom Dank",
"Anna Crohn"), a surname that is also a disease ("Giulia Parkinson"), the
surname after the widow's title ("ved. Bianchi", "vda. de Soler"), a first
name ending like a verb ("I'm Jing", "I'm Sterling"), a name that is also a title
when it has no full stop ("mi chiamo Ing").
"""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from guardrails.recognizers.lexicon import (
    COMPANY_MARKS,
    COUNTRIES,
    EPONYMOUS_DISEASES,
    FAMILY_WORDS,
    FORM_AND_CHAT_WORDS,
    MEDICINE_WORDS,
)
from guardrails.recognizers.name_census import census_bins
from guardrails.recognizers.person_lexicon import name_lexicon
from tests.guardrails.phi_helpers import redacted

N = "PERSON"

FOUND = [
    ("en", "Hi, this is Mrs Card, can I move my appointment to Friday?", "Card"),
    ("en", "please ring Mr Andrew Card back on 07700 900123", "Andrew Card"),
    ("fr", "Je m'appelle Marie Suite et j'ai rendez-vous mardi", "Marie Suite"),
    ("en", "My name is Tom Dank, I booked a scan for Monday", "Tom Dank"),
    ("it", "ho prenotato per Anna Crohn martedì alle 9", "Anna Crohn"),
    ("it", "Sono Giulia Parkinson, ho la visita domani", "Giulia Parkinson"),
    ("it", "sono Emilio Vedova, vorrei prenotare un prelievo", "Emilio Vedova"),
    ("it", "la signora Rossi ved. Bianchi chiede il referto", "Bianchi"),
    ("it", "la paziente è Teresa Colombo ved. Sala, nata nel 1938", "Sala"),
    ("es", "la señora Carmen Ruiz vda. de Soler pide cita", "Soler"),
    ("fr", "Bonjour, c'est Mme veuve Grandjean pour le rendez-vous", "Grandjean"),
    ("it", "sono l'avv. Ottavio Brambati, tutore del sig. Rino Galli", "Ottavio Brambati"),
    ("it", "scrivo a nome dell'Ing. Bruno Galimberti, nostro direttore", "Bruno Galimberti"),
    ("it", "BUONGIORNO SONO IL RAGIONIER ALDO PIROVANO", "ALDO PIROVANO"),
    ("en", "Hi, I'm Jing, booking for my mum", "Jing"),
    ("en", "I'm Sterling, I'd like to book a check-up", "Sterling"),
    ("es", "Me llamo Carlos Puerto y quiero una cita", "Carlos Puerto"),
    ("fr", "C'EST PAULETTE SA FILLE QUI VIENDRA", "PAULETTE"),
    ("en", "see you Friday. Diolch, Gethin", "Gethin"),
    ("en", "hi it's Niamh Gallagher I'm ringing about the results", "Niamh Gallagher"),
    ("fr", "Titulaire : Odile Ferrand (sa fille)", "Odile Ferrand"),
    ("it", "Intestatario Rocco Brambilla", "Rocco Brambilla"),
    ("fr", "demain c'est mamie ginette qui accompagne le petit", "ginette"),
    ("it", "mi chiamo Ing, sono tailandese", "Ing"),
    ("en", "my name is Ved, I have an appointment on Monday", "Ved"),
]

# (language, text, word): no name found contains the word
NOT_IN_A_NAME = [
    ("it", "Buongiorno, il Movicol lo posso prendere la sera prima?", "Movicol"),
    ("it", "la seconda dose del Gardasil è prevista a marzo, va bene giovedì?", "Gardasil"),
    ("it", "per il viaggio in Brasile devo fare lo Stamaril dieci giorni prima?", "Stamaril"),
    ("fr", "je prends Optimizette depuis deux ans, faut-il l'arrêter ?", "Optimizette"),
    ("en", "Is the Ixiaro jab two doses or one? We fly in May.", "Ixiaro"),
    ("en", "I use Clenil morning and night, should I bring it?", "Clenil"),
    ("it", "Lo Zirtec va sospeso prima del prick test?", "Zirtec"),
    ("it", "Per il Prevenar di mio figlio serve l'impegnativa?", "Prevenar"),
    ("es", "Tomo Eutirox en ayunas, ¿puedo tomarlo antes del análisis?", "Eutirox"),
    ("it", "c'è posto al centro diurno Alzheimer per mio suocero?", "Alzheimer"),
    ("fr", "Le groupe de parole Alzheimer a lieu le jeudi ?", "Alzheimer"),
    ("en", "Mum has her appointment on Monday, can she come at 10?", "Mum"),
    ("en", "Dad says thank you for the lovely afternoon", "Dad"),
    ("es", "Les escribe la mamá de Lucía, ¿tienen cita el viernes?", "mamá"),
    ("it", "CHIAMATE MIA MOGLIE ANTONELLA CHE HA LE CHIAVI", "MOGLIE"),
    ("fr", "demain c'est mamie ginette qui accompagne le petit", "mamie"),
    ("fr", "c'est tonton marcel qui vient le chercher", "tonton"),
    ("it", "sono l'avv. Ottavio Brambati, tutore del sig. Rino Galli", "avv"),
    ("it", "Buongiorno, sono l'ing. Loris Cattaneo del reparto tecnico", "ing"),
    ("it", "scrivo a nome dell'Ing. Bruno Galimberti, nostro direttore", "Ing"),
    ("it", "la paziente è Teresa Colombo ved. Sala, nata nel 1938", "ved"),
    ("es", "SOY ROSARIO MENDEZ VIUDA DE LLORENS Y QUIERO CITA", "VIUDA"),
    ("it", "BUONGIORNO SONO IL RAGIONIER ALDO PIROVANO", "RAGIONIER"),
    ("en", "for my mother-in-law, Wednesdays would suit her best", "Wednesdays"),
    ("it", "la fattura va intestata a Idraulica Ferrari snc, grazie", "snc"),
    ("it", "fattura intestata a Impianti Gatti snc, grazie", "Impianti"),
    ("fr", "facture au nom de Boulangerie Garnier SARL merci", "SARL"),
    ("es", "la factura a nombre de Talleres Ortega SL, por favor", "SL"),
    ("fr", "pour la société Menuiserie Roussel SARL, le devis est signé", "SARL"),
    ("es", "la factura para Construcciones Ortega SL (el CIF lo tenéis)", "SL"),
    ("fr", "Titulaire : Odile Ferrand (sa fille)", "Titulaire"),
    ("en", "Policyholder Margaret Oyelaran, policy 0093 551 207", "Policyholder"),
    ("en", "Insurer: Vitality, member number VH-2231907", "Insurer"),
    ("en", "Edna and Walter Pickles. Landline 01632 960 771 after six", "Landline"),
    ("en", "Card ending 4417, name on card Priya Nandakumar", "Card"),
    ("en", "Card ending 4417, name on card Priya Nandakumar", "card"),
    ("en", "The letter says Suite 210 but the lift is broken", "Suite"),
    ("it", "Intestatario Rocco Brambilla", "Intestatario"),
    ("en", "I'm Chidi Okafor. Her details: DOB 04/02/1951", "DOB"),
    ("fr", "je suis dispo jeudi matin si besoin", "dispo"),
    ("en", "HELLO THIS IS GARY LOMAX. CAN I BOOK THE FLU JAB FOR FRIDAY", "JAB"),
    ("fr", "Rappelez-moi au 06 11 22 33 44 svp", "Rappelez"),
    ("fr", "C'est l'infirmière du 2e qui m'a dit de venir", "infirmière"),
    ("it", "SONO GIANNI MORETTI DELL'UFFICIO ACQUISTI, VORREI IL VACCINO", "UFFICIO"),
    ("it", "buongiorno, sono Elvio Di Nardo dell'Ufficio Tecnico, vorrei il vaccino", "Ufficio"),
    ("en", "can you send the bill to my address? Dank je wel", "Dank"),
    ("en", "see you Friday. Diolch, Gethin", "Diolch"),
    ("en", "Do we need rabies jabs for Cambodia? We fly on the 3rd", "Cambodia"),
    ("es", "Buenas, estoy de intercambio de Puerto Rico, me duele una muela", "Puerto"),
    ("es", "Buenas, estoy de intercambio de Puerto Rico, me duele una muela", "Rico"),
    ("en", "Hello, I'm booking a scan for my son", "booking"),
    ("en", "Hi, I'm messaging about my mum's results", "messaging"),
    ("en", "hi it's Niamh Gallagher I'm ringing about the results", "ringing"),
]


@pytest.mark.parametrize(("language", "text", "value"), FOUND)
def test_found(phi_guard: PhiRedactionGuard, language: str, text: str, value: str) -> None:
    assert (value, N) in redacted(phi_guard, text, language)


@pytest.mark.parametrize(("language", "text", "word"), NOT_IN_A_NAME)
def test_not_in_a_name(phi_guard: PhiRedactionGuard, language: str, text: str, word: str) -> None:
    names = [value for value, kind in redacted(phi_guard, text, language) if kind == N]
    assert not [name for name in names if word in name.replace("'", " ").split()]


def test_medicines_and_eponyms_are_nobody_s_name() -> None:
    lexicon = name_lexicon()
    for word in MEDICINE_WORDS | EPONYMOUS_DISEASES:
        assert word not in lexicon.first and word not in lexicon.last, word
        assert census_bins(word) == (0, 0), word


def test_no_word_of_the_new_lists_is_a_listed_name() -> None:
    lexicon = name_lexicon()
    for word in FAMILY_WORDS | FORM_AND_CHAT_WORDS | COUNTRIES | COMPANY_MARKS:
        assert word not in lexicon.first and word not in lexicon.last, word

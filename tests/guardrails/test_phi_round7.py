"""Italian and Spanish names, seventh round: names before their cue, forms on one line, titles.

A name before "qui"/"here"/"aquí" at the start of a message, or before a
birth phrase ("… nata il 3/4/1990"); a one-line form without colons ("nome
… cognome …"); whom to ask for ("contattate …", "pregunten por …"); a child
after its article ("el peque …"); "booking under …"; a capitalised particle
and surname ("Lo Verde"), Irish particles ("Ní"); a known first name before
a found name; surnames, a comma and the first name in lower case; a courtesy
"doña" or a professional title ("Avv.") left outside the name. Words typed
in title case, closings, titles and towns after "a"/"da" are not names for
the borrowed spaCy model; a verb after a capitalised name is not a surname.
Two capitalised name words after a lower-case word are a name; a closing
and one word make a signed message.
"""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from tests.guardrails.phi_helpers import redacted


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        # the writer before "qui"/"aquí" at the start of the message
        ("it", "Ludovica qui, domani vengo alle 8", "Ludovica"),
        ("es", "Rigoberto aquí, ¿me confirmáis la hora?", "Rigoberto"),
        # a name before a birth phrase, nothing introducing it
        ("it", "Cesira Pozzobon nata il 9/10/1950 deve fare il prelievo", "Cesira Pozzobon"),
        # a form typed on one line, lower case, no colons
        ("it", "nome ottorino cognome battiston nato il 02/02/1962", "ottorino"),
        ("it", "nome ottorino cognome battiston nato il 02/02/1962", "battiston"),
        # whom to ask for
        ("it", "per il ritiro chiedete di Fulvia al banco", "Fulvia"),
        ("es", "si no contesto pregunten por Casimiro, mi yerno", "Casimiro"),
        # a child after its article
        ("es", "el peque mateo tiene la revisión el lunes", "mateo"),
        ("it", "la bimba matilde ha la febbre, spostiamo?", "matilde"),
        # a surname after "booking under"
        ("en", "the booking is under fitzgerald, thanks", "fitzgerald"),
        # a capitalised particle opens a surname that is also a word
        ("it", "ok ci vediamo giovedì. Mirella Lo Bianco", "Mirella Lo Bianco"),
        # an Irish particle
        ("en", "Appointment for Siobhán Ní Mhurchú, please", "Siobhán Ní Mhurchú"),
        # a known first name before the name another recognizer found
        ("es", "Carmen Gloria Villca tiene cita hoy", "Carmen Gloria Villca"),
        # surnames, a comma, the first name, in lower case at the start of the message
        ("es", "fernandez ortega, lucia: quería anular la cita", "fernandez ortega, lucia"),
        # a courtesy title before a lower-case name is left outside
        ("es", "le escribo por doña angustias, mi vecina", "angustias"),
        # a professional title is left outside
        ("it", "Distinti saluti\nAvv. Ernesto Calabrò", "Ernesto Calabrò"),
        # two capitalised known surnames after a lower-case word
        ("es", "¿la doctora puede ver a Franklin Huamán el lunes?", "Franklin Huamán"),
        # a first name that is also a word, then a surname no language's text uses
        ("it", "domani porto Franca Zanovello al prelievo", "Franca Zanovello"),
        # a closing and a lower-case first name make the whole message
        ("en", "thanks priyesh", "priyesh"),
    ],
)
def test_names_are_redacted(
    phi_guard: PhiRedactionGuard, language: str, text: str, name: str
) -> None:
    assert (name, "PERSON") in redacted(phi_guard, text, language)


@pytest.mark.parametrize(
    ("language", "text", "kept"),
    [
        # a message typed in title case
        ("es", "Hola Buenas Tardes Quería Saber El Precio De Una Ortodoncia", "Tardes"),
        ("es", "Hola Buenas Tardes Quería Saber El Precio De Una Ortodoncia", "Ortodoncia"),
        # capitalised nouns and a town after its preposition
        ("it", "Arrivo da Treviso, c'è un Parcheggio davanti?", "Parcheggio"),
        ("it", "Arrivo da Treviso, c'è un Parcheggio davanti?", "Treviso"),
        # closings and a title are no names
        ("it", "Quanto costa la visita? Grazie, Buona Serata", "Serata"),
        ("it", "Cordiali saluti\nAvv. Ernesto Calabrò", "Avv"),
        # a department by its ending after "para"
        ("es", "para Odontopediatría hace falta volante?", "Odontopediatría"),
        # a verb after a capitalised name is not a surname
        ("es", "Leandro Carrasco cancela la cita del jueves", "cancela"),
        # a verb before a first name is not a surname written first
        ("it", "per info contattate Fulvia al banco", "contattate"),
        # "qui" after a word that is no name
        ("it", "Tutto qui, grazie mille", "Tutto"),
        # a department ending the message is what it is about, not a signature
        ("es", "Paciente: Ahmed Benali - 23.04.1970 - revisión cardiología", "cardiología"),
        # two capitalised words after a street word, and a place with an ordinary word
        ("it", "passo in via Carlo Pisacane domani", "Carlo"),
        ("it", "ci vediamo in piazza Porta Romana alle 10", "Romana"),
    ],
)
def test_words_that_are_not_names_stay(
    phi_guard: PhiRedactionGuard, language: str, text: str, kept: str
) -> None:
    found = redacted(phi_guard, text, language)
    assert not any(kept in value for value, _ in found), found

"""Names and addresses, eleventh round: first names that are words, initials, voice notes.

A first name that is also a word ("rosa", "franco", "luz", "grace") is a name
when a surname stands next to it ("pia ghirardelli ha la visita", "hola
amparo villaescusa"), and so is a surname before its first name opening a
message ("bonfanti serena, confermo"). Initials with dots before a surname
("t. castellotti", "j. a. urrutia"). Whose appointment, in more words ("la
gastroscopia di …", "cancela lo de …", "cancel the one for …"); on whose
behalf someone calls, fillers of a voice note in between ("chiamo per ehm
…"); "his name's …"; Spanish patients by their two surnames alone. Addresses
at a hamlet or a side street ("frazione", "borgata", "seconda traversa"), an
"urbanización" with its block and staircase, a French "hameau". Not names:
the same words as words ("la luz del baño", "sarò franco", "una rosa rossa",
"grace period"), a medicine after a first name ("max ibuprofen"), initials
before a street or a saint ("v. garibaldi", "s. lucia"), a doctor with
initials ("dott. g. piras"), a stop word after a courtesy title ("la signora
che …"), a verb after its pronoun ("j'amène …").
"""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from tests.guardrails.phi_helpers import redacted


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        # a first name that is also a word, then a surname
        ("it", "pia ghirardelli ha la visita alle 11", "pia ghirardelli"),
        ("it", "franco zappacosta non riesce a venire", "franco zappacosta"),
        ("es", "hola amparo villaescusa no podrá ir", "amparo villaescusa"),
        ("es", "luz marina quintanilla y su hija tienen cita", "luz marina quintanilla"),
        ("en", "grace fairweather has the 3 o'clock slot", "grace fairweather"),
        # the surname first, opening a message or after "sono/soy"
        ("it", "bonfanti serena, confermo la visita di lunedì", "bonfanti serena"),
        ("es", "soy arrizabalaga rocío, la de la ortodoncia", "arrizabalaga rocío"),
        # initials with dots
        ("it", "t. castellotti arriva con 10 minuti di ritardo", "t. castellotti"),
        ("es", "j. a. urrutia confirma la cita", "j. a. urrutia"),
        ("fr", "j.-l. bergougnoux sera en retard", "j.-l. bergougnoux"),
        # whose appointment, in more words
        ("it", "la gastroscopia di sgarzanelli è confermata?", "sgarzanelli"),
        ("es", "cancela lo de etxeberria goikoa del martes", "etxeberria goikoa"),
        ("es", "el análisis de gonzález de la vega está ya?", "gonzález de la vega"),
        # on whose behalf someone calls, with a voice note's fillers
        ("it", "ehm chiamo per ehm mario bortolazzi, la visita di oggi", "mario bortolazzi"),
        # "his name's"
        ("en", "booking for my son. his name's callum fitzsimmons", "callum fitzsimmons"),
        # a first name only the list of ambiguous ones holds
        ("it", "buongiorno gioia pedrazzoli ha la visita?", "gioia pedrazzoli"),
        # two surnames without the first name
        ("es", "mañana viene sáez arbizu a la revisión", "sáez arbizu"),
    ],
)
def test_names_are_redacted(
    phi_guard: PhiRedactionGuard, language: str, text: str, name: str
) -> None:
    found = redacted(phi_guard, text, language)
    assert any(name in value and kind == "PERSON" for value, kind in found), found


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # the words as words
        ("es", "la luz del baño parpadea, avisad a mantenimiento"),
        ("es", "tengo dolores musculares desde ayer"),
        ("it", "sarò franco con voi, la visita è stata veloce"),
        ("it", "mi hanno regalato una rosa rossa per la dimissione"),
        ("it", "il sole cocente mi ha dato mal di testa"),
        ("en", "is there a grace period for paying the invoice?"),
        # a medicine after a first name
        ("en", "max ibuprofen per day?"),
        # a first name that is a word, after its article, then a surname-like word
        ("es", "la luz de la sala de espera no va"),
        # initials before a street or a saint, a doctor with initials
        ("it", "la farmacia di s. lucia è aperta?"),
        ("it", "il dott. g. piras riceve il giovedì?"),
    ],
)
def test_words_are_kept(phi_guard: PhiRedactionGuard, language: str, text: str) -> None:
    assert not [kind for _, kind in redacted(phi_guard, text, language) if kind == "PERSON"]


@pytest.mark.parametrize(
    ("language", "text", "address"),
    [
        (
            "it",
            "venite in frazione santa lucia 9, 38060 villa lagarina",
            "frazione santa lucia 9, 38060 villa lagarina",
        ),
        ("it", "abito in borgata ruata 12, 10060 pragelato", "borgata ruata 12, 10060 pragelato"),
        (
            "it",
            "indirizzo: terza traversa via dei gelsi 5, 80125 napoli",
            "terza traversa via dei gelsi 5, 80125 napoli",
        ),
        (
            "es",
            "es en urbanización las palmeras, bloque 2, escalera a, 1º b, 03189 orihuela",
            "urbanización las palmeras, bloque 2, escalera a, 1º b, 03189 orihuela",
        ),
        ("fr", "adresse : hameau du moulin 3, 26400 crest", "hameau du moulin 3, 26400 crest"),
    ],
)
def test_addresses_are_redacted_whole(
    phi_guard: PhiRedactionGuard, language: str, text: str, address: str
) -> None:
    found = redacted(phi_guard, text, language)
    assert any(address in value and kind == "STREET_ADDRESS" for value, kind in found), found


def test_a_stop_word_after_a_courtesy_title_is_no_name(phi_guard: PhiRedactionGuard) -> None:
    found = redacted(phi_guard, "sono il figlio della signora che ha la visita oggi", "it")
    assert not [kind for _, kind in found if kind == "PERSON"], found


def test_a_verb_after_its_pronoun_is_no_surname(phi_guard: PhiRedactionGuard) -> None:
    found = redacted(phi_guard, "demain j'amène thomas au contrôle", "fr")
    assert not any("amène" in value for value, _ in found), found

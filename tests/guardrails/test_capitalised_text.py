"""Letters with Every Word Capitalised, or in capitals: a capital is no sign of a name there."""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from guardrails.recognizers.capitalised_text import capitalised_passage, everyday_word
from tests.guardrails.phi_helpers import redacted

NO_NAME = [
    ("it", "Buonasera Scrivo Per La Prima Volta , Vorrei Prenotare Una Visita Oculistica"),
    ("it", "Sono Stata Dimessa Dall'Ospedale Ieri E Devo Fare Il Controllo"),
    ("en", "Dear Sir , I Am Writing To Enquire About An Appointment For My Knee ."),
    ("en", "My Shoulder Has Been Sore For Weeks , Can I See Someone On Monday ?"),
    (
        "fr",
        "Je Vous Prie D'Agréer , Madame , Monsieur , L'Expression De Mes Salutations Distinguées .",
    ),
    ("fr", "Bonjour , Je Voudrais Prendre Rendez-Vous Avec Un Cardiologue Le Mardi ."),
    ("en", "Thanks for letting me know about the parking.\nYours Faithfully"),
    ("fr", "merci pour la reponse\nRespectueusement"),
]

NAMES = [
    (
        "it",
        "Buonasera Sono La Signora Carmela Sacchetti E Vorrei Prenotare Una Visita",
        ["Carmela Sacchetti"],
    ),
    ("it", "Richiamate Pure Ottorino Sacchetti Al Fisso Di Mattina Grazie", ["Ottorino Sacchetti"]),
    ("en", "Dear Sir , My Name Is Hope Baxter And I Would Like To Book A Scan", ["Hope Baxter"]),
    ("it", "copio dal modulo\nCOGNOME LO GIUDICE\nNOME ROSARIA", ["LO GIUDICE", "ROSARIA"]),
    (
        "it",
        "Cognome: Dell'Acqua\nNome: Rebecca\nGrazie Mille Per La Pazienza",
        ["Dell'Acqua", "Rebecca"],
    ),
    (
        "es",
        "Buenas Tardes Les Escribe La Señora Altagracia Peralta Para Pedir Una Cita",
        ["Altagracia Peralta"],
    ),
    (
        "fr",
        "Bonjour Je Suis Monsieur Gérald Favre-Bulle Et Je Voudrais Un Rendez-Vous",
        ["Gérald Favre-Bulle"],
    ),
]


@pytest.mark.parametrize(("language", "text"), NO_NAME)
def test_everyday_words_of_a_capitalised_letter_are_no_name(
    phi_guard: PhiRedactionGuard, language: str, text: str
) -> None:
    assert [v for v, kind in redacted(phi_guard, text, language) if kind == "PERSON"] == []


@pytest.mark.parametrize(("language", "text", "names"), NAMES)
def test_names_in_a_capitalised_letter_are_kept_whole(
    phi_guard: PhiRedactionGuard, language: str, text: str, names: list[str]
) -> None:
    found = [v for v, kind in redacted(phi_guard, text, language) if kind == "PERSON"]
    assert found == names


@pytest.mark.parametrize(
    ("text", "capitalised"),
    [
        ("Scrivo Per La Prima Volta Perche Ho Un Problema", True),
        ("VORREI PRENOTARE UNA VISITA PER MIA MADRE DOMANI", True),
        ("scrivo per la prima volta perche ho un problema", False),
        ("Gli esami sono per tre persone: De Luca Marina, De Luca Stefano e la piccola", False),
    ],
)
def test_a_passage_is_capitalised_by_its_everyday_words(text: str, capitalised: bool) -> None:
    middle = text.index(" ", len(text) // 2)
    assert capitalised_passage(text, middle, middle + 1, "it") is capitalised


@pytest.mark.parametrize(
    ("word", "language", "everyday"),
    [
        ("Volta", "it", True),  # a surname, but one of the commonest words
        ("Scrivo", "it", True),
        ("Faithfully", "en", True),
        ("Zanetti", "it", False),  # written in every language's text: a name
        ("Hope", "en", False),  # a surname in the lists
        ("Favre-Bulle", "fr", False),
        ("W", "en", False),  # an initial
    ],
)
def test_everyday_word(word: str, language: str, everyday: bool) -> None:
    assert everyday_word(word, language) is everyday

"""Italian and Spanish names and addresses, sixth round, and the guard's speed-ups.

SMS "sn" for "sono", a message in capitals with a first name that is also a
word before a particle, Arabic and Maghrebi particles ("el", "ben"), a
married name after "vedova"/"épouse", Spanish surnames joined by "y",
initials before a surname, a surname in capitals then a comma and the first
name, a first name that is also a word after a greeting, a name before an
emoji; a hamlet before the street, a postcode after a door or a town with
its "cap"/"cp" label. Departments, weekdays and closings next to them stay.
The speed-ups (sets for the lemmatizer's known forms, the allow-list indexed
by word pairs, no phone matching without enough digits) change no result.
"""

from __future__ import annotations

from typing import Any

import pytest
import spacy

from guardrails.phi_engine import SPACY_MODELS, _index_lemma_forms
from guardrails.phi_redaction import PhiRedactionGuard, _allowed
from guardrails.recognizers.lexicon import is_department
from guardrails.recognizers.phone import CLINIC_PHONE_REGIONS, _fewest_digits
from tests.guardrails.phi_helpers import ALLOW, redacted


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        # SMS Italian: "sn" for "sono", a known first name and a rare surname
        ("it", "sn noemi zappacosta, domani nn posso venire", "noemi zappacosta"),
        # a message in capitals, a first name that is also a word before its particle
        ("it", "SALVE SONO BIANCA DE FILIPPIS VOLEVO IL REFERTO", "BIANCA DE FILIPPIS"),
        # an Arabic particle opening the surname
        ("it", "sono il papà di karim el ouardi, ha il vaccino lunedi", "karim el ouardi"),
        ("es", "el paciente es mi hermano rachid ben haddou, llega tarde", "rachid ben haddou"),
        # Spanish surnames joined by "y", no first name after it
        (
            "es",
            "a nombre de Matías de la Serna y Quintanilla, gracias",
            "Matías de la Serna y Quintanilla",
        ),
        # initials before a surname after a closing
        ("en", "Kind regards, J. Featherstonehaugh", "J. Featherstonehaugh"),
        # surnames in capitals, a comma, the first name
        ("es", "Paciente: VALDIVIESO ARANDA, Inmaculada", "VALDIVIESO ARANDA, Inmaculada"),
        # a first name that is also a word, after a greeting, the phrase ending there
        ("es", "hola, aquí Soledad, la de las 5, llego tarde", "Soledad"),
        # a name before an emoji
        ("fr", "coucou c soraya 🙂 mon rdv est bien jeudi?", "soraya"),
    ],
)
def test_names_are_redacted(
    phi_guard: PhiRedactionGuard, language: str, text: str, name: str
) -> None:
    assert (name, "PERSON") in redacted(phi_guard, text, language)


@pytest.mark.parametrize(
    ("language", "text", "names"),
    [
        # a widow's married name: the link word stays
        (
            "it",
            "mi chiamo Teodolinda Sperotto vedova Rigon, ho la visita",
            ["Teodolinda Sperotto", "Rigon"],
        ),
        ("fr", "je m'appelle Odette Le Bihan épouse Quéméner", ["Odette Le Bihan", "Quéméner"]),
    ],
)
def test_married_names_are_two_names(
    phi_guard: PhiRedactionGuard, language: str, text: str, names: list[str]
) -> None:
    found = [value for value, kind in redacted(phi_guard, text, language) if kind == "PERSON"]
    assert found == names


@pytest.mark.parametrize(
    ("language", "text", "kept"),
    [
        # departments spaCy takes for names
        ("it", "devo prenotare in Gastroenterologia o in Pneumologia?", "Gastroenterologia"),
        ("es", "el servicio de Urgencias me mando a Traumatologia", "Urgencias"),
        ("es", "en Atención Primaria me dijeron que viniera aqui", "Primaria"),
        ("en", "Dear Sir or Madam, is the clinic open on Saturday?", "Madam"),
        # a capitalised first name that is also a weekday or a holiday stays after a cue
        ("es", "hola Domingo, abris el lunes?", "Domingo"),
        ("it", "ciao, per Natale, siete aperti?", "Natale"),
        # closings and weekdays after a postcode are no town
        ("es", "mi casa: c/ olmo 4 2ºB 28013 porfa", "porfa"),
    ],
)
def test_words_that_are_no_names_or_towns_stay(
    phi_guard: PhiRedactionGuard, language: str, text: str, kept: str
) -> None:
    assert all(kept not in value for value, _ in redacted(phi_guard, text, language))


@pytest.mark.parametrize(
    ("language", "text", "address"),
    [
        # a hamlet before the street
        (
            "it",
            "spedite a loc. pian di sco, via dei gelsi 11, 52026 castelfranco per favore",
            "loc. pian di sco, via dei gelsi 11, 52026 castelfranco",
        ),
        # the town, then the postcode with its label, after a plain space
        (
            "it",
            "abito in via fratelli rosselli 7 livorno cap 57121 da marzo",
            "via fratelli rosselli 7 livorno cap 57121",
        ),
        (
            "es",
            "enviadlo a calle olivo 8, cp 29010 malaga y no a la otra",
            "calle olivo 8, cp 29010 malaga",
        ),
        # a postcode and town after the floor and door, no comma
        (
            "es",
            "mandadlo a avda. del cid 60 3ºA 46018 valencia porfa",
            "avda. del cid 60 3ºA 46018 valencia",
        ),
    ],
)
def test_addresses_are_redacted_whole(
    phi_guard: PhiRedactionGuard, language: str, text: str, address: str
) -> None:
    assert (address, "STREET_ADDRESS") in redacted(phi_guard, text, language)


def test_departments_by_name_and_ending() -> None:
    assert is_department("Otorinolaringoiatria")
    assert is_department("urgencias")
    assert not is_department("Bertolucci")
    assert not is_department("Ward")  # a surname too


def test_lemmas_are_the_same_with_the_indexed_forms() -> None:
    text = "Mes enfants ont mangé des pommes et les médecins étaient partis"
    plain = spacy.load(SPACY_MODELS["fr"])
    indexed = spacy.load(SPACY_MODELS["fr"])
    _index_lemma_forms(indexed)
    lemmatizer: Any = indexed.get_pipe("lemmatizer")
    table = lemmatizer.lookups.get_table("lemma_index")
    assert all(isinstance(forms, frozenset) for forms in table.values())
    assert [t.lemma_ for t in plain(text)] == [t.lemma_ for t in indexed(text)]


def test_allow_list_runs_are_found_by_their_first_two_words() -> None:
    assert _allowed("via dei Mille 24", ALLOW)
    assert _allowed("Avenida del Puerto 148, Valencia", ALLOW)
    assert not _allowed("via dei Tigli 24", ALLOW)


def test_phone_matching_is_skipped_only_below_any_numbers_length(
    phi_guard: PhiRedactionGuard,
) -> None:
    fewest = _fewest_digits(CLINIC_PHONE_REGIONS)
    assert 3 <= fewest <= 6
    assert ("0471 98 22 33", "PHONE_NUMBER") in redacted(phi_guard, "tel 0471 98 22 33", "it")
    assert redacted(phi_guard, "ci vediamo alle 9 al piano 2", "it") == []

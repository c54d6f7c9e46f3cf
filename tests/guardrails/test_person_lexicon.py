"""Names from Faker's first/last-name lists: pairs, introduced first names, ambiguous words."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from guardrails import GuardContext
from guardrails.phi_redaction import PhiRedactionGuard
from guardrails.recognizers import person_lexicon
from guardrails.recognizers.person_lexicon import PersonLexiconRecognizer, name_lexicon

DATA = Path(__file__).parent / "data" / "person_messages.yaml"


@pytest.fixture(scope="module")
def recognizer() -> PersonLexiconRecognizer:
    return PersonLexiconRecognizer("it")


def _names(recognizer: PersonLexiconRecognizer, text: str) -> list[str]:
    return [text[r.start : r.end] for r in recognizer.analyze(text, ["PERSON"])]


FOUND = [
    # --- known first name + known last name, lower case ---
    ("buongiorno sono marco rossi, vorrei spostare", ["marco rossi"]),
    ("la prenotazione e per luca bianchi", ["luca bianchi"]),
    ("vorrei sapere se anna moretti puo ritirare il referto", ["anna moretti"]),
    ("queria saber si sergio molina puede recoger", ["sergio molina"]),
    ("rdv pour camille moreau svp", ["camille moreau"]),
    ("booking for emily clarke please", ["emily clarke"]),
    # a surname from the ISTAT supplement (missing from Faker's it_IT list)
    ("il referto di francesca colombo", ["francesca colombo"]),
    # --- first name + capitalised unknown word ---
    ("Prenotazione per Alessandro Zuccherini domani", ["Alessandro Zuccherini"]),
    # --- two first names, double surname ---
    ("mi nombre es jose luis moreno", ["jose luis moreno"]),
    ("soy maria garcia lopez", ["maria garcia lopez"]),
    # --- particles join a surname ---
    ("sono Giovanni De Luca", ["Giovanni De Luca"]),
    # --- a first name alone after an introduction ---
    ("ciao sono chiara, posso cambiare orario?", ["chiara"]),
    ("para mi hija lucia quisiera una revision", ["lucia"]),
    ("devo prenotare per mio figlio tommaso", ["tommaso"]),
    ("hi, i'm sarah", ["sarah"]),
    # --- ambiguous first names: with a known surname, or introduced ---
    ("sono rosa esposito, ho perso il referto", ["rosa esposito"]),
    ("soy dolores fernandez, tengo una duda", ["dolores fernandez"]),
    ("June Taylor here, can I move my appointment?", ["June Taylor"]),
    ("hi it's will smith", ["will smith"]),
    ("Domenica Rossi ha la visita", ["Domenica Rossi"]),
    ("mi chiamo marina", ["marina"]),
    ("soy rocio", ["rocio"]),
    ("sono Serena", ["Serena"]),
    # --- a surname after a courtesy title ---
    ("sono la signora Lombardi", ["Lombardi"]),
    ("ask for mrs jones at reception", ["jones"]),
]

NOT_FOUND = [
    # ambiguous first names used as words
    "siete aperti domenica mattina?",
    "a natale siete chiusi?",
    "c'e il sole, posso venire in bici?",
    "avete una sede a marina di pisa?",
    "Will the results be ready by May?",
    "can I book for June?",
    "I'd like to mark my appointment as cancelled",
    "tengo dolores de cabeza desde el lunes",
    "hay luz natural en la sala de espera?",
    "los reyes magos abren?",
    "paz y tranquilidad en la sala de espera",
    "mar azul es la clinica?",
    "rosa canina posso prenderla prima delle analisi?",
    "sara possibile spostare a venerdi?",
    # an ambiguous first name needs a known surname, not just any capitalised word
    "Rosa Canina in compresse: posso prenderla prima delle analisi?",
    "Mar Menor o Valencia, donde estan?",
    # describing oneself, not a name
    "sono serena, grazie",
    "je suis claire sur ce point",
    "i'm frank with you",
    # a first name alone with no introduction
    "ciao marco",
    "vorrei parlare con franco",
    # places named after people
    "abito in via Giuseppe Verdi",
    "all'Istituto Carlo Besta",
    # no name at all
    "sono stanca di aspettare, il referto e pronto?",
    "radiologia al secondo piano",
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_names_are_found(
    recognizer: PersonLexiconRecognizer, text: str, expected: list[str]
) -> None:
    assert _names(recognizer, text) == expected


@pytest.mark.parametrize("text", NOT_FOUND)
def test_words_that_are_names_elsewhere_are_not_found(
    recognizer: PersonLexiconRecognizer, text: str
) -> None:
    assert _names(recognizer, text) == []


def test_lexicon_is_built_once_and_holds_every_locale() -> None:
    lexicon = name_lexicon()
    assert name_lexicon() is lexicon
    # one name from each locale, folded (accents removed)
    assert {"giulia", "nathalie", "rocio", "emily", "callum"} <= lexicon.first
    assert {"esposito", "lefebvre", "fernandez", "clarke"} <= lexicon.last
    # stop words that are also first names are ambiguous ("sara" = "sarà")
    assert {"sara", "mia", "rosa", "luz", "will"} <= lexicon.ambiguous_first


def test_analysis_loads_nothing(
    recognizer: PersonLexiconRecognizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(name: str) -> None:
        raise AssertionError(f"imported {name} while analysing")

    monkeypatch.setattr(person_lexicon.importlib, "import_module", refuse)
    assert _names(recognizer, "sono marco rossi") == ["marco rossi"]


# --- measured on tests/guardrails/data/person_messages.yaml through the whole guard ---


Row = dict[str, Any]


def _split(name: str) -> dict[str, list[Row]]:
    data: dict[str, dict[str, list[Row]]] = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return data[name]


def _check(phi_guard: PhiRedactionGuard, row: Row) -> str:
    context = GuardContext(language=row["lang"], conversation_key="k")
    return phi_guard.check(row["text"], context).text


def _redacted_share(phi_guard: PhiRedactionGuard, split: str) -> float:
    rows = _split(split)["positives"]
    hits = total = 0
    for row in rows:
        text, names = str(row["text"]), list(row["names"])  # type: ignore[call-overload]
        verdict = phi_guard.check(
            text, GuardContext(language=str(row["lang"]), conversation_key="k")
        )
        for name in names:
            total += 1
            hits += not any(re.search(rf"\b{re.escape(w)}\b", verdict.text) for w in name.split())
    return hits / total


@pytest.mark.parametrize(("split", "floor"), [("dev", 0.95), ("heldout", 0.85)])
def test_person_names_are_redacted(phi_guard: PhiRedactionGuard, split: str, floor: float) -> None:
    # before the name lists: dev 7/30, held-out 8/20
    assert _redacted_share(phi_guard, split) >= floor


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_negatives_keep_every_word(phi_guard: PhiRedactionGuard, split: str) -> None:
    for row in _split(split)["negatives"]:
        text = str(row["text"])
        verdict = phi_guard.check(
            text, GuardContext(language=str(row["lang"]), conversation_key="k")
        )
        assert verdict.text == text

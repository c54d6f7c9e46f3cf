"""How the writer is ("sono stanca di aspettare") is not who the writer is.

A capitalised everyday word after "sono"/"soy"/"je suis" followed by what the
state is of must survive redaction: it is the frustration the wants-a-person
guard reads. A name there, even one followed by a place, is still redacted.
"""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from tests.guardrails.phi_helpers import redacted


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("it", "sono Stanca di aspettare, quando mi chiamate?"),
        ("it", "buongiorno, sono Stufo di questa attesa"),
        ("es", "soy Harta de esperar, quiero hablar con alguien"),
        ("fr", "je suis Fatiguée d'attendre une réponse"),
    ],
)
def test_a_state_after_an_introducing_word_stays(
    phi_guard: PhiRedactionGuard, language: str, text: str
) -> None:
    assert [v for v, t in redacted(phi_guard, text, language) if t == "PERSON"] == []


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("it", "sono Bianca di Milano, vorrei prenotare", "Bianca"),
        ("it", "sono Zanichelli di cognome", "Zanichelli"),
        ("es", "soy Lucía de Valencia, tengo cita el lunes", "Lucía"),
    ],
)
def test_a_name_before_di_or_de_is_still_a_name(
    phi_guard: PhiRedactionGuard, language: str, text: str, name: str
) -> None:
    assert any(name in v for v, t in redacted(phi_guard, text, language) if t == "PERSON")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("it", "sono spaventatissima per domani"),
        ("it", "sono arrabbiatissimo, nessuno risponde"),
        ("es", "estoy cansadisima, soy nerviosisima con esto"),
        ("en", "honestly this is hopeless, forget it"),
        ("en", "I am furious"),
        ("en", "this is useless"),
    ],
)
def test_a_feeling_after_a_weak_introduction_stays(
    phi_guard: PhiRedactionGuard, language: str, text: str
) -> None:
    """Superlatives and "-less"/"-ous" words are how someone feels: no name ends so."""
    assert [v for v, t in redacted(phi_guard, text, language) if t == "PERSON"] == []


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("it", "sono zeudi, vorrei prenotare", "zeudi"),
        ("en", "this is Tom from flat 3", "Tom"),
        ("es", "soy ximo, vivo en Paterna", "ximo"),
    ],
)
def test_a_name_after_a_weak_introduction_is_still_a_name(
    phi_guard: PhiRedactionGuard, language: str, text: str, name: str
) -> None:
    assert any(name in v for v, t in redacted(phi_guard, text, language) if t == "PERSON")

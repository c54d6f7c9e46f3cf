"""Addresses found from their postcode back; a name written right before a birth date."""

from __future__ import annotations

import pytest

from guardrails.recognizers.name_and_date import NameAndDateRecognizer
from guardrails.recognizers.postcode_address import PostcodeAddressRecognizer


def _spans(recognizer: object, text: str, entity: str) -> list[str]:
    results = recognizer.analyze(text, [entity])  # type: ignore[attr-defined]
    return [text[r.start : r.end] for r in results if r.entity_type == entity]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "inviate la fattura a Podere Le Querce, 58054 Scansano (GR)",
            "Podere Le Querce, 58054 Scansano (GR)",
        ),
        (
            "my address: Rose Cottage, Mill Lane, Fakenham NR21 0AX",
            "Rose Cottage, Mill Lane, Fakenham NR21 0AX",
        ),
        (
            "envoyez tout à Ferme des Tilleuls\n23250 Pontarion",
            "Ferme des Tilleuls\n23250 Pontarion",
        ),
    ],
)
def test_address_without_a_street_keyword_is_read_back_from_its_postcode(
    text: str, address: str
) -> None:
    found = _spans(PostcodeAddressRecognizer("it"), text, "STREET_ADDRESS")
    assert any(address.endswith(span) or span.endswith(address) for span in found), found
    assert any(span == address for span in found), found


@pytest.mark.parametrize(
    "text",
    [
        "la visita è il 12 marzo alle 10, sede di Milano",
        "il costo è di 58 euro, pagamento in sede",
        "chiamate lo 02 5550 1234 per prenotare",
    ],
)
def test_no_postcode_no_address(text: str) -> None:
    assert _spans(PostcodeAddressRecognizer("it"), text, "STREET_ADDRESS") == []


def test_a_name_then_a_full_date_is_a_person_and_a_birth_date() -> None:
    text = "paziente Rossi Giulia 12/03/1961, chiedo il referto"
    recognizer = NameAndDateRecognizer("it")
    assert _spans(recognizer, text, "DATE_OF_BIRTH") == ["12/03/1961"]
    assert any("Rossi" in span for span in _spans(recognizer, text, "PERSON"))


def test_a_clinicians_name_before_a_date_is_not_a_patient() -> None:
    text = "visita con il dott. Bianchi 12/03/2019 a Milano"
    assert _spans(NameAndDateRecognizer("it"), text, "PERSON") == []

"""Check-character arithmetic of the identifier recognizers (codice fiscale, DNI/NIE, NIR)."""

from __future__ import annotations

import pytest

from guardrails.recognizers.es_dni_nie import EsDniNieRecognizer, dni_nie_check_letter
from guardrails.recognizers.fr_nir import FrNirRecognizer, nir_key
from guardrails.recognizers.it_codice_fiscale import (
    ItCodiceFiscaleRecognizer,
    codice_fiscale_check_char,
)

CODICE_FISCALE = [
    # textbook example: Maria Rossi, born 1 Jan 1980 in Rome -> check char Y
    ("RSSMRA80A41H501Y", True),
    # omocodia: last digit 1 -> M changes the check char to Q
    ("RSSMRA80A41H50MQ", True),
    # lower case is the same code
    ("rssmra80a41h501y", True),
    # wrong check char
    ("RSSMRA80A41H501X", False),
    # one character short
    ("RSSMRA80A41H501", False),
]

DNI_NIE = [
    # DNI: 12345678 mod 23 = 14 -> Z
    ("12345678Z", True),
    # DNI with a hyphen before the letter
    ("12345678-Z", True),
    # NIE: X counts as 0 -> 01234567 mod 23 -> L
    ("X1234567L", True),
    # NIE starting with Y counts as 1
    ("Y1234567" + dni_nie_check_letter("Y1234567"), True),
    # wrong letter
    ("12345678A", False),
]

NIR = [
    # INSEE textbook example, key 46
    ("184127645108946", True),
    # written in groups
    ("1 84 12 76 451 089 46", True),
    # Corsica 2A counts as 19
    ("269052A00412314", True),
    # wrong key
    ("184127645108947", False),
]


def test_codice_fiscale_check_char() -> None:
    assert codice_fiscale_check_char("RSSMRA80A41H501") == "Y"


@pytest.mark.parametrize(("value", "valid"), CODICE_FISCALE)
def test_codice_fiscale_validation(value: str, valid: bool) -> None:
    assert ItCodiceFiscaleRecognizer().validate_result(value) is valid


@pytest.mark.parametrize(("value", "valid"), DNI_NIE)
def test_dni_nie_validation(value: str, valid: bool) -> None:
    assert EsDniNieRecognizer().validate_result(value) is valid


@pytest.mark.parametrize(("value", "valid"), NIR)
def test_nir_validation(value: str, valid: bool) -> None:
    assert FrNirRecognizer().validate_result(value) is valid


def test_nir_key_formula() -> None:
    assert nir_key("1841276451089") == 97 - 1841276451089 % 97 == 46

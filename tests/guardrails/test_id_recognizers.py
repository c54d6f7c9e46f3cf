"""Check-character arithmetic of the identifier recognizers, and their matches in text.

Codice fiscale (with omocodia), DNI/NIE, NIR (with Corsica), tessera sanitaria,
payment cards, IBAN, US SSN: each valid value has an invalid look-alike.
"""

from __future__ import annotations

import pytest

from guardrails.recognizers.base import luhn_valid
from guardrails.recognizers.credit_card import CreditCardRecognizer
from guardrails.recognizers.es_dni_nie import EsDniNieRecognizer, dni_nie_check_letter
from guardrails.recognizers.fr_nir import FrNirRecognizer, nir_key
from guardrails.recognizers.iban import IbanRecognizer, iban_checksum_ok
from guardrails.recognizers.it_codice_fiscale import (
    OMOCODIA_LETTERS,
    ItCodiceFiscaleRecognizer,
    codice_fiscale_check_char,
)
from guardrails.recognizers.it_health_card import ItHealthCardRecognizer
from guardrails.recognizers.us_ssn import UsSsnRecognizer

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


# --- omocodia: every level of digit substitution, with the check char recomputed ---

_CF_DIGIT_POSITIONS = (14, 13, 12, 10, 9, 7, 6)  # replaced from the right


def _omocode(first15: str, level: int) -> str:
    """Replace the last ``level`` digits with their omocodia letter and add the check char."""
    chars = list(first15)
    for position in _CF_DIGIT_POSITIONS[:level]:
        chars[position] = OMOCODIA_LETTERS[int(chars[position])]
    body = "".join(chars)
    return body + codice_fiscale_check_char(body)


@pytest.mark.parametrize("level", range(8))
def test_codice_fiscale_omocodia_levels_are_found(level: int) -> None:
    code = _omocode("RSSMRA80A41H501", level)
    recognizer = ItCodiceFiscaleRecognizer()
    for text in (f"cf {code}", f"cf {code.lower()}"):
        results = recognizer.analyze(text, ["IT_FISCAL_CODE"])
        assert [(r.start, r.end, r.score) for r in results] == [(3, 19, 1.0)], text


@pytest.mark.parametrize("level", range(1, 8))
def test_codice_fiscale_omocodia_keeps_the_check(level: int) -> None:
    code = _omocode("RSSMRA80A41H501", level)
    wrong = code[:15] + ("A" if code[15] != "A" else "B")
    assert ItCodiceFiscaleRecognizer().analyze(f"cf {wrong}", ["IT_FISCAL_CODE"]) == []


def test_codice_fiscale_omocodia_letter_is_not_the_digit() -> None:
    # the omocodia code's check char differs from the plain code's
    assert _omocode("RSSMRA80A41H501", 1) == "RSSMRA80A41H50MQ"
    assert ItCodiceFiscaleRecognizer().validate_result("RSSMRA80A41H50MY") is False


# --- NIR: Corsica and spacing ---

NIR_IN_TEXT = [
    # Corsica 2A counts as 19 (key 14), written in groups
    ("NIR 2 69 05 2A 004 123 14", "2 69 05 2A 004 123 14"),
    # Corsica 2B counts as 18 (key 74)
    ("sécu 1 85 03 2B 012 345 74", "1 85 03 2B 012 345 74"),
    # 2B in lower case, compact
    ("nir 185032b01234574", "185032b01234574"),
    # 2B with the key of 2A's rule (19 instead of 18): invalid
    ("sécu 1 85 03 2B 012 345 " + f"{nir_key('1850319012345'):02d}", None),
    # a wrong key
    ("sécu 1 85 03 2B 012 345 75", None),
]


@pytest.mark.parametrize(("text", "expected"), NIR_IN_TEXT)
def test_nir_in_text(text: str, expected: str | None) -> None:
    results = FrNirRecognizer().analyze(text, ["FR_NIR"])
    assert [text[r.start : r.end] for r in results] == ([expected] if expected else [])


def test_nir_corsica_keys() -> None:
    assert nir_key("269052A004123") == 97 - 2690519004123 % 97 == 14
    assert nir_key("185032B012345") == 97 - 1850318012345 % 97 == 74


# --- Luhn, tessera sanitaria, payment cards ---


@pytest.mark.parametrize(
    ("digits", "valid"),
    [("4111111111111111", True), ("4111111111111112", False), ("79927398713", True), ("", False)],
)
def test_luhn(digits: str, valid: bool) -> None:
    assert luhn_valid(digits) is valid


HEALTH_CARD = [
    # 20 digits, 80380 prefix, Luhn digit 6
    ("tessera sanitaria 80380000001234567896", "80380000001234567896"),
    # grouped by 4
    ("tessera 8038 0000 0012 3456 7896", "8038 0000 0012 3456 7896"),
    # grouped by 5
    ("numero tessera 80380 00000 12345 67896", "80380 00000 12345 67896"),
    # dashed
    ("TS 80380-00000-12345-67896", "80380-00000-12345-67896"),
    # wrong Luhn digit
    ("tessera sanitaria 80380000001234567897", None),
    # not Italy (80 + 250 = France), though its Luhn digit is valid
    ("carte 80250000001234567891", None),
    # 21 digits
    ("tessera 803800000012345678961", None),
    # 19 digits
    ("tessera 8038000000123456789", None),
]


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("80380000001234567896", True),
        # Luhn-valid but not Italy's prefix, or not 20 digits
        ("80250000001234567891", False),
        ("8038000000123456789", False),
    ],
)
def test_health_card_validation(value: str, valid: bool) -> None:
    assert ItHealthCardRecognizer().validate_result(value) is valid


@pytest.mark.parametrize(("text", "expected"), HEALTH_CARD)
def test_health_card_in_text(text: str, expected: str | None) -> None:
    results = ItHealthCardRecognizer().analyze(text, ["IT_HEALTH_CARD"])
    assert [text[r.start : r.end] for r in results] == ([expected] if expected else [])


CARDS = [
    # Visa test number, groups of 4 with spaces
    ("card 4111 1111 1111 1111", "4111 1111 1111 1111"),
    # with dashes
    ("card 4111-1111-1111-1111", "4111-1111-1111-1111"),
    # compact
    ("4111111111111111 please", "4111111111111111"),
    # Amex 4-6-5
    ("amex 3782 822463 10005", "3782 822463 10005"),
    # 13-digit Visa
    ("vecchia visa 4222 2222 2222 2", "4222 2222 2222 2"),
    # followed by the expiry date: the 16 digits only
    ("4111 1111 1111 1111 12/27", "4111 1111 1111 1111"),
    # Luhn fails
    ("card 4111 1111 1111 1112", None),
    # mixed separators are not one number
    ("4111 1111-1111 1111", None),
    # starts with 1 (no card network) though Luhn-valid
    ("order 1234567890128", None),
    # 12 digits
    ("4111 1111 1111", None),
]


@pytest.mark.parametrize(("text", "expected"), CARDS)
def test_credit_card_in_text(text: str, expected: str | None) -> None:
    results = CreditCardRecognizer().analyze(text, ["CREDIT_CARD"])
    assert [text[r.start : r.end] for r in results] == ([expected] if expected else [])


# --- IBAN ---

IBANS = [
    # Italy, compact
    ("IBAN IT60X0542811101000000123456 per il rimborso", "IT60X0542811101000000123456"),
    # Italy, groups of four, lower case
    ("iban it60 x054 2811 1010 0000 0123 456", "it60 x054 2811 1010 0000 0123 456"),
    # France
    ("RIB FR76 3000 6000 0112 3456 7890 189 merci", "FR76 3000 6000 0112 3456 7890 189"),
    # Spain
    ("cuenta ES91 2100 0418 4502 0005 1332", "ES91 2100 0418 4502 0005 1332"),
    # UK (letters in the BBAN)
    ("GB82 WEST 1234 5698 7654 32", "GB82 WEST 1234 5698 7654 32"),
    # Switzerland (21 characters)
    ("CH93 0076 2011 6238 5295 7", "CH93 0076 2011 6238 5295 7"),
    # Germany
    ("DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 00"),
    # wrong check digits
    ("IBAN IT61X0542811101000000123456", None),
    # one character short for Italy
    ("IBAN IT60X054281110100000012345", None),
    # unknown country code
    ("IBAN QQ60X0542811101000000123456", None),
]


@pytest.mark.parametrize(("text", "expected"), IBANS)
def test_iban_in_text(text: str, expected: str | None) -> None:
    results = IbanRecognizer().analyze(text, ["IBAN_CODE"])
    assert [text[r.start : r.end] for r in results] == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("IT60 X054 2811 1010 0000 0123 456", True),
        # a valid Italian IBAN body under a code with another length (Germany: 22)
        ("DE60X0542811101000000123456", False),
        # right check digits (90) but 26 characters, and Italy's IBANs have 27
        ("IT90X054281110100000012345", False),
    ],
)
def test_iban_validation(value: str, valid: bool) -> None:
    assert IbanRecognizer().validate_result(value) is valid


def test_iban_checksum() -> None:
    assert iban_checksum_ok("GB82WEST12345698765432")
    assert iban_checksum_ok("IT90X054281110100000012345")  # the length check's look-alike
    assert not iban_checksum_ok("GB83WEST12345698765432")


# --- US SSN: shape, never-issued ranges, context ---

SSNS = [
    # dashes: an SSN on its own, the SSA's sample number included
    ("123-45-6789", "123-45-6789", 0.6),
    # context makes it certain
    ("my ssn is 123-45-6789", "123-45-6789", 1.0),
    # spaces, after "social security number"
    ("social security number 123 45 6789", "123 45 6789", 1.0),
    # nine bare digits after "ssn"
    ("ssn: 536904399", "536904399", 1.0),
    # spaces without context: below the 0.5 threshold
    ("my number is 123 45 6789", "123 45 6789", 0.3),
    # area 000, 666, 9xx; group 00; serial 0000: never issued
    ("ssn 000-12-3456", None, 0.0),
    ("ssn 666-12-3456", None, 0.0),
    ("ssn 912-12-3456", None, 0.0),
    ("ssn 123-00-3456", None, 0.0),
    ("ssn 123-45-0000", None, 0.0),
    # part of a longer code
    ("order 123-45-6789-1", None, 0.0),
]


@pytest.mark.parametrize(("text", "expected", "score"), SSNS)
def test_ssn_in_text(text: str, expected: str | None, score: float) -> None:
    results = UsSsnRecognizer().analyze(text, ["US_SSN"])
    assert [(text[r.start : r.end], r.score) for r in results] == (
        [(expected, score)] if expected else []
    )

"""Recognizer for IBANs (any country), validated by their length and mod-97 check digits."""

from __future__ import annotations

from collections import defaultdict
from typing import ClassVar

from presidio_analyzer import Pattern

from guardrails.recognizers.base import CheckDigitRecognizer

IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
    "BH": 22, "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24,
    "DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
    "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27,
    "GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20,
    "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20,
    "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24,
    "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24,
    "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25,
    "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
    "YE": 30,
}  # fmt: skip
"""Country code -> IBAN length (SWIFT IBAN Registry)."""


def iban_checksum_ok(iban: str) -> bool:
    """Return True when the compact IBAN passes the ISO 13616 mod-97 check.

    The first four characters move to the end, letters become 10-35, and the
    resulting number must be 1 modulo 97.
    """
    rearranged = iban[4:] + iban[:4]
    number = "".join(str(int(char, 36)) for char in rearranged)
    return number.isdigit() and int(number) % 97 == 1


def _pattern_by_length() -> str:
    """Return the IBAN regex: one alternative per length, listing its countries.

    Each alternative is the country codes, 2 check digits, then exactly the
    remaining characters, each optionally preceded by a space ("IT60 X054 ...").
    """
    countries: dict[int, list[str]] = defaultdict(list)
    for country, length in sorted(IBAN_LENGTHS.items()):
        countries[length].append(country)
    alternatives = [
        rf"(?:{'|'.join(codes)})\d{{2}}(?:\s?[A-Z0-9]){{{length - 4}}}"
        for length, codes in sorted(countries.items())
    ]
    return rf"\b(?:{'|'.join(alternatives)})\b"


class IbanRecognizer(CheckDigitRecognizer):
    """Recognize an IBAN (International Bank Account Number) using regex + mod 97.

    Patients send an IBAN for refunds. It is written compact
    ("IT60X0542811101000000123456"), in groups of four
    ("IT60 X054 2811 1010 0000 0123 456") and often in lower case.

    Format:
    - 2 letters: ISO 3166 country code, which fixes the total length (15-33)
    - 2 digits: check digits
    - the national account number (BBAN), letters and digits
    - valid when the rearranged number is 1 modulo 97

    Reference: ISO 13616-1:2020 and the SWIFT IBAN Registry;
    https://www.swift.com/standards/data-standards/iban-international-bank-account-number

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    ENTITY = "IBAN_CODE"
    LANGUAGE = "en"
    PATTERNS: ClassVar[list[Pattern]] = [Pattern("IBAN (weak)", _pattern_by_length(), 0.3)]

    CONTEXT: ClassVar[list[str]] = ["iban", "bank", "conto", "bonifico", "compte", "cuenta"]

    def validate_result(self, pattern_text: str) -> bool:
        """Return True when the length fits the country and the check digits are right."""
        iban = "".join(pattern_text.split()).upper()
        return IBAN_LENGTHS.get(iban[:2]) == len(iban) and iban_checksum_ok(iban)

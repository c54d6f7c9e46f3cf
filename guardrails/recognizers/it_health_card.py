"""Recognizer for the number of the Italian tessera sanitaria card, validated by Luhn."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from guardrails.recognizers.base import CheckDigitRecognizer, digits_only, luhn_valid

ITALY_PREFIX = "80380"
"""80 (health care) + 380 (Italy's ISO 3166 numeric code, as on the card)."""


class ItHealthCardRecognizer(CheckDigitRecognizer):
    """Recognize the identification number of an Italian tessera sanitaria (TS-CNS).

    The number printed on the back of the card (European health insurance card
    field 8) identifies the card, and through it the patient; Italian clinics
    ask for it together with the codice fiscale.

    Format (20 digits, often written in groups of 4 or 5):
    - 80: the health-care application identifier
    - 380: Italy
    - 14 digits: issuer and serial number
    - 1 check digit: Luhn over the first 19

    Reference: Ministero dell'Economia e delle Finanze, Sistema Tessera
    Sanitaria, "Tessera Sanitaria - Carta Nazionale dei Servizi", and ISO/IEC 7812-1
    (issuer identification numbers, Luhn check digit).

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    COUNTRY_CODE = "it"

    ENTITY = "IT_HEALTH_CARD"
    LANGUAGE = "it"
    PATTERNS: ClassVar[list[Pattern]] = [
        # 80380 then 15 digits, with at most one space or dash between digits
        Pattern(
            "Tessera sanitaria (weak)",
            r"(?<![\d-])8[ -]?0[ -]?3[ -]?8[ -]?0(?:[ -]?\d){15}(?![ -]?\d)",
            0.3,
        ),
    ]

    CONTEXT: ClassVar[list[str]] = [
        "tessera sanitaria",
        "tessera",
        "sanitaria",
        "ts",
        "tesserino",
        "health card",
    ]
    MIN_DIGITS: ClassVar[int] = 20

    def validate_result(self, pattern_text: str) -> bool:
        """Return True for 20 digits starting 80380 whose last digit is the Luhn digit."""
        digits = digits_only(pattern_text)
        return (
            len(digits) == self.MIN_DIGITS
            and digits.startswith(ITALY_PREFIX)
            and luhn_valid(digits)
        )

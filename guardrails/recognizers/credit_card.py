"""Recognizer for payment card numbers (13-19 digits), validated by Luhn."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from guardrails.recognizers.base import CheckDigitRecognizer, digits_only, luhn_valid


class CreditCardRecognizer(CheckDigitRecognizer):
    """Recognize a payment card number (PAN) using regex + Luhn check digit.

    Patients paste a card number to pay a bill. Accepted shapes: 13-19 digits
    written together, in groups of four separated by the same space or dash
    ("4111 1111 1111 1111", "4111-1111-1111-1111-123"), or the American
    Express 4-6-5 grouping. The first digit is 2-6 (the major industry
    identifiers of Mastercard, American Express, Visa, Discover, Maestro...).

    Reference: ISO/IEC 7812-1:2017, "Identification cards - Identification of
    issuers" (issuer identification number, Luhn check digit).

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    ENTITY = "CREDIT_CARD"
    LANGUAGE = "en"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("Card (compact)", r"(?<![\d-])[2-6]\d{12,18}(?![\d-])", 0.3),
        # 16 digits in 4 groups, whatever follows ("4111 1111 1111 1111 12/27")
        Pattern(
            "Card (4 groups of 4)",
            r"(?<![\d-])[2-6]\d{3}([ -])\d{4}\1\d{4}\1\d{4}(?!\d)(?!-\d)",
            0.3,
        ),
        # 13-15 or 17-19 digits: 3 groups of 4, then 1-3 digits or 4 and 1-3
        Pattern(
            "Card (groups of 4, 13-19 digits)",
            r"(?<![\d-])[2-6]\d{3}([ -])\d{4}\1\d{4}\1(?:\d{1,3}|\d{4}\1\d{1,3})(?![\d-])",
            0.3,
        ),
        Pattern("Card (Amex 4-6-5)", r"(?<![\d-])3[47]\d{2}([ -])\d{6}\1\d{5}(?![\d-])", 0.3),
    ]

    CONTEXT: ClassVar[list[str]] = [
        "card",
        "carta",
        "carte",
        "tarjeta",
        "credit",
        "credito",
        "crédito",
        "visa",
        "mastercard",
        "amex",
    ]
    MIN_DIGITS: ClassVar[int] = 13

    def validate_result(self, pattern_text: str) -> bool:
        """Return True for 13-19 digits passing the Luhn check."""
        digits = digits_only(pattern_text)
        return self.MIN_DIGITS <= len(digits) <= 19 and luhn_valid(digits)

"""Recognizer for US Social Security numbers, with the SSA's never-issued ranges rejected."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from guardrails.recognizers.base import CheckDigitRecognizer, digits_only


class UsSsnRecognizer(CheckDigitRecognizer):
    """Recognize a US Social Security number (SSN) by shape, range rules and context.

    An SSN has no check digit, so the shape decides how much context it needs:
    "123-45-6789" (dashes) is an SSN on its own; "123 45 6789", "123.45.6789"
    and a bare "123456789" only right after "ssn", "social security" or "social"
    ("my us social is ..."). A sentence-ending period after the number is fine. Unlike
    Presidio's ``UsSsnRecognizer``, well-known sample numbers such as
    123-45-6789 are kept: patients type them, and the point is redaction.

    Format: AAA-GG-SSSS
    - area AAA: never 000, 666 or 900-999
    - group GG: never 00
    - serial SSSS: never 0000

    Reference: Social Security Administration, "Social Security Number
    Randomization" (2011) and POMS RM 10201.060;
    https://www.ssa.gov/employer/randomization.html

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    COUNTRY_CODE = "us"

    ENTITY = "US_SSN"
    LANGUAGE = "en"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("SSN (dashes)", r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-]|\.\d)", 0.6),
        Pattern("SSN (spaces or dots)", r"(?<![\d.])\d{3}([ .])\d{2}\1\d{4}(?!\d|\.\d)", 0.3),
        Pattern("SSN (bare)", r"(?<![\d.-])\d{9}(?![\d-]|\.\d)", 0.2),
    ]

    # Context is checked right before the number by CONTEXT_BEFORE, not by Presidio's
    # word window (which would boost a bare number after an unrelated "number").
    CONTEXT: ClassVar[list[str]] = []
    CONTEXT_BEFORE = r"\b(?:ssn|ss\s?#|ss\s?no|social(?:\s+security)?|soc\.?\s+sec\.?)"

    def validate_result(self, pattern_text: str) -> bool | None:
        """Return False for a never-issued number; None (keep the pattern's score) otherwise."""
        digits = digits_only(pattern_text)
        if len(digits) != 9:
            return False
        area, group, serial = digits[:3], digits[3:5], digits[5:]
        if area in {"000", "666"} or area.startswith("9") or group == "00" or serial == "0000":
            return False
        return None

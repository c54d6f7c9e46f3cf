"""Recognizer for Spanish DNI and NIE numbers, validated by their mod-23 letter."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import EntityRecognizer, Pattern

from guardrails.recognizers.base import CheckDigitRecognizer

DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
"""The check letter is DNI_LETTERS[number % 23]."""

_NIE_PREFIX = {"X": "0", "Y": "1", "Z": "2"}


def dni_nie_check_letter(number: str) -> str:
    """Return the check letter for a DNI (8 digits) or NIE (X/Y/Z + 7 digits) body."""
    body = number.upper()
    body = _NIE_PREFIX.get(body[0], body[0]) + body[1:]
    return DNI_LETTERS[int(body) % 23]


class EsDniNieRecognizer(CheckDigitRecognizer):
    """Recognize a Spanish DNI or NIE using regex + mod-23 check letter.

    The DNI (Documento Nacional de Identidad) identifies Spanish citizens and
    doubles as their NIF (tax number); the NIE (Número de Identidad de
    Extranjero) identifies foreign residents. Spanish clinics ask for either.

    Format:
    - DNI: 8 digits + 1 check letter, e.g. 12345678Z
    - NIE: X, Y or Z + 7 digits + 1 check letter; X/Y/Z count as 0/1/2
    - optional hyphen or space before the letter, case-insensitive; the DNI
      also as printed on the card, with dots: 12.345.678-Z, or in the groups it is
      read out in: 12 345 678 Z
    - check letter: "TRWAGMYFPDXBNJZSQVHLCKE"[number mod 23]

    Reference: Real Decreto 1553/2005 (DNI) and Orden INT/2058/2008 (NIE);
    https://www.interior.gob.es/opencms/es/servicios-al-ciudadano/tramites-y-gestiones/dni/calculo-del-digito-de-control-del-nif-nie/

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    COUNTRY_CODE = "es"

    ENTITY = "ES_DNI_NIE"
    LANGUAGE = "es"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("DNI (weak)", r"\b\d{8}[- ]?[A-Z]\b", 0.3),
        Pattern("DNI with dots (weak)", r"\b\d{2}\.\d{3}\.\d{3}[- ]?[A-Z]\b", 0.3),
        # typed in groups as read out: "52 418 937 M", "52-418-937-M"
        Pattern("DNI in groups (weak)", r"\b\d{2}([ -])\d{3}\1\d{3}[- ]?[A-Z]\b", 0.3),
        Pattern("NIE (weak)", r"\b[XYZ][- ]?\d{7}[- ]?[A-Z]\b", 0.3),
        Pattern("NIE in groups (weak)", r"\b[XYZ][- ]?\d{3}[ -]\d{4}[- ]?[A-Z]\b", 0.3),
    ]

    CONTEXT: ClassVar[list[str]] = [
        "dni",
        "nie",
        "nif",
        "documento",
        "identidad",
        "extranjero",
        "id",
    ]

    def validate_result(self, pattern_text: str) -> bool:
        """Return True when the last letter is the mod-23 letter of the number."""
        value = EntityRecognizer.sanitize_value(
            pattern_text, [("-", ""), (" ", ""), (".", "")]
        ).upper()
        return len(value) == 9 and dni_nie_check_letter(value[:8]) == value[8]

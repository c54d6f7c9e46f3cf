"""Recognizer for the French NIR (numéro de sécurité sociale), validated by its key."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import EntityRecognizer, Pattern

from guardrails.recognizers.base import CheckDigitRecognizer

# Corsica's departments 2A and 2B become 19 and 18 for the key computation.
_CORSICA = {"2A": "19", "2B": "18"}


def nir_key(first13: str) -> int:
    """Return the two-digit key of a NIR: 97 - (the 13-character number mod 97)."""
    body = first13.upper()
    body = body[:5] + _CORSICA.get(body[5:7], body[5:7]) + body[7:]
    return 97 - int(body) % 97


class FrNirRecognizer(CheckDigitRecognizer):
    """Recognize a French NIR (numéro de sécurité sociale) using regex + key.

    The NIR (numéro d'inscription au répertoire, "numéro de sécu") is on the
    carte Vitale and identifies a patient for the Assurance Maladie; it encodes
    sex, year and month of birth and place of birth.

    Format (15 characters, often written in groups: 1 84 12 76 451 089 46):
    - 1 digit: sex (1 or 2; 3, 4, 7, 8 for temporary numbers)
    - 2 digits: year of birth; 2 digits: month (01-12, 20-42 or 50-99 if unknown)
    - 2 characters: department of birth (01-99, 2A or 2B for Corsica)
    - 3 digits: commune; 3 digits: birth register order number
    - 2 digits: key = 97 - (first 13 digits mod 97), with 2A -> 19 and 2B -> 18

    Reference: INSEE, "Le numéro d'inscription au répertoire (NIR)";
    https://www.insee.fr/fr/metadonnees/definition/c1640 and décret n° 82-103.

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    COUNTRY_CODE = "fr"

    ENTITY = "FR_NIR"
    LANGUAGE = "fr"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "NIR (weak)",
            # birthplace: department + commune, "75 056", "2A 004", overseas "971 06"
            r"\b[1-478] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:(?:\d{2}|2[AB]) ?\d{3}|\d{3} ?\d{2})"
            r" ?\d{3} ?\d{2}\b",
            0.3,
        ),
    ]

    CONTEXT: ClassVar[list[str]] = [
        "sécurité sociale",
        "securite sociale",
        "sécu",
        "secu",
        "nir",
        "carte vitale",
        "vitale",
        "numéro",
        "numero",
    ]

    def validate_result(self, pattern_text: str) -> bool:
        """Return True when the last two digits are the key of the first 13."""
        value = EntityRecognizer.sanitize_value(pattern_text, [(" ", "")]).upper()
        return len(value) == 15 and value[13:].isdigit() and nir_key(value[:13]) == int(value[13:])

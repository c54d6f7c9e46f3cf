"""Recognizer for the Italian codice fiscale of a person, validated by its check character."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import EntityRecognizer, Pattern

from guardrails.recognizers.base import CheckDigitRecognizer

# Omocodia: when two people would get the same code, the Agenzia delle Entrate
# replaces digits, from the right, with these letters (0 -> L ... 9 -> V).
OMOCODIA_LETTERS = "LMNPQRSTUV"
_DIGIT = f"[0-9{OMOCODIA_LETTERS}]"
_MONTH = "[ABCDEHLMPRST]"
# Between any two characters of a code read out or typed in groups: a space or two, or a
# hyphen ("BRH LKS 85 M12 B220 S", "BRHLKS 85M12 B220S", "B R H L K S 8 5 …").
_GAP = r"(?:[ \t]{1,2}|[ \t]?-[ \t]?)?"


def _spaced(*classes: str) -> str:
    """Return ``classes`` in a row, each pair allowed a :data:`_GAP` between them."""
    return _GAP.join(classes)


# A code in groups: its six letters, then the year in real digits (never letters, so that
# words of a sentence never line up as the first nine characters), and so on.
_SPACED_CODE = _spaced(
    *["[A-Z]"] * 6, r"\d", r"\d", _MONTH, _DIGIT, _DIGIT, "[A-Z]", *[_DIGIT] * 3, "[A-Z]"
)

# Values of a character in an odd (1st, 3rd, ... 15th) position; digits share the
# value of the letter at the same index (0 like A, 1 like B, ...).
_ODD_VALUES = (
    1,
    0,
    5,
    7,
    9,
    13,
    15,
    17,
    19,
    21,
    2,
    4,
    18,
    20,
    11,
    3,
    6,
    8,
    12,
    14,
    16,
    10,
    22,
    25,
    24,
    23,
)


def codice_fiscale_check_char(first15: str) -> str:
    """Return the check character for the first 15 characters of a codice fiscale.

    Each character is worth 0-25 (digit d like the d-th letter). Odd positions
    (1-based) use the DM 23/12/1976 odd table, even positions their plain
    value; the sum modulo 26 is the check letter (0 -> A).
    """
    total = 0
    for index, char in enumerate(first15.upper()):
        value = int(char) if char.isdigit() else ord(char) - ord("A")
        total += _ODD_VALUES[value] if index % 2 == 0 else value
    return chr(ord("A") + total % 26)


class ItCodiceFiscaleRecognizer(CheckDigitRecognizer):
    """Recognize a person's Italian codice fiscale using regex + check character.

    The codice fiscale is Italy's tax code; it is printed on the tessera
    sanitaria and is how Italian clinics identify a patient. It encodes the
    surname, name, date of birth, sex and place of birth, so it is PHI on its own.

    Format (16 characters, case-insensitive, no separators):
    - 3 letters from the surname, 3 letters from the name
    - 2 digits: year of birth
    - 1 letter: month of birth (A B C D E H L M P R S T)
    - 2 digits: day of birth, plus 40 for women
    - 4 characters: cadastral code of the place of birth (letter + 3 digits)
    - 1 check letter over the first 15 characters (odd/even tables, mod 26)
    Omocodia variants replace digits with the letters L M N P Q R S T U V.

    A code read out or dictated comes in groups ("BRH LKS 85 M12 B220 S",
    "BRHLKS 85M12 B220S"): any two characters may have a space, two spaces
    or a hyphen between them, as long as the year is in digits; the check
    character is checked all the same.

    Reference: Decreto Ministeriale 23 dicembre 1976 (Ministero delle Finanze),
    "Sistemi di codificazione dei soggetti da iscrivere nell'anagrafe tributaria";
    https://www.agenziaentrate.gov.it/portale/web/guest/schede/istanze/richiesta-ts_cf/informazioni-codificazione-pf

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    COUNTRY_CODE = "it"

    ENTITY = "IT_FISCAL_CODE"
    LANGUAGE = "it"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "Codice fiscale (weak)",
            rf"\b[A-Z]{{6}}{_DIGIT}{{2}}[ABCDEHLMPRST]{_DIGIT}{{2}}[A-Z]{_DIGIT}{{3}}[A-Z]\b",
            0.3,
        ),
        Pattern("Codice fiscale (in groups)", rf"\b{_SPACED_CODE}\b", 0.3),
    ]

    CONTEXT: ClassVar[list[str]] = [
        "codice fiscale",
        "cf",
        "c.f.",
        "fiscale",
        "tessera sanitaria",
        "tax code",
        "fiscal code",
    ]

    def validate_result(self, pattern_text: str) -> bool:
        """Return True when the 16th character is the right check character."""
        value = EntityRecognizer.sanitize_value(
            pattern_text, [(" ", ""), ("\t", ""), ("-", "")]
        ).upper()
        return len(value) == 16 and codice_fiscale_check_char(value[:15]) == value[15]

"""Recognizer for a date of birth: a date right after "nato il", "né le", "born on"..."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import CheckDigitRecognizer, after_context
from guardrails.recognizers.lexicon import MONTH_NAMES, MONTH_NUMBERS, fold, longest_first

BIRTH_CONTEXT = "|".join(
    (
        # Italian
        r"\bnat[oaie]\b",
        r"\bnascita\b",
        r"\bdata\s+(?:di\s+)?nasc(?:\.|\b)",
        r"\bcompleanno\b",
        # French: "ne" without its accent is the negation, so "ne" needs "le" after it
        r"\bn(?:[éÉ]e?s?|ees?)\b",
        r"\bne\s+le\b",
        r"\bnaissance\b",
        r"\bddn\b",
        r"\bdate\s+de\s+naiss(?:\.|\b)",
        # Spanish
        r"\bnacid[oa]s?\b",
        r"\bnac[ií]\b",
        r"\bnaci[óo]\b",
        r"\bnacimiento\b",
        r"\bf(?:echa|ec)?\.?\s*(?:de\s+)?nac(?:\.|\b)",
        r"\bcumplea[ñn]os\b",
        # English
        r"\bborn\b",
        r"\bbirth\s*date\b",
        r"\bdate\s+of\s+birth\b",
        r"\bdob\b",
        r"\bd\.o\.b\b\.?",
        r"\bbirthday\b",
    )
)
"""Phrases after which a date is a date of birth, in Italian, French, Spanish and English."""

# Between the phrase and the date: up to 25 characters with no digit, no end of
# sentence and no word that starts talking about an appointment instead.
_OTHER_DATE = r"appuntament|visit|prenot|rdv|rendez|cita\b|citas\b|appointment|book|esam|exam"
BIRTH_GAP = rf"(?:(?!\.\s)(?!{_OTHER_DATE})[^\d\n?!;]){{0,25}}"

_MONTH = "|".join(
    sorted({name for names in MONTH_NAMES for name in names.split()}, key=longest_first)
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th|er|°|º)?(?!\d)"
_YEAR = r"(?:(?:19|20)\d{2}|['’]\d{2})(?!\d)"  # 1964, '64
# After a written month a bare two-digit year is still a year: "né le 4 aout 99".
_YEAR_AFTER_MONTH = (
    r"(?:(?:19|20)\d{2}|['’]?\d{2})(?![\d:.,]\d|\d|\s*(?:h|ans|anni|años|years|yrs)\b)"
)

DATES: dict[str, tuple[str, str]] = {
    "numeric": (r"\d", r"\d{1,2}([./-])\d{1,2}\1(?:\d{4}|\d{2})(?![./-]?\d)"),
    "numeric, no year": (r"\d", r"\d{1,2}/\d{1,2}(?![/\d])"),
    "ISO": (r"\d", r"(?:19|20)\d{2}([./-])\d{1,2}\1\d{1,2}(?!\d)"),
    "day month year": (
        r"\d",
        rf"{_DAY}(?:\s+(?:de|of))?\s+(?:{_MONTH})\b\.?"
        rf"(?:,?\s+(?:de\s+|del\s+|of\s+)?{_YEAR_AFTER_MONTH})?",
    ),
    "day-month-year": (
        r"\d",
        rf"{_DAY}([./-])(?:{_MONTH})\.?\1{_YEAR_AFTER_MONTH}",
    ),
    "month day year": (
        rf"(?:{_MONTH})\b",
        rf"(?:{_MONTH})\b\.?\s+{_DAY}(?:,?\s+{_YEAR})?",
    ),
}
"""Date shapes -> (what the date starts with, the date): 12/03/1985, 12-3-85,
12.03.1985, 12/3, 1985-03-12, 12 marzo 1985, 28 luglio '64, 3 de marzo de 1990,
3rd of March 1990, 23-ene-1976, 5.mag.1950, March 3, 1990."""

_NUMBERS = re.compile(r"\d+")


class DateOfBirthRecognizer(CheckDigitRecognizer):
    """Recognize a date of birth: a date written right after a phrase about birth.

    A date alone is not patient data ("ho appuntamento il 12 marzo alle 10",
    "rdv le 3 mars", "my appointment on March 3"); after "nato il", "data di
    nascita", "né le", "date de naissance", "born on", "date of birth", "dob",
    "nacida el", "fecha de nacimiento" it is. The phrase must come at most 25
    characters before the date, in the same sentence, with no digit and no
    appointment word in between. Numeric dates must be real calendar dates
    (day 1-31, month 1-12, either order) and a four-digit year is 1900-2099.

    Reference: none (no identifier standard); date shapes as written in
    Italy, France, Spain (day first), the UK and the US (month first).

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    ENTITY = "DATE_OF_BIRTH"
    LANGUAGE = "en"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            f"Date of birth ({shape})", after_context(BIRTH_CONTEXT, date, BIRTH_GAP, first), 0.5
        )
        for shape, (first, date) in DATES.items()
    ]
    CONTEXT: ClassVar[list[str]] = []

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Return the dates of birth; none, without running the patterns, in a text with no digit.

        :meth:`validate_result` keeps only a date with a number in it.
        """
        if not _NUMBERS.search(text):
            return []
        return super().analyze(text, entities, nlp_artifacts, regex_flags)

    def validate_result(self, pattern_text: str) -> bool:
        """Return True when the matched text is a possible calendar date."""
        numbers = [int(number) for number in _NUMBERS.findall(pattern_text)]
        words = [fold(word.rstrip(".")) for word in re.findall(r"[^\W\d_]+\.?", pattern_text)]
        months = [MONTH_NUMBERS[word] for word in words if word in MONTH_NUMBERS]
        if months:  # written month: the first number is the day, a second one the year
            return bool(numbers) and 1 <= numbers[0] <= 31 and _year_ok(numbers[1:])
        if len(numbers) < 2:
            return False
        if numbers[0] > 31:  # ISO: year, month, day
            year, month, day = numbers[0], numbers[1], numbers[2]
            return 1 <= month <= 12 and 1 <= day <= 31 and _year_ok([year])
        first, second = numbers[0], numbers[1]
        day_first = 1 <= first <= 31 and 1 <= second <= 12
        month_first = 1 <= first <= 12 and 1 <= second <= 31
        return (day_first or month_first) and _year_ok(numbers[2:])


def _year_ok(rest: list[int]) -> bool:
    """Tell whether the optional year is two digits or 1900-2099."""
    return not rest or rest[0] < 100 or 1900 <= rest[0] <= 2099

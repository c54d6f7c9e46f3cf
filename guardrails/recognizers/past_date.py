"""Recognizer for a full date years in the past: a birth date or a date of the patient's history.

A patient writes the dates that matter to the front desk in the present or
the near future: "il 3 febbraio 2027", "mardi 12 janvier", "tomorrow at 9".
A full date (day, month and year) more than two years before today, with no
phrase around it, is nearly always about the person: when they were born
("mia mamma ha 82 anni (17.06.1944)", "Lachlan Fairweather / 14th February
1958") or when something happened to them. Either way it identifies them, so
it is redacted as a date of birth. "Two years" is counted back from the
clock, never from a fixed year; a year alone ("classe '52", "in 2019") or a
month and year ("marzo 2024") is not a full date and stays.
"""

from __future__ import annotations

import datetime
import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import RuleRecognizer, finding
from guardrails.recognizers.lexicon import MONTH_NAMES, MONTH_NUMBERS, fold, longest_first

ENTITY = "DATE_OF_BIRTH"
SCORE = 0.6
YEARS_BACK = 2
"""A date earlier than this many years before today is the patient's, not an appointment."""
FIRST_YEAR = 1900

_MONTH = "|".join(
    sorted({name for names in MONTH_NAMES for name in names.split()}, key=longest_first)
)
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th|er|°|º)?"
_YEAR = r"(?P<year>(?:19|20)\d{2}|['’]\d{2})(?![\d:])"
_NUMERIC = re.compile(
    r"(?<![\w/.\-])(?:"
    r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
    r"|(?P<iso_y>(?:19|20)\d{2})(?P<isep>[./-])(?P<iso_m>\d{1,2})(?P=isep)(?P<iso_d>\d{1,2})"
    r")(?![\w]|[./-]\d)"
)
_DAY_MONTH_YEAR = re.compile(
    rf"(?<![\w/.\-]){_DAY}(?:\s+(?:de|of))?\s+(?P<month>{_MONTH})\b\.?,?"
    rf"\s+(?:(?:de|del|of)\s+)?{_YEAR}",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    rf"(?<![\w/.\-])(?P<month>{_MONTH})\b\.?\s+{_DAY},?\s+{_YEAR}",
    re.IGNORECASE,
)


def cutoff_date(today: datetime.date) -> datetime.date:
    """Return the day ``YEARS_BACK`` years before ``today`` (28 February for a 29th)."""
    day = 28 if (today.month, today.day) == (2, 29) else today.day
    return datetime.date(today.year - YEARS_BACK, today.month, day)


def _full_year(text: str, this_year: int) -> int:
    """Return the four-digit year of "1958", "'61" or "61".

    A two-digit year up to next year's is this century's, a later one the last century's.
    """
    digits = text.lstrip("'’")
    if len(digits) == 4:
        return int(digits)
    century = this_year - this_year % 100
    year = century + int(digits)
    return year if year <= this_year + 1 else year - 100


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


class PastDateRecognizer(RuleRecognizer):
    """Recognize a full date more than two years before today as a date of birth.

    Shapes: numeric day/month/year in either order with ``/``, ``.`` or
    ``-`` and a two- or four-digit year ("17.06.1944", "7/4/61"), ISO
    ("1948-03-30"), and written months in the four languages ("14 mars
    2018", "14th February 1958", "3 de marzo de 1990", "28 luglio '64",
    "February 14, 1958"). Day and month must make a calendar date, the year
    is 1900 or later.

    Reference: none (no identifier standard); see the module docstring.
    """

    ENTITIES = (ENTITY,)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one DATE_OF_BIRTH result per full date older than the cut-off."""
        today = datetime.date.today()
        cutoff = cutoff_date(today)
        results: list[RecognizerResult] = []
        for match in _NUMERIC.finditer(text):
            if any(d.year >= FIRST_YEAR and d < cutoff for d in _numeric_dates(match, today.year)):
                results.append(self._result(match.start(), match.end()))
        for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
            for match in pattern.finditer(text):
                month = MONTH_NUMBERS.get(fold(match.group("month")))
                year = _full_year(match.group("year"), today.year)
                when = _date(year, month, int(match.group("day"))) if month else None
                if when is not None and when.year >= FIRST_YEAR and when < cutoff:
                    results.append(self._result(match.start(), match.end()))
        return results

    def _result(self, start: int, end: int) -> RecognizerResult:
        return finding(self, ENTITY, start, end, SCORE, "full date years before today")


def _numeric_dates(match: re.Match[str], this_year: int) -> list[datetime.date]:
    """Return the calendar dates a numeric match can be read as (day first, month first)."""
    if match.group("iso_y"):
        iso = _date(int(match.group("iso_y")), int(match.group("iso_m")), int(match.group("iso_d")))
        return [iso] if iso else []
    year = _full_year(match.group("y"), this_year)
    first, second = int(match.group("a")), int(match.group("b"))
    readings = (_date(year, second, first), _date(year, first, second))
    return [reading for reading in readings if reading is not None]

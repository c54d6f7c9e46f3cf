"""Recognizer for a name written next to a full date: "Bruno Cavazzuti, 1948-03-30".

Patients paste the first lines of a form or a referral without its labels:
a capitalised name and, right after it, a date with a four-digit year. Side by
side, the pair is a person and their date of birth, with no birth phrase to
say so ("Laetitia Bourgeois 15.01.1983 pour le bilan", "Paciente: Ahmed El
Amrani - 23.04.1969"). An appointment date is written after a weekday, "il",
"le", "el", "on" or "at", not glued to a name, and a date in the current or
last year is never taken for a birth date.
"""

from __future__ import annotations

import datetime
import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import RuleRecognizer, finding
from guardrails.recognizers.date_of_birth import BIRTH_CONTEXT, DAY, MONTH
from guardrails.recognizers.lexicon import EVERYDAY_WORDS, fold
from guardrails.recognizers.name_words import name_words

_CAP_WORD = r"(?-i:[A-ZÀ-ÖØ-Þ])[^\W\d_'’\-]+(?:['’\-][^\W\d_]+)*"
_PARTICLE = r"(?:de|del|della|di|da|dos|das|du|van|von|der|le|la|el|al|ben|bin|y|i)"
_NAME = rf"{_CAP_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_CAP_WORD}){{1,3}}"
_SEPARATOR = r"[ \t]*(?:[,(]|[-–—]|\n)?[ \t]*\n?[ \t]*\(?"
_DATE = (
    r"(?P<date>(?:3[01]|[12]\d|0?[1-9])(?P<sep>[./-])(?:1[0-2]|0?[1-9])(?P=sep)(?P<y1>(?:19|20)\d{2})"
    r"|(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])/(?P<y2>(?:19|20)\d{2})"
    r"|(?P<y3>(?:19|20)\d{2})-(?:1[0-2]|0[1-9])-(?:3[01]|[12]\d|0[1-9]))(?![\d./-]?\d)"
)
_PAIR = re.compile(rf"(?<![\w.])(?P<name>{_NAME}){_SEPARATOR}{_DATE}")
# The same in lower case, at the start of a line: "ana belén ruiz torres 12-08-1983".
_LOWER_WORD = r"(?-i:[a-zà-öø-ÿ])[^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*"
_LOWER_NAME = rf"{_LOWER_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_LOWER_WORD}){{1,3}}"
_LOWER_PAIR = re.compile(rf"(?m:^)[ \t]*(?P<name>{_LOWER_NAME}){_SEPARATOR}{_DATE}")
_TITLE_BEFORE = re.compile(
    r"(?i)(?:\b(?:dr|dott|dottor|dottore|dottoressa|doctor|doctora|docteur|pr|prof|professor"
    r"|professeur|nurse|infirmi[èe]re|enfermer[ao]|infermier[ea])|dott\.ssa|dr\.ssa|dra)\.?\s*$"
)
_PARTICLES = frozenset(_PARTICLE.strip("(?:)").split("|"))
# "nacio el 23-01-1976", "Fecha nac 4/5/1961": the words saying "born" are no name.
_BIRTH_WORDS = re.compile(BIRTH_CONTEXT, re.IGNORECASE)

NAME_SCORE = 0.85
DATE_SCORE = 0.85


class NameAndDateRecognizer(RuleRecognizer):
    """Recognize a capitalised name immediately followed by a date of birth."""

    ENTITIES = ("PERSON", "DATE_OF_BIRTH")

    def __init__(self, supported_language: str = "en") -> None:
        self._last_birth_year = datetime.date.today().year - 2
        super().__init__(supported_language)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return a PERSON and a DATE_OF_BIRTH result for each name-date pair."""
        results: list[RecognizerResult] = []
        lower = [m for m in _LOWER_PAIR.finditer(text) if _lower_case_name(m.group("name"))]
        for match in [*_PAIR.finditer(text), *lower]:
            year = int(match.group("y1") or match.group("y2") or match.group("y3"))
            name = match.group("name")
            if year > self._last_birth_year or not self._is_name(name) or _BIRTH_WORDS.search(name):
                continue
            if _TITLE_BEFORE.search(text[max(0, match.start() - 20) : match.start()]):
                continue
            results.append(
                finding(
                    self,
                    "PERSON",
                    match.start("name"),
                    match.end("name"),
                    NAME_SCORE,
                    "name written right before a date of birth",
                )
            )
            results.append(
                finding(
                    self,
                    "DATE_OF_BIRTH",
                    match.start("date"),
                    match.end("date"),
                    DATE_SCORE,
                    "full date written right after a name",
                )
            )
        return results

    @staticmethod
    def _is_name(candidate: str) -> bool:
        """Tell whether a word of the candidate is not an everyday word ("Visita Cardiologica")."""
        words = [w for w in re.split(r"[ \t]+", candidate) if w.casefold() not in _PARTICLES]
        return any(fold(word) not in EVERYDAY_WORDS for word in words)


def _lower_case_name(candidate: str) -> bool:
    """Tell whether every word of a lower-case candidate is a known or name-like word."""
    words = name_words()
    words_typed = re.split(r"[ \t]+", candidate)
    if words_typed[-1] in _PARTICLES:
        return False  # "nacio el": a name does not end with its particle
    parts = [w for w in words_typed if w not in _PARTICLES]
    return all(
        words.fits(part, True, first=index == 0) and words.evidence(part, expected=True)
        for index, part in enumerate(parts)
    )


# After a name found by any recognizer and a comma, a date with a written month and its year
# ("giovanni brambilla, 12 giugno 51, cell …", "franca locatelli ved. pesenti, 12 agosto 39"):
# a reply giving the data asked for. The year may have two digits, never this year's or one
# next to it (a visit's).
_DATE_AFTER_NAME = re.compile(
    rf"[ \t]*,[ \t]*(?P<date>{DAY}[ \t]+(?:{MONTH})\.?[ \t]+(?P<year>(?:19|20)?\d{{2}}))(?![\d\w])",
    re.IGNORECASE,
)


def with_birth_dates_after_names(
    text: str, results: list[RecognizerResult]
) -> list[RecognizerResult]:
    """Return ``results`` with the dates written right after a name and a comma as birth dates."""
    this_year = datetime.date.today().year
    added: list[RecognizerResult] = []
    for result in results:
        if result.entity_type != "PERSON":
            continue
        match = _DATE_AFTER_NAME.match(text, result.end)
        if match is None:
            continue
        year = int(match.group("year"))
        if year < 100:
            year += 2000 if 2000 + year <= this_year + 1 else 1900  # "26" is 2026, "51" 1951
        if year >= this_year - 1:
            continue  # "…, 12 giugno 26": this year's date, a visit's
        start, end = match.span("date")
        if any(r.start < end and start < r.end for r in results):
            continue
        added.append(
            RecognizerResult(
                entity_type="DATE_OF_BIRTH",
                start=start,
                end=end,
                score=DATE_SCORE,
                recognition_metadata={"recognizer_name": "NameAndDateRecognizer"},
            )
        )
    return results + added

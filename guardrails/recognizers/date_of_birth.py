"""Recognizer for a date of birth: a date right after "nato il", "né le", "born on"..."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import (
    WORDS_THEN_COLON,
    CheckDigitRecognizer,
    after_context,
    finding,
)
from guardrails.recognizers.lexicon import MONTH_NAMES, MONTH_NUMBERS, fold, longest_first
from guardrails.recognizers.number_words import (
    DAYS,
    ENGLISH_ORDINAL_DAYS,
    FIRST_BARE_TWO_DIGIT_YEAR,
    TWO_DIGIT_YEARS,
    YEARS,
    key,
    read_number,
)

_BIRTH_PHRASES = (
    # Italian
    r"\bnat[oaie]\b",
    r"\bnascita\b",
    r"\bdata\s+(?:di\s+)?nasc(?:\.|\b)",
    r"\bcompleanno\b",
    # "sono del 4 marzo 1990", "lei è del '62"
    r"\bsono\s+del\b",
    r"\blei\s+[èe]\s+del\b",
    r"\blui\s+[èe]\s+del\b",
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
    # "soy del 3 de mayo del 90", "ella es del veintitrés de julio del noventa y dos"
    r"\bsoy\s+del\b",
    r"\bella\s+es\s+del\b",
    r"\bél\s+es\s+del\b",
    r"\bel\s+es\s+del\b",
    # English
    r"\bborn\b",
    r"\bbirth\s*date\b",
    r"\bdate\s+of\s+birth\b",
    r"\bdob\b",
    r"\bd\.o\.b\b\.?",
    r"\bbirthday\b",
)
BIRTH_CONTEXT = "|".join(_BIRTH_PHRASES)
"""Phrases after which a date is a date of birth, in Italian, French, Spanish and English."""

# Between the phrase and the date: up to 50 characters (the child's name may come between:
# "è nata la nostra bimba, Beatrice Ruggiero, il 2 novembre") with no digit, no end of
# sentence and no word that starts talking about an appointment instead.
_OTHER_DATE = (
    r"appuntament|visit|prenot|rdv|rendez|cita\b|citas\b|appointment|book|esam|exam"
    # a wish to come, move or cancel: the date after it is the visit's ("nato a Bari e volevo
    # spostare al 3 dicembre", "born in Leeds, I would like to come in on 3 December")
    r"|\b(?:vorre|volev|vogli|venir|vengo|venga|spost|anticip|rimand|annull|disdir|quier"
    r"|quer[íi]a|pasar|cambiar|mover|anular|voudr|voul|passer|d[ée]plac|annul|would|want"
    r"|come\b|coming|move|chang(?:e|ing)|cancel|resched)"
)
BIRTH_GAP = rf"(?:(?!\.\s)(?!{_OTHER_DATE})[^\d\n?!;]){{0,50}}"

_MONTH = "|".join(
    sorted({name for names in MONTH_NAMES for name in names.split()}, key=longest_first)
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th|er|°|º)?(?!\d)"
_YEAR = r"(?:(?:19|20)\d{2}|['’]\d{2})(?!\d)"  # 1964, '64
MONTH, DAY = _MONTH, _DAY
"""A month's name or abbreviation in the four languages; a day's number, ordinal or not."""
# After a written month a bare two-digit year is still a year: "né le 4 aout 99".
_YEAR_AFTER_MONTH = (
    r"(?:(?:19|20)\d{2}|['’]?\d{2})(?![\d:.,]\d|\d|\s*(?:h|ans|anni|años|years|yrs)\b)"
)

DATES: dict[str, tuple[str, str]] = {
    "numeric": (r"\d", r"\d{1,2}(\s?[./-]\s?)\d{1,2}\1(?:\d{4}|\d{2})(?!\s?[./-]?\s?\d)"),
    "numeric, spoken": (
        r"\d",
        r"\d{1,2}\s+(?:(?:del|de)\s+|dell['’]\s?)?\d{1,2}\s+(?:19|20)\d{2}(?![./-]?\d)",
    ),
    "numeric, no year": (r"\d", r"\d{1,2}/\d{1,2}(?![/\d])"),
    "ISO": (r"\d", r"(?:19|20)\d{2}([./-])\d{1,2}\1\d{1,2}(?!\d)"),
    # as Chinese and Japanese write it: "1958年4月17日"
    "year年month月day日": (r"\d", r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日"),
    "day month year": (
        r"\d",
        rf"{_DAY}(?:\s+day)?(?:\s+(?:de|of))?\s+(?:{_MONTH})\b\.?"
        rf"(?:\s?,?\s+(?:de\s+|del\s+|of\s+)?{_YEAR_AFTER_MONTH})?",
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
12.03.1985, 30 - 09 - 1944, 3 del 11 1978 (dictated), 12/3, 1985-03-12, 1958年4月17日,
12 marzo 1985, 28 luglio '64, 3 de marzo de 1990, 3rd of March 1990, the 5th Day Of August , 1946,
23-ene-1976, 5.mag.1950, March 3, 1990."""

_NUMBERS = re.compile(r"\d+")


def _first_letters(phrases: tuple[str, ...]) -> str:
    r"""Return the letters the birth phrases start with (each starts with ``\b`` and a letter).

    A search that first looks for one of these letters finds the same phrases, twice as fast.
    """
    if not all(phrase.startswith(r"\b") and phrase[2].isalpha() for phrase in phrases):
        raise ValueError("every birth phrase starts with \\b and a letter")
    return "".join(sorted({phrase[2] for phrase in phrases}))


# A date with its day or year in words ("nata il 3 aprile millenovecentotrentanove",
# "nacida el veintiuno de marzo del 68") is read word by word after each birth
# phrase, so a message with no birth phrase pays one regex search.
_BIRTH = re.compile(rf"(?=[{_first_letters(_BIRTH_PHRASES)}])(?:{BIRTH_CONTEXT})", re.IGNORECASE)
_WORDS_THEN_COLON = re.compile(WORDS_THEN_COLON)
_GAP = re.compile(BIRTH_GAP, re.IGNORECASE)
_WORD_START = re.compile(r"\b\w")
_DAY_DIGITS = re.compile(rf"{_DAY}(?!\w)", re.IGNORECASE)
_DAY_TO_MONTH = re.compile(rf"(?:\s+(?:de|of))?\s+(?:{_MONTH})\b\.?", re.IGNORECASE)
_MONTH_TO_DAY = re.compile(rf"(?:{_MONTH})\b\.?\s+(?:the\s+)?", re.IGNORECASE)
# "del", "de", "of", "dell'" or an apostrophe before a year: then two-digit words are a year
_TO_YEAR = re.compile(
    r",?\s+(?:de\s+l['’]an\s+|(?P<of>del|de|of)\s+|(?P<elided>dell['’]))?", re.IGNORECASE
)
# Words that make the number before them a count or a time: "de treinta y dos semanas"
_COUNTED = re.compile(
    r"\s*(?:ans|anni|años|anos|years|yrs|semaines|settimane|semanas|weeks|mois|mesi|meses|months"
    r"|jours|giorni|días|dias|days|heures|ore|horas|hours|minutes|minuti|minutos)\b",
    re.IGNORECASE,
)
# English "the" right before a date that starts with an ordinal day: "the fourth of May ..."
_THE_BEFORE = re.compile(r"\bthe[^\S\n]+\Z", re.IGNORECASE)
_ORDINAL_DIGITS = re.compile(r"\d+(?:st|nd|rd|th)", re.IGNORECASE)
_YEAR_DIGITS = {True: re.compile(_YEAR_AFTER_MONTH, re.IGNORECASE), False: re.compile(_YEAR)}


class DateOfBirthRecognizer(CheckDigitRecognizer):
    """Recognize a date of birth: a date written right after a phrase about birth.

    A date alone is not patient data ("ho appuntamento il 12 marzo alle 10",
    "rdv le 3 mars", "my appointment on March 3"); after "nato il", "data di
    nascita", "né le", "date de naissance", "born on", "date of birth", "dob",
    "nacida el", "fecha de nacimiento" it is. The phrase must come at most 25
    characters before the date, in the same sentence, with no digit and no
    appointment word in between. Numeric dates must be real calendar dates
    (day 1-31, month 1-12, either order) and a four-digit year is 1900-2099.

    The day or the year may be in words, with a written month ("nata il 3
    aprile millenovecentotrentanove", "nacida el veintiuno de marzo del 68",
    "né le douze juin mille neuf cent quarante-deux", "DOB May twelfth,
    nineteen eighty"): days 1-31, cardinal or ordinal, years 1900-2029, and
    two-digit years in words after "del", "de", "dell'" or an apostrophe, or
    right after the month from 25 on ("vingt-deux juin soixante-douze")
    (:mod:`guardrails.recognizers.number_words`). Such a date needs its year:
    "nata il dodici marzo" is not taken, though "nata il 12 marzo" is. An
    English ordinal day takes its "the" ("the fourth of November two thousand
    and three"); "le", "il" and "el" stay out.

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
        """Return the dates of birth: the patterns' (digits only) and the dates in words.

        The patterns run only on a text with a digit (:meth:`validate_result`
        keeps only a date with a number in it); a date in words, found after a
        birth phrase, replaces a pattern's date inside it ("3 aprile" of "3
        aprile millenovecentotrentanove").
        """
        results: list[RecognizerResult] = []
        if _NUMBERS.search(text):
            results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        spans = _dates_in_words(text)
        if not spans:
            return results
        kept = [r for r in results if not any(s <= r.start and r.end <= e for s, e in spans)]
        return kept + [
            finding(self, self.ENTITY, start, end, 0.5, "Date of birth (in words)")
            for start, end in spans
        ]

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


def _dates_in_words(text: str) -> list[tuple[int, int]]:
    """Return the spans of the dates with a day or year in words, each right after a birth phrase.

    As for the patterns, at most :data:`BIRTH_GAP` (50 characters, no digit, no
    appointment word) stands between the phrase and the date; the date is the
    first one to start in that gap.
    """
    spans: list[tuple[int, int]] = []
    for phrase in _BIRTH.finditer(text):
        after = phrase.end()
        if spans and after < spans[-1][1]:
            continue
        gaps = _gaps(text, after)
        for word in _WORD_START.finditer(text, after, max(end for _, end in gaps) + 1):
            if not any(start <= word.start() <= end for start, end in gaps):
                continue
            date = _date_in_words(text, word.start())
            if date is not None:
                spans.append(date)
                break
    return spans


def _gaps(text: str, after: int) -> list[tuple[int, int]]:
    """Return the stretches (first, last position) where a date may start after a birth phrase.

    The :data:`BIRTH_GAP` right after the phrase, and the one after a few words
    and a colon ("data di nascita della mamma: ...") as :func:`after_context` allows.
    """
    starts = [after]
    words = _WORDS_THEN_COLON.match(text, after)
    if words:
        starts.append(words.end())
    # BIRTH_GAP may be empty, so it always matches
    return [(start, _GAP.match(text, start).end()) for start in starts]  # type: ignore[union-attr]


def _date_in_words(text: str, start: int) -> tuple[int, int] | None:
    """Return the span of the date at ``start`` when it has a year and a day or year in words.

    Day, month, year ("ventitre maggio 1951", "3 aprile millenovecentotrentanove",
    "the third of May nineteen fifty-two") or month, day, year ("May twelfth,
    nineteen eighty"). A date all in digits is left to the patterns; a date in
    words with no year is not taken ("nata il dodici marzo"). An English ordinal
    day takes the "the" right before it: "the fourth of May two thousand and three".
    """
    begin = start
    day = _read_day(text, start)
    if day is not None:
        month = _DAY_TO_MONTH.match(text, day[0])
        if month is None:
            return None
        year = _read_year(text, month.end(), month_first=False)
        article = _THE_BEFORE.search(text, max(0, start - 8), start)
        if article and _is_ordinal(text[start : day[0]]):
            begin = article.start()
    else:
        month = _MONTH_TO_DAY.match(text, start)
        day = _read_day(text, month.end()) if month else None
        if day is None:
            return None
        year = _read_year(text, day[0], month_first=True)
    if year is None or not (day[1] or year[1]):
        return None
    return begin, year[0]


def _is_ordinal(day: str) -> bool:
    """Tell whether ``day`` is an English ordinal: "4th", "fourth", "twenty-second"."""
    return bool(_ORDINAL_DIGITS.fullmatch(day)) or key(day) in ENGLISH_ORDINAL_DAYS


def _read_day(text: str, start: int) -> tuple[int, bool] | None:
    """Return (end, in words) of the day of the month at ``start``: "3", "1er", "ventitre"."""
    digits = _DAY_DIGITS.match(text, start)
    if digits:
        return digits.end(), False
    number = read_number(text, start, DAYS, max_words=4)
    return (number[1], True) if number else None


def _read_year(text: str, start: int, *, month_first: bool) -> tuple[int, bool] | None:
    """Return (end, in words) of the year after a month (``month_first``: "May twelfth, 1980").

    Digits as the patterns take them ("1951", "'68", and "68" after a day and a
    month); 1900-2029 in words, also after "de l'an"; two-digit words after
    "del", "de", "of", "dell'" or an apostrophe ("del cinquantadue", "del
    setenta y tres"), and right after the month or day from
    :data:`FIRST_BARE_TWO_DIGIT_YEAR` on, so that no hour is read as a year
    ("vingt-deux juin soixante-douze", not "tre aprile dieci"); never words
    that count years, weeks, days or minutes ("de treinta y dos semanas").
    """
    lead = _TO_YEAR.match(text, start)
    if lead is None:
        return None
    position = lead.end()
    digits = _YEAR_DIGITS[not month_first or bool(lead["of"])].match(text, position)
    if digits:
        return digits.end(), False
    two_digits = bool(lead["of"] or lead["elided"])
    if text.startswith(("'", "’"), position):
        position, two_digits = position + 1, True
    number = read_number(text, position, YEARS)
    if number is None:
        number = read_number(text, position, TWO_DIGIT_YEARS)
        if number and not two_digits and number[0] < FIRST_BARE_TWO_DIGIT_YEAR:
            return None
    if number is None or _COUNTED.match(text, number[1]):
        return None
    return number[1], True

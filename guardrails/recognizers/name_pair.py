"""Recognizer for a first name and a surname side by side, with nothing announcing them.

Many first names are everyday words too ("rosa", "franco", "sole", "luz",
"dolores", "grace"), so alone they are read as words. Next to a surname they
are a name: "gioia cattabriga non riesce a venire", "hola consuelo barreiro",
"la cita de luz marina cifuentes", "gioia de stefanis"; and on forms and in
signatures the surname comes first: "lombardini rosa, volevo sapere…",
"quiles amparo, tengo cita…"; and Spanish patients go by their two surnames
("mañana va ferrández quiles"), one of them a known surname.

A surname here is a word no list holds as a first name, no everyday word,
and either a known surname that is not a common word in any language or a
word rarer than :data:`SURNAME_MAX_ZIPF` ("bianconcini", "barreiro"). Both
words are written alike, in lower case or capitalised. A surname first must
open the message or follow a greeting or "sono/soy/je suis/I'm", and the
first name after it must end the phrase (a comma, a full stop, a number or
the end of the line): "rosa" in "lombardini rosa antico" is a colour.
A street word or a clinician's title before the pair makes it a street or
one of the clinic's staff.
"""

from __future__ import annotations

import re
from functools import lru_cache

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import finding
from guardrails.recognizers.lexicon import CALENDAR_WORDS, CLOSINGS, fold
from guardrails.recognizers.name_words import CLINICIAN_TITLES, NameRecognizer
from guardrails.recognizers.person_lexicon import (
    PARTICLES,
    PLACE_WORDS,
    TITLE_WORDS,
    name_lexicon,
)
from guardrails.recognizers.reply_name import is_clinical
from guardrails.recognizers.word_frequency import top_zipf

SCORE = 0.7
SURNAME_MAX_ZIPF = 3.0
"""A word in no name list this rare in every language may be a surname next to a first name."""
KNOWN_SURNAME_MAX_ZIPF = 4.0
"""A known surname must be rarer than this to count: "natural", "costa", "mayor" are words."""

_WORD = re.compile(r"(?<![\w'’\-.@/])[^\W\d_]+(?:['’\-][^\W\d_]+)*(?![\w@])")
_SPACE = re.compile(r"[ \t]{1,2}")
_PREVIOUS_WORD = re.compile(r"(?<![\w'’\-])([^\W\d_]+)\.?[ \t]+$")
_OPENS = re.compile(
    r"(?:^|\n)[ \t]*$"
    r"|(?<![\w'’])(?i:sono|soy|je[ \t]+suis|i['’]?m|this[ \t]+is|ciao|salve|buongiorno|buonasera"
    r"|hola|buenas|buenos[ \t]+d[íi]as|bonjour|bonsoir|hi|hello)[ \t]*[,:]?[ \t]+$"
)
_ELISION = re.compile(r"(?P<prefix>[^\W\d_]+)['’](?P<rest>.+)")
_SURNAME_ELISIONS = frozenset({"d", "dell", "dall", "degl", "de", "o"})
_DETERMINER_BEFORE = re.compile(
    r"(?<![\w'’])(?i:il|la|lo|le|el|los|las|les|un|una|uno|une|the|an?|del|della|al|alla|du|des"
    r"|mi|mia|mio|my|su|sua|suo|ma|mon|sa|son)[ \t]+$|(?i:l|un|dell|all)['’]$"
)
_PHRASE_END = re.compile(r"[ \t]*(?:$|[,.;:!?\n(]|\d)")


class NamePairRecognizer(NameRecognizer):
    """Recognize a first name (a word too, perhaps) next to a surname, in either order."""

    def __init__(self, supported_language: str = "en") -> None:
        self._lexicon = name_lexicon()
        super().__init__(supported_language)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one PERSON result per first name and surname found side by side."""
        results: list[RecognizerResult] = []
        words = list(_WORD.finditer(text))
        for index, word in enumerate(words):
            if after_street_or_title(text, word.start()):
                continue
            end = self._first_then_surname(text, words, index)
            if end is not None:
                results.append(
                    finding(self, "PERSON", word.start(), end, SCORE, "first name and surname")
                )
                continue
            end = self._surname_then_first(text, words, index)
            if end is not None:
                results.append(
                    finding(self, "PERSON", word.start(), end, SCORE, "surname and first name")
                )
                continue
            if self._two_surnames(text, words, index):
                results.append(
                    finding(self, "PERSON", word.start(), words[index + 1].end(), SCORE,
                            "two surnames")
                )  # fmt: skip
        return results

    def _first_then_surname(self, text: str, words: list[re.Match[str]], index: int) -> int | None:
        """Return where "first [second first] [particles] surname" from ``index`` ends."""
        first = words[index]
        if not self._first_name(first.group()):
            return None
        position = index + 1
        if self._next(text, words, position - 1) and self._first_name(words[position].group()):
            position += 1  # "luz marina cifuentes"
        particles = 0
        while (
            self._next(text, words, position - 1)
            and fold(words[position].group()) in PARTICLES
            and particles < 2
        ):
            position, particles = position + 1, particles + 1
        if not self._next(text, words, position - 1):
            return None
        surname = words[position].group()
        if not self._alike(first.group(), surname):
            return None
        if fold(first.group()) in self._lexicon.ambiguous_first and _DETERMINER_BEFORE.search(
            text, max(0, first.start() - 12), first.start()
        ):
            return None  # "la luz de …", "una rosa …": a noun after its article
        return words[position].end() if reads_as_surname(surname) else None

    def _surname_then_first(self, text: str, words: list[re.Match[str]], index: int) -> int | None:
        """Return where "surname first" from ``index`` ends, when it opens a phrase."""
        surname = words[index]
        if not self._next(text, words, index) or not reads_as_surname(surname.group()):
            return None
        first = words[index + 1]
        if not self._alike(surname.group(), first.group()) or not self._first_name(first.group()):
            return None
        if not _OPENS.search(text, max(0, surname.start() - 20), surname.start()):
            return None
        return first.end() if _PHRASE_END.match(text, first.end()) else None

    def _two_surnames(self, text: str, words: list[re.Match[str]], index: int) -> bool:
        """Tell whether two surnames, one of them a known one, stand at ``index``.

        Spanish patients are often written by their two surnames alone ("ferrández quiles").
        """
        if not self._next(text, words, index):
            return False
        one, other = words[index].group(), words[index + 1].group()
        if not self._alike(one, other) or not (reads_as_surname(one) and reads_as_surname(other)):
            return False
        return fold(one) in self._lexicon.last or fold(other) in self._lexicon.last

    @staticmethod
    def _next(text: str, words: list[re.Match[str]], index: int) -> bool:
        """Tell whether the word after ``index`` follows it with only a space or two."""
        if index + 1 >= len(words):
            return False
        gap = _SPACE.fullmatch(text, words[index].end(), words[index + 1].start())
        return gap is not None

    @staticmethod
    def _alike(one: str, other: str) -> bool:
        """Both in lower case, or both capitalised."""
        return (one.islower() and other.islower()) or (one.istitle() and other.istitle())

    def _first_name(self, word: str) -> bool:
        """Tell whether ``word`` is a listed first name, an everyday word too, but no stop word."""
        key = fold(word)
        lex = self._lexicon
        return (
            len(key) >= 3
            and (key in lex.first or key in lex.ambiguous_first)
            and (key not in _never())
        )


@lru_cache(maxsize=1)
def _never() -> frozenset[str]:
    """Words that are never part of a name here: stop, calendar, place and title words."""
    lex = name_lexicon()
    return lex.stop | CALENDAR_WORDS | CLOSINGS | PLACE_WORDS | TITLE_WORDS | CLINICIAN_TITLES


def reads_as_surname(word: str, rare_below: float = SURNAME_MAX_ZIPF) -> bool:
    """Tell whether ``word`` reads as a surname next to a first name or initials.

    No first name, everyday word, medicine or exam; a known surname rarer than
    :data:`KNOWN_SURNAME_MAX_ZIPF`, or any word rarer than ``rare_below``.
    """
    key = fold(word)
    elided = _ELISION.fullmatch(key)
    if elided is not None:
        # "d'alessandro", "o'brien"; never a verb after its pronoun ("j'amène", "l'ho")
        return elided.group("prefix") in _SURNAME_ELISIONS and reads_as_surname(
            elided.group("rest"), rare_below
        )
    lex = name_lexicon()
    if len(key) < 4 or key in lex.first or key in _never() or key in lex.not_name:
        return False
    if is_clinical(key):
        return False  # "max ibuprofen in 24h?": a medicine, an exam, an organ
    zipf = top_zipf(key)
    return zipf < rare_below or (key in lex.last and zipf < KNOWN_SURNAME_MAX_ZIPF)


def after_street_or_title(text: str, start: int) -> bool:
    """Tell whether a street word or a clinician's title comes right before ``start``."""
    previous = _PREVIOUS_WORD.search(text, max(0, start - 20), start)
    if previous is None:
        return False
    key = fold(previous.group(1))
    return key in PLACE_WORDS or key in CLINICIAN_TITLES

"""Recognizer for two capitalised name words in a row inside a sentence ("atiende a Wilson Chávez").

The list recognizer (:mod:`person_lexicon`) needs a known first name to open
a name; many patients' names open with a word the first-name lists lack or
mark as ambiguous: "Wilson" is in the lists as a surname, "Franca" is an
Italian word too. Two capitalised words in a row after a lower-case word
(so the capitals are the writer's choice, not the start of a sentence or a
message typed in title case) are a name when both are known last names
("Wilson Chávez"), or when the second is a word no language's text uses
("Franca Bortoluzzi") and the first reads like a name. Never when either is
an everyday, calendar, place, title, closing or department word, nor right
after a street or institution word ("via Carlo Pisacane").
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import finding
from guardrails.recognizers.lexicon import CALENDAR_WORDS, fold
from guardrails.recognizers.name_words import NameRecognizer
from guardrails.recognizers.person_lexicon import PLACE_WORDS, name_lexicon
from guardrails.recognizers.word_frequency import LANGUAGES, looks_like_name, top_zipf, zipf

SCORE = 0.7
UNSEEN_MAX_ZIPF = 2.0
"""A second word rarer than this in all four languages is a surname, not a word."""

_CAPITALISED = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:['’\-][A-ZÀ-ÖØ-Þa-zß-öø-ÿ][a-zß-öø-ÿ]+)?"
_PAIR = re.compile(
    rf"(?<![\w'’])(?P<before>[a-zß-öø-ÿ]+)[ \t]+"
    rf"(?P<first>{_CAPITALISED})[ \t](?P<second>{_CAPITALISED})(?![\w'’])"
)


# At a sentence's start the first capital is the sentence's, the second the writer's choice:
# a pair there before a lower-case word or a number ("Gioia Pelizzari mi ha chiesto …").
_PAIR_AT_START = re.compile(
    rf"(?:^|(?<=[.!?\n])[ \t]*)(?P<first>{_CAPITALISED})[ \t](?P<second>{_CAPITALISED})"
    r"(?=[ \t,]+[a-zß-öø-ÿ0-9])"
)
# A surname opened by a capitalised particle inside a sentence: "non Della Vecchia come …".
_PARTICLE_SURNAME = re.compile(
    rf"(?<![\w'’])(?P<before>[a-zß-öø-ÿ]+)[ \t]+"
    r"(?P<first>Della|Dalla|Delle|Degli|Dello|Dal|Del|Di|De|Da|Lo|Li|Van|Von|Du)[ \t]"
    rf"(?P<second>{_CAPITALISED})(?![\w'’])(?![ \t]+[A-ZÀ-ÖØ-Þ])"
)
SHARED_MIN_ZIPF = 2.0
SHARED_MAX_ZIPF = 5.5
"""A first word seen at least this often in three languages' text, and at most this often in
any, is written about everywhere: a proper noun ("Felice", "Blanche"), not an everyday word."""


class CapitalisedPairRecognizer(NameRecognizer):
    """Recognize two capitalised words after a lower-case one when both read as names."""

    def __init__(self, supported_language: str = "en") -> None:
        self._lexicon = name_lexicon()
        super().__init__(supported_language)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one PERSON result per pair of capitalised name words."""
        results: list[RecognizerResult] = []
        for match in _PAIR.finditer(text):
            if fold(match.group("before")) in PLACE_WORDS:
                continue  # "via Carlo Pisacane", "ospedale San Paolo"
            first, second = match.group("first"), match.group("second")
            if self._is_name(first, second):
                results.append(
                    finding(self, "PERSON", match.start("first"), match.end("second"), SCORE,
                            "two capitalised name words")
                )  # fmt: skip
        for match in _PAIR_AT_START.finditer(text):
            if self._is_name_at_start(match.group("first"), match.group("second")):
                results.append(
                    finding(self, "PERSON", match.start("first"), match.end("second"), SCORE,
                            "two capitalised name words opening a sentence")
                )  # fmt: skip
        for match in _PARTICLE_SURNAME.finditer(text):
            before = fold(match.group("before"))
            if before in PLACE_WORDS or (before in self._lexicon.stop and len(before) < 3):
                continue  # "via Della Spiga", "a Da Vinci"
            if self._words.particle_surname(match.group("second"), capitalised=True):
                results.append(
                    finding(self, "PERSON", match.start("first"), match.end("second"), SCORE,
                            "surname after a capitalised particle")
                )  # fmt: skip
        return results

    def _is_name_at_start(self, first: str, second: str) -> bool:
        """Tell whether two capitalised words opening a sentence are a name.

        The second must read like a surname (a known one, or a word no language
        uses much); the first a first name, even one that is also a word
        ("Gioia"), or a word written about in several languages ("Felice").
        """
        lex = self._lexicon
        key, next_key = fold(first), fold(second)
        words = self._words
        if not words.fits(second, False, first=False) or next_key in lex.first:
            return False
        if top_zipf(next_key) >= UNSEEN_MAX_ZIPF and not words.evidence(second, expected=False):
            return False
        if key in lex.ambiguous_first and key not in CALENDAR_WORDS:
            return True
        if not words.fits(first, False, first=True) or key in lex.stop or len(key) < 3:
            return False
        if key in lex.first or looks_like_name(key, expected=True):
            return True
        ranked = sorted((zipf(key, language) for language in LANGUAGES), reverse=True)
        return ranked[0] < SHARED_MAX_ZIPF and ranked[2] >= SHARED_MIN_ZIPF

    def _is_name(self, first: str, second: str) -> bool:
        words = self._words
        if not (words.fits(first, False, first=True) and words.fits(second, False, first=False)):
            return False
        lex = self._lexicon
        key, next_key = fold(first), fold(second)
        if any(k in lex.not_name or k in lex.stop or len(k) < 3 for k in (key, next_key)):
            return False
        if key in lex.last and next_key in lex.last:
            return True  # "Wilson Chávez"
        return top_zipf(next_key) < UNSEEN_MAX_ZIPF and (
            key in lex.first or looks_like_name(key, expected=True)
        )

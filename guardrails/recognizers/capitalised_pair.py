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

from guardrails.recognizers.base import RuleRecognizer, finding
from guardrails.recognizers.lexicon import fold
from guardrails.recognizers.name_words import name_words
from guardrails.recognizers.person_lexicon import PLACE_WORDS, name_lexicon
from guardrails.recognizers.word_frequency import looks_like_name, top_zipf

SCORE = 0.7
UNSEEN_MAX_ZIPF = 2.0
"""A second word rarer than this in all four languages is a surname, not a word."""

_CAPITALISED = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:['’\-][A-ZÀ-ÖØ-Þa-zß-öø-ÿ][a-zß-öø-ÿ]+)?"
_PAIR = re.compile(
    rf"(?<![\w'’])(?P<before>[a-zß-öø-ÿ]+)[ \t]+"
    rf"(?P<first>{_CAPITALISED})[ \t](?P<second>{_CAPITALISED})(?![\w'’])"
)


class CapitalisedPairRecognizer(RuleRecognizer):
    """Recognize two capitalised words after a lower-case one when both read as names."""

    ENTITIES = ("PERSON",)

    def __init__(self, supported_language: str = "en") -> None:
        self._words = name_words()
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
        return results

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

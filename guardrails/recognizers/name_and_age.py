"""Recognizer for a name followed by an age: "aurora, 6 anni", "bruno (8 años)", "Lou, 4 ans".

Parents booking for a child give the child's name and age together, most
often after a colon or a relative ("aggiungete mia figlia: aurora, 6 anni",
"para el peque hugo de 3 años"); carers do it for the old ("nonna pina, 91
anni"). A name with its age is a person whatever the phrase before it, so
first names that are also words ("Aurora", "Bruno", "Rosa") count here,
in lower case too. The words before the age must still read as a name:
known first or last names, or words that wordfreq finds in several
languages' text or in none; never a relative ("mio figlio, 6 anni"), an
everyday, calendar or clinical word, and never an age that is a time ago
("operata, 3 anni fa", "hace 2 años").
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import finding
from guardrails.recognizers.lexicon import CALENDAR_WORDS, fold
from guardrails.recognizers.name_words import NameRecognizer, name_end, starts_before
from guardrails.recognizers.person_lexicon import KIN_WORDS, name_lexicon
from guardrails.recognizers.reply_name import is_clinical

SCORE = 0.75
MAX_WORDS = 3

_AGE = re.compile(
    r"(?:[ \t]*,[ \t]*|[ \t]*\([ \t]*|[ \t]+(?:(?i:di|de|d['’]|of|aged)[ \t]+)?)"
    r"\d{1,3}(?:[ \t]*(?i:anni|anno|años|año|anos|ano|ans|an|years?|yrs?|y/o|mesi|meses|mois"
    r"|months?|aa))(?![\w/])"
    # a time ago, not an age: "3 anni fa", "2 years ago", "5 ans plus tôt"
    r"(?![ \t]*(?i:fa|ago|prima|before|plus\s+t[ôo]t|avant|atr[áa]s|antes)\b)"
)
# After an owner comes a noun ("pour mon mari de 62 ans", "mi niño de 3 años"), not a name.
_OWNER_BEFORE = re.compile(
    r"(?<![\w'’])(?i:mio|mia|tuo|tua|suo|sua|nostr[oa]|vostr[oa]|mi|tu|su|nuestr[oa]"
    r"|vuestr[oa]|mon|ma|ton|ta|son|sa|notre|votre|my|your|his|her|our|their)[ \t]+$"
)


class NameAndAgeRecognizer(NameRecognizer):
    """Recognize the name right before an age ("aurora, 6 anni")."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one PERSON result per name given with an age."""
        results: list[RecognizerResult] = []
        for age in _AGE.finditer(text):
            end = age.start()
            # the longest run of name words that ends right before the age
            for start in starts_before(text, end):
                if _OWNER_BEFORE.search(text, max(0, start - 8), start):
                    continue
                words = self._words.words_at(text, start, lowercase_ok=True, max_words=MAX_WORDS)
                if not words and self._first_name_that_is_a_word(text[start:end]):
                    results.append(finding(self, "PERSON", start, end, SCORE, "name before an age"))
                    break
                if not words or name_end(text, words) != end:
                    continue
                if self._is_name([w.group().rstrip(".") for w in words]):
                    results.append(finding(self, "PERSON", start, end, SCORE, "name before an age"))
                    break
        return results

    @staticmethod
    def _first_name_that_is_a_word(word: str) -> bool:
        """Tell whether ``word`` is a first name that is also a word ("bruno", "Rosa")."""
        key = fold(word)
        lexicon = name_lexicon()
        return (
            len(key) > 3  # "max 3 anni" is at most three years
            and key in lexicon.ambiguous_first
            and key not in lexicon.stop  # "durante 5 años"
            and key not in CALENDAR_WORDS
        )

    def _is_name(self, words: list[str]) -> bool:
        if any(fold(word) in KIN_WORDS or is_clinical(word) for word in words):
            return False
        reader = self._words
        first, rest = words[0], words[1:]
        if not (reader.is_first_name(first) or reader.evidence(first, expected=False)):
            return False
        return all(reader.evidence(word, expected=True) for word in rest)

"""Recognizer for a name that only its shape gives away: a signature, an O' surname, a possessive.

Students and young patients sign at the end of a sentence with their name and
their mobile, in lower case and with nothing to announce them: "… jsuis dispo
mardi aprem. théo marchal-bonnet 06 62 47 13 95". Where a sentence starts
with a likely first name (see :meth:`NameWords.likely_first_name`: never a
word as common as "rosa" or "marco") or a word that reads like one, its
surnames (known or rare words, at most two; one at least after a first name
in no list) and then a phone-shaped number ending the line, the words are a
name.

An Irish surname opened by "O'" after a first name (a likely one, or a word
that reads like one) is a name anywhere ("she's peggy o'hare, 89", "he's
seamus o'flaherty"); "o'clock" is no surname. A likely first name, capitalised,
with an English possessive is one too ("after Amelia's growth clinic"); a
saint's is not ("St Mary's").
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import finding
from guardrails.recognizers.name_words import NameRecognizer

SCORE = 0.75

# Where a sentence or a clause starts: the message's start, a full stop, a line break, an
# emoji, a comma ("sono la figlia, Marta 347 902 6614").
_SENTENCE_START = re.compile(
    r"(?:^|(?<=[.!?\n,])|(?<=[.!?][ \t])|(?<=[^\w\s.,;:'’()\-]))[ \t]*(?=\w)"
)
# A phone-shaped number ending its line: "06 62 47 13 95", "+44 7700 900123", "3471234567".
_NUMBER_ENDING_LINE = re.compile(
    r"[ \t]+(?:\+?\d(?:[ \t.\-]?\d){7,14}(?![\d\w])"
    # or an e-mail address: "… del seminograma? Adrián adrian.vera.m@hotmail.com"
    r"|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+)[^\w\n]*(?:$|\n)",
    re.MULTILINE,
)
_O_SURNAME = re.compile(r"[ \t]+(?P<surname>[oO]['’](?!clock\b)[^\W\d_]{3,})(?![\w'’\-])")
_WORD = re.compile(r"(?<![\w'’\-])[^\W\d_]{3,}(?=[ \t])")
_PARTS = re.compile(r"['’\-]")
# A capitalised first name with an English possessive: "after Amelia's growth clinic"; never
# a saint's ("St Mary's") or a place after an article ("shows a Nando's").
_POSSESSIVE = re.compile(
    r"(?<!\bSt )(?<!\bSt\. )(?<!\bSaint )(?<!\ba )(?<!\ban )(?<!\bthe )(?<![\w'’\-])"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,})['’]s(?![\w'’])"
)


class SignedNameRecognizer(NameRecognizer):
    """Recognize a name signed before a number, a first name with an O' surname or a possessive."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one PERSON result per signature, O' name or first name's possessive."""
        results: list[RecognizerResult] = []
        numbers = {number.start() for number in _NUMBER_ENDING_LINE.finditer(text)}
        for start in _SENTENCE_START.finditer(text) if numbers else ():
            end = self._signature_end(text, start.end())
            if end is not None and end in numbers:
                results.append(
                    finding(
                        self,
                        "PERSON",
                        start.end(),
                        end,
                        SCORE,
                        "name signed before a number or an e-mail",
                    )
                )
        if "'" in text or "’" in text:
            for possessive in _POSSESSIVE.finditer(text):
                if self._words.likely_first_name(possessive.group("name")):
                    results.append(
                        finding(
                            self,
                            "PERSON",
                            possessive.start("name"),
                            possessive.end("name"),
                            SCORE,
                            "a first name's possessive",
                        )
                    )
            for word in _WORD.finditer(text):
                surname = _O_SURNAME.match(text, word.end())
                if surname is not None and self._first_name_like(word.group()):
                    results.append(
                        finding(self, "PERSON", word.start(), surname.end(), SCORE, "an O' surname")
                    )
        return results

    def _first_name_like(self, word: str) -> bool:
        """Tell whether ``word`` may be a first name: a likely one, or a word reading like one."""
        return self._words.likely_first_name(word) or (
            self._words.fits(word, True, first=True)
            and self._words.evidence(word, expected=True, first=True)
        )

    def _signature_end(self, text: str, start: int) -> int | None:
        """Return where a name signed at ``start`` ends, or None.

        A likely first name with its surnames (:meth:`NameWords.first_name_end`),
        or two or three words that read like a name, the first in a name's place
        ("théo marchal-bonnet": "théo" is in no list).
        """
        end = self._words.first_name_end(text, start)
        if end is not None:
            return end
        words = self._words.words_at(text, start, lowercase_ok=True, max_words=3)
        if len(words) < 2 or any(word.group().isupper() for word in words):
            return None
        names = [word.group() for word in words]
        if not self._words.evidence(names[0], expected=True, first=True):
            return None
        if not all(
            self._words.known_or_rare(part)
            for name in names[1:]
            for part in _PARTS.split(name)
            if len(part) > 2
        ):
            return None  # "marchal-bonnet": each part of a joined surname
        return words[-1].end()

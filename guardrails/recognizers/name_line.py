"""Recognizer for a name standing alone on a line of a message of several lines.

Patients paste blocks ("Lachlan Fairweather / 14th February 1958 / repeat
prescription pls") and sign on a line of their own, sometimes with an
initial and with more after it ("Grazie mille, buona serata / Rosalba M. /
rosalba.mancuso@…", "— Fabrice L."). A line that holds nothing but one to
four capitalised words, a dash or bullet before them and punctuation or
emoji after, is a name when its words read like one (see
:class:`name_words.NameWords`: a known or name-like first word, never a
greeting, closing, weekday, street word or title). "Grazie mille", "Hillside
Farm", "DATOS PACIENTE", "Radiologia" are not.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import finding
from guardrails.recognizers.lexicon import fold
from guardrails.recognizers.name_words import NameRecognizer, name_end
from guardrails.recognizers.postcode_address import ADDRESS_WORDS

SCORE = 0.75
MAX_WORDS = 4
_LINE = re.compile(r"(?m)^[ \t]*(?:[-–—~*•>]+[ \t]*)?(?=\S)")
_HOUSE_WORDS = frozenset(word for word in ADDRESS_WORDS if len(word) > 3)
_REST_OF_LINE = re.compile(r"[^\w\n]*$", re.MULTILINE)


class NameLineRecognizer(NameRecognizer):
    """Recognize a name written alone on one line of a message of several lines."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one PERSON result per line that is a name."""
        if "\n" not in text.strip():
            return []
        results: list[RecognizerResult] = []
        for line in _LINE.finditer(text):
            words = self._words.words_at(text, line.end(), lowercase_ok=False, max_words=MAX_WORDS)
            if not words or not _REST_OF_LINE.match(text, words[-1].end()):
                continue  # the line goes on with other words, digits or an address
            if "," in text[words[0].start() : words[-1].end()]:
                continue  # "Rossi, Milano": a list, not a name
            if any(fold(w.group().rstrip(".")) in _HOUSE_WORDS for w in words):
                continue  # "Hillside Farm", "Rose Cottage": an address line
            if self._words.is_name([w.group() for w in words], expected=False):
                results.append(
                    finding(
                        self,
                        "PERSON",
                        words[0].start(),
                        name_end(text, words),
                        SCORE,
                        "name alone on its line",
                    )
                )
        return results

"""Recognizer for a name that opens a message, what the person does right after it.

Patients often start with the one they write about, in lower case and with no
introduction: "teresa non può venire giovedì", "chus y yo vamos juntas",
"kayla can't make it". The first word of a line is a name here when it is a
known first name that is no everyday word (not "rosa", "socorro", "luz"),
nor a stop word, a weekday, a month or a closing, perhaps followed by a
known surname or a word no language uses, and the words after it say what
the person does: a verb of the third person, a negation, "and I", or the
time of an appointment.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import finding
from guardrails.recognizers.name_words import NameRecognizer

SCORE = 0.7

_LINE_START = re.compile(r"(?:^|\n)[ \t]*(?=[^\W\d_])")
_SPACE = re.compile(r"[ \t]{1,2}")
_FIRST_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# What someone does, right after their name: a third-person verb, a negation, "and I",
# the time of their appointment.
_DOES = re.compile(
    r"(?i:"
    # Italian
    r"ha|è|e['’]|non|deve|può|puo['’]?|vuole|viene|verr[àa]|chiede|dice|sta|aveva|era"
    r"|alle[ \t]+\d|e[ \t]+io"
    # Spanish
    r"|tiene|est[áa]|no|puede|quiere|viene|va|pregunta|dice|necesita|a[ \t]+las[ \t]+\d"
    r"|y[ \t]+yo"
    # French
    r"|a|n['’]|ne|est|doit|peut|veut|vient|demande|[àa][ \t]+\d|et[ \t]+moi"
    # English
    r"|has|is|isn['’]?t|can|can['’]?t|cannot|will|won['’]?t|needs|wants|doesn['’]?t"
    r"|didn['’]?t|at[ \t]+\d|and[ \t]+(?:i|me)"
    r")(?![\w'’])"
)


class OpeningNameRecognizer(NameRecognizer):
    """Recognize a known first name opening a line when what the person does follows."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one PERSON result per line opened by a name and its verb."""
        results: list[RecognizerResult] = []
        for line in _LINE_START.finditer(text):
            first = _FIRST_WORD.match(text, line.end())
            if first is None or not self._words.is_known_first_name(first.group()):
                continue  # "socorro no entiendo", "Rosa è …": a word before a name
            end = self._words.first_name_end(text, line.end())
            if end is None:
                continue
            gap = _SPACE.match(text, end)
            if gap is not None and _DOES.match(text, gap.end()):
                results.append(
                    finding(self, "PERSON", line.end(), end, SCORE, "name opening a message")
                )
        return results

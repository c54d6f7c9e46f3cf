"""Recognizer for a name spelt out letter by letter: "W-Y-N-D-H-A-M", "K E R V A R E C".

When the clinic has a name wrong, patients spell it: single letters joined by
dashes ("Q-U-I-S-P-E", "s-c-a-r-a-m-u-z-z-i"), or by spaces, in capitals
("K E R V A R E C") or after a word that asks for spelling ("si scrive r o s s
i", "se escribe", "ça s'écrit", "spelt"). Three letters or more joined by
dashes, four or more in spaced capitals, are a name: nothing else in a
patient's message is spelt out. Letters joined by dots are left alone: they are
abbreviations ("S.r.l.", "U.S.A.", "P.I.V.A.").
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import RuleRecognizer, finding

SCORE = 0.85
MIN_DASHED = 3
MIN_SPACED = 4

_LETTER = r"[^\W\d_]"
_CAPITAL = r"(?-i:[A-ZÀ-ÖØ-Þ])"
_ALONE_BEFORE = r"(?<![\w\-.])"
_ALONE_AFTER = r"(?![\w\-])"
# Letters joined by dashes, spaces around them allowed: "W-Y-N-D-H-A-M", "q - u - i".
_DASHED = re.compile(
    rf"{_ALONE_BEFORE}{_LETTER}(?:[ \t]?-[ \t]?{_LETTER}){{{MIN_DASHED - 1},}}{_ALONE_AFTER}"
)
# Capital letters joined by spaces: "K E R V A R E C".
_SPACED_CAPITALS = re.compile(
    rf"{_ALONE_BEFORE}{_CAPITAL}(?:[ \t]{_CAPITAL}){{{MIN_SPACED - 1},}}{_ALONE_AFTER}"
)
# Letters in any case joined by spaces, after a word asking for spelling.
_SPACED_LETTERS = re.compile(
    rf"{_ALONE_BEFORE}{_LETTER}(?:[ \t]{_LETTER}){{{MIN_DASHED - 1},}}{_ALONE_AFTER}"
)
_SPELLING_CUE = re.compile(
    r"(?:si\s+scrive|scritto|se\s+escribe|escrito|[ée]crit|spelt|spelled|spelling|spell)"
    r"\W{0,3}$",
    re.IGNORECASE,
)

_VOWELS_ONLY = re.compile(r"[aeiouy \t\-]+", re.IGNORECASE)


class SpelledNameRecognizer(RuleRecognizer):
    """Recognize a name spelt out one letter at a time."""

    ENTITIES = ("PERSON",)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one PERSON result per spelt-out name."""
        spans = {(m.start(), m.end()) for m in _DASHED.finditer(text)}
        spans |= {(m.start(), m.end()) for m in _SPACED_CAPITALS.finditer(text)}
        spans |= {
            (m.start(), m.end())
            for m in _SPACED_LETTERS.finditer(text)
            if _SPELLING_CUE.search(text, max(0, m.start() - 20), m.start())
        }
        return [
            finding(self, "PERSON", start, end, SCORE, "name spelt out letter by letter")
            for start, end in sorted(spans)
            if not _VOWELS_ONLY.fullmatch(text, start, end)  # "A E I O": the vowels
        ]

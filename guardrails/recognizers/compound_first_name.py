"""Recognizer for Spanish compound first names: "María del Carmen", "juan de dios", "mari luz".

Many Spanish first names join a first name to a Marian or devotional title
with "de", "del" or "de la": María del Carmen, María del Mar, Juan de Dios,
José de Jesús, María de los Ángeles, Mª del Pilar. The title alone is an
everyday word or a place ("dios", "mar", "carmen", "pilar"), so the name
lists find the first name and stop, or find nothing in lower case. A known
first name, its link and one of these titles are one first name, and the
surnames that follow (words reading like names, in the same case) are
taken in. Never after a street or institution word ("Hospital San Juan de
Dios", "calle Virgen del Carmen").
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import finding
from guardrails.recognizers.lexicon import fold
from guardrails.recognizers.name_words import NameRecognizer, name_end
from guardrails.recognizers.person_lexicon import PARTICLES, PLACE_WORDS, name_lexicon

SCORE = 0.8
MAX_SURNAMES = 2

DEVOTIONAL_TITLES = frozenset(
    fold(word)
    for word in """dios jesús carmen mar pilar rosario rocío cruz ángeles mercedes consuelo
    dolores remedios socorro amparo fátima lourdes montserrat valle sagrario luz paz nieves
    gracia asunción camino milagros pino puerto olvido o""".split()
)
"""What follows "de"/"del"/"de la" in a Spanish compound first name."""

_MARIA = frozenset({"ma", "mª", "m.ª"})
"""How María is abbreviated before its title ("Mª del Mar")."""

_MARI = frozenset({"mari", "maria", "ma", "mª", "m.ª"})
"""Mari and María, which join a title without "de": "mari carmen", "Mari Luz", "Mª Paz"."""
_MARI_TITLES = DEVOTIONAL_TITLES | frozenset({"jose"})
_MARI_COMPOUND = re.compile(
    r"(?<![\w.])(?P<first>(?i:mari|mar[íi]a|m\.?ª))[ \t]+(?P<title>[^\W\d_]+)(?![\w'’])"
)
_COMPOUND = re.compile(
    r"(?<![\w.])(?P<first>[^\W\d_]+(?:\.ª)?)[ \t]+(?i:de[ \t]+(?:la|las|los)|del|de)[ \t]+"
    r"(?P<title>[^\W\d_]+)(?![\w'’])"
)
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?[ \t]+$")


class CompoundFirstNameRecognizer(NameRecognizer):
    """Recognize a first name, "de/del/de la" and a devotional title, with the surnames after."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one PERSON result per compound first name (and its surnames)."""
        results: list[RecognizerResult] = []
        position = 0
        while (match := _COMPOUND.search(text, position)) is not None:
            # matches may overlap: "revisión de juan de dios" holds "juan de dios"
            position = match.end("first")
            if not self._is_compound(text, match):
                continue
            position = match.end()
            results.append(
                finding(
                    self,
                    "PERSON",
                    match.start(),
                    self._surnames_end(text, match.end(), match.group("title").islower()),
                    SCORE,
                    "compound first name",
                )
            )
        for match in _MARI_COMPOUND.finditer(text):
            first, title = match.group("first"), match.group("title")
            if fold(title) not in _MARI_TITLES or fold(title) == "o":
                continue
            if (first.islower() or first == "mª") != title.islower():
                continue
            if self._after_place(text, match.start()):
                continue
            end = self._surnames_end(text, match.end(), title.islower())
            results.append(finding(self, "PERSON", match.start(), end, SCORE, "Mari and a title"))
        return results

    @staticmethod
    def _after_place(text: str, start: int) -> bool:
        before = _WORD_BEFORE.search(text, max(0, start - 20), start)
        return before is not None and fold(before.group(1)) in PLACE_WORDS

    @staticmethod
    def _is_compound(text: str, match: re.Match[str]) -> bool:
        first, title = match.group("first"), match.group("title")
        if first.islower() != title.islower():
            return False  # "Juan de dios": not written as one name
        key = fold(first)
        if key not in _MARIA and key not in name_lexicon().first:
            return False
        if fold(title) not in DEVOTIONAL_TITLES:
            return False
        return not CompoundFirstNameRecognizer._after_place(text, match.start())

    def _surnames_end(self, text: str, end: int, lowercase: bool) -> int:
        """Return where the surnames after the compound first name end."""
        gap = re.match(r"[ \t]{1,2}", text[end:])
        if gap is None:
            return end
        words = self._words.words_at(
            text, end + gap.end(), lowercase_ok=lowercase, max_words=MAX_SURNAMES + 1
        )
        kept: list[re.Match[str]] = []
        for word in words:
            value = word.group().rstrip(".")
            if fold(value) in PARTICLES:
                kept.append(word)  # "fernandez de cordoba": kept if a surname follows
                continue
            if value.islower() != lowercase or not self._words.evidence(value, expected=True):
                break
            kept.append(word)
        while kept and fold(kept[-1].group()) in PARTICLES:
            kept.pop()
        return name_end(text, kept) if kept else end

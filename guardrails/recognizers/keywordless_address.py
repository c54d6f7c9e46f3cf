"""Recognizer for an address without a street keyword or a postcode: "88 Harbour View, Cairns".

The street recognizer needs a street word ("via", "rue", "calle", "Road")
and the postcode recognizer a postcode. Many addresses have neither: a
hamlet, an estate or a house name with its number, then the town ("7 La
Giraudière, Brissac", "Barrio La Estación 14, Torrelavega", "San Polo
2215, Venezia", "Cascina Malpaga 3, Cura Carpignano (PV)"). Their shape is
still particular: capitalised place words and a house number, then a comma
or a line break, then a capitalised town, with nothing but the end of the
sentence after it. Words of everyday talk, weekdays, months, titles and the
words of a hospital's own places ("Ward 12, Level 3", "Sala 2, Piano
terra") are never part of one, and a year is not a house number.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import RuleRecognizer, finding
from guardrails.recognizers.lexicon import CALENDAR_WORDS, CLOSINGS, EVERYDAY_WORDS, UNITS, fold
from guardrails.recognizers.name_words import CLINICIAN_TITLES
from guardrails.recognizers.person_lexicon import TITLE_WORDS, name_lexicon

SCORE = 0.85
"""Above a name found inside the street words ("Cascina Giuseppe Rossi 3, Lodi")."""

_CAP = r"(?-i:[A-ZÀ-ÖØ-Þ])[^\W\d_]*(?:['’\-][^\W\d_]+)*\.?"
_LINK = (
    r"(?:de|del|della|di|da|do|du|des|la|le|les|los|las|el|lo|sur|sous|en|of|the|y|i|d['’]|l['’])"
)
_WORDS = rf"{_CAP}(?:[ \t]+(?:{_LINK}[ \t]+)?{_CAP}){{0,3}}"
_HOUSE = r"\d{1,4}(?:[ \t]?(?:bis|ter)\b|[a-zA-Z](?![\w])|/[A-Za-z0-9]{1,2})?"
_TOWN_WORD = r"(?-i:[A-ZÀ-ÖØ-Þ])[^\W\d_]*(?:['’\-][^\W\d_]+)*"
_TOWN = (
    rf"{_TOWN_WORD}(?:[ \t-]+(?:{_LINK}[ \t-]+)?{_TOWN_WORD}){{0,2}}"
    rf"(?:[ \t]*\((?-i:[A-Z]{{2}})\))?"
)
_BREAK = r"[ \t]*(?:,[ \t]*\n?|\n)[ \t]*"
_END = r"(?=[ \t]*(?:$|[\n.,;!?)]|\s+[^\W\d_]))"

_ADDRESS = re.compile(
    rf"(?<![\w./-])(?:"
    rf"(?P<number_first>{_HOUSE})[ \t]+(?P<street_a>{_WORDS})"
    rf"|(?P<street_b>{_WORDS})[ \t]+(?P<number_last>{_HOUSE})"
    rf"){_BREAK}(?P<town>{_TOWN}){_END}"
)

NOT_PLACE_WORDS = frozenset(
    fold(word)
    for word in """
    ward level room building bay floor gate terminal line bus tram platform bed unit suite
    sala stanza piano reparto padiglione edificio ambulatorio studio porta scala ala blocco
    letto linea binario box sportello cassa corsia settore
    salle porte étage etage bâtiment batiment aile lit ligne quai guichet box secteur
    planta consulta habitación habitacion cama puerta edificio ala línea linea andén anden
    ventanilla módulo modulo sector
    covid test exam esame examen referto report informe dossier cartella historia ticket
    tac rmn rx eco ecg tc pet irm scanner
    """.split()
)
"""Places inside a hospital or a station, and things numbered like them."""


class KeywordlessAddressRecognizer(RuleRecognizer):
    """Recognize a house number with capitalised place words, then a town, without keyword."""

    ENTITIES = ("STREET_ADDRESS",)

    def __init__(self, supported_language: str = "en") -> None:
        self._never = (
            EVERYDAY_WORDS
            | CALENDAR_WORDS
            | CLOSINGS
            | TITLE_WORDS
            | CLINICIAN_TITLES
            | NOT_PLACE_WORDS
            | frozenset(unit for unit in UNITS if unit.isalpha())
        )
        super().__init__(supported_language)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one STREET_ADDRESS result per keywordless address."""
        results: list[RecognizerResult] = []
        for match in _ADDRESS.finditer(text):
            number = match.group("number_first") or match.group("number_last")
            street = match.group("street_a") or match.group("street_b")
            if re.fullmatch(r"(?:19|20)\d\d", number):
                continue  # "Natale 2025, Roma": a year, not a house number
            town = re.sub(r"\((?-i:[A-Z]{2})\)", "", match.group("town"))  # "(PV)"
            if not self._place_words(street) or not self._place_words(town):
                continue
            if self._starts_with_first_name(street):
                continue  # "Mario Rossi 3, Milano": a person, not a place
            results.append(
                finding(
                    self,
                    "STREET_ADDRESS",
                    match.start(),
                    match.end(),
                    SCORE,
                    "house number and place words, then a town",
                )
            )
        return results

    def _place_words(self, words: str) -> bool:
        """Tell whether no word is everyday talk, a title, an acronym or a hospital's place."""
        found = re.findall(r"[^\W\d_]+", words)
        if any(word.isupper() and len(word) <= 3 for word in found):
            return False  # "FR 1234, Bergamo": a flight, not a street
        keys = [fold(word) for word in found]
        return bool(keys) and not any(key in self._never for key in keys)

    def _starts_with_first_name(self, street: str) -> bool:
        lexicon = name_lexicon()
        first = fold(street.split()[0].rstrip("."))
        return first in lexicon.first and first not in lexicon.ambiguous_first

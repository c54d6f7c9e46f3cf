"""Recognizer for a surname after its initials, in lower case too: "g. ferri", "j. m. olmedo".

Forms and quick messages shorten first names to their initials with a dot
("m. rotondi", "J.-P. Castagnier", "d. r. whitfield"). Initials with their
dots and a word that reads as a surname after them (a known surname, or a
word rarer than :data:`SURNAME_MAX_ZIPF`, see :func:`name_pair.reads_as_surname`)
are a name. A single initial that also shortens a street, a saint or a
number ("v. garibaldi", "s. maria", "n. 12") needs a second one; nothing
after a street word or a clinician's title counts ("dott. g. ferri").

After a courtesy title the initials need no dots, as a card embosses them ("MRS S J
PICKERING", "Mr T Atkinson"); the title stays out of the name.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import finding
from guardrails.recognizers.name_pair import after_street_or_title, reads_as_surname
from guardrails.recognizers.name_words import NameRecognizer

SCORE = 0.7
SURNAME_MAX_ZIPF = 3.5
"""After initials a surname may be a little more common than after a first name."""

_INITIALS = re.compile(
    r"(?<![\w.'’@/])(?P<initials>(?:[^\W\d_]\.(?:-[^\W\d_]\.)?[ \t]?){1,3})"
    r"[ \t]?(?P<surname>[^\W\d_]+(?:['’\-][^\W\d_]+)*)(?![\w@.'’]\w)"
)
# A courtesy title, initials without their dots, a surname: a card's embossed name ("MRS S J
# PICKERING", "MR D OYELARAN"), a letter's "Mrs J Pickering" (the title left out).
_TITLE_INITIALS = re.compile(
    r"(?<![\w.])(?-i:MR|MRS|MS|MISS|Mr|Mrs|Ms|Miss)\.?[ \t]+"
    r"(?P<name>(?-i:[A-Z])(?:[ \t](?-i:[A-Z])){0,2}[ \t]+"
    r"(?P<surname>(?-i:[A-Z])[^\W\d_]+(?:['’\-][^\W\d_]+)*))(?![\w'’])"
)
TITLED_SURNAME_MAX_ZIPF = 4.5
"""After a courtesy title and initials, a surname may be as common as "Smith" or "Read"."""
_SHORT_FOR_A_WORD = frozenset("v p c s n a e i o y l".split())
"""Letters that, alone with a dot, are as often a street ("v."), a saint or a number."""


class InitialledNameRecognizer(NameRecognizer):
    """Recognize initials with dots before a word that reads as a surname."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one PERSON result per initialled surname."""
        results: list[RecognizerResult] = []
        for match in _INITIALS.finditer(text):
            initials = re.findall(r"[^\W\d_]", match.group("initials"))
            if len(initials) == 1 and initials[0].lower() in _SHORT_FOR_A_WORD:
                continue
            surname = match.group("surname")
            if not (surname.islower() or surname.istitle()) or not reads_as_surname(
                surname, SURNAME_MAX_ZIPF
            ):
                continue
            if after_street_or_title(text, match.start()):
                continue
            results.append(
                finding(self, "PERSON", match.start(), match.end(), SCORE, "surname after initials")
            )
        for match in _TITLE_INITIALS.finditer(text):
            surname = match.group("surname")
            cased = surname.isupper() or surname.istitle()
            if cased and reads_as_surname(surname, TITLED_SURNAME_MAX_ZIPF):
                start, end = match.span("name")
                results.append(
                    finding(self, "PERSON", start, end, SCORE, "initials after a courtesy title")
                )
        return results

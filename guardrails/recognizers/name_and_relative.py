"""Recognizer for a name joined to a relative: "lorenzo e la sorellina", "finn and his sister".

A parent bringing two children names the first and then the second by its
relation to the first ("domani porto lorenzo e la sorellina viola", "llevo a
álvaro y a su hermana mar", "j'amène mathis et sa petite sœur lou",
"bringing finn and his little sister ivy"). The second is found after its
relative (:mod:`person_context`); the first has nothing before it but a
verb. What follows it says it is a person: "and", an owner or an article,
and a kin word. The words before "and" must read as a name: the first a
known first or last name or a word several languages' text shares (or none
has), the others known or rare; never a stop, everyday, calendar or
clinical word ("porto i documenti e mia madre"), nor a town after "a"/"in"
("sono a Monza e mia madre a Milano").
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import finding
from guardrails.recognizers.name_words import NameRecognizer, name_end, starts_before
from guardrails.recognizers.reply_name import is_clinical

SCORE = 0.75
MAX_WORDS = 3

_OWNER_OR_ARTICLE = (
    r"mio|mia|suo|sua|tuo|tua|nostr[oa]|il|la|lo|mi|su|tu|nuestr[oa]|el|ma|mon|sa|son|ta|ton"
    r"|notre|my|his|her|our|their|the"
)
_SIZE = r"little|baby|big|older|younger|petite?|grande?|piccol[oa]|pequeñ[oa]|mayor|menor"
_KIN = (
    r"sorell(?:a|ina)|fratell(?:o|ino)|figli[oa]|cugin(?:[oa]|etto|etta)|nipote|mamma|madre"
    r"|pap[àa]|padre|marito|moglie|nonn[oa]"
    r"|herman(?:[oa]|it[oa])|hij[oa]|prim[oa]|madre|padre|marido|mujer|abuel[oa]|sobrin[oa]"
    r"|s[œo]e?ur|fr[èe]re|fille|fils|cousine?|m[èe]re|p[èe]re|mari|femme"
    r"|sister|brother|son|daughter|cousin|mum|mom|dad|husband|wife|twin"
)
_AND_RELATIVE = re.compile(
    r"[ \t]+(?i:e|ed|y|et|and|&)[ \t]+(?P<a>(?i:a|à|con|with|avec)[ \t]+)?"
    rf"(?i:{_OWNER_OR_ARTICLE})[ \t]+(?:(?i:{_SIZE})[ \t]+)?(?i:{_KIN})(?![\w\-])"
)
# A town before "e mia madre": "sono a Monza e mia madre a Milano". The personal "a" of
# Spanish ("llevo a álvaro y a su hermana") comes again after "y", so it is allowed then.
_PLACE_BEFORE = re.compile(r"(?<!\w)(?i:a|à|au|in|en|da|desde|to|from|at|near)[ \t]+$")


class NameAndRelativeRecognizer(NameRecognizer):
    """Recognize a name joined by "and" to a relative of its own ("lorenzo e la sorellina")."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one PERSON result per name that "and a relative" follows."""
        results: list[RecognizerResult] = []
        for relation in _AND_RELATIVE.finditer(text):
            end = relation.start()
            for start in starts_before(text, end):
                words = self._words.words_at(text, start, lowercase_ok=True, max_words=MAX_WORDS)
                if not words or name_end(text, words) != end:
                    continue
                if not self._is_name(words):
                    continue  # "porto lorenzo": the verb is no name, "lorenzo" may be
                if self._after_a_place(text, start, relation):
                    break
                results.append(
                    finding(self, "PERSON", start, end, SCORE, "name joined to a relative")
                )
                break
        return results

    @staticmethod
    def _after_a_place(text: str, start: int, relation: re.Match[str]) -> bool:
        place = _PLACE_BEFORE.search(text, max(0, start - 8), start)
        if place is None:
            return False
        personal_a = place.group().strip().lower() in ("a", "à") and relation.group("a")
        return not personal_a

    def _is_name(self, found: list[re.Match[str]]) -> bool:
        words = [word.group().rstrip(".") for word in found]
        if any(is_clinical(word) for word in words):
            return False
        if not all(word.islower() or word[:1].isupper() for word in words):
            return False
        reader = self._words
        return reader.evidence(words[0], expected=False) and all(
            reader.evidence(word, expected=True) for word in words[1:]
        )

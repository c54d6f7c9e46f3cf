"""Recognizer for a message that is nothing but a name: the patient's answer to "your surname?".

The assistant asks for a surname or a full name and the patient answers
with it alone ("rossetti", "Ferrandi Luisa", "si esatto mazzoleni emma",
"peñalosa vidaurre"), perhaps after a yes ("sì", "esatto", "c'est") and
with how it is spelt after it ("… con due t", "… with an e"). Nothing
announces the name but the message's shape, so its words must read as one:

- one word: a known first name that is no everyday word, a known surname,
  or a word written in several languages' text or in none (wordfreq, see
  :func:`word_frequency.looks_like_name`);
- two or three words: each a known name or a word rarer than everyday
  words (a Basque or Sicilian surname is often seen in one language only).

Never a weekday, a department, a closing, a greeting, an exam, an organ, a
symptom or a medicine (the clinical-advice lexicon's words), nor a yes or a
no: "martedì", "ortopedia", "holter", "sisi", "grazie" are answers too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.lexicons import load_lexicon
from guardrails.recognizers.base import finding
from guardrails.recognizers.lexicon import fold, is_department
from guardrails.recognizers.name_words import NameRecognizer, name_end
from guardrails.recognizers.person_lexicon import EMOJI

SCORE = 0.75
MAX_WORDS = 3

# A yes before the name, and "it is" ("sì, è …", "yes it's …", "oui c'est …").
_YES = (
    r"s[iìí]+(?:[ \t]*s[iìí]+)*|yes|yep|yeah|oui|ouais|esatt[oa]|exact[oa]?|exactly|exactement"
    r"|correct[oa]?|corretto|giusto|certo|claro|ok|okay|vale|d['’]accord"
)
_YES_WORD = re.compile(rf"(?i:{_YES})")
_IT_IS = r"(?:[èe]|e['’]|es|c['’]est|it['’]?s|is)"
_LEAD = re.compile(rf"[ \t]*(?:(?i:{_YES})[ \t]*[,.!]*[ \t]+)*(?:(?i:{_IT_IS})[ \t]+)?(?=[^\W\d_])")
# How the name is spelt, after it: "con due t", "with an e", "avec un z", "sin tilde".
_SPELLING = re.compile(
    r"[ \t]*,?[ \t]+(?i:con|senza|with|without|avec|sans|sin)(?:[ \t]+[^\W\d_]{1,8}){1,3}"
)
_END = re.compile(rf"[ \t.!…{EMOJI}]*$")
_CLINICAL_LISTS_SKIPPED = frozenset({"connector", "plus"})


@lru_cache(maxsize=1)
def clinical_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """Return the clinical-advice lexicon's one-word phrases and the stems written with ``*``.

    Exams, organs, symptoms, conditions, specialists, medicines: a one-word
    answer that is one of them is what the patient needs, not who they are.
    """
    lists = load_lexicon("clinical_advice").get("lists", {})
    words: set[str] = set()
    stems: set[str] = set()
    for name, phrases_by_language in lists.items():
        if name in _CLINICAL_LISTS_SKIPPED:
            continue
        for phrases in phrases_by_language.values():
            for phrase in phrases:
                if " " in phrase or "~" in phrase:
                    continue
                if phrase.endswith("*"):
                    stems.add(fold(phrase[:-1]))
                else:
                    words.add(fold(phrase))
    return frozenset(words), tuple(sorted(stem for stem in stems if len(stem) >= 4))


def is_clinical(word: str) -> bool:
    """Tell whether ``word`` is an exam, organ, symptom, specialist or medicine word."""
    words, stems = clinical_words()
    key = fold(word)
    return key in words or key.startswith(stems)


class ReplyNameRecognizer(NameRecognizer):
    """Recognize a message made of a name alone (after a yes, before how it is spelt)."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one PERSON result when the whole message is a name."""
        if "\n" in text.strip() or len(text) > 80:
            return []
        lead = _LEAD.match(text)
        if lead is None:
            return []
        words = self._words.words_at(text, lead.end(), lowercase_ok=True, max_words=MAX_WORDS)
        if not words:
            return []
        end = name_end(text, words)
        rest = _SPELLING.match(text, end)
        if not _END.match(text, rest.end() if rest else end):
            return []
        if not self._is_name([word.group().rstrip(".") for word in words]):
            return []
        return [finding(self, "PERSON", words[0].start(), end, SCORE, "a reply that is a name")]

    def _is_name(self, words: list[str]) -> bool:
        if any(_YES_WORD.fullmatch(word) for word in words):
            return False  # "sisi", "okay": a yes alone
        if any(is_clinical(word) or is_department(word) for word in words):
            return False
        if any(not re.search(r"[aeiouyàâäéèêëìîïòôöùûüáíóúýæœ]", word.lower()) for word in words):
            return False  # "grz", "cmq", "thx": shorthand, not a name
        if len(words) == 1:
            return self._words.evidence(words[0], expected=False)
        return all(self._words.evidence(word, expected=True) for word in words)

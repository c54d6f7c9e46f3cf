"""PERSON recognizer over spaCy's named entities, tidied for short chat messages."""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import finding
from guardrails.recognizers.insurance_policy import INSURERS
from guardrails.recognizers.lexicon import EVERYDAY_WORDS, fold, is_department
from guardrails.recognizers.person_context import describes_a_state
from guardrails.recognizers.word_frequency import top_zipf

_INSURER = re.compile(rf"(?:{INSURERS})", re.IGNORECASE)
"""An insurer's or fund's name ("Malakoff Humanis", "Bupa") is not a person's."""

# Capitalised words the small models take for names at the start of a chat
# message or of a reply's line: greetings, courtesy words, weekdays, common
# verbs, the "Fonte:" / "Source:" line of an answer.
NOT_NAMES: frozenset[str] = frozenset(
    """ciao salve buongiorno buonasera grazie scusi scusa salve gentile dottore dottor
    dottoressa dott dr sig signor signora volevo vorrei chiamo posso sabato domenica lunedì
    bonjour bonsoir salut merci madame monsieur docteur je voudrais samedi dimanche lundi
    hola buenas buenos gracias señor señora doctor doctora llamo quiero quería sábado domingo
    lunes hi hello hey thanks dear doctor mr mrs ms sir madam saturday sunday monday ok okay
    tel tél phone telefono teléfono téléphone cell mobile email mail cf dni nie nir iban ssn
    visa mastercard amex maestro bancomat paypal satispay bizum vitale
    fonte fonti source sources fuente fuentes cita citas exam examen esame
    mme mlle sig sra srta nome cognome nom prénom prenom nombre apellido apellidos data
    naissance nascita nacimiento sms
    """.split()
)


class SpacyPersonRecognizer(LocalRecognizer):
    """Recognize PERSON names from the spaCy entities the NLP engine already computed.

    Only the PERSON label is used (locations, dates, organisations in admin
    questions are not patient data and wreck retrieval when replaced). Each
    entity is tidied: words that are not capitalised or are known non-names
    ("Buongiorno", "Hola") are stripped from both ends, and nothing is left
    when no capitalised word survives. ``borrowed_model=True`` marks a
    language analysed with another language's model (Italian and Spanish):
    its entities score lower and a lone word opening the message is dropped.
    """

    NATIVE_SCORE = 0.85
    BORROWED_SCORE = 0.6

    def __init__(self, supported_language: str = "en", *, borrowed_model: bool = False) -> None:
        self.borrowed_model = borrowed_model
        self._label = f"SpacyPersonRecognizer_{supported_language}"
        super().__init__(
            supported_entities=["PERSON"],
            supported_language=supported_language,
            name=self._label,
        )

    def load(self) -> None:
        """Nothing to load: entities come with the NLP artifacts."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return tidied PERSON results from ``nlp_artifacts.entities``."""
        if nlp_artifacts is None:
            return []
        score = self.BORROWED_SCORE if self.borrowed_model else self.NATIVE_SCORE
        results: list[RecognizerResult] = []
        for entity in nlp_artifacts.entities:
            if entity.label_ != "PERSON":
                continue
            words = [token for token in entity if _looks_like_name(token.text)]
            while len(words) > 1 and _next_line_label(text, words[-2], words[-1]):
                words.pop()  # "Barragan Mestre\nFecha de nac": the form's next label
            if not words:
                continue
            first, last = words[0], words[-1]
            if _INSURER.fullmatch(text[first.idx : last.idx + len(last.text)]):
                continue
            if self.borrowed_model and first.i == last.i and first.is_sent_start:
                continue
            end = last.idx + len(last.text)
            if first.i == last.i and describes_a_state(text, first.idx, end):
                continue  # "sono Stanca di aspettare"
            results.append(
                finding(
                    self,
                    "PERSON",
                    first.idx,
                    last.idx + len(last.text),
                    score,
                    "spaCy PERSON entity",
                )
            )
        return results


NEXT_LINE_WORD_MIN_ZIPF = 4.5
"""A word opening the next line this common in some language is a label, not a surname."""


def _next_line_label(text: str, before: Any, word: Any) -> bool:
    """Tell whether ``word`` opens a new line after ``before`` and is an ordinary word."""
    gap = text[before.idx + len(before.text) : word.idx]
    return "\n" in gap and top_zipf(fold(word.text)) >= NEXT_LINE_WORD_MIN_ZIPF


def _looks_like_name(word: str) -> bool:
    """Tell whether ``word`` is a capitalised alphabetic word that is not a known non-name.

    Weekdays, months, everyday words ("Miércoles", "Natale") and departments
    ("Dermatologia", "Urgencias") are never names.
    """
    return (
        word[:1].isupper()
        and word.replace("'", "").isalpha()
        and word.casefold() not in NOT_NAMES
        and fold(word) not in EVERYDAY_WORDS
        and not is_department(word)
        and not (word.isupper() and len(word) <= 3)  # "ID", "NHS": acronyms
    )

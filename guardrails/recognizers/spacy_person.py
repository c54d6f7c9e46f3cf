"""PERSON recognizer over spaCy's named entities, tidied for short chat messages."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import finding
from guardrails.recognizers.lexicon import CLOSINGS, EVERYDAY_WORDS, fold, is_department
from guardrails.recognizers.person_context import describes_a_state
from guardrails.recognizers.word_frequency import looks_like_name, top_zipf, zipf

if TYPE_CHECKING:
    from guardrails.recognizers.person_lexicon import NameLexicon

COMMON_WORD_MIN_ZIPF = 4.0
"""A capitalised word this common in the message's language is no name unless a list has it."""

# A town after its preposition: "abito a Pordenone", "vengo da Bergamo", "scrivo dal Ticino",
# "vivo en Teruel".
_PLACE_PREPOSITION = re.compile(
    r"(?<!\w)(?:a|da|dal|dalla|dallo|in|nel|nella|nello|en|desde|à|to|from)[ \t]+$",
    re.IGNORECASE,
)

_JOINERS = frozenset("-'’.")
"""Tokens inside one name ("Anne-Sophie", "D'Amico", "M. Rossi")."""

PARTICLES = frozenset("de di da del della dei dal dalla lo li van von der le la du des dos".split())
"""Particles that may stand inside a name (the name lexicon's list, which imports this module)."""


_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?[ \t]+$")


def _after_place_word(text: str, start: int) -> bool:
    """Tell whether a street or institution word comes right before ``start`` ("via", "rue")."""
    from guardrails.recognizers.person_lexicon import PLACE_WORDS  # imports this module

    before = _WORD_BEFORE.search(text, max(0, start - 20), start)
    return before is not None and fold(re.split(r"['’]", before.group(1))[-1]) in PLACE_WORDS


def _name_lexicon() -> NameLexicon:
    from guardrails.recognizers.person_lexicon import name_lexicon  # imports this module

    return name_lexicon()


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
            for words in self._name_runs(entity):
                # "Barragan Mestre\nFecha de nac", "Declan Furlong\nAddress: Flat": the form's
                # next label and what follows it are not the name
                cut = next(
                    (
                        i
                        for i in range(1, len(words))
                        if _next_line_label(text, words[i - 1], words[i])
                    ),
                    len(words),
                )
                words = words[:cut]
                first, last = words[0], words[-1]
                end = last.idx + len(last.text)
                if first.i == last.i and not self._lone_word_is_name(text, first):
                    continue
                if _after_place_word(text, first.idx):
                    continue  # "piazza Porta Romana", "via Carlo Pisacane": a place
                if first.i == last.i and describes_a_state(text, first.idx, end):
                    continue  # "sono Stanca di aspettare"
                results.append(
                    finding(self, "PERSON", first.idx, end, score, "spaCy PERSON entity")
                )
        return results

    def _name_runs(self, entity: Any) -> list[list[Any]]:
        """Split a borrowed model's entity into runs of name-like tokens; particles join them.

        "Tardes Quería Saber", "De Una Limpieza Dental" (a message typed in title
        case) leave nothing: each word is an everyday word of the message's
        language. "Maria de la Cruz" stays one run.
        """
        if not self.borrowed_model:
            # a native model's entity is kept whole, from its first name-like word to its last
            # "Bonne soirée", "Grazie, Buona Serata": a closing is no name unless a list has it
            words = [
                token
                for token in entity
                if _looks_like_name(token.text) and not self._closing(token.text)
            ]
            for index, token in enumerate(words[1:], start=1):
                if token.is_stop and fold(token.text) not in PARTICLES:
                    # "Noé Vandenbroucke Qui A Rendez-Vous": a title-case sentence goes on
                    words = words[:index]
                    break
            return [words] if words else []
        runs: list[list[Any]] = [[]]
        pending: list[Any] = []
        for token in entity:
            if _looks_like_name(token.text) and not self._common_word(token.text):
                if runs[-1]:
                    runs[-1].extend(pending)
                runs[-1].append(token)
                pending = []
            elif runs[-1] and (fold(token.text) in PARTICLES or token.text in _JOINERS):
                pending.append(token)
            else:
                pending = []
                if runs[-1]:
                    runs.append([])
        return [run for run in runs if run]

    def _common_word(self, word: str) -> bool:
        """Tell whether ``word`` is an everyday word of the message's language, in no name list.

        "Tardes", "Limpieza", "Parcheggio": Zipf 4 or more in the language the
        message is in and neither a first nor a last name anyone is known by.
        """
        key = fold(word)
        lexicon = _name_lexicon()
        if key in lexicon.first or key in lexicon.last:
            return False
        if key in CLOSINGS or key in lexicon.not_name:
            return True  # "Buona Serata", "Avv." (a title)
        return zipf(key, self.supported_language) >= COMMON_WORD_MIN_ZIPF

    def _closing(self, word: str) -> bool:
        key = fold(word)
        lexicon = _name_lexicon()
        return key in CLOSINGS and key not in lexicon.first and key not in lexicon.last

    def _lone_word_is_name(self, text: str, token: Any) -> bool:
        """Tell whether a one-word entity of a borrowed model can be a name.

        The French model reads Italian and Spanish capitalised nouns as names
        ("Parcheggio", "Poliambulatorio") and towns after "a"/"da"/"en"
        ("a Pordenone"): a lone word there needs to be a known name, or read like
        one in several languages (see :func:`word_frequency.looks_like_name`),
        and is never a town after its preposition nor the message's first word.
        """
        if not self.borrowed_model:
            return True
        if token.is_sent_start:
            return False
        key = fold(token.text)
        lexicon = _name_lexicon()
        if key in lexicon.first:
            return True
        if _PLACE_PREPOSITION.search(text, 0, token.idx):
            return False
        return key in lexicon.last or looks_like_name(key)


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

"""The shared base of identifier recognizers that are a pattern plus a check digit."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    LocalRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts


def finding(
    recognizer: EntityRecognizer,
    entity: str,
    start: int,
    end: int,
    score: float,
    why: str,
) -> RecognizerResult:
    """Return one result of ``recognizer`` with its explanation and metadata filled in."""
    name: str = recognizer.name  # type: ignore[has-type]  # presidio sets it untyped
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        analysis_explanation=AnalysisExplanation(
            recognizer=name, original_score=score, textual_explanation=why
        ),
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )


def respan(result: RecognizerResult, start: int, end: int) -> RecognizerResult:
    """Return ``result`` moved to ``start``-``end``, its type, score and explanation kept."""
    return RecognizerResult(
        entity_type=result.entity_type,
        start=start,
        end=end,
        score=result.score,
        analysis_explanation=result.analysis_explanation,
        recognition_metadata=result.recognition_metadata,
    )


def luhn_valid(digits: str) -> bool:
    """Return True when the digit string passes the Luhn (mod 10) check."""
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def digits_only(text: str) -> str:
    """Return the ASCII digits of ``text`` in order ("4111 1111-1" -> "411111111")."""
    return "".join(char for char in text if "0" <= char <= "9")


def count_digits(text: str) -> int:
    """Return how many ASCII digits ``text`` holds (``len(digits_only(text))``, faster)."""
    return sum(map(text.count, "0123456789"))


class CheckDigitRecognizer(PatternRecognizer):
    """A Presidio pattern recognizer whose class names its entity, language and patterns.

    Subclasses set ``ENTITY``, ``LANGUAGE``, ``PATTERNS`` and ``CONTEXT`` and
    implement ``validate_result`` with the identifier's check-digit rule.

    A subclass may also set ``CONTEXT_BEFORE``, a regex searched (case-insensitive)
    in the ``CONTEXT_WINDOW`` characters before each match: when found, the match
    scores ``CONTEXT_SCORE`` and Presidio's word-window context boost is skipped.
    That is for identifiers with no check digit ("ssn 123456789"), whose
    context must be right before them and must beat a look-alike (a phone).

    ``MIN_DIGITS`` is the fewest ASCII digits ``validate_result`` accepts in a
    match: a text with fewer has no match to keep, and its patterns are not run.
    """

    ENTITY: ClassVar[str]
    LANGUAGE: ClassVar[str]
    PATTERNS: ClassVar[list[Pattern]]
    CONTEXT: ClassVar[list[str]]
    CONTEXT_BEFORE: ClassVar[str | None] = None
    CONTEXT_WINDOW: ClassVar[int] = 40
    CONTEXT_SCORE: ClassVar[float] = 1.0
    MIN_DIGITS: ClassVar[int] = 0

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str | None = None,
        supported_entity: str | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(
            supported_entity=supported_entity or self.ENTITY,
            patterns=patterns or self.PATTERNS,
            context=context if context is not None else self.CONTEXT,
            supported_language=supported_language or self.LANGUAGE,
            name=name or type(self).__name__,
        )
        self._context_before = (
            re.compile(self.CONTEXT_BEFORE, re.IGNORECASE) if self.CONTEXT_BEFORE else None
        )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Return the pattern matches, scored up when ``CONTEXT_BEFORE`` precedes them."""
        if self.MIN_DIGITS and count_digits(text) < self.MIN_DIGITS:
            return []
        results: list[RecognizerResult] = super().analyze(
            text, entities, nlp_artifacts, regex_flags
        )
        if self._context_before is None:
            return results
        for result in results:
            window = text[max(0, result.start - self.CONTEXT_WINDOW) : result.start]
            if self._context_before.search(window):
                result.score = max(result.score, self.CONTEXT_SCORE)
                result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = (
                    True
                )
        return results


NUMBER_SIGN = (
    r"(?:\s*(?:[:#=]|\bn(?:\.?\s?[°º]|\.|\b)|\bnr\b\.?|\bno\b\.?|\bnum\b\.?"
    r"|\bn[uú]mero\b|\bnum[ée]ro\b|\bnumber\b|\bis\b|\bè|\be['’]|\bes\b|\best\b"
    r"|\ble\b|\bil\b|\bel\b))*\s*"
)
"""What may stand between a context phrase and its number: "n.", "n°", "nº", ":", "#",
"numero", "number", "is", "è", "es", "est", "le", "il", "el" (any of them, repeated):
"mon numéro patient est le P-0093417"."""

ID_VALUE = (
    # letters may be glued to the first group: "W2294 8871 03"; a last group may be short
    r"(?:\d{1,4}(?:\s\d{2,4}){1,3}(?:\s\d{1,4})?(?![\s-]?\d)"  # digit groups: "44 551 223 1"
    r"|[A-Z]{1,4}\s?\d{1,6}(?:\s\d{2,4}){1,3}(?:\s\d{1,4})?(?![\s-]?\d)"  # "AXM 553 120 44"
    r"|[A-Z0-9]+(?:[-/.][A-Z0-9]+)*)"  # one token: "4471823", "AX-55812", "2023/55812"
)
"""A record or policy number: one token of letters, digits, - / . or spaced digit groups."""


WORDS_THEN_COLON = r"(?:\s+[^\W\d_]+){1,3}\s*:"
"""A few words and a colon between the phrase and its number: "historia clínica de mi padre:"."""


def after_context(
    context: str, value: str = ID_VALUE, gap: str = NUMBER_SIGN, first: str = r"[A-Z0-9]"
) -> str:
    """Return a regex matching ``value`` only right after ``context`` and ``gap``.

    The context is a variable-length lookbehind (Presidio compiles patterns with
    the ``regex`` module, which allows it), so the match, and the redaction, is
    the value alone: "MRN 4471823" -> "MRN <MEDICAL_RECORD_NUMBER_1>". The
    lookbehind is tried only where a word starts with ``first`` (what the value
    can start with), which keeps long messages fast.
    """
    return rf"\b(?={first})(?<=(?:{context})(?:{WORDS_THEN_COLON})?{gap}){value}"


class ContextIdRecognizer(CheckDigitRecognizer):
    """A number that is an identifier because of the phrase before it (no check digit).

    Subclasses set ``PATTERNS`` built with :func:`after_context`. A match is kept
    when it has at least ``MIN_DIGITS`` digits and at most ``MAX_LENGTH``
    characters; it then scores 1.0, above a phone number or a look-alike ID
    over the same digits, because the phrase before it says what it is.
    """

    CONTEXT: ClassVar[list[str]] = []
    MIN_DIGITS: ClassVar[int] = 4
    MAX_LENGTH: ClassVar[int] = 30

    def validate_result(self, pattern_text: str) -> bool:
        """Return True when the value has enough digits and is not too long."""
        return (
            len(digits_only(pattern_text)) >= self.MIN_DIGITS
            and len(pattern_text) <= self.MAX_LENGTH
        )


class RuleRecognizer(LocalRecognizer):
    """A recognizer of hand-written rules: nothing to load, named after its class and language.

    Subclasses set :attr:`ENTITIES`, build what their rules need, then call
    ``super().__init__(supported_language)``.
    """

    ENTITIES: ClassVar[tuple[str, ...]] = ()

    def __init__(self, supported_language: str = "en") -> None:
        self._label = f"{type(self).__name__}_{supported_language}"
        super().__init__(
            supported_entities=list(self.ENTITIES),
            supported_language=supported_language,
            name=self._label,
        )

    def load(self) -> None:
        """Nothing to load: the rules are module constants or built once per process."""

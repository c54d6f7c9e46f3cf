"""The shared base of identifier recognizers that are a pattern plus a check digit."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer


class CheckDigitRecognizer(PatternRecognizer):
    """A Presidio pattern recognizer whose class names its entity, language and patterns.

    Subclasses set ``ENTITY``, ``LANGUAGE``, ``PATTERNS`` and ``CONTEXT`` and
    implement ``validate_result`` with the identifier's check-digit rule.
    """

    ENTITY: ClassVar[str]
    LANGUAGE: ClassVar[str]
    PATTERNS: ClassVar[list[Pattern]]
    CONTEXT: ClassVar[list[str]]

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
            context=context or self.CONTEXT,
            supported_language=supported_language or self.LANGUAGE,
            name=name or type(self).__name__,
        )

"""The one interface every guard implements, and the verdict it returns.

A guard never raises to say "blocked": blocking is a :class:`Verdict` with
``allowed=False``. Only real faults (a model that failed to load) raise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, Field


class Finding(BaseModel, frozen=True):
    """One span a guard recognised in the text it checked (offsets into the input)."""

    type: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    score: float = Field(ge=0, le=1)


class Verdict(BaseModel, frozen=True):
    """What a guard decided about one text.

    ``text`` is the text to carry forward: the same text, or a redacted one.
    ``risk`` is 0 for "nothing found" up to 1 for "certain".
    """

    guard: str
    allowed: bool
    text: str
    risk: float = Field(default=0.0, ge=0, le=1)
    reason: str = ""
    findings: tuple[Finding, ...] = ()


@dataclass
class GuardContext:
    """What a guard may know about the conversation a text belongs to.

    ``placeholders`` maps a keyed hash of an identifier to its placeholder
    (``<PERSON_1>``), so the same value gets the same placeholder across turns
    without the raw value ever being stored.
    ``sources`` are the texts a reply may take its facts from: the approved
    passages retrieved for this turn and the clinic profile.
    ``known_names`` are names the channel knows are the patient's (the WhatsApp
    profile name); they are redacted wherever they appear, never stored.
    """

    language: str = "en"
    conversation_key: str = ""
    placeholders: dict[str, str] = field(default_factory=dict)
    allow_list: frozenset[str] = frozenset()
    sources: tuple[str, ...] = ()
    known_names: tuple[str, ...] = ()


@runtime_checkable
class Guard(Protocol):
    """A check on one text; ``name`` appears in every verdict it returns."""

    name: str

    def check(self, text: str, context: GuardContext) -> Verdict:
        """Decide about ``text`` and return the verdict (never raise to block)."""
        ...

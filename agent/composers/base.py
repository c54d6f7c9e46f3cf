"""The composer interface: a question and approved passages in, a cited draft out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from knowledge.types import Passage


@dataclass(frozen=True)
class Citation:
    """The approved document a reply draws on."""

    document_id: str
    title: str
    page: int | None = None


@dataclass(frozen=True)
class Draft:
    """What a composer proposes to say.

    ``grounded`` is False when the composer found nothing it could stand
    behind; the pipeline then says it does not know and offers staff.
    ``llm_requests`` records every request body sent to a model for this
    draft (already redacted), so sinks can be audited.
    """

    text: str
    citations: tuple[Citation, ...] = ()
    grounded: bool = True
    composer: str = ""
    llm_requests: tuple[dict[str, object], ...] = field(default=())


class Composer(Protocol):
    """Writes a reply to a redacted question from approved passages."""

    name: str

    def compose(self, question: str, passages: list[Passage], language: str) -> Draft:
        """Return a draft; ``grounded=False`` when the passages do not answer the question."""
        ...

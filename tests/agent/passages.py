"""One retrieved passage built for a test of the relevance gate or a composer."""

from __future__ import annotations

from knowledge.types import Passage


def passage(text: str = "x", dense: float = 0.85, language: str = "fr") -> Passage:
    """Return an approved passage of ``text`` with dense similarity ``dense``."""
    return Passage(
        chunk_id="c",
        document_id="d",
        title="T",
        version=1,
        page=1,
        heading="H",
        text=text,
        language=language,
        score=1.0,
        dense=dense,
        lexical=0.0,
    )

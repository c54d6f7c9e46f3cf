"""The relevance gate: a topic the documents lack declines, beside general words."""

import pytest

from agent.relevance import RelevanceGate
from knowledge.types import Passage

# Words of Italian documents, folded, as the index gives them: "Wi-fi" is "wi" and "fi".
VOCABULARY = frozenset(
    "wi fi gratuito rete password sala attesa segreteria orari lunedi venerdi prelievi "
    "visita sportiva certificato ortopedia".split()
)


def passage(text: str, dense: float = 0.85, language: str = "it") -> Passage:
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


HOURS = passage("Segreteria: dal lunedì al venerdì dalle 8:00 alle 19:00.")


def gate() -> RelevanceGate:
    return RelevanceGate(vocabulary=lambda: VOCABULARY)


@pytest.mark.parametrize(
    ("question", "passages", "language", "kept"),
    [
        # "wifi" is not a word of the index, and the passage does not speak of it
        ("tienen wifi en la sala de espera?", [HOURS], "es", False),
        # a topic the documents lack still declines, beside a general word
        ("le cabinet fait de l'acupuncture?", [HOURS], "fr", False),
    ],
)
def test_filter(question: str, passages: list[Passage], language: str, kept: bool) -> None:
    assert bool(gate().filter(question, passages, language)) is kept

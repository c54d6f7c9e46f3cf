"""The extractive composer on questions about a price: the price must be of what was asked."""

import pytest

from agent.composers.extractive import ExtractiveComposer
from knowledge.types import Passage


def passage(text: str, *, doc: str, dense: float = 0.85, language: str = "it") -> Passage:
    return Passage(
        chunk_id=f"{doc}-0",
        document_id=doc,
        title=doc,
        version=1,
        page=1,
        heading="",
        text=text,
        language=language,
        score=1.0,
        dense=dense,
        lexical=0.0,
    )


PRICES = passage(
    "Tariffe private:\n- Visita ortopedica: 110 EUR\n- Densitometria ossea (MOC): 70 EUR",
    doc="prices",
)
XRAY = passage(
    "D'inverno l'ambulatorio di Pila fa medicazioni, radiografie semplici e gessi.",
    doc="pila",
)
PARKING = passage(
    "Il Parcheggio Carrel è a 200 metri: la prima ora è gratuita, poi 1,20 EUR all'ora.",
    doc="parking",
)
REPORTS = passage("Densitometria ossea: il referto è pronto in 3 giorni lavorativi.", doc="reports")


def compose(question: str, passages: list[Passage], language: str = "en") -> str:
    draft = ExtractiveComposer().compose(question, passages, language)
    return draft.text if draft.grounded else ""


@pytest.mark.parametrize(
    ("question", "passages", "expected"),
    [
        # the price list names the visit asked about
        ("how much is a visit with the orthopaedist?", [PRICES], "110 EUR"),
        # a price list without X-rays, and X-rays without a price: no price is quoted
        ("how much does an xray of the ankle cost?", [PRICES, XRAY], ""),
        # the parking passage gives its own price
        ("combien coute le parking?", [PRICES, PARKING], "1,20 EUR"),
        # "quanto ci vuole" asks how long, not how much: the report delay answers it
        ("quanto ci vuole per il referto della moc?", [PRICES, REPORTS], "3 giorni"),
    ],
)
def test_price_questions(question: str, passages: list[Passage], expected: str) -> None:
    reply = compose(question, passages)
    if expected:
        assert expected in reply
    else:
        assert reply == ""


def test_how_much_alone_does_not_make_a_price_question() -> None:
    # "combien d'heures": how many hours; a passage without any price may answer it
    fasting = passage("Venez à jeun depuis au moins 3 heures.", doc="prep", language="fr")
    assert "3 heures" in compose("je dois etre a jeun combien d heures?", [fasting], "fr")

"""Places in the top passages for the documents' other languages.

e5 rates text in the question's language higher, so over documents in two
languages the passages of the other one were crowded out of the top ``k``,
even when they held the fact.
"""

from __future__ import annotations

from collections import Counter

import pytest

from knowledge.library import KnowledgeBase
from knowledge.retrieval import OTHER_LANGUAGE_PLACES
from tests.knowledge.builders import HOURS_EN, PARKING_EN, RESULTS_EN

ENGLISH = {
    "hours.md": f"# Opening hours\n\n{HOURS_EN}\n",
    "parking.md": f"# Parking\n\n{PARKING_EN}\n",
    "results.md": f"# Test results\n\n{RESULTS_EN}\n",
    "payments.md": "# Payments\n\nYou can pay by card or in cash at the reception desk.\n",
    "cancel.md": "# Cancelling\n\nPlease cancel at least 24 hours before the visit.\n",
}
ITALIAN = {
    "parcheggio-it.md": "# Parcheggio\n\nIl parcheggio sotterraneo ha 60 posti, "
    "con ingresso dalla via laterale.\n",
    "orari-it.md": "# Orari\n\nLa clinica è aperta dal lunedì al venerdì dalle 8.00 alle 19.00.\n",
}
QUESTION = "how many parking spaces are there for patients?"


def _approve_all(kb: KnowledgeBase, docs: dict[str, str]) -> KnowledgeBase:
    for name, text in docs.items():
        kb.approve(kb.add(text.encode(), name).id, by="admin")
    return kb


@pytest.fixture
def two_languages(kb: KnowledgeBase) -> KnowledgeBase:
    return _approve_all(kb, ENGLISH | ITALIAN)


def test_the_other_language_keeps_its_places(two_languages: KnowledgeBase) -> None:
    plain = two_languages.search(QUESTION, k=4)
    found = two_languages.search(QUESTION, k=4, language="en")
    places = OTHER_LANGUAGE_PLACES
    assert Counter(p.language for p in found) == {"en": 4 - places, "it": places}
    assert found[0].chunk_id == plain[0].chunk_id  # the best passage is never displaced
    assert [p.score for p in found] == sorted((p.score for p in found), reverse=True)


def test_places_are_not_taken_from_a_language_with_few(two_languages: KnowledgeBase) -> None:
    found = two_languages.search(QUESTION, k=3, language="en")
    assert Counter(p.language for p in found) == {"en": 2, "it": 1}


def test_documents_in_one_language_are_ranked_as_before(kb: KnowledgeBase) -> None:
    english = _approve_all(kb, ENGLISH)
    plain = english.search(QUESTION, k=3)
    found = english.search(QUESTION, k=3, language="it")  # an Italian question
    assert [p.chunk_id for p in found] == [p.chunk_id for p in plain]

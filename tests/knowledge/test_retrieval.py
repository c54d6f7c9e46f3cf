"""Hybrid retrieval: cross-lingual questions, time formats, scores and the language boost."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from knowledge.embeddings import E5Embedder
from knowledge.index import ChromaIndex
from knowledge.library import KnowledgeBase
from tests.knowledge.builders import HOURS_EN, PARKING_EN, RESULTS_EN

ENGLISH = {
    "hours.md": f"# Opening hours\n\n{HOURS_EN}\n",
    "parking.md": f"# Parking\n\n{PARKING_EN}\n",
    "results.md": f"# Test results\n\n{RESULTS_EN}\n",
}
ITALIAN = {
    "orari-it.md": "# Orari\n\nLa clinica è aperta dal lunedì al venerdì dalle 8.00 alle 19.00.\n",
}


def _approve_all(kb: KnowledgeBase, docs: dict[str, str]) -> KnowledgeBase:
    for name, text in docs.items():
        kb.approve(kb.add(text.encode(), name).id, by="admin")
    return kb


@pytest.fixture
def english(kb: KnowledgeBase) -> KnowledgeBase:
    """An English-only clinic: questions in other languages must cross over."""
    return _approve_all(kb, ENGLISH)


@pytest.fixture
def clinic(kb: KnowledgeBase) -> KnowledgeBase:
    """English documents plus one short Italian one."""
    return _approve_all(kb, ENGLISH | ITALIAN)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # Italian, French and Spanish questions find the English passage on the same topic
        ("Dove posso parcheggiare la macchina?", "parking.md"),
        ("Quando escono i risultati degli esami del sangue?", "results.md"),
        ("Où puis-je garer ma voiture ?", "parking.md"),
        ("¿Cuándo están listos los resultados del análisis de sangre?", "results.md"),
        ("Is the clinic open on Sunday?", "hours.md"),
    ],
)
def test_cross_lingual_questions_find_the_right_document(
    english: KnowledgeBase, question: str, expected: str
) -> None:
    by_file = {d.id: d.filename for d in english.list()}
    (best, *_) = english.search(question, k=3)
    assert by_file[best.document_id] == expected


def test_time_formats_match_lexically(clinic: KnowledgeBase) -> None:
    # "8:00" in the question, "8.00" in the Italian document
    hits = {p.title: p for p in clinic.search("aperti alle 8:00?", k=5)}
    assert hits["Orari"].lexical > 0


def test_language_boost_prefers_the_querys_language(clinic: KnowledgeBase) -> None:
    plain = clinic.search("orari di apertura della clinica", k=4)
    boosted = clinic.search("orari di apertura della clinica", k=4, language="it")
    assert boosted[0].title == "Orari" and boosted[0].language == "it"
    assert {p.chunk_id for p in plain} == {p.chunk_id for p in boosted}
    assert all(0.0 <= p.lexical <= 1.0 and -1.0 <= p.dense <= 1.0 for p in boosted)
    assert [p.score for p in boosted] == sorted((p.score for p in boosted), reverse=True)


def test_search_edge_cases(clinic: KnowledgeBase) -> None:
    assert clinic.search("   ") == []
    assert clinic.search("parking", k=0) == []
    assert len(clinic.search("clinic", k=2)) == 2


def test_search_is_fast_on_a_few_hundred_chunks(tmp_path: Path, embedder: E5Embedder) -> None:
    # SQLite only: the point is the retrieval path, and ingesting 300 chunks takes ~10 s.
    kb = KnowledgeBase(
        engine=sa.create_engine(f"sqlite:///{tmp_path / 'speed.db'}"),
        index=ChromaIndex(path=tmp_path / "speed"),
        embedder=embedder,
    )
    topics = [HOURS_EN, PARKING_EN, RESULTS_EN]
    for n in range(60):
        body = "\n\n".join(
            f"## Section {n}.{i}\n\n{topics[(n + i) % 3]} Ref {n}-{i}." for i in range(5)
        )
        kb.approve(kb.add(f"# Guide {n}\n\n{body}\n".encode(), f"guide-{n}.md").id, by="admin")
    kb.search("warm up the caches")
    timings = []
    for question in ["Dove posso parcheggiare?", "When are results ready?", "Horaires samedi"] * 5:
        start = time.perf_counter()
        assert kb.search(question, k=5)
        timings.append(time.perf_counter() - start)
    median_ms = sorted(timings)[len(timings) // 2] * 1000
    # Target is < 40 ms on 2 idle cores; the bound is loose because CI machines are shared.
    assert median_ms < 150, f"median search took {median_ms:.0f} ms"

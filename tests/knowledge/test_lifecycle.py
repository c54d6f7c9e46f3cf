"""Document lifecycle: pending is never retrieved, approving retires the old version."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from knowledge.embeddings import E5Embedder
from knowledge.errors import (
    DocumentNotFound,
    DocumentTooLarge,
    InvalidTransition,
    UnsupportedFileType,
)
from knowledge.index import ChromaIndex
from knowledge.library import KnowledgeBase
from knowledge.types import DocumentStatus
from tests.knowledge.builders import HOURS_EN, PARKING_EN, make_pdf, png_bytes

HOURS_V1 = f"# Opening hours\n\n{HOURS_EN}\n".encode()
HOURS_V2 = b"# Opening hours\n\nFrom June the clinic opens on Saturday from 9:00 to 13:00 only.\n"
QUESTION = "When are you open on Saturday?"


def _texts(kb: KnowledgeBase, query: str = QUESTION) -> list[str]:
    return [p.text for p in kb.search(query, k=5)]


def test_pending_is_never_returned_and_approved_is(kb: KnowledgeBase) -> None:
    doc = kb.add(HOURS_V1, "hours.md", uploaded_by="ada")
    assert (doc.status, doc.version, doc.uploaded_by) == (DocumentStatus.PENDING, 1, "ada")
    assert doc.chunks >= 1 and kb.chunks(doc.id)[0].text.startswith("The clinic is open")
    assert kb.search(QUESTION) == []
    assert list(kb.approved_text()) == []

    approved = kb.approve(doc.id, by="admin")
    assert approved.status is DocumentStatus.APPROVED and approved.approved_by == "admin"
    (best, *_) = kb.search(QUESTION)
    assert best.document_id == doc.id and best.title == "Opening hours" and best.version == 1
    assert "Saturday from 8:00 to 12:30" in best.text
    assert 0.5 < best.dense <= 1.0 and 0.0 < best.lexical <= 1.0 and 0.0 < best.score <= 1.0
    assert list(kb.approved_text()) == [best.text]


def test_new_version_replaces_the_old_one_only_when_approved(kb: KnowledgeBase) -> None:
    v1 = kb.approve(kb.add(HOURS_V1, "hours.md").id, by="admin")
    v2 = kb.add(HOURS_V2, "Hours.md")  # same family: case does not count
    assert (v2.version, v2.replaces, v2.status) == (2, v1.id, DocumentStatus.PENDING)
    assert all("8:00 to 12:30" in t for t in _texts(kb))  # v1 still answers

    kb.approve(v2.id, by="admin")
    assert kb.get(v1.id).status is DocumentStatus.RETIRED
    assert kb.get(v1.id).retired_at is not None
    texts = _texts(kb)
    assert texts and all("9:00 to 13:00" in t for t in texts)
    with pytest.raises(InvalidTransition, match="retired"):
        kb.approve(v1.id, by="admin")
    assert [d.version for d in kb.list()] == [2, 1]  # newest first


def test_retired_is_never_returned_again(kb: KnowledgeBase, index: ChromaIndex) -> None:
    doc = kb.approve(kb.add(HOURS_V1, "hours.md").id, by="admin")
    assert _texts(kb)
    retired = kb.retire(doc.id, by="admin")
    assert retired.status is DocumentStatus.RETIRED
    assert kb.retire(doc.id, by="admin") == retired  # idempotent
    assert kb.search(QUESTION) == []
    assert index.count(doc.id) == 0  # its vectors left the index too


def test_sql_decides_even_when_the_index_holds_stale_chunks(
    kb: KnowledgeBase, index: ChromaIndex, embedder: E5Embedder
) -> None:
    kb.approve(kb.add(PARKING_EN.encode(), "parking.txt").id, by="admin")
    pending = kb.add(HOURS_V1, "hours.md")
    # A vector that matches the question perfectly, for a document SQL does not know.
    index.add(
        ["ghost:0000"], ["ghost"], [embedder.embed_query(QUESTION)], [{"document_id": "ghost"}]
    )
    ids = {p.document_id for p in kb.search(QUESTION, k=10)}
    assert ids and pending.id not in ids and "ghost" not in ids


def test_approve_twice_is_idempotent(kb: KnowledgeBase) -> None:
    doc = kb.add(HOURS_V1, "hours.md")
    first = kb.approve(doc.id, by="a")
    assert kb.approve(doc.id, by="b") == first


def test_same_bytes_are_ingested_once(kb: KnowledgeBase) -> None:
    first = kb.add(HOURS_V1, "hours.md")
    assert kb.add(HOURS_V1, "hours.md") == first
    kb.approve(first.id, by="admin")
    assert kb.add(HOURS_V1, "HOURS.md").id == first.id
    assert len(kb.list()) == 1
    kb.retire(first.id, by="admin")
    again = kb.add(HOURS_V1, "hours.md")  # a retired text uploaded again is a new version
    assert (again.version, again.status) == (2, DocumentStatus.PENDING)


def test_title_links_versions_across_file_names(kb: KnowledgeBase) -> None:
    a = kb.add(HOURS_V1, "orari-2024.md", title="Orari")
    b = kb.add(HOURS_V2, "orari-2025.md", title="orari")
    assert (b.version, b.replaces, b.title) == (2, a.id, "orari")


def test_preview_and_lookup_errors(kb: KnowledgeBase) -> None:
    data = make_pdf(
        [[("h", "Parking"), ("p", PARKING_EN)], [("h", "Opening hours"), ("p", HOURS_EN)]]
    )
    doc = kb.add(data, "guide.pdf")
    assert (doc.media_type, doc.pages) == ("application/pdf", 2)
    assert [(c.page, c.heading) for c in kb.chunks(doc.id)] == [
        (1, "Parking"),
        (2, "Opening hours"),
    ]
    assert {c.language for c in kb.chunks(doc.id)} == {"en"}
    with pytest.raises(DocumentNotFound):
        kb.get("nope")
    with pytest.raises(DocumentNotFound):
        kb.approve("nope", by="admin")


def test_limits(engine: sa.Engine, index: ChromaIndex, embedder: E5Embedder) -> None:
    small = KnowledgeBase(engine=engine, index=index, embedder=embedder, max_bytes=50, max_pages=1)
    with pytest.raises(DocumentTooLarge, match="limit"):
        small.add(b"x" * 51, "big.txt")
    roomy = KnowledgeBase(engine=engine, index=index, embedder=embedder, max_pages=1)
    two_pages = make_pdf([[("p", HOURS_EN)], [("p", PARKING_EN)]])
    with pytest.raises(DocumentTooLarge, match="2 pages; the limit is 1"):
        roomy.add(two_pages, "two.pdf")
    assert roomy.list() == [] and index.count() == 0


def test_rejected_upload_leaves_nothing(kb: KnowledgeBase, index: ChromaIndex) -> None:
    with pytest.raises(UnsupportedFileType):
        kb.add(png_bytes(), "hours.pdf")
    assert kb.list() == [] and index.count() == 0


class FailingIndex(ChromaIndex):
    """A real Chroma index whose add stores the vectors and then fails, like a lost connection."""

    def add(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        super().add(*args, **kwargs)  # type: ignore[arg-type]
        raise ConnectionError("chroma went away")


def test_failed_indexing_rolls_everything_back(
    engine: sa.Engine, tmp_path: Path, embedder: E5Embedder
) -> None:
    index = FailingIndex(path=tmp_path / "failing")
    kb = KnowledgeBase(engine=engine, index=index, embedder=embedder)
    with pytest.raises(ConnectionError):
        kb.add(HOURS_V1, "hours.md")
    assert kb.list() == []
    assert index.count() == 0

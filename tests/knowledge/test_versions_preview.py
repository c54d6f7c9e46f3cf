"""Admin console reads: page texts rebuilt from chunks, version history, diffs, sandbox search."""

from __future__ import annotations

import itertools

import pytest

from knowledge.errors import DifferentDocuments, DocumentNotFound
from knowledge.extract import extract
from knowledge.index import ChromaIndex
from knowledge.library import KnowledgeBase
from knowledge.types import DocumentStatus
from tests.knowledge.builders import HOURS_EN, PARKING_EN, make_pdf

# Forty distinct sentences: long enough for several overlapping chunks on one page.
RULES = [
    f"Rule {i}: a visit of type {i} must be booked {i} days ahead at the desk."
    for i in range(1, 41)
]
HOURS_V1 = f"# Opening hours\n\n{HOURS_EN} Reception answers the phone all day.\n".encode()
HOURS_V2 = (
    b"# Opening hours\n\nFrom June the clinic opens on Saturday from 9:00 to 13:00 only. "
    b"Reception answers the phone all day.\n"
)
QUESTION = "When are you open on Saturday?"


def _guide_pdf() -> bytes:
    return make_pdf(
        [
            [("h", "Booking rules"), ("p", " ".join(RULES))],
            [("h", "Parking"), ("p", PARKING_EN)],
            [],  # a page without text
        ]
    )


def test_pages_rebuild_each_page_once_without_the_overlap(kb: KnowledgeBase) -> None:
    data = _guide_pdf()
    doc = kb.add(data, "guide.pdf")
    first_page = [c.text for c in kb.chunks(doc.id) if c.page == 1]
    assert len(first_page) >= 3
    # The chunks really overlap: each starts with words the previous one ends with.
    for previous, text in itertools.pairwise(first_page):
        assert " ".join(text.split()[:4]) in previous

    pages = kb.pages(doc.id)
    assert [number for number, _ in pages] == [1, 2, 3]
    (one, two, three) = (text for _, text in pages)
    for rule in RULES:
        assert one.count(rule[: rule.index(":") + 1]) == 1, rule  # "Rule 7:" once, not twice
    sections = extract(data, "guide.pdf").sections
    assert one == f"Booking rules\n{sections[0].text}"  # exactly the extracted text
    assert two == f"Parking\n{PARKING_EN}"
    assert three == ""


def test_pages_of_any_status_and_unknown_id(kb: KnowledgeBase) -> None:
    doc = kb.add(HOURS_V1, "hours.md")
    assert kb.pages(doc.id) == [
        (1, f"Opening hours\n{HOURS_EN} Reception answers the phone all day.")
    ]
    kb.retire(doc.id, by="admin")
    assert kb.pages(doc.id)[0][1].startswith("Opening hours\nThe clinic is open")
    with pytest.raises(DocumentNotFound, match="nope"):
        kb.pages("nope")


def test_history_lists_the_family_newest_first(kb: KnowledgeBase) -> None:
    v1 = kb.add(HOURS_V1, "hours.md")
    kb.approve(v1.id, by="admin")
    other = kb.add(PARKING_EN.encode(), "parking.txt")
    v2 = kb.add(HOURS_V2, "hours.md")

    history = kb.history(v1.id)
    assert [(d.id, d.version, d.status) for d in history] == [
        (v2.id, 2, DocumentStatus.PENDING),
        (v1.id, 1, DocumentStatus.APPROVED),
    ]
    assert kb.history(v2.id) == history
    assert [d.id for d in kb.history(other.id)] == [other.id]

    kb.approve(v2.id, by="admin")
    assert [d.status for d in kb.history(v1.id)] == [
        DocumentStatus.APPROVED,
        DocumentStatus.RETIRED,
    ]
    with pytest.raises(DocumentNotFound):
        kb.history("nope")


def test_diff_shows_the_changed_sentence(kb: KnowledgeBase) -> None:
    v1 = kb.approve(kb.add(HOURS_V1, "hours.md").id, by="admin")
    v2 = kb.add(HOURS_V2, "hours.md")

    lines = kb.diff(v1.id, v2.id)
    assert lines[:2] == ["--- Opening hours v1", "+++ Opening hours v2"]
    removed = [line[1:] for line in lines[2:] if line.startswith("-")]
    added = [line[1:] for line in lines[2:] if line.startswith("+")]
    assert any("Saturday from 8:00 to 12:30" in line for line in removed)
    assert added == ["From June the clinic opens on Saturday from 9:00 to 13:00 only."]
    # The unchanged sentence is context, neither removed nor added.
    assert " Reception answers the phone all day." in lines
    assert kb.diff(v1.id, v1.id) == []


def test_diff_refuses_two_different_documents(kb: KnowledgeBase) -> None:
    hours = kb.add(HOURS_V1, "hours.md")
    parking = kb.add(PARKING_EN.encode(), "parking.txt")
    with pytest.raises(DifferentDocuments, match="not versions of the same document"):
        kb.diff(hours.id, parking.id)
    with pytest.raises(DocumentNotFound):
        kb.diff(hours.id, "nope")


def test_search_versions_tries_a_pending_version_without_publishing_it(
    kb: KnowledgeBase,
) -> None:
    v1 = kb.approve(kb.add(HOURS_V1, "hours.md").id, by="admin")
    kb.approve(kb.add(PARKING_EN.encode(), "parking.txt").id, by="admin")
    v2 = kb.add(HOURS_V2, "hours.md")
    before = kb.search(QUESTION, k=10)  # fills the approved cache first
    assert before and v2.id not in {p.document_id for p in before}

    (best, *_) = kb.search_versions(QUESTION, [v2.id])
    assert (best.document_id, best.version) == (v2.id, 2)
    assert "9:00 to 13:00" in best.text
    assert 0.5 < best.dense <= 1.0 and 0.0 < best.score <= 1.0 and best.lexical > 0

    side_by_side = kb.search_versions(QUESTION, [v1.id, v2.id], k=10)
    assert {p.document_id for p in side_by_side} == {v1.id, v2.id}

    after = kb.search(QUESTION, k=10)
    assert after == before  # the sandbox changed nothing the patients see
    assert kb.get(v2.id).status is DocumentStatus.PENDING


def test_search_versions_reads_retired_versions_and_edge_cases(
    kb: KnowledgeBase, index: ChromaIndex
) -> None:
    old = kb.add(HOURS_V1, "hours.md")
    kb.retire(old.id, by="admin")
    assert index.count(old.id) == 0  # its vectors left the index
    (best, *_) = kb.search_versions(QUESTION, [old.id])
    assert best.document_id == old.id and best.dense > 0.5  # embedded again, on the fly
    assert index.count(old.id) == 0 and kb.search(QUESTION) == []

    assert kb.search_versions(QUESTION, []) == []
    assert kb.search_versions("   ", [old.id]) == []
    assert kb.search_versions(QUESTION, [old.id], k=0) == []
    with pytest.raises(DocumentNotFound, match="nope"):
        kb.search_versions(QUESTION, [old.id, "nope"])

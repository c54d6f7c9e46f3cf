"""Chunking: token limits, overlap, and chunks that never cross a section or a page."""

from __future__ import annotations

import pytest

from knowledge.chunking import chunk_sections, count_tokens, embedding_text
from knowledge.extract import Section

SENTENCE = "Appointments can be moved up to twenty-four hours before the visit. "


def test_long_section_is_cut_under_the_limit_with_overlap() -> None:
    chunks = chunk_sections(
        [Section(1, "Booking", SENTENCE * 40)], chunk_tokens=60, overlap_tokens=15
    )
    assert len(chunks) > 5
    assert all(count_tokens(c.text) <= 60 for c in chunks)
    assert [c.index for c in chunks] == list(range(len(chunks)))
    first_words = chunks[1].text.split()[:3]
    assert " ".join(first_words) in chunks[0].text  # overlap carries context over


def test_chunks_never_cross_sections_or_pages() -> None:
    sections = [
        Section(1, "Hours", "Open at 8:00."),
        Section(2, "Hours", "Closed on Sunday."),
        Section(2, "Parking", "Forty spaces behind the building."),
    ]
    chunks = chunk_sections(sections)
    assert [(c.page, c.heading, c.text) for c in chunks] == [
        (1, "Hours", "Open at 8:00."),
        (2, "Hours", "Closed on Sunday."),
        (2, "Parking", "Forty spaces behind the building."),
    ]


def test_default_size_is_about_180_tokens() -> None:
    chunks = chunk_sections([Section(1, "", SENTENCE * 100)])
    sizes = [count_tokens(c.text) for c in chunks]
    assert max(sizes) <= 180 and max(sizes) > 120


def test_overlap_must_be_smaller_than_the_chunk() -> None:
    with pytest.raises(ValueError, match="overlap"):
        chunk_sections([], chunk_tokens=10, overlap_tokens=10)


@pytest.mark.parametrize(
    ("title", "heading", "expected"),
    [
        ("Clinic guide", "Parking", "Clinic guide — Parking\nbody"),
        ("Clinic guide", "", "Clinic guide\nbody"),
        ("Orari", "Orari e sedi", "Orari e sedi\nbody"),  # heading already names the document
        ("", "", "body"),
    ],
)
def test_embedding_text_puts_context_first(title: str, heading: str, expected: str) -> None:
    assert embedding_text(title, heading, "body") == expected

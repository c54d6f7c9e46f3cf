"""Plain values the knowledge library hands to its callers."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class DocumentStatus(enum.StrEnum):
    """Where a document version is in its lifecycle; only ``approved`` is ever retrieved."""

    PENDING = "pending"
    APPROVED = "approved"
    RETIRED = "retired"


@dataclass(frozen=True)
class DocumentInfo:
    """One version of one document, as the admin sees it."""

    id: str
    title: str
    filename: str
    media_type: str
    version: int
    status: DocumentStatus
    pages: int
    chunks: int
    sha256: str
    created_at: datetime
    uploaded_by: str | None = None
    approved_by: str | None = None
    approved_at: datetime | None = None
    retired_at: datetime | None = None
    replaces: str | None = None


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk of an approved, current document, with how it scored.

    ``score`` is the fused rank score; ``dense`` the cosine similarity of the
    query to the chunk; ``lexical`` the normalised BM25 score (0..1).
    """

    chunk_id: str
    document_id: str
    title: str
    version: int
    page: int
    heading: str
    text: str
    language: str
    score: float
    dense: float
    lexical: float


@dataclass(frozen=True)
class StoredChunk:
    """One chunk of one document version as stored, for previews before approval."""

    chunk_id: str
    document_id: str
    index: int
    page: int
    heading: str
    text: str
    language: str

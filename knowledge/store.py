"""SQL tables of the knowledge library: document versions and their chunks (the source of truth).

The tables live on their own ``MetaData`` so the library can share a database
with the rest of Frontdesk without sharing its schema. Core SQL only, tested on
SQLite and PostgreSQL. To put the tables in another PostgreSQL schema, pass an
engine with ``execution_options(schema_translate_map={None: "name"})``.

A document *family* is every version of "the same" document: the normalised
title when one is given, else the normalised file name without extension.
At most one version per family is approved; a partial unique index makes the
database refuse a second one even under concurrent approvals.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import PurePath
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping

from knowledge.errors import DocumentNotFound
from knowledge.types import DocumentInfo, DocumentStatus, StoredChunk

metadata = sa.MetaData()

documents = sa.Table(
    "knowledge_documents",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("family", sa.String(200), nullable=False, index=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("title", sa.String(500), nullable=False),
    sa.Column("filename", sa.String(500), nullable=False),
    sa.Column("media_type", sa.String(100), nullable=False),
    sa.Column("pages", sa.Integer, nullable=False),
    sa.Column("chunk_count", sa.Integer, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("uploaded_by", sa.String(200)),
    sa.Column("approved_by", sa.String(200)),
    sa.Column("approved_at", sa.DateTime(timezone=True)),
    sa.Column("retired_at", sa.DateTime(timezone=True)),
    sa.Column("replaces", sa.String(36)),
    sa.UniqueConstraint("family", "version", name="uq_knowledge_documents_family_version"),
    sa.Index(
        "uq_knowledge_documents_one_approved",
        "family",
        unique=True,
        sqlite_where=sa.text("status = 'approved'"),
        postgresql_where=sa.text("status = 'approved'"),
    ),
)

chunks = sa.Table(
    "knowledge_chunks",
    metadata,
    sa.Column("id", sa.String(48), primary_key=True),
    sa.Column(
        "document_id",
        sa.String(36),
        sa.ForeignKey("knowledge_documents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("page", sa.Integer, nullable=False),
    sa.Column("heading", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("language", sa.String(16), nullable=False),
)


def family_key(filename: str, title: str | None = None) -> str:
    """Return the key that links versions: the title if given, else the file name's stem.

    Case, accents, punctuation and the extension do not count:
    ``"Orari e Sedi.pdf"`` and ``"orari_e_sedi.md"`` are one family.
    """
    base = title.strip() if title and title.strip() else PurePath(filename).stem
    base = unicodedata.normalize("NFKD", base)
    base = "".join(ch for ch in base if not unicodedata.combining(ch)).casefold()
    key = re.sub(r"[^a-z0-9]+", "-", base).strip("-")
    return key[:200] or "untitled"


def utcnow() -> datetime:
    """Return the current time, timezone-aware in UTC."""
    return datetime.now(UTC)


def _aware(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; everything stored here is UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _info(row: RowMapping) -> DocumentInfo:
    created = _aware(row["created_at"])
    assert created is not None  # NOT NULL column
    return DocumentInfo(
        id=row["id"],
        title=row["title"],
        filename=row["filename"],
        media_type=row["media_type"],
        version=row["version"],
        status=DocumentStatus(row["status"]),
        pages=row["pages"],
        chunks=row["chunk_count"],
        sha256=row["sha256"],
        created_at=created,
        uploaded_by=row["uploaded_by"],
        approved_by=row["approved_by"],
        approved_at=_aware(row["approved_at"]),
        retired_at=_aware(row["retired_at"]),
        replaces=row["replaces"],
    )


def _chunk(row: RowMapping) -> StoredChunk:
    return StoredChunk(
        chunk_id=row["id"],
        document_id=row["document_id"],
        index=row["position"],
        page=row["page"],
        heading=row["heading"],
        text=row["text"],
        language=row["language"],
    )


class DocumentStore:
    """Reads and writes the two tables; callers pass the connection, so they own transactions."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def create_tables(self) -> None:
        """Create the tables and indexes that do not exist yet."""
        with self.engine.begin() as conn:
            metadata.create_all(conn)

    def drop_tables(self) -> None:
        """Drop both tables (tests and ``purge`` only)."""
        with self.engine.begin() as conn:
            metadata.drop_all(conn)

    def insert(
        self, conn: Connection, document: dict[str, Any], rows: Sequence[dict[str, Any]]
    ) -> None:
        """Insert one document version and its chunk rows."""
        conn.execute(documents.insert().values(**document))
        if rows:
            conn.execute(chunks.insert(), list(rows))

    def get(self, conn: Connection, document_id: str, *, for_update: bool = False) -> DocumentInfo:
        """Return one document version or raise ``DocumentNotFound``."""
        query = sa.select(documents).where(documents.c.id == document_id)
        if for_update:
            query = query.with_for_update()
        row = conn.execute(query).mappings().first()
        if row is None:
            raise DocumentNotFound(f"no document with id {document_id!r}")
        return _info(row)

    def family_of(self, conn: Connection, document_id: str) -> str:
        """Return the family key of a document."""
        family = conn.execute(
            sa.select(documents.c.family).where(documents.c.id == document_id)
        ).scalar_one_or_none()
        if family is None:
            raise DocumentNotFound(f"no document with id {document_id!r}")
        return str(family)

    def same_bytes(self, conn: Connection, family: str, sha256: str) -> DocumentInfo | None:
        """Return the newest non-retired version of ``family`` with these exact bytes, if any."""
        row = (
            conn.execute(
                sa.select(documents)
                .where(
                    documents.c.family == family,
                    documents.c.sha256 == sha256,
                    documents.c.status != DocumentStatus.RETIRED.value,
                )
                .order_by(documents.c.version.desc())
            )
            .mappings()
            .first()
        )
        return _info(row) if row else None

    def latest(self, conn: Connection, family: str) -> DocumentInfo | None:
        """Return the highest version of ``family``, whatever its status."""
        row = (
            conn.execute(
                sa.select(documents)
                .where(documents.c.family == family)
                .order_by(documents.c.version.desc())
            )
            .mappings()
            .first()
        )
        return _info(row) if row else None

    def versions(self, conn: Connection, family: str) -> list[DocumentInfo]:
        """Return every version of ``family``, whatever its status, newest (highest) first."""
        rows = conn.execute(
            sa.select(documents)
            .where(documents.c.family == family)
            .order_by(documents.c.version.desc())
        ).mappings()
        return [_info(r) for r in rows]

    def approved_in_family(self, conn: Connection, family: str) -> list[DocumentInfo]:
        """Return the approved version(s) of ``family`` (at most one, by the unique index)."""
        rows = conn.execute(
            sa.select(documents).where(
                documents.c.family == family, documents.c.status == DocumentStatus.APPROVED.value
            )
        ).mappings()
        return [_info(r) for r in rows]

    def set_status(self, conn: Connection, document_id: str, **values: Any) -> None:
        """Update the lifecycle columns of one document."""
        conn.execute(documents.update().where(documents.c.id == document_id).values(**values))

    def all_documents(self, conn: Connection) -> list[DocumentInfo]:
        """Return every document version, newest first."""
        rows = conn.execute(
            sa.select(documents).order_by(documents.c.created_at.desc(), documents.c.version.desc())
        ).mappings()
        return [_info(r) for r in rows]

    def approved_versions(self, conn: Connection) -> dict[str, tuple[str, int]]:
        """Return ``{document_id: (title, version)}`` of every approved document."""
        rows = conn.execute(
            sa.select(documents.c.id, documents.c.title, documents.c.version).where(
                documents.c.status == DocumentStatus.APPROVED.value
            )
        )
        return {r.id: (r.title, r.version) for r in rows}

    def chunks_of(self, conn: Connection, document_ids: Iterable[str]) -> list[StoredChunk]:
        """Return the chunks of the given documents, in document then position order."""
        ids = sorted(set(document_ids))
        if not ids:
            return []
        rows = conn.execute(
            sa.select(chunks)
            .where(chunks.c.document_id.in_(ids))
            .order_by(chunks.c.document_id, chunks.c.position)
        ).mappings()
        return [_chunk(r) for r in rows]

    def approved_texts(self, conn: Connection) -> Iterator[str]:
        """Yield the text of every chunk of every approved document."""
        query = (
            sa.select(chunks.c.text)
            .join(documents, documents.c.id == chunks.c.document_id)
            .where(documents.c.status == DocumentStatus.APPROVED.value)
            .order_by(chunks.c.document_id, chunks.c.position)
        )
        for row in conn.execute(query):
            yield str(row.text)

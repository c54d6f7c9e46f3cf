"""The knowledge base: upload → pending → approved → retired, with versions, and hybrid search.

An upload is extracted, chunked, embedded and indexed at once, so an admin can
preview it, but only ``approved`` documents are ever returned by
:meth:`KnowledgeBase.search`. Uploading changed bytes under the same family
(file name or title) makes a new version; approving it retires the previous
approved version in the same transaction.

For the admin console, :meth:`KnowledgeBase.pages` rebuilds a version's text
from its stored chunks, :meth:`KnowledgeBase.history` lists a family's
versions, :meth:`KnowledgeBase.diff` compares two of them and
:meth:`KnowledgeBase.search_versions` tries a question against chosen versions
whatever their status, without ever changing what :meth:`KnowledgeBase.search`
returns.
"""

from __future__ import annotations

import builtins
import difflib
import hashlib
import itertools
import logging
import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from knowledge.chunking import OVERLAP_TOKENS, Chunk, chunk_sections, count_tokens, embedding_text
from knowledge.embeddings import Embedder
from knowledge.errors import (
    DifferentDocuments,
    DocumentTooLarge,
    InvalidTransition,
    NoExtractableText,
)
from knowledge.extract import ExtractedDocument, extract
from knowledge.index import ChromaIndex
from knowledge.retrieval import LEXICAL_WEIGHT, HybridRetriever
from knowledge.store import DocumentStore, family_key, utcnow
from knowledge.types import DocumentInfo, DocumentStatus, Passage, StoredChunk

log = logging.getLogger(__name__)

_MB = 1024 * 1024
_INSERT_ATTEMPTS = 3  # concurrent uploads of one family race for the next version number
# The splitter keeps whole pieces of at most OVERLAP_TOKENS tokens counted one by one;
# the joined text may count a token or two more.
_OVERLAP_LIMIT = OVERLAP_TOKENS + 2
# One diff line per sentence: a changed word shows one sentence, not a whole paragraph.
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def _undetermined(_text: str) -> str:
    return "und"


class KnowledgeBase:
    """A clinic's documents, their lifecycle and retrieval over the approved ones."""

    def __init__(
        self,
        *,
        engine: sa.Engine,
        index: ChromaIndex,
        embedder: Embedder,
        detect_language: Callable[[str], str] | None = None,
        max_bytes: int = 20 * _MB,
        max_pages: int = 300,
        lexical_weight: float = LEXICAL_WEIGHT,
    ) -> None:
        self._store = DocumentStore(engine)
        self._store.create_tables()
        self._index = index
        self._embedder = embedder
        self._detect = detect_language or _undetermined
        self._max_bytes = max_bytes
        self._max_pages = max_pages
        self._retriever = HybridRetriever(
            store=self._store, index=index, embedder=embedder, lexical_weight=lexical_weight
        )

    # --- upload -------------------------------------------------------------

    def add(
        self,
        data: bytes,
        filename: str,
        *,
        title: str | None = None,
        uploaded_by: str | None = None,
    ) -> DocumentInfo:
        """Ingest an upload as a new ``pending`` version, or return the identical existing one.

        Raises a ``DocumentRejected`` subclass when the file cannot become a
        document; on any failure nothing is left in SQL or in the index.
        """
        if len(data) > self._max_bytes:
            raise DocumentTooLarge(
                f"{filename!r} is {len(data) / _MB:.1f} MB; the limit is "
                f"{self._max_bytes / _MB:.0f} MB: split or compress it"
            )
        sha256 = hashlib.sha256(data).hexdigest()
        family = family_key(filename, title)
        with self._store.engine.connect() as conn:
            same = self._store.same_bytes(conn, family, sha256)
        if same is not None:
            log.info("knowledge.add.unchanged document_id=%s version=%d", same.id, same.version)
            return same

        doc = extract(data, filename, max_pages=self._max_pages)
        shown_title = title.strip() if title and title.strip() else doc.title
        pieces = chunk_sections(doc.sections)
        if not pieces:
            raise NoExtractableText(f"{filename!r} has no text to index")
        vectors = self._embedder.embed_passages(
            [embedding_text(shown_title, c.heading, c.text) for c in pieces]
        )
        languages = [self._language(c.text) for c in pieces]

        for attempt in range(1, _INSERT_ATTEMPTS + 1):
            try:
                info = self._insert(
                    doc,
                    filename,
                    shown_title,
                    family,
                    sha256,
                    uploaded_by,
                    pieces=pieces,
                    vectors=vectors,
                    languages=languages,
                )
            except IntegrityError:
                if attempt == _INSERT_ATTEMPTS:
                    raise
                continue
            log.info(
                "knowledge.add document_id=%s version=%d chunks=%d pages=%d",
                info.id,
                info.version,
                info.chunks,
                info.pages,
            )
            return info
        raise AssertionError("unreachable")  # pragma: no cover

    def _language(self, text: str) -> str:
        try:
            return self._detect(text) or "und"
        except Exception:  # a detector fault must not sink an upload
            return "und"

    def _insert(
        self,
        doc: ExtractedDocument,
        filename: str,
        title: str,
        family: str,
        sha256: str,
        uploaded_by: str | None,
        *,
        pieces: builtins.list[Chunk],
        vectors: builtins.list[builtins.list[float]],
        languages: builtins.list[str],
    ) -> DocumentInfo:
        document_id = uuid.uuid4().hex
        chunk_ids = [f"{document_id}:{c.index:04d}" for c in pieces]
        try:
            with self._store.engine.begin() as conn:
                same = self._store.same_bytes(conn, family, sha256)
                if same is not None:  # an identical upload won the race
                    return same
                previous = self._store.latest(conn, family)
                row = {
                    "id": document_id,
                    "family": family,
                    "version": previous.version + 1 if previous else 1,
                    "status": DocumentStatus.PENDING.value,
                    "title": title,
                    "filename": filename,
                    "media_type": doc.media_type,
                    "pages": doc.pages,
                    "chunk_count": len(pieces),
                    "sha256": sha256,
                    "created_at": utcnow(),
                    "uploaded_by": uploaded_by,
                    "replaces": previous.id if previous else None,
                }
                rows: builtins.list[dict[str, Any]] = [
                    {
                        "id": chunk_ids[i],
                        "document_id": document_id,
                        "position": c.index,
                        "page": c.page,
                        "heading": c.heading,
                        "text": c.text,
                        "language": languages[i],
                    }
                    for i, c in enumerate(pieces)
                ]
                self._store.insert(conn, row, rows)
                # Inside the transaction: if indexing fails, the SQL rows roll back too.
                self._index.add(
                    chunk_ids,
                    [embedding_text(title, r["heading"], r["text"]) for r in rows],
                    vectors,
                    [
                        {"document_id": document_id, "page": r["page"], "language": r["language"]}
                        for r in rows
                    ],
                )
                return self._store.get(conn, document_id)
        except BaseException:
            self._forget_vectors(document_id)
            raise

    def _forget_vectors(self, document_id: str) -> None:
        try:
            self._index.delete_document(document_id)
        except Exception:  # the SQL row is gone; stray vectors are filtered out anyway
            log.exception("knowledge.index.delete_failed document_id=%s", document_id)

    # --- lifecycle ------------------------------------------------------------

    def approve(self, document_id: str, *, by: str) -> DocumentInfo:
        """Make a pending version retrievable and retire the family's previously approved one."""
        with self._store.engine.begin() as conn:
            doc = self._store.get(conn, document_id, for_update=True)
            if doc.status is DocumentStatus.APPROVED:
                return doc
            if doc.status is DocumentStatus.RETIRED:
                raise InvalidTransition(
                    f"document {document_id!r} is retired and cannot be approved again; "
                    "upload the file again to make a new version"
                )
            now = utcnow()
            retired = self._store.approved_in_family(conn, self._store.family_of(conn, doc.id))
            # Retire first: the unique index allows one approved version per family.
            for old in retired:
                self._store.set_status(
                    conn, old.id, status=DocumentStatus.RETIRED.value, retired_at=now
                )
            self._store.set_status(
                conn, doc.id, status=DocumentStatus.APPROVED.value, approved_by=by, approved_at=now
            )
            info = self._store.get(conn, doc.id)
        self._retriever.invalidate()
        for old in retired:
            self._forget_vectors(old.id)
        log.info("knowledge.approve document_id=%s retired=%d", doc.id, len(retired))
        return info

    def retire(self, document_id: str, *, by: str) -> DocumentInfo:
        """Take a version out of retrieval for good (pending or approved); idempotent."""
        with self._store.engine.begin() as conn:
            doc = self._store.get(conn, document_id, for_update=True)
            if doc.status is DocumentStatus.RETIRED:
                return doc
            self._store.set_status(
                conn, doc.id, status=DocumentStatus.RETIRED.value, retired_at=utcnow()
            )
            info = self._store.get(conn, doc.id)
        self._retriever.invalidate()
        self._forget_vectors(doc.id)
        log.info("knowledge.retire document_id=%s by=%s", doc.id, by)
        return info

    # --- reading --------------------------------------------------------------

    def get(self, document_id: str) -> DocumentInfo:
        """Return one document version; raises ``DocumentNotFound``."""
        with self._store.engine.connect() as conn:
            return self._store.get(conn, document_id)

    def list(self) -> builtins.list[DocumentInfo]:
        """Return every document version, newest first."""
        with self._store.engine.connect() as conn:
            return self._store.all_documents(conn)

    def chunks(self, document_id: str) -> builtins.list[StoredChunk]:
        """Return a document's chunks in order, whatever its status (for previews)."""
        with self._store.engine.connect() as conn:
            self._store.get(conn, document_id)
            return self._store.chunks_of(conn, [document_id])

    def pages(self, document_id: str) -> builtins.list[tuple[int, str]]:
        """Return a version's extracted text as ``(page number, text)``, every page, any status.

        Rebuilt from the stored chunks: text that neighbouring chunks share
        appears once, and a heading stands on its own line where it changes.
        Words and their order are kept; where two chunks meet without sharing
        text the original whitespace was not stored, so a line break stands
        there. A page without text is ``""``. Raises ``DocumentNotFound``.
        """
        with self._store.engine.connect() as conn:
            info = self._store.get(conn, document_id)
            stored = self._store.chunks_of(conn, [document_id])
        return _page_texts(stored, info.pages)

    def history(self, document_id: str) -> builtins.list[DocumentInfo]:
        """Return every version of this document's family, newest first.

        Raises ``DocumentNotFound``.
        """
        with self._store.engine.connect() as conn:
            return self._store.versions(conn, self._store.family_of(conn, document_id))

    def diff(self, old_id: str, new_id: str) -> builtins.list[str]:
        """Return a unified diff from one version's text to another's, one sentence per line.

        The headers name ``"<title> v<version>"``; each page opens with a
        ``[page N]`` line. Raises ``DocumentNotFound``, or ``DifferentDocuments``
        when the two ids are not versions of the same document.
        """
        with self._store.engine.connect() as conn:
            old, new = self._store.get(conn, old_id), self._store.get(conn, new_id)
            if self._store.family_of(conn, old.id) != self._store.family_of(conn, new.id):
                raise DifferentDocuments(
                    f"{old.title!r} v{old.version} and {new.title!r} v{new.version} are not "
                    "versions of the same document; compare two versions from its history"
                )
        return list(
            difflib.unified_diff(
                _diff_lines(self.pages(old.id)),
                _diff_lines(self.pages(new.id)),
                fromfile=f"{old.title} v{old.version}",
                tofile=f"{new.title} v{new.version}",
                lineterm="",
            )
        )

    def search_versions(
        self,
        query: str,
        document_ids: Sequence[str],
        *,
        k: int = 5,
        language: str | None = None,
    ) -> builtins.list[Passage]:
        """Return the ``k`` best passages among exactly these versions, whatever their status.

        For trying questions against a pending version next to the approved
        one. Scored like :meth:`search`; caches nothing, so :meth:`search`
        still returns approved documents only. Raises ``DocumentNotFound``.
        """
        if isinstance(document_ids, str):
            raise TypeError("document_ids must be a list of ids, not one string")
        versions: dict[str, tuple[str, int]] = {}
        with self._store.engine.connect() as conn:
            for document_id in dict.fromkeys(document_ids):
                info = self._store.get(conn, document_id)
                versions[info.id] = (info.title, info.version)
        return self._retriever.search_versions(query, versions, k=k, language=language)

    def approved_text(self) -> Iterator[str]:
        """Yield the text of every chunk of every approved document."""
        with self._store.engine.connect() as conn:
            yield from self._store.approved_texts(conn)

    def similarities(self, text: str, chunk_ids: builtins.list[str]) -> builtins.list[float]:
        """Return the cosine similarity of ``text`` to each given approved chunk (0 if unknown)."""
        return self._retriever.similarities(text, chunk_ids)

    def vocabulary(self) -> frozenset[str]:
        """Return every index term of the approved documents (folded, no stop-words)."""
        return self._retriever.vocabulary()

    def search(
        self, query: str, *, k: int = 5, language: str | None = None
    ) -> builtins.list[Passage]:
        """Return the ``k`` best passages of approved documents (dense + BM25, fused)."""
        return self._retriever.search(query, k=k, language=language)


# --- rebuilding text from chunks ----------------------------------------------


def _page_texts(
    chunks: builtins.list[StoredChunk], page_count: int
) -> builtins.list[tuple[int, str]]:
    """Join chunks (in order) back into page texts, with a heading line where it changes."""
    blocks: dict[int, builtins.list[str]] = {}
    heading = ""
    for (page, head), group in itertools.groupby(chunks, key=lambda c: (c.page, c.heading)):
        body = _merge([c.text for c in group])
        blocks.setdefault(page, []).append(f"{head}\n{body}" if head and head != heading else body)
        heading = head
    last = max(page_count, max(blocks, default=0))
    return [(n, "\n\n".join(blocks.get(n, []))) for n in range(1, last + 1)]


def _merge(texts: builtins.list[str]) -> str:
    """Concatenate consecutive chunks of one section, keeping the text they share once."""
    out = texts[0]
    for previous, text in itertools.pairwise(texts):
        shared = _overlap(previous, text)
        out += text[shared:] if shared else "\n" + text
    return out


def _overlap(previous: str, text: str) -> int:
    """Return the length of the longest end of ``previous`` that ``text`` starts with.

    The splitter carries whole pieces over (they start after whitespace and end
    before it) and at most ``OVERLAP_TOKENS`` tokens of them; a match that is
    not whole words or is longer cannot be an overlap and is not counted.
    """
    best = 0
    for start in range(len(previous) - 1, -1, -1):
        if start and not previous[start - 1].isspace():
            continue
        size = len(previous) - start
        if size > len(text) or (size < len(text) and not text[size].isspace()):
            continue
        if text.startswith(previous[start:]):
            if count_tokens(previous[start:]) > _OVERLAP_LIMIT:
                break
            best = size
    return best


def _diff_lines(pages: builtins.list[tuple[int, str]]) -> builtins.list[str]:
    """Return the lines a diff compares: a ``[page N]`` marker, then one sentence per line."""
    lines: builtins.list[str] = []
    for number, text in pages:
        lines.append(f"[page {number}]")
        for line in text.split("\n"):
            lines.extend(part for part in _SENTENCE_END.split(line.strip()) if part)
    return lines

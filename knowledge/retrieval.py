"""Hybrid retrieval over approved chunks: dense and BM25 fused by reciprocal rank.

Each search first asks SQL which documents are approved — SQL is the source of
truth, the vector index only a cache — and keeps only chunks of those
documents, whatever the index still holds. The BM25 index and the chunk
vectors of the approved set (read from Chroma) are cached and rebuilt only when
that set changes; the dense ranking is exact cosine over those vectors.

:meth:`HybridRetriever.search_versions` scores the same way over the chunks of
named versions whatever their status (the admin's sandbox). It builds its own
throw-away snapshot and never touches the approved cache, so it cannot make a
pending chunk retrievable by :meth:`HybridRetriever.search`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from knowledge.chunking import embedding_text
from knowledge.embeddings import Embedder
from knowledge.index import ChromaIndex
from knowledge.lexical import BM25Index
from knowledge.store import DocumentStore
from knowledge.types import Passage, StoredChunk

#: Candidates each retriever hands to the fusion step.
CANDIDATES = 20
#: The usual RRF constant (Cormack et al., 2009): damps the weight of the very top ranks.
RRF_K = 60
#: Default weight of the BM25 list against the dense one (1.0); see docs/embeddings.md.
LEXICAL_WEIGHT = 0.5
#: Multiplier for chunks written in the query's language. 1.0: e5 already scores a passage
#: in the question's language higher than an equally good one in another, and on the
#: development sets a boost on top of that pushed the passage holding the fact out of
#: the extractive composer's pool when it was written in another language (docs/answers.md).
LANGUAGE_BOOST = 1.0


@dataclass(frozen=True)
class _Snapshot:
    """The approved set at one moment: chunks, their BM25 index and their vectors."""

    key: frozenset[tuple[str, str, int]]
    versions: dict[str, tuple[str, int]]
    chunks: list[StoredChunk]
    rows: dict[str, int]
    bm25: BM25Index
    vectors: npt.NDArray[np.float32]
    has_vector: npt.NDArray[np.bool_]


class HybridRetriever:
    """Finds the best approved passages for a question; safe to share between threads."""

    def __init__(
        self,
        *,
        store: DocumentStore,
        index: ChromaIndex,
        embedder: Embedder,
        lexical_weight: float = LEXICAL_WEIGHT,
    ) -> None:
        self._lexical_weight = lexical_weight
        self._store = store
        self._index = index
        self._embedder = embedder
        self._snapshot: _Snapshot | None = None
        self._lock = threading.Lock()

    def invalidate(self) -> None:
        """Drop the cache; the next search rebuilds it (also done when SQL shows a change)."""
        with self._lock:
            self._snapshot = None

    def _current(self) -> _Snapshot:
        with self._store.engine.connect() as conn:
            versions = self._store.approved_versions(conn)
            key = frozenset(
                (doc_id, title, version) for doc_id, (title, version) in versions.items()
            )
            snapshot = self._snapshot
            if snapshot is not None and snapshot.key == key:
                return snapshot
            with self._lock:
                if self._snapshot is not None and self._snapshot.key == key:
                    return self._snapshot
                chunks = self._store.chunks_of(conn, versions)
        snapshot = self._build(key, versions, chunks, embed_missing=False)
        with self._lock:
            self._snapshot = snapshot
        return snapshot

    def _build(
        self,
        key: frozenset[tuple[str, str, int]],
        versions: dict[str, tuple[str, int]],
        chunks: list[StoredChunk],
        *,
        embed_missing: bool,
    ) -> _Snapshot:
        """Index ``chunks`` for BM25 and gather their vectors from Chroma.

        A chunk the index lacks gets a zero vector (it can still match by BM25), or,
        with ``embed_missing``, a vector computed now and kept only in the snapshot
        (retired versions have left the index).
        """
        texts = [embedding_text(versions[c.document_id][0], c.heading, c.text) for c in chunks]
        stored = self._index.vectors([c.chunk_id for c in chunks])
        matrix = np.zeros((len(chunks), self._embedder.dim), dtype=np.float32)
        missing = [row for row, c in enumerate(chunks) if c.chunk_id not in stored]
        for row, chunk in enumerate(chunks):
            if chunk.chunk_id in stored:
                matrix[row] = stored[chunk.chunk_id]
        has_vector = np.ones(len(chunks), dtype=np.bool_)
        if embed_missing and missing:
            fresh = self._embedder.embed_passages([texts[row] for row in missing])
            matrix[missing] = np.asarray(fresh, dtype=np.float32)
        else:
            has_vector[missing] = False
        return _Snapshot(
            key=key,
            versions=versions,
            chunks=chunks,
            rows={c.chunk_id: row for row, c in enumerate(chunks)},
            bm25=BM25Index(texts),
            vectors=matrix,
            has_vector=has_vector,
        )

    def similarities(self, text: str, chunk_ids: list[str]) -> list[float]:
        """Return the cosine similarity of ``text`` (as a query) to each approved chunk given."""
        snap = self._current()
        vector = np.asarray(self._embedder.embed_query(text), dtype=np.float32)
        rows = [snap.rows.get(cid) for cid in chunk_ids]
        return [float(snap.vectors[r] @ vector) if r is not None else 0.0 for r in rows]

    def vocabulary(self) -> frozenset[str]:
        """Return every index term (see :func:`knowledge.lexical.tokenize`) of approved chunks."""
        return self._current().bm25.vocabulary

    def search(self, query: str, *, k: int = 5, language: str | None = None) -> list[Passage]:
        """Return the ``k`` best passages of approved documents, best first."""
        if k <= 0 or not query.strip():
            return []
        snap = self._current()
        if not snap.chunks:
            return []
        query_vector = np.asarray(self._embedder.embed_query(query), dtype=np.float32)
        return self._fuse(
            snap, query, query_vector, _dense_rows(snap, query_vector), k=k, language=language
        )

    def search_versions(
        self,
        query: str,
        versions: dict[str, tuple[str, int]],
        *,
        k: int = 5,
        language: str | None = None,
    ) -> list[Passage]:
        """Return the ``k`` best passages among the chunks of exactly these versions, any status.

        ``versions`` maps each document id to its ``(title, version)``. Scoring is
        that of :meth:`search`, with the dense ranking computed exactly over the
        given chunks instead of asked of the index. Nothing is cached.
        """
        if k <= 0 or not query.strip() or not versions:
            return []
        with self._store.engine.connect() as conn:
            chunks = self._store.chunks_of(conn, versions)
        if not chunks:
            return []
        snap = self._build(frozenset(), versions, chunks, embed_missing=True)
        query_vector = np.asarray(self._embedder.embed_query(query), dtype=np.float32)
        return self._fuse(
            snap, query, query_vector, _dense_rows(snap, query_vector), k=k, language=language
        )

    def _fuse(
        self,
        snap: _Snapshot,
        query: str,
        query_vector: npt.NDArray[np.float32],
        dense_rows: list[int],
        *,
        k: int,
        language: str | None,
    ) -> list[Passage]:
        """Fuse the dense ranking with BM25 by weighted reciprocal rank; return the top ``k``."""
        fused: dict[int, float] = {}
        for rank, row in enumerate(dense_rows, start=1):
            fused[row] = fused.get(row, 0.0) + 1.0 / (RRF_K + rank)
        lexical: dict[int, float] = {}
        for rank, (row, normalised) in enumerate(snap.bm25.search(query, CANDIDATES), start=1):
            lexical[row] = normalised
            # Weighted by how much of the question matched: one shared word ("visita")
            # out of four must not outvote the dense ranking (docs/embeddings.md).
            fused[row] = fused.get(row, 0.0) + self._lexical_weight * normalised / (RRF_K + rank)

        if language:
            for row in fused:
                if snap.chunks[row].language == language:
                    fused[row] *= LANGUAGE_BOOST
        best = (1.0 + self._lexical_weight) / (RRF_K + 1) * (LANGUAGE_BOOST if language else 1.0)
        ranked = sorted(fused.items(), key=lambda item: (-item[1], item[0]))[:k]
        dense: list[float] = (
            (snap.vectors[[row for row, _ in ranked]] @ query_vector).tolist() if ranked else []
        )
        passages = []
        for (row, score), similarity in zip(ranked, dense, strict=True):
            chunk = snap.chunks[row]
            title, version = snap.versions[chunk.document_id]
            passages.append(
                Passage(
                    chunk_id=chunk.chunk_id,
                    document_id=chunk.document_id,
                    title=title,
                    version=version,
                    page=chunk.page,
                    heading=chunk.heading,
                    text=chunk.text,
                    language=chunk.language,
                    score=round(score / best, 6),
                    dense=float(similarity),
                    lexical=lexical.get(row, 0.0),
                )
            )
        return passages


def _dense_rows(snap: _Snapshot, query_vector: npt.NDArray[np.float32]) -> list[int]:
    """Return the rows of the ``CANDIDATES`` chunks closest to the query, best first.

    Exact cosine over the snapshot's vectors (already in memory): a few
    thousand dot products cost less than asking the index, and no approximate
    neighbour is missed. A chunk the index lacks has no vector and is left to BM25.
    """
    similarity = np.where(snap.has_vector, snap.vectors @ query_vector, -np.inf)
    ranked = np.argsort(-similarity, kind="stable")[: min(CANDIDATES, int(snap.has_vector.sum()))]
    return [int(row) for row in ranked]

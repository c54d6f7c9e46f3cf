"""The dense vector index: one Chroma collection of chunk vectors in cosine space.

chromadb is used directly rather than through langchain-chroma's ``Chroma``:
that wrapper wants to own the embedding step (an ``Embeddings`` object) and
returns ``Document`` objects, while the knowledge base already holds its
vectors, needs chunk ids and raw distances back, and deletes by document id.
The direct client is the smaller surface and the same on disk and over HTTP.

The index is a cache, never the source of truth: SQL says which documents
are approved, and every query is filtered by that list.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import chromadb
from chromadb.config import Settings

Metadata = dict[str, str | int | float | bool]


class ChromaIndex:
    """Chunk vectors in one Chroma collection, on disk (``path``) or on a server (``url``)."""

    def __init__(
        self, *, path: Path | None = None, url: str | None = None, collection: str = "frontdesk"
    ) -> None:
        if (path is None) == (url is None):
            raise ValueError("give exactly one of path (embedded Chroma) or url (Chroma server)")
        settings = Settings(anonymized_telemetry=False)
        client: Any
        if path is not None:
            path.mkdir(parents=True, exist_ok=True)
            client = chromadb.PersistentClient(path=str(path), settings=settings)
        else:
            parts = urlsplit(url or "")
            if not parts.hostname:
                raise ValueError(f"not a Chroma server URL: {url!r}")
            client = chromadb.HttpClient(
                host=parts.hostname,
                port=parts.port or (443 if parts.scheme == "https" else 8000),
                ssl=parts.scheme == "https",
                settings=settings,
            )
        self._client = client
        # embedding_function=None: vectors always come from our own Embedder.
        self._collection = client.get_or_create_collection(
            collection, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
        self._lock = threading.Lock()

    def add(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        embeddings: Sequence[Sequence[float]],
        metadatas: Sequence[Metadata],
    ) -> None:
        """Add (or overwrite) chunk vectors; each metadata must carry ``document_id``."""
        if not ids:
            return
        if not len(ids) == len(texts) == len(embeddings) == len(metadatas):
            raise ValueError("ids, texts, embeddings and metadatas must have the same length")
        if any("document_id" not in m for m in metadatas):
            raise ValueError("every chunk metadata needs a document_id")
        with self._lock:
            self._collection.upsert(
                ids=list(ids),
                documents=list(texts),
                embeddings=[list(map(float, e)) for e in embeddings],
                metadatas=[dict(m) for m in metadatas],
            )

    def delete_document(self, document_id: str) -> None:
        """Remove every chunk vector of one document (no error if there are none)."""
        with self._lock:
            self._collection.delete(where={"document_id": document_id})

    def count(self, document_id: str | None = None) -> int:
        """Return how many vectors the index holds, for one document or in all."""
        with self._lock:
            if document_id is None:
                return int(self._collection.count())
            got = self._collection.get(where={"document_id": document_id}, include=[])
        return len(got["ids"])

    def vectors(self, chunk_ids: Sequence[str]) -> dict[str, list[float]]:
        """Return the stored vector of each chunk id the index holds."""
        if not chunk_ids:
            return {}
        with self._lock:
            got = self._collection.get(ids=list(chunk_ids), include=["embeddings"])
        embeddings = got.get("embeddings")
        if embeddings is None:
            return {}
        return {
            cid: [float(x) for x in vec] for cid, vec in zip(got["ids"], embeddings, strict=True)
        }

    def query(
        self, embedding: Sequence[float], k: int, document_ids: Sequence[str]
    ) -> list[tuple[str, float]]:
        """Return up to ``k`` ``(chunk_id, cosine similarity)`` pairs from the given documents.

        Best first. An empty ``document_ids`` means nothing may be returned.
        """
        if not document_ids or k <= 0:
            return []
        ids = sorted(set(document_ids))
        where: dict[str, Any] = (
            {"document_id": ids[0]} if len(ids) == 1 else {"document_id": {"$in": ids}}
        )
        with self._lock:
            result = self._collection.query(
                query_embeddings=[list(map(float, embedding))],
                n_results=k,
                where=where,
                include=["distances"],
            )
        found = result["ids"][0] if result["ids"] else []
        distances = result["distances"][0] if result.get("distances") else []
        # Chroma's cosine distance is 1 - cosine similarity.
        return [(cid, 1.0 - float(d)) for cid, d in zip(found, distances, strict=True)]

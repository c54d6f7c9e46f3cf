"""Frontdesk's knowledge library: approved clinic documents and hybrid retrieval over them.

Stands alone: it imports nothing from ``agent``, ``guardrails`` or ``server``.
"""

from knowledge.embeddings import E5Embedder, Embedder, MiniLMEmbedder, make_embedder
from knowledge.extract import ExtractedDocument, Section, extract
from knowledge.index import ChromaIndex
from knowledge.library import KnowledgeBase
from knowledge.types import DocumentInfo, DocumentStatus, Passage, StoredChunk

__all__ = [
    "ChromaIndex",
    "DocumentInfo",
    "DocumentStatus",
    "E5Embedder",
    "Embedder",
    "ExtractedDocument",
    "KnowledgeBase",
    "MiniLMEmbedder",
    "Passage",
    "Section",
    "StoredChunk",
    "extract",
    "make_embedder",
]

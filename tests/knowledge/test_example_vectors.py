"""Example vectors kept on disk per text: a changed training set embeds only its new texts."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from knowledge.embeddings import ExampleVectors


class Counting:
    """A two-dimensional embedder that records every query it embeds."""

    dim = 2

    def __init__(self, name: str = "counting") -> None:
        self.name = name
        self.queries: list[str] = []

    def embed_query(self, text: str) -> list[float]:
        self.queries.append(text)
        return [float(len(text)), 0.25]

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        raise AssertionError("examples are embedded as queries")


def test_only_new_texts_reach_the_model(tmp_path: Path) -> None:
    first = Counting()
    before = ExampleVectors(first, tmp_path).embed(["aiuto", "sto male"])
    assert first.queries == ["aiuto", "sto male"]
    again = Counting()  # a new process, one example added
    after = ExampleVectors(again, tmp_path).embed(["sto male", "un operatore", "aiuto"])
    assert again.queries == ["un operatore"]
    assert after.tolist() == [before[1].tolist(), [12.0, 0.25], before[0].tolist()]


def test_rows_follow_the_texts_even_when_repeated(tmp_path: Path) -> None:
    vectors = ExampleVectors(Counting(), tmp_path).embed(["ab", "abc", "ab"])
    assert vectors.tolist() == [[2.0, 0.25], [3.0, 0.25], [2.0, 0.25]]


def test_another_model_never_reads_these_vectors(tmp_path: Path) -> None:
    ExampleVectors(Counting(), tmp_path).embed(["aiuto"])
    other = Counting("another-model")
    ExampleVectors(other, tmp_path).embed(["aiuto"])
    assert other.queries == ["aiuto"]


def test_a_damaged_file_is_rebuilt(tmp_path: Path) -> None:
    ExampleVectors(Counting(), tmp_path).embed(["aiuto"])
    (stored,) = tmp_path.glob("*.npz")
    stored.write_bytes(b"not numpy")
    inner = Counting()
    assert ExampleVectors(inner, tmp_path).embed(["aiuto"]).tolist() == [[5.0, 0.25]]
    assert inner.queries == ["aiuto"]
    with np.load(stored) as rebuilt:
        assert rebuilt["vectors"].shape == (1, 2)


def test_a_file_of_another_shape_is_ignored(tmp_path: Path) -> None:
    store = ExampleVectors(Counting(), tmp_path)
    store.embed(["aiuto"])
    (stored,) = tmp_path.glob("*.npz")
    np.savez(stored, keys=np.zeros((1, 16), dtype=np.uint8), vectors=np.zeros((1, 3)))
    inner = Counting()
    assert ExampleVectors(inner, tmp_path).embed(["aiuto"]).tolist() == [[5.0, 0.25]]
    assert inner.queries == ["aiuto"]


def test_an_unwritable_directory_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the directory should be")
    vectors = ExampleVectors(Counting(), blocked / "vectors").embed(["aiuto"])
    assert vectors.tolist() == [[5.0, 0.25]]


def test_old_texts_are_kept_up_to_the_limit_newest_first(tmp_path: Path) -> None:
    ExampleVectors(Counting(), tmp_path, keep=2).embed(["a", "b"])
    ExampleVectors(Counting(), tmp_path, keep=2).embed(["c"])
    inner = Counting()
    ExampleVectors(inner, tmp_path, keep=2).embed(["c", "a", "b"])
    assert inner.queries == ["b"]  # "c" and the first of the older ones were kept


def test_files_hold_no_text(tmp_path: Path) -> None:
    ExampleVectors(Counting(), tmp_path).embed(["chiamate il dottor Rossi"])
    for path in tmp_path.iterdir():
        assert "Rossi" not in path.name
        assert b"Rossi" not in path.read_bytes()

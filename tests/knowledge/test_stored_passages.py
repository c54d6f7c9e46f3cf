"""Passage vectors kept on disk: the same texts are embedded once, whatever the process."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from knowledge.embeddings import StoredPassages


class Counting:
    """A two-dimensional embedder that records every passage it embeds."""

    dim = 2

    def __init__(self, name: str = "counting") -> None:
        self.name = name
        self.calls: list[list[str]] = []

    def embed_query(self, text: str) -> list[float]:
        return [float(len(text)), 0.5]

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        self.calls.append(list(texts))
        return [[float(len(t)), 1 / 3] for t in texts]  # 1/3: exact only as a float64


def test_same_texts_are_read_back_not_embedded_again(tmp_path: Path) -> None:
    first = Counting()
    vectors = StoredPassages(first, tmp_path).embed_passages(["orari", "sabato 8:00"])
    assert first.calls == [["orari", "sabato 8:00"]]
    again = Counting()  # a new process: nothing in memory
    assert StoredPassages(again, tmp_path).embed_passages(["orari", "sabato 8:00"]) == vectors
    assert again.calls == []


@pytest.mark.parametrize(
    ("model", "texts"),
    [
        ("counting", ["orari", "sabato 8:00", "x"]),  # one more text
        ("counting", ["sabato 8:00", "orari"]),  # another order
        ("counting", ["orari", "sabato 9:00"]),  # another text
        ("another-model", ["orari", "sabato 8:00"]),  # another model's vectors never match
    ],
)
def test_anything_else_is_embedded(tmp_path: Path, model: str, texts: list[str]) -> None:
    StoredPassages(Counting(), tmp_path).embed_passages(["orari", "sabato 8:00"])
    inner = Counting(model)
    assert StoredPassages(inner, tmp_path).embed_passages(texts) == inner.embed_passages(texts)
    assert inner.calls[0] == texts


def test_a_damaged_file_is_embedded_again(tmp_path: Path) -> None:
    StoredPassages(Counting(), tmp_path).embed_passages(["orari"])
    (stored,) = tmp_path.glob("*.npy")
    stored.write_bytes(b"not numpy")
    inner = Counting()
    assert StoredPassages(inner, tmp_path).embed_passages(["orari"]) == [[5.0, 1 / 3]]
    assert inner.calls == [["orari"]]
    assert np.load(stored).shape == (1, 2)  # and stored again


def test_an_unwritable_directory_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the directory should be")
    inner = Counting()
    assert StoredPassages(inner, blocked / "passages").embed_passages(["orari"]) == [[5.0, 1 / 3]]


def test_files_hold_no_text(tmp_path: Path) -> None:
    StoredPassages(Counting(), tmp_path).embed_passages(["il dottor Rossi riceve il lunedì"])
    for path in tmp_path.iterdir():
        assert "Rossi" not in path.name
        assert b"Rossi" not in path.read_bytes()


def test_queries_pass_through(tmp_path: Path) -> None:
    inner = Counting()
    assert StoredPassages(inner, tmp_path).embed_query("orari") == [5.0, 0.5]
    assert list(tmp_path.iterdir()) == []

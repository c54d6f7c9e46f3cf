"""The Chroma index, embedded on disk: cosine similarity, document filters, deletion."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.index import ChromaIndex


def test_query_filters_by_document_and_reports_cosine(tmp_path: Path) -> None:
    index = ChromaIndex(path=tmp_path / "c", collection="test-col")
    index.add(
        ["a:0", "a:1", "b:0"],
        ["east", "north-east", "east too"],
        [[1.0, 0.0, 0.0], [0.6, 0.8, 0.0], [1.0, 0.0, 0.0]],
        [{"document_id": "a"}, {"document_id": "a"}, {"document_id": "b"}],
    )
    hits = index.query([1.0, 0.0, 0.0], 10, ["a"])
    assert [cid for cid, _ in hits] == ["a:0", "a:1"]
    assert hits[0][1] == pytest.approx(1.0, abs=1e-4) and hits[1][1] == pytest.approx(0.6, abs=1e-4)
    assert {cid for cid, _ in index.query([1.0, 0.0, 0.0], 10, ["a", "b"])} == {"a:0", "a:1", "b:0"}
    assert index.query([1.0, 0.0, 0.0], 10, []) == []

    index.delete_document("a")
    assert index.count() == 1 and index.count("a") == 0
    assert index.query([1.0, 0.0, 0.0], 10, ["a"]) == []
    # persisted on disk: a second client sees the same collection
    assert ChromaIndex(path=tmp_path / "c", collection="test-col").count() == 1


def test_needs_exactly_one_location(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="exactly one"):
        ChromaIndex()
    with pytest.raises(ValueError, match="exactly one"):
        ChromaIndex(path=tmp_path, url="http://localhost:8000")


def test_metadata_must_name_the_document(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="document_id"):
        ChromaIndex(path=tmp_path / "c").add(["x"], ["x"], [[1.0]], [{"page": 1}])

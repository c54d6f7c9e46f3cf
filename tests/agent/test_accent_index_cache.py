"""The index of unaccented spellings is kept on disk between starts, and checked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.startup_cache import kept_accent_index, read_checked, store_checked
from guardrails.recognizers import word_frequency


@pytest.fixture
def kept_in(tmp_path: Path) -> Iterator[Path]:
    word_frequency.use_index_source(kept_accent_index(tmp_path))
    word_frequency._unaccented.cache_clear()
    yield tmp_path
    word_frequency.use_index_source(None)
    word_frequency._unaccented.cache_clear()


def test_the_kept_index_is_read_back_and_a_damaged_one_rebuilt(kept_in: Path) -> None:
    built = word_frequency._unaccented()
    assert built["es"]["tambien"] > 4  # "también", typed without its accent
    (path,) = kept_in.glob("accents-*.json")

    word_frequency._unaccented.cache_clear()
    read = word_frequency._unaccented()
    assert read == built
    assert read is not built

    data = bytearray(path.read_bytes())
    data[-10] ^= 0x01  # one flipped bit in the payload
    path.write_bytes(bytes(data))
    assert read_checked(path) is None
    word_frequency._unaccented.cache_clear()
    assert word_frequency._unaccented() == built
    assert read_checked(path) is not None  # written again, whole
    word_frequency._unaccented.cache_clear()
    assert word_frequency._unaccented() == built


def test_an_unwritable_directory_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    store_checked(blocker / "sub" / "accents.json", b"{}")
    assert blocker.read_text() == "not a directory"

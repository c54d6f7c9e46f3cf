"""The twelfth hand-written PHI development set: how patients and relatives write names.

Its sizes, spans, span counts, check digits and NHS numbers are checked in
``test_phi_handwritten_sets.py``.
"""

from __future__ import annotations

import re

import pytest

from tests.evals.handwritten_checks import Record, read_records, values

WORDS_THAT_ARE_NAMES = frozenset("rosa sole luz paloma pia franco grace".split())
"""Common words that are also first names: the hard negatives use them as words."""


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records("handwritten_dev12.jsonl")


def test_names_take_the_shapes_the_set_is_about(records: list[Record]) -> None:
    """Lower case, split by a line break, the same name twice, names after an emoji."""
    names = values(records, "PERSON")
    assert sum(name.islower() for name in names) >= 50
    assert sum("\n" in name for name in names) >= 2
    assert any(len(r["spans"]) >= 3 for r in records if r["language"] in ("it", "es"))
    emoji = re.compile(r"[\U0001F300-\U0001FAFF]")
    assert sum(emoji.search(r["text"]) is not None for r in records if r["spans"]) >= 5


def test_hard_negatives_hold_the_words_as_words(records: list[Record]) -> None:
    negatives = [r["text"].lower() for r in records if r["negative"]]
    assert sum(bool(set(re.findall(r"\w+", t)) & WORDS_THAT_ARE_NAMES) for t in negatives) >= 10

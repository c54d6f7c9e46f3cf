"""The eleventh hand-written PHI development set: names that are also words, forms, voice notes.

Its sizes, spans, span counts and check digits are checked in ``test_phi_handwritten_sets.py``.
"""

from __future__ import annotations

import re

import pytest

from tests.evals.handwritten_checks import Record, read_records, values

WORD_FIRST_NAMES = frozenset(
    "rosa franco pia sole gioia serena fortunato angelo clemente pilar rocio rocío luz amparo "
    "dolores consuelo reyes blanca paloma victoria rose grace".split()
)
"""First names that are also common words: the shape most of the set is about."""


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records("handwritten_dev11.jsonl")


def test_names_take_the_shapes_the_set_is_about(records: list[Record]) -> None:
    """Lower case, first names that are words, initials with dots."""
    names = values(records, "PERSON")
    assert sum(name.islower() for name in names) >= 60
    assert sum(bool(set(name.split()) & WORD_FIRST_NAMES) for name in names) >= 25
    assert sum(re.match(r"\w\.", name) is not None for name in names) >= 5


def test_hard_negatives_hold_the_words_as_words(records: list[Record]) -> None:
    """Most hard negatives use a first name that is also a word, as the word."""
    negatives = [r["text"].lower() for r in records if r["negative"]]
    assert sum(bool(set(re.findall(r"\w+", t)) & WORD_FIRST_NAMES) for t in negatives) >= 10

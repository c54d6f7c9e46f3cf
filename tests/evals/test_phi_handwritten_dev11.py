"""The eleventh hand-written PHI development set: names that are also words, forms, voice notes."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.evals.handwritten_checks import (
    CHECK_DIGITS,
    DATASET_DIR,
    ENTITY_TYPES,
    Record,
    check_ids_templates_and_negatives,
    check_no_identifier_shared,
    check_spans_exact_sorted_and_typed,
    read_records,
    values,
)

NAME = "handwritten_dev11.jsonl"
EARLIER_SETS = tuple(
    f"handwritten_dev{n}.jsonl" for n in ("", "2", "3", "4", "5", "6", "7", "8", "9", "10")
)
SIZES = {"it": 40, "es": 40, "fr": 10, "en": 10}
WORD_FIRST_NAMES = frozenset(
    "rosa franco pia sole gioia serena fortunato angelo clemente pilar rocio rocío luz amparo "
    "dolores consuelo reyes blanca paloma victoria rose grace".split()
)
"""First names that are also common words: the shape most of the set is about."""


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records(NAME)


def test_sizes_ids_and_negatives(records: list[Record]) -> None:
    assert Counter(r["language"] for r in records) == SIZES
    check_ids_templates_and_negatives(records, 11, "d11-")


def test_spans_are_exact_sorted_and_typed(records: list[Record]) -> None:
    check_spans_exact_sorted_and_typed(records, ENTITY_TYPES)


def test_names_are_most_of_the_spans(records: list[Record]) -> None:
    spans = Counter(s["type"] for r in records for s in r["spans"])
    assert spans["PERSON"] >= 0.75 * sum(spans.values())
    assert spans["STREET_ADDRESS"] >= 6


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


@pytest.mark.parametrize("kind", sorted(CHECK_DIGITS))
def test_numbers_have_valid_check_digits(records: list[Record], kind: str) -> None:
    for value in values(records, kind):
        assert CHECK_DIGITS[kind](value), value


def test_no_value_shared_with_the_earlier_handwritten_dev_sets(records: list[Record]) -> None:
    check_no_identifier_shared(records, [DATASET_DIR / n for n in EARLIER_SETS])

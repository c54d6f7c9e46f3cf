"""The tenth hand-written PHI development set: Italian and Spanish names and addresses as typed."""

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

NAME = "handwritten_dev10.jsonl"
EARLIER_SETS = tuple(
    f"handwritten_dev{n}.jsonl" for n in ("", "2", "3", "4", "5", "6", "7", "8", "9")
)
SIZES = {"it": 45, "es": 40, "fr": 15, "en": 20}


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records(NAME)


def test_sizes_ids_and_negatives(records: list[Record]) -> None:
    assert Counter(r["language"] for r in records) == SIZES
    check_ids_templates_and_negatives(records, 10, "d10-")


def test_spans_are_exact_sorted_and_typed(records: list[Record]) -> None:
    check_spans_exact_sorted_and_typed(records, ENTITY_TYPES)


def test_names_and_addresses_are_most_of_the_spans(records: list[Record]) -> None:
    spans = Counter(s["type"] for r in records for s in r["spans"])
    assert spans["PERSON"] >= 0.75 * sum(spans.values())
    assert spans["STREET_ADDRESS"] >= 10


def test_names_take_the_shapes_the_set_is_about(records: list[Record]) -> None:
    """Lower case, apostrophes and particles, double surnames, several names in one message."""
    names = values(records, "PERSON")
    assert sum(name.islower() for name in names) >= 40
    assert sum("'" in name for name in names) >= 4
    particle = re.compile(r"\b(?:de|del|dal|dell')\b", re.IGNORECASE)
    assert sum(bool(particle.search(name)) for name in names) >= 5
    assert sum(len([s for s in r["spans"] if s["type"] == "PERSON"]) >= 3 for r in records) >= 4


def test_addresses_are_lower_case_or_broken_over_lines(records: list[Record]) -> None:
    addresses = values(records, "STREET_ADDRESS")
    assert sum(a == a.lower() for a in addresses) >= 8
    assert sum("\n" in a for a in addresses) >= 3


@pytest.mark.parametrize("kind", sorted(CHECK_DIGITS))
def test_numbers_have_valid_check_digits(records: list[Record], kind: str) -> None:
    for value in values(records, kind):
        assert CHECK_DIGITS[kind](value), value


def test_no_value_shared_with_the_earlier_handwritten_dev_sets(records: list[Record]) -> None:
    check_no_identifier_shared(records, [DATASET_DIR / n for n in EARLIER_SETS])

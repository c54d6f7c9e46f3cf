"""The seventh hand-written PHI development set: Italian and Spanish names in every position."""

from __future__ import annotations

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

NAME = "handwritten_dev7.jsonl"
EARLIER_SETS = tuple(f"handwritten_dev{n}.jsonl" for n in ("", "2", "3", "4", "5", "6"))
SIZES = {"it": 45, "es": 45, "fr": 15, "en": 15}


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records(NAME)


def test_sizes_ids_and_negatives(records: list[Record]) -> None:
    assert Counter(r["language"] for r in records) == SIZES
    check_ids_templates_and_negatives(records, 7, "d7-")


def test_spans_are_exact_sorted_and_typed(records: list[Record]) -> None:
    check_spans_exact_sorted_and_typed(records, ENTITY_TYPES)


def test_italian_and_spanish_names_dominate(records: list[Record]) -> None:
    spans = Counter((r["language"], s["type"]) for r in records for s in r["spans"])
    for language in ("it", "es"):
        assert spans[language, "PERSON"] >= 35, language
    for language in ("fr", "en"):
        assert spans[language, "PERSON"] >= 10, language


def test_names_come_in_lower_case_capitals_and_with_particles(records: list[Record]) -> None:
    names = values(records, "PERSON")
    assert sum(name.islower() for name in names) >= 15
    assert sum(name.isupper() for name in names) >= 3
    for particle in (" De ", " Lo ", "Dell'", " de los ", " Ní "):
        assert any(particle in f" {name} " for name in names), particle


@pytest.mark.parametrize("kind", sorted(CHECK_DIGITS))
def test_numbers_have_valid_check_digits(records: list[Record], kind: str) -> None:
    for value in values(records, kind):
        assert CHECK_DIGITS[kind](value), value


def test_hard_negatives_name_the_clinics_staff_places_and_holidays(
    records: list[Record],
) -> None:
    negatives = " ".join(r["text"].casefold() for r in records if r["negative"])
    for word in ("via dei mille 24", "calle de sueca 37", "dott.ssa", "dra.", "natale", "reyes"):
        assert word in negatives, word


def test_no_value_shared_with_the_earlier_handwritten_dev_sets(records: list[Record]) -> None:
    check_no_identifier_shared(records, [DATASET_DIR / n for n in EARLIER_SETS])

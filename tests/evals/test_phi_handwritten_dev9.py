"""The ninth hand-written PHI development set: names in replies, signatures and run-ons."""

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

NAME = "handwritten_dev9.jsonl"
EARLIER_SETS = tuple(f"handwritten_dev{n}.jsonl" for n in ("", "2", "3", "4", "5", "6", "7", "8"))
SIZES = {"it": 45, "es": 45, "fr": 15, "en": 15}


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records(NAME)


def test_sizes_ids_and_negatives(records: list[Record]) -> None:
    assert Counter(r["language"] for r in records) == SIZES
    check_ids_templates_and_negatives(records, 9, "d9-")


def test_spans_are_exact_sorted_and_typed(records: list[Record]) -> None:
    check_spans_exact_sorted_and_typed(records, ENTITY_TYPES)


def test_names_are_most_of_the_spans(records: list[Record]) -> None:
    spans = Counter(s["type"] for r in records for s in r["spans"])
    assert spans["PERSON"] >= 0.75 * sum(spans.values())


def test_many_names_are_written_in_lower_case(records: list[Record]) -> None:
    names = values(records, "PERSON")
    assert sum(name.islower() for name in names) >= 40


def test_some_messages_are_a_name_alone(records: list[Record]) -> None:
    """Replies that hold nothing but a name, and replies that hold nothing but a word."""
    alone = [r for r in records if r["spans"] and r["spans"][0]["start"] == 0]
    alone = [r for r in alone if r["spans"][0]["end"] == len(r["text"])]
    assert len(alone) >= 6
    one_word_negatives = [r for r in records if r["negative"] and " " not in r["text"]]
    assert len(one_word_negatives) >= 6


@pytest.mark.parametrize("kind", sorted(CHECK_DIGITS))
def test_numbers_have_valid_check_digits(records: list[Record], kind: str) -> None:
    for value in values(records, kind):
        assert CHECK_DIGITS[kind](value), value


def test_no_value_shared_with_the_earlier_handwritten_dev_sets(records: list[Record]) -> None:
    check_no_identifier_shared(records, [DATASET_DIR / n for n in EARLIER_SETS])

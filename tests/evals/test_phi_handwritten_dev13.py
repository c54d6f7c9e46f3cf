"""The thirteenth hand-written PHI development set: who writes, for whom, how names are typed."""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher

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

NAME = "handwritten_dev13.jsonl"
EARLIER_SETS = tuple(
    f"handwritten_dev{n}.jsonl"
    for n in ("", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12")
)
SIZES = {"it": 35, "es": 35, "fr": 15, "en": 15}
SPANS = {
    "PERSON": 110,
    "PHONE_NUMBER": 11,
    "DATE_OF_BIRTH": 5,
    "STREET_ADDRESS": 4,
    "EMAIL_ADDRESS": 4,
    "INSURANCE_POLICY": 4,
    "MEDICAL_RECORD_NUMBER": 3,
    "IBAN_CODE": 2,
    "ES_DNI_NIE": 2,
    "IT_FISCAL_CODE": 1,
    "IT_HEALTH_CARD": 1,
    "CREDIT_CARD": 1,
    "FR_NIR": 1,
    "US_SSN": 1,
}
FORWARDED = {"hw-it-d13-inoltro", "hw-es-d13-reenvio", "hw-fr-d13-transfert", "hw-en-d13-forwarded"}
"""A message from someone else pasted in, in every language."""
STAFF_TITLE = re.compile(r"\b(?:dott\.(?:ssa)?|dr\.?|dra\.|doctora|pr|nurse)\s", re.IGNORECASE)
CLINIC_NUMBER = re.compile(r"\b\d{2,4}(?: \d{2,4}){2,4}\b")
"""A phone number in groups: in the hard negatives, the clinic's own."""


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records(NAME)


def test_sizes_ids_and_negatives(records: list[Record]) -> None:
    assert Counter(r["language"] for r in records) == SIZES
    check_ids_templates_and_negatives(records, 13, "d13-")


def test_spans_are_exact_sorted_and_typed(records: list[Record]) -> None:
    check_spans_exact_sorted_and_typed(records, ENTITY_TYPES)


def test_span_counts_and_names_share(records: list[Record]) -> None:
    spans = Counter(s["type"] for r in records for s in r["spans"])
    assert spans == SPANS
    assert set(spans) == ENTITY_TYPES
    assert 0.65 <= spans["PERSON"] / sum(spans.values()) <= 0.80


def test_names_take_the_shapes_the_set_is_about(records: list[Record]) -> None:
    """Spelt letter by letter, in capitals, hyphenated, and corrected."""
    names = values(records, "PERSON")
    assert sum(re.fullmatch(r"(?:\w-){3,}\w", name) is not None for name in names) >= 3
    assert sum(re.search(r"\b[A-ZÀ-Ý]{4,}\b", name) is not None for name in names) >= 4
    assert sum(re.search(r"\w{2,}-\w{2,}", name) is not None for name in names) >= 3
    corrections = 0
    for record in records:
        pair = [record["text"][s["start"] : s["end"]] for s in record["spans"]][:2]
        if len(pair) == 2 and pair[0] != pair[1]:
            ratio = SequenceMatcher(None, pair[0].lower(), pair[1].lower()).ratio()
            corrections += ratio >= 0.8
    assert corrections >= 4


def test_writers_and_replies(records: list[Record]) -> None:
    """Forwarded messages in every language; replies that are a name and nothing else."""
    assert {r["template"] for r in records} >= FORWARDED
    only_a_name = [
        r for r in records if [(s["start"], s["end"]) for s in r["spans"]] == [(0, len(r["text"]))]
    ]
    assert {r["language"] for r in only_a_name} == set(SIZES)


def test_hard_negatives_hold_staff_and_clinic_numbers(records: list[Record]) -> None:
    negatives = [r["text"] for r in records if r["negative"]]
    assert sum(STAFF_TITLE.search(t) is not None for t in negatives) >= 5
    assert sum(CLINIC_NUMBER.search(t) is not None for t in negatives) >= 4


@pytest.mark.parametrize("kind", sorted(CHECK_DIGITS))
def test_numbers_have_valid_check_digits(records: list[Record], kind: str) -> None:
    found = values(records, kind)
    assert found
    for value in found:
        assert CHECK_DIGITS[kind](value), value


def test_no_value_shared_with_the_earlier_handwritten_dev_sets(records: list[Record]) -> None:
    check_no_identifier_shared(records, [DATASET_DIR / n for n in EARLIER_SETS])

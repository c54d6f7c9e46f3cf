"""The twelfth hand-written PHI development set: how patients and relatives write names."""

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

NAME = "handwritten_dev12.jsonl"
EARLIER_SETS = tuple(
    f"handwritten_dev{n}.jsonl" for n in ("", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")
)
SIZES = {"it": 45, "es": 45, "fr": 15, "en": 15}
SPANS = {
    "PERSON": 133,
    "PHONE_NUMBER": 9,
    "DATE_OF_BIRTH": 9,
    "EMAIL_ADDRESS": 4,
    "STREET_ADDRESS": 4,
    "INSURANCE_POLICY": 3,
    "MEDICAL_RECORD_NUMBER": 3,
    "CREDIT_CARD": 3,
    "ES_DNI_NIE": 3,
    "IBAN_CODE": 2,
    "IT_FISCAL_CODE": 1,
    "IT_HEALTH_CARD": 1,
    "FR_NIR": 1,
    "US_SSN": 1,
}
WORDS_THAT_ARE_NAMES = frozenset("rosa sole luz paloma pia franco grace".split())
"""Common words that are also first names: the hard negatives use them as words."""


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records(NAME)


def nhs_number_ok(value: str) -> bool:
    """NHS number: 10 digits, the last one a mod-11 check digit over the first nine."""
    digits = re.sub(r"\D", "", value)
    if len(digits) != 10:
        return False
    remainder = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9])) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return check != 10 and check == int(digits[9])


def test_sizes_ids_and_negatives(records: list[Record]) -> None:
    assert Counter(r["language"] for r in records) == SIZES
    check_ids_templates_and_negatives(records, 12, "d12-")


def test_spans_are_exact_sorted_and_typed(records: list[Record]) -> None:
    check_spans_exact_sorted_and_typed(records, ENTITY_TYPES)
    assert Counter(s["type"] for r in records for s in r["spans"]) == SPANS


def test_names_are_most_of_the_spans_but_not_all(records: list[Record]) -> None:
    spans = Counter(s["type"] for r in records for s in r["spans"])
    assert 0.70 <= spans["PERSON"] / sum(spans.values()) <= 0.80
    assert set(spans) == ENTITY_TYPES


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


@pytest.mark.parametrize("kind", sorted(CHECK_DIGITS))
def test_numbers_have_valid_check_digits(records: list[Record], kind: str) -> None:
    found = values(records, kind)
    assert found
    for value in found:
        assert CHECK_DIGITS[kind](value), value


def test_nhs_number_has_its_check_digit(records: list[Record]) -> None:
    nhs = [
        r["text"][s["start"] : s["end"]]
        for r in records
        for s in r["spans"]
        if s["type"] == "MEDICAL_RECORD_NUMBER" and "NHS" in r["text"][: s["start"]]
    ]
    assert nhs
    assert all(nhs_number_ok(value) for value in nhs), nhs


def test_no_value_shared_with_the_earlier_handwritten_dev_sets(records: list[Record]) -> None:
    check_no_identifier_shared(records, [DATASET_DIR / n for n in EARLIER_SETS])

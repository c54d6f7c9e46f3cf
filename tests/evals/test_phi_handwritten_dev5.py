"""The fifth hand-written PHI development set: exact spans, check digits, sizes, Spanish weight."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tests.evals.handwritten_checks import (
    DATASET_DIR,
    ENTITY_TYPES,
    Record,
    card_ok,
    check_ids_templates_and_negatives,
    check_no_identifier_shared,
    check_spans_exact_sorted_and_typed,
    dni_nie_ok,
    fiscal_code_ok,
    health_card_ok,
    iban_ok,
    nir_ok,
    read_records,
    values,
)

EARLIER_SETS = (
    "handwritten_dev.jsonl",
    "handwritten_dev2.jsonl",
    "handwritten_dev3.jsonl",
    "handwritten_dev4.jsonl",
)
SIZES = {"es": 45, "it": 35, "fr": 15, "en": 15}


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records("handwritten_dev5.jsonl")


def test_sizes_ids_and_negatives(records: list[Record]) -> None:
    assert Counter(r["language"] for r in records) == SIZES
    check_ids_templates_and_negatives(records, 5, "d5-")


def test_spans_are_exact_sorted_and_typed(records: list[Record]) -> None:
    check_spans_exact_sorted_and_typed(records, ENTITY_TYPES)


def test_spanish_and_italian_names_and_addresses_dominate(records: list[Record]) -> None:
    spans = Counter((r["language"], s["type"]) for r in records for s in r["spans"])
    assert spans["es", "PERSON"] >= 25
    assert spans["it", "PERSON"] >= 15
    for language in ("it", "es"):
        assert spans[language, "STREET_ADDRESS"] >= 5, language
    for language in ("fr", "en"):
        assert spans[language, "PERSON"] >= 5, language


@pytest.mark.parametrize(
    ("kind", "valid"),
    [
        ("IT_FISCAL_CODE", fiscal_code_ok),
        ("IT_HEALTH_CARD", health_card_ok),
        ("FR_NIR", nir_ok),
        ("ES_DNI_NIE", dni_nie_ok),
        ("IBAN_CODE", iban_ok),
        ("CREDIT_CARD", card_ok),
    ],
)
def test_national_numbers_have_valid_check_digits(
    records: list[Record], kind: str, valid: Any
) -> None:
    for value in values(records, kind):
        assert valid(value), value


def test_social_security_numbers_have_their_mod_97_key(records: list[Record]) -> None:
    """A Spanish NUSS: province (2), number (8), key = the first ten digits mod 97."""
    found = 0
    for record in records:
        if record["language"] != "es":
            continue
        for value in values([record], "INSURANCE_POLICY"):
            digits = "".join(c for c in value if c.isdigit())
            if "seg" not in record["text"].casefold() or len(digits) != 12:
                continue
            found += 1
            province, number = int(digits[:2]), int(digits[2:10])
            base = province * 10**8 + number if number >= 10**7 else province * 10**7 + number
            assert base % 97 == int(digits[10:]), value
    assert found >= 2


def test_hard_negatives_name_the_clinics_own_places_and_staff(records: list[Record]) -> None:
    negatives = " ".join(r["text"].casefold() for r in records if r["negative"])
    for clinic_word in ("via dei mille 24", "avenida del puerto 148", "dott.ssa", "dra."):
        assert clinic_word in negatives


def test_no_value_shared_with_the_earlier_handwritten_dev_sets(records: list[Record]) -> None:
    check_no_identifier_shared(records, [DATASET_DIR / n for n in EARLIER_SETS])

"""The second hand-written PHI development set: exact spans, valid identifiers, sizes."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.evals.handwritten_checks import (
    card_ok,
    check_ids_templates_and_negatives,
    check_no_identifier_shared,
    check_spans_exact_sorted_and_typed,
    dni_nie_ok,
    fiscal_code_ok,
    health_card_ok,
    iban_ok,
    nir_ok,
    values,
)

DATASET_DIR = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "phi"
PATH = DATASET_DIR / "handwritten_dev2.jsonl"
LANGUAGES = ("it", "fr", "en", "es")
PER_LANGUAGE = 30
ENTITY_TYPES = frozenset(
    """PERSON PHONE_NUMBER EMAIL_ADDRESS IT_FISCAL_CODE IT_HEALTH_CARD FR_NIR ES_DNI_NIE US_SSN
    IBAN_CODE CREDIT_CARD DATE_OF_BIRTH STREET_ADDRESS MEDICAL_RECORD_NUMBER
    INSURANCE_POLICY""".split()
)

Record = dict[str, Any]


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return [json.loads(line) for line in PATH.read_text(encoding="utf-8").splitlines()]


def nhs_number_ok(value: str) -> bool:
    """NHS number: 10 digits, the last one a mod-11 check digit over the first nine."""
    digits = re.sub(r"\D", "", value)
    if len(digits) != 10:
        return False
    remainder = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9])) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return check != 10 and check == int(digits[9])


CHECKED: dict[str, Callable[[str], bool]] = {
    "IT_FISCAL_CODE": fiscal_code_ok,
    "IT_HEALTH_CARD": health_card_ok,
    "FR_NIR": nir_ok,
    "ES_DNI_NIE": dni_nie_ok,
    "IBAN_CODE": iban_ok,
    "CREDIT_CARD": card_ok,
}


def test_check_digit_helpers_reject_a_changed_digit() -> None:
    assert nhs_number_ok("943 476 5919")
    assert not nhs_number_ok("943 476 5918")
    assert card_ok("4111 1111 1111 1111")
    assert not card_ok("4111 1111 1111 1112")
    assert not iban_ok("GB82 WEST 1234 5698 7654 33")


def test_sizes_ids_and_negatives(records: list[Record]) -> None:
    by_language = Counter(r["language"] for r in records)
    assert by_language == dict.fromkeys(LANGUAGES, PER_LANGUAGE)
    check_ids_templates_and_negatives(records, 2, "")


def test_spans_are_exact_sorted_and_typed(records: list[Record]) -> None:
    check_spans_exact_sorted_and_typed(records, ENTITY_TYPES)


@pytest.mark.parametrize("kind", sorted(CHECKED))
def test_check_digits_are_valid(records: list[Record], kind: str) -> None:
    found = values(records, kind)
    assert found, f"no {kind} in the set"
    assert all(CHECKED[kind](value) for value in found), found


def test_nhs_numbers_have_their_check_digit(records: list[Record]) -> None:
    nhs = [
        r["text"][s["start"] : s["end"]]
        for r in records
        for s in r["spans"]
        if s["type"] == "MEDICAL_RECORD_NUMBER" and "NHS" in r["text"][: s["start"]]
    ]
    assert len(nhs) >= 2
    assert all(nhs_number_ok(value) for value in nhs), nhs


def test_no_value_shared_with_the_other_handwritten_dev_set(records: list[Record]) -> None:
    other = DATASET_DIR / "handwritten_dev.jsonl"
    check_no_identifier_shared(records, [other])


def test_every_language_has_the_hard_shapes(records: list[Record]) -> None:
    for language in LANGUAGES:
        spans = Counter(s["type"] for r in records if r["language"] == language for s in r["spans"])
        for kind in ("PERSON", "DATE_OF_BIRTH", "STREET_ADDRESS", "INSURANCE_POLICY"):
            assert spans[kind] >= 2, (language, kind)
        assert spans["MEDICAL_RECORD_NUMBER"] >= 1, language

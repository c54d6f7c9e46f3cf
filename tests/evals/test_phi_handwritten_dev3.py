"""The third hand-written PHI development set: exact spans, valid identifiers, sizes."""

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
PATH = DATASET_DIR / "handwritten_dev3.jsonl"
EARLIER_SETS = ("handwritten_dev.jsonl", "handwritten_dev2.jsonl")
LANGUAGES = ("it", "fr", "en", "es")
PER_LANGUAGE = 25
ENTITY_TYPES = frozenset(
    """PERSON PHONE_NUMBER EMAIL_ADDRESS IT_FISCAL_CODE IT_HEALTH_CARD FR_NIR ES_DNI_NIE US_SSN
    IBAN_CODE CREDIT_CARD DATE_OF_BIRTH STREET_ADDRESS MEDICAL_RECORD_NUMBER
    INSURANCE_POLICY""".split()
)

Record = dict[str, Any]


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return [json.loads(line) for line in PATH.read_text(encoding="utf-8").splitlines()]


def ssn_ok(value: str) -> bool:
    match = re.fullmatch(r"(\d{3})[- ]?(\d{2})[- ]?(\d{4})", value)
    if match is None:
        return False
    area, group, serial = match.groups()
    return area not in {"000", "666"} and area < "900" and group != "00" and serial != "0000"


def mod11_ok(value: str) -> bool:
    """NHS and Scottish CHI numbers: 10 digits, the last a mod-11 check over the first nine."""
    digits = re.sub(r"\D", "", value)
    if len(digits) != 10:
        return False
    remainder = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9])) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return check != 10 and check == int(digits[9])


def au_medicare_ok(value: str) -> bool:
    """Australian Medicare card: 8 digits (first 2-6), a weighted check digit, an issue digit."""
    digits = re.sub(r"\D", "", value)
    if len(digits) != 10 or digits[0] not in "23456":
        return False
    weights = (1, 3, 7, 9, 1, 3, 7, 9)
    return sum(int(d) * w for d, w in zip(digits[:8], weights, strict=True)) % 10 == int(digits[8])


CHECKED: dict[str, Callable[[str], bool]] = {
    "IT_FISCAL_CODE": fiscal_code_ok,
    "IT_HEALTH_CARD": health_card_ok,
    "FR_NIR": nir_ok,
    "ES_DNI_NIE": dni_nie_ok,
    "IBAN_CODE": iban_ok,
    "CREDIT_CARD": card_ok,
    "US_SSN": ssn_ok,
}


def test_check_digit_helpers_reject_a_changed_digit() -> None:
    assert mod11_ok("943 476 5919")
    assert not mod11_ok("943 476 5918")
    assert au_medicare_ok("2123 45670 1")
    assert not au_medicare_ok("2123 45671 1")
    assert not ssn_ok("666-12-3456")
    assert not card_ok("4111 1111 1111 1112")


def test_sizes_ids_and_negatives(records: list[Record]) -> None:
    by_language = Counter(r["language"] for r in records)
    assert by_language == dict.fromkeys(LANGUAGES, PER_LANGUAGE)
    check_ids_templates_and_negatives(records, 3, "d3-")


def test_spans_are_exact_sorted_and_typed(records: list[Record]) -> None:
    check_spans_exact_sorted_and_typed(records, ENTITY_TYPES)


@pytest.mark.parametrize("kind", sorted(CHECKED))
def test_check_digits_are_valid(records: list[Record], kind: str) -> None:
    found = values(records, kind)
    assert found, f"no {kind} in the set"
    assert all(CHECKED[kind](value) for value in found), found


def test_chi_and_medicare_numbers_have_their_check_digit(records: list[Record]) -> None:
    by_phrase = {
        phrase: [
            r["text"][s["start"] : s["end"]]
            for r in records
            for s in r["spans"]
            if phrase in r["text"][max(0, s["start"] - 25) : s["start"]]
        ]
        for phrase in ("CHI number", "Medicare card")
    }
    assert by_phrase["CHI number"] and all(map(mod11_ok, by_phrase["CHI number"]))
    assert by_phrase["Medicare card"] and all(map(au_medicare_ok, by_phrase["Medicare card"]))


def test_no_value_shared_with_the_earlier_handwritten_dev_sets(records: list[Record]) -> None:
    check_no_identifier_shared(records, [DATASET_DIR / n for n in EARLIER_SETS])


def test_every_language_has_the_hard_shapes(records: list[Record]) -> None:
    for language in LANGUAGES:
        spans = Counter(s["type"] for r in records if r["language"] == language for s in r["spans"])
        for kind in ("PERSON", "DATE_OF_BIRTH", "STREET_ADDRESS", "INSURANCE_POLICY"):
            assert spans[kind] >= 2, (language, kind)
        assert spans["MEDICAL_RECORD_NUMBER"] >= 2, language

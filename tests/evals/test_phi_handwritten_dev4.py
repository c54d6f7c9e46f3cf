"""The fourth hand-written PHI development set: exact spans, sizes, Italian and Spanish weight."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.evals.handwritten_checks import (
    check_ids_templates_and_negatives,
    check_no_identifier_shared,
    check_spans_exact_sorted_and_typed,
)

DATASET_DIR = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "phi"
PATH = DATASET_DIR / "handwritten_dev4.jsonl"
EARLIER_SETS = ("handwritten_dev.jsonl", "handwritten_dev2.jsonl", "handwritten_dev3.jsonl")
SIZES = {"it": 39, "es": 37, "fr": 14, "en": 14}
ENTITY_TYPES = frozenset({"PERSON", "STREET_ADDRESS", "PHONE_NUMBER", "DATE_OF_BIRTH"})

Record = dict[str, Any]


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return [json.loads(line) for line in PATH.read_text(encoding="utf-8").splitlines()]


def test_sizes_ids_and_negatives(records: list[Record]) -> None:
    assert Counter(r["language"] for r in records) == SIZES
    check_ids_templates_and_negatives(records, 4, "d4-")


def test_spans_are_exact_sorted_and_typed(records: list[Record]) -> None:
    check_spans_exact_sorted_and_typed(records, ENTITY_TYPES)


def test_italian_and_spanish_names_and_addresses_dominate(records: list[Record]) -> None:
    spans = Counter((r["language"], s["type"]) for r in records for s in r["spans"])
    for language in ("it", "es"):
        assert spans[language, "PERSON"] >= 25, language
        assert spans[language, "STREET_ADDRESS"] >= 8, language
    for language in ("fr", "en"):
        assert spans[language, "PERSON"] >= 5, language
        assert spans[language, "STREET_ADDRESS"] >= 2, language


def test_hard_negatives_name_the_clinics_own_places_and_staff(records: list[Record]) -> None:
    negatives = " ".join(r["text"].casefold() for r in records if r["negative"])
    for clinic_word in ("via dei mille 24", "avenida del puerto 148", "dott.ssa", "dra."):
        assert clinic_word in negatives


def test_no_value_shared_with_the_earlier_handwritten_dev_sets(records: list[Record]) -> None:
    check_no_identifier_shared(records, [DATASET_DIR / n for n in EARLIER_SETS])

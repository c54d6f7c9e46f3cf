"""The fifteenth hand-written PHI development set: names that nothing announces, Spanish first."""

from __future__ import annotations

import json
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

NAME = "handwritten_dev15.jsonl"
EARLIER_SETS = tuple(
    f"handwritten_dev{n}.jsonl"
    for n in ("", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13")
)
SIZES = {"es": 60, "it": 30, "fr": 15, "en": 15}
NEGATIVES = {"es": 12, "it": 6, "fr": 3, "en": 3}
SPANS = {
    "PERSON": 118,
    "PHONE_NUMBER": 11,
    "DATE_OF_BIRTH": 6,
    "STREET_ADDRESS": 6,
    "EMAIL_ADDRESS": 4,
    "ES_DNI_NIE": 4,
    "INSURANCE_POLICY": 4,
    "IBAN_CODE": 3,
    "CREDIT_CARD": 3,
    "MEDICAL_RECORD_NUMBER": 3,
    "IT_FISCAL_CODE": 2,
    "FR_NIR": 2,
    "IT_HEALTH_CARD": 1,
    "US_SSN": 1,
}
NICKNAMES = frozenset(
    {"juanma", "chelo", "toñi", "chema", "tati", "manu", "chari", "lupe", "montse", "beppe"}
    | {"mimmo", "totò", "teo", "ninetta", "pina", "bernie", "val"}
)
WORD_NAMES = frozenset(
    {"rosario", "angustias", "milagros", "piedad", "luz", "paz", "socorro", "caridad", "reyes"}
    | {"blanca", "sol", "victoria", "nieves", "assunta", "allegra", "stella", "celeste", "joy"}
)
"""First names that are also words: in the positives they name someone."""
WORDS_IN_NEGATIVES = re.compile(
    r"\b(?:paz|esperanza|rosario|luz|soledad|consuelo|victoria|blanca|sol|rosa|serena|speranza"
    r"|espoir|paix|hope)\b",
    re.IGNORECASE,
)
STAFF_TITLE = re.compile(r"\b(?:dott\.ssa|dra\.|doctor|dr|pr)\s+[A-Z]", re.IGNORECASE)
CLINIC_NUMBER = re.compile(r"\b\d{3,4}(?: \d{2}){3}\b")
"""A phone number in groups: in the hard negatives, the clinic's own."""
UNANNOUNCED = re.compile(
    r"(?:\ba|\bà|\bcon|\bcon me|\bde|\bdi|\bla|\bil|\bva|\bpero|\bsi|\btambién viene|\banche"
    r"|\bpassa|\bwith|\bfor|\band|\bis|\btext|\bavec|\bc'est|\bviene|\baccompagno io)\s$",
    re.IGNORECASE,
)
"""Ordinary words a name follows when nothing announces it ("se lo dejo a", "va", "la")."""
SPANISH_ADDRESS_PARTS = ("c/ ", "avda. ", "pza. ", "bajo", "3º izda", "portal 2")


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records(NAME)


def test_sizes_ids_and_negatives(records: list[Record]) -> None:
    assert Counter(r["language"] for r in records) == SIZES
    assert Counter(r["language"] for r in records if r["negative"]) == NEGATIVES
    check_ids_templates_and_negatives(records, 15, "d15-")


def test_spans_are_exact_sorted_and_typed(records: list[Record]) -> None:
    check_spans_exact_sorted_and_typed(records, ENTITY_TYPES)


def test_span_counts_and_names_share(records: list[Record]) -> None:
    spans = Counter(s["type"] for r in records for s in r["spans"])
    assert spans == SPANS
    assert set(spans) == ENTITY_TYPES
    assert 0.65 <= spans["PERSON"] / sum(spans.values()) <= 0.75


def test_names_sit_where_nothing_announces_them(records: list[Record]) -> None:
    """Lower case, after ordinary words, nicknames, first names that are words."""
    names = values(records, "PERSON")
    assert sum(name == name.lower() for name in names) >= 0.9 * len(names)
    unannounced = [
        r["text"][s["start"] : s["end"]]
        for r in records
        for s in r["spans"]
        if s["type"] == "PERSON" and UNANNOUNCED.search(r["text"][: s["start"]])
    ]
    assert len(unannounced) >= 40
    lowered = {name.lower() for name in names}
    assert lowered >= NICKNAMES
    assert {name.split()[0] for name in lowered} >= WORD_NAMES
    assert sum(len(name.split()) >= 3 for name in names) >= 6


def test_spanish_addresses_use_the_usual_abbreviations(records: list[Record]) -> None:
    spanish = " ".join(
        r["text"][s["start"] : s["end"]]
        for r in records
        for s in r["spans"]
        if s["type"] == "STREET_ADDRESS" and r["language"] == "es"
    )
    for part in SPANISH_ADDRESS_PARTS:
        assert part in spanish, part


def test_hard_negatives_hold_the_words_as_words(records: list[Record]) -> None:
    negatives = [r["text"] for r in records if r["negative"]]
    assert sum(WORDS_IN_NEGATIVES.search(t) is not None for t in negatives) >= 10
    assert sum(STAFF_TITLE.search(t) is not None for t in negatives) >= 6
    assert sum(CLINIC_NUMBER.search(t) is not None for t in negatives) >= 2


@pytest.mark.parametrize("kind", sorted(CHECK_DIGITS))
def test_numbers_have_valid_check_digits(records: list[Record], kind: str) -> None:
    found = values(records, kind)
    assert found
    for value in found:
        assert CHECK_DIGITS[kind](value), value


def test_spanish_social_security_number_has_its_key(records: list[Record]) -> None:
    """A NUSS: province (2), number (8), key = the first ten digits mod 97."""
    numbers = [
        re.sub(r"\D", "", value)
        for r in records
        if "seguridad social" in r["text"]
        for value in values([r], "INSURANCE_POLICY")
    ]
    assert len(numbers) == 1
    for digits in numbers:
        assert len(digits) == 12 and int(digits[:10]) % 97 == int(digits[10:]), digits


def test_no_value_shared_with_the_earlier_handwritten_dev_sets(records: list[Record]) -> None:
    check_no_identifier_shared(records, [DATASET_DIR / n for n in EARLIER_SETS])


def test_no_name_repeats_one_of_the_earlier_handwritten_dev_sets(records: list[Record]) -> None:
    """Names are compared whole and without case: a first name may recur inside a full name."""
    earlier = {
        r["text"][s["start"] : s["end"]].lower()
        for n in EARLIER_SETS
        for line in (DATASET_DIR / n).read_text("utf-8").splitlines()
        for r in [json.loads(line)]
        for s in r["spans"]
        if s["type"] == "PERSON"
    }
    assert not {name.lower() for name in values(records, "PERSON")} & earlier

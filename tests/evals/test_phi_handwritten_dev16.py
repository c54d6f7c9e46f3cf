"""The sixteenth hand-written PHI development set: street addresses as patients type them."""

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

NAME = "handwritten_dev16.jsonl"
EARLIER_SETS = tuple(
    f"handwritten_dev{n}.jsonl"
    for n in ("", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13")
)
SIZES = {"it": 30, "es": 30, "fr": 10, "en": 10}
SPANS = {
    "STREET_ADDRESS": 65,
    "PERSON": 24,
    "PHONE_NUMBER": 5,
    "DATE_OF_BIRTH": 4,
    "ES_DNI_NIE": 2,
    "IT_FISCAL_CODE": 1,
}
ABBREVIATIONS = {
    "v.": r"\bv\. ",
    "v.le": r"\bv\.le\b",
    "p.zza": r"\bp\.zza\b",
    "c.so": r"\bc\.so\b",
    "c.da": r"\bc\.da\b",
    "loc.": r"\bloc\. ",
    "fraz.": r"\bfraz\. ",
    "int.": r"\bint\. ",
    "sc.": r"\bsc\. ",
    "c/": r"(?<!\w)c/ ",
    "avda.": r"\bavda\. ",
    "pza.": r"\bpza\. ",
    "pº": r"\bpº ",
    "bº": r"\bbº ",
    "ctra.": r"\bctra\. ",
    "urb.": r"\burb\. ",
    "nº": r"\bnº ",
    "s/n": r"\bs/n\b",
    "entlo.": r"\bentlo\. ",
    "esc.": r"\besc\. ",
    "pta.": r"\bpta\. ",
    "bd": r"\bbd ",
    "av.": r"\bav\. ",
    "bât.": r"\bbât\. ",
    "rte": r"\brte ",
}
"""Abbreviated street, floor and door words, each in at least one address."""
FORM_LABEL = re.compile(r"(?:Indirizzo|Domicilio|Dirección|Adresse|Address)\s?:\s*$")
UK_POSTCODE = re.compile(r"\b[A-Za-z]{1,2}\d[A-Za-z\d]?\s\d[A-Za-z]{2}$")
US_ZIP = re.compile(r"\b[A-Za-z]{2} \d{5}$")
PROVINCE = re.compile(r"\((?:[A-Z]{2}|[a-z]+)\)$")
STREET_WORD = re.compile(
    r"\b(?:via|viale|piazza|calle|avenida|plaza|rue|avenue|street)\b(?! \w+(?: \w+)? \d)",
    re.IGNORECASE,
)
CLINIC_SITES = ("via delle magnolie 15", "avenida del puerto 148", "calle de sueca 37")


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records(NAME)


def test_sizes_ids_and_negatives(records: list[Record]) -> None:
    assert Counter(r["language"] for r in records) == SIZES
    check_ids_templates_and_negatives(records, 16, "d16-")


def test_spans_are_exact_sorted_and_typed(records: list[Record]) -> None:
    check_spans_exact_sorted_and_typed(records, ENTITY_TYPES)


def test_span_counts_and_addresses_share(records: list[Record]) -> None:
    spans = Counter(s["type"] for r in records for s in r["spans"])
    assert spans == SPANS
    assert 0.60 <= spans["STREET_ADDRESS"] / sum(spans.values()) <= 0.75
    for language in SIZES:
        positives = [r for r in records if r["language"] == language and not r["negative"]]
        assert all(any(s["type"] == "STREET_ADDRESS" for s in r["spans"]) for r in positives)


def test_addresses_use_the_abbreviations(records: list[Record]) -> None:
    addresses = values(records, "STREET_ADDRESS")
    for abbreviation, pattern in ABBREVIATIONS.items():
        assert any(re.search(pattern, a, re.IGNORECASE) for a in addresses), abbreviation


def test_addresses_take_the_shapes_the_set_is_about(records: list[Record]) -> None:
    """Broken over lines, pasted after a form label, with a province, UK postcode or ZIP."""
    addresses = values(records, "STREET_ADDRESS")
    assert sum("\n" in a for a in addresses) >= 5
    assert sum(a == a.lower() for a in addresses) >= 30
    assert sum(PROVINCE.search(a) is not None for a in addresses) >= 6
    assert sum(UK_POSTCODE.search(a) is not None for a in addresses) >= 4
    assert sum(US_ZIP.search(a) is not None for a in addresses) >= 2
    assert sum(not re.search(r"\d{4,5}", a) for a in addresses) >= 15  # no postcode
    after_label = {
        r["language"]
        for r in records
        for s in r["spans"]
        if s["type"] == "STREET_ADDRESS" and FORM_LABEL.search(r["text"][: s["start"]])
    }
    assert after_label == set(SIZES)


def test_hard_negatives_hold_streets_without_a_number_and_clinic_sites(
    records: list[Record],
) -> None:
    negatives = [r["text"] for r in records if r["negative"]]
    assert sum(STREET_WORD.search(t) is not None for t in negatives) >= 6
    assert sum(any(site in t.lower() for site in CLINIC_SITES) for t in negatives) >= 2


@pytest.mark.parametrize("kind", ["ES_DNI_NIE", "IT_FISCAL_CODE"])
def test_numbers_have_valid_check_digits(records: list[Record], kind: str) -> None:
    found = values(records, kind)
    assert found
    for value in found:
        assert CHECK_DIGITS[kind](value), value


def test_no_value_shared_with_the_earlier_handwritten_dev_sets(records: list[Record]) -> None:
    check_no_identifier_shared(records, [DATASET_DIR / n for n in EARLIER_SETS])

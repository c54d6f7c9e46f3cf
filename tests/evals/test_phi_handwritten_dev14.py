"""The fourteenth hand-written PHI development set: names that nothing announces."""

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

NAME = "handwritten_dev14.jsonl"
EARLIER_SETS = tuple(
    f"handwritten_dev{n}.jsonl"
    for n in ("", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13")
)
SIZES = {"it": 60, "es": 30, "fr": 15, "en": 15}
NEGATIVES = {"it": 11, "es": 6, "fr": 3, "en": 3}
SPANS = {
    "PERSON": 111,
    "PHONE_NUMBER": 7,
    "DATE_OF_BIRTH": 6,
    "STREET_ADDRESS": 5,
    "EMAIL_ADDRESS": 4,
    "INSURANCE_POLICY": 4,
    "MEDICAL_RECORD_NUMBER": 4,
    "IT_FISCAL_CODE": 2,
    "IBAN_CODE": 2,
    "ES_DNI_NIE": 2,
    "IT_HEALTH_CARD": 1,
    "CREDIT_CARD": 1,
    "FR_NIR": 1,
    "US_SSN": 1,
}
WORDS_THAT_ARE_NAMES = frozenset(
    "rosa serena gioia vittoria fortunata sole angela pace consolata bonaria"
    " mercedes dolores rocío amparo pilar patience precious ruby".split()
)
"""First names that are also words: as names in positives, as words in hard negatives."""
CUES = ("anche ", "pure ", "tramite ", "insieme a ", "al posto di ", "también ", "aussi pour ")
"""Words after which a name follows with nothing announcing it."""
BARE_RELATIVE = re.compile(
    r"(?:\b(?:la|il) (?:suocera|nipote|abuela|voisine)|\b(?:nonna|zia|tzia|mamie)) $",
    re.IGNORECASE,
)
"""A relative named without an owner word ("la suocera …", "nonna …")."""
STAFF_TITLE = re.compile(r"\b(?:dott\.(?:ssa)?|dra?\.|dr)\s", re.IGNORECASE)
NAMED_STREET = re.compile(r"\b(?:via|corso|calle|plaza del|rue|Road)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records(NAME)


def test_sizes_ids_and_negatives(records: list[Record]) -> None:
    assert Counter(r["language"] for r in records) == SIZES
    assert Counter(r["language"] for r in records if r["negative"]) == NEGATIVES
    check_ids_templates_and_negatives(records, 14, "d14-")


def test_spans_are_exact_sorted_and_typed(records: list[Record]) -> None:
    check_spans_exact_sorted_and_typed(records, ENTITY_TYPES)
    assert Counter(s["type"] for r in records for s in r["spans"]) == SPANS


def test_names_are_about_three_quarters_of_the_spans(records: list[Record]) -> None:
    spans = Counter(s["type"] for r in records for s in r["spans"])
    assert 0.70 <= spans["PERSON"] / sum(spans.values()) <= 0.80
    assert set(spans) == ENTITY_TYPES


def test_names_sit_where_nothing_announces_them(records: list[Record]) -> None:
    """Lower case, after plain words, after a bare relative, the same name twice."""
    names = values(records, "PERSON")
    assert sum(name == name.lower() for name in names) / len(names) >= 0.7
    before = [r["text"][: s["start"]] for r in records for s in r["spans"] if s["type"] == "PERSON"]
    for cue in CUES:
        assert any(text.endswith(cue) for text in before), cue
    assert sum(BARE_RELATIVE.search(text) is not None for text in before) >= 6
    assert sum(text == "" or text.endswith("\n") for text in before) >= 4
    repeated = 0
    for record in records:
        found = [
            record["text"][s["start"] : s["end"]].lower()
            for s in record["spans"]
            if s["type"] == "PERSON"
        ]
        repeated += any(b in a for i, a in enumerate(found) for b in found[i + 1 :])
    assert repeated >= 3


def test_words_that_are_names(records: list[Record]) -> None:
    """The same words are names in positive messages and plain words in hard negatives."""
    as_names = {name.lower() for name in values(records, "PERSON")} & WORDS_THAT_ARE_NAMES
    assert len(as_names) >= 15
    words = {
        word for r in records if r["negative"] for word in re.findall(r"\w+", r["text"].lower())
    }
    assert len(words & as_names) >= 10


def test_hard_negatives_hold_staff_and_streets_named_after_people(
    records: list[Record],
) -> None:
    negatives = [r["text"] for r in records if r["negative"]]
    assert sum(STAFF_TITLE.search(t) is not None for t in negatives) >= 4
    streets = [t for t in negatives if NAMED_STREET.search(t)]
    assert len(streets) >= 4
    assert not any(re.search(r"\b(?:Garibaldi|Cervantes|Pasteur)\s*\d", t) for t in streets)


def test_addresses_have_a_house_number(records: list[Record]) -> None:
    """A street named after a person is an address only with its number."""
    addresses = values(records, "STREET_ADDRESS")
    assert all(re.search(r"\d", a) for a in addresses)
    assert any(a.startswith("calle Cervantes ") for a in addresses)


@pytest.mark.parametrize("kind", sorted(CHECK_DIGITS))
def test_numbers_have_valid_check_digits(records: list[Record], kind: str) -> None:
    found = values(records, kind)
    assert found
    for value in found:
        assert CHECK_DIGITS[kind](value), value


def test_no_value_shared_with_the_earlier_handwritten_dev_sets(records: list[Record]) -> None:
    check_no_identifier_shared(records, [DATASET_DIR / n for n in EARLIER_SETS])

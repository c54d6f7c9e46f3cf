"""The hand-written PHI development sets of rounds 2 to 53: the checks every set shares.

One row a set: its sizes, hard negatives, labels and span counts, the number types it must
hold. A set's own shapes (names, addresses, hard-negative contents) are checked in
``test_phi_handwritten_dev<round>.py``.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.evals.handwritten_checks import (
    CHECK_DIGITS,
    ENTITY_TYPES,
    Record,
    card_ok,
    check_ids_templates_and_negatives,
    check_no_identifier_shared,
    check_spans_exact_sorted_and_typed,
    earlier_sets,
    iban_ok,
    nhs_number_ok,
    read_records,
    set_name,
)

EVERY_NUMBER = frozenset(CHECK_DIGITS)


@dataclass(frozen=True)
class DevSet:
    """What one round's development set holds."""

    round: int
    tag: str
    """Templates are ``hw-<language>-<tag>…``."""
    sizes: Mapping[str, int]
    """Messages per language."""
    negatives: int | Mapping[str, int] | None = None
    """Hard negatives, in all or per language (always 15-25% of the messages)."""
    types: frozenset[str] = ENTITY_TYPES
    """The labels the set may use."""
    spans: Mapping[str, int] | None = None
    """Spans per label, exactly."""
    language_spans: Mapping[str, int] | None = None
    """Spans per language, exactly."""
    every_type: bool = False
    """Every label in ``types`` is used."""
    share: tuple[str, float, float] | None = None
    """A label and the least and most share of all spans it takes."""
    least: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    """Languages ("all" for the whole set) -> the least spans of a label in each."""
    numbers: frozenset[str] = frozenset()
    """Number types that must occur (every number with a rule is checked in every set)."""
    nhs_numbers: int = 0
    """The least NHS numbers (a record number after "NHS"), each with its check digit."""
    negative_words: tuple[str, ...] = ()
    """Text the hard negatives hold, lower case (the clinics' own places and staff)."""

    @property
    def name(self) -> str:
        return set_name(self.round)


HARD_SHAPES = {"PERSON": 2, "DATE_OF_BIRTH": 2, "STREET_ADDRESS": 2, "INSURANCE_POLICY": 2}
"""Rounds 2 and 3: the least spans of the harder labels in every language."""
CLINIC_SITES_AND_STAFF = ("via dei mille 24", "avenida del puerto 148", "dott.ssa", "dra.")


ORDINARY_WEEK_SPANS: Mapping[str, int] = {
    "PERSON": 115,
    "PHONE_NUMBER": 37,
    "DATE_OF_BIRTH": 25,
    "EMAIL_ADDRESS": 16,
    "STREET_ADDRESS": 15,
    "INSURANCE_POLICY": 8,
    "MEDICAL_RECORD_NUMBER": 6,
    "IBAN_CODE": 5,
    "IT_FISCAL_CODE": 4,
    "CREDIT_CARD": 4,
    "FR_NIR": 4,
    "ES_DNI_NIE": 4,
    "US_SSN": 2,
    "IT_HEALTH_CARD": 1,
}
"""The spans an ordinary week's set (round 23 on) was written to hold; a set differs by a few."""


def ordinary_week(
    round_: int,
    language_spans: Mapping[str, int],
    negative_words: tuple[str, ...] = (),
    **spans: int,
) -> DevSet:
    """An ordinary week's set: 25 messages a language, 5 hard negatives each, every label."""
    return DevSet(
        round_,
        f"d{round_}-",
        sizes=dict.fromkeys(("it", "fr", "en", "es"), 25),
        negatives=dict.fromkeys(("it", "fr", "en", "es"), 5),
        spans={**ORDINARY_WEEK_SPANS, **spans},
        language_spans=language_spans,
        every_type=True,
        share=("PERSON", 0.40, 0.50),
        numbers=EVERY_NUMBER,
        nhs_numbers=1,
        negative_words=negative_words,
    )


SETS = (
    DevSet(
        2,
        "",
        sizes=dict.fromkeys(("it", "fr", "en", "es"), 30),
        least={"it fr en es": {**HARD_SHAPES, "MEDICAL_RECORD_NUMBER": 1}},
        numbers=EVERY_NUMBER - {"US_SSN"},
        nhs_numbers=2,
    ),
    DevSet(
        3,
        "d3-",
        sizes=dict.fromkeys(("it", "fr", "en", "es"), 25),
        least={"it fr en es": {**HARD_SHAPES, "MEDICAL_RECORD_NUMBER": 2}},
        numbers=EVERY_NUMBER,
    ),
    DevSet(
        4,
        "d4-",
        sizes={"it": 39, "es": 37, "fr": 14, "en": 14},
        types=frozenset({"PERSON", "STREET_ADDRESS", "PHONE_NUMBER", "DATE_OF_BIRTH"}),
        least={
            "it es": {"PERSON": 25, "STREET_ADDRESS": 8},
            "fr en": {"PERSON": 5, "STREET_ADDRESS": 2},
        },
        negative_words=CLINIC_SITES_AND_STAFF,
    ),
    DevSet(
        5,
        "d5-",
        sizes={"es": 45, "it": 35, "fr": 15, "en": 15},
        least={
            "es": {"PERSON": 25, "STREET_ADDRESS": 5},
            "it": {"PERSON": 15, "STREET_ADDRESS": 5},
            "fr en": {"PERSON": 5},
        },
        negative_words=CLINIC_SITES_AND_STAFF,
    ),
    DevSet(
        6,
        "d6-",
        sizes={"it": 40, "es": 41, "fr": 15, "en": 15},
        least={
            "it es": {"PERSON": 25, "STREET_ADDRESS": 6},
            "fr en": {"PERSON": 8, "STREET_ADDRESS": 2},
        },
        negative_words=("via dei mille 24", "calle de sueca 37", "dott.ssa", "dra.", "dr "),
    ),
    DevSet(
        7,
        "d7-",
        sizes={"it": 45, "es": 45, "fr": 15, "en": 15},
        least={"it es": {"PERSON": 35}, "fr en": {"PERSON": 10}},
        negative_words=(
            "via dei mille 24",
            "calle de sueca 37",
            "dott.ssa",
            "dra.",
            "natale",
            "reyes",
        ),
    ),
    DevSet(
        8,
        "d8-",
        sizes={"it": 40, "es": 40, "fr": 20, "en": 20},
        share=("PERSON", 0.75, 1.0),
    ),
    DevSet(
        9,
        "d9-",
        sizes={"it": 45, "es": 45, "fr": 15, "en": 15},
        share=("PERSON", 0.75, 1.0),
    ),
    DevSet(
        10,
        "d10-",
        sizes={"it": 45, "es": 40, "fr": 15, "en": 20},
        share=("PERSON", 0.75, 1.0),
        least={"all": {"STREET_ADDRESS": 10}},
    ),
    DevSet(
        11,
        "d11-",
        sizes={"it": 40, "es": 40, "fr": 10, "en": 10},
        share=("PERSON", 0.75, 1.0),
        least={"all": {"STREET_ADDRESS": 6}},
    ),
    DevSet(
        12,
        "d12-",
        sizes={"it": 45, "es": 45, "fr": 15, "en": 15},
        spans={
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
        },
        every_type=True,
        share=("PERSON", 0.70, 0.80),
        numbers=EVERY_NUMBER,
        nhs_numbers=1,
    ),
    DevSet(
        13,
        "d13-",
        sizes={"it": 35, "es": 35, "fr": 15, "en": 15},
        spans={
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
        },
        every_type=True,
        share=("PERSON", 0.65, 0.80),
        numbers=EVERY_NUMBER,
    ),
    DevSet(
        14,
        "d14-",
        sizes={"it": 60, "es": 30, "fr": 15, "en": 15},
        negatives={"it": 11, "es": 6, "fr": 3, "en": 3},
        spans={
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
        },
        every_type=True,
        share=("PERSON", 0.70, 0.80),
        numbers=EVERY_NUMBER,
    ),
    DevSet(
        15,
        "d15-",
        sizes={"es": 60, "it": 30, "fr": 15, "en": 15},
        negatives={"es": 12, "it": 6, "fr": 3, "en": 3},
        spans={
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
        },
        every_type=True,
        share=("PERSON", 0.65, 0.75),
        numbers=EVERY_NUMBER,
    ),
    DevSet(
        16,
        "d16-",
        sizes={"it": 30, "es": 30, "fr": 10, "en": 10},
        spans={
            "STREET_ADDRESS": 65,
            "PERSON": 24,
            "PHONE_NUMBER": 5,
            "DATE_OF_BIRTH": 4,
            "ES_DNI_NIE": 2,
            "IT_FISCAL_CODE": 1,
        },
        share=("STREET_ADDRESS", 0.60, 0.75),
        numbers=frozenset({"ES_DNI_NIE", "IT_FISCAL_CODE"}),
    ),
    DevSet(
        17,
        "d17-",
        sizes={"it": 80},
        negatives=16,
        spans={
            "PERSON": 84,
            "PHONE_NUMBER": 6,
            "DATE_OF_BIRTH": 4,
            "EMAIL_ADDRESS": 4,
            "STREET_ADDRESS": 3,
            "IT_FISCAL_CODE": 2,
            "INSURANCE_POLICY": 2,
            "MEDICAL_RECORD_NUMBER": 2,
            "IT_HEALTH_CARD": 1,
        },
        share=("PERSON", 0.70, 0.85),
        numbers=frozenset({"IT_FISCAL_CODE", "IT_HEALTH_CARD"}),
    ),
    DevSet(
        18,
        "d18-",
        sizes={"it": 80},
        negatives=16,
        spans={
            "PERSON": 87,
            "PHONE_NUMBER": 6,
            "DATE_OF_BIRTH": 5,
            "EMAIL_ADDRESS": 4,
            "STREET_ADDRESS": 3,
            "IT_FISCAL_CODE": 2,
            "MEDICAL_RECORD_NUMBER": 2,
            "IT_HEALTH_CARD": 1,
            "INSURANCE_POLICY": 1,
        },
        share=("PERSON", 0.70, 0.85),
        numbers=frozenset({"IT_FISCAL_CODE", "IT_HEALTH_CARD"}),
    ),
    DevSet(
        19,
        "d19-",
        sizes={"es": 50, "fr": 25, "en": 25},
        negatives={"es": 10, "fr": 5, "en": 5},
        spans={
            "PERSON": 109,
            "PHONE_NUMBER": 13,
            "DATE_OF_BIRTH": 5,
            "STREET_ADDRESS": 4,
            "EMAIL_ADDRESS": 3,
            "ES_DNI_NIE": 2,
            "FR_NIR": 2,
            "INSURANCE_POLICY": 1,
            "MEDICAL_RECORD_NUMBER": 1,
            "US_SSN": 1,
        },
        language_spans={"es": 66, "fr": 37, "en": 38},
        share=("PERSON", 0.70, 0.85),
        numbers=frozenset({"ES_DNI_NIE", "FR_NIR", "US_SSN"}),
    ),
    DevSet(
        20,
        "d20-",
        sizes={"es": 40, "it": 30, "fr": 30},
        negatives={"es": 8, "it": 6, "fr": 6},
        spans={
            "PERSON": 133,
            "PHONE_NUMBER": 24,
            "STREET_ADDRESS": 14,
            "DATE_OF_BIRTH": 14,
            "INSURANCE_POLICY": 9,
            "EMAIL_ADDRESS": 9,
            "IBAN_CODE": 5,
            "ES_DNI_NIE": 4,
            "MEDICAL_RECORD_NUMBER": 4,
            "CREDIT_CARD": 4,
            "IT_FISCAL_CODE": 4,
            "IT_HEALTH_CARD": 2,
            "FR_NIR": 2,
        },
        language_spans={"es": 97, "it": 64, "fr": 67},
        share=("PERSON", 0.55, 0.70),
        numbers=EVERY_NUMBER - {"US_SSN"},
    ),
    DevSet(
        21,
        "d21-",
        sizes={"it": 25, "fr": 25, "en": 25, "es": 25},
        negatives={"it": 5, "fr": 5, "en": 5, "es": 5},
        spans={
            "PERSON": 135,
            "PHONE_NUMBER": 31,
            "DATE_OF_BIRTH": 15,
            "STREET_ADDRESS": 12,
            "EMAIL_ADDRESS": 11,
            "INSURANCE_POLICY": 7,
            "MEDICAL_RECORD_NUMBER": 7,
            "IBAN_CODE": 4,
            "CREDIT_CARD": 4,
            "FR_NIR": 4,
            "ES_DNI_NIE": 4,
            "IT_FISCAL_CODE": 2,
            "US_SSN": 2,
            "IT_HEALTH_CARD": 1,
        },
        language_spans={"it": 58, "fr": 57, "en": 63, "es": 61},
        every_type=True,
        share=("PERSON", 0.55, 0.65),
        numbers=EVERY_NUMBER,
    ),
    DevSet(
        22,
        "d22-",
        sizes={"it": 25, "fr": 25, "en": 25, "es": 25},
        negatives={"it": 5, "fr": 5, "en": 5, "es": 5},
        spans={
            "PERSON": 125,
            "PHONE_NUMBER": 51,
            "DATE_OF_BIRTH": 41,
            "EMAIL_ADDRESS": 22,
            "STREET_ADDRESS": 22,
            "INSURANCE_POLICY": 14,
            "IBAN_CODE": 8,
            "CREDIT_CARD": 7,
            "MEDICAL_RECORD_NUMBER": 6,
            "IT_FISCAL_CODE": 5,
            "FR_NIR": 5,
            "ES_DNI_NIE": 4,
            "US_SSN": 2,
            "IT_HEALTH_CARD": 1,
        },
        language_spans={"it": 81, "fr": 74, "en": 81, "es": 77},
        every_type=True,
        share=("PERSON", 0.35, 0.45),
        numbers=EVERY_NUMBER,
        nhs_numbers=2,
    ),
    ordinary_week(23, {"it": 65, "fr": 62, "en": 60, "es": 58}, PERSON=115, EMAIL_ADDRESS=15),
    ordinary_week(24, {"it": 64, "fr": 61, "en": 64, "es": 58}, PERSON=116),
    ordinary_week(25, {"it": 65, "fr": 62, "en": 61, "es": 59}, DATE_OF_BIRTH=26),
    ordinary_week(
        26,
        {"it": 63, "fr": 61, "en": 62, "es": 64},
        CLINIC_SITES_AND_STAFF,
        PERSON=118,
        DATE_OF_BIRTH=26,
    ),
    ordinary_week(27, {"it": 61, "fr": 62, "en": 62, "es": 60}, CLINIC_SITES_AND_STAFF, PERSON=114),
    ordinary_week(28, {"it": 61, "fr": 62, "en": 61, "es": 62}, CLINIC_SITES_AND_STAFF),
    ordinary_week(29, {"it": 63, "fr": 61, "en": 60, "es": 61}, CLINIC_SITES_AND_STAFF, PERSON=114),
    ordinary_week(30, {"it": 62, "fr": 62, "en": 62, "es": 60}, CLINIC_SITES_AND_STAFF),
    ordinary_week(31, {"it": 64, "fr": 61, "en": 61, "es": 60}, CLINIC_SITES_AND_STAFF),
    ordinary_week(32, {"it": 61, "fr": 63, "en": 61, "es": 61}, CLINIC_SITES_AND_STAFF),
    ordinary_week(33, {"it": 63, "fr": 62, "en": 61, "es": 60}, CLINIC_SITES_AND_STAFF),
    ordinary_week(34, {"it": 63, "fr": 62, "en": 61, "es": 60}, CLINIC_SITES_AND_STAFF),
    ordinary_week(35, {"it": 63, "fr": 62, "en": 61, "es": 60}, CLINIC_SITES_AND_STAFF),
    ordinary_week(36, {"it": 63, "fr": 61, "en": 61, "es": 61}, CLINIC_SITES_AND_STAFF),
    ordinary_week(37, {"it": 63, "fr": 62, "en": 61, "es": 60}, CLINIC_SITES_AND_STAFF),
    ordinary_week(38, {"it": 63, "fr": 62, "en": 60, "es": 61}, CLINIC_SITES_AND_STAFF),
    ordinary_week(39, {"it": 63, "fr": 62, "en": 61, "es": 60}, CLINIC_SITES_AND_STAFF),
    ordinary_week(40, {"it": 63, "fr": 62, "en": 61, "es": 60}, CLINIC_SITES_AND_STAFF),
    ordinary_week(41, {"it": 63, "fr": 62, "en": 61, "es": 60}, CLINIC_SITES_AND_STAFF),
    ordinary_week(42, {"it": 63, "fr": 62, "en": 61, "es": 60}, CLINIC_SITES_AND_STAFF),
    ordinary_week(43, {"it": 63, "fr": 62, "en": 60, "es": 61}, CLINIC_SITES_AND_STAFF),
    ordinary_week(44, {"it": 63, "fr": 61, "en": 61, "es": 61}, CLINIC_SITES_AND_STAFF),
    ordinary_week(45, {"it": 63, "fr": 62, "en": 61, "es": 60}, CLINIC_SITES_AND_STAFF),
    ordinary_week(46, {"it": 65, "fr": 61, "en": 60, "es": 60}, CLINIC_SITES_AND_STAFF),
    ordinary_week(47, {"it": 63, "fr": 61, "en": 61, "es": 61}, CLINIC_SITES_AND_STAFF),
    ordinary_week(48, {"it": 63, "fr": 62, "en": 61, "es": 60}, CLINIC_SITES_AND_STAFF),
    ordinary_week(49, {"it": 63, "fr": 64, "en": 60, "es": 59}, CLINIC_SITES_AND_STAFF),
    ordinary_week(50, {"it": 63, "fr": 62, "en": 61, "es": 60}, CLINIC_SITES_AND_STAFF),
    ordinary_week(51, {"it": 63, "fr": 62, "en": 61, "es": 60}, CLINIC_SITES_AND_STAFF),
    ordinary_week(52, {"it": 63, "fr": 62, "en": 61, "es": 60}, CLINIC_SITES_AND_STAFF),
    ordinary_week(53, {"it": 65, "fr": 61, "en": 60, "es": 60}, CLINIC_SITES_AND_STAFF),
)


@functools.cache
def load(name: str) -> list[Record]:
    """A set's records, read once for every test here."""
    return read_records(name)


def each(sets: Iterable[DevSet] = SETS) -> list[Any]:
    return [pytest.param(dev_set, id=f"dev{dev_set.round}") for dev_set in sets]


def test_the_table_holds_every_round_in_order() -> None:
    """The earlier sets of a round are every round before it, so none may be left out."""
    assert [dev_set.round for dev_set in SETS] == list(range(2, 2 + len(SETS)))
    assert [path.name for path in earlier_sets(3)] == [set_name(1), set_name(2)]
    for dev_set in SETS:
        assert dev_set.types <= ENTITY_TYPES
        assert dev_set.numbers <= dev_set.types


def test_check_digit_helpers_reject_a_changed_digit() -> None:
    assert nhs_number_ok("943 476 5919")
    assert not nhs_number_ok("943 476 5918")
    assert card_ok("4111 1111 1111 1111")
    assert not card_ok("4111 1111 1111 1112")
    assert not iban_ok("GB82 WEST 1234 5698 7654 33")


@pytest.mark.parametrize("dev_set", each())
def test_sizes_ids_and_negatives(dev_set: DevSet) -> None:
    records = load(dev_set.name)
    assert Counter(r["language"] for r in records) == dev_set.sizes
    negatives = Counter(r["language"] for r in records if r["negative"])
    if isinstance(dev_set.negatives, int):
        assert negatives.total() == dev_set.negatives
    elif dev_set.negatives is not None:
        assert negatives == dev_set.negatives
    check_ids_templates_and_negatives(records, dev_set.round, dev_set.tag)


@pytest.mark.parametrize("dev_set", each())
def test_spans_are_exact_sorted_and_typed(dev_set: DevSet) -> None:
    check_spans_exact_sorted_and_typed(load(dev_set.name), dev_set.types)


@pytest.mark.parametrize("dev_set", each())
def test_span_counts(dev_set: DevSet) -> None:
    """Exact counts (per label, per language), a label's share, the least spans per language."""
    records = load(dev_set.name)
    spans = Counter(s["type"] for r in records for s in r["spans"])
    if dev_set.spans is not None:
        assert spans == dev_set.spans
    if dev_set.language_spans is not None:
        by_language = Counter(r["language"] for r in records for _ in r["spans"])
        assert by_language == dev_set.language_spans
    if dev_set.every_type:
        assert set(spans) == dev_set.types
    if dev_set.share is not None:
        kind, low, high = dev_set.share
        assert low <= spans[kind] / spans.total() <= high
    for languages, least in dev_set.least.items():
        for language in languages.split():
            found = Counter(
                s["type"] for r in records if language in ("all", r["language"]) for s in r["spans"]
            )
            for kind, count in least.items():
                assert found[kind] >= count, (language, kind)


@pytest.mark.parametrize(
    ("dev_set", "kind"),
    [
        pytest.param(dev_set, kind, id=f"dev{dev_set.round}-{kind}")
        for dev_set in SETS
        for kind in sorted(CHECK_DIGITS)
    ],
)
def test_numbers_have_valid_check_digits(dev_set: DevSet, kind: str) -> None:
    found = [
        (r["id"], r["text"][s["start"] : s["end"]])
        for r in load(dev_set.name)
        for s in r["spans"]
        if s["type"] == kind
    ]
    if kind in dev_set.numbers:
        assert found, f"no {kind} in the set"
    for record_id, value in found:
        valid = CHECK_DIGITS[kind](value)
        assert valid, record_id


@pytest.mark.parametrize("dev_set", each(s for s in SETS if s.nhs_numbers))
def test_nhs_numbers_have_their_check_digit(dev_set: DevSet) -> None:
    nhs = [
        (r["id"], r["text"][s["start"] : s["end"]])
        for r in load(dev_set.name)
        for s in r["spans"]
        if s["type"] == "MEDICAL_RECORD_NUMBER" and "NHS" in r["text"][: s["start"]]
    ]
    found = len(nhs)
    assert found >= dev_set.nhs_numbers
    for record_id, value in nhs:
        valid = nhs_number_ok(value)
        assert valid, record_id


@pytest.mark.parametrize("dev_set", each(s for s in SETS if s.negative_words))
def test_hard_negatives_name_the_clinics_own_places_and_staff(dev_set: DevSet) -> None:
    negatives = " ".join(r["text"].casefold() for r in load(dev_set.name) if r["negative"])
    for word in dev_set.negative_words:
        assert word in negatives, word


@pytest.mark.parametrize("dev_set", each())
def test_no_value_shared_with_the_earlier_handwritten_dev_sets(dev_set: DevSet) -> None:
    check_no_identifier_shared(load(dev_set.name), earlier_sets(dev_set.round))

"""The third hand-written PHI development set: Scottish, Australian and US numbers.

Its sizes, spans, span counts and other check digits are checked in
``test_phi_handwritten_sets.py``.
"""

from __future__ import annotations

import re

import pytest

from tests.evals.handwritten_checks import Record, nhs_number_ok, read_records, values


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records("handwritten_dev3.jsonl")


def ssn_ok(value: str) -> bool:
    """A US SSN written as 3, 2 and 4 digits, apart by a dash or a space or together."""
    match = re.fullmatch(r"(\d{3})[- ]?(\d{2})[- ]?(\d{4})", value)
    if match is None:
        return False
    area, group, serial = match.groups()
    return area not in {"000", "666"} and area < "900" and group != "00" and serial != "0000"


def au_medicare_ok(value: str) -> bool:
    """Australian Medicare card: 8 digits (first 2-6), a weighted check digit, an issue digit."""
    digits = re.sub(r"\D", "", value)
    if len(digits) != 10 or digits[0] not in "23456":
        return False
    weights = (1, 3, 7, 9, 1, 3, 7, 9)
    return sum(int(d) * w for d, w in zip(digits[:8], weights, strict=True)) % 10 == int(digits[8])


def test_check_digit_helpers_reject_a_changed_digit() -> None:
    assert au_medicare_ok("2123 45670 1")
    assert not au_medicare_ok("2123 45671 1")
    assert not ssn_ok("666-12-3456")


def test_us_ssns_are_written_as_three_groups(records: list[Record]) -> None:
    found = values(records, "US_SSN")
    assert found, "no US_SSN in the set"
    assert all(ssn_ok(value) for value in found)


def test_chi_and_medicare_numbers_have_their_check_digit(records: list[Record]) -> None:
    for phrase, valid in (("CHI number", nhs_number_ok), ("Medicare card", au_medicare_ok)):
        found = [
            r["text"][s["start"] : s["end"]]
            for r in records
            for s in r["spans"]
            if phrase in r["text"][max(0, s["start"] - 25) : s["start"]]
        ]
        assert found, phrase
        assert all(valid(value) for value in found), phrase

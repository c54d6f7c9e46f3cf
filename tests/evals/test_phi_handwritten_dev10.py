"""The tenth hand-written PHI development set: Italian and Spanish names and addresses as typed.

Its sizes, spans, span counts and check digits are checked in ``test_phi_handwritten_sets.py``.
"""

from __future__ import annotations

import re

import pytest

from tests.evals.handwritten_checks import Record, read_records, values


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records("handwritten_dev10.jsonl")


def test_names_take_the_shapes_the_set_is_about(records: list[Record]) -> None:
    """Lower case, apostrophes and particles, double surnames, several names in one message."""
    names = values(records, "PERSON")
    assert sum(name.islower() for name in names) >= 40
    assert sum("'" in name for name in names) >= 4
    particle = re.compile(r"\b(?:de|del|dal|dell')\b", re.IGNORECASE)
    assert sum(bool(particle.search(name)) for name in names) >= 5
    assert sum(len([s for s in r["spans"] if s["type"] == "PERSON"]) >= 3 for r in records) >= 4


def test_addresses_are_lower_case_or_broken_over_lines(records: list[Record]) -> None:
    addresses = values(records, "STREET_ADDRESS")
    assert sum(a == a.lower() for a in addresses) >= 8
    assert sum("\n" in a for a in addresses) >= 3

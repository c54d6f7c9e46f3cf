"""The seventh hand-written PHI development set: Italian and Spanish names in every position.

Its sizes, spans, span counts, check digits and hard negatives are checked in
``test_phi_handwritten_sets.py``.
"""

from __future__ import annotations

import pytest

from tests.evals.handwritten_checks import Record, read_records, values


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records("handwritten_dev7.jsonl")


def test_names_come_in_lower_case_capitals_and_with_particles(records: list[Record]) -> None:
    names = values(records, "PERSON")
    assert sum(name.islower() for name in names) >= 15
    assert sum(name.isupper() for name in names) >= 3
    for particle in (" De ", " Lo ", "Dell'", " de los ", " Ní "):
        assert any(particle in f" {name} " for name in names), particle

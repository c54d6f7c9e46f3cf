"""The eighth hand-written PHI development set: names among relatives, lists and lower-case runs.

Its sizes, spans, span counts and check digits are checked in ``test_phi_handwritten_sets.py``.
"""

from __future__ import annotations

import pytest

from tests.evals.handwritten_checks import Record, read_records, values


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records("handwritten_dev8.jsonl")


def test_many_names_are_written_in_lower_case(records: list[Record]) -> None:
    names = values(records, "PERSON")
    assert sum(name.islower() for name in names) >= 30

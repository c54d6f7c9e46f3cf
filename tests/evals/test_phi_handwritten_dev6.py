"""The sixth hand-written PHI development set: addresses as patients abbreviate them.

Its sizes, spans, span counts, check digits and hard negatives are checked in
``test_phi_handwritten_sets.py``.
"""

from __future__ import annotations

import pytest

from tests.evals.handwritten_checks import Record, read_records, values


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records("handwritten_dev6.jsonl")


def test_addresses_use_the_abbreviations_patients_type(records: list[Record]) -> None:
    addresses = " ".join(v.casefold() for v in values(records, "STREET_ADDRESS"))
    for abbreviation in ("c/", "avda.", "pza", "vle", "loc.", "fraz.", "int.", "esc.", "piso"):
        assert abbreviation in addresses, abbreviation

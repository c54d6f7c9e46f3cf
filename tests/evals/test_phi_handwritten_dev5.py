"""The fifth hand-written PHI development set: Spanish social security numbers.

Its sizes, spans, span counts, check digits and hard negatives are checked in
``test_phi_handwritten_sets.py``.
"""

from __future__ import annotations

import pytest

from tests.evals.handwritten_checks import Record, read_records, values


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records("handwritten_dev5.jsonl")


def test_social_security_numbers_have_their_mod_97_key(records: list[Record]) -> None:
    """A Spanish NUSS: province (2), number (8), key = the first ten digits mod 97."""
    found = 0
    for record in records:
        if record["language"] != "es":
            continue
        for value in values([record], "INSURANCE_POLICY"):
            digits = "".join(c for c in value if c.isdigit())
            if "seg" not in record["text"].casefold() or len(digits) != 12:
                continue
            found += 1
            province, number = int(digits[:2]), int(digits[2:10])
            base = province * 10**8 + number if number >= 10**7 else province * 10**7 + number
            assert base % 97 == int(digits[10:]), record["id"]
    assert found >= 2

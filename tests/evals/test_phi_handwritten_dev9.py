"""The ninth hand-written PHI development set: names in replies, signatures and run-ons.

Its sizes, spans, span counts and check digits are checked in ``test_phi_handwritten_sets.py``.
"""

from __future__ import annotations

import pytest

from tests.evals.handwritten_checks import Record, read_records, values


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records("handwritten_dev9.jsonl")


def test_many_names_are_written_in_lower_case(records: list[Record]) -> None:
    names = values(records, "PERSON")
    assert sum(name.islower() for name in names) >= 40


def test_some_messages_are_a_name_alone(records: list[Record]) -> None:
    """Replies that hold nothing but a name, and replies that hold nothing but a word."""
    alone = [r for r in records if r["spans"] and r["spans"][0]["start"] == 0]
    alone = [r for r in alone if r["spans"][0]["end"] == len(r["text"])]
    assert len(alone) >= 6
    one_word_negatives = [r for r in records if r["negative"] and " " not in r["text"]]
    assert len(one_word_negatives) >= 6

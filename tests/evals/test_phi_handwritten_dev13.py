"""The thirteenth hand-written PHI development set: who writes, for whom, how names are typed.

Its sizes, spans, span counts and check digits are checked in ``test_phi_handwritten_sets.py``.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import pytest

from tests.evals.handwritten_checks import Record, read_records, values

LANGUAGES = frozenset({"it", "es", "fr", "en"})
FORWARDED = {"hw-it-d13-inoltro", "hw-es-d13-reenvio", "hw-fr-d13-transfert", "hw-en-d13-forwarded"}
"""A message from someone else pasted in, in every language."""
STAFF_TITLE = re.compile(r"\b(?:dott\.(?:ssa)?|dr\.?|dra\.|doctora|pr|nurse)\s", re.IGNORECASE)
CLINIC_NUMBER = re.compile(r"\b\d{2,4}(?: \d{2,4}){2,4}\b")
"""A phone number in groups: in the hard negatives, the clinic's own."""


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records("handwritten_dev13.jsonl")


def test_names_take_the_shapes_the_set_is_about(records: list[Record]) -> None:
    """Spelt letter by letter, in capitals, hyphenated, and corrected."""
    names = values(records, "PERSON")
    assert sum(re.fullmatch(r"(?:\w-){3,}\w", name) is not None for name in names) >= 3
    assert sum(re.search(r"\b[A-ZÀ-Ý]{4,}\b", name) is not None for name in names) >= 4
    assert sum(re.search(r"\w{2,}-\w{2,}", name) is not None for name in names) >= 3
    corrections = 0
    for record in records:
        pair = [record["text"][s["start"] : s["end"]] for s in record["spans"]][:2]
        if len(pair) == 2 and pair[0] != pair[1]:
            ratio = SequenceMatcher(None, pair[0].lower(), pair[1].lower()).ratio()
            corrections += ratio >= 0.8
    assert corrections >= 4


def test_writers_and_replies(records: list[Record]) -> None:
    """Forwarded messages in every language; replies that are a name and nothing else."""
    assert {r["template"] for r in records} >= FORWARDED
    only_a_name = [
        r for r in records if [(s["start"], s["end"]) for s in r["spans"]] == [(0, len(r["text"]))]
    ]
    assert {r["language"] for r in only_a_name} == LANGUAGES


def test_hard_negatives_hold_staff_and_clinic_numbers(records: list[Record]) -> None:
    negatives = [r["text"] for r in records if r["negative"]]
    assert sum(STAFF_TITLE.search(t) is not None for t in negatives) >= 5
    assert sum(CLINIC_NUMBER.search(t) is not None for t in negatives) >= 4

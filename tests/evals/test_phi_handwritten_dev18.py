"""The eighteenth hand-written PHI development set: Italian names that nothing announces.

Its sizes, hard negatives, spans, span counts, check digits and values unseen in the earlier
sets are checked in ``test_phi_handwritten_sets.py``.
"""

from __future__ import annotations

import re

import pytest

from tests.evals.handwritten_checks import IT_CLINIC_NUMBER as CLINIC_NUMBER
from tests.evals.handwritten_checks import IT_SAINT as SAINT
from tests.evals.handwritten_checks import IT_STREET_WITHOUT_NUMBER as STREET_WITHOUT_NUMBER
from tests.evals.handwritten_checks import Record, read_records, values

WORD_NAMES = frozenset(
    {
        "gioia",
        "fortunato",
        "benvenuto",
        "speranza",
        "felice",
        "fiore",
        "leone",
        "marino",
        "celeste",
        "neve",
        "viola",
        "diamante",
        "ginevra",
    }
)
"""First names that are also Italian words or places: names in some messages, words in others."""
WORD_SURNAMES = frozenset(
    {
        "ferro",
        "porta",
        "fontana",
        "costa",
        "conte",
        "sala",
        "villa",
        "riva",
        "gallo",
        "lupo",
        "campo",
        "martello",
        "leone",
        "monti",
        "pace",
    }
)
"""Surnames that are also Italian words: part of a name in some messages, words in others."""
STAFF_TITLE = re.compile(r"\b(?:dott\.(?:ssa)?|prof\.(?:ssa)?)\s", re.IGNORECASE)
STAFF_WITH_NAME = re.compile(r"\b(?:dott\.(?:ssa)?|prof\.(?:ssa)?)\s\w+", re.IGNORECASE)


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records("handwritten_dev18.jsonl")


def _negative_words(records: list[Record]) -> list[str]:
    """Hard negatives in lower case, staff names after their title removed."""
    return [STAFF_WITH_NAME.sub(" ", r["text"]).lower() for r in records if r["negative"]]


def test_names_are_typed_in_every_case(records: list[Record]) -> None:
    """Lower case, capitals, title case, one word (a first name, a surname or a nickname)."""
    names = values(records, "PERSON")
    assert sum(name == name.lower() for name in names) >= 25
    assert sum(name == name.upper() for name in names) >= 6
    assert sum(name == name.title() for name in names) >= 20
    assert sum(" " not in name for name in names) >= 30
    only_a_name = [
        r for r in records if [(s["start"], s["end"]) for s in r["spans"]] == [(0, len(r["text"]))]
    ]
    assert only_a_name
    opening = [r for r in records if r["spans"] and r["spans"][0]["start"] == 0]
    assert len(opening) >= 3


def test_word_names_are_names_and_words(records: list[Record]) -> None:
    """Each listed first name is a name somewhere; most also appear as plain words in negatives."""
    first_words = {name.split()[0].lower() for name in values(records, "PERSON")}
    assert first_words >= WORD_NAMES
    negatives = _negative_words(records)
    as_words = {w for w in WORD_NAMES if any(re.search(rf"\b{w}\b", t) for t in negatives)}
    assert len(as_words) >= 12


def test_word_surnames_are_names_and_words(records: list[Record]) -> None:
    """Each listed surname is part of a name somewhere; most are plain words in negatives."""
    name_words = {word for name in values(records, "PERSON") for word in name.lower().split()}
    assert name_words >= WORD_SURNAMES
    negatives = _negative_words(records)
    as_words = {w for w in WORD_SURNAMES if any(re.search(rf"\b{w}\b", t) for t in negatives)}
    assert len(as_words) >= 12


def test_hard_negatives_hold_staff_saints_streets_and_clinic_numbers(
    records: list[Record],
) -> None:
    negatives = [r["text"] for r in records if r["negative"]]
    assert sum(STAFF_TITLE.search(t) is not None for t in negatives) >= 8
    assert sum(re.search(r"\bprof\.\s", t) is not None for t in negatives) >= 2
    assert sum(SAINT.search(t) is not None for t in negatives) >= 2
    assert sum(STREET_WITHOUT_NUMBER.search(t) is not None for t in negatives) >= 2
    assert sum(CLINIC_NUMBER.search(t) is not None for t in negatives) >= 3

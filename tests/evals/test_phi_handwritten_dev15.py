"""The fifteenth hand-written PHI development set: names that nothing announces, Spanish first.

Its sizes, hard negatives per language, spans, span counts and check digits are checked in
``test_phi_handwritten_sets.py``.
"""

from __future__ import annotations

import re

import pytest

from tests.evals.handwritten_checks import Record, earlier_sets, read_records, values

NICKNAMES = frozenset(
    {"juanma", "chelo", "toñi", "chema", "tati", "manu", "chari", "lupe", "montse", "beppe"}
    | {"mimmo", "totò", "teo", "ninetta", "pina", "bernie", "val"}
)
WORD_NAMES = frozenset(
    {"rosario", "angustias", "milagros", "piedad", "luz", "paz", "socorro", "caridad", "reyes"}
    | {"blanca", "sol", "victoria", "nieves", "assunta", "allegra", "stella", "celeste", "joy"}
)
"""First names that are also words: in the positives they name someone."""
WORDS_IN_NEGATIVES = re.compile(
    r"\b(?:paz|esperanza|rosario|luz|soledad|consuelo|victoria|blanca|sol|rosa|serena|speranza"
    r"|espoir|paix|hope)\b",
    re.IGNORECASE,
)
STAFF_TITLE = re.compile(r"\b(?:dott\.ssa|dra\.|doctor|dr|pr)\s+[A-Z]", re.IGNORECASE)
CLINIC_NUMBER = re.compile(r"\b\d{3,4}(?: \d{2}){3}\b")
"""A phone number in groups: in the hard negatives, the clinic's own."""
UNANNOUNCED = re.compile(
    r"(?:\ba|\bà|\bcon|\bcon me|\bde|\bdi|\bla|\bil|\bva|\bpero|\bsi|\btambién viene|\banche"
    r"|\bpassa|\bwith|\bfor|\band|\bis|\btext|\bavec|\bc'est|\bviene|\baccompagno io)\s$",
    re.IGNORECASE,
)
"""Ordinary words a name follows when nothing announces it ("se lo dejo a", "va", "la")."""
SPANISH_ADDRESS_PARTS = ("c/ ", "avda. ", "pza. ", "bajo", "3º izda", "portal 2")


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records("handwritten_dev15.jsonl")


def test_names_sit_where_nothing_announces_them(records: list[Record]) -> None:
    """Lower case, after ordinary words, nicknames, first names that are words."""
    names = values(records, "PERSON")
    assert sum(name == name.lower() for name in names) >= 0.9 * len(names)
    unannounced = [
        r["text"][s["start"] : s["end"]]
        for r in records
        for s in r["spans"]
        if s["type"] == "PERSON" and UNANNOUNCED.search(r["text"][: s["start"]])
    ]
    assert len(unannounced) >= 40
    lowered = {name.lower() for name in names}
    assert lowered >= NICKNAMES
    assert {name.split()[0] for name in lowered} >= WORD_NAMES
    assert sum(len(name.split()) >= 3 for name in names) >= 6


def test_spanish_addresses_use_the_usual_abbreviations(records: list[Record]) -> None:
    spanish = " ".join(
        r["text"][s["start"] : s["end"]]
        for r in records
        for s in r["spans"]
        if s["type"] == "STREET_ADDRESS" and r["language"] == "es"
    )
    for part in SPANISH_ADDRESS_PARTS:
        assert part in spanish, part


def test_hard_negatives_hold_the_words_as_words(records: list[Record]) -> None:
    negatives = [r["text"] for r in records if r["negative"]]
    assert sum(WORDS_IN_NEGATIVES.search(t) is not None for t in negatives) >= 10
    assert sum(STAFF_TITLE.search(t) is not None for t in negatives) >= 6
    assert sum(CLINIC_NUMBER.search(t) is not None for t in negatives) >= 2


def test_spanish_social_security_number_has_its_key(records: list[Record]) -> None:
    """A NUSS: province (2), number (8), key = the first ten digits mod 97."""
    numbers = [
        (r["id"], re.sub(r"\D", "", value))
        for r in records
        if "seguridad social" in r["text"]
        for value in values([r], "INSURANCE_POLICY")
    ]
    assert len(numbers) == 1
    for record_id, digits in numbers:
        keyed = len(digits) == 12 and int(digits[:10]) % 97 == int(digits[10:])
        assert keyed, record_id


def test_no_name_repeats_one_of_the_earlier_handwritten_dev_sets(records: list[Record]) -> None:
    """Names are compared whole and without case: a first name may recur inside a full name."""
    earlier = {
        name.lower()
        for path in earlier_sets(15)
        for name in values(read_records(path.name), "PERSON")
    }
    assert not {name.lower() for name in values(records, "PERSON")} & earlier

"""The fourteenth hand-written PHI development set: names that nothing announces.

Its sizes, hard negatives per language, spans, span counts and check digits are checked in
``test_phi_handwritten_sets.py``.
"""

from __future__ import annotations

import re

import pytest

from tests.evals.handwritten_checks import Record, read_records, values

WORDS_THAT_ARE_NAMES = frozenset(
    "rosa serena gioia vittoria fortunata sole angela pace consolata bonaria"
    " mercedes dolores rocío amparo pilar patience precious ruby".split()
)
"""First names that are also words: as names in positives, as words in hard negatives."""
CUES = ("anche ", "pure ", "tramite ", "insieme a ", "al posto di ", "también ", "aussi pour ")
"""Words after which a name follows with nothing announcing it."""
BARE_RELATIVE = re.compile(
    r"(?:\b(?:la|il) (?:suocera|nipote|abuela|voisine)|\b(?:nonna|zia|tzia|mamie)) $",
    re.IGNORECASE,
)
"""A relative named without an owner word ("la suocera …", "nonna …")."""
STAFF_TITLE = re.compile(r"\b(?:dott\.(?:ssa)?|dra?\.|dr)\s", re.IGNORECASE)
NAMED_STREET = re.compile(r"\b(?:via|corso|calle|plaza del|rue|Road)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records("handwritten_dev14.jsonl")


def test_names_sit_where_nothing_announces_them(records: list[Record]) -> None:
    """Lower case, after plain words, after a bare relative, the same name twice."""
    names = values(records, "PERSON")
    assert sum(name == name.lower() for name in names) / len(names) >= 0.7
    before = [r["text"][: s["start"]] for r in records for s in r["spans"] if s["type"] == "PERSON"]
    for cue in CUES:
        assert any(text.endswith(cue) for text in before), cue
    assert sum(BARE_RELATIVE.search(text) is not None for text in before) >= 6
    assert sum(text == "" or text.endswith("\n") for text in before) >= 4
    repeated = 0
    for record in records:
        found = [
            record["text"][s["start"] : s["end"]].lower()
            for s in record["spans"]
            if s["type"] == "PERSON"
        ]
        repeated += any(b in a for i, a in enumerate(found) for b in found[i + 1 :])
    assert repeated >= 3


def test_words_that_are_names(records: list[Record]) -> None:
    """The same words are names in positive messages and plain words in hard negatives."""
    as_names = {name.lower() for name in values(records, "PERSON")} & WORDS_THAT_ARE_NAMES
    assert len(as_names) >= 15
    words = {
        word for r in records if r["negative"] for word in re.findall(r"\w+", r["text"].lower())
    }
    assert len(words & as_names) >= 10


def test_hard_negatives_hold_staff_and_streets_named_after_people(
    records: list[Record],
) -> None:
    negatives = [r["text"] for r in records if r["negative"]]
    assert sum(STAFF_TITLE.search(t) is not None for t in negatives) >= 4
    streets = [t for t in negatives if NAMED_STREET.search(t)]
    assert len(streets) >= 4
    assert not any(re.search(r"\b(?:Garibaldi|Cervantes|Pasteur)\s*\d", t) for t in streets)


def test_addresses_have_a_house_number(records: list[Record]) -> None:
    """A street named after a person is an address only with its number."""
    addresses = values(records, "STREET_ADDRESS")
    assert all(re.search(r"\d", a) for a in addresses)
    assert any(a.startswith("calle Cervantes ") for a in addresses)

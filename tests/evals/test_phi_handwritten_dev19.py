"""The nineteenth hand-written PHI development set: names nothing announces, Spanish first.

Its sizes, hard negatives, spans, span counts, check digits and values unseen in the earlier
sets are checked in ``test_phi_handwritten_sets.py``.
"""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from tests.evals.handwritten_checks import Record, earlier_sets, read_records, values

WORD_NAMES = {
    "es": frozenset(
        {"rocio", "amparo", "consuelo", "dolores", "remedios", "pilar", "rosario", "luz", "paz"}
        | {"cruz", "modesto", "clemente", "fortunato", "angeles"}
        | {"lobo", "toro", "prieto", "blanco", "moreno", "calvo", "rubio", "delgado", "bueno"}
        | {"leal"}
    ),
    "fr": frozenset(
        {"rose", "pascal", "olive", "aime", "prosper", "constant", "desire", "claire", "blanche"}
        | {"fleur", "lebrun", "boucher", "lefort", "petit", "legrand", "marchand"}
    ),
    "en": frozenset(
        {"hope", "faith", "grace", "joy", "rich", "bill", "mark", "will", "rose", "dawn"}
        | {"summer", "hunter", "mason", "chase", "baker", "cook", "smith", "wood", "hill"}
        | {"young", "king", "bell"}
    ),
}
"""First names and surnames that are also words, without accents: each names someone."""
WORDS_IN_NEGATIVES = {"es": 20, "fr": 12, "en": 18}
"""How many of each language's words the hard negatives use as words (or as a staff name)."""
TITLE_BEFORE_SURNAME = re.compile(r"\b(?:señor|señora|doña|Mme|Mr)\s$", re.IGNORECASE)
ARTICLE_BEFORE_NAME = re.compile(r"\b(?:la|el|del)\s$")
COMPOUND_SURNAME = re.compile(r"\w-\w|\bde la\s|\bLe\s", re.IGNORECASE)
STAFF_TITLE = re.compile(r"\b(?i:dra?\.?|doctora|pr)\s[A-Z]")
SAINT = re.compile(r"\b(?:San|Santa|Saint|Sainte|St)[\s-][A-Z]")
STREET_WITHOUT_NUMBER = re.compile(
    r"\b(?:calle|plaza de la|rue|place)\s[A-Z][\w-]*(?![\w-]*,?\s?\d)"
    r"|\b[A-Z]\w+ Street\b(?!,?\s?\d)"
)
CLINIC_NUMBER = re.compile(r"\b\d{2,4}(?: \d{2,4}){2,4}\b")
"""A phone number in groups: in the hard negatives, the clinic's own."""
COUNTRY_PREFIXES = ("+34", "0034", "+52", "+54", "+33", "+221", "+91")
NANP = re.compile(r"\(\d{3}\) (\d{3})-(\d{4})")


def fold(text: str) -> str:
    """Lower case without accents."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def names_after(records: list[Record], pattern: re.Pattern[str]) -> list[str]:
    """The names whose preceding text ends with ``pattern``."""
    return [
        r["text"][s["start"] : s["end"]]
        for r in records
        for s in r["spans"]
        if s["type"] == "PERSON" and pattern.search(r["text"][: s["start"]])
    ]


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records("handwritten_dev19.jsonl")


def test_names_are_typed_in_every_case(records: list[Record]) -> None:
    """Lower case, capitals, one word; a reply that is only a name; names opening a message."""
    names = values(records, "PERSON")
    assert sum(name == name.lower() for name in names) >= 30
    assert sum(name == name.upper() for name in names) >= 6
    assert sum(" " not in name for name in names) >= 35
    only_a_name = [
        r for r in records if [(s["start"], s["end"]) for s in r["spans"]] == [(0, len(r["text"]))]
    ]
    assert only_a_name
    opening = [r for r in records if r["spans"] and r["spans"][0]["start"] == 0]
    assert len(opening) >= 5


def test_names_sit_where_nothing_announces_them(records: list[Record]) -> None:
    """A surname after a title, an article before a Spanish name, compound surnames."""
    assert len(names_after(records, TITLE_BEFORE_SURNAME)) >= 5
    spanish = [r for r in records if r["language"] == "es"]
    assert len(names_after(spanish, ARTICLE_BEFORE_NAME)) >= 4
    names = values(records, "PERSON")
    assert sum(COMPOUND_SURNAME.search(name) is not None for name in names) >= 6
    assert sum("," in name for name in names) >= 1


@pytest.mark.parametrize("language", sorted(WORD_NAMES))
def test_word_names_are_names_and_words(records: list[Record], language: str) -> None:
    """Each listed word is part of a name; the hard negatives use most of them as words."""
    mine = [r for r in records if r["language"] == language]
    tokens = {t for name in values(mine, "PERSON") for t in re.findall(r"[a-z]+", fold(name))}
    assert tokens >= WORD_NAMES[language]
    negatives = " ".join(fold(r["text"]) for r in mine if r["negative"])
    as_words = {w for w in WORD_NAMES[language] if re.search(rf"\b{w}\b", negatives)}
    assert len(as_words) >= WORDS_IN_NEGATIVES[language]


def test_hard_negatives_hold_staff_saints_streets_and_clinic_numbers(
    records: list[Record],
) -> None:
    negatives = [r["text"] for r in records if r["negative"]]
    assert sum(STAFF_TITLE.search(t) is not None for t in negatives) >= 10
    assert sum(SAINT.search(t) is not None for t in negatives) >= 3
    assert sum(STREET_WITHOUT_NUMBER.search(t) is not None for t in negatives) >= 4
    assert sum(CLINIC_NUMBER.search(t) is not None for t in negatives) >= 5


def test_phone_numbers_come_from_many_countries_and_drama_ranges(records: list[Record]) -> None:
    """UK mobiles in 07700 900xxx, North American numbers in 555-01xx."""
    phones = values(records, "PHONE_NUMBER")
    assert all(any(p.startswith(prefix) for p in phones) for prefix in COUNTRY_PREFIXES)
    english = values([r for r in records if r["language"] == "en"], "PHONE_NUMBER")
    uk_mobiles = [re.sub(r"\D", "", p) for p in english if re.sub(r"\D", "", p)[:2] == "07"]
    assert uk_mobiles
    assert all(len(d) == 11 and d.startswith("07700900") for d in uk_mobiles)
    north_american = [m for p in phones if (m := NANP.fullmatch(p))]
    assert len(north_american) >= 2
    assert all(m.group(1) == "555" and m.group(2).startswith("01") for m in north_american)


def test_no_full_name_repeats_one_of_the_earlier_handwritten_dev_sets(
    records: list[Record],
) -> None:
    """Names of two words or more are compared whole and without case; first names may recur."""
    earlier = {
        r["text"][s["start"] : s["end"]].lower()
        for path in earlier_sets(19)
        for line in path.read_text("utf-8").splitlines()
        for r in [json.loads(line)]
        for s in r["spans"]
        if s["type"] == "PERSON"
    }
    full_names = {name.lower() for name in values(records, "PERSON") if " " in name}
    assert full_names
    assert not full_names & earlier

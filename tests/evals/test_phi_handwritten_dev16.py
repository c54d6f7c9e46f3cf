"""The sixteenth hand-written PHI development set: street addresses as patients type them.

Its sizes, spans, span counts and check digits are checked in ``test_phi_handwritten_sets.py``.
"""

from __future__ import annotations

import re

import pytest

from tests.evals.handwritten_checks import Record, read_records, values

LANGUAGES = frozenset({"it", "es", "fr", "en"})
ABBREVIATIONS = {
    "v.": r"\bv\. ",
    "v.le": r"\bv\.le\b",
    "p.zza": r"\bp\.zza\b",
    "c.so": r"\bc\.so\b",
    "c.da": r"\bc\.da\b",
    "loc.": r"\bloc\. ",
    "fraz.": r"\bfraz\. ",
    "int.": r"\bint\. ",
    "sc.": r"\bsc\. ",
    "c/": r"(?<!\w)c/ ",
    "avda.": r"\bavda\. ",
    "pza.": r"\bpza\. ",
    "pº": r"\bpº ",
    "bº": r"\bbº ",
    "ctra.": r"\bctra\. ",
    "urb.": r"\burb\. ",
    "nº": r"\bnº ",
    "s/n": r"\bs/n\b",
    "entlo.": r"\bentlo\. ",
    "esc.": r"\besc\. ",
    "pta.": r"\bpta\. ",
    "bd": r"\bbd ",
    "av.": r"\bav\. ",
    "bât.": r"\bbât\. ",
    "rte": r"\brte ",
}
"""Abbreviated street, floor and door words, each in at least one address."""
FORM_LABEL = re.compile(r"(?:Indirizzo|Domicilio|Dirección|Adresse|Address)\s?:\s*$")
UK_POSTCODE = re.compile(r"\b[A-Za-z]{1,2}\d[A-Za-z\d]?\s\d[A-Za-z]{2}$")
US_ZIP = re.compile(r"\b[A-Za-z]{2} \d{5}$")
PROVINCE = re.compile(r"\((?:[A-Z]{2}|[a-z]+)\)$")
STREET_WORD = re.compile(
    r"\b(?:via|viale|piazza|calle|avenida|plaza|rue|avenue|street)\b(?! \w+(?: \w+)? \d)",
    re.IGNORECASE,
)
CLINIC_SITES = ("via delle magnolie 15", "avenida del puerto 148", "calle de sueca 37")


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return read_records("handwritten_dev16.jsonl")


def test_every_positive_message_holds_an_address(records: list[Record]) -> None:
    for language in LANGUAGES:
        positives = [r for r in records if r["language"] == language and not r["negative"]]
        assert all(any(s["type"] == "STREET_ADDRESS" for s in r["spans"]) for r in positives)


def test_addresses_use_the_abbreviations(records: list[Record]) -> None:
    addresses = values(records, "STREET_ADDRESS")
    for abbreviation, pattern in ABBREVIATIONS.items():
        assert any(re.search(pattern, a, re.IGNORECASE) for a in addresses), abbreviation


def test_addresses_take_the_shapes_the_set_is_about(records: list[Record]) -> None:
    """Broken over lines, pasted after a form label, with a province, UK postcode or ZIP."""
    addresses = values(records, "STREET_ADDRESS")
    assert sum("\n" in a for a in addresses) >= 5
    assert sum(a == a.lower() for a in addresses) >= 30
    assert sum(PROVINCE.search(a) is not None for a in addresses) >= 6
    assert sum(UK_POSTCODE.search(a) is not None for a in addresses) >= 4
    assert sum(US_ZIP.search(a) is not None for a in addresses) >= 2
    assert sum(not re.search(r"\d{4,5}", a) for a in addresses) >= 15  # no postcode
    after_label = {
        r["language"]
        for r in records
        for s in r["spans"]
        if s["type"] == "STREET_ADDRESS" and FORM_LABEL.search(r["text"][: s["start"]])
    }
    assert after_label == LANGUAGES


def test_hard_negatives_hold_streets_without_a_number_and_clinic_sites(
    records: list[Record],
) -> None:
    negatives = [r["text"] for r in records if r["negative"]]
    assert sum(STREET_WORD.search(t) is not None for t in negatives) >= 6
    assert sum(any(site in t.lower() for site in CLINIC_SITES) for t in negatives) >= 2

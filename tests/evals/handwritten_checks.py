"""Checks shared by the hand-written PHI development sets' tests (one row format for all)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Any

from guardrails.recognizers.base import luhn_valid
from guardrails.recognizers.es_dni_nie import dni_nie_check_letter
from guardrails.recognizers.fr_nir import nir_key
from guardrails.recognizers.iban import IBAN_LENGTHS, iban_checksum_ok
from guardrails.recognizers.it_codice_fiscale import codice_fiscale_check_char

Record = dict[str, Any]

DATASET_DIR = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "phi"

ENTITY_TYPES = frozenset(
    {
        "PERSON",
        "STREET_ADDRESS",
        "PHONE_NUMBER",
        "DATE_OF_BIRTH",
        "EMAIL_ADDRESS",
        "ES_DNI_NIE",
        "IT_FISCAL_CODE",
        "IT_HEALTH_CARD",
        "FR_NIR",
        "US_SSN",
        "IBAN_CODE",
        "CREDIT_CARD",
        "MEDICAL_RECORD_NUMBER",
        "INSURANCE_POLICY",
    }
)
"""The labels a hand-written set may use."""


def read_records(name: str) -> list[Record]:
    """Read ``evals/datasets/phi/<name>`` (one JSON record per line)."""
    return [json.loads(line) for line in (DATASET_DIR / name).read_text("utf-8").splitlines()]


def set_name(round_: int) -> str:
    """The file of a round's development set (the first round's has no number)."""
    return f"handwritten_dev{round_ if round_ > 1 else ''}.jsonl"


def earlier_sets(round_: int) -> list[Path]:
    """The development sets of every round before ``round_``, in round order."""
    return [DATASET_DIR / set_name(n) for n in range(1, round_)]


def check_ids_templates_and_negatives(records: list[Record], round_: int, tag: str = "") -> None:
    """Ids ``hw-<lang>-<round>nn``, templates ``hw-<lang>-<tag>...``, 15-25% negatives."""
    ids = [r["id"] for r in records]
    assert len(set(ids)) == len(ids)
    for record in records:
        assert re.fullmatch(rf"hw-{record['language']}-{round_}\d\d", record["id"])
        assert record["template"].startswith(f"hw-{record['language']}-{tag}")
        assert record["negative"] == ("-neg-" in record["template"])
        assert record["negative"] == (not record["spans"])
    negatives = sum(r["negative"] for r in records)
    assert 0.15 <= negatives / len(records) <= 0.25


def check_spans_exact_sorted_and_typed(records: list[Record], types: Collection[str]) -> None:
    """Every span has a known type, lies in the NFC text, in order, with no outer spaces."""
    for record in records:
        text = record["text"]
        assert text == unicodedata.normalize("NFC", text)
        previous_end = 0
        for span in record["spans"]:
            assert span["type"] in types, record["id"]
            assert previous_end <= span["start"] < span["end"] <= len(text), record["id"]
            value = text[span["start"] : span["end"]]
            assert value == value.strip(), (record["id"], value)
            previous_end = span["end"]


def compact(value: str) -> str:
    """A value without spaces, dots and dashes, upper case: how identifiers are compared."""
    return re.sub(r"[\s.\-]", "", value).upper()


def identifier_values(records: Iterable[Record]) -> set[str]:
    """The compacted values of every span that is not a name."""
    return {
        compact(r["text"][s["start"] : s["end"]])
        for r in records
        for s in r["spans"]
        if s["type"] != "PERSON"
    }


def check_no_identifier_shared(records: list[Record], earlier: Iterable[Path]) -> None:
    """No identifier of ``records`` appears in the earlier sets (names may repeat)."""
    seen = identifier_values(
        json.loads(line) for path in earlier for line in path.read_text("utf-8").splitlines()
    )
    assert not identifier_values(records) & seen


# ---------------------------------------------- identifier values and their check digits


def values(records: list[Record], kind: str) -> list[str]:
    return [
        r["text"][s["start"] : s["end"]] for r in records for s in r["spans"] if s["type"] == kind
    ]


def fiscal_code_ok(value: str) -> bool:
    code = compact(value)
    return len(code) == 16 and codice_fiscale_check_char(code[:15]) == code[15]


def health_card_ok(value: str) -> bool:
    digits = compact(value)
    return re.fullmatch(r"80380\d{15}", digits) is not None and luhn_valid(digits)


def nir_ok(value: str) -> bool:
    code = compact(value)
    return re.fullmatch(r"[1-478]\d{4}(?:\d\d|2[AB])\d{8}", code) is not None and nir_key(
        code[:13]
    ) == int(code[13:])


def dni_nie_ok(value: str) -> bool:
    code = compact(value)
    return re.fullmatch(r"(?:\d{8}|[XYZ]\d{7})[A-Z]", code) is not None and (
        dni_nie_check_letter(code[:8]) == code[8]
    )


def iban_ok(value: str) -> bool:
    code = compact(value)
    return IBAN_LENGTHS.get(code[:2]) == len(code) and iban_checksum_ok(code)


def card_ok(value: str) -> bool:
    digits = re.sub(r"\D", "", value)
    return 15 <= len(digits) <= 16 and luhn_valid(digits)


def ssn_ok(value: str) -> bool:
    """A US SSN: area 001-899 but 666, group 01-99, serial 0001-9999."""
    digits = re.sub(r"\D", "", value)
    if len(digits) != 9:
        return False
    area, group, serial = int(digits[:3]), int(digits[3:5]), int(digits[5:])
    return 0 < area < 900 and area != 666 and group > 0 and serial > 0


def nhs_number_ok(value: str) -> bool:
    """An NHS or Scottish CHI number: 10 digits, the last a mod-11 check over the first nine."""
    digits = re.sub(r"\D", "", value)
    if len(digits) != 10:
        return False
    remainder = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9])) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return check != 10 and check == int(digits[9])


CHECK_DIGITS: dict[str, Callable[[str], bool]] = {
    "IT_FISCAL_CODE": fiscal_code_ok,
    "IT_HEALTH_CARD": health_card_ok,
    "FR_NIR": nir_ok,
    "ES_DNI_NIE": dni_nie_ok,
    "IBAN_CODE": iban_ok,
    "CREDIT_CARD": card_ok,
    "US_SSN": ssn_ok,
}
"""Each number type with a rule its values must pass."""


# ---------------------------------------------- what Italian hard negatives hold

IT_SAINT = re.compile(r"\bsan(?:ta|t')?\s[A-Z]", re.IGNORECASE)
"""A saint's day or church: "San Giuseppe", "Sant'Anna"."""
IT_STREET_WITHOUT_NUMBER = re.compile(r"\b(?:via|viale|piazza)\s[A-Z]\w+(?:\s[A-Z]\w+)?(?!\s\d)\b")
"""A street named with no house number after it: "via Melchiorre Gioia"."""
IT_CLINIC_NUMBER = re.compile(r"\b0\d{2,3}(?: \d{2,4}){2}\b")
"""An Italian landline as a clinic writes it: "0461 20 8833"."""

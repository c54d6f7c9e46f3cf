"""Checks shared by the hand-written PHI development sets' tests (one row format for all)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

Record = dict[str, Any]


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

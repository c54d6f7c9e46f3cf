"""The hand-written PHI sets: exact spans, valid identifiers, sizes and an honest split."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from guardrails.recognizers.base import luhn_valid
from guardrails.recognizers.es_dni_nie import dni_nie_check_letter
from guardrails.recognizers.fr_nir import nir_key
from guardrails.recognizers.iban import IBAN_LENGTHS, iban_checksum_ok
from guardrails.recognizers.it_codice_fiscale import codice_fiscale_check_char

DATASET_DIR = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "phi"
SPLITS = ("dev", "test")
LANGUAGES = ("it", "fr", "en", "es")
ENTITY_TYPES = (
    "PERSON",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "IT_FISCAL_CODE",
    "IT_HEALTH_CARD",
    "FR_NIR",
    "ES_DNI_NIE",
    "US_SSN",
    "IBAN_CODE",
    "CREDIT_CARD",
    "DATE_OF_BIRTH",
    "STREET_ADDRESS",
    "MEDICAL_RECORD_NUMBER",
    "INSURANCE_POLICY",
)
MIN_PER_LANGUAGE = 60

Record = dict[str, Any]


def read(split: str) -> list[Record]:
    path = DATASET_DIR / f"handwritten_{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def records() -> dict[str, list[Record]]:
    return {split: read(split) for split in SPLITS}


def span_text(record: Record, span: dict[str, Any]) -> str:
    text: str = record["text"]
    return text[span["start"] : span["end"]]


def normal(text: str) -> str:
    """Lower case, accents and whitespace runs folded: how two texts are compared."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


# ------------------------------------------------------ shape and check-digit checks


CF_SHAPE = re.compile(
    r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]"
)


def fiscal_code_ok(value: str) -> bool:
    code = value.upper()
    return CF_SHAPE.fullmatch(code) is not None and codice_fiscale_check_char(code[:15]) == code[15]


def health_card_ok(value: str) -> bool:
    digits = re.sub(r"\s", "", value)
    return re.fullmatch(r"80380\d{15}", digits) is not None and luhn_valid(digits)


def nir_ok(value: str) -> bool:
    compact = re.sub(r"\s", "", value).upper()
    if not re.fullmatch(r"[1-478]\d{4}(?:\d\d|2[AB])\d{8}", compact):
        return False
    return nir_key(compact[:13]) == int(compact[13:])


def dni_nie_ok(value: str) -> bool:
    compact = re.sub(r"[\s.\-]", "", value).upper()
    if not re.fullmatch(r"(?:\d{8}|[XYZ]\d{7})[A-Z]", compact):
        return False
    return dni_nie_check_letter(compact[:8]) == compact[8]


def ssn_ok(value: str) -> bool:
    match = re.fullmatch(r"(\d{3})([- ]?)(\d{2})\2(\d{4})", value)
    if not match:
        return False
    area, group, serial = int(match[1]), int(match[3]), int(match[4])
    return area not in (0, 666) and area < 900 and group != 0 and serial != 0


def iban_ok(value: str) -> bool:
    if not re.fullmatch(r"[A-Za-z0-9 \n]+", value):
        return False
    compact = re.sub(r"\s", "", value).upper()
    return IBAN_LENGTHS.get(compact[:2]) == len(compact) and iban_checksum_ok(compact)


def card_ok(value: str) -> bool:
    grouped = re.fullmatch(
        r"\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{4}|3[47]\d{2}([ -])\d{6}\2\d{5}", value
    )
    digits = re.sub(r"\D", "", value)
    if grouped is None or not luhn_valid(digits):
        return False
    if digits[0] == "4" or digits[:2] in {"51", "52", "53", "54", "55"}:
        return len(digits) == 16
    if 2221 <= int(digits[:4]) <= 2720:
        return len(digits) == 16
    return digits[:2] in {"34", "37"} and len(digits) == 15


def phone_ok(value: str) -> bool:
    digits = re.sub(r"\D", "", value)
    return re.fullmatch(r"[+(\d][\d\s().\-]*\d", value) is not None and 8 <= len(digits) <= 15


def email_ok(value: str) -> bool:
    return (
        re.fullmatch(r"[A-Za-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}", value)
        is not None
    )


MONTHS = frozenset(
    """
    gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre
    janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
    january february march april may june july august september october november december
    enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
    gen feb mar apr mag giu lug ago set ott nov dic jan fev avr jui aou sep oct dec
    jun jul aug ene abr
    """.split()
)


def date_of_birth_ok(value: str) -> bool:
    if re.fullmatch(r"\d{1,4}([./\-])\d{1,2}\1\d{2,4}", value):
        return True
    words = re.findall(r"[^\W\d_]+", normal(value))
    return re.search(r"\d", value) is not None and any(w in MONTHS for w in words)


def person_ok(value: str) -> bool:
    # Letters only: words joined by a space, hyphen, apostrophe, ", " (surname first),
    # an initial's full stop or a line break; never a digit.
    word = r"[^\W\d_]+"
    shape = rf"{word}(?:(?:[ '\-\n]|, |\. ?){word})*"
    return re.fullmatch(shape, value) is not None and len(value.split()) <= 6


def street_address_ok(value: str) -> bool:
    return re.search(r"\d", value) is not None and re.search(r"[^\W\d_]{3}", value) is not None


def reference_number_ok(value: str) -> bool:
    return (
        re.fullmatch(r"[A-Za-z0-9/\- ]+", value) is not None and len(re.sub(r"\D", "", value)) >= 5
    )


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "PERSON": person_ok,
    "PHONE_NUMBER": phone_ok,
    "EMAIL_ADDRESS": email_ok,
    "IT_FISCAL_CODE": fiscal_code_ok,
    "IT_HEALTH_CARD": health_card_ok,
    "FR_NIR": nir_ok,
    "ES_DNI_NIE": dni_nie_ok,
    "US_SSN": ssn_ok,
    "IBAN_CODE": iban_ok,
    "CREDIT_CARD": card_ok,
    "DATE_OF_BIRTH": date_of_birth_ok,
    "STREET_ADDRESS": street_address_ok,
    "MEDICAL_RECORD_NUMBER": reference_number_ok,
    "INSURANCE_POLICY": reference_number_ok,
}


@pytest.mark.parametrize(
    ("entity", "good", "bad"),
    [
        ("IT_FISCAL_CODE", "RSSMRA85T10A562S", "RSSMRA85T10A562T"),  # wrong check letter
        ("IT_FISCAL_CODE", "rssmra85t10a562s", "RSSMRA85Z10A562S"),  # Z is no month
        ("IT_HEALTH_CARD", "80380 00000 00000 00009", "80380 00000 00000 00008"),  # Luhn
        ("IT_HEALTH_CARD", "80380000000000000009", "90380000000000000007"),  # not Italy
        ("FR_NIR", "2 55 08 14 168 025 38", "2 55 08 14 168 025 39"),  # wrong key
        ("FR_NIR", "1 85 05 2A 123 456 33", "1 85 05 2C 123 456 33"),  # 2C is no department
        ("ES_DNI_NIE", "12345678-Z", "12345678-A"),  # wrong letter
        ("ES_DNI_NIE", "X1234567L", "W1234567L"),  # W is no NIE prefix
        ("US_SSN", "123-45-6789", "666-45-6789"),  # area 666 is never issued
        ("US_SSN", "123 45 6789", "123-45 6789"),  # mixed separators
        ("IBAN_CODE", "IT60 X054 2811 1010 0000 0123 456", "IT61 X054 2811 1010 0000 0123 456"),
        ("IBAN_CODE", "GB82WEST12345698765432", "GB82WEST1234569876543"),  # length
        ("CREDIT_CARD", "4111 1111 1111 1111", "4111 1111 1111 1112"),  # Luhn
        ("CREDIT_CARD", "3782 822463 10005", "3782-822463 10005"),  # mixed separators
        ("PHONE_NUMBER", "+39 333 123 4567", "333 12"),  # too short
        ("EMAIL_ADDRESS", "ana.ruiz@mail.example", "ana.ruiz@"),
        ("DATE_OF_BIRTH", "12 marzo 1985", "marzo"),
        ("DATE_OF_BIRTH", "03/14/2017", "03/14"),
        ("PERSON", "Awa N'Diaye", "Awa 2"),
        ("STREET_ADDRESS", "via Roma 3", "via Roma"),
        ("MEDICAL_RECORD_NUMBER", "CR-383638", "CR-38"),
    ],
)
def test_validators_accept_and_reject(entity: str, good: str, bad: str) -> None:
    assert VALIDATORS[entity](good)
    assert not VALIDATORS[entity](bad)


# ------------------------------------------------------------------- the files


def test_format_and_spans(records: dict[str, list[Record]]) -> None:
    for items in records.values():
        for r in items:
            assert list(r) == ["id", "template", "language", "text", "spans", "negative"], r
            assert r["language"] in LANGUAGES, r["id"]
            assert unicodedata.is_normalized("NFC", r["text"]), r["id"]
            previous_end = 0
            for span in r["spans"]:
                assert list(span) == ["start", "end", "type"], r["id"]
                assert span["type"] in ENTITY_TYPES, r["id"]
                assert previous_end <= span["start"] < span["end"] <= len(r["text"]), r["id"]
                value = span_text(r, span)
                assert value == value.strip(), (r["id"], value)
                previous_end = span["end"]


def test_spans_do_not_cut_words(records: dict[str, list[Record]]) -> None:
    for items in records.values():
        for r in items:
            text = r["text"]
            for span in r["spans"]:
                before = text[span["start"] - 1] if span["start"] > 0 else " "
                after = text[span["end"]] if span["end"] < len(text) else " "
                assert not before.isalnum() and not after.isalnum(), (r["id"], span_text(r, span))


def test_negatives_have_no_spans_and_positives_have_some(
    records: dict[str, list[Record]],
) -> None:
    for items in records.values():
        for r in items:
            assert isinstance(r["negative"], bool), r["id"]
            assert r["negative"] == (not r["spans"]), r["id"]
            assert r["negative"] == ("-neg-" in r["template"]), r["id"]


def test_every_labelled_value_has_its_shape(records: dict[str, list[Record]]) -> None:
    wrong = [
        (r["id"], s["type"], span_text(r, s))
        for items in records.values()
        for r in items
        for s in r["spans"]
        if not VALIDATORS[s["type"]](span_text(r, s))
    ]
    assert not wrong


# Titles before clinic staff ("dott. Rinaldi", "Dr Shaw", "la dra. Navarro"): the
# surname after them is not a patient identifier and must not be labelled.
STAFF_TITLE = re.compile(
    r"\b(?:dott\.ssa|dott\.|dr\.?|dra\.|docteure|docteur|doctora|doctor|prof\.?|pr)\s+(\w[\w'\-]*)",
    re.IGNORECASE,
)


def test_staff_after_a_title_is_not_labelled(records: dict[str, list[Record]]) -> None:
    for split, items in records.items():
        titled = 0
        for r in items:
            for match in STAFF_TITLE.finditer(r["text"]):
                if not match[1][0].isupper():
                    continue  # "pr une prise", "the dr is ready": no surname follows
                titled += 1
                for span in r["spans"]:
                    overlaps = span["start"] < match.end(1) and match.start(1) < span["end"]
                    assert not overlaps, (r["id"], match[0])
        assert titled >= 8, (split, titled)


# ------------------------------------------------------------ sizes and coverage


def test_size_per_language_and_split(records: dict[str, list[Record]]) -> None:
    for split, items in records.items():
        per_language = Counter(r["language"] for r in items)
        for language in LANGUAGES:
            assert per_language[language] >= MIN_PER_LANGUAGE, (split, language)


def test_about_a_fifth_are_hard_negatives(records: dict[str, list[Record]]) -> None:
    for split, items in records.items():
        for language in LANGUAGES:
            chosen = [r for r in items if r["language"] == language]
            share = sum(r["negative"] for r in chosen) / len(chosen)
            assert 0.15 <= share <= 0.3, (split, language, share)


def test_every_entity_type_in_every_language_and_split(records: dict[str, list[Record]]) -> None:
    for split, items in records.items():
        present = {(r["language"], s["type"]) for r in items for s in r["spans"]}
        missing = {(lang, e) for lang in LANGUAGES for e in ENTITY_TYPES} - present
        assert not missing, (split, sorted(missing))


def test_hard_cases_are_present(records: dict[str, list[Record]]) -> None:
    for split, items in records.items():
        values: dict[str, list[str]] = {e: [] for e in ENTITY_TYPES}
        for r in items:
            for s in r["spans"]:
                values[s["type"]].append(span_text(r, s))
        assert any(v == v.lower() for v in values["PERSON"]), split
        assert any(" " not in v for v in values["PERSON"]), split
        assert any(v.isupper() or re.match(r"[A-Z]{3,}", v) for v in values["PERSON"]), split
        assert any(v[0].upper() in "XYZ" for v in values["ES_DNI_NIE"]), split
        assert any(re.search(r"\b2[AB]\b", v) for v in values["FR_NIR"]), split
        assert any(len(re.sub(r"\D", "", v)) == 15 for v in values["CREDIT_CARD"]), split
        assert any(" " in v for v in values["IBAN_CODE"]), split
        assert any(not v.startswith("+") for v in values["PHONE_NUMBER"]), split
        assert any(v.startswith("+") for v in values["PHONE_NUMBER"]), split
        every_value = [v for vs in values.values() for v in vs]
        assert any("\n" in v for v in every_value), split  # an identifier over a line break
        assert any(r["spans"][0]["start"] == 0 for r in items if r["spans"]), split
        assert any(r["spans"][-1]["end"] == len(r["text"]) for r in items if r["spans"]), split
        assert sum(len(r["spans"]) >= 3 for r in items) >= 8, split


# ------------------------------------------------------------------- the split


def test_ids_unique_and_well_formed(records: dict[str, list[Record]]) -> None:
    ids = [r["id"] for items in records.values() for r in items]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    for items in records.values():
        for r in items:
            assert re.fullmatch(rf"hw-{r['language']}-\d{{3}}", r["id"]), r["id"]
            assert r["template"].startswith(f"hw-{r['language']}-"), r["id"]


def test_families_belong_to_one_split(records: dict[str, list[Record]]) -> None:
    families = {split: {r["template"] for r in items} for split, items in records.items()}
    assert not families["dev"] & families["test"], sorted(families["dev"] & families["test"])


def test_no_text_shared_or_repeated(records: dict[str, list[Record]]) -> None:
    texts = {split: Counter(normal(r["text"]) for r in items) for split, items in records.items()}
    for split, counts in texts.items():
        assert not [t for t, n in counts.items() if n > 1], split
    assert not set(texts["dev"]) & set(texts["test"])


def test_no_identifier_value_in_both_splits(records: dict[str, list[Record]]) -> None:
    def values(split: str) -> set[str]:
        return {
            re.sub(r"[\s.\-/]", "", normal(span_text(r, s)))
            for r in records[split]
            for s in r["spans"]
        }

    assert not values("dev") & values("test"), sorted(values("dev") & values("test"))


# ------------------------------------------------------------------------ counts


def count_tables(records: dict[str, list[Record]]) -> str:
    """Return the Markdown count tables that HANDWRITTEN.md shows."""
    lines = [
        "| split | language | messages | hard-negative messages | spans |",
        "|---|---|---|---|---|",
    ]
    for split in SPLITS:
        for language in (*LANGUAGES, None):
            chosen = [r for r in records[split] if language in (None, r["language"])]
            negatives = sum(r["negative"] for r in chosen)
            spans = sum(len(r["spans"]) for r in chosen)
            lines.append(
                f"| {split} | {language or 'all'} | {len(chosen)} | {negatives} | {spans} |"
            )
    columns = [(split, language) for split in SPLITS for language in LANGUAGES]
    header = " | ".join(f"{split} {language}" for split, language in columns)
    lines += ["", f"| entity type | {header} | total |", "|---" * (len(columns) + 2) + "|"]
    for entity in ENTITY_TYPES:
        cells = [
            sum(
                s["type"] == entity
                for r in records[split]
                if r["language"] == language
                for s in r["spans"]
            )
            for split, language in columns
        ]
        lines.append(f"| {entity} | {' | '.join(map(str, cells))} | {sum(cells)} |")
    return "\n".join(lines)


def test_readme_counts_are_current(records: dict[str, list[Record]]) -> None:
    readme = (DATASET_DIR / "HANDWRITTEN.md").read_text(encoding="utf-8")
    assert count_tables(records) in readme

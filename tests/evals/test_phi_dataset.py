"""The PHI dataset: valid check digits, exact spans, an honest split, reproducible files."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any, cast

import faker
import pytest

from evals import phi_dataset as phi

ROOT = Path(__file__).resolve().parents[2]
FILES = {split: phi.DATASET_DIR / f"{split}.jsonl" for split in phi.SPLITS}


# --------------------------------------------------- independent validity checks


def luhn_ok(number: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char)
        if position % 2 == 1:
            digit = digit * 2 - 9 if digit * 2 > 9 else digit * 2
        total += digit
    return total % 10 == 0


_ODD = [
    1,
    0,
    5,
    7,
    9,
    13,
    15,
    17,
    19,
    21,
    2,
    4,
    18,
    20,
    11,
    3,
    6,
    8,
    12,
    14,
    16,
    10,
    22,
    25,
    24,
    23,
]
CF_ODD = {**{str(i): _ODD[i] for i in range(10)}, **{chr(65 + i): _ODD[i] for i in range(26)}}
CF_EVEN = {**{str(i): i for i in range(10)}, **{chr(65 + i): i for i in range(26)}}
CF_SHAPE = re.compile(
    r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]"
)


def cf_ok(text: str) -> bool:
    code = text.upper()
    if not CF_SHAPE.fullmatch(code):
        return False
    total = sum(CF_ODD[c] if i % 2 == 0 else CF_EVEN[c] for i, c in enumerate(code[:15]))
    return chr(65 + total % 26) == code[15]


def iban_ok(text: str) -> bool:
    compact = re.sub(r"\s", "", text).upper()
    lengths = {"IT": 27, "FR": 27, "ES": 24, "DE": 22, "GB": 22}
    if lengths.get(compact[:2]) != len(compact):
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def nir_ok(text: str) -> bool:
    compact = text.replace(" ", "").upper()
    if not re.fullmatch(r"[12]\d{4}(\d\d|2A|2B)\d{8}", compact):
        return False
    number = compact[:5] + {"2A": "19", "2B": "18"}.get(compact[5:7], compact[5:7]) + compact[7:13]
    return 97 - int(number) % 97 == int(compact[13:])


def dni_nie_ok(text: str) -> bool:
    compact = re.sub(r"[\s.\-]", "", text).upper()
    match = re.fullmatch(r"(\d{8}|[XYZ]\d{7})([A-Z])", compact)
    if not match:
        return False
    number = match.group(1)
    if number[0] in "XYZ":
        number = str("XYZ".index(number[0])) + number[1:]
    return "TRWAGMYFPDXBNJZSQVHLCKE"[int(number) % 23] == match.group(2)


def ssn_ok(text: str) -> bool:
    match = re.fullmatch(r"(\d{3})[- ]?(\d{2})[- ]?(\d{4})", text)
    if not match:
        return False
    area, group, serial = (int(g) for g in match.groups())
    return area not in (0, 666) and area < 900 and group != 0 and serial != 0


def card_ok(text: str) -> bool:
    digits = re.sub(r"[\s\-]", "", text)
    if not digits.isdigit() or not luhn_ok(digits):
        return False
    if digits[0] == "4" or digits[:2] in {"51", "52", "53", "54", "55"}:
        return len(digits) == 16
    if 2221 <= int(digits[:4]) <= 2720:
        return len(digits) == 16
    return digits[:2] in {"34", "37"} and len(digits) == 15


def health_card_ok(text: str) -> bool:
    digits = text.replace(" ", "")
    return len(digits) == 20 and digits.startswith("80380") and luhn_ok(digits)


# -------------------------------------------------------- check-digit functions


def test_check_digits_match_published_examples() -> None:
    assert phi.codice_fiscale_check_char("RSSMRA85T10A562") == "S"
    assert phi.italian_cin("05428", "11101", "000000123456") == "X"
    assert phi.iban("IT", "X0542811101000000123456") == "IT60X0542811101000000123456"
    assert phi.iban("GB", "WEST12345698765432") == "GB82WEST12345698765432"
    assert phi.iban("DE", "370400440532013000") == "DE89370400440532013000"
    assert phi.french_rib_key("30006", "00001", "12345678901") == "89"
    assert phi.spanish_control_digit("0021000418") + phi.spanish_control_digit("0200051332") == "45"
    assert phi.nir_key("2550814168025") == "38"
    assert phi.spanish_dni(12345678) == "12345678Z"
    assert phi.spanish_nie("X", 1234567) == "X1234567L"
    assert phi.luhn_check_digit("7992739871") == "3"


def test_codice_fiscale_and_omocodia() -> None:
    rng = random.Random(1)
    code = phi.codice_fiscale("Rossi", "Mario", date(1985, 12, 10), False, "A562")
    assert code == "RSSMRA85T10A562S"
    for _ in range(500):
        value = phi.format_fiscal_code(rng, rng.choice(["Zappalà", "De Luca", "O'Neill"]), "Ugo")
        assert cf_ok(value), value
    for replacements in range(1, 8):
        variant = phi.omocode(code, replacements)
        assert cf_ok(variant), variant
        assert sum(c.isdigit() for c in variant) == 7 - replacements


def test_identifier_generators_pass_independent_checks() -> None:
    rng = random.Random(7)
    for _ in range(500):
        assert health_card_ok(phi.format_health_card(rng))
        assert nir_ok(phi.format_nir(rng))
        assert dni_nie_ok(phi.format_dni_nie(rng))
        assert ssn_ok(phi.format_ssn(rng))
        assert card_ok(phi.format_card(rng))
        for country in ("IT", "FR", "ES", "DE", "GB"):
            assert iban_ok(phi.format_iban(rng, country))
    for department in ("2A", "2B"):
        body = f"18505{department}123456"
        assert nir_ok(body + phi.nir_key(body))


def test_national_account_check_digits() -> None:
    rng = random.Random(3)
    weights = (1, 2, 4, 8, 5, 10, 9, 7, 3, 6)

    def es_digit(digits: str) -> int:
        value = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
        return {10: 1, 11: 0}.get(value, value)

    for _ in range(200):
        bban = phi.iban_bban(rng, "IT")
        total = sum(CF_ODD[c] if i % 2 == 0 else CF_EVEN[c] for i, c in enumerate(bban[1:]))
        assert chr(65 + total % 26) == bban[0]
        bban = phi.iban_bban(rng, "FR")
        assert (89 * int(bban[:5]) + 15 * int(bban[5:10]) + 3 * int(bban[10:21])) % 97 == (
            97 - int(bban[21:])
        ) % 97
        bban = phi.iban_bban(rng, "ES")
        assert int(bban[8]) == es_digit("00" + bban[:8])
        assert int(bban[9]) == es_digit(bban[10:])


# ------------------------------------------------------------------ the files


def read(split: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in FILES[split].read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def records() -> dict[str, list[dict[str, Any]]]:
    return {split: read(split) for split in phi.SPLITS}


def test_format_and_spans(records: dict[str, list[dict[str, Any]]]) -> None:
    for items in records.values():
        for r in items:
            assert list(r) == ["id", "template", "language", "text", "spans", "negative"]
            assert r["language"] in phi.LANGUAGES
            assert r["negative"] == (not r["spans"]), r["id"]
            assert unicodedata.is_normalized("NFC", r["text"])
            previous_end = 0
            for span in r["spans"]:
                assert list(span) == ["start", "end", "type"]
                assert span["type"] in phi.ENTITY_TYPES
                assert previous_end <= span["start"] < span["end"] <= len(r["text"]), r["id"]
                value = r["text"][span["start"] : span["end"]]
                assert value == value.strip(), r["id"]
                previous_end = span["end"]


VALIDATORS = {
    "IT_FISCAL_CODE": cf_ok,
    "IT_HEALTH_CARD": health_card_ok,
    "FR_NIR": nir_ok,
    "ES_DNI_NIE": dni_nie_ok,
    "US_SSN": ssn_ok,
    "IBAN_CODE": iban_ok,
    "CREDIT_CARD": card_ok,
    "EMAIL_ADDRESS": lambda v: re.fullmatch(r"[a-z0-9._]+@[a-z0-9.-]+\.[a-z]+", v) is not None,
    "PHONE_NUMBER": lambda v: 8 <= len(re.sub(r"\D", "", v)) <= 15,
    "DATE_OF_BIRTH": lambda v: re.search(r"\d", v) is not None,
    "PERSON": lambda v: re.fullmatch(r"[^\W\d_]+(?:[ '\-][^\W\d_]+)*", v) is not None,
    "STREET_ADDRESS": lambda v: re.search(r"\d", v) is not None,
    "MEDICAL_RECORD_NUMBER": lambda v: re.search(r"\d{5}", v) is not None,
    "INSURANCE_POLICY": lambda v: re.search(r"\d{4}", v) is not None,
}


def test_every_labelled_value_is_valid(records: dict[str, list[dict[str, Any]]]) -> None:
    for items in records.values():
        for r in items:
            for span in r["spans"]:
                value = r["text"][span["start"] : span["end"]]
                assert VALIDATORS[span["type"]](value), (r["id"], span["type"], value)


def test_span_offsets_are_exactly_the_slots(records: dict[str, list[dict[str, Any]]]) -> None:
    # Rebuild each message from its template: the literal text between slots must
    # sit exactly between the labelled spans.
    templates = {t.id: t for t in phi.load_templates().templates}
    for items in records.values():
        for r in items:
            template = templates[r["template"]]
            spans = iter(r["spans"])
            position, cursor = 0, 0
            for match in phi.SLOT_PATTERN.finditer(template.text):
                literal = template.text[position : match.start()]
                assert r["text"].startswith(literal, cursor), r["id"]
                cursor += len(literal)
                if match.group(1) in phi.ENTITY_TYPES:
                    span = next(spans)
                    assert span["type"] == match.group(1), r["id"]
                    assert span["start"] == cursor, r["id"]
                    cursor = span["end"]
                else:
                    next_literal_end = phi.SLOT_PATTERN.search(template.text, match.end())
                    following = template.text[
                        match.end() : next_literal_end.start() if next_literal_end else None
                    ]
                    found = r["text"].find(following, cursor + 1) if following else len(r["text"])
                    assert found > cursor, r["id"]
                    cursor = found
                position = match.end()
            assert r["text"][cursor:] == template.text[position:], r["id"]
            assert next(spans, None) is None, r["id"]


class _StubFiller:
    def fill(self, entity: str, modifiers: frozenset[str]) -> str:
        return {"PERSON": "Zoë Ngô 😀", "PHONE_NUMBER": "+39 333 123 4567"}.get(entity, entity)

    def fill_context(self, name: str, modifiers: frozenset[str]) -> str:
        return f"«{name}»"


def test_fill_template_offsets_with_unicode() -> None:
    template = phi.Template(
        id="it-p99",
        language="it",
        text="🙏 ciao sono {PERSON:first}, dott.ssa {staff}, tel {PHONE_NUMBER}: {PERSON}!",
        negative=False,
    )
    text, spans = phi.fill_template(template, cast(Any, _StubFiller()))
    assert [text[s.start : s.end] for s in spans] == [
        "Zoë Ngô 😀",
        "+39 333 123 4567",
        "Zoë Ngô 😀",
    ]
    assert [s.type for s in spans] == ["PERSON", "PHONE_NUMBER", "PERSON"]
    assert "«staff»" in text


# ------------------------------------------------------------------- the split


def test_splits_are_disjoint_by_template(records: dict[str, list[dict[str, Any]]]) -> None:
    template_set = phi.load_templates()
    expected = phi.assign_splits(t.id for t in template_set.templates)
    seen: dict[str, str] = {}
    per_template: Counter[str] = Counter()
    ids: list[str] = []
    for split, items in records.items():
        for r in items:
            assert seen.setdefault(r["template"], split) == split, r["template"]
            assert expected[r["template"]] == split, r["template"]
            per_template[r["template"]] += 1
            ids.append(r["id"])
    assert len(ids) == len(set(ids))
    assert set(per_template) == set(expected)
    assert set(per_template.values()) == {phi.MESSAGES_PER_TEMPLATE}
    dev_share = sum(s == "dev" for s in expected.values()) / len(expected)
    assert 0.55 <= dev_share <= 0.65
    families: dict[str, set[str]] = defaultdict(set)
    for template_id, split in expected.items():
        families[phi.template_family(template_id)].add(split)
    assert all(len(splits) == 1 for splits in families.values())


def test_split_rule_depends_only_on_ids() -> None:
    ids = [f"{lang}-{kind}{n:02d}" for lang in phi.LANGUAGES for kind in "pn" for n in range(1, 11)]
    assert phi.assign_splits(ids) == phi.assign_splits(reversed(ids))
    assert sum(s == "dev" for s in phi.assign_splits(ids).values()) == 48


def test_messages_of_a_template_differ(records: dict[str, list[dict[str, Any]]]) -> None:
    texts: dict[str, set[str]] = defaultdict(set)
    for items in records.values():
        for r in items:
            texts[r["template"]].add(r["text"])
    assert all(len(t) == phi.MESSAGES_PER_TEMPLATE for t in texts.values())


# ------------------------------------------------------------------- coverage


def test_counts(records: dict[str, list[dict[str, Any]]]) -> None:
    everything = [r for items in records.values() for r in items]
    assert len(everything) >= 400
    by_language = Counter(r["language"] for r in everything)
    assert all(by_language[lang] >= 100 for lang in phi.LANGUAGES)
    templates = phi.load_templates().templates
    assert len(templates) >= 120
    assert all(sum(t.language == lang for t in templates) >= 30 for lang in phi.LANGUAGES)
    assert sum(t.negative for t in templates) * 3 >= len(templates)


def test_every_entity_type_in_every_language_and_split(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    for split, items in records.items():
        present = {(r["language"], s["type"]) for r in items for s in r["spans"]}
        missing = {(lang, e) for lang in phi.LANGUAGES for e in phi.ENTITY_TYPES} - present
        assert not missing, (split, sorted(missing))


def test_hard_cases_are_present(records: dict[str, list[dict[str, Any]]]) -> None:
    values: dict[str, list[str]] = defaultdict(list)
    for items in records.values():
        for r in items:
            for s in r["spans"]:
                values[s["type"]].append(r["text"][s["start"] : s["end"]])
    assert any(re.search(r"[LMNPQRSTUV]", v.upper()[6:15]) for v in values["IT_FISCAL_CODE"])
    assert any(" 2A " in v or " 2B " in v or v[5:7] in ("2A", "2B") for v in values["FR_NIR"])
    assert any(v[0].upper() in "XYZ" for v in values["ES_DNI_NIE"])
    assert any(len(re.sub(r"\D", "", v)) == 15 for v in values["CREDIT_CARD"])
    assert any(" " in v for v in values["IBAN_CODE"])
    assert any(v == v.lower() for v in values["PERSON"])
    assert any(" " not in v for v in values["PERSON"])


# ---------------------------------------------------------------------- names


def _faker_tokens() -> set[str]:
    tokens: set[str] = set()
    for locale in ("it_IT", "fr_FR", "es_ES", "en_US", "en_GB"):
        person = faker.Faker(locale).provider("faker.providers.person")
        for attribute in ("first_names", "last_names"):
            for name in getattr(person, attribute):
                tokens |= phi.name_tokens(name)
    return tokens


def test_test_split_names_are_not_faker_names(records: dict[str, list[dict[str, Any]]]) -> None:
    template_set = phi.load_templates()
    known = _faker_tokens()
    allowed: set[str] = set()
    for pool in template_set.test_names.values():
        names = (*pool.first_male, *pool.first_female, *pool.last)
        assert len(pool.first_male) + len(pool.first_female) >= 55
        assert len(pool.last) >= 55
        for name in names:
            assert not phi.name_tokens(name) & known, name
            allowed |= phi.name_tokens(name)
    assert phi.names_in_faker(template_set.test_names["it"]) == []
    for r in records["test"]:
        for s in r["spans"]:
            if s["type"] == "PERSON":
                words = re.split(r"[\s\-']+", phi.fold(r["text"][s["start"] : s["end"]]))
                assert all(w in allowed for w in words if len(w) >= 3), (r["id"], words)


def test_the_name_check_catches_faker_names() -> None:
    pool = phi.NamePool(first_male=("Marco",), first_female=("Tugdual",), last=("Lo Rossi",))
    assert phi.names_in_faker(pool) == ["Marco", "Lo Rossi"]
    with pytest.raises(ValueError, match="Faker"):
        phi.check_test_names({"it": pool})


# ---------------------------------------------------------------- regeneration


def test_regenerating_gives_the_same_bytes(tmp_path: Path) -> None:
    phi.write_dataset(tmp_path)
    for split, path in FILES.items():
        assert (tmp_path / f"{split}.jsonl").read_bytes() == path.read_bytes(), split


def test_regenerating_in_another_process_gives_the_same_bytes(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONHASHSEED": "4242"}
    subprocess.run(
        [sys.executable, "-m", "evals.phi_dataset", "--out", str(tmp_path)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    for split, path in FILES.items():
        assert (tmp_path / f"{split}.jsonl").read_bytes() == path.read_bytes(), split


def test_readme_counts_are_current() -> None:
    readme = (phi.DATASET_DIR / "README.md").read_text(encoding="utf-8")
    by_split = {split: phi.read_messages(path) for split, path in FILES.items()}
    assert phi.counts_markdown(by_split) in readme

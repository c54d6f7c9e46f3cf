"""Labelled dataset for measuring PHI redaction on WhatsApp-style patient messages.

Hand-written templates (``evals/datasets/phi/templates.yaml``) in Italian,
French, English and Spanish are filled with fictional identifiers: names,
phone numbers, e-mail addresses, street addresses, dates of birth, and
national numbers whose check digits are computed here (codice fiscale,
tessera sanitaria, French NIR, Spanish DNI/NIE, US SSN, IBAN, payment cards).
Every filled slot is labelled with its exact character offsets.

Templates are split by a fixed rule (:func:`assign_splits`) into ``dev`` and
``test``; the test split takes person names from hand-written lists that are
absent from Faker's name lists, so a recognizer built on those lists is not
measured on its own vocabulary.

Regenerate the files with ``python -m evals.phi_dataset``; the output is the
same bytes on every run.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Final, Literal

import yaml
from faker import Faker
from faker.providers import BaseProvider
from faker.providers.address.it_IT import Provider as ItalianAddresses
from pydantic import BaseModel, ConfigDict

Language = Literal["it", "fr", "en", "es"]
Split = Literal["dev", "test"]

LANGUAGES: Final[tuple[Language, ...]] = ("it", "fr", "en", "es")
SPLITS: Final[tuple[Split, ...]] = ("dev", "test")
ENTITY_TYPES: Final[tuple[str, ...]] = (
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

SEED: Final = 20250611
MESSAGES_PER_TEMPLATE: Final = 3
DEV_PERCENT: Final = 60
SPLIT_SALT: Final = "frontdesk-phi-split"

DATASET_DIR: Final = Path(__file__).resolve().parent / "datasets" / "phi"
TEMPLATES_PATH: Final = DATASET_DIR / "templates.yaml"

#: Faker locales whose person-name lists the test-split names must avoid.
FAKER_NAME_LOCALES: Final[tuple[str, ...]] = (
    "it_IT",
    "fr_FR",
    "fr_CH",
    "fr_BE",
    "fr_CA",
    "es_ES",
    "es_MX",
    "es_CA",
    "es_AR",
    "es_CO",
    "es_CL",
    "en_US",
    "en_GB",
    "en_IE",
    "en_NZ",
    "en_CA",
    "en_AU",
    "de_DE",
    "de_CH",
    "de_AT",
)

#: Faker locales the dev split draws person names from, per message language.
DEV_NAME_LOCALES: Final[Mapping[Language, tuple[str, ...]]] = {
    "it": ("it_IT",),
    "fr": ("fr_FR",),
    "en": ("en_GB", "en_US"),
    "es": ("es_ES",),
}

#: Lowercase slots: non-identifying context that is filled in but never labelled.
CONTEXT_SLOTS: Final[tuple[str, ...]] = (
    "staff",
    "department",
    "exam",
    "clinic_phone",
    "clinic_address",
    "clinic_email",
    "date",
    "time",
    "weekday",
    "price",
    "age",
    "n",
)
_LISTED_CONTEXT: Final = ("staff", "department", "exam", "clinic_phone", "clinic_address",
                          "clinic_email")  # fmt: skip

_ALLOWED_MODIFIERS: Final[Mapping[str, frozenset[str]]] = {
    "PERSON": frozenset({"first", "full", "last", "rev", "lower", "upper", "cap", "m", "f"}),
    "DATE_OF_BIRTH": frozenset({"child", "adult"}),
    "PHONE_NUMBER": frozenset({"IT", "FR", "ES", "GB", "US", "CH", "DE"}),
    "IBAN_CODE": frozenset({"IT", "FR", "ES", "DE", "GB"}),
    "weekday": frozenset({"plural"}),
    "age": frozenset({"child"}),
}

SLOT_PATTERN: Final = re.compile(r"\{([A-Za-z_]+)((?::[A-Za-z]+)*)\}")


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Template:
    """One hand-written message with slots, as read from ``templates.yaml``."""

    id: str
    language: Language
    text: str
    negative: bool

    @property
    def family(self) -> str:
        """Return the id without its language prefix (``it-p07`` → ``p07``)."""
        return template_family(self.id)


@dataclass(frozen=True)
class Span:
    """A labelled identifier: ``text[start:end]`` is a value of ``type``."""

    start: int
    end: int
    type: str


@dataclass(frozen=True)
class Message:
    """One filled template: the text and the offsets of every identifier in it."""

    id: str
    template: str
    language: Language
    text: str
    spans: tuple[Span, ...]
    negative: bool

    def to_json(self) -> str:
        """Serialise as one JSON line (no trailing newline)."""
        return json.dumps(
            {
                "id": self.id,
                "template": self.template,
                "language": self.language,
                "text": self.text,
                "spans": [{"start": s.start, "end": s.end, "type": s.type} for s in self.spans],
                "negative": self.negative,
            },
            ensure_ascii=False,
        )


# ------------------------------------------------------------------ templates file


class _NameLists(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    first_male: list[str]
    first_female: list[str]
    last: list[str]


class _AddressParts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    streets: list[str]
    places: list[str]


class _ContextLists(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    staff: list[str]
    department: list[str]
    exam: list[str]
    clinic_phone: list[str]
    clinic_address: list[str]
    clinic_email: list[str]


class _TemplateEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    language: Language
    text: str
    negative: bool = False


class _TemplatesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    test_names: dict[Language, _NameLists]
    test_addresses: dict[str, _AddressParts]
    context: dict[Language, _ContextLists]
    templates: list[_TemplateEntry]


@dataclass(frozen=True)
class NamePool:
    """First names by gender and surnames available to one language and split."""

    first_male: tuple[str, ...]
    first_female: tuple[str, ...]
    last: tuple[str, ...]


@dataclass(frozen=True)
class TemplateSet:
    """Everything ``templates.yaml`` holds: templates, test-split names and addresses, context."""

    templates: tuple[Template, ...]
    test_names: Mapping[Language, NamePool]
    test_addresses: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]
    context: Mapping[Language, Mapping[str, tuple[str, ...]]]

    def staff_names(self) -> set[str]:
        """Return every staff surname of every language."""
        return {name for lists in self.context.values() for name in lists["staff"]}


def template_slots(text: str) -> list[tuple[str, frozenset[str]]]:
    """Return the ``(name, modifiers)`` of every slot in a template text, in order."""
    return [
        (m.group(1), frozenset(filter(None, m.group(2).split(":"))))
        for m in SLOT_PATTERN.finditer(text)
    ]


def identifier_slots(text: str) -> list[str]:
    """Return the entity types of a template's identifier (uppercase) slots, in order."""
    return [name for name, _ in template_slots(text) if name in ENTITY_TYPES]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _validate_template(t: Template) -> None:
    if not re.fullmatch(rf"{t.language}-[pn]\d\d", t.id):
        raise ValueError(f"{t.id}: id must be <language>-p<nn> or <language>-n<nn>")
    if (t.family[0] == "n") != t.negative:
        raise ValueError(f"{t.id}: n<nn> ids are hard negatives and only those")
    slots = template_slots(t.text)
    for name, modifiers in slots:
        if name not in ENTITY_TYPES and name not in CONTEXT_SLOTS:
            raise ValueError(f"{t.id}: unknown slot {name}")
        unknown = modifiers - _ALLOWED_MODIFIERS.get(name, frozenset())
        if unknown:
            raise ValueError(f"{t.id}: unknown modifiers {sorted(unknown)} for {name}")
    identifiers = identifier_slots(t.text)
    if t.negative and identifiers:
        raise ValueError(f"{t.id}: a hard negative has no identifier slot")
    if t.negative and not slots:
        raise ValueError(f"{t.id}: a hard negative needs a context slot to vary")
    if not t.negative and not identifiers:
        raise ValueError(f"{t.id}: a positive template needs an identifier slot")
    stripped = SLOT_PATTERN.sub("\0", t.text)
    if "{" in stripped or "}" in stripped:
        raise ValueError(f"{t.id}: malformed slot")


def load_templates(path: Path = TEMPLATES_PATH) -> TemplateSet:
    """Read and validate ``templates.yaml``."""
    raw = _TemplatesFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    templates = tuple(
        Template(
            id=e.id,
            language=e.language,
            text=_nfc(e.text),
            negative=e.negative,
        )
        for e in raw.templates
    )
    ids = [t.id for t in templates]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate template ids")
    for t in templates:
        _validate_template(t)
    names = {
        lang: NamePool(
            first_male=tuple(_nfc(n) for n in lists.first_male),
            first_female=tuple(_nfc(n) for n in lists.first_female),
            last=tuple(_nfc(n) for n in lists.last),
        )
        for lang, lists in raw.test_names.items()
    }
    if set(names) != set(LANGUAGES):
        raise ValueError("test_names needs every language")
    addresses = {
        key: (tuple(_nfc(s) for s in parts.streets), tuple(_nfc(p) for p in parts.places))
        for key, parts in raw.test_addresses.items()
    }
    if set(addresses) != {"it", "fr", "es", "en_GB", "en_US"}:
        raise ValueError("test_addresses needs it, fr, es, en_GB and en_US")
    context = {
        lang: {key: tuple(_nfc(v) for v in getattr(lists, key)) for key in _LISTED_CONTEXT}
        for lang, lists in raw.context.items()
    }
    if set(context) != set(LANGUAGES):
        raise ValueError("context needs every language")
    return TemplateSet(
        templates=templates, test_names=names, test_addresses=addresses, context=context
    )


# ------------------------------------------------------------------------ split rule


def template_family(template_id: str) -> str:
    """Return a template id without its language prefix: ``it-p07`` → ``p07``."""
    return template_id.split("-", 1)[1]


def split_hash(family: str) -> str:
    """Return the hex ``sha256("frontdesk-phi-split:" + family)`` that orders families."""
    return hashlib.sha256(f"{SPLIT_SALT}:{family}".encode()).hexdigest()


def assign_splits(template_ids: Iterable[str]) -> dict[str, Split]:
    """Map every template id to its split.

    Templates are grouped in families (the id without its language prefix:
    ``it-n05``, ``fr-n05``, ``en-n05`` and ``es-n05`` are one family), so
    sibling versions of a message never straddle the two splits. Within each
    kind (``p`` positive, ``n`` hard negative) families are sorted by
    :func:`split_hash`; the first 60% (rounded half up) go to ``dev`` and the
    rest to ``test``. The rule reads nothing but the ids.
    """
    ids = list(template_ids)
    families = {template_family(i) for i in ids}
    family_split: dict[str, Split] = {}
    for kind in ("p", "n"):
        group = sorted((f for f in families if f[0] == kind), key=lambda f: (split_hash(f), f))
        dev_count = (len(group) * DEV_PERCENT + 50) // 100
        for rank, family in enumerate(group):
            family_split[family] = "dev" if rank < dev_count else "test"
    return {i: family_split[template_family(i)] for i in ids}


# ------------------------------------------------------------------ text utilities


def fold(text: str) -> str:
    """Lowercase and strip accents: ``"Zappalà"`` → ``"zappala"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def name_tokens(name: str) -> set[str]:
    """Return a name folded, plus each of its words of 3 letters or more."""
    folded = fold(name)
    return {folded} | {w for w in re.split(r"[\s\-']+", folded) if len(w) >= 3}


# --------------------------------------------------------------------- Faker names


@cache
def _person_provider(locale: str) -> BaseProvider:
    # An instance, not the class: some locales compute their lists in properties.
    # A locale without its own person module falls back to Faker's default names.
    provider: BaseProvider | None = Faker(locale).provider("faker.providers.person")
    if provider is None:
        raise ValueError(f"Faker has no person provider for {locale}")
    return provider


def _names_of(provider: BaseProvider, attribute: str) -> tuple[str, ...]:
    values: Iterable[str] = getattr(provider, attribute, ()) or ()
    return tuple(values)  # an OrderedDict of weights yields its names


@cache
def faker_name_tokens() -> frozenset[str]:
    """Return every folded first and last name (and name word) in Faker's lists."""
    tokens: set[str] = set()
    for locale in FAKER_NAME_LOCALES:
        provider = _person_provider(locale)
        for attribute in ("first_names", "first_names_male", "first_names_female", "last_names"):
            for name in _names_of(provider, attribute):
                tokens |= name_tokens(name)
    return frozenset(tokens)


def names_in_faker(pool: NamePool) -> list[str]:
    """Return the names of a pool that (or a word of which) appear in Faker's lists."""
    known = faker_name_tokens()
    names = (*pool.first_male, *pool.first_female, *pool.last)
    return [n for n in names if name_tokens(n) & known]


def check_test_names(pools: Mapping[Language, NamePool]) -> None:
    """Raise if a test-split name is in Faker's name lists."""
    for language, pool in pools.items():
        found = names_in_faker(pool)
        if found:
            raise ValueError(f"test names for {language} are in Faker's lists: {found}")


def dev_name_pool(language: Language, exclude: Iterable[str] = ()) -> NamePool:
    """Return Faker's names for a language, without the ``exclude`` ones (staff names)."""
    excluded = {fold(e) for e in exclude}
    male: list[str] = []
    female: list[str] = []
    last: list[str] = []
    for locale in DEV_NAME_LOCALES[language]:
        provider = _person_provider(locale)
        male += _names_of(provider, "first_names_male")
        female += _names_of(provider, "first_names_female")
        last += _names_of(provider, "last_names")

    def clean(names: list[str]) -> tuple[str, ...]:
        return tuple(sorted({n for n in names if fold(n) not in excluded}))

    return NamePool(first_male=clean(male), first_female=clean(female), last=clean(last))


# -------------------------------------------------------------------- check digits


def luhn_check_digit(payload: str) -> str:
    """Return the Luhn digit that makes ``payload + digit`` valid."""
    total = 0
    for position, char in enumerate(reversed(payload)):
        digit = int(char)
        if position % 2 == 0:  # doubled once the check digit is appended on the right
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return str((10 - total % 10) % 10)


_CF_ODD: Final = (1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10,
                  22, 25, 24, 23)  # fmt: skip
_CF_MONTHS: Final = "ABCDEHLMPRST"
_OMOCODIA: Final = "LMNPQRSTUV"
_CF_DIGIT_POSITIONS: Final = (14, 13, 12, 10, 9, 7, 6)  # replaced right to left


def _cf_index(char: str) -> int:
    return int(char) if char.isdigit() else ord(char) - ord("A")


def codice_fiscale_check_char(body: str) -> str:
    """Return the control character of a codice fiscale (also the Italian IBAN CIN).

    Characters in odd positions (1st, 3rd, ...) are converted with the "odd"
    table, the others by their plain value (0-9, A=0 ... Z=25); the sum
    modulo 26 is the letter.
    """
    total = 0
    for position, char in enumerate(body.upper()):
        index = _cf_index(char)
        total += _CF_ODD[index] if position % 2 == 0 else index
    return chr(ord("A") + total % 26)


def _cf_consonants_vowels(name: str) -> tuple[str, str]:
    letters = [c for c in fold(name).upper() if "A" <= c <= "Z"]
    consonants = "".join(c for c in letters if c not in "AEIOU")
    vowels = "".join(c for c in letters if c in "AEIOU")
    return consonants, vowels


def codice_fiscale(
    surname: str, first_name: str, birth: date, female: bool, place_code: str
) -> str:
    """Build a 16-character codice fiscale with its control character."""
    consonants, vowels = _cf_consonants_vowels(surname)
    surname_code = (consonants + vowels + "XXX")[:3]
    consonants, vowels = _cf_consonants_vowels(first_name)
    if len(consonants) >= 4:
        name_code = consonants[0] + consonants[2] + consonants[3]
    else:
        name_code = (consonants + vowels + "XXX")[:3]
    day = birth.day + (40 if female else 0)
    body = (
        f"{surname_code}{name_code}{birth.year % 100:02d}{_CF_MONTHS[birth.month - 1]}"
        f"{day:02d}{place_code}"
    )
    return body + codice_fiscale_check_char(body)


def omocode(fiscal_code: str, replacements: int) -> str:
    """Return the omocodia variant with the last ``replacements`` digits made letters.

    Digits are replaced right to left by ``LMNPQRSTUV`` (0 → L, ..., 9 → V) and
    the control character is recomputed.
    """
    chars = list(fiscal_code[:15].upper())
    for position in _CF_DIGIT_POSITIONS[:replacements]:
        if chars[position].isdigit():
            chars[position] = _OMOCODIA[int(chars[position])]
    body = "".join(chars)
    return body + codice_fiscale_check_char(body)


def tessera_sanitaria(rng: random.Random) -> str:
    """Return a 20-digit Italian health-card number: ``80380`` + 14 digits + Luhn."""
    payload = "80380" + "".join(rng.choice("0123456789") for _ in range(14))
    return payload + luhn_check_digit(payload)


def nir_key(body: str) -> str:
    """Return the 2-digit key of a 13-character French NIR: 97 − (n mod 97).

    For Corsica the department ``2A`` counts as 19 and ``2B`` as 18.
    """
    numeric = body[:5] + body[5:7].upper().replace("2A", "19").replace("2B", "18") + body[7:]
    return f"{97 - int(numeric) % 97:02d}"


_DNI_LETTERS: Final = "TRWAGMYFPDXBNJZSQVHLCKE"


def dni_letter(number: int) -> str:
    """Return the control letter of a Spanish DNI number (``n % 23`` in the table)."""
    return _DNI_LETTERS[number % 23]


def spanish_dni(number: int) -> str:
    """Return a DNI: 8 digits and the control letter."""
    return f"{number:08d}{dni_letter(number)}"


def spanish_nie(prefix: str, number: int) -> str:
    """Return a NIE: X, Y or Z, 7 digits and a letter (X/Y/Z count as 0/1/2)."""
    value = int(str("XYZ".index(prefix)) + f"{number:07d}")
    return f"{prefix}{number:07d}{dni_letter(value)}"


def us_ssn(rng: random.Random) -> tuple[int, int, int]:
    """Return a valid SSN as (area, group, serial): no 000, 666 or 9xx area, no zeros."""
    area = rng.choice([a for a in range(1, 900) if a != 666])
    return area, rng.randint(1, 99), rng.randint(1, 9999)


def iban_check_digits(country: str, bban: str) -> str:
    """Return the 2 IBAN check digits: 98 − (country-rearranged number mod 97)."""
    rearranged = (bban + country + "00").upper()
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    return f"{98 - int(numeric) % 97:02d}"


def italian_cin(abi: str, cab: str, account: str) -> str:
    """Return the CIN letter of an Italian bank account (same tables as the codice fiscale)."""
    return codice_fiscale_check_char(abi + cab + account)


def french_rib_key(bank: str, branch: str, account: str) -> str:
    """Return the 2-digit RIB key of a French account (numeric account number)."""
    return f"{97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97:02d}"


_CCC_WEIGHTS: Final = (1, 2, 4, 8, 5, 10, 9, 7, 3, 6)


def spanish_control_digit(digits: str) -> str:
    """Return one control digit of a Spanish account (10 digits, weights 1 2 4 8 ...)."""
    value = 11 - sum(int(d) * w for d, w in zip(digits, _CCC_WEIGHTS, strict=True)) % 11
    return "0" if value == 11 else "1" if value == 10 else str(value)


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


_IT_ABI: Final = ("03069", "02008", "05034", "03111", "01030", "05387", "06230", "03015")
_FR_BANKS: Final = ("30004", "30003", "20041", "10278", "30002", "11315", "16606")
_ES_BANKS: Final = ("2100", "0049", "0182", "2038", "0081", "0128", "2080")
_DE_BLZ: Final = ("10070000", "37040044", "50010517", "12030000", "20050550", "70020270")
_GB_BANKS: Final = ("NWBK", "BARC", "LOYD", "HBUK", "MIDL")


def iban_bban(rng: random.Random, country: str) -> str:
    """Return a random national account number with its national check digits."""
    if country == "IT":
        abi, cab, account = rng.choice(_IT_ABI), _digits(rng, 5), _digits(rng, 12)
        return italian_cin(abi, cab, account) + abi + cab + account
    if country == "FR":
        bank, branch, account = rng.choice(_FR_BANKS), _digits(rng, 5), _digits(rng, 11)
        return bank + branch + account + french_rib_key(bank, branch, account)
    if country == "ES":
        bank, branch, account = rng.choice(_ES_BANKS), _digits(rng, 4), _digits(rng, 10)
        control = spanish_control_digit("00" + bank + branch) + spanish_control_digit(account)
        return bank + branch + control + account
    if country == "DE":
        return rng.choice(_DE_BLZ) + _digits(rng, 10)
    if country == "GB":
        return rng.choice(_GB_BANKS) + _digits(rng, 6) + _digits(rng, 8)
    raise ValueError(f"no IBAN format for {country}")


def iban(country: str, bban: str) -> str:
    """Return the electronic IBAN (no spaces) of a national account number."""
    return country + iban_check_digits(country, bban) + bban


def payment_card(rng: random.Random, brand: str) -> str:
    """Return a Luhn-valid card number: ``visa`` (16), ``mastercard`` (16) or ``amex`` (15)."""
    if brand == "visa":
        prefix, length = "4", 16
    elif brand == "mastercard":
        prefix = str(rng.choice([rng.randint(51, 55), rng.randint(2221, 2720)]))
        length = 16
    elif brand == "amex":
        prefix, length = rng.choice(["34", "37"]), 15
    else:
        raise ValueError(f"unknown card brand {brand}")
    payload = prefix + _digits(rng, length - len(prefix) - 1)
    return payload + luhn_check_digit(payload)


# ----------------------------------------------------------------- value formats


def _group(text: str, sizes: Sequence[int], sep: str = " ") -> str:
    parts, position = [], 0
    for size in sizes:
        parts.append(text[position : position + size])
        position += size
    if position < len(text):
        parts.append(text[position:])
    return sep.join(p for p in parts if p)


_BELFIORE: Final = ("F205", "H501", "F839", "L219", "G273", "D969", "A944", "D612", "A662",
                    "C351", "L736", "L781", "F158", "G224", "L424", "B157", "G337", "B354",
                    "Z110", "Z131", "Z404")  # fmt: skip

_MONTHS: Final[Mapping[Language, tuple[str, ...]]] = {
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}  # fmt: skip

_WEEKDAYS: Final[Mapping[Language, tuple[str, ...]]] = {
    "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"),
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado"),
}


def format_weekday(rng: random.Random, language: Language, plural: bool = False) -> str:
    """Return a weekday name (Monday to Saturday), variously capitalised or unaccented."""
    day = rng.choice(_WEEKDAYS[language])
    if plural and language == "en":
        day += "s"
    elif plural and language == "es" and day == "sábado":
        day = "sábados"
    roll = rng.random()
    if roll < 0.25:
        return day.capitalize()
    return fold(day) if roll < 0.5 else day


def format_appointment_date(rng: random.Random, language: Language) -> str:
    """Return an appointment date (no patient meaning): "12 marzo", "12/03", "March 12th"."""
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    name = _MONTHS[language][month - 1]
    year = f"/{rng.choice([2025, 2026])}" if rng.random() < 0.2 else ""
    numeric = rng.choice([f"{day}/{month}", f"{day:02d}/{month:02d}"]) + year
    if language == "en":
        suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
        return rng.choice([f"{day} {name}", f"{name} {day}{suffix}", f"{name.lower()} {day}",
                           numeric, f"the {day}{suffix}"])  # fmt: skip
    if language == "es":
        return rng.choice([f"{day} de {name}", f"{day} {name}", numeric])
    return rng.choice([f"{day} {name}", f"{day} {name[:3]}", numeric])


def format_time(rng: random.Random, language: Language) -> str:
    """Return an appointment time the way people write it in ``language``."""
    hour, minute = rng.randint(7, 19), rng.choice([0, 0, 15, 30, 45])
    if language == "en":
        twelve = hour - 12 if hour > 12 else hour
        half = "pm" if hour >= 12 else "am"
        if minute == 0:
            return rng.choice([f"{twelve}{half}", f"{twelve} {half}", f"{hour}:00", f"{twelve}"])
        return rng.choice([f"{hour}:{minute:02d}", f"{twelve}:{minute:02d}{half}",
                           f"{twelve}.{minute:02d}"])  # fmt: skip
    if language == "fr":
        return rng.choice(
            [f"{hour}h{minute:02d}" if minute else f"{hour}h", f"{hour}:{minute:02d}"]
        )
    if minute == 0:
        return rng.choice([str(hour), f"{hour}:00", f"{hour}h" if language == "es" else f"{hour}"])
    return rng.choice([f"{hour}:{minute:02d}", f"{hour}.{minute:02d}"])


def format_price(rng: random.Random, language: Language) -> str:
    """Return an amount of money: "80 euro", "36,15 €", "£60"."""
    amount = rng.choice([25, 30, 36, 40, 45, 50, 60, 70, 80, 90, 100, 120, 150, 180])
    cents = rng.choice(["", "", "", ",50", ",15"])
    if language == "en":
        return rng.choice([f"€{amount}", f"{amount} euros", f"£{amount}", f"{amount} eur",
                           f"${amount}"])  # fmt: skip
    word = {"it": "euro", "fr": "euros", "es": "euros"}[language]
    return rng.choice([f"{amount} {word}", f"{amount}{cents} €", f"{amount}€", f"€{amount}",
                       f"{amount} eur"])  # fmt: skip


_EMAIL_DOMAINS_EXTRA: Final[Mapping[Language, tuple[str, ...]]] = {
    "it": (),
    "fr": (),
    "es": ("hotmail.es", "yahoo.es", "outlook.es", "telefonica.net"),
    "en": ("icloud.com", "btinternet.com", "aol.com"),
}

_FAKER_LOCALE: Final[Mapping[Language, str]] = {
    "it": "it_IT",
    "fr": "fr_FR",
    "es": "es_ES",
    "en": "en_GB",
}

_PHONE_COUNTRIES: Final[Mapping[Language, tuple[tuple[str, int], ...]]] = {
    "it": (("IT", 70), ("CH", 10), ("FR", 5), ("DE", 5), ("GB", 5), ("US", 5)),
    "fr": (("FR", 70), ("CH", 15), ("IT", 5), ("ES", 5), ("GB", 5)),
    "es": (("ES", 75), ("GB", 8), ("IT", 5), ("FR", 5), ("DE", 7)),
    "en": (("GB", 40), ("US", 35), ("IT", 5), ("FR", 5), ("ES", 5), ("CH", 5), ("DE", 5)),
}

_IBAN_COUNTRIES: Final[Mapping[Language, tuple[tuple[str, int], ...]]] = {
    "it": (("IT", 70), ("FR", 8), ("ES", 7), ("DE", 8), ("GB", 7)),
    "fr": (("FR", 70), ("IT", 8), ("ES", 7), ("DE", 8), ("GB", 7)),
    "es": (("ES", 70), ("IT", 8), ("FR", 8), ("DE", 7), ("GB", 7)),
    "en": (("GB", 55), ("IT", 12), ("FR", 11), ("ES", 11), ("DE", 11)),
}


def _weighted(rng: random.Random, choices: Sequence[tuple[str, int]]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def format_phone(rng: random.Random, country: str) -> str:
    """Return a phone number written the way people type it in ``country``."""
    if country == "IT":
        if rng.random() < 0.8:
            prefix = rng.choice(["320", "324", "327", "328", "329", "330", "331", "333", "334",
                                 "335", "338", "339", "340", "342", "345", "347", "348", "349",
                                 "351", "366", "370", "388", "389", "392", "393"])  # fmt: skip
            rest = _digits(rng, 7)
            return rng.choice([
                f"{prefix} {rest}", f"{prefix}{rest}", f"+39 {prefix} {rest[:3]} {rest[3:]}",
                f"+39 {prefix}{rest}", f"{prefix}-{rest}", f"{prefix} {rest[:3]} {rest[3:]}",
                f"0039 {prefix} {rest}", f"{prefix}.{rest[:3]}.{rest[3:]}",
            ])  # fmt: skip
        area = rng.choice(["02", "06", "011", "051", "055", "081", "010", "041"])
        rest = _digits(rng, 10 - len(area))
        return rng.choice([f"{area} {rest}", f"{area} {rest[:4]} {rest[4:]}",
                           f"+39 {area} {rest}", f"{area}{rest}"])  # fmt: skip
    if country == "FR":
        lead = rng.choice(["6", "7"]) if rng.random() < 0.8 else rng.choice("12345")
        rest = _digits(rng, 8)
        pairs = " ".join(rest[i : i + 2] for i in range(0, 8, 2))
        return rng.choice([
            f"0{lead} {pairs}", f"0{lead}{rest}", f"+33 {lead} {pairs}", f"+33{lead}{rest}",
            f"0{lead}.{pairs.replace(' ', '.')}", f"0{lead}-{pairs.replace(' ', '-')}",
            f"+33 (0){lead} {pairs}",
        ])  # fmt: skip
    if country == "ES":
        if rng.random() < 0.8:
            number = rng.choice("67") + _digits(rng, 8)
            return rng.choice([
                _group(number, (3, 3, 3)), number, f"+34 {_group(number, (3, 2, 2, 2))}",
                f"+34 {number}", f"+34{number}", _group(number, (3, 2, 2, 2)),
                f"0034 {_group(number, (3, 3, 3))}",
            ])  # fmt: skip
        number = rng.choice(["91", "93", "96", "95", "94", "98"]) + _digits(rng, 7)
        return rng.choice([_group(number, (2, 3, 2, 2)), _group(number, (3, 3, 3)),
                           f"+34 {_group(number, (2, 3, 2, 2))}"])  # fmt: skip
    if country == "GB":
        if rng.random() < 0.75:  # Ofcom's range for drama: 07700 900000-900999
            tail = _digits(rng, 3)
            return rng.choice([f"07700 900{tail}", f"+44 7700 900{tail}", f"+447700900{tail}",
                               f"07700900{tail}", f"07700 900 {tail}"])  # fmt: skip
        tail = _digits(rng, 3)
        return rng.choice([f"020 7946 0{tail}", f"+44 20 7946 0{tail}"])
    if country == "US":  # 555-0100 to 555-0199 are reserved for fiction
        area = rng.choice(["415", "212", "617", "312", "206", "512", "303", "619"])
        tail = f"01{_digits(rng, 2)}"
        return rng.choice([f"({area}) 555-{tail}", f"{area}-555-{tail}", f"+1 {area} 555 {tail}",
                           f"{area}.555.{tail}", f"+1 ({area}) 555-{tail}"])  # fmt: skip
    if country == "CH":
        mobile = rng.choice(["76", "77", "78", "79"])
        rest = _digits(rng, 7)
        spaced = f"{rest[:3]} {rest[3:5]} {rest[5:]}"
        return rng.choice([f"+41 {mobile} {spaced}", f"0{mobile} {spaced}", f"+41{mobile}{rest}",
                           f"0041 {mobile} {spaced}"])  # fmt: skip
    if country == "DE":
        if rng.random() < 0.7:
            mobile = rng.choice(["151", "152", "160", "170", "171", "176", "179"])
            rest = _digits(rng, 8)
            return rng.choice([f"+49 {mobile} {rest}", f"0{mobile} {rest}", f"+49{mobile}{rest}",
                               f"0{mobile}/{rest}"])  # fmt: skip
        area = rng.choice(["30", "40", "89", "221", "69"])
        rest = _digits(rng, 10 - len(area))
        return rng.choice([f"+49 {area} {rest}", f"0{area} {rest}"])
    raise ValueError(f"no phone format for {country}")


def format_date_of_birth(rng: random.Random, language: Language, born: date) -> str:
    """Return a birth date written the way a patient writing ``language`` would."""
    d, m, y = born.day, born.month, born.year
    month = _MONTHS[language][m - 1]
    if rng.random() < 0.05:
        return f"{y}-{m:02d}-{d:02d}"
    if language == "en":
        suffix = "th" if 11 <= d % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
        if rng.random() < 0.5:  # British order
            options = [f"{d:02d}/{m:02d}/{y}", f"{d} {month} {y}", f"{d}/{m}/{y}",
                       f"{d}{suffix} {month.lower()} {y}",
                       f"{d:02d}.{m:02d}.{y % 100:02d}"]  # fmt: skip
        else:
            options = [f"{m:02d}/{d:02d}/{y}", f"{month} {d}, {y}", f"{m}/{d}/{y % 100:02d}",
                       f"{month.lower()} {d}{suffix} {y}", f"{m}-{d}-{y}"]  # fmt: skip
        return rng.choice(options)
    if language == "fr":
        day = "1er" if d == 1 else str(d)
        written = month if rng.random() < 0.6 else fold(month)
        options = [f"{d:02d}/{m:02d}/{y}", f"{day} {written} {y}", f"{d:02d}.{m:02d}.{y % 100:02d}",
                   f"{d:02d}-{m:02d}-{y}", f"{d}/{m}/{y % 100:02d}"]  # fmt: skip
        return rng.choice(options)
    if language == "es":
        options = [f"{d:02d}/{m:02d}/{y}", f"{d} de {month} de {y}", f"{d}-{m}-{y}", f"{d}/{m}/{y}",
                   f"{d} {month} {y}", f"{d:02d}/{m:02d}/{y % 100:02d}"]  # fmt: skip
        return rng.choice(options)
    options = [f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"{d:02d}-{m:02d}-{y % 100:02d}",
               f"{d}.{m}.{y}", f"{d} {month} {y}", f"{d} {month[:3]} {y}",
               f"{d:02d}/{m:02d}/{y % 100:02d}"]  # fmt: skip
    return rng.choice(options)


def format_nir(rng: random.Random) -> str:
    """Return a French NIR (15 characters with its key), often spaced in groups."""
    sex = rng.choice("12")
    year = f"{rng.randint(0, 99):02d}"
    month = f"{rng.randint(1, 12):02d}"
    roll = rng.random()
    if roll < 0.2:
        department, commune = rng.choice(["2A", "2B"]), f"{rng.randint(1, 366):03d}"
    elif roll < 0.3:
        department, commune = f"97{rng.randint(1, 6)}", f"{rng.randint(1, 34):02d}"
    else:
        department = f"{rng.choice([n for n in range(1, 96) if n != 20]):02d}"
        commune = f"{rng.randint(1, 700):03d}"
    order = f"{rng.randint(1, 999):03d}"
    body = sex + year + month + department + commune + order
    key = nir_key(body)
    style = rng.random()
    if style < 0.55:
        return " ".join([sex, year, month, department, commune, order, key])
    if style < 0.85:
        return body + key
    return f"{body} {key}"


def format_dni_nie(rng: random.Random) -> str:
    """Return a Spanish DNI (70%) or NIE, in one of the ways people write them."""
    if rng.random() < 0.7:
        value = spanish_dni(rng.randint(1_000_000, 99_999_999))
        digits, letter = value[:8], value[8]
        text = rng.choice([value, f"{digits}-{letter}", f"{digits} {letter}",
                           f"{digits[:2]}.{digits[2:5]}.{digits[5:]}-{letter}"])  # fmt: skip
    else:
        value = spanish_nie(rng.choice("XYZ"), rng.randint(0, 9_999_999))
        text = rng.choice([value, f"{value[0]}-{value[1:8]}-{value[8]}", f"{value[:8]} {value[8]}"])
    return text.lower() if rng.random() < 0.2 else text


def format_ssn(rng: random.Random) -> str:
    """Return a valid US SSN, usually as ``123-45-6789``."""
    area, group, serial = us_ssn(rng)
    sep = rng.choices(["-", " ", ""], weights=[75, 20, 5])[0]
    return f"{area:03d}{sep}{group:02d}{sep}{serial:04d}"


def format_iban(rng: random.Random, country: str) -> str:
    """Return a valid IBAN, electronic or printed in groups of 4, sometimes lowercase."""
    value = iban(country, iban_bban(rng, country))
    if rng.random() < 0.4:
        value = _group(value, [4] * 8)
    return value.lower() if rng.random() < 0.1 else value


def format_card(rng: random.Random) -> str:
    """Return a Luhn-valid Visa, Mastercard or Amex number, sometimes spaced."""
    brand = rng.choices(["visa", "mastercard", "amex"], weights=[50, 35, 15])[0]
    number = payment_card(rng, brand)
    sizes = (4, 6, 5) if brand == "amex" else (4, 4, 4, 4)
    return rng.choices(
        [number, _group(number, sizes), _group(number, sizes, "-")], weights=[35, 55, 10]
    )[0]


def format_fiscal_code(rng: random.Random, surname: str, first_name: str) -> str:
    """Return a valid codice fiscale for a random birth; 15% are omocodia variants."""
    female = rng.random() < 0.5
    born = date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 80))
    value = codice_fiscale(surname, first_name, born, female, rng.choice(_BELFIORE))
    if rng.random() < 0.15:
        value = omocode(value, rng.randint(1, 3))
    return value.lower() if rng.random() < 0.25 else value


def format_health_card(rng: random.Random) -> str:
    """Return a tessera sanitaria number, usually as 20 contiguous digits."""
    value = tessera_sanitaria(rng)
    return _group(value, (5, 5, 5, 5)) if rng.random() < 0.15 else value


def _pattern(rng: random.Random, pattern: str) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return "".join(
        rng.choice("0123456789") if c == "#" else rng.choice(letters) if c == "?" else c
        for c in pattern
    )


_MRN_PATTERNS: Final = ("#######", "20##/#####", "######", "#####", "CR-######", "P########",
                        "##-######", "20##-######", "MR#######")  # fmt: skip
_POLICY_PATTERNS: Final = ("???-####-######", "#########", "##/#######", "??########",
                           "#### #### ##", "???#######", "##########-##", "POL-######",
                           "??-###-#####")  # fmt: skip


def format_medical_record(rng: random.Random) -> str:
    """Return a clinic's patient or medical-record number (the identifier only)."""
    value = _pattern(rng, rng.choice(_MRN_PATTERNS))
    return value.lower() if rng.random() < 0.1 else value


def format_policy(rng: random.Random) -> str:
    """Return an insurance policy number (the identifier only)."""
    value = _pattern(rng, rng.choice(_POLICY_PATTERNS))
    return value.lower() if rng.random() < 0.15 else value


# ------------------------------------------------------------------ slot filling


def _case(rng: random.Random, text: str, modifiers: frozenset[str]) -> str:
    case: str | None = next((m for m in ("lower", "upper", "cap") if m in modifiers), None)
    if case is None:
        case = rng.choices(["cap", "lower", "upper"], weights=[55, 40, 5])[0]
    if case == "upper":
        return text.upper()
    if case == "lower":
        return fold(text) if rng.random() < 0.5 else text.lower()
    return text


class _Filler:
    """Fills the slots of one message with values drawn from one random generator."""

    def __init__(
        self,
        rng: random.Random,
        language: Language,
        split: Split,
        names: NamePool,
        template_set: TemplateSet,
        fakers: Mapping[str, Faker],
    ) -> None:
        self.rng = rng
        self.language = language
        self.split = split
        self.names = names
        self.addresses = template_set.test_addresses
        self.context = template_set.context[language]
        self.fakers = fakers
        self.used: set[str] = set()

    def fill_context(self, name: str, modifiers: frozenset[str]) -> str:
        """Return a value for a lowercase (non-identifying) slot."""
        rng, language = self.rng, self.language
        if name in self.context:
            return _nfc(rng.choice(self.context[name]))
        if name == "date":
            return format_appointment_date(rng, language)
        if name == "time":
            return format_time(rng, language)
        if name == "weekday":
            return format_weekday(rng, language, plural="plural" in modifiers)
        if name == "price":
            return format_price(rng, language)
        if name == "age":
            return str(rng.randint(1, 14) if "child" in modifiers else rng.randint(18, 90))
        if name == "n":
            return str(rng.randint(2, 12))
        raise ValueError(f"unknown context slot {name}")

    def fill(self, entity: str, modifiers: frozenset[str]) -> str:
        """Return a value for an identifier (uppercase) slot."""
        handlers: dict[str, Callable[[frozenset[str]], str]] = {
            "PERSON": self.person,
            "PHONE_NUMBER": self.phone,
            "EMAIL_ADDRESS": lambda _: self.email(),
            "IT_FISCAL_CODE": lambda _: self.fiscal_code(),
            "IT_HEALTH_CARD": lambda _: format_health_card(self.rng),
            "FR_NIR": lambda _: format_nir(self.rng),
            "ES_DNI_NIE": lambda _: format_dni_nie(self.rng),
            "US_SSN": lambda _: format_ssn(self.rng),
            "IBAN_CODE": self.iban,
            "CREDIT_CARD": lambda _: format_card(self.rng),
            "DATE_OF_BIRTH": self.date_of_birth,
            "STREET_ADDRESS": lambda _: self.street_address(),
            "MEDICAL_RECORD_NUMBER": lambda _: format_medical_record(self.rng),
            "INSURANCE_POLICY": lambda _: format_policy(self.rng),
        }
        return _nfc(handlers[entity](modifiers))

    def _first(self, female: bool) -> str:
        return self.rng.choice(self.names.first_female if female else self.names.first_male)

    def _surname(self) -> str:
        surname = self.rng.choice(self.names.last)
        if self.language == "es" and self.rng.random() < 0.6:  # two apellidos
            second = self.rng.choice(self.names.last)
            if second != surname:
                surname = f"{surname} {second}"
        return surname

    def person(self, modifiers: frozenset[str]) -> str:
        style: str | None = next(
            (m for m in ("first", "full", "last", "rev") if m in modifiers), None
        )
        if style is None:
            style = self.rng.choices(["first", "full", "rev"], weights=[35, 55, 10])[0]
        if "f" in modifiers or "m" in modifiers:
            female = "f" in modifiers
        else:
            female = self.rng.random() < 0.5
        for _ in range(50):
            first, last = self._first(female), self._surname()
            if not ({first, *last.split()} & self.used):
                break
        self.used |= {first, *last.split()}
        text = {
            "first": first,
            "full": f"{first} {last}",
            "last": last,
            "rev": f"{last} {first}",
        }[style or "full"]
        return _case(self.rng, text, modifiers)

    def phone(self, modifiers: frozenset[str]) -> str:
        forced = sorted(modifiers & _ALLOWED_MODIFIERS["PHONE_NUMBER"])
        country = forced[0] if forced else _weighted(self.rng, _PHONE_COUNTRIES[self.language])
        return format_phone(self.rng, country)

    def email(self) -> str:
        first = fold(self._first(self.rng.random() < 0.5))
        last = fold(self.rng.choice(self.names.last))
        first, last = (re.sub(r"[^a-z]", "", part) for part in (first, last))
        year = str(self.rng.randint(1950, 2005))
        local = self.rng.choice([
            f"{first}.{last}", f"{first}{last}", f"{first}_{last}{year[2:]}", f"{first[0]}.{last}",
            f"{last}.{first}", f"{first}{last}{year}", f"{first}.{last}{self.rng.randint(1, 99)}",
            f"{first}{self.rng.randint(1, 999)}",
        ])  # fmt: skip
        domains = _faker_domains(_FAKER_LOCALE[self.language])
        domains = tuple(sorted(set(domains) | set(_EMAIL_DOMAINS_EXTRA[self.language])))
        return f"{local}@{self.rng.choice(domains)}"

    def fiscal_code(self) -> str:
        return format_fiscal_code(
            self.rng, self.rng.choice(self.names.last), self._first(self.rng.random() < 0.5)
        )

    def iban(self, modifiers: frozenset[str]) -> str:
        forced = sorted(modifiers & _ALLOWED_MODIFIERS["IBAN_CODE"])
        country = forced[0] if forced else _weighted(self.rng, _IBAN_COUNTRIES[self.language])
        return format_iban(self.rng, country)

    def date_of_birth(self, modifiers: frozenset[str]) -> str:
        if "child" in modifiers:
            start, end = date(2009, 1, 1), date(2023, 12, 31)
        else:
            start, end = date(1936, 1, 1), date(2005, 12, 31)
        born = start + timedelta(days=self.rng.randrange((end - start).days + 1))
        return format_date_of_birth(self.rng, self.language, born)

    def street_address(self) -> str:
        region: str = self.language
        if region == "en":
            region = "en_GB" if self.rng.random() < 0.55 else "en_US"
        if self.split == "test":
            streets, places = self.addresses[region]
            street, place = self.rng.choice(streets), self.rng.choice(places)
        else:
            street, place = self._faker_street_and_place(region)
        text = self._address(region, street, place)
        roll = self.rng.random()
        return fold(text) if roll < 0.15 else text.lower() if roll < 0.35 else text

    def _faker_street_and_place(self, region: str) -> tuple[str, str]:
        fake = self.fakers[region if region.startswith("en") else _FAKER_LOCALE[self.language]]
        fake.seed_instance(self.rng.getrandbits(32))
        street = fake.street_name()
        if region == "en_GB":
            return street, f"{fake.city()} {fake.postcode()}"
        if region == "en_US":
            return street, f"{fake.city()}, {fake.state_abbr()} {fake.postcode()}"
        if region == "it":
            # Faker's it_IT city() draws from a set, whose order changes between runs;
            # its postcode table gives a real postcode with its own towns, in order.
            postcode = fake.postcode()
            towns = ItalianAddresses.cap_city_province
            return street, f"{postcode} {self.rng.choice(towns[postcode])[0]}"
        return street, f"{fake.postcode()} {fake.city()}"

    def _address(self, region: str, street: str, place: str) -> str:
        rng = self.rng
        number = str(rng.randint(1, 180))
        with_place = rng.random() < 0.7
        if region == "it":
            if rng.random() < 0.15:
                number += rng.choice(["/a", "/b", "b", " int. 5", " scala B"])
            sep = rng.choice([", ", " "])
            return f"{street} {number}{sep}{place}" if with_place else f"{street} {number}"
        if region == "fr":
            if rng.random() < 0.1:
                number += " bis"
            line = f"{number} {street}" if rng.random() < 0.9 else f"{number}, {street}"
            return f"{line}, {place}" if with_place else line
        if region == "es":
            written = street
            if rng.random() < 0.3:
                written = re.sub(r"^calle ", "c/ ", written)
                written = re.sub(r"^avenida ", "avda. ", written)
            floor = rng.choice(["", "", ", 3º B", " 2º izq", ", bajo", ", 4º 1ª", " 5 dcha"])
            line = f"{written} {number}{floor}"
            return f"{line}, {place}" if with_place else line
        if region == "en_GB":
            flat = f"Flat {rng.randint(1, 12)}, " if rng.random() < 0.2 else ""
            line = f"{flat}{number} {street}"
            return f"{line}, {place}" if with_place else line
        apartment = f", Apt {rng.randint(1, 30)}{rng.choice('ABCD')}" if rng.random() < 0.3 else ""
        line = f"{rng.randint(100, 9999)} {street}{apartment}"
        return f"{line}, {place}" if with_place else line


@cache
def _faker_domains(locale: str) -> tuple[str, ...]:
    module = importlib.import_module(f"faker.providers.internet.{locale}")
    domains: Iterable[str] = module.Provider.free_email_domains
    return tuple(sorted(set(domains)))


@cache
def _fakers() -> dict[str, Faker]:
    return {locale: Faker(locale) for locale in ("it_IT", "fr_FR", "es_ES", "en_GB", "en_US")}


# --------------------------------------------------------------------- generation


def fill_template(template: Template, filler: _Filler) -> tuple[str, tuple[Span, ...]]:
    """Replace every slot of a template and return the text with the value spans."""
    parts: list[str] = []
    spans: list[Span] = []
    length, position = 0, 0
    for match in SLOT_PATTERN.finditer(template.text):
        literal = template.text[position : match.start()]
        parts.append(literal)
        length += len(literal)
        name = match.group(1)
        modifiers = frozenset(filter(None, match.group(2).split(":")))
        if name in ENTITY_TYPES:
            value = filler.fill(name, modifiers)
            spans.append(Span(length, length + len(value), name))
        else:
            value = filler.fill_context(name, modifiers)
        if not value or value != value.strip():
            raise ValueError(f"{template.id}: bad value {value!r} for {name}")
        parts.append(value)
        length += len(value)
        position = match.end()
    parts.append(template.text[position:])
    text = "".join(parts)
    return text, tuple(spans)


def build_dataset(templates_path: Path = TEMPLATES_PATH) -> dict[Split, list[Message]]:
    """Fill every template ``MESSAGES_PER_TEMPLATE`` times, deterministically, by split."""
    template_set = load_templates(templates_path)
    splits = assign_splits(t.id for t in template_set.templates)
    check_test_names(template_set.test_names)
    staff = template_set.staff_names()
    for language, pool in template_set.test_names.items():
        clash = {fold(n) for n in (*pool.first_male, *pool.first_female, *pool.last)}
        if clash & {fold(s) for s in staff}:
            raise ValueError(f"test names for {language} include staff names")
    dev_pools = {lang: dev_name_pool(lang, exclude=staff) for lang in LANGUAGES}
    dataset: dict[Split, list[Message]] = {split: [] for split in SPLITS}
    for template in template_set.templates:
        split = splits[template.id]
        names = template_set.test_names[template.language] if split == "test" else None
        pool = names or dev_pools[template.language]
        seen_texts: set[str] = set()
        for number in range(1, MESSAGES_PER_TEMPLATE + 1):
            for attempt in range(20):  # draw again if a message repeats an earlier one
                seed = f"{SEED}/{template.id}/{number}" + (f"/{attempt}" if attempt else "")
                rng = random.Random(seed)  # noqa: S311 - reproducible data, not security
                filler = _Filler(rng, template.language, split, pool, template_set, _fakers())
                text, spans = fill_template(template, filler)
                if text not in seen_texts:
                    break
            else:
                raise ValueError(f"{template.id}: cannot draw {MESSAGES_PER_TEMPLATE} messages")
            seen_texts.add(text)
            dataset[split].append(
                Message(
                    id=f"{template.id}-{number}",
                    template=template.id,
                    language=template.language,
                    text=text,
                    spans=spans,
                    negative=template.negative,
                )
            )
    return dataset


def write_dataset(
    out_dir: Path = DATASET_DIR, templates_path: Path = TEMPLATES_PATH
) -> dict[Split, list[Message]]:
    """Write ``dev.jsonl`` and ``test.jsonl`` into ``out_dir`` and return their messages."""
    by_split = build_dataset(templates_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    for split, items in by_split.items():
        payload = "".join(m.to_json() + "\n" for m in items)
        (out_dir / f"{split}.jsonl").write_bytes(payload.encode("utf-8"))
    return by_split


def read_messages(path: Path) -> list[Message]:
    """Read a ``.jsonl`` file written by :func:`write_dataset`."""
    messages = []
    for line in path.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        messages.append(
            Message(
                id=raw["id"],
                template=raw["template"],
                language=raw["language"],
                text=raw["text"],
                spans=tuple(Span(s["start"], s["end"], s["type"]) for s in raw["spans"]),
                negative=raw["negative"],
            )
        )
    return messages


# ------------------------------------------------------------------------ counts


def counts_markdown(by_split: Mapping[Split, Sequence[Message]]) -> str:
    """Return the Markdown count tables that ``README.md`` shows."""
    messages = [(split, m) for split in SPLITS for m in by_split[split]]
    lines = [
        "| split | language | templates | messages | hard-negative messages | spans |",
        "|---|---|---|---|---|---|",
    ]
    for split in SPLITS:
        for language in (*LANGUAGES, None):
            chosen = [
                m
                for s, m in messages
                if s == split and (language is None or m.language == language)
            ]
            lines.append(
                f"| {split} | {language or 'all'} | {len({m.template for m in chosen})} "
                f"| {len(chosen)} | {sum(m.negative for m in chosen)} "
                f"| {sum(len(m.spans) for m in chosen)} |"
            )
    lines += [
        "",
        "Spans per entity type (dev it/fr/en/es · test it/fr/en/es · total):",
        "",
        "| entity type | dev it | dev fr | dev en | dev es | test it | test fr | test en "
        "| test es | total |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    counter: Counter[tuple[str, str, str]] = Counter(
        (split, m.language, span.type) for split, m in messages for span in m.spans
    )
    for entity in ENTITY_TYPES:
        cells = [counter[(split, lang, entity)] for split in SPLITS for lang in LANGUAGES]
        lines.append(f"| {entity} | " + " | ".join(map(str, cells)) + f" | {sum(cells)} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    """Regenerate ``dev.jsonl`` and ``test.jsonl`` and print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DATASET_DIR, help="output folder")
    args = parser.parse_args(argv)
    by_split = write_dataset(args.out)
    for split, items in by_split.items():
        print(f"{args.out / f'{split}.jsonl'}: {len(items)} messages")
    print()
    print(counts_markdown(by_split), end="")


if __name__ == "__main__":
    main()

"""Recognizer for any identifier-shaped number, whatever phrase introduces it.

Patients quote numbers from cards and letters after phrases no list can hold
("sul braccialetto c'era scritto 24OR001877", "n° de venue 2025-1184402",
"Subscriber # HMO 338 001 772", "tengo Cosalud y en la tarjeta pone 7730 2219
0045"). Each insurer, fund and hospital has its own numbering, so the
specific recognizers (record numbers, policies, national IDs with their check
digits) cannot cover them all. What they share is their shape: a run of at
least five digits, or a code of letters glued to at least four digits, in one
token or in groups separated by single spaces.

Everything else with that many digits in a patient message is a number of
something: a time or a range of times ("8.30-12.30"), a price or a quantity
with its unit ("46,15 €", "25.000 UI", "10000 steps"), a year or a range of
years ("2019-2024"), a date (the date recognizers decide about dates), a
reading ("140/90"), a law ("legge 104/92", "2016/679"), or a postcode before
its town. Those are left alone. The clinic's own numbers (its phones, the
codes printed in its approved documents) are dropped afterwards by the
allow-list, as for every other type.

The type is ``ID_NUMBER`` and the score low (0.55): where a specific
recognizer finds the same number (a phone, a policy after "polizza", an IBAN)
its type wins, and :func:`widen_winner` stretches the winner over the whole
run, so no group of digits is left in the text.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import RuleRecognizer, finding, respan
from guardrails.recognizers.lexicon import EVERYDAY_WORDS, UNITS, fold
from guardrails.recognizers.person_lexicon import name_lexicon
from guardrails.recognizers.phone import PHONE_WORD_BEFORE
from guardrails.recognizers.word_frequency import top_zipf

ENTITY = "ID_NUMBER"
SCORE = 0.55
MIN_DIGITS = 5
MIN_DIGITS_IN_CODE = 4
MAX_LENGTH = 34

# One token: letters and digits, joined by single - / . ("24OR001877", "1/39821/77").
_CODE = r"(?=[A-Za-z0-9./-]*\d)[A-Za-z0-9]+(?:[-/.][A-Za-z0-9]+)*"
_RUN = re.compile(
    rf"(?<![\w@+/\-])(?<!\d[.,:])"
    # "HMO 338 001 772", "CA 77120 039", "AV-H 3310 8842"
    rf"(?P<prefix>(?-i:[A-Z]{{2,5}}(?:-[A-Z]{{1,3}})?)[ ](?=\d))?"
    rf"(?P<core>{_CODE}(?:[ ]\d+(?:[-/]\d+)*(?![.,]\d))*)"  # digit groups after single spaces
    rf"(?P<suffix>[ ](?-i:[A-Z]{{1,3}})(?![\w]))?"  # "1874 402 K"
    rf"(?![\w@]|[.\-/]\w)"
)

# Acronyms that name the number instead of being part of it: "NHS 943 476 5919"
# keeps "NHS" in the text.
LABELS = frozenset(
    """ID NO NR NUM REF TEL FAX CELL MOB DOB DDN CAP CP ZIP NHS NHC CHI IPP MRN SIP CIP NIR
    NIE DNI NIF CF TS SS SSN IBAN RIB CB CVV PIN NUHSA TSI CUP NRE OTP""".split()
)

WORD_PREFIX_MIN_LENGTH = 4
WORD_PREFIX_MIN_ZIPF = 4.0
"""Capitals this long and this common in some language are a word ("FISSO", "MOVIL")."""


def _names_the_number(text: str, prefix: str, number_start: int) -> bool:
    """Tell whether the capitals before a number name it instead of belonging to it.

    An acronym among :data:`LABELS` does ("NHS 943 476 5919"); so does a word
    after a phone word, or one itself ("TEL. FISSO 0331 278 415", "MOVIL 615
    20 93 74"). A word with no phone word before it may be a code's letters:
    a Catalan health card is "GAMA 1170301006".
    """
    prefix = prefix.strip()
    if prefix in LABELS:
        return True  # "NHS 943 476 5919"
    if fold(prefix) in name_lexicon().stop and _CAPITALS_BEFORE.search(
        text, max(0, number_start - len(prefix) - 30), number_start - len(prefix) - 1
    ):
        return True  # in a message in capitals, a word: "LLAMEN AL 964 30 18 57", "IS 0191 …"
    if len(prefix) < WORD_PREFIX_MIN_LENGTH or top_zipf(fold(prefix)) < WORD_PREFIX_MIN_ZIPF:
        return False
    return PHONE_WORD_BEFORE.search(text, max(0, number_start - 40), number_start) is not None


# A word in capitals right before the prefix: the message is written in capitals.
_CAPITALS_BEFORE = re.compile(r"(?-i:[A-ZÀ-ÖØ-Þ]{2,})[ \t]*$")
_LEADING_LABEL = re.compile(r"(?:n|nr|no|num|tel|cell?|ref|id)\.", re.IGNORECASE)
_WEB_ADDRESS = re.compile(r"www\.|[^\W\d_]{2,}\.[^\W\d_]{2,}", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"(?:[€$£¥]|\b(?:eur|euro|euros|chf|usd|gbp|fr)\.?)\s*$", re.I)
_MORE_UNITS = frozenset(
    fold(unit)
    for unit in """ui iu mcg µg mg/dl mmhg mmol kcal cal passi steps pas pasos € $ £ chf usd gbp
    eur euro euros dollars dollari dolares pounds sterline libras francs franchi lire lira
    pesos yen
    litri litres liters litros g gr grammi grammes gramos kg mm ml cl l""".split()
)
_UNIT_AFTER = re.compile(r"\s*([^\W\d]+(?:/[^\W\d]+)?|[€$£%])", re.UNICODE)
_POSTCODE_WORD_BEFORE = re.compile(
    r"\b(?:cap|c\.a\.p\.|cp|code\s+postal|c[óo]digo\s+postal|zip(?:\s+code)?|post\s*code)"
    r"\W{0,3}$",
    re.IGNORECASE,
)

_TIME = re.compile(r"^\d{1,2}[:.h]\d{2}$")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_DECIMAL = re.compile(r"^\d+[.,]\d{1,2}$")
_THOUSANDS = re.compile(r"^\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?$")
_SHORT_FRACTION = re.compile(r"^\d{1,3}/\d{1,3}$")  # "140/90", "104/92"
_NUMERIC_DATE = re.compile(r"^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})$")
_SPACED_DATE = re.compile(r"^(\d{1,2}) (\d{1,2}) ((?:19|20)\d{2})$")


def _is_date(value: str) -> bool:
    """Tell whether ``value`` is a numeric date (day/month/year either order, or ISO)."""
    match = _NUMERIC_DATE.match(value) or _SPACED_DATE.match(value)
    if match is None:
        return False
    groups = [g for g in match.groups() if g.isdigit()]
    first, second, third = (int(g) for g in groups)
    if len(groups[0]) == 4:  # ISO: year, month, day
        return 1 <= second <= 12 and 1 <= third <= 31
    if len(groups[2]) not in (2, 4):
        return False
    day_first = 1 <= first <= 31 and 1 <= second <= 12
    month_first = 1 <= first <= 12 and 1 <= second <= 31
    return day_first or month_first


def _is_a_number_of_something(core: str) -> bool:
    """Tell whether the run is a time, a year, a decimal, a reading, a law or a date."""
    parts = re.split(r"[-/]", core)
    if all(_TIME.match(part) or _DECIMAL.match(part) for part in parts):
        return True  # "8.30-12.30", "10h30-12h", "14.6/23.2"
    if all(_YEAR.match(part) for part in parts):
        return True  # "2019-2024"
    if _DECIMAL.match(core) or _THOUSANDS.match(core) or _SHORT_FRACTION.match(core):
        return True
    if _is_date(core):
        return True
    groups = re.findall(r"\d+", core)
    if any(_YEAR.match(g) for g in groups):
        rest = sum(len(g) for g in groups if not _YEAR.match(g))
        if rest < MIN_DIGITS_IN_CODE:
            return True  # "730/2025", "Regolamento 2016/679"
    return False


class IdShapedRecognizer(RuleRecognizer):
    """Recognize a number shaped like an identifier (``ID_NUMBER``), with or without a phrase.

    Format: one token of letters and digits joined by ``-``, ``/`` or ``.``,
    possibly followed by digit groups after single spaces, with an optional
    acronym before ("HMO 338 001 772") and up to three capital letters after
    ("1874 402 K"). It counts when it has at least 5 digits, or at least 4
    with letters glued to them ("A-4471"). Times, prices, quantities with a
    unit, years, dates, readings ("140/90"), laws ("104/92") and postcodes
    before a town are skipped (see the module docstring).

    Reference: none (insurer-, hospital- and fund-specific numbers).
    """

    ENTITIES = (ENTITY,)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one ID_NUMBER result per identifier-shaped run."""
        results: list[RecognizerResult] = []
        for match in _RUN.finditer(text):
            core_start, core_end = match.span("core")
            start, end = match.span()
            first_token = re.match(r"\S+", match.group("core"))
            if first_token and _is_date(first_token.group()):
                # "3/2/10 3405512987": a date of birth, then a number of its own
                core_start = start = core_start + first_token.end() + 1
                if core_start >= core_end:
                    continue
            if first_token and re.search(r"[a-z]", first_token.group()):
                # digit groups join codes written in capitals ("W2294 8871 03"), not a
                # word with a number ("p99 213")
                core_end = end = core_start + first_token.end()
            if match.group("prefix") and _names_the_number(text, match.group("prefix"), core_start):
                start = core_start  # "NHS 943 476 5919", "TEL. FISSO 0331 278 415": not its name
            if match.group("suffix") and match.group("suffix").strip() in LABELS:
                end = core_end
            label = _LEADING_LABEL.match(text, start, end)
            if label:
                start = label.end()  # "n.0045821": the number, not its "n."
            if self._keep(text, text[core_start:core_end], start, end, core_end):
                results.append(finding(self, ENTITY, start, end, SCORE, "identifier-shaped number"))
        return results

    @staticmethod
    def _keep(text: str, core: str, start: int, end: int, core_end: int) -> bool:
        """Tell whether the run at ``start:end`` (its digits in ``core``) is an identifier."""
        value = text[start:end]
        digits = sum(char.isdigit() for char in value)
        glued = any(
            any(c.isalpha() for c in token) and any(c.isdigit() for c in token)
            for token in re.split(r"[ ]", value)
        )
        if len(value) > MAX_LENGTH or _WEB_ADDRESS.search(value):
            return False
        if digits < MIN_DIGITS and not (glued and digits >= MIN_DIGITS_IN_CODE):
            return False
        if "-" not in value and "/" not in value and re.fullmatch(r"[\d .]+", core):
            # a plain number: a price, a quantity or a postcode before its town
            if _CURRENCY_BEFORE.search(text[max(0, start - 6) : start]):
                return False
            after = _UNIT_AFTER.match(text, core_end)  # "25 000 UI": the unit, not a suffix
            if after and (fold(after.group(1)) in UNITS or fold(after.group(1)) in _MORE_UNITS):
                return False
            if after and after.group(1) in ("%",):
                return False
        if _is_a_number_of_something(core.replace(" ", "")) or _is_date(core):
            return False
        return not _postcode(text, core, start, end)


def _postcode(text: str, core: str, start: int, end: int) -> bool:
    """Tell whether a five-digit number is a postcode: before its town, or after "cap", "zip"."""
    if not re.fullmatch(r"\d{5}", core):
        return False
    if _POSTCODE_WORD_BEFORE.search(text[max(0, start - 20) : start]):
        return True
    town = re.match(r"(?:[ \t]+|[ \t]*\n[ \t]*)((?-i:[A-ZÀ-ÖØ-Þ])[^\W\d_]+)", text[end:])
    return town is not None and fold(town.group(1)) not in EVERYDAY_WORDS


def widen_winner(kept: list[RecognizerResult], loser: RecognizerResult) -> None:
    """Stretch the one kept finding that an ``ID_NUMBER`` overlapped so that it covers it too.

    A phone number found inside "HMO 338 001 772", or a policy number cut at
    its first group ("2953" of "2953 51726 1"), wins on score; the rest of the
    identifier-shaped run must not stay in the text. Nothing changes when the
    loser overlaps several kept findings or the wider span would reach another.
    """
    overlapping = [
        i for i, other in enumerate(kept) if loser.start < other.end and other.start < loser.end
    ]
    if len(overlapping) != 1:
        return
    winner = kept[overlapping[0]]
    start, end = min(winner.start, loser.start), max(winner.end, loser.end)
    if any(
        start < other.end and other.start < end
        for i, other in enumerate(kept)
        if i != overlapping[0]
    ):
        return
    kept[overlapping[0]] = respan(winner, start, end)

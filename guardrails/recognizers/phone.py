"""Phone-number recognizer for the regions Frontdesk's clinics and patients call from."""

from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from guardrails.recognizers.base import finding
from guardrails.recognizers.lexicon import longest_first

CLINIC_PHONE_REGIONS: tuple[str, ...] = ("IT", "ES", "FR", "GB", "US", "CH", "DE")
"""Regions tried in order; a number written with a + prefix is parsed whatever the region."""

MULTILINGUAL_PHONE_CONTEXT: list[str] = [
    "phone",
    "number",
    "telephone",
    "cell",
    "mobile",
    "call",
    "whatsapp",
    "telefono",
    "cellulare",
    "numero",
    "cell",
    "chiamare",
    "richiamare",
    "téléphone",
    "telephone",
    "portable",
    "numéro",
    "appeler",
    "rappeler",
    "teléfono",
    "móvil",
    "movil",
    "número",
    "llamar",
    "tel",
    "ring",
]

_INTERNATIONAL = re.compile(r"^(?:\+|00)\d")
# Words that say "my phone number follows"; "numero" alone does not (record numbers).
_PHONE_WORDS = sorted(
    {w for w in MULTILINGUAL_PHONE_CONTEXT if not w.startswith(("num", "núm", "number"))},
    key=longest_first,
)
PHONE_WORD_BEFORE = re.compile(
    rf"(?<!\w)(?:{'|'.join(map(re.escape, _PHONE_WORDS))})\W*(?:\w+\W+){{0,3}}$",
    re.IGNORECASE,
)
# What a text needs for a possible number to be kept: an international prefix or a phone
# word starting anywhere ("good morning" holds none), looser than the two patterns above,
# so no such number is missed.
_POSSIBLE_NUMBER_SIGN = re.compile(
    rf"(?:\+|00)\d|(?<!\w)(?:{'|'.join(map(re.escape, _PHONE_WORDS))})", re.IGNORECASE
)


# A time of day ("alle 16.45", "à 9:30"): a German short number to libphonenumber, never a phone.
_TIME = re.compile(r"(?:[01]?\d|2[0-3])[.:h][0-5]\d")

# A line break inside a number ("07 81\n22 60 14"): digits, a short last group, digits.
_BROKEN_LINE = re.compile(r"(?<=\d)(?<!\d{5})[ \t]*\n[ \t]*(?=\d)")


# The "1" Mexican mobiles carried after +52 until 2019, still typed and still part of their
# WhatsApp numbers ("+52 1 55 3874 2916"): libphonenumber finds the number too long with it.
_MEXICAN_MOBILE_ONE = re.compile(
    r"(?:(?<=\+52)|(?<=0052))(?P<gap>[ .-]?)1(?=(?:[ .-]?\d){10}(?![ .-]?\d))"
)


def _without_mexican_mobile_one(text: str) -> str:
    """Return ``text`` with the old mobile "1" after +52 made a space, keeping every offset."""
    return _MEXICAN_MOBILE_ONE.sub(lambda match: match.group("gap") + " ", text)


def _join_lines(text: str) -> str:
    """Return ``text`` with a line break between two groups of one number made a space.

    The replacement keeps every offset. Only a group of at most four digits before
    the break is joined, so a complete number on one line and a date on the next
    stay apart.
    """
    return _BROKEN_LINE.sub(lambda match: " " * len(match.group()), text)


def _fewest_digits(regions: tuple[str, ...]) -> int:
    """Return the fewest digits a phone number can have in ``regions`` or written with ``+``.

    From libphonenumber's own metadata: the shortest national number of each
    region, and of any country once its calling code is written before it.
    """
    national = [min(lengths) for region in regions if (lengths := _lengths(region))]
    international = [
        len(str(_country_code(region))) + min(lengths)
        for region in phonenumbers.SUPPORTED_REGIONS
        if (lengths := _lengths(region))
    ]
    return min(national + international)


def _lengths(region: str) -> list[int]:
    """Return the possible lengths of a national number in ``region`` (none if unknown)."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if metadata is None or metadata.general_desc is None:
        return []
    return [length for length in metadata.general_desc.possible_length if length > 0]


def _country_code(region: str) -> int:
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    return 0 if metadata is None else int(metadata.country_code or 0)


class ClinicPhoneRecognizer(PhoneRecognizer):
    """Recognize phone numbers valid in IT, ES, FR, GB, US, CH or DE (libphonenumber).

    Presidio's ``PhoneRecognizer`` scores every match 0.4, below a 0.5
    threshold, and defaults to regions that miss Italy, Spain and Switzerland.
    A match here has already passed libphonenumber's validity check for its
    region (leniency 1), which is strong evidence on its own, so the base
    score is 0.6; context words in the four languages raise it further.
    """

    SCORE = 0.6
    POSSIBLE_SCORE = 0.6
    MIN_DIGITS = 8

    def __init__(
        self,
        supported_language: str = "en",
        supported_regions: tuple[str, ...] = CLINIC_PHONE_REGIONS,
    ) -> None:
        super().__init__(
            context=MULTILINGUAL_PHONE_CONTEXT,
            supported_language=supported_language,
            supported_regions=supported_regions,
            name=f"ClinicPhoneRecognizer_{supported_language}",
        )
        self._fewest_digits = _fewest_digits(supported_regions)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return valid numbers, plus merely possible ones written as a patient's number.

        libphonenumber's validity check rejects unallocated ranges, and fiction
        uses exactly those (UK 07700 900xxx, US 555-01xx); a patient who types
        such a number still typed their number. A possible number (right length
        for its country) counts when it is written in international form
        (``+44…``, ``0044…``) or right after a phone word ("mon tel c'est le").
        A time of day ("alle 16.45") is never one, whatever a region allows.
        """
        if sum(char.isdigit() for char in text) < self._fewest_digits:
            return []  # too few digits for any number: skip the fourteen matcher passes
        text = _without_mexican_mobile_one(_join_lines(text))
        results = [
            result
            for result in self._valid_numbers(text)
            if not _TIME.fullmatch(text[result.start : result.end])
        ]
        if _POSSIBLE_NUMBER_SIGN.search(text):
            results += self._possible_numbers(text)  # else: skip the seven passes that keep none
        return EntityRecognizer.remove_duplicates(results)

    def _possible_numbers(self, text: str) -> list[RecognizerResult]:
        """Return the possible numbers written in international form or right after a phone word."""
        results: list[RecognizerResult] = []
        for region in self.supported_regions:
            for match in phonenumbers.PhoneNumberMatcher(
                text, region, leniency=phonenumbers.Leniency.POSSIBLE
            ):
                raw = match.raw_string
                if sum(c.isdigit() for c in raw) < self.MIN_DIGITS:
                    continue
                before = text[max(0, match.start - 40) : match.start]
                if _INTERNATIONAL.match(raw) or PHONE_WORD_BEFORE.search(before):
                    results.append(
                        finding(
                            self,
                            "PHONE_NUMBER",
                            match.start,
                            match.end,
                            self.POSSIBLE_SCORE,
                            "possible phone number, international or after a phone word",
                        )
                    )
        return results

    def _valid_numbers(self, text: str) -> list[RecognizerResult]:
        """Return the numbers valid in a region, as Presidio's ``PhoneRecognizer.analyze`` does.

        Same regions and leniency (``VALID``, Presidio's default); Presidio's
        loop also parses each match a second time, only to name its region in
        the explanation, which the analyzer drops.
        """
        found: list[RecognizerResult] = EntityRecognizer.remove_duplicates(
            [
                finding(self, "PHONE_NUMBER", match.start, match.end, self.SCORE, "valid number")
                for region in self.supported_regions
                for match in phonenumbers.PhoneNumberMatcher(
                    text, region, leniency=phonenumbers.Leniency.VALID
                )
            ]
        )
        return found

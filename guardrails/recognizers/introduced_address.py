"""Recognizer for a home address after a phrase that introduces one ("vivo en …", "i live at …").

Street keywords do not cover every address a patient types ("Acceso Fidela
Torrijos 155", "134 Bailey Freeway"), and a street found alone leaves the
floor, postcode and town behind ("calle Mayor 5, bajo, 37480 Cáceres"). After
an introducing phrase the address is taken whole: the first comma-separated
part must hold a number; the address runs to the part holding a postcode
(within the next three parts) or, without one, through the parts that hold a
number (floor, flat), and never past the end of the sentence, a bracket
("(non quello della clinica)") or a word that is no part of an address after
its first number ("avda. blasco ibañez 110 pta 15 y no me ha llegado…",
"…, bajo b, en torrent"). Words before a colon are the phrase's tail, not
the address ("nuovo indirizzo per le fatture: via…", "mon adresse a
changé : 7 bis rue…").
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.address_tail import SENTENCE_LINKS, not_address_words
from guardrails.recognizers.base import RuleRecognizer, finding
from guardrails.recognizers.lexicon import UNITS, fold
from guardrails.recognizers.street_address import KEYWORD_FIRST

_INTRO = re.compile(
    r"(?<!\w)(?:"
    # Italian
    r"(?:vivo|vive|viviamo|vivono|abito|abita|abitiamo|abitano) (?:in|a)|abitiamo"
    r"|residente (?:in|a)|domiciliat[oa] (?:in|a)"
    r"|(?:il )?mio (?:nuovo )?indirizzo(?: [èe])?|nuovo indirizzo|indirizzo di casa"
    # French
    r"|j'habite(?: au| à| a)?|j habite(?: au| à| a)?|domicili[ée]e? (?:au|à|a)"
    r"|(?:il|elle|on) habite(?: au| à| a)?|nous habitons(?: au| à| a)?"
    r"|(?:mon|ma) (?:nouvelle )?adresse(?: est| c'est)?|nouvelle adresse"
    # English
    r"|i live at|i live in|my (?:new |home )?address is|new address|home address"
    r"|(?:he|she|they|we) (?:lives?|live) at"
    # Spanish
    r"|(?:vivo|vive|vivimos|viven) en|me he mudado a|mi (?:nueva )?direcci[oó]n(?: es)?"
    r"|nueva direcci[oó]n"
    r"|domicilio en|resido en"
    r")\s*:?\s+",
    re.IGNORECASE,
)
_NOT_AN_ADDRESS = re.compile(r"(?i)(?:e-?mail|mail|correo|courriel)\b")
_ABBREVIATIONS = frozenset("c av avda pza pl st rd ave apt n no nº dr s sta sto v p ctra".split())
_POSTCODE = re.compile(
    r"(?<!\d)\d{4,5}(?!\d)|(?-i:\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b)"
    r"|(?i:\b[a-z]{1,2}\d[a-z\d]?\s+\d[a-z]{2}\b)"
)
_HAS_DIGIT = re.compile(r"\d")
_PROVINCE_END = re.compile(r"\((?-i:[A-Z]{2})\)$")
MAX_PARTS_TO_POSTCODE = 3
MAX_LENGTH = 140


def _sentence_end(text: str, start: int) -> int:
    """Return where the sentence starting at ``start`` ends (abbreviations do not end it)."""
    for match in re.finditer(r"[?!;\n]|\.(?=\s|$)|\((?!(?-i:[A-Z]{2})\))", text[start:]):
        end = start + match.start()
        if match.group() == ".":
            word = re.search(r"([^\W\d_]+)$", text[start:end])
            if word and word.group(1).lower() in _ABBREVIATIONS:
                continue
        return end
    return len(text)


_LEAD_IN = re.compile(r"[^\d:,\n]{0,40}?[ \t]*:[ \t]*")
# Lower-case words before the street keyword are the phrase's tail ("mi direccion nueva
# es c/ mayor 5", "nuovo indirizzo per le fatture via…"), not the address.
_LOWER_LEAD_IN = re.compile(
    rf"(?:[^\W\d_A-ZÀ-ÖØ-Þ][^\W\d_]*[ \t]+){{1,5}}(?=(?i:{KEYWORD_FIRST})(?:\.|[ \t]|(?<=/)))"
)
# Words that may follow the house number inside an address (town names, floors):
# "Santiago de Compostela", "Castelnuovo del Garda", "bajo b". Any other stop word
# after the number ends the address ("… 15 y no me ha llegado", "…, en torrent").
_FLOOR_MARKS = frozenset("0123456789ºª°")
_AFTER_NUMBER_WORDS = frozenset(
    """de di del della dei degli delle da dal dalla la le les los las lo il el du des d l
    sur sous upon on am an der van von do dos das""".split()
)

_TURNS = frozenset("ma pero but mais".split())
DICTATED_PUNCTUATION = frozenset("punto virgola point virgule coma comma period".split())
"""A dictated full stop or comma ends the address: "…, 80135 Napoli punto sul citofono…"."""
_QUANTITY = re.compile(r"\d+[ \t]*([^\W\d_]+)")
_UNIT_WORDS = frozenset(unit for unit in UNITS if unit.isalpha())
"""Words that turn the sentence before any number ("però" folded): the place was a town."""

# A whole word: not glued to digits ("2o", "3º", "s2 7tu"), not a state or unit code
# before its number ("ME 21054", "vi 18502").
_TOKEN = re.compile(r"(?<![\w])[^\W\d_]+(?:['’\-][^\W\d_]+)*(?![\w])(?![ \t]*\d)")


def _words_end(text: str, start: int, end: int) -> int:
    """Return where the address in ``text[start:end]`` ends.

    That is before the first word after its first number that is no part of an
    address ("y", "a", "en", "ma", "non").
    """
    first_digit = _HAS_DIGIT.search(text, start, end)
    if first_digit is None:
        return end
    never = (not_address_words() | SENTENCE_LINKS | DICTATED_PUNCTUATION) - _AFTER_NUMBER_WORDS
    for word in _TOKEN.finditer(text, first_digit.end(), end):
        if len(word.group()) == 1 and (
            word.group().isupper()
            or (
                text[: word.start()].rstrip()[-1:] in _FLOOR_MARKS
                and not text[word.end() :].lstrip(" \t")[:1].isalpha()
            )
        ):
            continue  # a door after its floor ("1º A", "3º a,"), not "3 a Monza"
        if fold(word.group()) in never:
            return _without_trailing_particles(text, first_digit.end(), word.start())
    return end


_LAST_WORD = re.compile(r"([^\W\d_]+)[ \t]*$")


def _without_trailing_particles(text: str, floor: int, end: int) -> int:
    """Return ``end`` moved back over particles: "… cap 57121 da marzo" ends at "57121"."""
    while True:
        last = _LAST_WORD.search(text, floor, end)
        if last is None or fold(last.group(1)) not in _AFTER_NUMBER_WORDS:
            return end
        end = last.start()


# A verb between the phrase and the address: "new address is 27 …", "nuovo indirizzo è …".
_COPULA = re.compile(r"(?:(?:is|now|è|e'|es|est|c['’]est|era|sar[àa])[ \t]+)+", re.IGNORECASE)


def address_span(text: str, start: int) -> tuple[int, int] | None:
    """Return the span of the address that starts at ``start``, or None."""
    for lead_in in (_COPULA, _LEAD_IN, _LOWER_LEAD_IN):
        match = lead_in.match(text, start)
        if match is not None:
            start = match.end()
    start = _after_colon(text, start)
    end = min(_sentence_end(text, start), start + MAX_LENGTH)
    end = _words_end(text, start, end)
    segment = text[start:end]
    if _NOT_AN_ADDRESS.match(segment):
        return None
    parts: list[tuple[int, int]] = []
    offset = start
    for piece in segment.split(","):
        if parts and _NOT_AN_ADDRESS.match(piece.strip()):
            break  # "…, email anna@…": the address ended before
        parts.append((offset, offset + len(piece)))
        offset += len(piece) + 1
    first = text[parts[0][0] : parts[0][1]]
    number = _HAS_DIGIT.search(first)
    if number is None:
        return _hamlet(text, parts)
    if any(fold(word) in _TURNS for word in re.findall(r"[^\W\d_]+", first[: number.start()])):
        return None  # "vivo en Torrent pero trabajo cerca de la Avenida …": a town, then more
    quantity = _QUANTITY.match(text, parts[0][0] + number.start())
    if quantity is not None and fold(quantity.group(1)) in _UNIT_WORDS:
        return None  # "abito a casale monferrato 15 minuti da voi": a distance, no house
    last = 0
    for i in range(1, min(len(parts), MAX_PARTS_TO_POSTCODE + 1)):
        if _POSTCODE.search(text[parts[i][0] : parts[i][1]]):
            last = i
    if last == 0:
        while last + 1 < len(parts) and _HAS_DIGIT.search(
            text[parts[last + 1][0] : parts[last + 1][1]]
        ):
            last += 1
    span_start, span_end = parts[0][0], parts[last][1]
    while (
        span_end > span_start
        and not text[span_end - 1].isalnum()
        and not _PROVINCE_END.search(text, span_start, span_end)
    ):
        span_end -= 1  # "…, 52100 arezzo (AR)," keeps its province's bracket
    return (span_start, span_end) if span_end > span_start else None


_COLON_BEFORE_NUMBER = re.compile(r"[^\d\n]*:[ \t]*")


def _after_colon(text: str, start: int) -> int:
    """Return where the address starts once the phrase's tail up to a colon is left out.

    "me he mudado a un piso compartido y quería cambiar la dirección en vuestra
    ficha: calle Ruaya 52": the words before the colon, however many, are not it.
    """
    match = _COLON_BEFORE_NUMBER.match(text, start)
    return start if match is None else match.end()


# A hamlet or a farm that has no house number: "località Ca' di Sopra, Taceno", "lieu-dit
# Le Puech, Meyrueis".
_HAMLET = re.compile(
    r"[ \t]*(?:loc\.|localit[àa]|fraz\.|frazione|borgata|lieu-dit|hameau|cortijo|cortijada"
    r"|caser[íi]o|paraje|aldea|cascina|masseria|podere)[ \t]+(?-i:[A-ZÀ-ÖØ-Þ])",
    re.IGNORECASE,
)
_TOWN_PART = re.compile(r"[ \t]*(?-i:[A-ZÀ-ÖØ-Þ])[^\W\d_]+(?:[ \t'’\-]+[^\W\d_]+){0,3}[ \t]*")


def _hamlet(text: str, parts: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Return the span of a hamlet with no number and the town after it, or None."""
    first_start, first_end = parts[0]
    if _HAMLET.match(text, first_start) is None:
        return None
    end = first_end
    if len(parts) > 1 and _TOWN_PART.fullmatch(text, parts[1][0], parts[1][1]):
        end = parts[1][1]
    start = (
        first_start + len(text[first_start:first_end]) - len(text[first_start:first_end].lstrip())
    )
    return (start, len(text[:end].rstrip()))


class IntroducedAddressRecognizer(RuleRecognizer):
    """Recognize the whole address a patient gives after an introducing phrase."""

    SCORE = 0.95

    ENTITIES = ("STREET_ADDRESS",)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one STREET_ADDRESS result per introduced address."""
        results: list[RecognizerResult] = []
        for match in _INTRO.finditer(text):
            span = address_span(text, match.end())
            if span is None:
                continue
            results.append(
                finding(
                    self,
                    "STREET_ADDRESS",
                    span[0],
                    span[1],
                    self.SCORE,
                    "address after an introducing phrase",
                )
            )
        return results

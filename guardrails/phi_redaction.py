"""The PHI redaction guard: replaces patient identifiers with typed, numbered placeholders.

"Mi chiamo Anna Rossi, cell 333 1234567" becomes "Mi chiamo <PERSON_1>, cell
<PHONE_NUMBER_1>". The same value in the same conversation always gets the
same placeholder: ``GuardContext.placeholders`` maps HMAC-SHA256(conversation
key, type + normalised value) to the placeholder, so no raw value is stored.
Redaction transforms, it never blocks: the verdict is always ``allowed``.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from presidio_analyzer import AnalyzerEngine, RecognizerResult
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig
from presidio_anonymizer.entities import RecognizerResult as AnonymizerResult

from guardrails.base import Finding, GuardContext, Verdict
from guardrails.entities import ENTITIES
from guardrails.phi_engine import RECOGNIZERS, build_analyzer
from guardrails.recognizers.address_tail import with_address_tails
from guardrails.recognizers.base import respan
from guardrails.recognizers.capitalised_text import trim_everyday_words
from guardrails.recognizers.form_labels import tidy_names
from guardrails.recognizers.id_shaped import ENTITY as ID_ENTITY
from guardrails.recognizers.id_shaped import widen_winner
from guardrails.recognizers.insurance_policy import INSURERS
from guardrails.recognizers.known_names import find_known_names
from guardrails.recognizers.learned_name import is_learned
from guardrails.recognizers.lexicon import fold
from guardrails.recognizers.name_and_date import with_birth_dates_after_names
from guardrails.recognizers.name_extension import with_name_extensions
from guardrails.recognizers.name_neighbours import with_name_neighbours
from guardrails.recognizers.person_lexicon import KIN_WORDS, ROLE_WORDS, TITLE_WORDS, name_lexicon
from guardrails.recognizers.street_address import StreetAddressRecognizer

DEFAULT_LANGUAGES: tuple[str, ...] = ("it", "fr", "en", "es")

# Types whose value is compared without spaces, dots, dashes or case
# ("333 123 4567" and "3331234567" are the same phone number). Names, e-mail
# addresses, street addresses and dates keep their words apart ("12 marzo 1985");
# only their case, accents and spacing are normalised.
_COMPACT_TYPES = frozenset(ENTITIES) - {
    "PERSON",
    "EMAIL_ADDRESS",
    "STREET_ADDRESS",
    "DATE_OF_BIRTH",
}
_NOT_ALNUM = re.compile(r"[^0-9A-Za-z+]")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


class PhiRedactionGuard:
    """Replace names, contacts and ID numbers with per-conversation placeholders.

    Built on Presidio (``AnalyzerEngine`` + ``AnonymizerEngine``), fully
    offline: see :mod:`guardrails.phi_engine`. The analyzer is built once per
    process and language set (about 8 s), so creating guards is cheap.

    ``languages`` are the analysis languages (a context language outside them
    is analysed as ``fallback_language``); findings scoring below
    ``score_threshold`` are ignored; ``entities`` narrows what is redacted.
    """

    name = "phi_redaction"

    def __init__(
        self,
        *,
        languages: Sequence[str] = DEFAULT_LANGUAGES,
        score_threshold: float = 0.5,
        entities: Sequence[str] = ENTITIES,
        fallback_language: str = "en",
    ) -> None:
        unknown = [entity for entity in entities if entity not in ENTITIES]
        if unknown:
            raise ValueError(f"unknown entity type(s) {unknown}; choose from {list(ENTITIES)}")
        if fallback_language not in languages:
            raise ValueError(f"fallback_language {fallback_language!r} not in {list(languages)}")
        self.languages: tuple[str, ...] = tuple(languages)
        self.score_threshold = score_threshold
        self.entities: tuple[str, ...] = tuple(entities)
        self.fallback_language = fallback_language
        self._analyzer: AnalyzerEngine = build_analyzer(self.languages)
        self._anonymizer: AnonymizerEngine = _anonymizer()

    def check(self, text: str, context: GuardContext) -> Verdict:
        """Redact ``text`` in ``context.language``; see :meth:`redact`."""
        return self.redact(text, context.language, context)

    def redact_document(self, text: str, language: str) -> tuple[Verdict, list[str]]:
        """Redact an approved document's ``text``, and name the clinicians it titles.

        Names right after a clinician's title ("Dr.ssa Elena Marchetti") are
        kept by redaction; they are returned too, so that the clinic's
        allow-list also keeps the same staff named without a title in a
        patient's message ("posso parlare con Elena Marchetti?"). The text is
        analysed once for both.
        """
        # The learned names model reads patients' messages; on the clinic's own
        # prose it would hand the allow-list words ("Santa Lucía") that then
        # stay unredacted in patients' messages.
        found = [r for r in self._found(text, language) if not is_learned(r)]
        kept = {id(r) for r in _drop_staff_and_insurers(text, found)}
        clinicians = [text[r.start : r.end] for r in found if id(r) not in kept]
        return self._redacted(text, found, GuardContext()), clinicians

    def redact(self, text: str, language: str, context: GuardContext) -> Verdict:
        """Return a verdict whose ``text`` has every identifier replaced by its placeholder.

        ``context.placeholders`` is updated in place with any new placeholder.
        Findings carry offsets into the original ``text``; the reason names the
        types found, never the values.
        """
        return self._redacted(text, self._found(text, language), context)

    def _found(self, text: str, language: str) -> list[RecognizerResult]:
        """Return every identifier the recognizers find, names widened to their neighbours."""
        found = with_name_neighbours(
            text, with_name_extensions(text, self._analyze(text, language))
        )
        return with_birth_dates_after_names(text, found)

    def _redacted(self, text: str, found: list[RecognizerResult], context: GuardContext) -> Verdict:
        results = _drop_allowed(text, found, context.allow_list)
        results = _drop_staff_and_insurers(text, results)
        results = tidy_names(text, results)
        results = trim_everyday_words(text, results, context.language)
        results += find_known_names(text, context.known_names)
        learned = [r for r in results if is_learned(r) and not _never_alone(text, r)]
        results = [r for r in results if not is_learned(r)]
        results = with_address_tails(text, resolve_overlaps(results, text))
        results = sorted(results + _uncovered(text, learned, results), key=_start)
        results = _merge_adjacent(text, results)
        if not results:
            return Verdict(guard=self.name, allowed=True, text=text, reason="no identifiers found")

        # Number new placeholders in reading order (the anonymizer works right to left).
        for result in results:
            placeholder_for(result.entity_type, text[result.start : result.end], context)
        operators = {
            entity: OperatorConfig(
                "custom", {"lambda": lambda value, e=entity: placeholder_for(e, value, context)}
            )
            for entity in {r.entity_type for r in results}
        }
        redacted = self._anonymizer.anonymize(
            text=text,
            analyzer_results=[
                AnonymizerResult(r.entity_type, r.start, r.end, r.score) for r in results
            ],
            operators=operators,
        ).text
        findings = tuple(
            Finding(type=r.entity_type, start=r.start, end=r.end, score=r.score)
            for r in sorted(results, key=lambda r: r.start)
        )
        types = sorted({finding.type for finding in findings})
        return Verdict(
            guard=self.name,
            allowed=True,
            text=redacted,
            risk=max(finding.score for finding in findings),
            reason=f"redacted {len(findings)} identifier(s): {', '.join(types)}",
            findings=findings,
        )

    def _analyze(self, text: str, language: str) -> list[RecognizerResult]:
        """Run Presidio in ``language`` (or the fallback) for the configured entity types."""
        lang = language if language in self.languages else self.fallback_language
        results: list[RecognizerResult] = self._analyzer.analyze(
            text=text,
            language=lang,
            entities=list(self.entities),
            score_threshold=self.score_threshold,
        )
        return results


# Among overlapping findings with the same score and length, the more specific type
# wins: a checked national ID over a card number over a phone number over a name.
_TIE_ORDER: dict[str, int] = {
    entity: rank
    for rank, entity in enumerate(
        (
            "IT_FISCAL_CODE",
            "IT_HEALTH_CARD",
            "FR_NIR",
            "ES_DNI_NIE",
            "US_SSN",
            "IBAN_CODE",
            "CREDIT_CARD",
            "MEDICAL_RECORD_NUMBER",
            "INSURANCE_POLICY",
            "DATE_OF_BIRTH",
            "EMAIL_ADDRESS",
            "PHONE_NUMBER",
            "ID_NUMBER",
            "STREET_ADDRESS",
            "PERSON",
        )
    )
}


def resolve_overlaps(
    results: Iterable[RecognizerResult], text: str | None = None
) -> list[RecognizerResult]:
    """Join overlapping findings of one type; among types, keep the highest-scoring, then longest.

    Two recognizers that see parts of the same name ("Grace Adeyemi" from the
    name lists, "Adeyemi" from spaCy) make one finding covering both, so no
    part is left in the text. Between types, equal score and length: the
    more specific type (``_TIE_ORDER``) wins, so the outcome does not depend
    on the order recognizers ran in. With ``text``, an address that lost to
    a name or a number read into its start keeps the rest, from its first
    number after them ("… 16092735-A. Iker Zubiaurre, 12 rue des Filatiers,
    31000 Toulouse").
    """
    joined: list[RecognizerResult] = []
    for result in sorted(results, key=lambda r: (r.entity_type, r.start)):
        last = joined[-1] if joined else None
        if last is not None and last.entity_type == result.entity_type and result.start < last.end:
            joined[-1] = RecognizerResult(
                entity_type=last.entity_type,
                start=last.start,
                end=max(last.end, result.end),
                score=max(last.score, result.score),
            )
        else:
            joined.append(result)
    kept: list[RecognizerResult] = []
    ranked = sorted(
        joined,
        key=lambda r: (
            -r.score,
            -(r.end - r.start),
            _TIE_ORDER.get(r.entity_type, len(_TIE_ORDER)),
            r.start,
        ),
    )
    dropped: list[RecognizerResult] = []
    for result in ranked:
        if all(result.end <= other.start or result.start >= other.end for other in kept):
            kept.append(result)
        else:
            dropped.append(result)
    for result in dropped:
        if result.entity_type == ID_ENTITY:
            widen_winner(kept, result)
        elif result.entity_type == StreetAddressRecognizer.ENTITY and text is not None:
            kept.extend(_address_after(text, result, kept))
        elif result.entity_type == "PERSON" and text is not None:
            kept.extend(_name_before(text, result, kept))
    return sorted(kept, key=lambda r: r.start)


def _name_before(
    text: str, name: RecognizerResult, kept: Sequence[RecognizerResult]
) -> list[RecognizerResult]:
    """Return the words of a name before the e-mail address that won over its end.

    "Adrián adrian.vera.m@hotmail.com": the name read into the e-mail address
    keeps the word before it.
    """
    winners = [r for r in kept if r.start < name.end and name.start < r.end]
    first = min(r.start for r in winners)
    if any(r.entity_type != "EMAIL_ADDRESS" for r in winners):
        return []
    if first <= name.start or not text[first - 1 : first].isspace():
        return []
    end = name.start + len(text[name.start : first].rstrip(" \t,;:"))
    if not any(char.isalpha() for char in text[name.start : end]):
        return []
    return [
        RecognizerResult(
            entity_type=name.entity_type,
            start=name.start,
            end=end,
            score=name.score,
            recognition_metadata=name.recognition_metadata,
        )
    ]


def _address_after(
    text: str, address: RecognizerResult, kept: Sequence[RecognizerResult]
) -> list[RecognizerResult]:
    """Return the rest of an address that lost to findings inside it, from its number after them."""
    winners = [r for r in kept if r.start < address.end and address.start < r.end]
    if not winners or any(r.end >= address.end for r in winners):
        return []
    number = _DIGIT.search(text, max(r.end for r in winners), address.end)
    if number is None:
        return []
    start = number.start()
    return [
        RecognizerResult(
            entity_type=address.entity_type,
            start=start,
            end=address.end,
            score=address.score,
            recognition_metadata=address.recognition_metadata,
        )
    ]


_DIGIT = re.compile(r"\d")


def _never_alone(text: str, result: RecognizerResult) -> bool:
    """Tell whether a learned name is one word that is never a name on its own.

    "ma carte Vitale", "il codice Rosso": a word of the never-a-name lists that
    no first-name list holds; found with a first name or a title by the rules,
    a surname such as "Vitale" is kept, as after a title or a relative ("mia zia Pace").
    """
    value = text[result.start : result.end]
    if not value.isalpha():
        return False
    lexicon = name_lexicon()
    key = fold(value)
    if key not in lexicon.not_name or key in lexicon.first:
        return False
    before = _WORD_BEFORE.search(text, max(0, result.start - 30), result.start)
    # "mia zia Pace", "del signor Bianco": a relative's or a title's surname
    return before is None or fold(before.group(1)) not in TITLE_WORDS | KIN_WORDS | ROLE_WORDS


_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?[ \t]+$")


def _start(result: RecognizerResult) -> int:
    return result.start


def _uncovered(
    text: str, learned: Iterable[RecognizerResult], kept: Sequence[RecognizerResult]
) -> list[RecognizerResult]:
    """Return the parts of the learned names that no other finding covers.

    The learned recognizer only adds: it never shortens, retypes or removes
    another recognizer's finding ("Mattia Cerutti CRTMTT88…": the codice
    fiscale stays whole), and an address stretched over its hamlet keeps it.
    Parts of one learned name that only a comma separates stay one name, with
    the part another recognizer found before the comma too.
    """
    covered = [(r.start, r.end) for r in kept]
    added: list[RecognizerResult] = []
    for result in learned:
        own: list[RecognizerResult] = []
        for match in _WORD_RUN.finditer(text, result.start, result.end):
            if any(start < match.end() and match.start() < end for start, end in covered):
                continue
            start = match.start()
            if own and _COMMA_GAP.fullmatch(text, own[-1].end, start):
                start = own.pop().start  # "QUISPE HUANCA, Rosa Elvira": one name on a passport
            else:
                start = next(
                    (
                        r.start
                        for r in kept
                        if r.entity_type == result.entity_type
                        and result.start <= r.start
                        and _COMMA_GAP.fullmatch(text, r.end, start)
                    ),
                    start,
                )  # "Galindo Pastrana, Maite": the surnames another recognizer found
            own.append(
                RecognizerResult(
                    entity_type=result.entity_type,
                    start=start,
                    end=match.end(),
                    score=result.score,
                    recognition_metadata=result.recognition_metadata,
                )
            )
        added.extend(own)
    return _merge_adjacent(text, sorted(added, key=_start))


_WORD_RUN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_COMMA_GAP = re.compile(r"[ \t]*,?[ \t]+")


# A capitalised Arabic or Berber particle inside one name: "Nour El Houda Barrada",
# "Karim Ben Youssef", "Said Ait Ouali" (two findings on either side of it are one name).
_NAME_PARTICLE_GAP = re.compile(
    r"[ \t]+(?:(?-i:El|EL|Al|AL|Ben|BEN|Bin|Ibn|Abu|Abou|Ould|Ait|Aït|AIT)[ \t]+){1,2}"
)


# A first name abbreviated inside a name, its full stop between two findings: "BAUTISTA Ma.
# Kristine", "Mª. Pilar".
_ABBREVIATION_GAP = re.compile(r"\.[ \t]+")
# A generational suffix ending a name keeps its full stop: "CABRERA, Ronaldo Jr.".
_SUFFIX = re.compile(r"(?<![^\W\d_])(?:Jr|Sr|JR|SR)$")
_ABBREVIATION_END = re.compile(r"(?<![^\W\d_])(?-i:[A-Z][a-zª]{0,2})$")


# One word between two parts of a name: "juan francisco cabeza lobato" ("cabeza" is a word).
_ONE_WORD_GAP = re.compile(r"[ \t]+(?P<word>[^\W\d_]{3,})[ \t]+")


def _surname_between(
    text: str, previous: RecognizerResult, result: RecognizerResult, gap: str
) -> bool:
    """Tell whether ``gap`` is one surname, in the case of the names on either side of it."""
    match = _ONE_WORD_GAP.fullmatch(gap)
    if match is None:
        return False
    word = match.group("word")
    left, right = text[previous.start : previous.end], text[result.start : result.end]
    same_case = (word.islower() and left.islower() and right.islower()) or (
        word[:1].isupper() and left[:1].isupper() and right[:1].isupper()
    )
    lexicon = name_lexicon()
    return (
        same_case
        and fold(word) in lexicon.last
        and len(left.split()) <= 2
        and " " not in right  # the last surname, never the next person ("… porta luca bianchi")
        and (fold(right) in lexicon.last or fold(right) not in lexicon.first)
    )


def _merge_adjacent(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Join same-type findings separated only by spaces, as the anonymizer would.

    Two names with only a capitalised Arabic or Berber particle between them
    are one name too ("Nour El Houda Barrada"), and so are two with an
    abbreviation's full stop between them ("BAUTISTA Ma. Kristine"). A name
    ending with "Jr" or "Sr" keeps its full stop.
    """
    merged: list[RecognizerResult] = []
    for result in results:
        if (
            result.entity_type == "PERSON"
            and text[result.end : result.end + 1] == "."
            and _SUFFIX.search(text, result.start, result.end)
        ):
            result = respan(result, result.start, result.end + 1)  # "Ronaldo Jr."
        previous = merged[-1] if merged else None
        gap = text[previous.end : result.start] if previous is not None else ""
        if (
            previous is not None
            and previous.entity_type == result.entity_type
            and (
                not gap.strip()
                or (
                    result.entity_type == "PERSON"
                    and (
                        _NAME_PARTICLE_GAP.fullmatch(gap)
                        or _surname_between(text, previous, result, gap)
                        or (
                            _ABBREVIATION_GAP.fullmatch(gap)
                            and _ABBREVIATION_END.search(text, previous.start, previous.end)
                        )
                    )
                )
            )
        ):
            merged[-1] = RecognizerResult(
                entity_type=result.entity_type,
                start=previous.start,
                end=result.end,
                score=max(previous.score, result.score),
            )
        else:
            merged.append(result)
    return merged


def normalize_value(entity_type: str, value: str) -> str:
    """Return the form of ``value`` that decides "same identifier" (case, accents, spacing)."""
    folded = unicodedata.normalize("NFKC", value).casefold()
    if entity_type in _COMPACT_TYPES:
        return _NOT_ALNUM.sub("", folded)
    return _SPACES.sub(" ", folded).strip()


def placeholder_key(entity_type: str, value: str, conversation_key: str) -> str:
    """Return the keyed hash that stands for ``value`` in one conversation (hex HMAC-SHA256)."""
    message = f"{entity_type}\x00{normalize_value(entity_type, value)}".encode()
    return hmac.new(conversation_key.encode(), message, hashlib.sha256).hexdigest()


def placeholder_for(entity_type: str, value: str, context: GuardContext) -> str:
    """Return ``value``'s placeholder in ``context``, numbering a new one (``<PERSON_2>``)."""
    key = placeholder_key(entity_type, value, context.conversation_key)
    existing = context.placeholders.get(key)
    if existing is not None:
        return existing
    prefix = f"<{entity_type}_"
    taken = context.placeholders.values()
    number = 1 + sum(1 for placeholder in taken if placeholder.startswith(prefix))
    placeholder = f"{prefix}{number}>"
    context.placeholders[key] = placeholder
    return placeholder


# A clinician's title: the name after it is a doctor's or nurse's, not the patient's.
_TITLES = (
    r"(?:dr|dra|dre|dott|dottor|dottore|dottoressa|dott\.ssa|dr\.ssa|doctor|doctora"
    r"|docteur|docteure"
    r"|prof|professor|professore|professoressa|professeur|profesor|profesora"
    r"|nurse(?:\s+practitioner)?|infermier[ea]|infirmi[eè]re?|enfermer[oa])\.?\s+"
)
_CLINICIAN_TITLE = re.compile(rf"(?<!\w){_TITLES}$", re.IGNORECASE)
# A finding that took the title in with the name: "la Dre Rose" found as "Dre Rose".
_OPENS_WITH_TITLE = re.compile(rf"{_TITLES}(?=\S)", re.IGNORECASE)
# An insurer's name, with the particle a name recognizer may take in ("es de sura"). One
# that is also a first name or a surname (Oscar, Alan, Molina) is the insurer only where
# insurance is spoken of around it.
_INSURER = re.compile(rf"(?:(?:de|del|di|du|da)\s+)?(?:{INSURERS})", re.IGNORECASE)
_INSURANCE_WORDS = re.compile(
    r"mutuel|assur|adh[ée]r|seguro|asegura|afilia|eps\b|isapre|prepaga|obra\s+social|p[óo]liza"
    r"|assicura|polizza|fondo|insur|policy|cobertura|couverture|copertura|compl[ée]mentaire",
    re.IGNORECASE,
)
INSURANCE_REACH = 40
"""How far around an insurer's name (in characters) insurance must be spoken of."""


# A capitalised run ending with a company's or a sports club's mark: "Hartley Vale FC",
# "Tecnoplast S.r.l.", "Brennan Ltd", "Officine Gatti snc". Not "CF" (the codice fiscale's
# label).
_ORGANISATION_MARK = (
    r"(?-i:FC|AFC|RFC|ASD|SSD|Club|Calcio|Ltd|Limited|Inc|LLC|GmbH|Srl|srl|S\.r\.l|SpA|S\.p\.A"
    # French and Italian partnerships and limited companies: "Officine Gatti snc", "Transports
    # Roussel SARL" (not "SA", "SAS" or "SL", words of a message in capitals too)
    r"|snc|Snc|SNC|s\.n\.c|S\.n\.c|SARL|Sarl|sarl|EURL|SASU|SLU|S\.L\.U"
    r"|Care[ \t]+Home|Nursing[ \t]+Home)"
)
_ORGANISATION_AFTER = re.compile(
    rf"(?:[ \t]+(?-i:[A-ZÀ-ÖØ-Þ][\w'’\-]*))*[ \t]+{_ORGANISATION_MARK}(?![\w:])"
)
_ENDS_WITH_ORGANISATION = re.compile(rf"[ \t]{_ORGANISATION_MARK}$")
# ... or starting with a care home's or a place to stay's: "RSA Villa Serena", "EHPAD Les
# Tilleuls", "Residencia Los Almendros", "Hotel Costa Serena", "Camping Las Dunas", "Bagno
# Vittoria" (an Italian beach's bathing establishment).
_CARE_HOME_OR_STAY = (
    r"(?-i:RSA|EHPAD|Residencia|Residenza|Casa[ \t]+di[ \t]+[Rr]iposo"
    r"|Hotel|Hôtel|Albergo|Hostal|Hostel|Camping|Campeggio|Agriturismo|Auberge|Bagno)"
)
_ORGANISATION_BEFORE = re.compile(
    rf"(?<![\w]){_CARE_HOME_OR_STAY}"
    r"(?:[ \t]+(?-i:[A-ZÀ-ÖØ-Þ][\w'’\-]*|de|di|del|los|las|les|la|le|e|y|et|and))*[ \t]+$"
)
_OPENS_WITH_ORGANISATION = re.compile(rf"{_CARE_HOME_OR_STAY}(?:[ \t]|$)")
# ... or the employer an HR office writes from: "ufficio personale della Brambilla
# Logistica", "service RH de la Menuiserie Lambert & Fils", "HR at Calloway Engineering".
_EMPLOYER_BEFORE = re.compile(
    r"(?<!\w)(?:ufficio[ \t]+(?:del[ \t]+)?personale|risorse[ \t]+umane|(?-i:HR|RH|RRHH)"
    r"|service[ \t]+du[ \t]+personnel|ressources[ \t]+humaines|human[ \t]+resources"
    r"|recursos[ \t]+humanos|departamento[ \t]+de[ \t]+personal)[ \t]+"
    r"(?:della|dell['’]|di|del|de[ \t]+la|de[ \t]+l['’]|du|des|de|at|of|for)[ \t]*"
    r"(?:(?:(?-i:[A-ZÀ-ÖØ-Þ][\w'’\-]*)|&)[ \t]+)*$",
    re.IGNORECASE,
)


def _insurer(text: str, result: RecognizerResult) -> bool:
    """Tell whether a PERSON finding is an insurer's name, not a patient's."""
    match = _INSURER.fullmatch(text, result.start, result.end)
    if match is None:
        return False
    words = fold(match.group()).split()
    lexicon = name_lexicon()
    if not any(word in lexicon.first or word in lexicon.last for word in words):
        return True
    around = text[max(0, result.start - INSURANCE_REACH) : result.end + INSURANCE_REACH]
    return _INSURANCE_WORDS.search(around) is not None


def _drop_staff_and_insurers(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Drop PERSON findings that are a clinician's, an insurer's or a company's, not a patient's.

    A name after or opening with a clinician's title ("Dr Shaw", "Dre Rose"),
    an insurer's name ("ma mutuelle c'est Harmonie", "es de sura"), or the
    start of a company's, a club's, a care home's or a hotel's ("Hartley Vale
    FC", "Tecnoplast S.r.l.", "Maple House Care Home", "RSA Villa Serena",
    "Hotel Costa Serena"), or the employer an HR office writes from ("HR at
    Calloway Engineering"). A
    doctor's or nurse's name is not a patient identifier, and the patient
    needs it kept to be answered ("is Dr Shaw in on Tuesday?"). The clinic's
    own staff are also allow-listed from the approved documents.
    """
    return [
        r
        for r in results
        if r.entity_type != "PERSON"
        or not (
            _CLINICIAN_TITLE.search(text[max(0, r.start - 30) : r.start])
            or _OPENS_WITH_TITLE.match(text, r.start, r.end)
            or _insurer(text, r)
            or _ORGANISATION_AFTER.match(text, r.end)
            or _ENDS_WITH_ORGANISATION.search(text, r.start, r.end)
            or _ORGANISATION_BEFORE.search(text, max(0, r.start - 40), r.start)
            or _EMPLOYER_BEFORE.search(text, max(0, r.start - 60), r.start)
            or _OPENS_WITH_ORGANISATION.match(text, r.start, r.end)
        )
    ]


def _drop_allowed(
    text: str, results: list[RecognizerResult], allow_list: frozenset[str]
) -> list[RecognizerResult]:
    """Remove findings that are clinic vocabulary, and any finding inside one.

    "via Giuseppe Verdi 5" allow-listed as the clinic's address also keeps the
    PERSON "Giuseppe Verdi" found inside it.
    """
    if not allow_list:
        return results
    allowed = [r for r in results if _allowed(_head(text, r), allow_list)]
    return [r for r in results if not any(a.start <= r.start and r.end <= a.end for a in allowed)]


_ADDRESS_HEAD = re.compile(r"^.*?\d[\w/]*(?=\s*,)")


def _head(text: str, result: RecognizerResult) -> str:
    """Return the span, or for an address its street and number ("Via dei Mille 24, Milan").

    The same street and house number as the clinic's is the clinic's address,
    however the patient writes the town after it.
    """
    span = text[result.start : result.end]
    if result.entity_type == StreetAddressRecognizer.ENTITY:
        head = _ADDRESS_HEAD.match(span)
        if head:
            return head.group()
    return span


@dataclass(frozen=True)
class _AllowIndex:
    """The allow-list normalised three ways, built once per allow-list."""

    phrases: frozenset[str]
    compact: frozenset[str]
    token_runs: tuple[tuple[str, ...], ...]
    phone_numbers: frozenset[str]
    runs_by_pair: dict[tuple[str, str], tuple[tuple[str, ...], ...]]
    """The token runs holding each pair of consecutive words: a span's first two words
    must be one of them for the span to lie inside the run (see ``_allowed``)."""


@lru_cache(maxsize=16)
def _allow_index(allow_list: frozenset[str]) -> _AllowIndex:
    folded = [_SPACES.sub(" ", item).strip().casefold() for item in allow_list]
    token_runs = tuple(tuple(_WORD.findall(item)) for item in folded)
    by_pair: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    for run in token_runs:
        for pair in dict.fromkeys(itertools.pairwise(run)):
            by_pair.setdefault(pair, []).append(run)
    return _AllowIndex(
        phrases=frozenset(folded),
        compact=frozenset(_NOT_ALNUM.sub("", item) for item in folded) - {""},
        token_runs=token_runs,
        phone_numbers=frozenset(d for d in map(_phone_digits, folded) if d),
        runs_by_pair={pair: tuple(runs) for pair, runs in by_pair.items()},
    )


_PHONE_CHARACTERS = re.compile(r"^[\d\s+().\-/]+$")
MIN_PHONE_DIGITS = 8


def _phone_digits(value: str) -> str:
    """Return the digits of a phone-number-shaped value without an international prefix."""
    if not _PHONE_CHARACTERS.match(value):
        return ""
    digits = re.sub(r"\D", "", value)
    digits = digits.removeprefix("00")
    return digits if len(digits) >= MIN_PHONE_DIGITS else ""


def _same_phone(a: str, b: str) -> bool:
    """Tell whether two digit strings are one number, with or without country code.

    "0255501234" is "+39 02 5550 1234"; "04 65 71 20 20" is "+33 4 65 71 20 20"
    (the trunk 0 is dropped after a country code).
    """
    short, long = sorted((a, b), key=len)
    return long.endswith(short) or (short.startswith("0") and long.endswith(short[1:]))


def _allowed(span: str, allow_list: frozenset[str]) -> bool:
    """Tell whether the span is clinic vocabulary.

    It is when the whole span is allow-listed (same words, or same characters
    ignoring spaces and punctuation), when every word of it is, or when its
    words (two or more) appear in a row inside an allow-listed value: "via dei
    Mille 24" inside "Via dei Mille 24, 20121 Milano" (or three or more in its
    order, the postcode left out), or when it is an allow-listed phone number
    written another way ("0255501234").
    """
    if not allow_list:
        return False
    index = _allow_index(allow_list)
    text = _SPACES.sub(" ", span).strip().casefold()
    if text in index.phrases or _NOT_ALNUM.sub("", text) in index.compact:
        return True
    if all(word in index.phrases for word in text.split(" ")):
        return True
    digits = _phone_digits(text)
    if digits and any(_same_phone(digits, number) for number in index.phone_numbers):
        return True  # the clinic's own number written another way
    words = tuple(_WORD.findall(text))
    if len(words) < 2:
        return False
    return any(
        _contains_run(run, words) or (len(words) >= 3 and _in_order(run, words))
        for run in index.runs_by_pair.get((words[0], words[1]), ())
    )


def _in_order(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    """Tell whether ``needle`` starts as a run in ``haystack`` and goes on in its order.

    "18 rue des Tilleuls, Lyon" is the clinic's "18 rue des Tilleuls, 69003
    Lyon" with the postcode left out.
    """
    for start in range(len(haystack) - 1):
        if haystack[start : start + 2] != needle[:2]:
            continue
        rest = iter(haystack[start + 2 :])
        if all(word in rest for word in needle[2:]):
            return True
    return False


def _contains_run(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    """Tell whether ``needle`` occurs as consecutive items of ``haystack``."""
    size = len(needle)
    return any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


@lru_cache(maxsize=1)
def _anonymizer() -> AnonymizerEngine:
    """Return the process-wide anonymizer (stateless, so one is enough)."""
    return AnonymizerEngine()  # type: ignore[no-untyped-call]


@lru_cache(maxsize=1)
def default_guard() -> PhiRedactionGuard:
    """Return the process-wide guard with default settings (built on first use)."""
    return PhiRedactionGuard()


def redact(text: str, language: str, context: GuardContext) -> Verdict:
    """Redact ``text`` with the default :class:`PhiRedactionGuard` (see its ``redact``)."""
    return default_guard().redact(text, language, context)


__all__ = [
    "ENTITIES",
    "RECOGNIZERS",
    "PhiRedactionGuard",
    "default_guard",
    "normalize_value",
    "placeholder_for",
    "placeholder_key",
    "redact",
    "resolve_overlaps",
]

"""Recognizer for medical record numbers: the number right after "MRN", "n. cartella"..."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from guardrails.recognizers.base import ID_VALUE, ContextIdRecognizer, after_context

MRN_CONTEXT = "|".join(
    (
        # English
        r"\bmrn",
        r"\bmedical\s+record(?:\s+(?:number|no|num))?",
        r"\b(?:patient|hospital|record|chart|case)\s+(?:id|number|no|num)",
        r"\bnhs\s+(?:number|no|num)",
        r"\b(?:hospital|unit|case\s+note)\s+(?:number|no)\.?",
        # Italian
        r"\b(?:n\.?|numero|codice)\s+(?:di\s+|del\s+)?ricovero",
        r"\b(?:codice|n\.?|numero)\s+sdo",
        r"\bn\.?\s*(?:di\s+)?cartella(?:\s+clinica)?",
        r"\bnumero\s+(?:di\s+|della\s+)?cartella(?:\s+clinica)?",
        r"\bcartella\s+clinica",
        r"\b(?:codice|id|numero)\s+(?:del\s+)?paziente",
        r"\b(?:numero\s+)?nosologico",
        r"\b(?:numero|n\.?)\s+(?:di\s+)?pratica",
        # French
        r"\bdossier(?:\s+(?:m[ée]dical|patient))?",
        r"\bnum[ée]ro\s+(?:de\s+|du\s+)?dossier(?:\s+(?:m[ée]dical|patient))?",
        r"\bn\s?[°º]\s*(?:de\s+|du\s+)?dossier",
        r"\bipp",
        r"\bidentifiant\s+(?:du\s+)?patient",
        r"\bnum[ée]ro\s+(?:de\s+)?patient",
        r"\b(?:num[ée]ro|n\s?[°º])\s+(?:de\s+)?s[ée]jour",
        # Spanish
        r"\bhistoria\s+cl[íi]nica",
        r"\b(?:n\.?\s?[°º]|no\.?|n[úu]m(?:ero)?\.?)\s*(?:de\s+)?historia(?:\s+cl[íi]nica)?",
        r"\bnhc",
        r"\bnuhsa",
        r"\b(?:n[úu]mero\s+de\s+|n\.?\s?[°º]\s+de\s+)?episodio",
        r"\b(?:id|n[úu]mero)\s+de(?:l)?\s+paciente",
    )
)
"""Phrases that name a medical record number, in English, Italian, French and Spanish."""

# Digits, perhaps in groups ("118 735"); after the slash three digits at least, or a group
# of one or two then more groups ("/ 55 812"), never a count ("MRN 4471823 / 2 visits").
_GROUPS = r"(?:[ \t]\d{2,4}){0,3}"
_AFTER_SLASH = rf"[ \t]?/[ \t]?(?:\d{{3,8}}|\d{{1,2}}(?=[ \t]\d{{2,4}})){_GROUPS}"
RECORD_VALUE = rf"(?:\d{{1,8}}{_GROUPS}(?:{_AFTER_SLASH})+(?![ \t]?[-/]?[ \t]?\d)|{ID_VALUE})"
"""A record number as :data:`~guardrails.recognizers.base.ID_VALUE`, or digit groups joined
by a slash with spaces around it: a year and a number ("2024 / 118 735", "2023 /55812")."""


class MedicalRecordNumberRecognizer(ContextIdRecognizer):
    """Recognize a medical record number by the phrase that introduces it.

    Record numbers have no standard shape (each hospital has its own), so
    only the phrase before the number says what it is: "MRN 4471823",
    "n. cartella 2023/55812", "numéro de dossier 88123", "nº de historia
    665432", "patient id 12345". The number must have at least 4 digits. A
    year and a number may be typed with spaces around the slash and the
    number in groups ("cartella clinica n. 2024 / 118 735").

    Reference: none (local hospital identifiers); the phrases are those of
    Italian (cartella clinica, nosologico), French (dossier, IPP: identifiant
    permanent du patient) and Spanish (historia clínica, NHC) hospital forms.

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    ENTITY = "MEDICAL_RECORD_NUMBER"
    LANGUAGE = "en"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("Record number after its name", after_context(MRN_CONTEXT, RECORD_VALUE), 0.5),
    ]

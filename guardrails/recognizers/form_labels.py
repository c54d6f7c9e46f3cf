"""A form's labels, and names cut where the next label starts.

A form pasted without its line breaks puts each label right after the last
value: "Nom : Nguyen Prénom : Thi Mai Date de naissance : 28/11/1978". A
recognizer that reads the capitalised words as one name ("Thi Mai Date")
takes the next label in; the name ends where that label starts. A label is
a label word ("Date", "Data", "Tél", "Address") with at most two more words
and a colon after it on its line.

A lower-case word at the end of a message that no list knows may be a verb
with its pronouns written on ("porfa revisadlo", "chiamatemi"), not a
signature: such a finding of one word is dropped.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from guardrails.recognizers.base import respan
from guardrails.recognizers.lexicon import fold
from guardrails.recognizers.word_frequency import verb_with_pronouns

LABEL_REST = re.compile(r"(?:[ \t]+[^\W\d_]+(?:['’\-][^\W\d_]+)*){0,2}[ \t]*:(?!\d)")
"""What follows a form label's first word: up to two more words, then its colon."""

FORM_LABEL_WORDS = frozenset(
    """nome cognome data luogo indirizzo residenza telefono tel cell cellulare email mail
    codice tessera paziente nom prénom prenom date adresse domicile téléphone telephone tél
    portable courriel mutuelle patient name surname forename first last full birth dob address
    phone mobile postcode nombre apellido apellidos fecha dirección direccion domicilio
    teléfono móvil movil celular correo paciente
    motivo motif reason oggetto objet asunto subject diagnosi diagnostic diagnóstico diagnosis
    età âge edad age sesso sexe sexo sex""".split()
)
"""The words a form's label starts with ("Data di nascita:", "Date de naissance :", "Tél :")."""

_WORD = re.compile(r"[^\W\d_]+")


def label_word(text: str, start: int, end: int) -> bool:
    """Tell whether the word at ``start``-``end`` opens a form's label ("Date de naissance :")."""
    word = text[start:end].casefold()
    return word in FORM_LABEL_WORDS and LABEL_REST.match(text, end) is not None


def tidy_names(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Cut each name at the first label inside it; drop a name that is a verb with pronouns."""
    kept: list[RecognizerResult] = []
    for result in results:
        if result.entity_type != "PERSON":
            kept.append(result)
            continue
        words = list(_WORD.finditer(text, result.start, result.end))
        lone = words[0].group() if len(words) == 1 else ""
        if lone and verb_with_pronouns(fold(lone)):
            continue  # "porfa revisadlo": no signature
        cut = next(
            (w for w in words[1:] if label_word(text, w.start(), w.end())),
            None,
        )
        if cut is not None:
            result = respan(result, result.start, words[words.index(cut) - 1].end())
        kept.append(result)
    return kept

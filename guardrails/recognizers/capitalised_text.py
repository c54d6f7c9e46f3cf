"""Names in a passage where every word is capitalised: everyday words are trimmed off.

Some patients write a formal letter with Every Word Capitalised ("Scrivo Per La
Prima Volta", "Veuillez Agréer, Madame, L'Expression De Mes Salutations
Distinguées", "I Am Writing To Enquire") or in capitals. There a capital says
nothing about a name, and the recognizers that lean on capitals take
"Volta", "Veuillez Agréer", "Writing To Enquire", "Yours Faithfully" for one.
In such a passage a name finding loses its everyday words at either end (a
word of a letter's formulas, or one common in the message's language and
much rarer in the other three), and is dropped when nothing else is left; a
name right after a title or "mi chiamo", "née" keeps its first word. A
finding made only of a letter's formula ("Yours Faithfully") is dropped
wherever it stands. A word in the lists of first names or
surnames stays, unless it is one of the language's commonest words ("Volta",
"Le"): "Hope", "Rosa", "Pierre", "Grace" are kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

from presidio_analyzer import RecognizerResult

from guardrails.recognizers.base import respan
from guardrails.recognizers.form_labels import LABEL_REST as _LABEL_REST
from guardrails.recognizers.lexicon import fold
from guardrails.recognizers.person_lexicon import name_lexicon
from guardrails.recognizers.word_frequency import LANGUAGES, zipf

LETTER_WORDS = frozenset(
    fold(word)
    for word in """gentilissimi gentilissima egregi spettabile distinti cordiali saluti ossequi
    veuillez agreer agreez salutations distinguees respectueuses respectueusement cordialement
    remerciements sentiments yours faithfully sincerely regards kind truly respectfully
    atentamente cordialmente saludos cordiales estimados estimadas
    cher chère chers confrère confrères consœur consoeur confraternellement collega colleghi
    caro cara cari querido querida dear""".split()
)
"""The words of a letter's opening and closing formulas, in the four languages."""

EVERYDAY_MIN_ZIPF = 2.8
"""A word at least this common in the message's language, and ..."""
OWN_LANGUAGE_MARGIN = 1.0
"""... this much commoner there than in any other of the four, is an everyday word."""
COMMON_ZIPF = 5.0
"""A word this common in the language is an everyday word wherever else it is written."""
COMMONEST_ZIPF = 5.5
"""A surname this common in the language is read as the word ("Volta", "Le")."""
REACH = 60
"""How many characters either side of a finding tell how the passage is written."""
RUN_WORDS = 2
"""Capitalised everyday words right next to a finding that say it sits in a capitalised run
("Per La Prima Volta volevo", "It's Been Sore For Weeks")."""
MIN_WORDS = 3
"""Fewer words around a finding tell nothing of how the passage is written."""
CAPITALS_SHARE = 0.8
TITLE_CASE_SHARE = 0.5
AFTER_NAME_MAX_ZIPF = 4.5
"""A word after a name is its surname unless commoner than this ("Agostino Sacchetti",
but "Rosa Volevo")."""
CONJUNCTIONS = frozenset("e y o u a".split())
"""One-letter words that end a name finding in Title Case ("Carmela Sacchetti E Vorrei")."""
PARTICLES = frozenset(
    "di de da del della dei la le lo du des van von der den dos das mac mc".split()
)
"""A surname's particles, given back when a surname follows them ("De La Cruz")."""

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_RUN_BEFORE = re.compile(r"(?:[^\W\d_]+(?:['’\-][^\W\d_]+)*[ \t]+){1,2}$")
_RUN_AFTER = re.compile(r"(?:[ \t]+[^\W\d_]+(?:['’\-][^\W\d_]+)*){1,2}")
_NAME_CUE = re.compile(
    r"(?i:\b(?:chiamo|llamo|appelle|name\s+is|nombre\s+es|nom\s+est|signora|signor|sig\.?ra"
    r"|sig|se[ñn]ora|se[ñn]or|sra|sr|srta|madame|monsieur|mme|mlle|mrs|mr|ms|miss|don|do[ñn]a"
    r"|nata|nato|n[ée]e|nacida|maiden\s+name|cognome|nome|nom|pr[ée]nom|nombre|apellidos?"
    r"|surname|first\s+name|last\s+name|paziente|paciente|patient"
    # whose relative the writer is: "LA BELLE MERE DE AMANDINE", "LA MOGLIE DI ANGELO"
    r"|(?:m[èe]re|p[èe]re|fille|fils|femme|mari|madre|padre|figli[oa]|moglie|marito|mamma"
    r"|pap[àa]|hij[oa]|esposa|marido|mam[áa]|pap[áa]|mother|father|daughter|son|wife"
    r"|husband)\s+(?:de|di|del|della|of))\.?[\s,:]*)$"
)

# "I am" before the name: "SOY ANGUSTIAS PEREGRINA LOPEZ", but also "Sono Stata Dimessa".
_I_AM = re.compile(r"(?i:\b(?:soy|sono|je\s+suis|i\s+am|i'm)[\s,:]*)$")
I_AM_FIRST_WORD_MAX_ZIPF = 4.5
"""After "soy"/"sono" a first word rarer than this is a first name that is also a word
("Angustias", "Dolores", "Fortunato"); commoner ones ("Stata", "Molto") are the sentence."""


def capitalised_passage(text: str, start: int, end: int, language: str) -> bool:
    """Tell whether the text around ``start``-``end`` is in capitals or Title Case.

    Of the everyday words around the finding (names and the finding's own
    words left out: a form's or a list's names say nothing; so are a form's
    labels, "Date de naissance :", capitalised in any form, and the particles
    of names, "De Luca"), half or more
    must start with a capital, or four in five be in capitals.
    """
    left, right = max(0, start - REACH), min(len(text), end + REACH)
    words = [
        w.group()
        for w in _WORD.finditer(text, left, right)
        if (w.end() <= start or w.start() >= end)
        and everyday_word(w.group(), language)
        and not _LABEL_REST.match(text, w.end())
        and not _particle_of_a_name(text, w)
    ]
    if _capitalised_neighbours(text, start, end, language) >= RUN_WORDS:
        return True
    if len(words) < MIN_WORDS:
        return False
    if sum(word.isupper() for word in words) >= CAPITALS_SHARE * len(words):
        return True
    return sum(word[0].isupper() for word in words) >= TITLE_CASE_SHARE * len(words)


_NEXT_CAPITALISED = re.compile(r"[ \t]+[A-ZÀ-ÖØ-Þ]")


def _particle_of_a_name(text: str, word: re.Match[str]) -> bool:
    """Tell whether ``word`` is a capitalised particle opening a surname ("De Luca")."""
    return (
        word.group()[:1].isupper()
        and fold(word.group()) in PARTICLES
        and _NEXT_CAPITALISED.match(text, word.end()) is not None
    )


def _capitalised_neighbours(text: str, start: int, end: int, language: str) -> int:
    """Count the capitalised everyday words joined by spaces to either side of a finding."""
    before = _RUN_BEFORE.search(text, max(0, start - REACH), start)
    after = _RUN_AFTER.match(text, end, min(len(text), end + REACH))
    words = [
        (run.start() + word.start(), word.group())
        for run in (before, after)
        if run is not None
        for word in _WORD.finditer(run.group())
    ]
    count = 0
    for at, word in words:
        label = _LABEL_REST.match(text, at + len(word)) is not None
        if word[0].isupper() and everyday_word(word, language) and not label:
            count += 1
    return count


@lru_cache(maxsize=65536)
def everyday_word(word: str, language: str) -> bool:
    """Tell whether ``word`` (any case) is a common word of ``language`` and no usual name."""
    parts = [fold(part) for part in re.split(r"['’\-]", word) if len(part) > 1 or len(word) == 1]
    names = name_lexicon()
    for part in parts:
        if part in LETTER_WORDS:
            continue
        if len(part) < 2 or part in names.first:
            return False
        frequency = zipf(part, language)
        if part in names.last and frequency < COMMONEST_ZIPF:
            return False
        elsewhere = max(zipf(part, other) for other in LANGUAGES if other != language)
        if frequency < EVERYDAY_MIN_ZIPF or (
            frequency < COMMON_ZIPF and frequency - elsewhere < OWN_LANGUAGE_MARGIN
        ):
            return False
    return bool(parts)


def _surname_after_name(previous: str, word: str, language: str) -> bool:
    return (
        not everyday_word(previous, language) and zipf(fold(word), language) < AFTER_NAME_MAX_ZIPF
    )


def _rare_enough_after_i_am(word: str, language: str) -> bool:
    return zipf(fold(word), language) < I_AM_FIRST_WORD_MAX_ZIPF


def trim_everyday_words(
    text: str, results: list[RecognizerResult], language: str
) -> list[RecognizerResult]:
    """Trim everyday words off names found in a capitalised passage; drop names of only those."""
    kept: list[RecognizerResult] = []
    for result in results:
        if result.entity_type != "PERSON":
            kept.append(result)
            continue
        words = list(_WORD.finditer(text, result.start, result.end))
        if words and all(fold(word.group()) in LETTER_WORDS for word in words):
            continue  # "Yours Faithfully", "Respectueusement": a letter's formula, anywhere
        if not capitalised_passage(text, result.start, result.end, language):
            kept.append(result)
            continue
        if len(words) > 1 and all(fold(w.group()) in PARTICLES for w in words[:-1]):
            kept.append(result)  # "DE BEER", "VAN DER BERG": a surname with its particle
            continue
        after_cue = _NAME_CUE.search(text, max(0, result.start - 20), result.start) is not None
        trimmed: list[re.Match[str]] = []
        after_i_am = _I_AM.search(text, max(0, result.start - 12), result.start) is not None
        while words and not after_cue and everyday_word(words[0].group(), language):
            if after_i_am and not trimmed and _rare_enough_after_i_am(words[0].group(), language):
                break  # "SOY ANGUSTIAS PEREGRINA LOPEZ"
            trimmed.append(words.pop(0))
        while words and trimmed and fold(trimmed[-1].group()) in PARTICLES:
            words.insert(0, trimmed.pop())
        while len(words) > 1 and fold(words[-1].group()) in CONJUNCTIONS:
            words.pop()
        while words and everyday_word(words[-1].group(), language):
            if len(words) > 1 and (
                fold(words[-2].group()) in PARTICLES
                or _surname_after_name(words[-2].group(), words[-1].group(), language)
            ):
                break  # "LO PRESTI", "Agostino Sacchetti": a surname
            if after_cue and len(words) == 1:
                break  # "Cognome: Dell'Acqua": the name the cue announces
            words.pop()
        if not words:
            continue
        if words[0].start() != result.start or words[-1].end() != result.end:
            result = respan(result, words[0].start(), words[-1].end())
        kept.append(result)
    return kept

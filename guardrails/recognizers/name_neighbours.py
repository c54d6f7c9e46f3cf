"""What a name found tells about the words next to it and the rest of the message.

A recognizer finds a name; around it the writer often gives more of it, or
more names, in shapes no phrase announces:

- a first name that is also a word, capitalised right before the name
  ("Hope Castellanos-Byrne", "Blanche Dufresnoy", "Gioia Pelizzari"): at the
  start of a sentence or after a word in lower case, a capitalised word
  written in several languages' text (a proper noun) or a known first name is
  the name's first word;
- a last surname that is also a word, capitalised, ending the phrase
  ("Teodoro Villanueva Gracia,", "Ángeles Pastor Blanco"): Spanish names
  have two surnames and many are words;
- a surname opened by "de la", "del", "de los" after a name in lower case
  ("pilar ruiz de la vega para …") when the word is a known surname;
- the next item of a list of names ("Hugo, Vera y Leire Zubizarreta");
- the same name again further on ("mio figlio samuele … ma samuele deve");
- the name said twice, the second time with more of it ("sn giada, giada fois",
  "name's summer, summer o'donnell");
- a nickname between an introduction and the full name, or in brackets after
  the first name ("soy la coni, constanza huenchullán", "soy fer (fernanda
  tzompa)", "JOHANNA (HANNIE) VAN DER MERWE");
- a Québec saint's surname joined by its dash ("maëlle st-pierre").

Never a weekday, a month, a closing, a title, a street or institution word,
a department or a relative ("Zia"), and never inside a message typed in
title case (the word before must be in lower case or end a sentence).
"""

from __future__ import annotations

import re
from functools import lru_cache

from presidio_analyzer import RecognizerResult

from guardrails.lexicons import load_lexicon
from guardrails.recognizers.known_names import fold_keeping_offsets
from guardrails.recognizers.lexicon import (
    CALENDAR_WORDS,
    CLOSINGS,
    DEPARTMENT_WORDS,
    fold,
    is_department,
)
from guardrails.recognizers.name_words import name_words
from guardrails.recognizers.person_lexicon import (
    KIN_WORDS,
    PLACE_WORDS,
    TITLE_WORDS,
    name_lexicon,
)
from guardrails.recognizers.spacy_person import NOT_NAMES
from guardrails.recognizers.word_frequency import LANGUAGES, top_zipf, zipf

ENTITY = "PERSON"
_NOT_NAMES = frozenset(fold(word) for word in NOT_NAMES)
SHARED_MIN_ZIPF = 2.0
"""A word seen this often in at least three languages' text is a proper noun, or a name."""
SHARED_MAX_ZIPF = 5.5
"""Above this in some language it is too common a word to take on that evidence alone."""

_CAPITALISED = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:['’\-][A-ZÀ-ÖØ-Þa-zß-öø-ÿ][a-zß-öø-ÿ]+)?"
_WORD_BEFORE = re.compile(rf"(?P<word>{_CAPITALISED})[ \t]$")
_BEFORE_THE_WORD = re.compile(r"(?:^|[.!?\n:;][ \t]*|(?<![\w'’])[a-zß-öø-ÿ]+[ \t,]+)$")
_WORD_AFTER = re.compile(rf"[ \t](?P<word>{_CAPITALISED})(?=[ \t]*(?:$|[,.;:!?)\n]))")
_LOWER = r"[a-zß-öø-ÿ]{3,}(?:['’\-][a-zß-öø-ÿ]+)?"
_AND = r"(?:e|ed|y|et|and)"
# The next item of a list after a name: ", Vera y …", ", camilla e pietro", ", Zofia and baby …",
# or its last item after "and" when the phrase ends with it (", camilla e pietro").
_LIST_ITEM = {
    case: re.compile(
        rf"(?:,[ \t]+(?P<word>{word})(?=[ \t]*,|[ \t]+{_AND}[ \t]+\w)"
        rf"|[ \t]+{_AND}[ \t]+(?P<last>{word})(?=[ \t]*(?:$|[,.;:!?)\n])))"
    )
    for case, word in (("capitalised", _CAPITALISED), ("lower", _LOWER))
}
# The item before a name in a list: "…: Iker, Ane, Maite y yo".
_LIST_ITEM_BEFORE = {
    case: re.compile(rf"(?:^|[:;\n][ \t]*|,[ \t]+)(?P<word>{word}),[ \t]+$")
    for case, word in (("capitalised", _CAPITALISED), ("lower", _LOWER))
}
_IN_A_LIST = re.compile(rf"[ \t]*,|[ \t]+{_AND}[ \t]+\w")
_LOWER_PARTICLE_SURNAME = re.compile(
    r"[ \t]+(?:de[ \t]+la|de[ \t]+las|de[ \t]+los|del)[ \t]+(?P<word>[a-zß-öø-ÿ]{3,})(?![\w'’])"
)


_ANY_WORD = r"[^\W\d_]+(?:['’\-][^\W\d_]+)*"
# "soy la coni, constanza …", "im kj, kristine …", "soy fer (fernanda …": a nickname the full
# name right after explains.
_NICKNAME_BEFORE = re.compile(
    r"(?<![\w'’])(?i:soy|sono|sn|so|im|i['’]?m|i\s+am|c['’]est|jsuis|je\s+suis|me\s+llamo"
    r"|mi\s+chiamo|name['’]?s|name\s+is|call\s+me|chiamatemi|appelez[-\s]moi|d[ií]ganme)"
    r"[ \t]+(?:(?i:la|el|le|il|lo)[ \t]+)?(?P<word>[^\W\d_]{2,12})[ \t]*(?:,|\()[ \t]*$"
)
# "JOHANNA (HANNIE) VAN DER MERWE": a nickname in brackets, then maybe the surname.
_NICKNAME_AFTER = re.compile(
    r"[ \t]*\((?P<word>[^\W\d_]{2,12})\)"
    r"(?P<surname>[ \t]+(?i:van|von|de|di|da|del|della|du|dos|le|la|mac|mc)"
    r"(?:[ \t]+(?i:der|den|la|los|las))?[ \t]+[^\W\d_]+(?:['’\-][^\W\d_]+)*)?"
)
_PRONOUNS = frozenset("io yo me mi moi tu te ti il le la el lo us we".split())
_SAINT_SURNAME = re.compile(r"[ \t]+(?i:st|ste|saint|sainte)-[^\W\d_]+(?![\w'’\-])")


_AGAIN_AFTER = re.compile(
    rf"[ \t]*,[ \t]*(?P<name>(?P<again>[^\s,]+)[ \t]+(?P<word>{_ANY_WORD}))(?![\w'’\-])"
)
_AGAIN_BEFORE = re.compile(r"(?<![\w'’])(?P<word>[^\s,(\[\"“«]+)[ \t]*,[ \t]*$")


def _said_again(text: str, result: RecognizerResult) -> list[RecognizerResult]:
    """Return the name said a second time, with more of it, next to a name found.

    "sn giada, giada fois": after a one-word name found, a comma, the same
    word and one more; "name's summer, summer o'donnell": before a name
    found, its first word and a comma.
    """
    words = text[result.start : result.end].split()
    if not words or sum(c.isalpha() for c in words[0]) < 2:
        return []
    first = words[0].casefold()
    found: list[RecognizerResult] = []
    if len(words) == 1:
        match = _AGAIN_AFTER.match(text, result.end)
        if (
            match
            and match.group("again").casefold() == first
            and not _never(fold(match.group("word")))
        ):
            found.append(_new(match.start("name"), match.end("name"), result.score))
    else:
        match = _AGAIN_BEFORE.search(text, max(0, result.start - len(words[0]) - 4), result.start)
        if match and match.group("word").casefold() == first:
            found.append(_new(match.start("word"), match.end("word"), result.score))
    return found


def _nicknames(text: str, result: RecognizerResult) -> list[RecognizerResult]:
    """Return a nickname written before a full name after an introduction, or in brackets.

    Before the full name the nickname must start as the name does, or be its
    initials ("coni, constanza", "kj, kristine joy"): "sono la vicina,
    Carmelina" is a role. In brackets after a first name, a surname must
    follow ("JOHANNA (HANNIE) VAN DER MERWE"): "albarracin (teruel)" is a place.
    """
    found: list[RecognizerResult] = []
    words = [fold(word) for word in text[result.start : result.end].split()]
    if len(words) > 1:
        match = _NICKNAME_BEFORE.search(text, max(0, result.start - 40), result.start)
        nickname = fold(match.group("word")) if match else ""
        initials = "".join(word[0] for word in words if word)
        if (
            match
            and _nickname(nickname)
            and (nickname[0] == words[0][0] or initials.startswith(nickname))
        ):
            found.append(_new(match.start("word"), match.end("word"), result.score))
    match = _NICKNAME_AFTER.match(text, result.end)
    if match and match.group("surname") and not _never(fold(match.group("word"))):
        surname = match.group("surname")
        start = match.start("surname") + len(surname) - len(surname.lstrip())
        found.append(_new(match.start("word"), match.end("word"), result.score))
        found.append(_new(start, match.end("surname"), result.score))
    return found


def _nickname(key: str) -> bool:
    """Tell whether a word may be a nickname: two letters ("kj") are enough, no function word."""
    if len(key) < 3:
        return key not in name_lexicon().stop and key not in _PRONOUNS
    return not _never(key)


def _saint_surname_end(text: str, end: int) -> int:
    """Return where a name ends when a saint's surname joined by its dash follows it."""
    match = _SAINT_SURNAME.match(text, end)
    return match.end() if match else end


def _never(key: str) -> bool:
    """Tell whether a word is never part of a name here, whatever its capital."""
    return (
        len(key) < 3
        or key in name_lexicon().stop
        or key in CALENDAR_WORDS
        or key in CLOSINGS
        or key in TITLE_WORDS
        or key in PLACE_WORDS
        or key in KIN_WORDS
        or key in DEPARTMENT_WORDS
        or key in _NOT_NAMES
        or is_department(key)
    )


def _rare(key: str) -> bool:
    """Tell whether a folded word is rare in every language and never a non-name word."""
    return not _never(key) and top_zipf(key) < RARE_WORD_MAX_ZIPF


def _shared(key: str) -> bool:
    """Tell whether ``key`` is written in at least three languages' text, none too often."""
    frequencies = sorted((zipf(key, language) for language in LANGUAGES), reverse=True)
    return frequencies[0] < SHARED_MAX_ZIPF and frequencies[2] >= SHARED_MIN_ZIPF


def _first_word_before(text: str, result: RecognizerResult) -> int:
    """Return where the name starts once a capitalised first name before it is taken in."""
    if not text[result.start : result.start + 1].isupper():
        return result.start
    match = _WORD_BEFORE.search(text, max(0, result.start - 40), result.start)
    if match is None or not _BEFORE_THE_WORD.search(text, 0, match.start("word")):
        return result.start
    key = fold(match.group("word"))
    lexicon = name_lexicon()
    if _never(key) and key not in lexicon.ambiguous_first:
        return result.start
    if key in lexicon.first or key in lexicon.ambiguous_first or _shared(key):
        return match.start("word")
    return result.start


def _last_word_after(text: str, start: int, end: int) -> int:
    """Return where a capitalised name ends once a known surname that is also a word is taken in."""
    name = text[start:end]
    if len(name.split()) < 2 or not all(word[:1].isupper() for word in name.split()):
        return end
    match = _WORD_AFTER.match(text, end)
    if match is None:
        return end
    key = fold(match.group("word"))
    if key in name_lexicon().last and not _never(key):
        return match.end("word")
    return end


def _particle_surname_after(text: str, start: int, end: int) -> int:
    """Return where a lower-case name ends once "de la"/"del" and a known surname are taken in."""
    if not text[start:end].islower():
        return end
    match = _LOWER_PARTICLE_SURNAME.match(text, end)
    if match is None:
        return end
    key = fold(match.group("word"))
    lexicon = name_lexicon()
    if key in lexicon.last and key not in lexicon.not_name and not _never(key):
        return match.end("word")
    return end


def _listed(text: str, result: RecognizerResult) -> list[RecognizerResult]:
    """Return the names listed with ``result`` ("Hugo, Vera y Leire", "tullio, camilla e pietro").

    Each item is one word written in the same case as the name found, read as
    a name (a known first name or a word several languages write); the list
    goes on from item to item, and one item before the name is taken too
    ("…: Iker, Ane, …") when the name is itself followed by another.
    """
    case = "lower" if text[result.start : result.end].islower() else "capitalised"
    found: list[RecognizerResult] = []
    end = result.end
    while (match := _LIST_ITEM[case].match(text, end)) is not None:
        group = "word" if match.group("word") else "last"
        if not _list_name(match.group(group)):
            break
        found.append(_new(match.start(group), match.end(group), result.score))
        if group == "last":
            break
        end = match.end(group)
    if found or _IN_A_LIST.match(text, result.end):
        before = _LIST_ITEM_BEFORE[case].search(text, max(0, result.start - 40), result.start)
        if before is not None and _list_name(before.group("word")):
            found.append(_new(before.start("word"), before.end("word"), result.score))
    return found


def _list_name(word: str) -> bool:
    """Tell whether one word listed next to a name is a name too."""
    key = fold(word)
    lexicon = name_lexicon()
    if key in CALENDAR_WORDS or (_never(key) and key not in lexicon.ambiguous_first):
        return False
    return key in lexicon.first or name_words().evidence(word, expected=True)


RARE_WORD_MAX_ZIPF = 3.0
"""A word of a name this rare in every language is that person's wherever it is written."""


def _again(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Return the other places where a name found, or a rare word of it, is written again.

    "non è Ghisolfi ma GHISLERI … Quindi Marta Ghisleri" writes the surname
    alone before the whole name. A word of a name counts alone in any case when
    it is rare in every language and is no word that is never a name's; any
    capitalised word of a name counts where it is written again with its
    capital (see :func:`_capitalised_words`), so "Rosa" of "Maria Rosa" stays
    a flower in lower case.
    """
    names = [r for r in results if r.entity_type == ENTITY]
    found: list[RecognizerResult] = []
    if not names:
        return found
    folded = fold_keeping_offsets(text)
    values = {folded[r.start : r.end] for r in names}
    values |= {
        word
        for value in list(values)
        if " " in value
        for word in value.split()
        if len(word) >= 4 and word.isalpha() and _rare(word)
    }
    places = [(folded, value) for value in values]
    places += [(text, word) for word in _capitalised_words(text, names)]
    for haystack, value in places:
        if sum(char.isalpha() for char in value) < 3:
            continue
        for start in _whole_word_starts(haystack, value):
            end = start + len(value)
            if not any(r.start < end and start < r.end for r in names + found):
                found.append(_new(start, end, 0.7))
    return found


MISSPELT_MIN_LENGTH = 5
MISSPELT_MAX_EDITS = 2
"""A capitalised word this close to a surname found (letters added, dropped or changed) is the
same surname misspelt: "Mme Simone Lacombe, et non Lacomble"."""
_CAPITALISED_WORD = re.compile(r"(?<![\w'’\-])[A-ZÀ-ÖØ-Þ][^\W\d_]{4,}(?![\w'’\-])")


def _misspelt(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Return the capitalised words that spell a word of a name found with a letter or two off.

    Relatives correct the clinic ("… Lacombe, et non Lacomble comme sur vos
    courriers") and misspell a name on a second try. The word has the name
    word's first letter and length within two, is rare in every language
    (:func:`_rare`), and is at most :data:`MISSPELT_MAX_EDITS` edits away.
    """
    names = [r for r in results if r.entity_type == ENTITY]
    words = {
        fold(word)
        for r in names
        for word in text[r.start : r.end].split()
        if len(word) >= MISSPELT_MIN_LENGTH and word.isalpha() and word[:1].isupper()
    }
    found: list[RecognizerResult] = []
    if not words:
        return found
    for match in _CAPITALISED_WORD.finditer(text):
        key = fold(match.group())
        if key in words or any(r.start < match.end() and match.start() < r.end for r in names):
            continue
        if not _rare(key):
            continue
        if any(
            key[0] == word[0]
            and abs(len(key) - len(word)) <= MISSPELT_MAX_EDITS
            and _edits(key, word) <= MISSPELT_MAX_EDITS
            for word in words
        ):
            found.append(_new(match.start(), match.end(), 0.7))
    return found


def _edits(a: str, b: str) -> int:
    """Return the Levenshtein distance between ``a`` and ``b``."""
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            )
        previous = current
    return previous[-1]


_WORDS_ONLY = re.compile(r"[^\W\d_]+(?:[ '’\-][^\W\d_]+)+")
"""A name of several words and nothing else (no comma: "Coed, Cardiff" is no one's name)."""


def _capitalised_words(text: str, names: list[RecognizerResult]) -> set[str]:
    """Return the words of whole names found, as written, when capitalised.

    "la mamma di Elia e Azzurra Scavuzzo … Azzurra invece deve": a first name
    that is also a word is the person's again where it is written again with
    its capital, not in lower case ("una rosa").
    """
    return {
        word
        for r in names
        if " " in (value := text[r.start : r.end]) and _WORDS_ONLY.fullmatch(value)
        for word in value.split()
        if word[:1].isupper()
        and word[1:].isalpha()
        and word[1:].islower()
        and not _never(fold(word))
    }


_WORD_CHARACTER = re.compile(r"[^\W_]")  # "neo_schiena_Ginevra.jpg": an underscore parts words


def _whole_word_starts(text: str, word: str) -> list[int]:
    r"""Return where ``word`` stands in ``text`` as a whole word, left to right, not overlapping.

    The places ``re.finditer(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", text)`` finds
    (an underscore parts words: "neo_schiena_Ginevra.jpg"), without compiling (and caching)
    a pattern for each name.
    """
    starts: list[int] = []
    at = text.find(word)
    while at != -1:
        end = at + len(word)
        if (at and _WORD_CHARACTER.match(text, at - 1)) or _WORD_CHARACTER.match(text, end):
            at = text.find(word, at + 1)  # inside a longer word
        else:
            starts.append(at)
            at = text.find(word, end)
    return starts


MEDICINE_LISTS = ("drug", "prep_product")
"""The clinical-advice lexicon's lists of medicines ("Nurofen", "Bentelan", "Moviprep")."""


@lru_cache(maxsize=1)
def medicine_names() -> tuple[frozenset[str], tuple[str, ...]]:
    """Return the medicines' one-word names and the stems of those written with ``*``."""
    lists = load_lexicon("clinical_advice").get("lists", {})
    words: set[str] = set()
    stems: set[str] = set()
    for name in MEDICINE_LISTS:
        for phrases in lists.get(name, {}).values():
            for phrase in phrases:
                if " " in phrase or "~" in phrase:
                    continue
                if phrase.endswith("*"):
                    stems.add(fold(phrase[:-1]))
                else:
                    words.add(fold(phrase))
    lexicon = name_lexicon()
    words -= lexicon.first | lexicon.last  # "Allegra", "Hierro" are people's names too
    return frozenset(words), tuple(sorted(stem for stem in stems if len(stem) >= 4))


def _is_medicine(value: str) -> bool:
    """Tell whether every word of ``value`` is a medicine's name ("il Bentelan", "Nurofen")."""
    words, stems = medicine_names()
    keys = [fold(word) for word in re.findall(r"[^\W\d_]+", value)]
    return bool(keys) and all(key in words or key.startswith(stems) for key in keys)


def with_name_neighbours(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Return ``results`` with names widened over their neighbours, listed and repeated names added.

    A "name" that is a medicine's is dropped first. New and widened findings
    may overlap others; the caller resolves overlaps.
    """
    out: list[RecognizerResult] = []
    added: list[RecognizerResult] = []
    for result in results:
        if result.entity_type != ENTITY:
            out.append(result)
            continue
        if _is_medicine(text[result.start : result.end]):
            continue
        start = _first_word_before(text, result)
        end = _particle_surname_after(text, start, _last_word_after(text, start, result.end))
        end = _saint_surname_end(text, end)
        if (start, end) != (result.start, result.end):
            result = _new(start, end, result.score)
        out.append(result)
        added += _listed(text, result) + _said_again(text, result) + _nicknames(text, result)
    out += added
    out += _again(text, out)
    return out + _misspelt(text, out)


def _new(start: int, end: int, score: float) -> RecognizerResult:
    return RecognizerResult(entity_type=ENTITY, start=start, end=end, score=score)

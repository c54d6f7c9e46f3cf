"""The rest of a name around the part a recognizer found: particles, joined surnames, a second name.

Recognizers find the core of a name; patients write more around it:

- a particle before a surname written first, in capitals or capitalised
  ("DI STEFANO GIUSEPPE", "COGNOME LO PRESTI", "De Luca Anna");
- a surname joined to the name: a married or maiden name after its link
  ("Iolanda Marzocchi in Ferri", "ved. Rossi", "viuda de Soto", "épouse
  Martin", "née Dubois"; the link word stays) or Catalan surnames joined by
  "i" ("Joan Puig i Ferrer", "pau vilaró i soler": one name), or Spanish ones
  joined by "y" when no first name follows ("Ramón de la Torre y Saavedra");
- initials before a name ("R. Ashcombe-Whyte") and, after a surname in
  capitals and a comma, the first name ("GUTIÉRREZ SOLANO, Begoña"); a
  first name alone on its line takes the surnames and comma before it
  ("Hollis, Vernon", "Galindo Pastrana, Maite"), and capitalised given names
  the surnames in capitals opening the line ("- REYES Jonathan Paul");
- another person named with "e"/"y"/"et"/"and" or "o"/"or" next to a name
  ("Gabriella e Marco Tonelli", "juan y maría", "Tom and Priya Shah", "ada o
  di bruno").

Each addition must read like a name (:class:`name_words.NameWords`): a
known first or last name, or a word that wordfreq finds in several
languages' text or in none; never a stop word, an everyday or calendar word,
a department, a street or a title.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from guardrails.recognizers.base import respan
from guardrails.recognizers.lexicon import fold
from guardrails.recognizers.name_words import NameWords, name_end, name_words
from guardrails.recognizers.person_lexicon import (
    EMOJI,
    KIN_WORDS,
    ONE_LANGUAGE_MAX_SPREAD_ZIPF,
    name_lexicon,
)
from guardrails.recognizers.word_frequency import LANGUAGES, zipf

ENTITY = "PERSON"
MAX_WORDS = 3
EVERYDAY_MIN_ZIPF = 4.5
"""A lower-case word this common in one language and rare in the others is a word there
("nacio"), not a second person's name; "ginevra" (Geneva, 4.1) stays a name."""

# A particle right before the name: capitals before capitals, capitalised before a
# capital. "La"/"Le" are left out: they are articles far more often ("La Rossi").
_PARTICLE_BEFORE = re.compile(
    r"(?:^|(?<=[\s,:;(]))(?P<particle>(?-i:DI|DE|DA|DAL|DALLA|DEL|DELLA|DEGLI|DELLE|LO|LI|DU"
    r"|DOS|DAS|VAN|VON|Di|De|Da|Dal|Dalla|Del|Della|Degli|Lo|Li|Du|Dos|Das|Van|Von"
    # Filipino surnames: "DELA CRUZ Jerome", "Delos Santos"
    r"|DELA|DELOS|Dela|Delos"
    # Arabic and Berber ones: "3) El Khattabi Youssef", "la signora Ait Ouali"
    r"|El|EL|Ben|BEN|Ait|AIT|Aït|Abu|ABU|Abou|Ould|OULD))[ \t]+$"
)
# A kinship word before a particle that is also a preposition makes it one: "LA MOGLIE DI
# ANGELO TESTA"; not an Arabic one: "mon grand-père El Hadji Mamadou Ndiaye".
_PREPOSITIONS = frozenset("di de da dal dalla del della degli du dos das".split())
_KIN_BEFORE = re.compile(r"(?P<word>[^\W\d_]+)[ \t]+$")
# A surname joined to the name: a married name, or "i"/"y" between two surnames.
_JOINED_SURNAME = re.compile(
    r"[ \t]+(?P<link>(?i:ved\.?|vedova|viuda[ \t]+de|vda\.?[ \t]+de|[ée]pouse|[ée]p\.|n[ée]e"
    r"|geb\.))[ \t]+"
    r"|[ \t]+(?P<weak>(?-i:in|i|y))[ \t]+"
)
# Another person, named next to this one, perhaps after "or" and the preposition again
# ("chiedendo di ada o di bruno", "para alba y para hugo").
_LINK = r"(?:e|ed|y|et|and|&|o|ou|or)[ \t]+(?:(?:di|de|a|à|per|para|pour|for|con|avec|with)[ \t]+)?"
_AND_AFTER = re.compile(rf"[ \t]+{_LINK}", re.IGNORECASE)
_AND_BEFORE = re.compile(rf"(?P<words>(?:[^\W\d_][\w'’.\-]*[ \t]+){{1,3}})(?i:{_LINK})$")
_LAST_LOWER_WORD = re.compile(r"(?<![\w'’\-])[a-zß-öø-ÿ]{3,}$")
_PHRASE_END = re.compile(rf"[ \t]*(?:$|[,.;:!?)\n{EMOJI}])")


def with_name_extensions(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Return ``results`` with names widened and with the married and coordinated names added.

    New and widened findings may overlap others; the caller resolves overlaps.
    """
    extended: list[RecognizerResult] = []
    added: list[RecognizerResult] = []
    for result in results:
        if result.entity_type != ENTITY:
            extended.append(result)
            continue
        start = _first_name_start(text, _initials_start(text, _particle_start(text, result.start)))
        start = _surnames_before_comma(text, start, result.end)
        start = _surnames_in_capitals_before(text, start)
        end = _first_name_after_comma(text, start, _surname_tail(text, start, result.end))
        joined = _joined_surname(text, result.start, end)
        if joined is not None and joined[2]:
            end = joined[1]  # "Joan Puig i Ferrer": one name
        elif joined is not None:
            added.append(_new(joined[0], joined[1], result.score))  # "née Moreau": the link stays
        if (start, end) != (result.start, result.end):
            result = respan(result, start, end)
        extended.append(result)
        added.extend(_coordinated(text, result))
    return extended + added


# After a name, a surname opened by its particle that ends the phrase: "xabier de la fuente,",
# "rosetta lo bianco,", "Maria De Rosa."
_PARTICLE_SURNAME = re.compile(
    r"[ \t]+(?:(?i:de|di|da|del|della|lo|li|la|los|las|dos|du|van|von"
    # Arabic and Maghrebi surnames open with theirs: "youssef el amrani", "Karim Ben Ali"
    r"|el|al|ben|bin|ibn|abu|ait|ould"
    # Irish ones: "Aoife Ní Bhriain", "Seán Ó Súilleabháin", "Nic Giolla"
    r"|ní|nic|ó|uí|mac)[ \t]+){1,2}"
    r"(?P<word>[^\W\d_]+)(?=[ \t]*(?:$|[,.;:!?)\n])|[ \t]+(?-i:y|i)[ \t]+(?-i:[A-ZÀ-ÖØ-Þ])"
    # or a chat word that closes the phrase: "intestato a debora lo faro cmq sn disponibile"
    r"|[ \t]+(?i:cmq|comunque|pls|please|porfa|xfa|svp|stp|grazie|grz|merci|gracias|thanks|thx)"
    r"(?![\w'’]))"
)
# A middle initial with no full stop, then a capitalised surname: "Harpreet K Sandhu" (never a
# vowel, which may be a word: "Anna E Marco", "Jo A Smith").
_INITIAL_THEN_SURNAME = re.compile(
    r"[ \t]+(?-i:[B-DF-HJ-NP-TV-XZ])\.?[ \t]+"
    r"(?P<word>(?-i:[A-ZÀ-ÖØ-Þ])[^\W\d_]+(?:['’\-][^\W\d_]+)?)(?![\w'’\-])"
)
_ENDS_IN_INITIAL = re.compile(r"[ \t](?-i:[B-DF-HJ-NP-TV-XZ])$")
# A number right after a word: "amarachi onwuachi 07700 900593".
_NUMBER_AFTER = re.compile(r"[ \t]+\+?\d")
# After a first name and a surname, one more surname: "remedios quintana vela", "Russo Lamanna".
_NEXT_WORD = re.compile(r"[ \t]{1,2}(?P<word>[^\W\d_]+(?:['’\-][^\W\d_]+)*)")


# A capitalised particle ending what a recognizer found: "Serena Lo" of "Serena Lo Verde".
_DANGLING_PARTICLE = re.compile(r"[ \t]+(?-i:Lo|La|Li|De|Di|Da|Del|Della|Dal|Dalla|Van|Von|Du)$")


# A capitalised particle and a capitalised surname after a capitalised name, wherever the
# phrase goes on: "c'est Gaëlle Le Floc'h j'appelle", "Yann Le Goff".
_CAPITALISED_PARTICLE_SURNAME = re.compile(
    # "Pieter Van den Broeck": a Dutch or German particle's second word in lower case
    r"[ \t]+(?:(?-i:Le|La|Lo|Li|De|Di|Da|Del|Della|Du|Van|Von|El|Al|Ben|Ní|Nic|Ó|Mac)"
    r"(?:[ \t]+(?-i:den|der|ten|ter))?[ \t]+){1,2}"
    r"(?P<word>(?-i:[A-ZÀ-ÖØ-Þ])[^\W\d_]+(?:['’][^\W\d_]+)?)(?![\w'’\-])"
)


def _particle_surname_end(text: str, end: int, lowercase: bool, reader: NameWords) -> int | None:
    """Return where a particle and the surname word it opens end, after ``end``; else None."""
    particle = _PARTICLE_SURNAME.match(text, end)
    if particle is None and not lowercase:
        particle = _CAPITALISED_PARTICLE_SURNAME.match(text, end)
    if particle is None:
        return None
    word = particle.group("word")
    same_case = word.islower() if lowercase else word[:1].isupper()
    # "Lo Verde", "La Rosa": a capitalised particle before a capitalised word
    capitalised = not lowercase and all(part[:1].isupper() for part in particle.group().split())
    if same_case and reader.particle_surname(word, capitalised=capitalised):
        return particle.end()
    return None


def _surname_tail(text: str, start: int, end: int) -> int:
    """Return where the name ``text[start:end]`` ends once a last surname is taken in.

    A name of two words or more takes one more word in the same case that reads
    like a name where one is expected, when the phrase ends after it or it reads
    like a name anywhere. Any name takes a particle and a word that end the phrase.
    """
    reader = name_words()
    dangling = _DANGLING_PARTICLE.search(text, start, end)
    if dangling is not None and dangling.start() > start:
        # "Serena Lo| Verde": a particle found as the name's end opens its surname
        widened = _particle_surname_end(text, dangling.start(), text[start:end].islower(), reader)
        if widened is not None:
            return widened
    name = text[start:end]
    lowercase = name.islower()
    widened = _particle_surname_end(text, end, lowercase, reader)
    if widened is not None:
        return widened
    one_word = len(name.split()) < 2
    if one_word:
        compound = _compound_first_name(text, end, lowercase)
        if compound != end:
            return compound
    initial = None
    if one_word:
        initial = _INITIAL_THEN_SURNAME.match(text, end)
    elif len(name.split()) == 2 and _ENDS_IN_INITIAL.search(name):
        initial = _INITIAL_THEN_SURNAME.match(text, end - 2)  # "Gurpreet S" found, "Dhillon" next
    if not lowercase and initial is not None:
        surname = initial.group("word")
        if reader.fits(surname, False, first=False) and reader.evidence(surname, expected=True):
            return initial.end()  # "Harpreet K Sandhu": a middle initial, then the surname
    following = _NEXT_WORD.match(text, end)
    if following is None:
        return end
    word = following.group("word")
    same_case = word.islower() if lowercase else word[:1].isupper() and not word.isupper()
    if not same_case or not reader.fits(word, lowercase, first=False):
        return end
    ends_phrase = _PHRASE_END.match(text, following.end()) is not None
    if one_word:
        # "amarachi onwuachi 07700 900593": a word like a name that ends the phrase, or
        # that a number follows, after a first name found alone
        before_number = _NUMBER_AFTER.match(text, following.end()) is not None
        if (ends_phrase or before_number) and reader.evidence(word, expected=False):
            return following.end()
        return end
    if reader.evidence(word, expected=False) or (
        ends_phrase and reader.evidence(word, expected=True)
    ):
        return following.end()
    return end


# Initials right before a capitalised name: "R. Ashcombe-Whyte", "J. R. Hartley", and
# María abbreviated ("Mª José Albarracín", "M.ª Carmen").
# Initials, and the first names Spanish and Filipino writers abbreviate: "Ma. Lourdes",
# "Mª José", "Fco. Javier", "Gpe. Ríos".
_INITIALS_BEFORE = re.compile(
    r"(?:^|(?<=[\s,:;(]))(?:(?-i:[A-Z])\.[ \t]?|(?-i:M)\.?ª\.?[ \t]|(?-i:Ma|Fco|Gpe)\.[ \t]"
    # two initials without their stops, never a vowel (a word somewhere): "R J Calloway"
    r"|(?-i:[B-DF-HJ-NP-TV-XZ])[ \t](?-i:[B-DF-HJ-NP-TV-XZ])[ \t]"
    # one after a courtesy title: "MR K HOLLOWAY", "Mrs J Pickering"
    r"|(?:(?<=\b(?-i:MR|Mr|MS|Ms) )|(?<=\b(?-i:MRS|Mrs|Mr\.|Ms\.) )|(?<=\b(?-i:Mrs\.|MISS|Miss) ))"
    r"(?-i:[B-DF-HJ-NP-TV-XZ])[ \t]){1,2}$"
)
# A first name after a surname in capitals and a comma: "GUTIÉRREZ SOLANO, Begoña".
_COMMA_THEN_WORD = re.compile(r",[ \t]+(?=[A-ZÀ-ÖØ-Þ])")
_COMMA_THEN_LOWER_WORD = re.compile(r",[ \t]+(?P<word>[a-zß-öø-ÿ]{3,})(?![\w'’\-])")


# A capitalised word right before a capitalised name: "Carmen| Gloria Huerta".
_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s,:;(]))(?P<word>[A-ZÀ-ÖØ-Þ][^\W\d_]+)[ \t]$")


def _first_name_start(text: str, start: int) -> int:
    """Return where a capitalised name starts once a known first name before it is taken in.

    "Carmen Gloria Huerta", "Bruno Sepúlveda Arce": a recognizer found the
    second first name or the surnames; the first name before them belongs to
    the same person.
    """
    if not text[start : start + 1].isupper():
        return start
    match = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if match is None:
        return start
    word = match.group("word")
    reader = name_words()
    if word.isupper() or not reader.is_first_name(word):
        return start
    if not reader.fits(word, False, first=True):
        return start
    return match.start("word")


# Surnames and a comma opening a line (or following a label's colon), before a first name
# that ends the line: "Hollis, Vernon\n1939-12-03", "Nombre: Galindo Pastrana, Maite".
_SURNAMES_THEN_COMMA = re.compile(
    r"(?:^|(?<=\n)|(?<=:)[ \t]*)[ \t]*(?:(?:[-–•*]|\d{1,2}[.)])[ \t]+)?"
    r"(?P<words>[^\W\d_]+(?:['’\-][^\W\d_]+)*(?:[ \t]+[^\W\d_]+(?:['’\-][^\W\d_]+)*)?)"
    r"[ \t]*,[ \t]+$"
)
_LINE_END = re.compile(r"[ \t]*(?:[.,;]?[ \t]*(?:$|\n)|[-–—][ \t])")


def _surnames_before_comma(text: str, start: int, end: int) -> int:
    """Return where a first name alone on its line starts once the surnames before it are taken.

    Forms and replies put the surnames first, then a comma and the first name:
    "Hollis, Vernon", "Stoica, Mirela", "cruz pastor, dolores". The surnames
    are name-like words in the first name's case (never a greeting or a closing:
    "Grazie, Maria"); nothing else is on the line.
    """
    name = text[start:end]
    reader = name_words()
    if not name or len(name.split()) > 2 or _LINE_END.match(text, end) is None:
        return start
    match = _SURNAMES_THEN_COMMA.search(text, max(0, start - 50), start)
    if match is None:
        return start
    words = match.group("words").split()
    lowercase = name.islower()
    if any(word.islower() != lowercase for word in words):
        return start
    if not all(reader.fits(word, lowercase, first=False) for word in words):
        return start
    if not any(reader.evidence(word, expected=True) for word in words):
        return start
    return match.start("words")


# Surnames in capitals opening a line of a list, before the given names: "- REYES Jonathan
# Paul, né le …", "2. DELA PAZ Maria".
_CAPITALS_SURNAMES_BEFORE = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?:[-–•*]|\d{1,2}[.)])?[ \t]*"
    r"(?P<words>(?-i:[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’\-]+)(?:[ \t]+(?-i:[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’\-]+))?)"
    r"[ \t]+$"
)


def _surnames_in_capitals_before(text: str, start: int) -> int:
    """Return where a capitalised name starts once the surnames in capitals before it are taken.

    Crew lists and passport copies put the surnames first, in capitals, at the
    start of the line: "- REYES Jonathan Paul". Each word is a known surname
    (though also a word: "Reyes") or reads like a name in several languages.
    """
    if not text[start : start + 1].isupper() or text[start : start + 2].isupper():
        return start
    match = _CAPITALS_SURNAMES_BEFORE.search(text, max(0, start - 40), start)
    if match is None:
        return start
    reader = name_words()
    surnames = name_lexicon().last
    words = match.group("words").split()
    if not all(
        fold(word) in surnames
        or (reader.fits(word, False, first=False) and reader.evidence(word, expected=False))
        for word in words
    ):
        return start  # "- URGENTE Maria Rossi": a word in capitals, no surname
    return match.start("words")


def _initials_start(text: str, start: int) -> int:
    """Return where a capitalised name starts once the initials before it are taken in."""
    if not text[start : start + 1].isupper():
        return start
    match = _INITIALS_BEFORE.search(text, max(0, start - 8), start)
    return start if match is None else match.start()


_CAPITALS_WORD = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’\-]+"
_FIRST_NAMES_IN_CAPITALS = re.compile(
    rf"(?-i:{_CAPITALS_WORD}(?:[ \t]+{_CAPITALS_WORD})?)(?![\w'’])"
)
_PHRASE_OR_NEXT_NAME = re.compile(rf"{_PHRASE_END.pattern}|[ \t]+(?i:y|e|et|and)[ \t]")


def _first_name_after_comma(text: str, start: int, end: int) -> int:
    """Return where a surname in capitals ends once the first name after its comma is taken in.

    Forms put the surnames first, in capitals, then a comma and the first names
    ("GUTIÉRREZ SOLANO, Begoña", "MACKENZIE, Fiona Jane"): one name. Typed in
    lower case, a lone surname takes a known first name after its comma
    ("gli esami di brambati, elisa").
    """
    name = text[start:end]
    reader = name_words()
    if name.islower() and " " not in name and not reader.is_first_name(name):
        lower = _COMMA_THEN_LOWER_WORD.match(text, end)
        if lower is not None and reader.is_known_first_name(lower.group("word")):
            return lower.end()
        return end
    if not (name.isupper() and sum(char.isalpha() for char in name) > 3):
        return end
    comma = _COMMA_THEN_WORD.match(text, end)
    if comma is None:
        return end
    capitals = _FIRST_NAMES_IN_CAPITALS.match(text, comma.end())
    # in capitals as on a passport: "GUTIÉRREZ MENDOZA, JOSÉ LUIS y PAREDES SOLÍS, ANA CECILIA"
    if (
        capitals is not None
        and _PHRASE_OR_NEXT_NAME.match(text, capitals.end())
        and all(reader.is_known_first_name(word) for word in capitals.group().split())
    ):
        return capitals.end()
    words = reader.words_at(text, comma.end(), lowercase_ok=False, max_words=2)
    if not words or any(word.group().isupper() for word in words):
        return end
    if _PHRASE_END.match(text, words[-1].end()) is None:
        return end
    names = [word.group() for word in words]
    if not (reader.is_first_name(names[0]) or reader.is_name(names, expected=True)):
        return end
    return name_end(text, words)


def _compound_first_name(text: str, end: int, lowercase: bool) -> int:
    """Return where a one-word name ends once a second first name and a surname are taken in.

    "carmen rosa villca", "Maria Luz Quispe": the second first name may be an
    everyday word (Rosa, Luz, Paz), so a surname must follow it.
    """
    reader = name_words()
    second = _NEXT_WORD.match(text, end)
    if second is None or not reader.is_first_name(second.group("word")):
        return end
    surname = _NEXT_WORD.match(text, second.end())
    if surname is None:
        return end
    word = surname.group("word")
    same_case = word.islower() if lowercase else word[:1].isupper()
    if not same_case or second.group("word").islower() != lowercase:
        return end
    if not reader.fits(word, lowercase, first=False):
        return end
    ends_phrase = _PHRASE_END.match(text, surname.end()) is not None
    if reader.evidence(word, expected=False) or (
        ends_phrase and reader.evidence(word, expected=True)
    ):
        return surname.end()
    return end


def _particle_start(text: str, start: int) -> int:
    """Return where the name starting at ``start`` starts once its particle is taken in."""
    match = _PARTICLE_BEFORE.search(text, max(0, start - 12), start)
    if match is None:
        return start
    particle, first = match.group("particle"), text[start : start + 2]
    if particle.isupper() != first.isupper() or not first[:1].isupper():
        return start  # "DI" before "Stefano", "Di" before "STEFANO": not one name
    kin = _KIN_BEFORE.search(text, max(0, match.start() - 20), match.start())
    if kin is not None and fold(kin.group("word")) in KIN_WORDS and fold(particle) in _PREPOSITIONS:
        return start  # "MOGLIE DI ANGELO TESTA", "la fille De Marco": whose relative
    return match.start("particle")


def _joined_surname(text: str, start: int, end: int) -> tuple[int, int, bool] | None:
    """Return the surname joined to the name ``text[start:end]`` and whether it is part of it.

    Catalan "i" joins two surnames of one name (True); a married name follows a
    link that is not part of either ("née", "ved.", "in": False).
    """
    link = _JOINED_SURNAME.match(text, end)
    if link is None:
        return None
    weak = link.group("weak")
    if weak is not None and " " not in text[start:end].strip():
        return None  # "Anna in Cardiologia": "in" and "i" join surnames of a full name only
    reader = name_words()
    lowercase = text[start:end].islower()
    words = reader.words_at(text, link.end(), lowercase_ok=lowercase, max_words=2)
    if not words:
        return None
    if weak == "y" and (len(words) > 1 or reader.is_first_name(words[0].group())):
        return None  # "Juan García y Pedro": two people (see ``_coordinated``)
    if weak is not None:
        # "in"/"i"/"y" are also words: what follows must be a surname, then the phrase ends
        # unless a capitalised surname follows a capitalised name ("Puigdollers i Camps tiene")
        after = text[words[-1].end() : words[-1].end() + 2].strip(" \t")
        capitalised = not lowercase and all(w.group()[:1].isupper() for w in words)
        if after and after[:1] not in ",.;:!?)\n" and not capitalised:
            return None
        if not all(reader.evidence(w.group(), expected=False) for w in words):
            return None
    elif not reader.is_name([w.group() for w in words], expected=True):
        return None
    return words[0].start(), name_end(text, words), weak in ("i", "y")


def _coordinated(text: str, result: RecognizerResult) -> list[RecognizerResult]:
    """Return the names joined to ``result`` by "e"/"y"/"et"/"and"/"o", before or after it.

    Next to a one-word name in lower case, a first name that is also a word counts
    too ("ada o di bruno", "para alba y para hugo"; see :meth:`NameWords.first_name_end`).
    """
    reader = name_words()
    name = text[result.start : result.end]
    lowercase = name.islower()
    found: list[RecognizerResult] = []
    link = _AND_AFTER.match(text, result.end)
    if link is not None:
        words = reader.words_at(text, link.end(), lowercase_ok=lowercase, max_words=MAX_WORDS)
        if words and _is_name(words, lowercase):
            found.append(_new(words[0].start(), name_end(text, words), result.score))
        elif lowercase and " " not in name and text[link.end() : link.end() + 1].islower():
            # "ada o di bruno", "gianna e franco ottolenghi": a first name that is also a word
            end = reader.first_name_end(text, link.end())
            if end is not None and _PHRASE_END.match(text, end):
                found.append(_new(link.end(), end, result.score))
    before = _AND_BEFORE.search(text, max(0, result.start - 60), result.start)
    if before is not None:
        words_start = before.start("words")
        for candidate in re.finditer(r"(?<!\S)\S", text[words_start : before.end("words")]):
            position = words_start + candidate.start()
            words = reader.words_at(text, position, lowercase_ok=lowercase, max_words=MAX_WORDS)
            if not words or words[-1].end() != before.end("words") - _trailing(before):
                continue
            if _is_name(words, lowercase):
                found.append(_new(position, name_end(text, words), result.score))
            break
        else:
            # "para alba y para hugo": a first name that is also a word, the last before the link
            words_end = before.end("words") - _trailing(before)
            word = _LAST_LOWER_WORD.search(text, words_start, words_end)
            if (
                lowercase
                and " " not in name
                and word is not None
                and reader.first_name_end(text, word.start()) == word.end()
            ):
                found.append(_new(word.start(), word.end(), result.score))
    return found


def _is_name(words: list[re.Match[str]], lowercase: bool) -> bool:
    """Tell whether the words next to a name are one.

    Two capitalised words there ("Marco Tonelli") are a name when either reads
    like one at all; a single word or lower-case words need a known first name
    or a word that reads like a name in several languages ("Anna e Cardiologia"
    is not two people).
    """
    expected = not lowercase and len(words) > 1
    if lowercase and any(_one_language_word(w.group()) for w in words):
        return False  # "el peque es bruno y nacio el …": "nació" without its accent
    return name_words().is_name([w.group() for w in words], expected=expected)


def _one_language_word(word: str) -> bool:
    """Tell whether ``word`` is an everyday word of one language only ("nacio", "custodia")."""
    key = fold(word)
    frequencies = sorted((zipf(key, language) for language in LANGUAGES), reverse=True)
    return frequencies[0] >= EVERYDAY_MIN_ZIPF and frequencies[2] < ONE_LANGUAGE_MAX_SPREAD_ZIPF


def _trailing(match: re.Match[str]) -> int:
    """Return how many spaces end the words group of an ``_AND_BEFORE`` match."""
    words = match.group("words")
    return len(words) - len(words.rstrip(" \t"))


def _new(start: int, end: int, score: float) -> RecognizerResult:
    return RecognizerResult(entity_type=ENTITY, start=start, end=end, score=score)

r"""The rest of an address after the part a recognizer found: floor, door, town, province.

The address recognizers end where their shape ends ("calle ismael mayol
107"), but patients go on: ", bajo, cáceres", ", 3r 1a, Barcelona", "\nCannes",
", Chiavari (GE)". What follows an address, after a comma or a line break,
is still the address while each part is short and reads like one: a floor or
door ("3º B", "bât C", "int 3", "appt 42"), a town in capitals or in lower
case when nothing but the end of the sentence comes after it, a province
("(GE)", "OH"). A part with a stop word, an everyday word, a weekday, a
closing ("grazie", "thanks") or a long number ends it.

Irish addresses end with a county and an Eircode (", Co. Cork P31 X4K2"),
British ones with a postcode after the town and a plain space (", Cardiff
CF14 6HG"). A dictated address has lost its commas: its town follows the
house number or the flat after a plain space ("… 3450 piso 7 departamento B
Buenos Aires quería …"), taken when it is capitalised and the sentence goes
on in lower case or ends.
"""

from __future__ import annotations

import re
from functools import lru_cache

from presidio_analyzer import RecognizerResult

from guardrails.recognizers.base import respan
from guardrails.recognizers.lexicon import CALENDAR_WORDS, CLOSINGS, EVERYDAY_WORDS, UNITS, fold
from guardrails.recognizers.person_lexicon import name_lexicon
from guardrails.recognizers.postcode_address import ADDRESS_WORDS
from guardrails.recognizers.street_address import FLOOR_IN_WORDS, SIDE
from guardrails.recognizers.word_frequency import LANGUAGES, shared_proper_noun, zipf

MAX_PARTS = 3
SENTENCE_LINKS = frozenset("y e et and en a à au in at ma but pero mais o ou or".split())
"""Words that, opening a part after an address, start the sentence again ("…, en torrent")."""
_ID_NUMBER = "ID_NUMBER"
_COPULAS = frozenset("è est es is are was era sono son".split())
"""A part holding one is a sentence about the place, not a part of its address."""
CHAT_WORDS = frozenset("ok okay oki okey vale dale thx".split())
"""Replies that close a message and are no town: "…, 2ºb, ok?"."""
MAX_PART_WORDS = 4

_LINK_INSIDE = re.compile(rf"[ \t]+(?:{'|'.join(sorted(SENTENCE_LINKS))})(?=[ \t])", re.IGNORECASE)
_SEPARATOR = re.compile(r"[ \t]*(?:,[ \t]*\n?|\n)[ \t]*")
_PART = re.compile(r"[^,\n.;:!?()]+(?:\((?-i:[A-Z]{2})\))?")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\d+[^\W\d_]{0,2}|[ºª°]")
_FLOOR = re.compile(r"^\d{1,3}\s?(?:[ºª°]|o|a|er|e|r|st|nd|rd|th)?(?:\s?[A-Za-z]{1,4})?$")
_REST_OF_WORD = re.compile(r"(?<=[^\W\d_])(?:[-'’][^\W\d_]+)+")
_UNIT_WORDS = (
    r"int\.?|interno|scala|sc\.|piano|pal\.?|esc\.?|escalera|pta\.?|puerta|piso|planta|apt\.?"
    r"|appt\.?|app\.?|bte\.?|flat|b[âa]t\.?|porte|n\.|n[º°]|nº|km|bloque|blq\.?|portal|bungalow"
    r"|parcela|apto\.?|depto\.?|dpto\.?|dto\.?|of\.|oficina|torre|mz\.?|mza\.?|lt\.?|lote"
)
# A floor, door, flat or road number after a plain space: "118 piano 2", "12 int 4",
# "5 3o izq", "85 6ª", "7 bajo b", "110 pta 15", "25 n. 110", "22 bât B", "42 terzo
# piano", "16 tercero b", "7 esc. 2 3ºa".
_SPACED_UNIT = re.compile(
    rf"[ \t]+(?:(?:{_UNIT_WORDS})[ \t]*(?:[a-z0-9]{{1,4}}|{SIDE})(?![^\W_])"
    rf"|\d{{1,2}}[ \t]?[ºª°](?:[ \t]?(?:{SIDE}|[a-z]))?(?:[ \t]+(?:piano|planta|piso))?"
    rf"(?![^\W_])|\d{{1,2}}[oa](?:[ \t]+(?:{SIDE}|[a-z]))?(?![^\W_])"
    rf"|bajo(?:[ \t]+(?:{SIDE}|[a-z]))?(?![^\W_])|(?:{SIDE})(?![^\W_])"
    rf"|(?:{FLOOR_IN_WORDS})(?![^\W_]))",
    re.IGNORECASE,
)
# A part that is a unit with its abbreviation's full stop ("…, sc. a", "…, int. 4", "…,
# esc. izda."), a floor in words ("…, piano terra", "…, entlo. b", "…, 3e étage"), or a
# hamlet or district ("…, fraz. monticelli", "…, loc. Casale", "…, barrio San Roque").
_UNIT_PART = re.compile(
    rf"(?:(?:{_UNIT_WORDS})[ \t]*(?:[a-z0-9]{{1,4}}|{SIDE})(?![^\W_])(?:\.(?=[ \t]*,))?"
    rf"|(?:{FLOOR_IN_WORDS})(?=[ \t]*(?:$|[,\n.;!?])))",
    re.IGNORECASE,
)
# The full stop of an abbreviated side, door or floor before the rest of the address:
# "…, esc. izda., 7ºB", "…, 2º dcha. 37002 Salamanca", "…, entlo. 2".
_ABBREVIATION_DOT = re.compile(rf"(?<![^\W\d_])(?:{SIDE}|entlo|pral|bajo)$", re.IGNORECASE)
_LOCALITY_PART = re.compile(
    r"(?:fraz\.|frazione|loc\.|localit[àa]|borgata|barrio|urb\.|urbanizaci[óo]n|lieu-dit"
    # a Mexican colonia or fraccionamiento: "…, col. Del Valle", "…, fracc. Las Palmas"
    r"|col\.|colonia|fracc\.?|fraccionamiento"
    # a Dominican or Cuban district: "…, zona colonial", "…, sector los prados", "…, ensanche
    # naco", "…, reparto Kohly" (capitalised only: an Italian "reparto" is a hospital ward)
    r"|zona|sector|ensanche|(?-i:Reparto|REPARTO)(?=[ \t]+(?-i:[A-Z])))[ \t]+"
    r"(?P<words>[^\W\d_]+(?:['’\-][^\W\d_]+)*(?:[ \t]+[^\W\d_]+(?:['’\-][^\W\d_]+)*){0,2})",
    re.IGNORECASE,
)
# A postcode after a plain space, its label and a town around it: "… 4ºC 28042 madrid",
# "… 58 napoli cap 80129", "… 5 cp 18009 granada".
_POSTCODE_LABEL = r"(?:cap|c\.a\.p\.?|cp|c\.p\.?|c[óo]digo[ \t]+postal)[ \t]*"
# A town's name may open with its article: "15007 a coruña", "84800 l'isle-sur-la-sorgue".
_TOWN_ARTICLE = r"(?:(?:a|o|la|le|les|el|los|las|il|lo)[ \t]+|l['’])"
_SPACED_POSTCODE = re.compile(
    rf"[ \t]*(?P<label>{_POSTCODE_LABEL})?(?P<code>\d{{5}})(?!\d)"
    rf"(?:[ \t]+(?P<town>{_TOWN_ARTICLE}?[^\W\d_]{{2,}}(?:['’\-][^\W\d_]+)*))?",
    re.IGNORECASE,
)
_ARTICLE_START = re.compile(_TOWN_ARTICLE, re.IGNORECASE)
_ENDS_IN_POSTCODE = re.compile(r"(?<![\d\w])\d{5}$")
_TOWN_AFTER = re.compile(
    rf"[ \t]+(?P<town>{_TOWN_ARTICLE}?[^\W\d_]{{2,}}(?:['’\-][^\W\d_]+)*)", re.IGNORECASE
)
# A US state and its ZIP code as a part: "…, springfield, il 62704".
_STATE_ZIP_PART = re.compile(
    r"(?:al|ak|az|ar|ca|co|ct|de|dc|fl|ga|hi|id|il|in|ia|ks|ky|la|me|md|ma|mi|mn|ms|mo|mt|ne"
    r"|nv|nh|nj|nm|ny|nc|nd|oh|ok|or|pa|ri|sc|sd|tn|tx|ut|vt|va|wa|wv|wi|wy)[ \t]+\d{5}"
    r"(?:-\d{4})?(?![\w-])",
    re.IGNORECASE,
)
_BARE_POSTCODE = re.compile(r"\d{5}(?!\d)")
_UK_POSTCODE_PART = re.compile(r"[a-z]{1,2}\d[a-z\d]?[ \t]*\d[a-z]{2}(?!\w)", re.IGNORECASE)
# An Irish Eircode: a routing key and a unique identifier ("P31 X4K2", "D6W XY12"); in lower
# case with a digit in the identifier ("p31 x4k2").
_EIRCODE = (
    r"(?:(?-i:(?:[AC-FHKNPRTV-Y]\d{2}|D6W)[ \t]?[0-9AC-FHKNPRTV-Y]{4})"
    r"|(?:[ac-fhknprtv-y]\d{2}|d6w)[ \t]?(?=[ac-fhknprtv-y]{0,3}\d)[0-9ac-fhknprtv-y]{4})(?!\w)"
)
_EIRCODE_PART = re.compile(_EIRCODE)
# A postcode after the town and a plain space: "…, Cardiff CF14 6HG", "…, Ballincollig P31 X4K2".
_SPACED_CODE = re.compile(
    rf"[ \t]+(?:[a-z]{{1,2}}\d[a-z\d]?[ \t]*\d[a-z]{{2}}(?!\w)|{_EIRCODE})", re.IGNORECASE
)
# An Irish or Northern Irish county as a part, its Eircode or postcode after it: "…, Co. Cork
# P31 X4K2", "…, co kerry", "…, County Antrim BT41 4AB".
_COUNTY_PART = re.compile(
    r"(?:co\.?|county)[ \t]+(?P<county>[^\W\d_]{3,})(?![\w'’])",
    re.IGNORECASE,
)
# Where a house number or a flat's number or letter ends an address ("… 3450", "… depto B").
_NUMBER_OR_FLAT_END = re.compile(r"(?:\d[^\W\d_]?|(?<![^\W\d_])[^\W\d_]\.?|[ºª°])$")
# Capitalised words of a town after a plain space, a particle of its name allowed inside:
# "Buenos Aires", "Santo Domingo", "San Juan de la Maguana".
_CAPITALISED_WORD = r"(?-i:[A-ZÀ-ÖØ-Þ])[^\W\d_]+(?:['’\-][^\W\d_]+)*"
_TOWN_PARTICLE = r"(?:de|del|la|las|los|el|di|da|do|dos|das)"
_SPACED_TOWN = re.compile(
    rf"[ \t]+(?P<town>{_CAPITALISED_WORD}"
    rf"(?:[ \t]+(?:{_TOWN_PARTICLE}[ \t]+){{0,2}}{_CAPITALISED_WORD}){{0,2}})"
    # then the sentence ends or goes on in lower case
    r"(?=[ \t]*(?:$|[\n.,;!?)])|[ \t]+(?-i:[a-zß-öø-ÿ]))"
)
_TOWN_THEN_POSTCODE = re.compile(
    rf"[ \t]*(?P<town>[^\W\d_]{{2,}}(?:[ \t]+[^\W\d_]{{2,}})?)[ \t]+{_POSTCODE_LABEL}\d{{5}}(?!\d)",
    re.IGNORECASE,
)
# A hamlet, a district, an estate, a farm or a hostel before the street, with the block or
# flat written after it: "fraz. san martino, via dei tigli 5", "cortijo el alamillo, ctra. …",
# "résidence les tilleuls, bât. C apt 12, 3 av. de verdun", "foyer Adoma, 5 rue …".
_LOCALITY_BEFORE = re.compile(
    r"(?:^|(?<=[\s:,(]))(?:fraz\.|frazione|loc\.|localit[àa]|borgata|barrio|urb\.|urbanizaci[óo]n"
    r"|lieu-dit|cascina|podere|masseria|cortijo|finca|caser[íi]o|mas[íi]a|r[ée]sidence|residencial"
    r"|hameau|domaine|foyer)"
    r"[ \t]+(?P<place>[^\W\d_]+(?:['’\-][^\W\d_]+)*(?:[ \t]+[^\W\d_]+(?:['’\-][^\W\d_]+)*){0,2})"
    rf"[ \t]*,[ \t]*(?:(?:(?:{_UNIT_WORDS})[ \t]*[a-z0-9]{{1,4}}[ \t]*){{1,3}},[ \t]*)?$",
    re.IGNORECASE,
)
# A province in brackets after a plain space: "… 52011 bibbiena (AR)"; after a postcode and
# its town also its code at the end of the line ("25036 Palazzolo sull'Oglio BS"). A
# province's name in brackets ("… 29400 Ronda (Málaga)") is left out, as a town is.
# A province in brackets; San Marino's "(RSM)" after its postcode and town too.
_SPACED_PROVINCE = re.compile(r"[ \t]+\((?-i:[A-Z]{2}|RSM)\)")
_PROVINCE_AFTER_TOWN = re.compile(r"[ \t]+(?-i:(?!OK)[A-Z]{2})(?=[ \t]*(?:$|\n|[.,;]))")
# The words of a town up to its province: "… 24030 almenno san bartolomeo (BG)".
_TOWN_TO_PROVINCE = re.compile(
    r"(?P<words>(?:[ \t]+[^\W\d_]+(?:['’\-][^\W\d_]+)*){1,3})"
    r"(?=[ \t]*\((?-i:[A-Z]{2})\)|[ \t]+(?-i:(?!OK)[A-Z]{2})[ \t]*(?:$|\n|[.,;]))"
)
# The next word of a town's name after its postcode and first word ("25030 castel mella",
# "38057 pergine valsugana", "33010 san giorgio di nogaro"), a particle before it allowed.
_TOWN_SO_FAR = re.compile(r"(?<!\d)\d{4,5}(?:[ \t]+[^\W\d_]+(?:['’\-][^\W\d_]+)*){1,4}$")
_NEXT_TOWN_WORD = re.compile(
    r"[ \t]+(?:(?:di|de|del|della|dei|sul|sulla|sur|en|la|le|las|los)[ \t]+){0,2}"
    r"(?P<word>[^\W\d_]{3,}(?:['’\-][^\W\d_]+)*)(?![\w'’\-])",
    re.IGNORECASE,
)
TOWN_WORD_MAX_ZIPF = 4.5
"""A further word of a town's name is no word this common in any of the four languages."""
TOWN_WORD_SECOND_MIN_ZIPF = 1.5
"""… and is written in a second language's text too ("mella", "nogaro", "henares"), or
ends the phrase ("38057 pergine valsugana.") and is rarer than an everyday word."""
TOWN_WORD_ONE_LANGUAGE_MAX_ZIPF = 3.5
TOWN_EVERYWHERE_MIN_ZIPF = 1.2
"""A town after a plain space has a word this common at least in each of the four
languages ("aires", "rosario", "bolzano"), unlike everyday words of one or two ("urgente",
"quería", "ortopedia")…"""
UNSEEN_MAX_ZIPF = 2.0
"""… or a word this rare in all of them: a small place's name ("Ballincollig", "Gazcue")."""
RARE_TOWN_MAX_ZIPF = 3.0
"""A word ending the address's line this rare in every language is a town's ("Vimercate")."""
_LABEL_AFTER = re.compile(r"[ \t]*(?:\.[ \t]*\d|:|[ \t]\d)")
_SAINTS = frozenset("san sant santa santo saint sainte st".split())
"""Before these a first name is a town's word ("san giorgio"); elsewhere a person's."""
_PHRASE_END = re.compile(r"[ \t]*(?:$|[\n.,;:!?)]|\((?-i:[A-Z]{2}|RSM)\))")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")

_SENTENCE_END = re.compile(r"[ \t]*(?:$|\n|[.!?;)]|,[ \t]*(?=\n))")


@lru_cache(maxsize=1)
def not_address_words() -> frozenset[str]:
    """Return the folded words that end an address: stop, everyday and calendar words, units."""
    words = (
        EVERYDAY_WORDS
        | CALENDAR_WORDS
        | CLOSINGS
        | frozenset(unit for unit in UNITS if unit.isalpha())
        | name_lexicon().stop
        | CHAT_WORDS
    )
    return frozenset(word for word in words if word not in ADDRESS_WORDS)


def address_tail(text: str, end: int, limit: int | None = None) -> int:
    """Return where the address ending at ``end`` really ends (``end`` when nothing follows).

    A part that would reach ``limit`` (where the next finding starts) is not taken:
    "…, citofono <PERSON>", "…, email <EMAIL_ADDRESS>".
    """
    limit = len(text) if limit is None else limit
    never = not_address_words()
    rest_of_word = _REST_OF_WORD.match(text, end)
    if rest_of_word and rest_of_word.end() <= limit:
        end = rest_of_word.end()  # "…, Dijoux" + "-sur-Girard"
    if _TOWN_AFTER_COMMA.search(text, max(0, end - 40), end):
        particle_town = _PARTICLE_AND_TOWN.match(text, end)
        if (
            particle_town is not None
            and particle_town.end() <= limit
            and fold(particle_town.group().split()[-1]) not in CALENDAR_WORDS | CLOSINGS
        ):
            end = particle_town.end()  # "…, Santarcangelo" + " di Romagna"
    end = _town_words(text, _town_after_postcode(text, end, limit, never), limit)
    parts = 0
    spaced_town = False
    while parts < MAX_PARTS:
        province = _province(text, end)
        if province is not None and province <= limit:
            end = province
            continue
        # past the full stop of "izda.", "dcha.": "…, esc. izda., 7ºB", "… dcha. 37002 …"
        at = (
            end + 1
            if text[end : end + 1] == "." and _ABBREVIATION_DOT.search(text, 0, end)
            else end
        )
        after_town = _after_postcode_and_town(text, end)
        unit = None if after_town else _SPACED_UNIT.match(text, at)
        if unit is not None and unit.end() <= limit:
            end = unit.end()
            parts += 1
            continue
        postcode = _spaced_postcode(text, at, never)
        if postcode is not None and postcode <= limit:
            end = _town_words(text, postcode, limit)
            parts += 1
            continue
        code = _SPACED_CODE.match(text, at)
        if (
            code is not None
            and code.end() <= limit
            and _NUMBER_OR_FLAT_END.search(text, 0, at) is None
        ):
            end = code.end()  # "…, Cardiff CF14 6HG": after a town, never after a number
            parts += 1
            continue
        separator = _SEPARATOR.match(text, at)
        if separator is None:
            if not spaced_town:
                town_end = _spaced_town(text, at, limit, never)
                if town_end is not None:
                    end = town_end
                    spaced_town = True
                    parts += 1
                    continue
            break
        if after_town and _UNIT_OR_FLOOR_PART.match(text, separator.end()):
            break  # "…, 80013 Casalnuovo, piano terra": the floor after the town is a note
        special = _special_part(text, separator.end(), never)
        if special is not None:
            if special > limit:
                break
            end = _town_words(text, special, limit)
            parts += 1
            continue
        part = _PART.match(text, separator.end())
        if part is None:
            break
        if text[part.end() : part.end() + 1] == ":":
            break  # the next line's label: "…, 20151 Milano (MI)\nCell: …"
        value = part.group().rstrip()
        link = _LINK_INSIDE.search(value)
        if link is not None:
            value = value[: link.start()]  # "…, 3 piano a palermo": the town after "a" is not
        if separator.end() + len(value) > limit:
            break
        tokens = _TOKEN.findall(value)
        if not tokens or len(tokens) > MAX_PART_WORDS:
            break
        if sum(char.isdigit() for char in value) > 5:
            break  # a phone or an ID number, not a floor or a town
        floor_in_words = _FLOOR_WORDS.fullmatch(value) is not None  # "…, tercero segunda en …"
        if not floor_in_words and any(
            fold(token) in never and not _saints_day(tokens, index)
            for index, token in enumerate(tokens)
            if token[0].isalpha()
        ):
            break
        if fold(tokens[0]) in SENTENCE_LINKS or any(token in _COPULAS for token in tokens):
            break  # "…, Valtorta, la strada è sterrata": the sentence goes on
        is_floor = (
            bool(_FLOOR.match(value))
            or floor_in_words
            or any(fold(token) in ADDRESS_WORDS and len(token) > 2 for token in tokens)
        )
        capitalised = all(
            token[0].isupper() or fold(token) in ADDRESS_WORDS or not token[0].isalpha()
            for token in tokens
        )
        last = _SENTENCE_END.match(text, separator.end() + len(value)) is not None
        # one lower-case word that the four languages' text shares is a place's name
        # ("…, bajo, zaragoza, lo podéis…"), as names of towns are written everywhere
        town = len(tokens) == 1 and tokens[0].isalpha() and shared_proper_noun(fold(tokens[0]))
        # or when its postcode or state and ZIP come next: "…, springfield, il 62704"
        town = (
            town
            or _code_part_follows(text, separator.end() + len(value))
            or _SPACED_PROVINCE.search(value) is not None  # "…, sassello (SV) e la strada…"
        )
        if after_town and (is_floor or any(char.isdigit() for char in value)):
            break  # "…, Bristol BS4 3HN, ground floor", "…, 46022 Valencia, habitación 312"
        if not (is_floor or capitalised or last or town):
            break  # a lower-case part is a town only when the sentence ends with it
        end = separator.end() + len(value)
        parts += 1
    return end


# The last part of the address so far is a postcode, then a town or nothing: "…, 46022
# Valencia", "… Bristol BS4 3HN"; never a house number ("2659 Christine Port, apt 6b").
_POSTCODE_AND_TOWN_END = re.compile(
    r"(?:(?:^|(?<=[,\n]))[ \t]*\d{4,5}(?:[ \t]+[^\W\d_][^,\n\d]{0,40})?"
    r"|(?<![^\W\d_])[A-Za-z]{1,2}\d[A-Za-z\d]?[ \t]*\d[A-Za-z]{2})[ \t]*$"
)
_UNIT_OR_FLOOR_PART = re.compile(
    rf"(?:{_UNIT_WORDS}|{FLOOR_IN_WORDS}|\d{{1,2}}[ \t]?(?:[ºª°]|er|e|[eè]me)(?![^\W_])"
    r"|ground|first|second|third|top|basement|code|codice|c[óo]digo|digicode|key"
    r"|habitaci[óo]n|room|chambre|stanza|camera)(?![^\W_])",
    re.IGNORECASE,
)


def _after_postcode_and_town(text: str, end: int) -> bool:
    """Tell whether the address so far ends with its postcode and town.

    What follows is then a note for the courier ("…, piano terra", "…, 3e étage,
    code 4172B", "…, key safe code 1904"), not the address.
    """
    return _POSTCODE_AND_TOWN_END.search(text, max(0, end - 60), end) is not None


_COMMA = re.compile(r",[ \t]*")


def _without_note(text: str, start: int, end: int) -> int:
    """Return ``end`` moved back before a floor or a door code written after the town.

    "18 bis rue des Capucins, 69001 Lyon, 3e étage, code 4172B": the address
    ends with its town; the rest tells the courier how to get in.
    """
    for comma in _COMMA.finditer(text, start, end):
        if _after_postcode_and_town(text, comma.start()) and _UNIT_OR_FLOOR_PART.match(
            text, comma.end()
        ):
            return comma.start()
    return end


def _town_after_postcode(text: str, end: int, limit: int, never: frozenset[str]) -> int:
    """Return where the town after an address's last postcode ends ("… 15007 a coruña")."""
    if not _ENDS_IN_POSTCODE.search(text, max(0, end - 6), end):
        return end
    town = _TOWN_AFTER.match(text, end)
    if town is None or town.end() > limit:
        return end
    words = town.group("town")
    article = _ARTICLE_START.match(words)
    core = words[article.end() :] if article else words
    if _has_word_of(core, never) or fold(core) in SENTENCE_LINKS | ADDRESS_WORDS:
        return end  # "… cap 57121 da marzo": a particle, then the sentence goes on
    return town.end()


def _province(text: str, end: int) -> int | None:
    """Return where a province after ``end`` ends, or None.

    That is "(GE)", or after a postcode's town also a code ending the line
    ("… Palazzolo sull'Oglio BS").
    """
    province = _SPACED_PROVINCE.match(text, end)
    if province is not None:
        return province.end()
    if not _TOWN_SO_FAR.search(text, max(0, end - 60), end):
        return None
    after_town = _PROVINCE_AFTER_TOWN.match(text, end)
    return None if after_town is None else after_town.end()


def _code_part_follows(text: str, end: int) -> bool:
    """Tell whether a comma and a postcode, or a US state and ZIP, follow ``end``."""
    separator = _SEPARATOR.match(text, end)
    if separator is None or "\n" in separator.group():
        return False
    start = separator.end()
    return any(
        pattern.match(text, start) is not None
        for pattern in (
            _STATE_ZIP_PART,
            _UK_POSTCODE_PART,
            _BARE_POSTCODE,
            _EIRCODE_PART,
            _COUNTY_PART,
        )
    )


def _saints_day(tokens: list[str], index: int) -> bool:
    """Tell whether ``tokens[index]`` is a weekday named after a saint's word: "Santo Domingo"."""
    return (
        index > 0
        and fold(tokens[index - 1]) in _SAINTS
        and fold(tokens[index]) in CALENDAR_WORDS
        and tokens[index][0].isalpha()
    )


def _place_like(key: str) -> bool:
    """Tell whether a folded word reads like a town's name.

    That is a word written in all four languages' text ("aires", "rosario",
    "bolzano"), or in none of them ("ballincollig").
    """
    frequencies = sorted(zipf(key, language) for language in LANGUAGES)
    return frequencies[0] >= TOWN_EVERYWHERE_MIN_ZIPF or frequencies[-1] < UNSEEN_MAX_ZIPF


def _spaced_town(text: str, end: int, limit: int, never: frozenset[str]) -> int | None:
    """Return where a town after a plain space ends, or None (see the module's docstring).

    Only after a house number or a flat ("… 3450 Buenos Aires", "… depto B Rosario"), and
    only capitalised words of which one at least is no everyday word, with lower case or the
    end of the sentence after them: a writer who capitalises every word is not followed.
    """
    if _NUMBER_OR_FLAT_END.search(text, 0, end) is None:
        return None
    town = _SPACED_TOWN.match(text, end)
    if town is None or town.end() > limit:
        return None
    if _LABEL_AFTER.match(text, town.end()):
        return None  # "… 5 Cel. 333 …", "… 5 Email: …": the next field's label
    words = [word for word in town.group("town").split() if word[:1].isupper()]
    keys = [fold(word) for word in words]
    ends_line = _LINE_ENDS.match(text, town.end()) is not None
    if not any(
        key not in never and (_place_like(key) or (ends_line and _rare_town_word(key)))
        for key in keys
    ):
        return None  # "… 5 Quería Saber si …", "… 5 Urgente por favor": a sentence's words
    for index, key in enumerate(keys):
        if key in CALENDAR_WORDS and not _saints_day(words, index):
            return None
        if key in CLOSINGS or key in CHAT_WORDS or key in SENTENCE_LINKS:
            return None
        if len(key) > 3 and key in ADDRESS_WORDS:
            return None  # a street or a floor word: another address or its unit
    return town.end()


# A capitalised town after a comma ends the address so far, and a particle and a capitalised
# word go on with its name: "via del Fante 5 int. 3, Santarcangelo di Romagna".
_TOWN_AFTER_COMMA = re.compile(r",[ \t]*(?-i:[A-ZÀ-ÖØ-Þ])[^\W\d_]+$")
_PARTICLE_AND_TOWN = re.compile(
    r"[ \t]+(?-i:di|de|del|della|sul|sulla|sur|en)[ \t]+(?-i:[A-ZÀ-ÖØ-Þ])[^\W\d_]+"
    r"(?:['’\-][^\W\d_]+)*"
)
_FLOOR_WORDS = re.compile(FLOOR_IN_WORDS, re.IGNORECASE)
_LINE_ENDS = re.compile(r"[ \t]*(?:$|\n)")


def _rare_town_word(key: str) -> bool:
    """Tell whether a folded word ending an address's line is a town's ("via Gorizia 7 Vimercate").

    It is rare in every language and no first name.
    """
    return (
        max(zipf(key, language) for language in LANGUAGES) < RARE_TOWN_MAX_ZIPF
        and key not in name_lexicon().first
    )


def _town_words(text: str, end: int, limit: int) -> int:
    """Return where a town named after its postcode ends once its further words are taken in.

    The recognizers take the town's first word; "castel mella", "pergine
    valsugana" go on with words that are no everyday word of any language.
    """
    if _TOWN_SO_FAR.search(text, max(0, end - 60), end):
        run = _TOWN_TO_PROVINCE.match(text, end)
        if (
            run is not None
            and run.end() <= limit
            and not any(
                fold(word) in not_address_words() or fold(word) in SENTENCE_LINKS
                for word in run.group("words").split()
            )
        ):
            end = run.end()
    for _ in range(2):
        if not _TOWN_SO_FAR.search(text, max(0, end - 60), end):
            break
        word = _NEXT_TOWN_WORD.match(text, end)
        if word is None or word.end() > limit:
            break
        if not _further_town_word(text, word):
            break
        end = word.end()
    return end


def _further_town_word(text: str, word: re.Match[str]) -> bool:
    """Tell whether the word after a town's first words goes on its name (:func:`_town_words`)."""
    key = fold(word.group("word"))
    if _capitalised_after_particle(text, word) and key not in CALENDAR_WORDS | CLOSINGS:
        return True  # "80013 Casalnuovo di Napoli", "35012 Las Palmas de Gran Canaria"
    if (
        _ARTICLE_AFTER_POSTCODE.search(text, max(0, word.start() - 12), word.start())
        and word.group("word")[:1].isupper()
        and key not in CALENDAR_WORDS | CLOSINGS
    ):
        return True  # "11300 La Línea de la Concepción": a town's article, then its name
    if key in not_address_words() or key in SENTENCE_LINKS:
        return False
    previous = text[: word.start("word")].split()[-1:]
    if key in name_lexicon().first and not (previous and fold(previous[0]) in _SAINTS):
        return False  # "… 20100 milano marco": the writer's name
    frequencies = sorted((zipf(key, language) for language in LANGUAGES), reverse=True)
    if frequencies[0] >= TOWN_WORD_MAX_ZIPF:
        return False
    if frequencies[1] >= TOWN_WORD_SECOND_MIN_ZIPF:
        return True
    return frequencies[0] < TOWN_WORD_ONE_LANGUAGE_MAX_ZIPF and _phrase_ends(text, word.end())


def _capitalised_after_particle(text: str, word: re.Match[str]) -> bool:
    """Tell whether a capitalised word follows a particle after a capitalised town's word.

    "80013 Casalnuovo di Napoli", "45600 Talavera de la Reina": the writer
    capitalises the town's words, and a particle joins them.
    """
    if not text[word.start() : word.start("word")].strip():
        return False
    town_word = _LAST_TOWN_WORD.search(text, 0, word.start())
    return (
        word.group("word")[:1].isupper()
        and town_word is not None
        and town_word.group()[:1].isupper()
    )


# A town's capitalised article right after its postcode: "11300 La", "38000 Le".
_ARTICLE_AFTER_POSTCODE = re.compile(r"(?<!\d)\d{5}[ \t]+(?-i:La|Las|Los|El|Le|Les|Il|Lo)$")
_LAST_TOWN_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*(?=[ \t]*$)")


def _phrase_ends(text: str, end: int) -> bool:
    """Tell whether the phrase ends at ``end``: a stop, a province or a closing ("grazie")."""
    if _PHRASE_END.match(text, end) is not None:
        return True
    following = _NEXT_WORD.match(text, end)
    return following is not None and fold(following.group(1)) in CLOSINGS


def _spaced_postcode(
    text: str, end: int, never: frozenset[str], *, part: bool = False
) -> int | None:
    """Return where a postcode after a plain space ends, with its town; None if none follows.

    As a part after a comma (``part``) it needs its label or a town: "…, cp 29010
    malaga"; a bare number there may be anything.
    """
    before_town = _TOWN_THEN_POSTCODE.match(text, end)
    if before_town is not None and not _has_word_of(before_town.group("town"), never):
        return before_town.end()
    postcode = _SPACED_POSTCODE.match(text, end)
    if postcode is None or (not part and not text[end : end + 1].isspace()):
        return None
    if part and postcode.group("label") is None and postcode.group("town") is None:
        return None
    town = postcode.group("town")
    article = None if town is None else _ARTICLE_START.match(town)
    if town is not None and article is not None:
        town = town[article.end() :]
    if not town or _has_word_of(town, never) or fold(town) in SENTENCE_LINKS:
        return postcode.end("code")
    return postcode.end()


def _has_word_of(words: str, vocabulary: frozenset[str]) -> bool:
    return any(fold(word) in vocabulary or fold(word) in SENTENCE_LINKS for word in words.split())


def address_head(text: str, start: int, floor: int = 0) -> int:
    """Return where the address starting at ``start`` starts once a hamlet before it is taken in.

    "fraz. san martino, via dei tigli 5": the hamlet and its comma open the
    address; ``floor`` is where the previous finding ends.
    """
    locality = _LOCALITY_BEFORE.search(text, max(floor, start - 60), start)
    if locality is None or _common_words_only(locality.group("place")):
        return start  # "alla cascina di famiglia, via …": a farm named by what it is
    return locality.start()


def _common_words_only(place: str) -> bool:
    """Tell whether a place's name is only common words in lower case ("di famiglia")."""
    words = [word for word in place.split() if fold(word) not in _PLACE_PARTICLES]
    return all(
        word.islower()
        and max(zipf(fold(word), language) for language in LANGUAGES) >= TOWN_WORD_MAX_ZIPF
        for word in words
    )


def _special_part(text: str, start: int, never: frozenset[str]) -> int | None:
    """Return where a unit, a postcode or a hamlet part starting at ``start`` ends, or None."""
    unit = _UNIT_PART.match(text, start) or _STATE_ZIP_PART.match(text, start)
    if unit is not None:
        return unit.end()
    postcode = _spaced_postcode(text, start, never, part=True)
    if postcode is not None:
        return postcode
    county = _COUNTY_PART.match(text, start)
    if county is not None and not _has_word_of(county.group("county"), never):
        code = _SPACED_CODE.match(text, county.end())
        return county.end() if code is None else code.end()
    eircode = _EIRCODE_PART.match(text, start)
    if eircode is not None:
        return eircode.end()
    andorran = _ANDORRAN_POSTCODE.match(text, start)
    if andorran is not None:
        return andorran.end()
    locality = _LOCALITY_PART.match(text, start)
    if locality is None:
        return None
    words = locality.group("words").split()
    kept = 0
    for word in words:
        key = fold(word)
        if key in SENTENCE_LINKS or (key in never and not _place_name_word(word)):
            break
        kept += 1
    while kept and fold(words[kept - 1]) in _PLACE_PARTICLES:
        kept -= 1  # "…, col. Centro de …": the particle opens what comes next
    if not kept:
        return None
    return locality.start("words") + len(" ".join(words[:kept]))


# An Andorran postcode and its parish: "…, AD700 Escaldes-Engordany", "…, AD500 Andorra la Vella".
_ANDORRAN_POSTCODE = re.compile(
    r"(?-i:AD)[ \t]?\d{3}(?!\d)(?:[ \t]+(?-i:[A-ZÀ-ÖØ-Þ])[^\W\d_]+(?:['’\-][^\W\d_]+)*"
    r"(?:[ \t]+(?:la[ \t]+)?(?-i:[A-ZÀ-ÖØ-Þ])[^\W\d_]+)?)?"
)
_PLACE_PARTICLES = frozenset("de del la las los el lo le les di da".split())
"""Small words inside a place's name ("Jardines del Sol"), never its last word."""


def _place_name_word(word: str) -> bool:
    """Tell whether a capitalised word after "col.", "urb.", "fraz." is the place's own word.

    Place names are made of everyday words and names ("col. Santa Rosa", "urb. Villa
    Sol"); capitalised there they name the place, unless a weekday, a month or a closing.
    """
    key = fold(word)
    return word[:1].isupper() and key not in CALENDAR_WORDS and key not in CLOSINGS


def _joined_addresses(text: str, end: int, following: list[tuple[int, RecognizerResult]]) -> int:
    """Return ``end`` moved over the addresses that go on after only a comma or a line break.

    "cascina bosco grande 1, frazione cerreto, 27020 …", "résidence les tilleuls, bât. C
    apt 12, 3 av. de verdun, …": two shapes found apart are the parts of one address.
    """
    for index, (_, result) in enumerate(following):
        if result.start < end:
            continue
        if result.entity_type != "STREET_ADDRESS" or not _JOIN.fullmatch(text, end, result.start):
            break
        limit = next(
            (r.start for _, r in following[index + 1 :] if r.entity_type != _ID_NUMBER), len(text)
        )
        end = max(result.end, address_tail(text, result.end, limit))
    return end


_JOIN = re.compile(r"[ \t]*(?:,[ \t]*\n?|\n)[ \t]*")


def with_address_tails(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Stretch each address over its floor, door and town parts (see :func:`address_tail`).

    A hamlet written before the street opens it (:func:`address_head`).
    Sorted, non-overlapping ``results`` stay so: an address stops where the
    next finding starts, except an identifier-shaped number, which the address
    takes in when it is a part of it ("…, 46007 valencia": the postcode).
    """
    stretched: list[RecognizerResult] = []
    swallowed: set[int] = set()
    for index, result in enumerate(results):
        if index in swallowed:
            continue
        if result.entity_type == "STREET_ADDRESS":
            following = list(enumerate(results[index + 1 :], index + 1))
            limit = next((r.start for _, r in following if r.entity_type != _ID_NUMBER), len(text))
            end = address_tail(text, result.end, limit)
            cut = next((r.start for _, r in following if r.start < end < r.end), None)
            if cut is not None:
                end = address_tail(text, result.end, cut)  # never half a number
            end = _joined_addresses(text, end, following)
            floor = stretched[-1].end if stretched else 0
            start = address_head(text, result.start, floor)
            end = _without_note(text, start, end)
            swallowed.update(i for i, r in following if r.end <= end)
            if end != result.end or start < result.start:
                result = respan(result, start, len(text[:end].rstrip()))
        stretched.append(result)
    return stretched

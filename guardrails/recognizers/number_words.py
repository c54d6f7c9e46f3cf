"""Numbers written in words, in Italian, French, Spanish and English, as days and years of a date.

Each table maps a *key* to its value. A key is the words folded (see
:func:`~guardrails.recognizers.lexicon.fold`) and run together without spaces or
hyphens, so "Mille neuf cent quarante-deux", "milleneufcent quarante deux"
and "MILLE NEUF CENT QUARANTE DEUX" are one key, as are "ventitré",
"ventitre" and "venti tre". Every spelling is built from the words of each
language, one language at a time, so no key mixes languages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from guardrails.recognizers.lexicon import fold


def key(words: str) -> str:
    """Return the table key of ``words``: folded, spaces and hyphens removed."""
    return re.sub(r"[\s\-]+", "", fold(words))


def _italian(number: int) -> list[str]:
    """Return the ways 1-99 is written in Italian ("ventuno" and "ventiuno")."""
    units = "uno due tre quattro cinque sei sette otto nove".split()
    teens = (
        "dieci undici dodici tredici quattordici quindici sedici diciassette diciotto diciannove"
    ).split()
    tens = "venti trenta quaranta cinquanta sessanta settanta ottanta novanta".split()
    if number < 10:
        return [units[number - 1]]
    if number < 20:
        return [teens[number - 10]]
    ten, unit = tens[number // 10 - 2], number % 10
    if unit == 0:
        return [ten]
    spelled = [ten + units[unit - 1]]
    if unit in (1, 8):  # ventuno, trentotto: the tens lose their vowel before uno, otto
        spelled.append(ten[:-1] + units[unit - 1])
    return spelled


def _french(number: int) -> list[str]:
    """Return the ways 1-99 is written in French, Belgian and Swiss ("nonante" too)."""
    units = "un deux trois quatre cinq six sept huit neuf".split()
    teens = "dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf".split()
    if number < 10:
        return [units[number - 1]]
    if number < 20:
        return [teens[number - 10]]
    tens = {
        2: ["vingt"],
        3: ["trente"],
        4: ["quarante"],
        5: ["cinquante"],
        6: ["soixante"],
        7: ["septante"],
        8: ["quatre-vingt", "huitante", "octante"],
        9: ["nonante"],
    }
    ten, unit = divmod(number, 10)
    spelled: list[str] = []
    for word in tens[ten]:
        if unit == 0:
            spelled += [word, word + "s"] if word == "quatre-vingt" else [word]
        elif unit == 1 and word != "quatre-vingt":
            spelled += [f"{word} et un", f"{word}-un"]
        else:
            spelled.append(f"{word}-{units[unit - 1]}")
    if ten in (7, 9):  # soixante-dix, soixante et onze, quatre-vingt-dix...
        base = "soixante" if ten == 7 else "quatre-vingt"
        spelled.append(f"{base}-{teens[unit]}")
        if number == 71:
            spelled.append("soixante et onze")
    return spelled


def _spanish(number: int) -> list[str]:
    """Return the ways 1-99 is written in Spanish ("veintiuno", "veintiún", "veinte y uno")."""
    units = "uno dos tres cuatro cinco seis siete ocho nueve".split()
    teens = (
        "diez once doce trece catorce quince dieciséis diecisiete dieciocho diecinueve"
    ).split()
    tens = "veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa".split()
    if number < 10:
        return [units[number - 1]]
    if number < 20:
        old = [f"diez y {units[number - 11]}"] if number > 15 else []
        return [teens[number - 10], *old]
    ten, unit = tens[number // 10 - 2], number % 10
    if unit == 0:
        return [ten]
    spelled = [f"{ten} y {units[unit - 1]}"]
    if number < 30:  # veintidós and veintidos are one key: accents are folded away
        spelled.append("veinti" + units[unit - 1])
    if unit == 1:  # before a noun: veintiún, treinta y un
        spelled += [f"{ten} y un", *(["veintiún"] if number == 21 else [])]
    return spelled


def _english(number: int) -> list[str]:
    """Return the ways 1-99 is written in English ("twenty-one", "forty" and "fourty")."""
    units = "one two three four five six seven eight nine".split()
    teens = (
        "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
    ).split()
    tens = "twenty thirty forty fifty sixty seventy eighty ninety".split()
    if number < 10:
        return [units[number - 1]]
    if number < 20:
        return [teens[number - 10]]
    ten, unit = tens[number // 10 - 2], number % 10
    spelled = [ten if unit == 0 else f"{ten}-{units[unit - 1]}"]
    if ten == "forty":
        spelled.append(spelled[0].replace("forty", "fourty"))
    return spelled


_ENGLISH_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()


def _english_ordinal(number: int) -> list[str]:
    """Return 1st-31st written in English ("twenty-first", "thirtieth"; "twelveth" as typed)."""
    if number <= 20:
        word = _ENGLISH_ORDINALS[number - 1]
        return [word, "twelveth"] if number == 12 else [word]
    ten, unit = divmod(number, 10)
    tens = {2: "twenty", 3: "thirty"}[ten]
    return [f"{tens[:-1]}ieth"] if unit == 0 else [f"{tens}-{_ENGLISH_ORDINALS[unit - 1]}"]


Speller = Callable[[int], list[str]]
CARDINALS: Mapping[str, Speller] = {
    "it": _italian,
    "fr": _french,
    "es": _spanish,
    "en": _english,
}
"""Language -> the ways it writes 1-99."""


def _italian_years() -> dict[int, list[str]]:
    years: dict[int, list[str]] = {1900: ["millenovecento"], 2000: ["duemila"]}
    for rest in range(1, 100):
        for word in _italian(rest):
            years.setdefault(1900 + rest, []).append("millenovecento" + word)
            if word.startswith("o"):  # novecentottanta, novecentotto
                years[1900 + rest].append("millenovecent" + word)
            if rest < 30:  # "duemilaquattro", spoken "duemila e quattro"
                years.setdefault(2000 + rest, []).extend(["duemila" + word, f"duemila e {word}"])
    return years


def _french_years() -> dict[int, list[str]]:
    hundreds = ["mille neuf cent", "mil neuf cent", "dix-neuf cent"]
    years: dict[int, list[str]] = {
        1900: [*hundreds, *(word + "s" for word in hundreds)],
        2000: ["deux mille", "deux mil"],
    }
    for rest in range(1, 100):
        for word in _french(rest):
            years.setdefault(1900 + rest, []).extend(f"{start} {word}" for start in hundreds)
            if rest < 30:
                years.setdefault(2000 + rest, []).extend([f"deux mille {word}", f"deux mil {word}"])
    return years


def _spanish_years() -> dict[int, list[str]]:
    years: dict[int, list[str]] = {1900: ["mil novecientos"], 2000: ["dos mil"]}
    for rest in range(1, 100):
        for word in _spanish(rest):
            years.setdefault(1900 + rest, []).append(f"mil novecientos {word}")
            if rest < 30:
                years.setdefault(2000 + rest, []).append(f"dos mil {word}")
    return years


def _english_years() -> dict[int, list[str]]:
    hundred = ["nineteen hundred", "one thousand nine hundred"]
    years: dict[int, list[str]] = {
        1900: list(hundred),
        2000: ["two thousand"],
    }
    for rest in range(1, 100):
        for word in _english(rest):
            spelled = [f"{start}{joint}{word}" for start in hundred for joint in (" ", " and ")]
            if rest < 10:  # nineteen oh five
                spelled += [f"nineteen {zero} {word}" for zero in ("oh", "o", "zero")]
            else:  # nineteen fifty-two
                spelled.append(f"nineteen {word}")
            years.setdefault(1900 + rest, []).extend(spelled)
            if rest < 30:
                spelled = [f"two thousand {word}", f"two thousand and {word}"]
                if rest < 10:
                    spelled += [f"twenty {zero} {word}" for zero in ("oh", "o", "zero")]
                else:  # twenty twelve
                    spelled.append(f"twenty {word}")
                years.setdefault(2000 + rest, []).extend(spelled)
    return years


def _table(spellings: Mapping[int, list[str]]) -> dict[str, int]:
    return {key(word): number for number, words in spellings.items() for word in words}


def _merge(*tables: dict[str, int]) -> dict[str, int]:
    """Return one table of several; a key two languages share must mean one number."""
    merged: dict[str, int] = {}
    for table in tables:
        for word, number in table.items():
            if merged.setdefault(word, number) != number:
                raise ValueError(f"{word!r} is {merged[word]} and {number}")
    return merged


DAYS: dict[str, int] = _merge(
    *(_table({n: spell(n) for n in range(1, 32)}) for spell in CARDINALS.values()),
    _table({1: ["primo", "premier", "primero", "primer"]}),
    _table({n: _english_ordinal(n) for n in range(1, 32)}),
)
"""Key -> 1-31: the day of a month in words, cardinal or ordinal ("ventitre", "premier",
"treinta y uno", "twenty-first")."""

ENGLISH_ORDINAL_DAYS: frozenset[str] = frozenset(
    key(word) for n in range(1, 32) for word in _english_ordinal(n)
)
"""Keys of 1st-31st as English ordinals ("fourth", "twenty-second"): a day "the" may come before."""

YEARS: dict[str, int] = _merge(
    *(_table(years()) for years in (_italian_years, _french_years, _spanish_years, _english_years))
)
"""Key -> 1900-2029: a year of birth in words ("millenovecentotrentanove", "mille neuf cent
quarante-deux", "dix-neuf cent cinquante", "mil novecientos sesenta", "nineteen fifty-two",
"two thousand and three")."""

TWO_DIGIT_YEARS: dict[str, int] = _merge(
    *(_table({n: spell(n) for n in range(10, 100)}) for spell in CARDINALS.values())
)
"""Key -> 10-99: a year's last two digits in words ("del cinquantadue", "del setenta y tres").

Not 1-9: "de dos" after a date is more often a count than the year 2002,
which is said "dos mil dos"."""

FIRST_BARE_TWO_DIGIT_YEAR = 25
"""The smallest two-digit year in words taken right after a month, with no "del", "de"
or apostrophe ("vingt-deux juin soixante-douze"): below it the words may tell the hour
("nata il tre aprile dieci")."""

MAX_WORDS = 8
"""The most words a number in the tables takes ("one thousand nine hundred and fifty two")."""

_WORD = re.compile(r"[^\W\d_]+")
_SEPARATOR = re.compile(r"[^\S\n]*-[^\S\n]*|[^\S\n]+")  # on one line


def read_number(
    text: str, start: int, table: Mapping[str, int], max_words: int = MAX_WORDS
) -> tuple[int, int] | None:
    """Return (value, end) of the longest run of words from ``start`` that is a key of ``table``.

    Words are separated by spaces or a hyphen, on one line; the run is the
    longest one that spells a number ("veintiuno de marzo" -> 21, ending
    after "veintiuno"). None when the word at ``start`` begins no number.
    """
    found: tuple[int, int] | None = None
    spelled = ""
    position = start
    for count in range(max_words):
        if count:
            separator = _SEPARATOR.match(text, position)
            if separator is None:
                break
            position = separator.end()
        word = _WORD.match(text, position)
        if word is None:
            break
        spelled += fold(word.group())
        position = word.end()
        if spelled in table:
            found = (table[spelled], position)
    return found

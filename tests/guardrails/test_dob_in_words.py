"""Dates of birth written partly or wholly in words, in Italian, French, Spanish and English.

After a birth phrase ("nata il", "né le", "nacida el", "born on", "DOB"), a
date whose day or year is in words is a date of birth: "3 aprile
millenovecentotrentanove", "veintiuno de marzo del 68", "the third of May
nineteen fifty-two". The whole date, day through year, is one finding, with
the English "the" before an ordinal day. A date in words needs its year;
two-digit years in words after "del", "de", "dell'" or an apostrophe, or right
after the month from 25 on ("vingt-deux juin soixante-douze"). Not dates of
birth: the same dates with no birth phrase before them (appointments), after
an appointment word, ordinals and number words that are no date.
"""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from guardrails.recognizers.date_of_birth import DateOfBirthRecognizer
from guardrails.recognizers.number_words import (
    DAYS,
    ENGLISH_ORDINAL_DAYS,
    TWO_DIGIT_YEARS,
    YEARS,
    key,
    read_number,
)
from tests.guardrails.phi_helpers import redacted

D = "DATE_OF_BIRTH"

FOUND = [
    # Italian: day in digits, year in words (development message hw-it-2103)
    (
        "it",
        "abita in via Quattro Novembre 27, nata il 3 aprile millenovecentotrentanove 😅",
        "3 aprile millenovecentotrentanove",
    ),
    # Italian: day in words, year in digits
    ("it", "mio padre è nato il ventitre maggio 1951", "ventitre maggio 1951"),
    # Italian: "primo", two-digit year in words after "del"
    ("it", "nata il primo gennaio del cinquantadue", "primo gennaio del cinquantadue"),
    # Italian: two-digit year after "dell'"
    ("it", "nato il due luglio dell'ottantotto", "due luglio dell'ottantotto"),
    # Italian: capitals and an accent
    (
        "it",
        "DATA DI NASCITA VENTITRÉ MAGGIO MILLENOVECENTOCINQUANTUNO",
        "VENTITRÉ MAGGIO MILLENOVECENTOCINQUANTUNO",
    ),
    # Italian: words spaced out
    (
        "it",
        "nata il ventuno marzo mille novecento quaranta",
        "ventuno marzo mille novecento quaranta",
    ),
    # Spanish: day in words, two-digit year (development message hw-es-2120)
    (
        "es",
        "el nacio el veintiuno de marzo del 68 mi whatsapp es +58 414 327 5190",
        "veintiuno de marzo del 68",
    ),
    # Spanish: all in words
    (
        "es",
        "nacido el treinta y uno de diciembre de mil novecientos sesenta",
        "treinta y uno de diciembre de mil novecientos sesenta",
    ),
    # Spanish: two-digit year in words after "del"
    ("es", "nací el dos de mayo del setenta y tres", "dos de mayo del setenta y tres"),
    # Spanish: no accent ("veintiun")
    ("es", "fecha de nacimiento veintiun de abril de 1977", "veintiun de abril de 1977"),
    # Spanish: capitals
    (
        "es",
        "NACIDA EL QUINCE DE AGOSTO DE DOS MIL TRES",
        "QUINCE DE AGOSTO DE DOS MIL TRES",
    ),
    # French: all in words
    (
        "fr",
        "né le douze juin mille neuf cent quarante-deux",
        "douze juin mille neuf cent quarante-deux",
    ),
    # French: "1er", year as "dix-neuf cent"
    ("fr", "née le 1er mars dix-neuf cent cinquante", "1er mars dix-neuf cent cinquante"),
    # French: "premier", no accents
    (
        "fr",
        "date de naissance : premier fevrier deux mille deux",
        "premier fevrier deux mille deux",
    ),
    # French: "quatre-vingt", "et un"
    (
        "fr",
        "nee le vingt et un octobre mille neuf cent quatre-vingt-un",
        "vingt et un octobre mille neuf cent quatre-vingt-un",
    ),
    # French: "de l'an deux mille"
    (
        "fr",
        "né le premier janvier de l'an deux mille",
        "premier janvier de l'an deux mille",
    ),
    # English: ordinal day, year in words
    (
        "en",
        "she was born on the third of May nineteen fifty-two",
        "the third of May nineteen fifty-two",
    ),
    # English: ordinal day in words, year in digits
    ("en", "date of birth: twenty-first of June 1948", "twenty-first of June 1948"),
    # English: month first
    ("en", "DOB May twelfth, nineteen eighty", "May twelfth, nineteen eighty"),
    # English: "two thousand and three"
    (
        "en",
        "my son was born on the second of March two thousand and three",
        "the second of March two thousand and three",
    ),
    # English: capitals
    ("en", "BORN ON JULY FOURTH NINETEEN SIXTY", "JULY FOURTH NINETEEN SIXTY"),
    # English: "the" before an ordinal day is part of the date, in words or in digits
    (
        "en",
        "um yeah her date of birth is the twelfth of August nineteen sixty-four thanks",
        "the twelfth of August nineteen sixty-four",
    ),
    (
        "en",
        "Born On The Thirtieth Of January Two Thousand And One",
        "The Thirtieth Of January Two Thousand And One",
    ),
    (
        "en",
        "he was born the 9th of October nineteen ninety",
        "the 9th of October nineteen ninety",
    ),
    # two-digit years in words right after the month (voice notes), no article taken
    # but the English one
    (
        "fr",
        "alors euh je suis née le dix-sept septembre quatre-vingt-un voilà",
        "dix-sept septembre quatre-vingt-un",
    ),
    ("fr", "date de naissance trois octobre cinquante-neuf", "trois octobre cinquante-neuf"),
    ("fr", "né le 14 mars soixante-cinq", "14 mars soixante-cinq"),
    (
        "it",
        "mia madre è nata il diciotto novembre quarantasette",
        "diciotto novembre quarantasette",
    ),
    ("it", "nato il primo agosto ottantanove, grazie", "primo agosto ottantanove"),
    (
        "es",
        "mi padre nació el nueve de julio cincuenta y cuatro",
        "nueve de julio cincuenta y cuatro",
    ),
    (
        "en",
        "my dad was born on the thirtieth of April sixty-six",
        "the thirtieth of April sixty-six",
    ),
    ("en", "DOB October fifth, eighty-eight", "October fifth, eighty-eight"),
]

NOT_FOUND = [
    # appointments in words: no birth phrase before them
    ("it", "ho appuntamento il tre aprile alle dieci"),
    ("it", "il tre aprile millenovecentotrentanove"),
    ("fr", "rdv le douze juin à 9h"),
    ("es", "tengo cita el veintiuno de marzo"),
    ("en", "see you on the third of May at ten"),
    # a date in words after an appointment word, even with a birth phrase before it
    ("it", "nata a Roma, appuntamento il tre aprile duemilaventisei"),
    ("en", "born in Leeds, appointment on the third of May two thousand and twenty-six"),
    # a date in words with no year (as "nata il dodici marzo" in the speed tests)
    ("it", "nato il tre aprile alle dieci"),
    ("en", "born on March the third"),
    # a two-digit year in words right after the month only from 25 on: below, an hour
    ("it", "nata il tre aprile dieci"),
    ("fr", "née le trois mars vingt-deux"),
    ("en", "born on the fifth of June twenty"),
    # a day and month in words with no year stay as appointments, even after a birth phrase
    ("fr", "née en Bretagne, je viens le vingt-trois mai"),
    ("fr", "né à Lyon, je passe jeudi vingt-trois"),
    ("it", "nata a Bari, ci vediamo il diciotto novembre"),
    # a count of minutes, hours or days after the month is no year
    ("fr", "né le trois mars quarante minutes plus tard"),
    ("en", "born on the fifth of June thirty hours after"),
    # ordinals and number words that are no date
    ("it", "sono nata al secondo piano"),
    ("it", "il secondo piano"),
    ("en", "the first of many"),
    ("es", "veintiuno años"),
    ("es", "nacido hace veintiuno años"),
    ("fr", "née il y a soixante-dix ans"),
    ("en", "born nineteen fifty-two"),
    ("it", "millenovecentotrentanove"),
]


@pytest.mark.parametrize(("language", "text", "value"), FOUND)
def test_found(phi_guard: PhiRedactionGuard, language: str, text: str, value: str) -> None:
    assert (value, D) in redacted(phi_guard, text, language)


@pytest.mark.parametrize(("language", "text"), NOT_FOUND)
def test_not_found(phi_guard: PhiRedactionGuard, language: str, text: str) -> None:
    assert not [f for f in redacted(phi_guard, text, language) if f[1] == D]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # digit dates are the patterns' as before
        ("nata il 12 marzo 1985", "12 marzo 1985"),
        ("nata il 3 aprile", "3 aprile"),
        ("data di nascita: 12/03/1985", "12/03/1985"),
        ("born on March 3, 1990", "March 3, 1990"),
    ],
)
def test_digit_dates_unchanged(text: str, value: str) -> None:
    found = DateOfBirthRecognizer().analyze(text, [])
    assert [text[r.start : r.end] for r in found] == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a count of weeks after the month is no year
        ("nacido el 3 de marzo de treinta y dos semanas", "3 de marzo"),
        # nor is a one-digit number in words
        ("nacida el 5 de mayo de dos hermanos", "5 de mayo"),
        # nor a count of minutes or days
        ("nacido el 7 de abril de cuarenta minutos", "7 de abril"),
        ("nacida el 12 de junio de treinta días", "12 de junio"),
    ],
)
def test_no_year_in_words(text: str, value: str) -> None:
    found = DateOfBirthRecognizer().analyze(text, [])
    assert [text[r.start : r.end] for r in found] == [value]


def test_a_date_in_words_replaces_the_digits_inside_it() -> None:
    text = "nata il 3 aprile millenovecentotrentanove"
    found = DateOfBirthRecognizer().analyze(text, [])
    assert [text[r.start : r.end] for r in found] == ["3 aprile millenovecentotrentanove"]


@pytest.mark.parametrize(
    ("table", "words", "number"),
    [
        (DAYS, "ventitré", 23),
        (DAYS, "venti tre", 23),
        (DAYS, "trente-et-un", 31),
        (DAYS, "treinta y uno", 31),
        (DAYS, "thirty-first", 31),
        (YEARS, "millenovecentottantotto", 1988),
        (YEARS, "mille neuf cent soixante et onze", 1971),
        (YEARS, "mille neuf cent quatre-vingt-dix-neuf", 1999),
        (YEARS, "mil novecientos noventa y nueve", 1999),
        (YEARS, "nineteen oh five", 1905),
        (YEARS, "duemilaventinove", 2029),
        (TWO_DIGIT_YEARS, "sessantotto", 68),
        (TWO_DIGIT_YEARS, "nonante-deux", 92),
    ],
)
def test_number_words(table: dict[str, int], words: str, number: int) -> None:
    assert table[key(words)] == number


def test_every_year_and_day_is_spelled() -> None:
    assert set(YEARS.values()) == set(range(1900, 2030))
    assert set(DAYS.values()) == set(range(1, 32))


def test_one_digit_words_are_no_two_digit_year() -> None:
    assert key("dos") not in TWO_DIGIT_YEARS
    assert TWO_DIGIT_YEARS[key("dieci")] == 10


def test_english_ordinal_days() -> None:
    assert {key("fourth"), key("twenty-second"), key("thirtieth")} <= ENGLISH_ORDINAL_DAYS
    assert key("four") not in ENGLISH_ORDINAL_DAYS
    assert key("ventidue") not in ENGLISH_ORDINAL_DAYS


def test_the_longest_number_is_read() -> None:
    text = "nineteen fifty-two and then"
    assert read_number(text, 0, YEARS) == (1952, len("nineteen fifty-two"))
    assert read_number("treinta y uno de mayo", 0, DAYS) == (31, len("treinta y uno"))
    assert read_number("settembre", 0, DAYS) is None

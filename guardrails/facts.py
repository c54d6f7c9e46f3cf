"""Facts a reply states: times, dates, prices, phone numbers, addresses, names, doses.

Found by :func:`extract_facts` in a normal form (see ``guardrails/groundedness.py``, which looks
each one up in the reply's sources).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from guardrails.recognizers.lexicon import MONTH_NAMES, MONTH_NUMBERS, UNITS, fold, longest_first

_EDGE = r"(?<![\w.,:/'\x00])"  # a fact starts at a word edge, not inside "1.200" or "7:30"
_NUM = r"[0-9]{1,3}(?:[.,'\u00a0\u202f][0-9]{3})+(?:[.,][0-9]+)?|[0-9]+(?:[.,][0-9]+)?"
_AMOUNT = r"[0-9]{1,3}(?:[.,'\u00a0\u202f ][0-9]{3})+(?:[.,][0-9]{1,2})?|[0-9]+(?:[.,][0-9]{1,2})?"
_ALL_MONTHS = sorted({name for names in MONTH_NAMES for name in names.split()}, key=longest_first)
_MONTHS = "|".join(_ALL_MONTHS)
_LONG_MONTHS = "|".join(name for name in _ALL_MONTHS if len(name) > 4)
_ORD = r"(?:st|nd|rd|th|er|°|º|ª|o)?"
_AND = r"(?:[ \t]*[-–—/,][ \t]*|[ \t]+(?:e|ed|et|y|o|ou|or|and|to|al|au|a|à|until)[ \t]+)"
_CAP = r"(?:[dlDL]['’])?[A-ZÀ-ÖØ-ÞŒ][\w'’-]*"
_PARTICLE = r"(?:di|de|del|della|delle|dei|degli|des|du|la|le|les|el|los|las|of|the|san)"
_STREET_NAME = rf"(?:{_PARTICLE}[ \t]+)*{_CAP}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_CAP}){{0,3}}"
_STREET = (
    r"via|viale|v\.le|piazza|p\.zza|p\.za|piazzale|corso|c\.so|largo|vicolo|strada|calle|c/"
    r"|avenida|avda|plaza|paseo|carrer|camino|carretera|ronda|glorieta|rue|avenue|av\."
    r"|boulevard|bd|chemin|place|route|allée|allee|impasse|quai"
)
_HOUSE = r"[0-9]{1,4}[a-zA-Z]?(?:/[0-9]{1,3})?(?![\w])(?![.,:][0-9])"
_PILLS = (
    r"compress[ae]|comprim[ée]s?|comprimidos?|tablets?|pills?|pillol[ae]|pastigli[ae]|pastillas?"
    r"|capsul[ae]|capsules?|c[áa]psulas?|g[ée]lules?|gocce|goccia|gouttes?|gotas?|drops?"
    r"|bustin[ae]|sachets?|sobres?|puffs?|spruzzi|suppost[ae]|suppositori|suppositoires?"
    r"|supositorios?|fial[ae]|ampoules?|ampollas?|cucchiai(?:ni|no|o)?|cuill[èe]res?"
    r"|cucharad(?:it)?as?|teaspoons?|tablespoons?"
)
_COUNT_WORDS = (
    r"un|una|uno|une|mezza|mezzo|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|demi|demie"
    r"|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|media|medio|dos|tres|cuatro|cinco|seis"
    r"|siete|ocho|nueve|diez|one|half|two|three|four|five|seven|eight|nine|ten"
)
_CURRENCIES: dict[str, str] = {
    **dict.fromkeys(("€", "eur", "euro", "euros"), "EUR"),
    **dict.fromkeys(("chf", "fr.", "franc", "francs", "franco", "francos", "franchi"), "CHF"),
    **dict.fromkeys(("$", "us$", "usd", "dollar", "dollars", "dolares"), "USD"),
    **dict.fromkeys(("£", "gbp", "pound", "pounds", "sterline", "libras"), "GBP"),
}
_CURRENCY = r"€|\$|£|fr\.|(?:eur|euros?|chf|francs?|francos?|franchi|usd|dollars?|d[óo]lares"
_CURRENCY += r"|gbp|pounds?|sterline|libras)\b"
_AMPM = r"am|pm|a\.m\.|p\.m\."

# Patterns below are tried only where a number starts (``_STARTS``); scanning every
# position of every source with each of them would be several times slower.
_STARTS = re.compile(r"[0-9](?<![\w.,:/'\x00][0-9])")
_LIST_NUMBER = re.compile(r"[0-9]{1,2}[.)](?=[ \t])|[0-9]\ufe0f?\u20e3")
_PHONE = re.compile(  # "+39 02 5550 1234", "02-5550-1234", "+41 (0)22 555 40 10"
    r"(?:\+ ?)?[0-9]+(?:(?: | ?[.\-/] ?|(?<=\)))\(?[0-9]+\)?)*(?![\w]|[.,:][0-9])"
)
_DATE_SHAPE = re.compile(r"[0-9]{1,2}([./-])[0-9]{1,2}\1[0-9]{2,4}|[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ADDRESS_NUMBER_FIRST = re.compile(  # "12, rue des Lilas", "221 Baker Street"
    rf"(?P<n>{_HOUSE}) *,? +(?i:rue|avenue|av\.|boulevard|bd|chemin|place|route|allée|allee"
    rf"|impasse|quai) +(?P<name>{_STREET_NAME})|(?P<n2>[0-9]{{1,4}}) +(?P<name2>{_CAP}(?: {_CAP})"
    r"{0,3}) +(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Boulevard|Blvd\.?|Way)(?!\w)"
)
_DOSE = re.compile(
    rf"(?i)[0-9]+(?:[.,][0-9]+)?(?: ?(?:-|–|/|a|to) ?[0-9]+(?:[.,][0-9]+)?)? ?(?:mg|mcg|µg|μg"
    rf"|ug|g|ml|cc|ui|iu|units?|unit[ée]s?|unidades|{_PILLS})(?:/(?:kg|ml|die|day|jour|d[íi]a))?"
    r"(?![\w])"
)
_DAY_MONTH = re.compile(
    rf"(?i)([0-9]{{1,2}}){_ORD} +(?:de +|of +)?({_MONTHS})(?:\.(?= *[0-9]))?(?![\w])"
    r"(?:,? +(?:de +)?([0-9]{4})(?![\w]))?"
)
_DAY_AFTER_MONTH = re.compile(
    r"([0-9]{1,2})(?:st|nd|rd|th)?(?![\w:]|[.,][0-9])(?:,? +([0-9]{4})\b)?"
)
_NUMERIC_DATE = re.compile(
    r"(?:([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})|([0-9]{1,2})/([0-9]{1,2})(?:/([0-9]{2,4}))?"
    r"|([0-9]{1,2})([.\-])([0-9]{1,2})\8([0-9]{2,4}))(?![\w]|[.,/:][0-9])"
)
_PRICE = re.compile(rf"(?i)({_AMOUNT})(?:[.,][-–])?[ \u00a0]?({_CURRENCY})")
_AMOUNT_ONLY = re.compile(rf"({_AMOUNT})(?:[.,][-–])?(?![0-9]|[.,][0-9])")
_AMOUNT_AFTER = re.compile(rf" *[-–—] *({_AMOUNT})(?![0-9]|[.,][0-9])")
_PERCENT = re.compile(
    rf"(?i)({_NUM})[ \u00a0]?(?:%|per ?cento|percento|pour ?cent|por ?ciento|per ?cent|percent)"
)
_CLOCK = re.compile(
    rf"(?i)([01]?[0-9]|2[0-4]) ?(?::|\.|h) ?([0-5][0-9])(?![0-9]|[.,:][0-9])"
    rf"(?: ?({_AMPM})(?![\w]))?"
)
_HOUR = re.compile(rf"(?i)([0-9]{{1,3}}) ?(?:(h|hrs?)|({_AMPM}))(?![\w])")
_ORDINAL = re.compile(
    r"(?i)[0-9]{1,3}(?:st|nd|rd|th|er|re|ère|ere|e|ème|eme|è|º|ª|o|a|do|da|ro|ra|to|ta)(?![\w])"
    r"|[0-9]{1,3}°"
)
_NUMBER = re.compile(rf"({_NUM})(?![0-9]|[.,][0-9])")

# Patterns searched backwards from a number ("€ 50", "December 25", "da 50 a 80 EUR").
_LINE_START = re.compile(r"(?:^|\n)[ \t]*(?:[-*•·>][ \t]*)?$")
_PAGE_BEFORE = re.compile(r"(?i)\b(?:pp?|pag|pg|page|pagina|página)\.? *$")
_MONTH_BEFORE = re.compile(rf"(?i)\b({_LONG_MONTHS}) +$")
_DAY_BEFORE = re.compile(rf"{_EDGE}([0-9]{{1,2}}){_ORD}{_AND}(?:(?:il|le|el|the|l') *)?$")
_CURRENCY_BEFORE = re.compile(r"(?i)(?<![\w])(€|\$|£|us\$|eur|chf|fr\.|usd|gbp)[ \u00a0]?$")
_AMOUNT_BEFORE = re.compile(rf"{_EDGE}({_AMOUNT}){_AND}$")
_COUNT_BEFORE = re.compile(rf"(?i)\b(?:{_COUNT_WORDS}) +$")
_TOKEN_BEFORE = re.compile(r"[\w-]*$")
_EMAIL_BEFORE = re.compile(r"[\w.+-]*$")
_URL_BEFORE = re.compile(r"(?i)(?:https?://)?[a-z0-9.-]*$")

# Keyword patterns: found with a plain lower-case search (fast), then matched in full.
_TITLE_HINT = re.compile(
    r"dott|dr|prof|sig|mme|mlle|mr|ms|sr|pr|docteur|madame|mademoiselle|monsieur|doctor|señor"
    r"|senor|doña|don|m\."
)
_STREET_HINT = re.compile(_STREET)
_PILL_HINT = re.compile(_PILLS)
_URL_HINT = re.compile(r"://|www\.|\.(?:example|com|org|net|info|it|fr|es|ch|eu|uk|de|be)\b")
_MIXED_HINT = re.compile(r"[0-9](?:(?<=[^\W\d_][0-9])|(?=-?[^\W\d_]))")
_TITLE = re.compile(
    r"(?<![\w.])(?:(?P<abbr>(?i:dott\.?ssa|dr\.?ssa|prof\.?ssa|sig\.?ra|sig\.?na|dott\.|dr\.?"
    r"|dra\.?|prof\.|pr\.|sig\.|mmes?\.?|mlle\.?|sra\.|srta\.|sr\.|mrs\.?|ms\.?|mr\.?))"
    r"|(?i:dottoressa|dottore|dottor|professoressa|professore|professor|signora|signorina"
    r"|signor|docteure?|professeure?|madame|mademoiselle|monsieur|doctora|doctor|señora"
    r"|senora|señorita|señor|senor|doña|don)\b|M\.) +"
)
_ADDRESS = re.compile(
    rf"(?<![\w])(?P<prefix>(?i:{_STREET}|avda\.))(?: +|(?<=[./]) *)(?P<name>{_STREET_NAME})"
    rf"(?: *,? *(?:(?:n\.|n°|nº) *)?(?P<n>{_HOUSE}))?"
)
_AT = re.compile("@")
_PLACEHOLDER = re.compile(r"<[A-Z][A-Z_]*_[0-9]+>")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"(?i)(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b"
    r"(?:/[^\s<>()\[\]{}\"'\x00]*)?"
)
_PILL_WORD = re.compile(rf"(?i)(?:{_PILLS})(?![\w])")
_CODE = re.compile(r"(?<![\w-])(?:[^\W\d_]+-?[0-9]|[0-9]+-?[^\W\d_])[\w-]*")
_NAME_WORD = re.compile(r"(?:[dlDL]['’])?[^\W\d_][\w'’-]*")
_NEXT_WORD = re.compile(r" *([^\W\d_]+|%|€|\$|£)")
_EVENING = re.compile(  # "8 di sera", and "4 to 8 pm", "de 4 a 8 de la tarde" for the 4
    rf"(?i)(?:{_AND}([0-9]{{1,2}})(?:[:.h][0-5][0-9])?)? *(?:(?:pm|p\.m\.)(?![\w])|di sera"
    r"|della sera|del pomeriggio|du soir|de l['’]apr[èe]s-midi|de la tarde|de la noche"
    r"|in the evening|in the afternoon|at night)\b"
)
_WORD_TOKEN = re.compile(r"[0-9]+|[^\W\d_]+")

_NAME_PARTICLES = frozenset("di de del della dei da dal van von der den le la du des el y".split())
_NOT_NAMES = frozenset(
    "il lo la le i gli un una ha e di che del della per non si ci ne qui de du des et est ou"
    " en el los las y a o que se su the and or of is will can has who turno guardia garde".split()
)
_TIME_WORDS = frozenset(
    "alle dalle le ore entro fino a al verso dopo prima de des vers avant apres jusqu las la"
    " desde hasta antes despues at from until till to by before after around".split()
)


@dataclass(frozen=True)
class Fact:
    """One fact stated in a text.

    ``claims`` are keys ("time:8:00", "number:1200", "words: elena marchetti "):
    any one of them found in the sources grounds the fact. ``supports`` are the
    keys the fact offers when it is read in a source. An empty ``kind`` marks
    a span that is no fact (a placeholder, a list number) but must not be read
    as one by a later pattern.
    """

    kind: str
    start: int
    end: int
    claims: frozenset[str] = frozenset()
    supports: frozenset[str] = frozenset()


def _fact(
    kind: str, span: tuple[int, int], claims: Iterable[str], more: Iterable[str] = ()
) -> Fact:
    keys = frozenset(claims)
    return Fact(kind, span[0], span[1], keys, keys | frozenset(more))


def words(text: str) -> str:
    """Return ``text`` folded to space-separated words and numbers: " via dei mille 24 "."""
    tokens = (t if t.isascii() else fold(t) for t in _WORD_TOKEN.findall(text.casefold()))
    return f" {' '.join(t for t in tokens if t not in ('n', 'no'))} "


def _canon(value: Decimal) -> str:
    return format(value.normalize(), "f")


@lru_cache(maxsize=4096)
def _number_values(raw: str) -> frozenset[str]:
    """Return every reading of a written number: "1.200" is 1200 or 1.2; "2,5" is 2.5."""
    parts = re.split(r"([.,])", re.sub(r"['\u00a0\u202f ]", "", raw))
    digits, separators = parts[::2], parts[1::2]
    if len(digits) == 1 or (len(digits) > 2 and len(set(separators)) == 1):
        return frozenset({_canon(Decimal("".join(digits)))})  # "1200", "1.200.000"
    if len(digits) == 2:
        thousands = {_canon(Decimal("".join(digits)))} if len(digits[1]) == 3 else set()
        return frozenset({_canon(Decimal(".".join(digits)))} | thousands)
    return frozenset({_canon(Decimal(f"{''.join(digits[:-1])}.{digits[-1]}"))})


def _amount(raw: str) -> str:
    """Return a price amount: "1.200" is 1200, "12,50" is 12.5, "50,00" is 50."""
    text = re.sub(r"['\u00a0\u202f ]", "", raw)
    head, separator, tail = text.rpartition("," if "," in text[-3:] else ".")
    if not separator or len(tail) == 3:
        return _canon(Decimal(re.sub(r"[.,]", "", text)))
    return _canon(Decimal(f"{re.sub(r'[.,]', '', head)}.{tail}"))


def _hour(hour: int, suffix: str | None, text: str, end: int) -> int:
    """Return the 24-hour clock hour of "8 pm", "8 di sera", "12 am"."""
    suffix = (suffix or "").casefold().replace(".", "")
    if suffix == "am" and hour == 12:
        return 0
    evening = None if suffix else _EVENING.match(text, end)
    if evening and evening.group(1) and int(evening.group(1)) <= hour:
        evening = None  # "from 8 to 3 pm": the 8 is in the morning
    if (suffix == "pm" or evening) and hour < 12:
        return hour + 12
    return hour % 24


@dataclass
class _Scan:
    """A text being read, with the offsets where its numbers start.

    Earlier facts are masked in ``text``; ``lower`` is the original text in
    lower case (same length), searched for keyword hints.
    """

    text: str
    lower: str
    starts: list[int]

    def at(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Match ``pattern`` where numbers start, skipping starts inside the previous match."""
        end = 0
        for start in self.starts:
            if start >= end and (match := pattern.match(self.text, start)):
                end = match.end()
                yield match

    def hits(self, hint: re.Pattern[str]) -> Iterator[int]:
        """Yield where ``hint`` occurs in the lower-case text."""
        return (match.start() for match in hint.finditer(self.lower))

    def before(self, pattern: re.Pattern[str], start: int, reach: int) -> re.Match[str] | None:
        """Search ``pattern`` (anchored with ``$``) in the ``reach`` characters before ``start``."""
        return pattern.search(self.text, max(0, start - reach), start)

    def next_is_unit(self, end: int) -> bool:
        """Tell whether a unit word follows ("3 giorni", "2 days"): a quantity, not an hour."""
        match = _NEXT_WORD.match(self.text, end)
        return match is not None and fold(match.group(1)) in UNITS

    def word_before(self, start: int) -> str:
        """Return the folded word just before ``start`` ("alle" in "alle 8")."""
        end = start
        while end > 0 and self.text[end - 1] in " \t'’":
            end -= 1
        begin = end
        while begin > 0 and self.text[begin - 1].isalpha():
            begin -= 1
        return fold(self.text[begin:end])


Extractor = Callable[[_Scan], Iterator[Fact | None]]
"""Reads a text and yields the facts it states."""


def _no_facts(scan: _Scan) -> Iterator[Fact]:
    """Placeholders, list numbers ("1.", "2)", "3️⃣") and page references ("p. 3")."""
    for match in _PLACEHOLDER.finditer(scan.text):
        yield Fact("", match.start(), match.end())
    for match in scan.at(_LIST_NUMBER):
        if match.group()[-1] not in ".)" or scan.before(_LINE_START, match.start(), 8):
            yield Fact("", match.start(), match.end())
    for match in scan.at(_NUMBER):
        if page := scan.before(_PAGE_BEFORE, match.start(), 8):
            yield Fact("", page.start(), match.end())


def _emails(scan: _Scan) -> Iterator[Fact]:
    for at in scan.hits(_AT):
        left = scan.before(_EMAIL_BEFORE, at, 64)
        match = _EMAIL.match(scan.text, left.start() if left else at)
        if match and match.end() > at:
            yield _fact("email", match.span(), {f"raw:{match.group().casefold()}"})


def _urls(scan: _Scan) -> Iterator[Fact]:
    for hit in scan.hits(_URL_HINT):
        left = scan.before(_URL_BEFORE, hit, 80)
        match = _URL.match(scan.text, left.start() if left else hit)
        if match and match.end() > hit:
            raw = match.group().rstrip(".,;:!?)]'\"")
            key = re.sub(r"^(?:https?://)?(?:www\.)?", "", raw.casefold()).rstrip("/")
            yield _fact("url", (match.start(), match.start() + len(raw)), {f"raw:{key}"})


def _phones(scan: _Scan) -> Iterator[Fact]:
    plus = [s - 1 if s and scan.text[s - 1] == "+" else s for s in scan.starts]
    for match in _Scan(scan.text, scan.lower, plus).at(_PHONE):
        digits = re.sub(r"\(0\)|[^0-9]", "", match.group())  # "(0)": the trunk 0, dialled at home
        if 8 <= len(digits) <= 15 and not _DATE_SHAPE.fullmatch(match.group()):
            yield _fact("phone", match.span(), {f"phone:{digits.removeprefix('00')}"})


def _street(match: re.Match[str], name: str, number: str | None) -> Fact:
    if not number:
        return _fact("address", match.span(), {f"words:{words(name)}"})
    keys = {f"words:{words(f'{name} {number}')}", f"words:{words(f'{number} {name}')}"}
    return _fact("address", match.span(), keys)


def _addresses(scan: _Scan) -> Iterator[Fact]:
    for match in filter(
        None, map(lambda hit: _ADDRESS.match(scan.text, hit), scan.hits(_STREET_HINT))
    ):
        if match.group("n") or fold(match.group("prefix")) != "via":
            yield _street(match, match.group("name"), match.group("n"))
        # a bare "via" + name is the preposition: "via WhatsApp", "via the Patient Portal"
    for match in scan.at(_ADDRESS_NUMBER_FIRST):
        yield _street(match, match["name"] or match["name2"], match["n"] or match["n2"])


def _doses(scan: _Scan) -> Iterator[Fact]:
    for match in scan.at(_DOSE):
        numbers = {
            f"number:{v}" for n in re.findall(_NUM, match.group()) for v in _number_values(n)
        }
        yield _fact("dosage", match.span(), {f"words:{words(match.group())}"}, numbers)


def _counted_doses(scan: _Scan) -> Iterator[Fact]:
    """Doses written with a counting word: "due compresse", "one tablet"."""
    for pill in scan.hits(_PILL_HINT):
        count = scan.before(_COUNT_BEFORE, pill, 16)
        if count and (word := _PILL_WORD.match(scan.text, pill)):
            span = (count.start(), word.end())
            yield _fact("dosage", span, {f"words:{words(scan.text[span[0] : span[1]])}"})


def _date(span: tuple[int, int], day: int, month: int, year: str | None) -> Fact | None:
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    full_year = year and (year if len(year) == 4 else f"20{year}")
    claim = f"date:{day}-{month}-{full_year}" if full_year else f"date:{day}-{month}"
    return _fact("date", span, {claim}, {f"date:{day}-{month}", f"number:{day}"})


def _dates(scan: _Scan) -> Iterator[Fact | None]:
    for match in scan.at(_DAY_MONTH):
        month, year = MONTH_NUMBERS[fold(match.group(2))], match.group(3)
        yield _date(match.span(), int(match.group(1)), month, year)
        start = match.start()
        while before := scan.before(_DAY_BEFORE, start, 40):
            # "1 e 6 gennaio", "dal 10 al 21 agosto": the month belongs to each day.
            yield _date(before.span(1), int(before.group(1)), month, year)
            start = before.start()
    for match in scan.at(_DAY_AFTER_MONTH):
        if name := scan.before(_MONTH_BEFORE, match.start(), 14):
            month = MONTH_NUMBERS[fold(name.group(1))]
            yield _date((name.start(), match.end()), int(match.group(1)), month, match.group(2))
    for match in scan.at(_NUMERIC_DATE):
        g = match.groups()
        year, month_, day = (
            (g[0], g[1], g[2]) if g[0] else (g[5], g[4], g[3]) if g[3] else (g[9], g[8], g[6])
        )
        if match.group() != "24/7" and (year or not scan.next_is_unit(match.end())):
            yield _date(match.span(), int(day), int(month_), year)  # not "24/7", not "2/3 volte"


def _price(span: tuple[int, int], raw: str, currency: str) -> Fact:
    amount = _amount(raw)
    return _fact("price", span, {f"price:{amount} {currency}"}, {f"number:{amount}"})


def _prices(scan: _Scan) -> Iterator[Fact]:
    for match in scan.at(_AMOUNT_ONLY):
        if before := scan.before(_CURRENCY_BEFORE, match.start(), 5):
            # "€ 50", "CHF 30.-" and "€ 50-80": the currency belongs to both amounts.
            currency = _CURRENCIES[fold(before.group(1))]
            yield _price((before.start(), match.end()), match.group(1), currency)
            if other := _AMOUNT_AFTER.match(scan.text, match.end()):
                yield _price(other.span(1), other.group(1), currency)
    for match in scan.at(_PRICE):
        currency = _CURRENCIES[fold(match.group(2))]
        yield _price(match.span(), match.group(1), currency)
        if other := scan.before(_AMOUNT_BEFORE, match.start(), 30):
            yield _price(other.span(1), other.group(1), currency)  # "da 50 a 80 EUR"


def _percentages(scan: _Scan) -> Iterator[Fact]:
    for match in scan.at(_PERCENT):
        values = _number_values(match.group(1))
        claims = {f"percent:{v}" for v in values}
        yield _fact("percentage", match.span(), claims, {f"number:{v}" for v in values})


def _times(scan: _Scan) -> Iterator[Fact]:
    for match in scan.at(_CLOCK):
        hour = _hour(int(match.group(1)), match.group(3), scan.lower, match.end())
        yield _fact("time", match.span(), {f"time:{hour}:{match.group(2)}"})
    for match in scan.at(_HOUR):
        value, clock = int(match.group(1)), scan.word_before(match.start()) in _TIME_WORDS
        # "48h", "pendant 2h" may be durations; "à 10h", "10 am" are times only.
        claims = {f"number:{value}"} if match.group(2) and not clock else set()
        if value <= 24 and (match.group(2) or 1 <= value <= 12):
            claims.add(f"time:{_hour(value, match.group(3), scan.lower, match.end())}:00")
        if claims:
            yield _fact("time" if value <= 24 else "number", match.span(), claims)


def _persons(scan: _Scan) -> Iterator[Fact]:
    text = scan.text
    for title in filter(None, map(lambda hit: _TITLE.match(text, hit), scan.hits(_TITLE_HINT))):
        names: list[str] = []
        end = position = title.end()
        while len(names) < 4 and (word := _NAME_WORD.match(text, position)):
            token, follow = word.group(), _NAME_WORD.match(text, word.end() + 1)
            if token[0].isupper() or (token[1:2] in "'’" and token[2:3].isupper()):
                names.append(token)
            elif names and token in _NAME_PARTICLES and follow and follow.group()[0].isupper():
                names.append(token)  # "Dr. Anna de Rosa"
            elif not names and title.group("abbr") and fold(token) not in _NOT_NAMES:
                names, end = [token], word.end()  # "dott.ssa conti": a name after an abbreviation
                break
            else:
                break
            end = word.end()
            position = end + 1 if text[end : end + 1] == " " else len(text)
        if names:
            name = re.sub(r"['’]s$", "", " ".join(names))
            yield _fact("person", (title.start(), end), {f"words:{words(name)}"})


def _ordinals(scan: _Scan) -> Iterator[Fact]:
    for match in scan.at(_ORDINAL):
        yield Fact("", match.start(), match.end())


def _codes(scan: _Scan) -> Iterator[Fact]:
    end = 0
    for hit in scan.hits(_MIXED_HINT):
        left = scan.before(_TOKEN_BEFORE, hit, 32)
        match = _CODE.match(scan.text, left.start() if left else hit)
        if hit >= end and match and match.end() > hit:
            end = match.end()
            yield _fact("code", match.span(), {f"words:{words(match.group().strip('-'))}"})


def _numbers(scan: _Scan) -> Iterator[Fact]:
    for match in scan.at(_NUMBER):
        claims = {f"number:{v}" for v in _number_values(match.group(1))}
        supports, kind, value = set(claims), "number", match.group(1)
        if value.isdigit() and int(value) <= 24 and not scan.next_is_unit(match.end()):
            hour = f"time:{_hour(int(value), None, scan.lower, match.end())}:00"
            claims.add(hour)  # "alle 8" is 8:00 ...
            if scan.word_before(match.start()) in _TIME_WORDS:
                supports.add(hour)  # ... and a source's "dalle 8 alle 20" offers 8:00 and 20:00
                kind = "time"
        yield _fact(kind, match.span(), claims, supports)


DRAFT_EXTRACTORS: tuple[Extractor, ...] = (
    _no_facts, _emails, _urls, _phones, _addresses, _doses, _counted_doses, _dates, _prices,
    _percentages, _times, _persons, _ordinals, _codes, _numbers,
)  # fmt: skip
"""In order: a span taken by one extractor is masked for those after it."""

SOURCE_EXTRACTORS: tuple[Extractor, ...] = (
    _phones, _doses, _dates, _prices, _percentages, _times, _numbers,
)  # fmt: skip
"""Names, addresses, codes, counted doses, e-mail addresses and URLs are looked up as
words in a source; its list numbers and ordinals only add harmless support."""


def extract_facts(text: str, extractors: tuple[Extractor, ...] = DRAFT_EXTRACTORS) -> list[Fact]:
    """Return the facts stated in ``text`` (placeholders, list numbers and ordinals excluded)."""
    lower = text.lower()
    if len(lower) != len(text):  # "İ" lowers to two characters: keep offsets aligned
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    scan = _Scan(text, lower, [match.start() for match in _STARTS.finditer(text)])
    facts: list[Fact] = []
    for extract in extractors:
        found: list[Fact] = []
        for fact in sorted(filter(None, extract(scan)), key=lambda f: (f.start, -f.end)):
            if not found or fact.start >= found[-1].end:
                found.append(fact)
        pieces, last = [], 0
        for fact in found:
            pieces += [scan.text[last : fact.start], "\x00" * (fact.end - fact.start)]
            last = fact.end
        scan.text = "".join([*pieces, scan.text[last:]])
        facts += (fact for fact in found if fact.kind)
    return sorted(facts, key=lambda f: f.start)

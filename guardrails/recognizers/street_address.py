"""Recognizer for a street address: a street keyword with a house number and/or postcode."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from guardrails.recognizers.base import CheckDigitRecognizer
from guardrails.recognizers.lexicon import EVERYDAY_WORDS, MONTH_NAMES, UNITS, fold, longest_first
from guardrails.recognizers.word_frequency import LANGUAGES, zipf

# Keyword before the street name ("via Roma 12", "calle Mayor 5", "rue de la Paix 75002").
KEYWORD_FIRST = "|".join(
    (
        # Italian
        r"via|viale|v\.le|vle|piazza|p\.?zza|p\.za|piazzale|p\.le|corso|c\.so|largo|vicolo",
        # abbreviations only with their full stop: "v. Cavour 22", "str. provinciale 25"
        r"v(?=\.)|str(?=\.)|l\.go|v\.lo|vic\.",
        # a Neapolitan or Genoese alley or steep street, its number kept: "vico II Sant'Anna 8",
        # "salita Nuova Nostra Signora del Monte 21"
        r"vico|salita|scalinata",
        r"lungomare|lungotevere|contrada|c\.da|strada|localit(?:[àa]|a['’])|loc\.|borgo",
        # a farm or a country house with its number: "cascina bosco grande 1", "podere 12"
        r"cascina|podere|masseria|casale|baita",
        # a hamlet or a side street: "frazione san michele 14", "seconda traversa via dei pini 7"
        r"frazione|fraz\.|borgata|(?:(?:prima|seconda|terza|quarta|quinta)\s+)?traversa",
        # Spanish
        r"calle|c/|avenida|avda\.?|plaza|pza\.?|paseo|p[ºo]\.|pº|camino|carretera|ctra\.?",
        # a district, a rural area, a farm: "bº de san ignacio 4", "diseminado los llanos 14"
        r"barrio|b[ºo]\.|bº|diseminado|paraje|cortijada|cortijo|finca|caser[íi]o",
        r"ronda|traves[íi]a|glorieta|rambla|v[íi]a|r[úu]a|praza|carrer|passeig|pla[çc]a|avinguda|cam[íi]",
        r"urbanizaci[óo]n|urb\.",
        # Latin America: "Blvd. Díaz Ordaz 230", "Priv. Juárez 8", "Jr. Huallaga 356", "Pje. Los
        # Aromos 12", "calz. de tlalpan 40"; a private or closed street capitalised or before
        # "de" ("Cerrada Nogal 14", "cerrada de nogal 14"), never "la farmacia está cerrada"
        r"blvd|bulevar|priv(?=\.)|jr(?=\.)|jir[óo]n|pje|psje|calzada|calz(?=\.)",
        # a passage capitalised or before a capitalised name: "el pasaje de ida 300" is a fare
        r"(?-i:Pasaje|PASAJE)|pasaje(?=\s+(?-i:[A-Z]))",
        r"(?-i:Privada|Cerrada|Andador|PRIVADA|CERRADA|ANDADOR)"
        r"|(?:privada|cerrada|andador)(?=\s+de(?:l|\s))",
        # French, Swiss French
        r"rue|avenue|av\.|boulevard|bd|bld|all[ée]e|impasse|quai|chemin|route|place",
        r"(?-i:Cours)|faubourg|fbg|square|passage|hameau|lieu-dit|rte|imp\.",
    )
)
# Keyword after a house number ("12 rue de la Paix").
_FRENCH_AFTER_NUMBER = (
    r"rue|avenue|av\.|boulevard|bd|bld|all[ée]e|impasse|quai|chemin|route|rte|place"
    r"|(?-i:Cours)|faubourg|fbg|square|passage|mont[ée]e|sentier"
)
# Welsh keyword after a house number ("24 Heol y Coed", "3 Ffordd yr Eglwys", "7 Stryd Fawr",
# "12 Lôn Isaf"); "Lon" without its accent is a first name too (see the pattern).
_WELSH_AFTER_NUMBER = r"heol|ffordd|stryd|lôn"
# Basque keyword after the street name ("Lizarraga kalea 14", "Gasteiz etorbidea 3").
_BASQUE_LAST = r"kalea|etorbidea|pasealekua|enparantza|zeharkalea|errepidea|bidea"
# Keyword after the street name ("221b Baker Street"); ambiguous words only capitalised.
_ENGLISH_LAST = (
    r"street|st|road|rd|lane|ln|avenue|ave|boulevard|blvd|crescent|terrace|parkway|pkwy"
    r"|highway|hwy|(?-i:Way|Close|Court|Ct|Place|Pl|Square|Sq|Gardens|Grove|Hill|Row"
    r"|Drive|Dr|Mews|Walk|Park)"
)

_NOT_STREET_TEXT = """
    mi ti ci vi si ho ha hai abbiamo avete hanno sono sei è era per con in a al allo alla
    ai agli alle su sul sulla tra fra ogni circa dopo prima entro fino verso mio mia miei
    mie tuo tua suo sua nostro vostro il lo gli un una uno che chi non più meno molto
    poco tutto tutti anche solo già ancora domani oggi ieri quando dove come perché
    je tu il elle on nous vous ils elles mon ma mes ton ta tes son sa ses notre votre
    leur pour avec dans en au aux chez sur sous par est suis es sont ai as ont avez
    avons était qui que quoi ne pas plus moins très tout tous déjà encore demain
    aujourd hier quand où comment
    yo ella nosotros ustedes mis sus nuestro con por para sobre entre cada hasta
    desde soy eres son he has hay tengo tiene qué no más muy todo todos ya todavía
    mañana hoy ayer cuando donde como
    i you he she we they my your his her our their for with at on to from by is am
    are was were have had does will would can could every each about after before
    until not more less very all already today tomorrow yesterday when where how
    mail email e-mail whatsapp sms pec posta fax telefono téléphone teléfono phone
    internet web online app bonifico paypal satispay bizum bancomat messaggio message
    mensaje chat telegram skype zoom teams link sito site portale portail portal
    courriel correo texto text
    """
NOT_STREET_WORDS = frozenset(fold(word) for word in _NOT_STREET_TEXT.split()) | frozenset(
    unit for unit in UNITS if unit.isalpha()
)
"""Words never part of a street name: pronouns, verbs, prepositions that are not
connectors ("di", "de la", "of" are), channels ("via email"), units. Not "él": folded it
is the article of "C/ Alfonso el Sabio", "cortijo el alamillo"; not "do", the Galician "of
the" ("rúa do Hórreo 57")."""
# The same words as a look-ahead, accented and folded, for a street name's words.
_NOT_STREET = "(?!(?:{})(?![^\\W\\d_]|['’]))".format(
    "|".join(
        sorted(
            {re.escape(word) for word in NOT_STREET_WORDS | set(_NOT_STREET_TEXT.split())},
            key=longest_first,
        )
    )
)

_FULL_MONTHS = "|".join(
    sorted({name for names in MONTH_NAMES for name in names.split() if len(name) > 4})
)
# A cardinal point ending a Latin-American avenue's name, capitalised ("Av. Insurgentes Sur
# 1602", "Av. Javier Prado Este 3350"); French "sur" stays a word no street name has.
_CARDINAL_IN_NAME = r"Sur|Norte|Oriente|Poniente|Este|Oeste"
# A title abbreviated inside a street's name: "calle del Dr. Fleming", "via Prof. Rossi".
_TITLE_IN_NAME = r"dr|dra|dott|prof|gral|pdte|sto|sta|st|ste|mons|card|avv|ing"
# A word of a street name: "Roma", "dell'Ospedale", "Saint-Gilles", "G.", "XX", a word
# abbreviated with a full stop inside ("f.lli", "prov.le"), a king's numeral ("Juan Carlos
# I"), or a date ("4 Novembre"); never a word that cannot be part of one (see
# NOT_STREET_WORDS), so that "non via roma ma via ruggero settimo 38" still finds the second
# street.
_WORD = (
    rf"(?:{_NOT_STREET}(?:[^\W\d_]+['’])?(?:[^\W\d_]+\.[^\W\d_]{{2,}}|[^\W\d_]{{2,}}(?:-[^\W\d_]{{2,}})*"
    rf"|[^\W\d_]\.)|(?:{_TITLE_IN_NAME})\.(?=\s)|(?-i:I|V|X)(?![^\W_])"
    rf"|\d{{1,2}}\s+(?:{_FULL_MONTHS})\b|(?-i:{_CARDINAL_IN_NAME})(?![^\W_]))"
)
# "Ramón y Cajal", "Sant Pere i Sant Pau": a one-letter "and" between two words.
_AND = r"(?:[yi]\s+)?"
# An Italian street's name may open with "to the": "via alla Chiesa Vecchia 31", "via al
# Mare 3", "strada ai Monti 12" (those words are never a street's elsewhere).
_TO_THE = r"(?:al|allo|alla|ai|agli|alle)"
_NAME = rf"(?:{_TO_THE}\s+(?=[^\W\d_]))?{_WORD}(?:\s+{_AND}{_WORD}){{0,4}}"
_ENGLISH_NAME = rf"{_WORD}(?:\s+{_WORD}){{0,2}}"

# Units as typed, with the accents their folded forms lost ("3 años", "2 días").
_UNITS = "|".join(
    sorted(
        (
            re.escape(unit)
            for unit in {u for u in UNITS if u.isalpha()}
            | {"años", "días", "niños", "minutos", "dólares", "dolares", "pesos", "soles"}
        ),
        key=longest_first,
    )
)
# A house number: 12, 12a, 221b, 12/A, 5 bis, or none ("s/n", "snc"); never a quantity
# ("3 volte"), a time ("10:30", "10h30"), a decimal or an amount ("80 €"). A road's number
# before its kilometre is one ("strada provinciale 72 km 4").
_NUMBER = (
    r"(?:\d{1,4}(?:[a-z](?![a-z]))?(?!\d)(?:\s?/\s?[a-z0-9]{1,3}\b)?(?:\s(?:bis|ter)\b)?"
    rf"(?!\s*(?!km[ \t]*\d)(?:{_UNITS})\b)(?![.,:]\d)(?!h\d)(?!\s*[°º%€$£])"
    r"|s/n|s\.n\.|snc\b)"
)
_NUMBER_SIGN = (
    r"(?:(?:n\.?\s?[°º]?|n[°º]|num\.?|numero|n[úu]mero|no\.|#|bloque|blq\.?|portal|km"
    # a house of a farmstead group: "Cortijada de Alcútar, casa 6"
    r"|(?<=,)\s*casa(?=\s+\d))\s*)?"
)
# An Argentine CPA is a postcode too: a letter, four digits, three letters ("C1193AAF CABA").
CPA = r"[A-Z]\d{4}[A-Z]{3}(?![^\W_])"
_POSTCODE_CITY = rf"(?:\d{{4,5}}(?!\d)|{CPA})\s+(?:l['’])?[^\W\d_]{{2,}}(?:[-'’][^\W\d_]+)*"
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"
# An Irish Eircode: a routing key and a unique identifier ("H91 X2C4", "D6W XY12").
_EIRCODE = r"(?-i:(?:[AC-FHKNPRTV-Y]\d{2}|D6W)\s?[0-9AC-FHKNPRTV-Y]{4})\b"
_US_STATE_ZIP = r"(?-i:[A-Z]{2})\s+\d{5}(?:-\d{4})?\b"
_CAPITALISED = r"(?-i:[A-Z][^\W\d_]+)"
_WEEKDAYS = (
    r"luned[iì]|marted[iì]|mercoled[iì]|gioved[iì]|venerd[iì]|sabato|domenica|lundi|mardi"
    r"|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[ée]rcoles|jueves|viernes"
    r"|s[áa]bado|domingo|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
# A door's side: "izq", "izda", "dcha", "dcho", "drcha", "der"; Galician and Catalan
# "esquerda", "esquerra", "dereita", "dreta".
SIDE = r"izq(?:da|uierda)?|izda|dch[ao]|drch[ao]|derecha|esquerda|esquerra|dereita|dreta|der"
# A floor in words: "terzo piano", "piano terra", "tercero b", "rez-de-chaussée".
FLOOR_IN_WORDS = (
    r"(?:primo|secondo|terzo|quarto|quinto|sesto|settimo|ottavo|nono|ultimo)[ \t]+piano"
    r"|piano[ \t]+(?:terra|rialzato|terreno)|pian[ \t]+terreno"
    rf"|(?:primero|segundo|tercero|cuarto|quinto|sexto|s[ée]ptimo|octavo|noveno)"
    # the door in words too: "tercero segunda" (3º 2ª)
    rf"(?:[ \t]+(?:{SIDE}|[a-h]\b|primera|segunda|tercera|cuarta|quinta|sexta))?"
    r"|rez-de-chauss[ée]e|\d{1,2}(?:er|[eè]me|e)[ \t]+[ée]tage"
    r"|(?:entlo\.?|entresuelo|entreplanta|pral\.?|principal|[áa]tico|sobre[áa]tico|bajos|baix|baixos)"
    rf"(?:[ \t]+(?:{SIDE}|[a-h]|\d{{1,2}}[ºª]?)(?![^\W_]))?"
)
# A Latin-American flat, office or tower: "apto 402", "depto 3", "dpto 301", "dto B", "of.
# 902", "torre 2", a number or one letter after it.
LATIN_UNIT = r"apto\.?|apartamento|depto\.?|dpto\.?|dto\.?|departamento|of\.|oficina|torre"
# Floor, door or flat after the number: "3º B", "1º izq", "Apt 3R", "scala B", "bât C";
# the value on the same line ("…, 1° piano\nTel …": "Tel" is the next line's label).
_UNIT = (
    rf"(?:\d{{1,2}}(?:\s?[ºª°]|[oa](?![^\W\d_]))(?:\s?(?:{SIDE}|[A-Z]\b|\d{{1,2}}(?!\d)\s?[ºª]?))?"
    r"(?:[ \t]+(?:piano|planta|piso)(?![^\W_]))?"
    rf"|(?:{LATIN_UNIT})[ \t]*(?:\d{{1,4}}[A-Z]?|[A-Z])(?![^\W_])"
    r"|(?:apt|apartment|flat|suite|unit|scala|int\.?|interno|piano|b[âa]t\.?|escalera|esc\.?|piso"
    r"|bloque|blq\.?|portal|bungalow|chalet|parcela|bte\.?|bo[îi]te"
    rf"|puerta|pta\.?|porte|n\.|n[º°]|km)[ \t]*(?:[A-Z0-9]{{1,4}}|{SIDE}\.?)(?![^\W_])"
    rf"|bajo(?![^\W\d_])(?:\s(?:[A-Z]|{SIDE})\b)?|(?:{FLOOR_IN_WORDS})(?=[ \t]*(?:$|[,\n.;!?])))"
)
# A town after a comma ("…, Torino", "…, Chicago, IL 60614"), never a weekday unless named
# after a saint ("…, Santo Domingo").
_SAINT = r"(?i:san|santo|santa|sant|saint|st)"
_TOWN = (
    rf"(?!(?:{_WEEKDAYS})\b){_CAPITALISED}(?!\d)"
    rf"(?:[ -](?:(?<=\b{_SAINT}[ -])|(?!(?:{_WEEKDAYS})\b)){_CAPITALISED}(?!\d)){{0,2}}"
)
# An Irish county after a comma, its Eircode or postcode after it: "…, Co. Cork P31 X4K2".
_COUNTY = rf"(?:co\.?|county)\s+{_CAPITALISED}(?![\w'’])(?:\s+(?:{_EIRCODE}|{_UK_POSTCODE}))?"
_PROVINCE = r"(?:\s*\((?-i:[A-Z]{2})\))?"  # "Chiavari (GE)"
# A Mexican colonia or fraccionamiento, a Peruvian urbanización, after a comma: "col. Del
# Valle", "fracc. Jardines del Sol", "urb. San Gabriel".
_COLONIA = (
    r"(?:col\.|colonia|fracc\.?|fraccionamiento|urb\.|urbanizaci[óo]n)\s*"
    rf"{_CAPITALISED}(?:\s+(?:(?:de|del|la|las|los|el)\s+)?{_CAPITALISED}){{0,2}}"
)
_TAIL = (
    rf"(?:\s*,?\s*{_UNIT}){{0,2}}"
    rf"(?:\s*,\s*(?:{_POSTCODE_CITY}|{_UK_POSTCODE}|{_US_STATE_ZIP}|{_COLONIA}|{_COUNTY}|{_TOWN})"
    rf"{_PROVINCE}){{0,2}}"
    rf"(?:\s+(?:{_UK_POSTCODE}|{_EIRCODE}))?"
)
# Any of them, in any case, where a UK postcode follows ("14 hawthorn close, york yo31 7qz").
_ENGLISH_LAST_ANY = (
    r"street|st|road|rd|lane|ln|avenue|ave|crescent|terrace|way|close|court|place|square"
    r"|gardens|grove|hill|row|drive|mews|walk|park|view|rise|green"
)
# A flat before the house number; a Glasgow flat by its floor and door: "Flat 2/1, 88 …".
_FLAT_FIRST = r"(?:(?:flat|apt|apartment|unit|suite)\s*\d{1,4}[a-z]?(?:/\d{1,2})?\s*,\s*)?"
_DIRECTION = r"(?:(?:[NSEW]|NE|NW|SE|SW)\.?\s+)?"  # "402 W Maple Ave", "1187 w maple ave"
# An estate, a residence or a district with no number of its own, then its block, portal,
# building or bungalow: "urb. los pinos, portal 3", "résidence les tilleuls, bât. C".
_ESTATE = (
    r"urb\.|urbanizaci[óo]n|residencial|r[ée]sidence|r[ée]s\.|conjunto|complejo|colonia"
    r"|villaggio|residence|condominio|parco|lotissement|cit[ée]|barrio|b[ºo]\.|bº"
)
_ESTATE_UNIT = (
    r"bloque|blq\.?|portal|esc\.|escalera|bungalow|chalet|casa|villa|parcela|edificio|fase"
    r"|b[âa]t\.?|b[âa]timent|apt|appt\.?|scala|sc\.|palazzina|pal\.|torre|int\.?|interno"
    r"|n[º°]"
)

# A Colombian grid address: a street type and its number, "#", the crossing street's number
# and the metres from the corner ("calle 45 # 12-30", "Kr 7 # 32-16", "Cl 26 Sur # 5-12");
# an avenue named as a street or "AK"/"AC" ("Av. calle 80 # 69-70", "AK 68 # 22-10").
_GRID_TYPE = (
    r"calle|cl|cll|carrera|cra|kra|kr|cr|transversal|transv|tv|tr|diagonal|diag|dg"
    r"|ak|ac|circular|circunvalar"
)
_GRID_CARDINAL = r"sur|norte|este|oeste"
# The street's number: "45", "40a", "134A", "10 bis", "7 bis a", "26 Sur".
_GRID_NUMBER = (
    rf"\d{{1,3}}(?:\s?[A-Z](?![^\W_]))?(?:\s?bis(?:\s?[A-Z](?![^\W_]))?)?"
    rf"(?:\s+(?:{_GRID_CARDINAL})(?![^\W_]))?"
)

# The Welsh name: an article may open it or stand inside it ("y Coed", "Pen-y-Bryn",
# "yr Eglwys", "Heol-y-Nant"); up to three capitalised words ("7 Stryd Fawr and …" ends at
# "Fawr"), or words in lower case up to a comma, a postcode or the end of the sentence.
_WELSH_ARTICLE = r"(?:y|yr|ar)(?:\s+|-)"
_WELSH_NAME = (
    rf"(?:(?:y|yr)(?:\s+|-))?(?:{_CAPITALISED}(?:(?:\s+|-)(?:{_WELSH_ARTICLE})?{_CAPITALISED}){{0,2}}"
    rf"|{_WORD}(?:(?:\s+|-)(?:{_WELSH_ARTICLE})?{_WORD}){{0,2}}"
    rf"(?=\s*(?:$|[,.;!?\n])|\s+{_UK_POSTCODE}))"
)

ADDRESS_PATTERNS: dict[str, str] = {
    "keyword, name, number": (
        rf"\b(?:{KEYWORD_FIRST})(?:\.?\s+|(?<=/)\s*){_NAME}\s*,?\s*{_NUMBER_SIGN}{_NUMBER}"
        rf"(?:\s*,?\s*{_POSTCODE_CITY})?{_TAIL}"
    ),
    "keyword, name, postcode": (
        rf"\b(?:{KEYWORD_FIRST})(?:\.?\s+|(?<=/)\s*){_NAME}\s*,?\s*{_POSTCODE_CITY}"
    ),
    "number, keyword, name": (
        rf"\b{_NUMBER}\s*,?\s+(?:{_FRENCH_AFTER_NUMBER})\s+{_NAME}(?:\s*,?\s*{_POSTCODE_CITY})?"
        rf"{_TAIL}"
    ),
    "number, name, keyword": (
        rf"\b{_FLAT_FIRST}{_NUMBER}\s*,?\s+{_DIRECTION}{_ENGLISH_NAME}\s+(?:{_ENGLISH_LAST})\b\.?"
        rf"(?:(?:\s*,?\s+{_CAPITALISED}(?:\s+{_CAPITALISED})?)?\s*,?\s+"
        rf"(?:{_UK_POSTCODE}|{_US_STATE_ZIP}))?{_TAIL}"
    ),
    "number, name, keyword, UK postcode": (
        rf"\b{_FLAT_FIRST}{_NUMBER}\s*,?\s+{_ENGLISH_NAME}\s+(?:{_ENGLISH_LAST_ANY})\b"
        rf"(?:\s*,?\s+[^\W\d_]{{2,}}(?:\s+[^\W\d_]{{2,}})?)?\s*,?\s+{_UK_POSTCODE}"
    ),
    "number, Welsh keyword, name": (
        rf"\b{_FLAT_FIRST}{_NUMBER}\s*,?\s+(?:{_WELSH_AFTER_NUMBER}"
        # "Lon" with the town or the postcode after it: "12 Lon Isaf, Aberystwyth"
        rf"|(?-i:Lon|LON)(?=(?:\s+|-){_WELSH_NAME}(?:\s*,\s*{_TOWN}|\s+{_UK_POSTCODE})))"
        rf"(?:\s+|-){_WELSH_NAME}(?:\s*,?\s+{_UK_POSTCODE})?{_TAIL}"
    ),
    "name, Basque keyword, number": (
        rf"\b{_ENGLISH_NAME}\s+(?:{_BASQUE_LAST})\s*,?\s*{_NUMBER_SIGN}{_NUMBER}"
        rf"(?:\s*,?\s*{_POSTCODE_CITY})?{_TAIL}"
    ),
    "estate, block or building": (
        rf"\b(?:{_ESTATE})\s+{_NAME}\s*,\s*(?:{_ESTATE_UNIT})[ \t]*[A-Z0-9]{{1,4}}(?![^\W_])"
        rf"(?!\s*(?:{_UNITS})\b){_TAIL}"
    ),
    "Colombian grid": (
        rf"\b(?:(?:av\.?|avenida)\s+)?(?:{_GRID_TYPE})\.?\s*{_GRID_NUMBER}"
        rf"\s*(?:#|n[°º]\.?|no\.?|nro\.?|n[uú]m\.?|n[uú]mero)\s*{_GRID_NUMBER}\s*[-–]\s*\d{{1,3}}"
        rf"(?!\d|[.,:]\d)(?:\s?[A-Z](?![^\W_]))?(?:\s+(?:{_GRID_CARDINAL})(?![^\W_]))?{_TAIL}"
    ),
    "road, kilometre": (
        r"\b(?:ruta|rn|rp|carretera|autopista)(?:\s+(?:nacional|provincial))?\s+\d{1,4}"
        rf"\s*,?\s*km\.?\s*\d{{1,4}}(?:[.,]\d{{1,3}})?(?!\d){_TAIL}"
    ),
    "block and lot": (
        r"\b(?:mz|mza|manzana)\.?\s*[A-Z0-9]{1,3}(?![^\W_])\s*,?\s*(?:lt|lote)\.?\s*"
        rf"\d{{1,3}}[A-Z]?(?![^\W_]){_TAIL}"
    ),
    "German street, number": (
        r"\b(?:[^\W\d_]{2,}(?:stra(?:ss|ß)e|str\.|gasse)"
        r"|(?-i:[A-ZÄÖÜ])[^\W\d_]+(?-i:weg|platz|allee|ring))"
        rf"\s+{_NUMBER}(?:\s*,?\s*{_POSTCODE_CITY})?"
    ),
}
"""Address shapes: Italian/Spanish/French keyword first, French and Welsh number first
("24 Heol y Coed"), English and Basque keyword last (English with a UK postcode or US state
and ZIP, Irish with a county and an Eircode), German
compound street names, Colombian grid addresses ("calle 45 # 12-30"), a road's kilometre
("Ruta 8 km 50") and a Peruvian block and lot ("Mz. B Lt. 12")."""

# Words of the match, leaving out letters stuck to digits ("221b", "SW1A 2AA");
# single letters ("12/A", "G. Verdi") are not checked.
_WORDS = re.compile(r"(?<![\d\w])[^\W\d_]+(?:-[^\W\d_]+)*(?![\d\w])")

# "Ramón y Cajal", not "calle mayor y luego 3": the word after a one-letter "and".
_AFTER_AND = re.compile(r"(?<![^\W\d_])[yi]\s+([^\W\d_]+)")  # "Juan Carlos I nº 45" has none
_POSTCODE_TOWN = re.compile(r"\b\d{5}\s+[^\W\d_]{2}\b")
_TO_THE_AFTER_KEYWORD = re.compile(rf"^(?:{KEYWORD_FIRST})\.?\s+{_TO_THE}(?=\s)", re.IGNORECASE)
# "nº 9" is no "no"; "km 7" is a road's kilometre, not a distance; "portal 3" an entrance
_NUMBER_SIGN_WORD = re.compile(r"(?<![^\W\d_])(?:n[º°]|(?:km|portal)(?=[ \t]*\d))", re.IGNORECASE)
# A grid's "no. 84-07" and the cardinal point after a number ("Cl 26 sur # 5-12", "# 6-15
# sur"), or capitalised in an avenue's name ("Insurgentes Sur"), are no French "sur", no "no".
_GRID_WORDS = re.compile(
    rf"(?<![^\W\d_])(?i:no|nro|num|n[uú]mero)\.?(?=\s*\d{{1,3}}(?:\s?[a-z])?\s*[-–]\s*\d)"
    rf"|(?<=\d)(?i:\s?[a-z])?\s+(?i:{_GRID_CARDINAL})(?![^\W_])"
    rf"|(?<=\bbis)\s+(?i:{_GRID_CARDINAL})(?![^\W_])"
    rf"|(?<![^\W\d_])(?:{_CARDINAL_IN_NAME})(?![^\W_])"
)

ADDRESS_SCORE = 0.9
"""Above a name's score, so "via Giuseppe Verdi 5" is one address, not a street and a person."""


AFTER_AND_MAX_ZIPF = 5.0
"""A word after "y"/"i" this common in any of the four languages ("luego", "después") is
the sentence going on, not a street's name ("Cajal", "Margall", "León")."""


def _everyday(word: str) -> bool:
    key = fold(word)
    return key in EVERYDAY_WORDS or max(zipf(key, language) for language in LANGUAGES) >= (
        AFTER_AND_MAX_ZIPF
    )


class StreetAddressRecognizer(CheckDigitRecognizer):
    """Recognize a patient's street address: street keyword plus house number or postcode.

    Requires a street keyword (via, viale, piazza, corso, rue, avenue, bd,
    calle, avda, plaza, street, st, road, lane...) AND a house number or a
    postcode, so "radiologia al secondo piano" or "via email" never match.
    The clinic's own address is in the caller's allow-list and stays.

    Shapes: "via Roma 12", "via G. Verdi 5, 20121 Milano", "viale XX Settembre
    3", "12 rue de la Paix 75002 Paris", "rue de la paix 75002 paris", "calle
    Mayor 5, 28013 Madrid", "c/ Mayor 5", "221b Baker Street", "10 Downing St,
    London SW1A 2AA", "1600 Pennsylvania Avenue, Washington DC 20500",
    "Bahnhofstrasse 12, 8001 Zürich", "Lizarraga kalea 14, 20011 Donostia",
    "24 Heol y Coed, Cardiff CF14 6HG", "12 Main Street, Macroom, Co. Cork P12
    W5K8", "calle El Conde 156, zona Colonial, Santo Domingo". A
    match whose name contains a pronoun, verb, channel or unit ("via whatsapp 3
    foto") is dropped.

    Reference: none (address conventions of Italy, France, Spain and the Basque
    Country, Switzerland, Germany, the UK, Wales, Ireland and the US, Mexico,
    Colombia, Argentina, Peru, Chile and the Dominican Republic; UK postcodes
    per Royal Mail's format, Eircodes per An Post's: a routing key and four
    characters, Argentine CPA postcodes per Correo Argentino's: a letter, four
    digits, three letters).

    :param patterns: List of patterns to be used by this recognizer
    :param context: List of context words to increase confidence in detection
    :param supported_language: Language this recognizer supports
    :param supported_entity: The entity this recognizer can detect
    """

    ENTITY = "STREET_ADDRESS"
    LANGUAGE = "en"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(f"Address ({shape})", regex, ADDRESS_SCORE)
        for shape, regex in ADDRESS_PATTERNS.items()
    ]
    CONTEXT: ClassVar[list[str]] = []

    def invalidate_result(self, pattern_text: str) -> bool:
        """Return True (drop the match) when a word of it cannot be part of an address."""
        # the town after a postcode may be written as its province code: "20125 mi"
        checked = _NUMBER_SIGN_WORD.sub(
            " ",
            _POSTCODE_TOWN.sub(
                " ", _GRID_WORDS.sub(" ", _TO_THE_AFTER_KEYWORD.sub(" ", pattern_text))
            ),
        )
        words = (
            fold(word)
            for word in _WORDS.findall(checked)
            if len(word) > 1 and not (len(word) == 2 and word.isupper())  # "IL 60614"
        )
        if any(_everyday(word) for word in _AFTER_AND.findall(pattern_text)):
            return True
        return any(word in NOT_STREET_WORDS for word in words)

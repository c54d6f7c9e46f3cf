"""Recognizer for names introduced by a phrase such as "mi chiamo", "je m'appelle", "my name is"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import RuleRecognizer, finding
from guardrails.recognizers.lexicon import EVERYDAY_WORDS, LAUGHS, fold, is_department

_NAME_WORD = r"[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*"
_CAP_WORD = r"[A-ZÀ-ÖØ-Þ][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*"


@dataclass(frozen=True)
class _Trigger:
    """A phrase that introduces a name; ``lowercase_ok`` if a lower-case name is still a name."""

    phrase: str
    lowercase_ok: bool
    relation: bool = False
    """A relative ("mio padre", "my son"): what follows is most often their name."""


# Whose relative: "mia figlia", "sua sorella", "su hermana", "sa fille", "her son".
_IT_OWNER = r"(?:mia|mio|sua|suo|tua|tuo|nostra|nostro|vostra|vostro)"
_FR_OWNER = r"(?:ma|mon|sa|son|ta|ton|notre|votre)"
_ES_OWNER = r"(?:mi|su|tu|nuestra|nuestro|vuestra|vuestro)"
_EN_OWNER = r"(?:my|his|her|their|our|your)"

# Strong phrases ("my name is") are followed by a name even when typed in lower
# case; weak ones ("sono", "soy", "I'm", "de la part de") only by a capitalised one.
TRIGGERS: dict[str, tuple[_Trigger, ...]] = {
    "it": (
        _Trigger(
            r"(?:cognome(?:\s+e\s+nome|\s+nome)?|nome(?:\s+e\s+cognome)?|nominativo"
            r"|paziente|assistit[oa])\s*:",
            True,
        ),
        _Trigger(r"nat[oa]|coniugata", False),
        _Trigger(
            rf"{_IT_OWNER}\s+(?:suocera|suocero|cognata|cognato|sorell(?:a|ina)|fratell(?:o|ino)"
            r"|bisnonn[ao]|nonna|nonno|prozi[ao]|zia|zio|nipotin[oa]|nipote|amica|amico|compagna"
            r"|compagno|fidanzata|fidanzato|bimba|bimbo|bambina|bambino|cugina|cugino|nuora|genero"
            r"|vicina|vicino|badante)",
            False,
            relation=True,
        ),
        _Trigger(r"mi\s+chiamo", True),
        _Trigger(r"il\s+mio\s+nome\s+(?:è|e'|e)", True),
        _Trigger(r"a\s+nome(?:\s+di)?", True),
        # a child named after its article: "il bimbo matteo", "la piccola"
        _Trigger(
            r"(?:il|la)\s+(?:bimb[oa]|bambin[oa]|piccol[oa]|sorellina|fratellino|nipotin[oa])",
            False,
            relation=True,
        ),
        # an uncle or a grandmother named without an owner, as families call them ("zio
        # tullio", "la nonna Pina"), or with an article ("la vicina Marisa")
        _Trigger(
            r"(?:(?:il|la|lo)\s+)?(?:zi[oa]|nonn[oa]|cugin[oa]|suocer[oa]|cognat[oa])(?:\s+di)?"
            r"|la\s+vicina|il\s+vicino",
            False,
            relation=True,
        ),
        _Trigger(r"(?:per\s+conto|da\s+parte)\s+di(?:\s+(?:mia|mio)\s+\w+)?", True),
        _Trigger(r"intestat[oaie](?:\s+a)?", True),
        # SMS Italian: "sn giorgia ferro"
        _Trigger(
            r"(?:io\s+)?(?:sono|sn)(?:\s+(?:il|la)\s+(?:signor|signora|sig\.?|sig\.ra))?", False
        ),
        _Trigger(
            rf"{_IT_OWNER}\s+(?:madre|padre|figlio|figlia|marito|moglie|mamma|papà)",
            False,
            relation=True,
        ),
        _Trigger(
            r"(?:madre|padre|mamma|papà|papa|moglie|marito|nonna|nonno|zia|zio|figlia|figlio"
            r"|sorella|fratello|compagna|compagno|nipote|cugina|cugino)\s+di",
            False,
            relation=True,
        ),
    ),
    "fr": (
        _Trigger(
            r"(?:nom(?:\s+et\s+pr[ée]nom)?|pr[ée]nom|nom\s+de\s+naissance|patient(?:e)?)\s*:",
            True,
        ),
        _Trigger(r"n[ée]e", False),
        _Trigger(
            rf"{_FR_OWNER}\s+(?:(?:petite?|grande?)\s+(?:s[œo]e?ur|fr[èe]re|fille|cousine?)"
            r"|arri[èe]re-grand-(?:m[èe]re|p[èe]re)|grand-tante|grand-oncle|gendre|bru"
            r"|belle-m[èe]re|beau-p[èe]re|s[œo]e?ur|fr[èe]re|grand-m[èe]re"
            r"|grand-p[èe]re|tante|oncle|ni[èe]ce|neveu|amie?|copine|copain|conjoint|conjointe"
            r"|compagne|compagnon|petite?-fille|petit-fils|b[ée]b[ée]|petite?|puce|cousine?"
            r"|voisine?|belle-s[œo]e?ur|beau-fr[èe]re|belle-fille|beau-fils|mamie|papi)",
            False,
            relation=True,
        ),
        _Trigger(r"je\s+m['’\s]?appelle", True),
        _Trigger(r"mon\s+nom\s+(?:est|c'est)", True),
        # "au nom de jeune fille de ma femme": the maiden name comes later
        _Trigger(r"au\s+nom\s+de(?!\s+(?:jeune\s+fille|naissance|famille))", True),
        _Trigger(r"de\s+la\s+part\s+de|pour\s+le\s+compte\s+de", True),
        _Trigger(r"(?:titulaire(?:\s+du\s+compte)?|ici)", False),
        # SMS French: "c kevin lemaire", "c moi nadia", "jsuis dylan"
        _Trigger(r"c(?:\s+moi)?|jsuis|chuis|j['’]suis", False),
        _Trigger(
            r"(?:je\s+suis|moi\s+c['’]est|c['’]est)(?:\s+(?:madame|monsieur|mme|m\.))?", False
        ),
        _Trigger(
            rf"{_FR_OWNER}\s+(?:mère|mere|père|pere|fils|fille|mari|femme)", False, relation=True
        ),
        _Trigger(
            r"(?:mère|mere|maman|père|pere|papa|femme|mari|grand-mère|tante|fille|fils|s[œo]e?ur"
            r"|fr[èe]re|compagne|compagnon|cousine?)\s+de",
            False,
            relation=True,
        ),
    ),
    "all": (
        # a form pasted in capitals without its colons: "COGNOME LO PRESTI"
        _Trigger(r"(?-i:COGNOME|NOME|NOM|PR[EÉ]NOM|NOMBRE|APELLIDOS?|SURNAME|FORENAMES?)", True),
        # someone's details forwarded: "my dad's details: Rajinder Singh Sandhu"
        _Trigger(r"(?:details|dati|datos|coordonn[ée]es)\s*:", False),
    ),
    "es": (
        _Trigger(r"(?:nombre(?:\s+y\s+apellidos?)?|apellidos?|paciente)\s*:", True),
        _Trigger(r"nacida|casada\s+con", False),
        _Trigger(
            rf"{_ES_OWNER}\s+(?:(?:hermana|hermano)\s+(?:pequeñ[oa]|mayor|menor)|hermanit[oa]"
            r"|bisabuel[oa]|t[íi]a\s+abuela|t[íi]o\s+abuelo"
            r"|suegra|suegro|hermana|hermano|abuela|abuelo|t[íi]a|t[íi]o|sobrina|sobrino"
            r"|amiga|amigo|novia|novio|pareja|nieta|nieto|beb[ée]|cuñada|cuñado|peque"
            r"|niña|niño|nena|nene|prima|primo|vecina|vecino|nuera|yerno|madrina|padrino)",
            False,
            relation=True,
        ),
        # a child named after its article: "el peque hugo", "la nena"
        _Trigger(r"(?:el|la)\s+(?:niñ[oa]|nen[ea]|peque|beb[ée])", False, relation=True),
        # a relative with an article, as families speak of them ("la abuela, Purificación …",
        # "el tío Paco", "le toca al abuelo pepe")
        _Trigger(
            r"(?:el|la|al|del)\s+(?:abuel[oa]|t[íi][oa]|prim[oa]|suegr[oa]|vecin[oa]|cuñad[oa])(?:\s+de)?",
            False,
            relation=True,
        ),
        # a child or patient named after a colon: "para el niño: eneko arrieta"
        _Trigger(r"(?:el|la)\s+(?:niñ[oa]|nen[ea]|peque|beb[ée]|paciente)\s*:", True),
        _Trigger(r"me\s+llamo", True),
        _Trigger(r"mi\s+nombre\s+es", True),
        _Trigger(r"a\s+nombre\s+de", True),
        _Trigger(r"(?:de\s+parte|en\s+nombre)\s+de", True),
        _Trigger(r"titular(?:\s+de\s+la\s+cuenta)?", True),
        _Trigger(r"(?:yo\s+)?soy(?:\s+(?:el|la)\s+(?:señor|señora|sr\.?|sra\.?))?", False),
        _Trigger(
            rf"{_ES_OWNER}\s+(?:madre|padre|hijo|hija|marido|mujer|esposa|esposo)",
            False,
            relation=True,
        ),
        _Trigger(
            r"(?:madre|padre|mamá|mama|papá|esposa|esposo|abuela|tía|tia|hija|hijo|hermana"
            r"|hermano|marido|mujer|pareja|prima|primo)\s+de",
            False,
            relation=True,
        ),
    ),
    "en": (
        _Trigger(
            r"(?:(?:full|patient|first|last|given)\s+name\s*:?|name\s*:|surname\s*[:\-–]"
            r"|forenames?\s*[:\-–]|patient\s*:)",
            True,
        ),
        _Trigger(r"it['’]?s", False),
        _Trigger(
            rf"{_EN_OWNER}\s+(?:(?:little|baby|big|older|younger|twin)\s+(?:sister|brother)"
            r"|(?:son|daughter|sister|brother)-in-law|great[\s-]+(?:aunt|uncle|grandma|grandmother"
            r"|grandad|grandfather|granny|nan|gran)"
            r"|mother-in-law|father-in-law|sister|brother|grandma|granny|grandmother"
            r"|grandad|grandfather|aunt|uncle|niece|nephew|friend|partner|girlfriend|boyfriend"
            r"|kid|baby|child|little\s+one|stepson|stepdaughter|(?:little\s+)?(?:girl|boy)"
            r"|youngest|eldest|oldest|nan|nana|nanna|gran|grandpa|grandad|granddad|grandson"
            r"|granddaughter|cousin|auntie|stepmum|stepmom|stepdad|neighbou?r|carer)",
            False,
            relation=True,
        ),
        # a grandparent, aunt or uncle named as the family calls them ("grandad bert")
        _Trigger(
            r"grand(?:ad|dad|pa|ma|mother|father)|granny|auntie|aunty|aunt|uncle",
            False,
            relation=True,
        ),
        _Trigger(r"my\s+name\s+is|my\s+name['’]s", True),
        _Trigger(r"under\s+the\s+name(?:\s+of)?", True),
        _Trigger(r"on\s+behalf\s+of", True),
        _Trigger(
            r"(?:account\s+holder|it['’]?s\s+under|(?:booking|booked|reservation|appointment"
            r"|appt)(?:\s+(?:is|was))?\s+under)",
            True,
        ),
        _Trigger(r"(?:i['’]?m|i\s+am|this\s+is)(?:\s+(?:mr|mrs|ms|miss)\.?)?", False),
        _Trigger(
            rf"{_EN_OWNER}\s+(?:mother|father|son|daughter|husband|wife|mum|mom|dad)",
            False,
            relation=True,
        ),
        _Trigger(
            r"(?:mother|father|mum|mom|dad|wife|husband|parent|daughter|son|sister|brother"
            r"|partner|carer)\s+of",
            False,
            relation=True,
        ),
    ),
}

# Words that end a lower-case name ("mi chiamo marco e vorrei ..." -> "marco").
STOP_WORDS: frozenset[str] = frozenset(
    """e ed ho vorrei volevo sono per di da il la lo le gli un una che non ma mia mio tutti
    et je j ai voudrais suis pour de du le la les un une que qui pas mais ma mon
    y tengo quiero quería queria soy para de del el la los las un una que no pero mi
    and i i'm have would like am for of the a an that not but my please
    dottor dottore dottoressa doctor docteur signor signora madame monsieur mme mlle sig sra srta
    mr mrs ms
    nome cognome nom prénom prenom nombre apellido apellidos surname forename
    me mi te lui lei noi him her us myself moi toi elle nous mí ti él ella nosotros
    es est is è
    vedova vedovo ved ved. viuda vda vda. épouse ép. née
    """.split()
)


class PersonContextRecognizer(RuleRecognizer):
    """Recognize a person's name right after a phrase that introduces one.

    spaCy's small models miss lower-case names and, for Italian and Spanish
    (no model on PyPI), many names at all; patients nearly always introduce
    themselves with one of a handful of phrases per language. The name is the
    1-3 words after the phrase; lower-case words count only after strong
    phrases and stop at a function word.
    """

    SCORE = 0.85

    ENTITIES = ("PERSON",)

    def __init__(self, supported_language: str = "en") -> None:
        self._patterns = [
            (
                re.compile(
                    rf"(?<!\w)(?i:{trigger.phrase})(?:[ \t]*[:,])?[ \t]+"
                    rf"(?P<name>{_NAME_WORD if trigger.lowercase_ok else _CAP_WORD}"
                    rf"(?:[ \t]+{_CAP_WORD if not trigger.lowercase_ok else _NAME_WORD}){{0,2}})"
                ),
                trigger.lowercase_ok,
            )
            # every language's phrases: patients mix languages and short messages
            # are easily taken for another language
            for trigger in dict.fromkeys(t for triggers in TRIGGERS.values() for t in triggers)
        ]
        super().__init__(supported_language)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one PERSON result per introduced name."""
        results: list[RecognizerResult] = []
        for pattern, strong in self._patterns:
            for match in _overlapping(pattern, text):
                span = _trim_name(text, match.start("name"), match.end("name"))
                if span is None:
                    continue
                start, end = span
                if describes_a_state(text, start, end):
                    continue
                if _company(text, start, end, match.end()):
                    continue  # "fattura intestata a Officine Gatti snc": a company, not a person
                if not strong and _shouted(text, match.start(), start) and not _known(text, start):
                    continue  # "I AM SO DONE WITH THIS": capitals are no sign of a name
                results.append(
                    finding(
                        self, "PERSON", start, end, self.SCORE, "name after an introducing phrase"
                    )
                )
        return results


# A company's legal form after its name: "Officine Gatti snc", "Brennan Ltd", ... ("Sas" only
# with its dots, "s.a.s.": Sas is a surname too)
_COMPANY_MARK = re.compile(
    r"[ \t]+(?:snc|Snc|s\.n\.c|s\.a\.s|S\.a\.s|srl|Srl|s\.r\.l|SpA|S\.p\.A|sarl|Sarl"
    r"|Ltd|Limited|LLC|Inc|GmbH|Sagl|plc)\.?(?![\w'’\-])"
)
# ... and in capitals, after a name that is not ("Transports Roussel SARL", "Hermanos Beltrán
# SL"): a message in capitals has words such as "SA" ("C'EST PAULETTE SA FILLE").
_COMPANY_MARK_IN_CAPITALS = re.compile(
    r"[ \t]+(?:SNC|S\.N\.C|SAS|SASU|SARL|EURL|SRL|S\.R\.L|SPA|S\.P\.A|SA|S\.A|SL|SLU|S\.L|LTD|PLC)"
    r"\.?(?![\w'’\-])"
)


def _company(text: str, start: int, end: int, candidate_end: int) -> bool:
    """Tell whether a company's legal form ends the name found or follows it.

    The form is looked for inside the words the phrase was followed by (``start`` to
    ``candidate_end``) and right after the name kept (``end``).
    """
    patterns = [_COMPANY_MARK]
    if not text[start:end].isupper():
        patterns.append(_COMPANY_MARK_IN_CAPITALS)
    return any(
        pattern.search(text, start, max(end, candidate_end)) or pattern.match(text, end)
        for pattern in patterns
    )


def _overlapping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Yield each match, the next one searched from the name on, not after it.

    "Nom : Nguyen Prénom : Thi Mai": the name candidate of the first label
    runs over the second label, which must still introduce its own name.
    """
    match = pattern.search(text)
    while match is not None:
        yield match
        match = pattern.search(text, max(match.start("name"), match.start() + 1))


# A surname's particle, written as part of the name (capitalised or in capitals).
_PARTICLE = re.compile(
    r"(?-i:DI|DE|DA|DEL|DELLA|LO|LI|LA|DU|DOS|VAN|VON|Di|De|Da|Del|Della|Lo|Li|Du|Dos|Van|Von)"
)


def _shouted(text: str, trigger_start: int, name_start: int) -> bool:
    """Tell whether the introducing phrase is typed in capitals ("I AM", "SONO", "SOY")."""
    phrase = text[trigger_start:name_start]
    return phrase.isupper() and sum(c.isalpha() for c in phrase) > 1


def _known(text: str, start: int) -> bool:
    """Tell whether the first word at ``start`` is in the lists of first names or surnames."""
    from guardrails.recognizers.person_lexicon import name_lexicon  # imports this module

    first = re.match(r"\S+", text[start:])
    folded = fold(first.group()) if first else ""
    names = name_lexicon()
    return folded in names.first or folded in names.last


def _before_particle_surname(words: list[re.Match[str]], index: int) -> bool:
    """Tell whether a particle and a surname follow the word at ``index`` ("FRANCO DI BERNARDO").

    A first name that is also a word ("Franco", "Bianca") is a name when a
    surname opened by its particle follows it; "sono Stanca di aspettare" has
    a lower-case "di" and is not one.
    """
    return index + 2 < len(words) and _PARTICLE.fullmatch(words[index + 1].group()) is not None


# "di aspettare", "de esperar", "d'attendre", "of waiting": what a state is of
_OF_COMPLEMENT = re.compile(r"[ \t]+(?:di|de|d['’]|of)[ \t]*[a-zà-ÿ]")


def describes_a_state(text: str, start: int, end: int) -> bool:
    """Tell whether one capitalised word after "sono"/"soy" is how the writer is, not who.

    "sono Stanca di aspettare", "soy Harta de esperar": an everyday word of one
    language (see :func:`word_frequency.looks_like_name`), in no list of names,
    followed by a lower-case complement. "sono Bianca di Milano" keeps its name.
    """
    word = text[start:end]
    if " " in word or not _OF_COMPLEMENT.match(text, end):
        return False
    from guardrails.recognizers.person_lexicon import name_lexicon  # imports this module
    from guardrails.recognizers.word_frequency import looks_like_name

    folded = fold(word)
    names = name_lexicon()
    if folded in names.first or folded in names.last:
        return False
    return not looks_like_name(folded, expected=True)


_ELIDED_DEPARTMENT = re.compile(r"(?i:dell|dall|all|nell|l|d)['’][^\W\d_]+")


def _title(text: str, start: int, word: re.Match[str]) -> bool:
    """Tell whether a word of the candidate at ``start`` is an abbreviated or elided title.

    "dell'Ing.", "l'avv", "sig.": a title with its article or its full stop; not
    "Ing" alone ("mi chiamo Ing" names someone).
    """
    from guardrails.recognizers.person_lexicon import TITLE_WORDS  # imports this module

    key = fold(word.group().rstrip(".,;:"))
    after = start + word.end()
    abbreviated = word.group().endswith(".") or text[after : after + 1] == "."
    return key in TITLE_WORDS and ("'" in key or "’" in key or abbreviated)


def _trim_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Cut the candidate at the first stop word or everyday word; None if nothing is left.

    "I'm French" and "sono Stanca" leave nothing; "ID" alone is an acronym. A title
    opening the candidate is left out: "a nome dell'Ing. Bruno Galimberti".
    """
    found = list(re.finditer(r"\S+", text[start:end]))
    while found and _title(text, start, found[0]):
        if len(found) == 1:
            return None
        start += found[1].start()
        found = list(re.finditer(r"\S+", text[start:end]))
    kept_end = start
    words = 0
    for index, word in enumerate(found):
        if _PARTICLE.fullmatch(word.group()) and index + 1 < len(found):
            continue  # "COGNOME LO PRESTI", "Nome: Anna Di Marco": a particle, not a stop word
        if word.group().casefold() in STOP_WORDS or fold(word.group().strip(",.;:!?")) in LAUGHS:
            break
        if fold(word.group()) in EVERYDAY_WORDS and not _before_particle_surname(found, index):
            break
        if _ELIDED_DEPARTMENT.fullmatch(word.group().rstrip(",.;:!?")) and is_department(
            re.split(r"['’]", word.group().rstrip(",.;:!?"))[-1]
        ):
            break  # "SONO GIANNI MORETTI DELL'UFFICIO ACQUISTI": where he works, not his name
        kept_end = start + word.end()
        words += 1
    if kept_end == start:
        return None
    if words == 1 and text[start:kept_end].isupper() and kept_end - start <= 3:
        return None  # "ID", "NHS", "CF": an acronym, not a name
    return start, kept_end

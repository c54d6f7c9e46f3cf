"""PERSON recognizer from first- and last-name lists (Faker's), for names typed in lower case."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import lru_cache

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import RuleRecognizer, finding
from guardrails.recognizers.lexicon import (
    AMBIGUOUS_FIRST_NAMES,
    CALENDAR_WORDS,
    CLOSINGS,
    COUNTRIES,
    EPONYMOUS_DISEASES,
    EVERYDAY_WORDS,
    EXTRA_FIRST_NAMES,
    EXTRA_LAST_NAMES,
    FAMILY_WORDS,
    FORM_AND_CHAT_WORDS,
    MONTH_NUMBERS,
    PREDICATE_NAMES,
    fold,
    is_department,
)
from guardrails.recognizers.name_census import census_bins
from guardrails.recognizers.person_context import TRIGGERS
from guardrails.recognizers.spacy_person import NOT_NAMES
from guardrails.recognizers.word_frequency import LANGUAGES, looks_like_name, top_zipf, zipf

FAKER_LOCALES: tuple[str, ...] = ("it_IT", "fr_FR", "es_ES", "en_US", "en_GB")
"""Faker person providers whose ``first_names`` / ``last_names`` make the lexicon."""

SPACY_STOP_WORD_LANGUAGES: tuple[str, ...] = ("it", "fr", "es", "en")

# Words that make what follows a place, not a person ("via Giuseppe Verdi",
# "Ospedale San Raffaele", "Istituto Carlo Besta").
PLACE_WORDS = frozenset(
    fold(word)
    for word in """
    via viale piazza piazzale corso largo vicolo strada lungomare contrada borgo
    rue avenue boulevard bd place quai chemin allée impasse route square
    calle avenida avda plaza paseo camino carretera ronda travesía glorieta rambla puerto
    street st road rd lane drive close court way
    san santa sant santo saint sainte s
    ospedale clinica policlinico istituto centro poliambulatorio scuola liceo università
    stazione aeroporto fondazione hôpital clinique institut centre école gare
    hospital clínica instituto colegio universidad estación fundación
    clinic institute school university station foundation
    """.split()
)

# Courtesy titles that a surname alone may follow ("signora Lombardi", "Mr Smith").
# Doctors' titles are left out: staff names come through the caller's allow-list.
TITLE = re.compile(
    r"(?<!\w)(?:signora|signor|signorina|sig\.?\s?ra|sig\.?|madame|monsieur|mme|mlle|m\."
    r"|señora|senora|señor|senor|srta\.?|sra\.?|sr\.?|doña|dña\.?|mrs\.?|mr\.?|ms\.?|miss"
    # professional titles: "l'avv. Quaranta", "ing. Ferri", "RAGIONIER IACOVONE"
    r"|avv\.?|avvocato|ing\.|arch\.|geom\.|rag\.|ragioniere?|ingegnere?|architetto|geometra"
    # a widow's married name: "Filomena Vastarella ved. Caputo", "VIUDA DE PEIRO", "veuve Martin"
    # ("vedova" in lower case only: Vedova is a surname too)
    r"|ved\.|(?-i:vedov[ao])|vda\.?(?:[ \t]+de)?|viuda[ \t]+de|veuve)[ \t]+(?=\w)",
    re.IGNORECASE,
)
_ELIDED_TITLES = ("avv", "avvocato", "ing", "ingegnere", "arch", "architetto")
TITLE_WORDS = frozenset(
    "signor signora signorina sig sigra madame monsieur mme mlle senor senora sr sra srta "
    "mr mrs ms miss avv avvocato ing arch geom rag ragionier ragioniere ingegner ingegnere "
    "architetto geometra ved vda viuda veuve".split()
) | frozenset(
    # with the article elided into the title: "sono l'avv. Tarantini", "dell'Ing. Maggioni"
    f"{article}{apostrophe}{title}"
    for article in ("l", "dell", "all", "dall", "nell", "sull", "coll")
    for apostrophe in "'’"
    for title in _ELIDED_TITLES
)

# What a writer says they are when writing for a patient ("sono l'interprete", "soy
# intérprete de árabe", "I am interpreter for Mrs …"): a role, not a name.
ROLE_WORDS = frozenset(
    fold(word)
    for word in """
    interprete intérprete interprète interpreter translator traduttore traduttrice traductor
    traductora traducteur traductrice badante caregiver carer cuidadora cuidador auxiliaire
    préparatrice préparateur pharmacienne pharmacien farmacista farmacéutica farmacéutico
    pharmacist receptionist recepcionista réceptionniste segretaria secretaria secrétaire
    assistente assistant assistante educatrice educadora éducatrice maestra maestro teacher
    insegnante nanny niñera nounou neighbour neighbor volunteer volontaria voluntaria bénévole
    tutor tutrice tutora infermiera infermiere infirmière infirmier enfermera enfermero
    """.split()
)


SURNAMES_AFTER_A_NAME = EPONYMOUS_DISEASES | FAMILY_WORDS | FORM_AND_CHAT_WORDS | COUNTRIES
"""Words never a name alone ("Mum", "Card", "Alzheimer", "Albania") that, capitalised, are a
surname after a known first name or a courtesy title ("Andrew Card", "Mrs Suite")."""

SURNAME_MAX_ZIPF = 3.5
"""An unknown lower-case word right after a known first name is a surname when rarer."""

UNSEEN_SURNAME_MAX_ZIPF = 2.0
"""After a first name that is also a word ("Franca"), a capitalised surname rarer than this."""

LOWER_SURNAME_FIRST_MAX_ZIPF = 2.5
"""A lower-case word before a first name is a surname written first only when rarer than this
("pagliarulo mattia"); commoner ones are verbs and nouns ("contattate Marisa")."""

KNOWN_SURNAME_FIRST_MAX_ZIPF = 4.0
"""A known last name before a first name ("sinclair kim") unless an everyday word ("mari")."""

PARTICLES = frozenset(
    "de di da del della dei dal dalla lo li van von der le la du des dos das mac y".split()
)

# Who a booking is for ("x federica,", "para nerea,", "pour zoé ?"): a known first name
# in lower case counts there only when the phrase ends with it (see ``_booked_name``).
BOOKED_FOR = re.compile(r"(?<![\w.])(?:per|x|para|pour|for)[ \t]+(?=\w)", re.IGNORECASE)
# Endings of words that describe someone ("sono frontaliera", "soy pensionista", "je suis
# diabétique"): after a weak introduction a lone rare word ending so is no name.
_DESCRIBING_ENDINGS: tuple[str, ...] = tuple(
    """ista iera iero era ero aca ante ente ata ato ada ado ida ido osa oso ica ico ique iva ivo
    aria ario ble ale ese esa ana ano ina ino ienne euse eur ée ful ish""".split()
)
# Endings no name has, of words for how someone feels ("sono spaventatissima", "estoy
# cansadisima", "i am furious", "this is hopeless"): after a weak introduction, no name.
SUPERLATIVE_ENDINGS: tuple[str, ...] = tuple(
    "issimo issima issimi issime isimo isima isimos isimas".split()
)
"""Italian and Spanish superlatives ("spaventatissima", "nerviosisima"): no name ends so."""
_FEELING_ENDINGS: tuple[str, ...] = (*SUPERLATIVE_ENDINGS, "less", "ous")
ING_VERB_MIN_ZIPF = 2.0
ING_VERB_MIN_LEAD_ZIPF = 0.5
"""A lower-case "-ing" word after "I'm" is a verb ("I'm booking", "I am travelling") when it is
this common in English and this much commoner there than in the other languages."""
# An emoji ends a phrase as a full stop does ("slt c kenza 😁 jpeux…").
EMOJI = "\u2600-\u27bf\U0001f000-\U0001faff"
_NAME_CLOSES = re.compile(
    rf"[ \t]*(?:$|[,.;!?)\n{EMOJI}])"
    r"|[ \t]+(?:de|di|da|del|della|lo|li|van|von|du|dos)[ \t]+(?=\w)"
)
_NAME_ENDS = re.compile(rf"[ \t]*(?:$|[,.;:!?)\n{EMOJI}]|[ \t](?:e|ed|y|et|and|che|que)[ \t])")

# Kin words that start no name even when a list holds them ("mi niño mateo": Niño is
# also a surname; "a mia moglie": Mia is a first name); spoken of with an owner or an
# article before them (or, for grandparents and uncles, without: "c'est mamie josette").
KIN_WORDS = frozenset(
    fold(word)
    for word in """
    figlio figlia bimbo bimba bambino bambina nipote nonno nonna zio zia sorella fratello
    hijo hija niño niña nene nena peque bebé abuelo abuela tío tía hermano hermana sobrino
    sobrina fils fille bébé petit petite frère soeur oncle tante son daughter kid baby
    madre padre mamma mamà papà moglie marito suocera suocero cognata cognato
    mamá papá mami papi esposa esposo marido mujer suegra suegro cuñada cuñado
    mère père maman mari femme épouse époux copine copain
    mother father mum mom dad wife husband
    mamie tonton
    """.split()
)
_GRANDPARENTS_AND_UNCLES = frozenset(
    fold(word) for word in "mamie tonton nonna nonno abuela abuelo".split()
)
"""Kin words that in lower case start no name without an owner before them either (not "zia",
"tía", "nana", "papy": Zia, Tia, Nana and Papy are first names)."""
_OWNERS = frozenset(
    """mi mio mia su suo sua tu tuo tua il la el lo un una my his her our their your the
    ma mon sa son ta ton le""".split()
)
_POSSESSIVES = frozenset(
    "mi mio mia su suo sua tu tuo tua my his her our their your ma mon sa son ta ton".split()
)
# "don"/"doña" in lower case are Spanish courtesy titles, not the English first name Don.
_COURTESY_LOWER = frozenset({"don", "doña", "dona", "dña"})
_ARTICLES = frozenset("la le".split())
"""Particles that are articles far more often than surnames' (not "lo", "li": "lo cascio"):
in lower case only a known surname follows them."""

_PRONOUN_CONTRACTION = re.compile(r"(?:i|you|we|they|he|she|it)['’](?:m|ve|ll|d|re|s)")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_APOSTROPHE = re.compile(r"['’]")  # "all'Istituto" -> "Istituto"
_ELIDED_SURNAME = re.compile(r"(?:d|dell|dall|degl|de)['’](?P<rest>[^\W\d_]{3,})")

Token = tuple[int, int, str]
"""A word of the message: start, end, text."""


@dataclass(frozen=True)
class NameLexicon:
    """Folded first names and last names, and the words that are not names."""

    first: frozenset[str]
    last: frozenset[str]
    ambiguous_first: frozenset[str]
    stop: frozenset[str]
    not_name: frozenset[str]


@lru_cache(maxsize=1)
def name_lexicon() -> NameLexicon:
    """Build the lexicon once per process from Faker's person providers and spaCy's stop words."""
    first: set[str] = set(EXTRA_FIRST_NAMES)
    last: set[str] = set(EXTRA_LAST_NAMES)
    for locale in FAKER_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        first.update(fold(name) for name in provider.first_names)
        last.update(fold(name) for name in provider.last_names)
    stop: set[str] = set()
    for lang in SPACY_STOP_WORD_LANGUAGES:
        stop.update(
            fold(word)
            for word in importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS
        )
    # A first name that is also a stop word ("sara" = "sarà", "mia", "dan") or an
    # everyday word is ambiguous: it needs a surname or an introduction.
    ambiguous = AMBIGUOUS_FIRST_NAMES | (frozenset(first) & (stop | EVERYDAY_WORDS))
    return NameLexicon(
        first=frozenset(first),
        last=frozenset(last),
        ambiguous_first=frozenset(ambiguous),
        stop=frozenset(stop),
        not_name=frozenset(fold(word) for word in NOT_NAMES)
        | EVERYDAY_WORDS
        | TITLE_WORDS
        | ROLE_WORDS
        | COUNTRIES,
    )


def _trigger_regex(lowercase_ok: bool, *, relation: bool | None = None) -> re.Pattern[str]:
    phrases = [
        trigger.phrase
        for triggers in TRIGGERS.values()
        for trigger in triggers
        if trigger.lowercase_ok is lowercase_ok and relation in (None, trigger.relation)
    ]
    # "mi mujer, mari carmen", "para el niño: eneko": a comma or colon may come first
    return re.compile(rf"(?<!\w)(?:{'|'.join(phrases)})(?:[ \t]*[,:])?[ \t]+(?=\w)", re.IGNORECASE)


class PersonLexiconRecognizer(RuleRecognizer):
    """Recognize names made of a known first name, with the lists of Faker's locales.

    For Italian and Spanish there is no spaCy model, and patients type names in
    lower case ("sono marco rossi"), which spaCy misses anyway. A name here is:

    - a known first name followed by a known last name, another first name or
      a capitalised word ("marco rossi", "Paolo Conti", "jose luis moreno");
    - a known first name alone right after an introduction ("sono marco",
      "me llamo lucia", "per conto di mio figlio tommaso");
    - a known last name or capitalised word after a courtesy title
      ("la signora Lombardi", "Mr Smith");
    - a surname first, then a known first name ("ROSSI MARIO", "sinclair
      kim", "Pagliarulo Mattia");
    - a word that is no ordinary word (see :mod:`word_frequency`) where a name
      is expected: after a known first name ("marco zanichelli"), after an
      introduction ("sono zeudi"), or signing the message ("gracias!!
      manuelita").

    First names that are everyday words ("Rosa", "Marina", "Luz", "Will",
    "Claire") and those that are stop words ("sara", "mia") need a known
    surname or an introduction. Those that also describe someone ("sono
    serena", "je suis claire") or are a date ("this is may") count after a
    weak introduction ("sono", "soy", "je suis", "i'm") only with a capital.
    Weekdays, months, holidays and greetings never extend a name. A name right
    after a street or institution word ("via Giuseppe Verdi", "Istituto Carlo
    Besta") is a place and is skipped.
    """

    PAIR_SCORE = 0.85
    CAPITALISED_SCORE = 0.7
    INTRODUCED_SCORE = 0.85
    TITLE_SCORE = 0.8

    ENTITIES = ("PERSON",)

    def __init__(self, supported_language: str = "en") -> None:
        self._lexicon = lexicon = name_lexicon()
        self._never_first = lexicon.not_name - lexicon.ambiguous_first
        self._no_second_first = lexicon.not_name | lexicon.ambiguous_first
        self._need_strong_introduction = PREDICATE_NAMES | CALENDAR_WORDS
        self._strong = _trigger_regex(lowercase_ok=True)
        self._weak = _trigger_regex(lowercase_ok=False)
        self._relation = _trigger_regex(lowercase_ok=False, relation=True)
        super().__init__(supported_language)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one PERSON result per name found."""
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        introduced = _following(text, tokens, ((False, self._weak), (True, self._strong)))
        titled = _following(text, tokens, ((True, TITLE),))
        signature = _signature(text, tokens)
        related = _following(text, tokens, ((True, self._relation),))
        booked = _following(text, tokens, ((False, BOOKED_FOR),))
        results: list[RecognizerResult] = []
        index = 0
        while index < len(tokens):
            if self._not_a_name_start(tokens, index):
                index += 1
                continue
            introduction = introduced.get(index)
            if introduction is None and index in booked and self._booked_name(text, tokens, index):
                introduction = False
            if index in titled:
                found = self._surname_at(text, tokens, index)
            else:
                found = (
                    self._surname_first_at(text, tokens, index)
                    or self._surnames_comma_first_name(text, tokens, index)
                    or self._name_at(
                        text,
                        tokens,
                        index,
                        introduction,
                        expected=index == signature or index in related,
                    )
                )
            if found is None:
                index += 1
                continue
            last_index, score, why = found
            last_index = _with_initial(text, tokens, last_index)
            end = tokens[last_index][1]
            if len(tokens[last_index][2]) == 1 and text[end : end + 1] == ".":
                end += 1  # an initial keeps its full stop: "davide s."
            results.append(self._result(tokens[index][0], end, score, why))
            index = last_index + 1
        return results

    def _not_a_name_start(self, tokens: list[Token], index: int) -> bool:
        """Tell whether the word at ``index`` is a title or a kin word, not a name's start."""
        word = tokens[index][2]
        if word in _COURTESY_LOWER:
            return True  # "mi suegro, don Eusebio": the name starts after the title
        if (
            fold(word) in _POSSESSIVES
            and index + 1 < len(tokens)
            and fold(tokens[index + 1][2]) in KIN_WORDS
        ):
            return True  # "a nome di mia zia": an owner, not "Mia"
        if not word.islower() or fold(word) not in KIN_WORDS:
            return False
        if index > 0 and fold(tokens[index - 1][2]) in _OWNERS:
            return True
        # "c'est mamie josette", "chiedo a nonna pina": what the family calls her, then her name
        return fold(word) in _GRANDPARENTS_AND_UNCLES

    def _booked_name(self, text: str, tokens: list[Token], index: int) -> bool:
        """Tell whether a lower-case word after "per"/"para"/"for" is a first name.

        Only a known first name that is no everyday word counts, and only where the
        phrase ends with it or a surname follows: "x federica, la ricetta", "para
        nerea, la revision", never "per massimo tre giorni".
        """
        _, end, word = tokens[index]
        key = fold(word)
        lex = self._lexicon
        if len(key) < 3 or key not in lex.first or key in lex.ambiguous_first:
            return False
        if key in self._never_first or key in self._need_strong_introduction:
            return False
        if _NAME_ENDS.match(text, end):
            return True
        return self._surnames_after(text, tokens, index) is not None

    def _name_at(
        self,
        text: str,
        tokens: list[Token],
        index: int,
        introduction: bool | None,
        *,
        expected: bool = False,
    ) -> tuple[int, float, str] | None:
        """Return (last token index, score, reason) of a name starting at ``index``, or None."""
        lex = self._lexicon
        word = tokens[index][2]
        key = fold(word)
        if _elided(word) in ROLE_WORDS:
            return None  # "sono l'interprete di …": who writes, not their name
        if (
            word.islower()
            and (expected or introduction is False)
            and _one_language_word(key, self.supported_language)
        ):
            # "mi hijo nacio el…": "nació" typed without its accent, after a weak cue
            expected, introduction = False, None
        if (expected or introduction is False) and key.endswith(_FEELING_ENDINGS):
            # "sono spaventatissima per domani", "grazie, gentilissimi": how the writer is
            # or thanks, not who
            return None
        if introduction is False and not expected and self._ing_verb(word, key):
            return None  # "I'm booking an ECG", "I'm messaging for my dad": what, not who
        if (expected or introduction is not None) and self._unknown_name(
            word, key, expected=expected or introduction is True
        ):
            last = self._surnames_after(text, tokens, index) or index
            return last, self.INTRODUCED_SCORE, "name-like word where a name is expected"
        if introduction is False and not expected and self._unknown_name(word, key, expected=True):
            pair = self._name_like_pair(text, tokens, index)
            if pair is not None:
                return pair, self.INTRODUCED_SCORE, "two name-like words after an introduction"
            if (
                not _capitalised(word)
                and not key.endswith(_DESCRIBING_ENDINGS)
                and _NAME_CLOSES.match(text, tokens[index][1])
            ):
                # "soy ximo, vivo en…", "soy xabier de la fuente": one name-like word that
                # ends the phrase or opens a surname's particle
                return index, self.INTRODUCED_SCORE, "name-like word ending an introduction"
        if not self._is_first(key) or key in self._never_first:
            return None
        if expected:
            introduction = True
        if _after_place_word(text, tokens, index):
            return None
        ambiguous_first = lex.ambiguous_first
        ambiguous = key in ambiguous_first and not expected
        # more first names ("jose luis", "maria teresa"), then surnames
        last_index = index
        while (
            last_index + 1 < len(tokens)
            and last_index - index < 2
            and _adjacent(text, tokens[last_index], tokens[last_index + 1])
            and fold(tokens[last_index + 1][2]) in lex.first
            and fold(tokens[last_index + 1][2]) not in self._no_second_first
        ):
            last_index += 1
        # a first name that is also a word, not a stop word ("stella", not "che"), takes a
        # lower-case surname no language's text uses: "la visita di stella tomasoni"
        rare_lower = ambiguous and key not in lex.stop and key not in CALENDAR_WORDS
        surname_end = self._surnames_after(
            text, tokens, last_index, first_ambiguous=ambiguous, rare_lower=rare_lower
        )
        if surname_end is None and last_index > index:
            # "June Taylor": the second word is a first name and a surname
            surname_end = self._surnames_after(
                text, tokens, index, first_ambiguous=ambiguous, rare_lower=rare_lower
            )
        if surname_end is not None:
            known = any(
                fold(tokens[i][2]) in lex.last or fold(tokens[i][2]) in lex.first
                for i in range(index + 1, surname_end + 1)
            )
            score = self.PAIR_SCORE if known else self.CAPITALISED_SCORE
            return surname_end, score, "first and last name"
        if last_index > index and not ambiguous:
            return last_index, self.PAIR_SCORE, "two first names"
        if introduction is not None and (
            introduction or key not in self._need_strong_introduction or _capitalised(word)
        ):
            return last_index, self.INTRODUCED_SCORE, "first name after an introduction"
        if _capitalised_in_sentence(text, tokens, index, particle_ok=key not in ambiguous_first):
            return last_index, self.CAPITALISED_SCORE, "capitalised first name inside a sentence"
        return None

    def _ing_verb(self, word: str, key: str) -> bool:
        """Tell whether a lower-case word is an English verb in "-ing" ("booking", "ringing").

        Never a name of the lists or of the census ("manning", "jing", "darling"); and
        English, not a word the other languages use as much.
        """
        if not word.islower() or not key.endswith("ing") or len(key) < 6:
            return False
        if key in self._lexicon.first or key in self._lexicon.last or census_bins(key) != (0, 0):
            return False
        english = zipf(key, "en")
        others = max(zipf(key, language) for language in LANGUAGES if language != "en")
        return english >= ING_VERB_MIN_ZIPF and english - others >= ING_VERB_MIN_LEAD_ZIPF

    def _is_first(self, key: str) -> bool:
        """Tell whether ``key`` is a known first name, or first names joined ("jean-claude")."""
        if key in self._lexicon.first:
            return True
        parts = key.split("-")
        return len(parts) > 1 and all(
            part in self._lexicon.first and part not in self._lexicon.ambiguous_first
            for part in parts
        )

    def _name_like_pair(self, text: str, tokens: list[Token], index: int) -> int | None:
        """Return the last index of a name of two or more name-like words from ``index``.

        After a weak introduction ("soy", "je suis", "sono") one commoner word is
        not enough ("sono Gioia" may be joy); two in a row, each read like a name
        in several languages or known as one, are a name: "soy lucía ferrer",
        "je suis eugene garcia".
        """
        following = index + 1
        if following >= len(tokens) or not _adjacent(text, tokens[index], tokens[following]):
            return None
        word = tokens[following][2]
        key = fold(word)
        lex = self._lexicon
        if key in lex.stop or key in lex.not_name:
            return None
        if not (
            key in lex.first or key in lex.last or self._unknown_name(word, key, expected=True)
        ):
            return None
        return self._surnames_after(text, tokens, following) or following

    def _surname_at(
        self, text: str, tokens: list[Token], index: int
    ) -> tuple[int, float, str] | None:
        """Return the surname (or full name) right after a courtesy title, or None."""
        word = tokens[index][2]
        key = fold(word)
        stop_in_lower_case = word.islower() and key in self._lexicon.stop  # "la signora che"
        if key in self._lexicon.first and key not in self._never_first and not stop_in_lower_case:
            # after a title a name is expected: "la señora remedios alcaide"
            found = self._name_at(text, tokens, index, True, expected=True)
            if found is not None:
                return found
        if (
            word.islower()
            and self._unknown_name(word, key, expected=True)
            and not _one_language_word(key, self.supported_language)
            and not (index + 1 < len(tokens) and _capitalised(tokens[index + 1][2]))
        ):
            # "la signora ada zuccolotto": a name no list holds, in lower case ("Mme veuve
            # Grandjean": the name is the capitalised word)
            last = self._surnames_after(text, tokens, index) or index
            return last, self.TITLE_SCORE, "name-like word after a courtesy title"
        if key in PARTICLES and _capitalised(word) and index + 1 < len(tokens):
            # "madame Da Silva", "Mr De Luca": the particle opens the surname
            after = self._surnames_after(text, tokens, index)
            if after is not None:
                return after, self.TITLE_SCORE, "surname after a courtesy title"
        if not self._is_surname(word, key, first_ambiguous=False):
            return None
        last = self._surnames_after(text, tokens, index) or index
        return last, self.TITLE_SCORE, "surname after a courtesy title"

    def _surnames_after(
        self,
        text: str,
        tokens: list[Token],
        index: int,
        *,
        first_ambiguous: bool = False,
        rare_lower: bool = False,
    ) -> int | None:
        """Return the index of the last surname word after ``index`` (at most 2), or None.

        A surname word is a known last name that is not a stop word, or a
        capitalised word that is not a known non-name; "de", "di", "van"...
        join when a surname word follows. After an ambiguous first name only a
        known last name counts, in lower case only if it is not an everyday word.
        """
        end: int | None = None
        position = index
        taken = 0
        while position + 1 < len(tokens) and taken < 2:
            candidate = position + 1
            if not _adjacent(text, tokens[position], tokens[candidate]):
                break
            word = tokens[candidate][2]
            key = fold(word)
            joined = key in PARTICLES and candidate + 1 < len(tokens)
            if joined:
                if not _adjacent(text, tokens[candidate], tokens[candidate + 1]):
                    break
                candidate += 1
                word = tokens[candidate][2]
                key = fold(word)
            if word.islower() and _capitalised(tokens[index][2]):
                break  # "Eusebio Carrasco cancela", "Arce nació": a verb after a capitalised name
            if text[tokens[candidate][1] : tokens[candidate][1] + 1].isdigit():
                break  # "Mattia Cerutti CRTMTT88C12F205M": letters of a code, not a surname
            if not self._is_surname(word, key, first_ambiguous, rare_lower=rare_lower):
                break
            if joined and first_ambiguous and not _capitalised(word):
                break  # "dolores de cabeza" is a headache; "Dolores de la Fuente" a name
            if (
                joined
                and word.islower()
                and fold(tokens[candidate - 1][2]) in _ARTICLES
                and (key not in self._lexicon.last or key in self._lexicon.not_name)
            ):
                break  # "pepe la analítica": an article and a noun; "la rosa" a surname
            end = position = candidate
            taken += 1
        return end

    def _is_surname(
        self, word: str, key: str, first_ambiguous: bool, *, rare_lower: bool = False
    ) -> bool:
        lex = self._lexicon
        known = key in lex.last
        if len(key) < 2 or _PRONOUN_CONTRACTION.fullmatch(key):
            return False  # "Shauna Kerrigan I'm ringing": a pronoun, not a surname
        if key in lex.stop:  # "Dalla", "Le", "Ho" as surnames only capitalised
            return known and _capitalised(word)
        if key in CLOSINGS:
            return False  # "Valentina porfa", "marco grazie"
        everyday = key in lex.not_name
        if key in SURNAMES_AFTER_A_NAME and not first_ambiguous and _capitalised(word):
            return True  # "Andrew Card", "Mrs Suite": no name alone, a surname after one
        if first_ambiguous:
            rare = rare_lower and len(key) > 4 and key not in lex.first
            if not known and not everyday and (_capitalised(word) or rare):
                # "Franca Bortoluzzi", "stella tomasoni": a word no language's text uses
                return top_zipf(key) < UNSEEN_SURNAME_MAX_ZIPF
            return known and (not everyday or _capitalised(word))
        if known and not everyday:
            return True
        if everyday:
            return False
        elided = _ELIDED_SURNAME.fullmatch(key)
        if elided is not None:
            # "armando dell'olio", "nunzia d'aquino": a particle elided before the surname,
            # which is most often a word ("Olio", "Acqua", "Angelo"); never a place
            rest = elided.group("rest")
            return rest not in lex.stop and rest not in PLACE_WORDS and not is_department(rest)
        return _capitalised(word) or self._rare(word, key, SURNAME_MAX_ZIPF, SURNAME_MAX_ZIPF)

    def _rare(self, word: str, key: str, lower_max: float, capitalised_max: float) -> bool:
        """Tell whether ``word`` is no ordinary word: not a stop word, rarer than the limit."""
        if len(key) < 3 or key in self._lexicon.stop or key in self._lexicon.not_name:
            return False
        if not word.isalpha() and not word.replace("'", "").replace("-", "").isalpha():
            return False
        limit = capitalised_max if _capitalised(word) or word.isupper() else lower_max
        return top_zipf(key) < limit

    def _unknown_name(self, word: str, key: str, *, expected: bool = False) -> bool:
        """Tell whether a word in no name list looks like a name (see ``looks_like_name``)."""
        lex = self._lexicon
        if key in lex.first or len(key) < 3 or key in lex.stop or key in lex.not_name:
            return False
        if key in CLOSINGS or not word.replace("'", "").replace("-", "").isalpha():
            return False
        return looks_like_name(key, expected=expected)

    def _surname_first_at(
        self, text: str, tokens: list[Token], index: int
    ) -> tuple[int, float, str] | None:
        """Return a name written surname first ("ROSSI MARIO", "sinclair kim"), or None."""
        if index + 1 >= len(tokens):
            return None
        gap = text[tokens[index][1] : tokens[index + 1][0]]
        comma = gap.strip(" \t") == "," and tokens[index][2].isupper()  # "MACKENZIE, Fiona"
        if not (comma or _adjacent(text, tokens[index], tokens[index + 1])):
            return None
        start = tokens[index][0]
        if start and not (text[start - 1].isspace() or text[start - 1] in ",;:(\"'"):
            return None  # the tail of an abbreviation: "dott.ssa Laura"
        lex = self._lexicon
        word, following = tokens[index][2], tokens[index + 1][2]
        key, next_key = fold(word), fold(following)
        both_capitals = (
            word.isupper() and (following.isupper() or _capitalised(following)) and len(key) > 2
        )
        # "SATRIANI MATTIA", "KOLA Erjon": a surname in capitals, then a name-like word
        if (
            both_capitals
            and len(next_key) > 2
            and all(
                (k in lex.first or k in lex.last or self._unknown_name(w, k))
                and k not in lex.stop
                and k not in lex.not_name
                for w, k in ((word, key), (following, next_key))
            )
        ):
            return index + 1, self.CAPITALISED_SCORE, "two name-like words in capitals"
        if next_key not in lex.first or next_key in self._no_second_first:
            return None
        if key in lex.stop or key in lex.not_name or key in lex.first or len(key) < 2:
            return None
        if index and _elided(tokens[index - 1][2]) in PLACE_WORDS:
            return None
        if word.islower() and index and fold(tokens[index - 1][2]) in _POSSESSIVES:
            return None  # "my husbnad derek": after "my", a noun (here mistyped), not a surname
        if not (
            (key in lex.last and top_zipf(key) < KNOWN_SURNAME_FIRST_MAX_ZIPF)
            or both_capitals
            or self._rare(word, key, LOWER_SURNAME_FIRST_MAX_ZIPF, SURNAME_MAX_ZIPF)
        ):
            return None
        rest = self._name_at(text, tokens, index + 1, None)
        return (rest[0] if rest else index + 1), self.PAIR_SCORE, "surname then first name"

    def _surnames_comma_first_name(
        self, text: str, tokens: list[Token], index: int
    ) -> tuple[int, float, str] | None:
        """Return a line opened by surnames, a comma and a first name ("gutierrez blanco, sonia").

        Forms and lists put the surnames first. The first word must be a known
        last name that is no everyday word, a second one may be a known last name
        that is ("blanco"), and the word after the comma a known first name.
        """
        start = tokens[index][0]
        if text[text.rfind("\n", 0, start) + 1 : start].strip():
            return None  # not the start of a line
        lex = self._lexicon
        key = fold(tokens[index][2])
        if key not in lex.last or key in lex.not_name or key in lex.stop or key in lex.first:
            return None
        last_surname = index
        following = index + 1
        if (
            following < len(tokens)
            and _adjacent(text, tokens[index], tokens[following])
            and fold(tokens[following][2]) in lex.last
            and fold(tokens[following][2]) not in lex.stop
        ):
            last_surname = following
        first = last_surname + 1
        if first >= len(tokens) or text[tokens[last_surname][1] : tokens[first][0]] != ", ":
            return None
        first_key = fold(tokens[first][2])
        if first_key not in lex.first or first_key in self._no_second_first:
            return None
        if tokens[first][2].islower() != tokens[index][2].islower():
            return None
        return first, self.PAIR_SCORE, "surnames, a comma, then the first name"

    def _result(self, start: int, end: int, score: float, why: str) -> RecognizerResult:
        return finding(self, "PERSON", start, end, score, why)


ONE_LANGUAGE_MIN_ZIPF = 4.0
ONE_LANGUAGE_MAX_SPREAD_ZIPF = 2.0


def _one_language_word(key: str, language: str) -> bool:
    """Tell whether ``key`` is a common word of ``language`` only ("nacio", "fedele", "custodia").

    A first name is written in every language's text; a verb or a noun that is
    also somebody's name in some list belongs to one. A word of another
    language than the message's is read as a name: "cheers ravi" is signed by
    Ravi, though "ravi" is everyday French.
    """
    by_language = {other: zipf(key, other) for other in LANGUAGES}
    frequencies = sorted(by_language.values(), reverse=True)
    if language in by_language and by_language[language] < frequencies[0]:
        return False
    return frequencies[0] >= ONE_LANGUAGE_MIN_ZIPF and frequencies[2] < ONE_LANGUAGE_MAX_SPREAD_ZIPF


def _following(
    text: str, tokens: list[Token], patterns: tuple[tuple[bool, re.Pattern[str]], ...]
) -> dict[int, bool]:
    """Map the index of each token right after a match of a pattern to its strength."""
    starts = {start: index for index, (start, _, _) in enumerate(tokens)}
    following: dict[int, bool] = {}
    for strong, pattern in patterns:
        for match in pattern.finditer(text):
            index = starts.get(match.end())
            if index is not None:
                following[index] = following.get(index, False) or strong
    return following


_GREETINGS = frozenset({"ciao", "bye"})
"""Closings that greet the one addressed: "ciao marco" names the reader, not the writer."""


def _signature(text: str, tokens: list[Token]) -> int | None:
    """Return the index of the first word of the message's signature, else None.

    The signature is the last one to three words, with only punctuation or
    emoji after them (no question mark), that follow a sentence break (". ",
    "!! ", " - ", a new line; not "dott.ssa") or a closing word ("grazie,",
    "merci", "thanks", "svp"):
    "gracias!! manuelita", "porfa. sabas montesinos garriga"; a closing that
    does not greet and one word make a message too ("cheers ravi").
    """
    last = len(tokens) - 1
    if last < 2 and not (last == 1 and fold(tokens[0][2]) in CLOSINGS - _GREETINGS):
        return None  # too few words for a message and a signature ("333 1234567", "👍")
    tail = text[tokens[last][1] :]
    if "?" in tail or any(char.isalnum() for char in tail):
        return None  # a question is not signed
    for first in range(last, max(last - 3, 0), -1):
        if first < last and not _adjacent(text, tokens[first], tokens[first + 1]):
            return None
        if is_department(tokens[first][2]) or fold(tokens[first][2]) in CALENDAR_WORDS:
            return None  # "… - revisión cardiología", "… e buona pasqua": no signature
        # after a number, only what follows its last digit: "nacimiento 19-06-2011, revisión"
        gap = re.split(r"\d", text[tokens[first - 1][1] : tokens[first][0]])[-1]
        broken = any(mark in gap for mark in ".!?;\n-–—") and any(c.isspace() for c in gap)
        if broken or _closes(tokens, first - 1):
            return first
    return None


_CLOSING_TAILS = {"you": "thank"}
"""Closing words that close only after another ("thank you"; "can you confirm" does not)."""


def _closes(tokens: list[Token], index: int) -> bool:
    """Tell whether the word at ``index`` ends a closing ("grazie", "thank you", not "you")."""
    key = fold(tokens[index][2])
    if key not in CLOSINGS:
        return False
    before = _CLOSING_TAILS.get(key)
    return before is None or (index > 0 and fold(tokens[index - 1][2]) == before)


_PREPOSITIONS = PARTICLES | frozenset("del al of".split())
_DATE_WORDS = CALENDAR_WORDS | frozenset(MONTH_NUMBERS)
_TO_A_PLACE = frozenset("a in da en desde à au to from at near".split())


def _capitalised_in_sentence(
    text: str, tokens: list[Token], index: int, *, particle_ok: bool
) -> bool:
    """Tell whether a lone first name is capitalised where the sentence runs in lower case.

    "dal telefono di Marisa, la vicina", "contesta Rocío o su marido": the
    writer types in lower case and gave this word its capital, so it is a
    name; not at a sentence's start, nor in a message typed in title case (the
    word before is lower case), nor a weekday or holiday, nor after a street
    word, nor a month ("ready by May"). A first name that is also a word
    ("Rocío", "Reyes") not after "de", "di", "of" either: "el día de Reyes",
    "la Virgen del Rocío".
    """
    word = tokens[index][2]
    if index == 0 or not _capitalised(word) or fold(word) in _DATE_WORDS:
        return False
    before = tokens[index - 1]
    if not before[2].islower() or text[before[1] : tokens[index][0]] not in (" ", "  "):
        return False
    key_before = _elided(before[2])
    if key_before in PLACE_WORDS or key_before in _COURTESY_LOWER:
        return False
    if key_before in _TO_A_PLACE or (not particle_ok and key_before in _PREPOSITIONS):
        return False  # "I'm from Sydney", "vive a Florence": a town named like a person
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    return after is None or not after[2][:1].isupper() or text[tokens[index][1] : after[0]] != " "


def _with_initial(text: str, tokens: list[Token], last: int) -> int:
    """Extend a name over a following initial ("kayla r", "yasmine b.") that ends the phrase."""
    after = last + 1
    if after >= len(tokens) or not _adjacent(text, tokens[last], tokens[after]):
        return last
    _, end, word = tokens[after]
    if len(word) != 1 or not word.isalpha():
        return last
    if word in _ONE_LETTER_WORDS:
        return last  # "Anna e Marco", "juan y maría": a conjunction, not an initial
    if text[end : end + 1] == ".":
        return after  # "davide s. deve", "Rosalba M."
    if after == len(tokens) - 1 or text[end : end + 1] in (".", ",", " ", "\n"):
        ends_phrase = after == len(tokens) - 1 or not text[end:].lstrip(". ")[:1].islower()
        return after if ends_phrase else last
    return last


_ONE_LETTER_WORDS = frozenset("a e i o u y".split())
"""Lower-case letters that are words (conjunctions, articles), never initials."""


def _after_place_word(text: str, tokens: list[Token], index: int) -> bool:
    """Tell whether a street or place word comes before ``index``, particles between.

    "via Rosa", "piazza della Vittoria", "calle de la Luz": a street's name.
    """
    while index and _adjacent(text, tokens[index - 1], tokens[index]):
        before = _elided(tokens[index - 1][2])
        if before in PLACE_WORDS:
            return True
        if before not in PARTICLES:
            return False
        index -= 1
    return False


def _adjacent(text: str, left: Token, right: Token) -> bool:
    """Tell whether only spaces (no comma, no line break) separate two tokens."""
    gap = text[left[1] : right[0]]
    return 0 < len(gap) <= 2 and gap.strip(" \t") == ""


def _elided(word: str) -> str:
    """Return the folded word after an elision ("all'Istituto" -> "istituto", "it's" -> "it's")."""
    tail = _APOSTROPHE.split(word)[-1]
    return fold(tail if len(tail) > 1 else word)


def _capitalised(word: str) -> bool:
    """Tell whether ``word`` starts with a capital and goes on in lower case ("Rossi")."""
    return word[:1].isupper() and not word[1:].isupper()

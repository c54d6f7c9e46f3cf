"""Recognizer for names no rule announces, from a model of where names sit in a message.

The rule recognizers find a name from what announces it ("mi chiamo", "mio
padre", a signature). Patients also drop a name anywhere, in lower case,
with nothing before it: "domani passa giacomo ferlini a ritirare", "la cita
es de jacinto". This recognizer scores every word with a logistic model over
what the word looks like and what surrounds it:

- the word itself, never its spelling: its shape (capitalised, lower case,
  capitals), length, last letters, how common it is in each of the four
  languages (wordfreq), whether it is in the first-name or surname lists,
  a stop word, or a word that is never a name;
- the words around it: the frequent ones by their spelling ("con", "de",
  "passa"), rare ones only by their shape and lists, numbers and punctuation
  as such.

So it learns that a rare lower-case word after "con" and before "a ritirare"
is a name, without learning any name. It is trained on the development
messages only (`evals/name_model.py` writes `learned_name.json` and records
which files it read); a run of words whose score reaches the threshold is one
PERSON finding. Names inside e-mail addresses, web addresses and numbers are
left to their own recognizers.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.recognizers.base import RuleRecognizer, finding
from guardrails.recognizers.lexicon import CALENDAR_WORDS, fold, is_department
from guardrails.recognizers.name_census import census_bins
from guardrails.recognizers.name_neighbours import medicine_names
from guardrails.recognizers.name_words import name_words
from guardrails.recognizers.person_lexicon import (
    KIN_WORDS,
    PARTICLES,
    PLACE_WORDS,
    SUPERLATIVE_ENDINGS,
    name_lexicon,
)
from guardrails.recognizers.word_frequency import LANGUAGES, top_zipf, zipf

MODEL_PATH = Path(__file__).with_name("learned_name.json")
"""Weights and threshold, written by ``python -m evals.name_model train``."""

SCORE = 0.6

_TOKEN = re.compile(
    r"(?P<number>[^\W_]*\d[^\W_]*)"  # digits, and letters glued to them ("CRTMTT88C12F205M")
    r"|(?P<word>[^\W\d_]+(?:['’\-][^\W\d_]+)*)|(?P<newline>\n)|(?P<mark>[^\w\s])"
)
_URLISH = re.compile(r"\S*[@/]\S*|\S+\.(?:com|it|fr|es|org|net|eu)\b\S*", re.IGNORECASE)

COURTESY = frozenset({"don", "dona", "dna"})
"""Folded "don", "doña", "dña": said before a name, never part of it."""

JOIN_MAX_ZIPF = 4.5
"""A lower-case word this common joins a name only on its own score ("… nació el 14")."""

MIN_WORDS = 2
"""A one-word message ("sisi", "rossetti") is left to the reply rules."""

COMMON_WORD_ZIPF = 4.0
COMMON_WORD_THRESHOLD = 0.95
"""The score a lower-case word in no name list and as common as ``COMMON_WORD_ZIPF``
needs on its own ("si contesta Begoña dile que …")."""

CONTEXT_MIN_ZIPF = 3.0
"""A word around the scored one is kept by its spelling only when this common."""

WINDOW = (-2, -1, 1, 2)

NUMBER_WORDS = frozenset(
    "due tre quattro cinque sette otto nove dieci undici dodici quindici venti trenta"
    " deux trois quatre cinq sept huit neuf dix onze douze quinze vingt trente"
    " dos tres cuatro cinco seis siete ocho nueve diez once doce quince veinte treinta"
    " two three four five six seven eight nine ten eleven twelve fifteen twenty thirty".split()
)
"""Numbers in words, seen around a word as numbers are ("per massimo tre giorni")."""


@dataclass(frozen=True)
class Token:
    """A word, a number, a line break or a mark, with its place in the message."""

    start: int
    end: int
    text: str
    kind: str


def tokens(text: str) -> list[Token]:
    """Split ``text`` into words, numbers, line breaks and marks (emoji and punctuation)."""
    return [
        Token(m.start(), m.end(), m.group(), m.lastgroup or "mark") for m in _TOKEN.finditer(text)
    ]


def _zipf_bin(value: float) -> str:
    for edge in (0.5, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0):
        if value < edge:
            return str(edge)
    return "top"


def _shape(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "CAPS"
    if word[:1].isupper():
        return "Cap"
    if word.islower():
        return "low"
    return "mix"


@lru_cache(maxsize=65536)
def word_traits(key: str) -> tuple[str, ...]:
    """Return what a folded word is, never the word: frequency by language, lists, length."""
    lexicon = name_lexicon()
    frequencies = {language: zipf(key, language) for language in LANGUAGES}
    ranked = sorted(frequencies.values(), reverse=True)
    top = ranked[0]
    spread = sum(value >= 1.5 for value in ranked)
    traits = [
        f"z={_zipf_bin(top)}",
        f"spread={spread}",
        f"z|spread={_zipf_bin(top)}|{spread}",
        f"len={min(len(key), 10)}",
    ]
    traits += [f"z{language}={_zipf_bin(value)}" for language, value in frequencies.items()]
    first_bin, last_bin = census_bins(key)
    traits += [
        f"census={first_bin}|{last_bin}",
        f"census_first={first_bin}|z={_zipf_bin(top)}",
        f"census_last={last_bin}|z={_zipf_bin(top)}",
    ]
    if key in lexicon.first:
        traits.append("first")
    if key in lexicon.last:
        traits.append("last")
    if key in lexicon.ambiguous_first:
        traits.append("ambiguous")
    if key in lexicon.stop:
        traits.append("stop")
    if name_words().never_name(key):
        traits.append("never")
    return tuple(traits)


@lru_cache(maxsize=65536)
def _lists(key: str) -> str:
    lexicon = name_lexicon()
    return ("F" if key in lexicon.first else "") + ("L" if key in lexicon.last else "")


def _context(token: Token | None, offset: int) -> list[str]:
    """Describe a neighbour: frequent words by spelling, rare ones by shape and lists."""
    if token is None:
        return [f"{offset}:edge"]
    if token.kind == "number" or fold(token.text) in NUMBER_WORDS:
        return [f"{offset}:num"]
    if token.kind != "word":
        return [f"{offset}:{token.text}"]
    return [f"{offset}:{part}" for part in _neighbour_view(token.text)]


@lru_cache(maxsize=65536)
def _neighbour_view(word: str) -> tuple[str, ...]:
    key = fold(word)
    shape = _shape(word)
    top = top_zipf(key)
    spelled = key if top >= CONTEXT_MIN_ZIPF or key in name_lexicon().stop else "<rare>"
    return (
        spelled,
        f"shape={shape}",
        f"lists={_lists(key)}",
        f"{spelled}|{shape}",
        f"z={_zipf_bin(top)}|{shape}",
        f"census={'|'.join(map(str, census_bins(key)))}|{shape}",
    )


_SENTENCE_END = frozenset(".!?\n")


def message_case(items: Sequence[Token]) -> str:
    """Tell how the writer uses capitals: "upper", "title", "lower" or "mixed".

    A lower-case word means little in a message typed all in lower case and
    much in one that capitalises its names; a capitalised word means little
    in a message In Title Case. The first word of a sentence does not count.
    """
    words = 0
    capitals = 0
    upper = 0
    inner_capitals = 0
    previous: Token | None = None
    for token in items:
        if token.kind == "word" and len(token.text) > 1:
            words += 1
            if token.text[:1].isupper():
                capitals += 1
                upper += token.text.isupper()
                opening = previous is None or previous.text in _SENTENCE_END
                inner_capitals += not opening
        if token.kind != "word" or len(token.text) > 1:
            previous = token
    if not words:
        return "mixed"
    if upper / words >= 0.6:
        return "upper"
    if capitals / words >= 0.6:
        return "title"
    return "mixed" if inner_capitals else "lower"


def features(
    items: Sequence[Token], index: int, language: str, case: str | None = None
) -> list[str]:
    """Return the features of the word at ``index``: what it looks like and its neighbours.

    ``case`` is :func:`message_case` of ``items``, worked out once per message.
    """
    word = items[index].text
    key = fold(word)
    shape = _shape(word)
    traits = word_traits(key)
    case = case or message_case(items)
    own = ["bias", f"shape={shape}", f"lang={language}|shape={shape}"]
    own += [f"end3={key[-3:]}", f"end2={key[-2:]}", *traits]
    own += [f"{shape}|{trait}" for trait in traits[:3]]
    own += [f"case={case}|shape={shape}", f"case={case}|lists={_lists(key)}|shape={shape}"]
    own += [f"case={case}|{trait}" for trait in traits if trait.startswith("census=")]
    if _opens_sentence(items, index):
        # a capital here may be the keyboard's, not the writer's: "Grace period for …"
        own += [f"open|{shape}|lists={_lists(key)}", f"open|{shape}|{traits[0]}"]
    around: list[str] = []
    neighbours: dict[int, Token | None] = {}
    for offset in WINDOW:
        at = index + offset
        neighbour = items[at] if 0 <= at < len(items) else None
        neighbours[offset] = neighbour
        around += _context(neighbour, offset)
    before = neighbours[-1]
    after = neighbours[1]
    left = _context(before, -1)[0]
    right = _context(after, 1)[0]
    around += [
        f"-2-1:{_context(neighbours[-2], -2)[0]}|{left}",
        f"-1+1:{left}|{right}",
        f"+1+2:{right}|{_context(neighbours[2], 2)[0]}",
    ]
    if after is not None and after.kind == "word":
        lists = _lists(fold(after.text))
        around.append(f"pair:{_lists(key)}|{lists}|{shape}")
        around.append(f"pair:{shape}>{_shape(after.text)}|{lists}")
    if before is not None and before.kind == "word":
        lists = _lists(fold(before.text))
        around.append(f"pair-:{lists}|{_lists(key)}|{shape}")
        around.append(f"pair-:{_shape(before.text)}>{shape}|{lists}")
    return own + around


@dataclass(frozen=True)
class NameModel:
    """A logistic model over :func:`features`, and the score a name must reach."""

    weights: dict[str, float]
    threshold: float
    join_threshold: float

    def probability(self, names: Sequence[str]) -> float:
        """Return the model's probability that a word with these features is a name."""
        logit = sum(self.weights.get(name, 0.0) for name in names)
        return 1.0 / (1.0 + math.exp(-max(min(logit, 40.0), -40.0)))


@lru_cache(maxsize=1)
def name_model() -> NameModel:
    """Load the shipped weights once per process."""
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return NameModel(data["weights"], data["threshold"], data["join_threshold"])


def is_medicine(key: str) -> bool:
    """Tell whether a folded word names a medicine and no person ("ibuprofen", not "Allegra")."""
    words, stems = medicine_names()
    if key not in words and not key.startswith(stems):
        return False
    return census_bins(key) == (0, 0)


@lru_cache(maxsize=1)
def _may_be_names() -> frozenset[str]:
    """First names that are also words ("Rosa") and particles inside names ("de la Torre")."""
    return name_lexicon().first | PARTICLES


def candidates(text: str) -> Iterator[tuple[list[Token], int]]:
    """Yield the message's tokens and the index of every word the model scores.

    Skipped: one-letter words, words inside an e-mail or web address, weekdays,
    months and holidays (also when they are first names: "Natale", "Domenica"),
    departments ("Odontopediatría"), medicines ("ibuprofen"), superlatives
    ("nerviosisima"), "don", and the
    other words the rules never take for a name (stop words, titles, closings)
    unless they are also first names ("Rosa", "Franco") or particles ("de la
    Torre"), or an everyday word that is a name somewhere is capitalised inside
    a sentence ("mia zia Pace").
    """
    items = tokens(text)
    inside = [(m.start(), m.end()) for m in _URLISH.finditer(text)]
    for index, token in enumerate(items):
        if token.kind != "word" or len(token.text) < 2:
            continue
        if any(start <= token.start < end for start, end in inside):
            continue
        key = fold(token.text)
        if key in COURTESY or key in CALENDAR_WORDS or is_department(token.text):
            continue  # "don Eulogio", "per Natale", "Domenica alle 10"
        if is_medicine(key):
            continue  # "max ibuprofen per day?"
        if key.endswith(SUPERLATIVE_ENDINGS):
            continue  # "soy nerviosisima": how the writer feels
        if (
            name_words().never_name(key)
            and key not in _may_be_names()
            and not _capitalised_inside(items, index, key)
        ):
            continue  # stop words, titles, closings: never a name
        yield items, index


def _opens_sentence(items: Sequence[Token], index: int) -> bool:
    return index == 0 or items[index - 1].text in _SENTENCE_END


def _capitalised_inside(items: Sequence[Token], index: int, key: str) -> bool:
    """Tell whether an everyday word that is also a name is capitalised inside a sentence.

    "mia zia Pace", "del signor Oreste Pace": the writer capitalised a word
    that is a first name or surname somewhere; the model weighs it.
    """
    word = items[index].text
    if not word[:1].isupper() or word.isupper() or _opens_sentence(items, index):
        return False
    return name_words().everyday_only(key) and census_bins(key) != (0, 0)


def name_spans(text: str, language: str, model: NameModel | None = None) -> list[tuple[int, int]]:
    """Return the character spans of runs of words scored as names."""
    model = model or name_model()
    found = list(candidates(text))
    case = message_case(found[0][0]) if found else "mixed"
    scored = [
        (items[index], model.probability(features(items, index, language, case)))
        for items, index in found
    ]
    return runs(text, scored, model.threshold, model.join_threshold)


def runs(
    text: str, scored: Sequence[tuple[Token, float]], threshold: float, join: float
) -> list[tuple[int, int]]:
    """Join words scored as names into spans.

    A word reaching ``threshold`` is a name (some lower-case words must reach
    :data:`COMMON_WORD_THRESHOLD`, see :func:`_needs_more`); a
    word right next to one (only spaces between) joins it when it reaches
    ``join``, so a surname scored a little lower than its first name is not
    left behind (:func:`_may_join` says which words may). A run right after a
    street or place word is a street's or a saint's name, not a patient's.
    """
    if len(scored) < MIN_WORDS:
        return []
    flagged = [
        probability >= (COMMON_WORD_THRESHOLD if _needs_more(text, scored, i) else threshold)
        for i, (_, probability) in enumerate(scored)
    ]
    _bridge_particles(text, scored, flagged)
    changed = True
    while changed:
        changed = False
        for i, (token, probability) in enumerate(scored):
            if flagged[i] or probability < join:
                continue
            for j in (i - 1, i + 1):
                if not (0 <= j < len(scored) and flagged[j]):
                    continue
                neighbour = scored[j][0]
                if _adjacent(text, token, neighbour) and _may_join(token, neighbour):
                    flagged[i] = changed = True
                    break
    _trim_particles(text, scored, flagged)
    spans: list[tuple[int, int]] = []
    previous: Token | None = None
    for (token, _), name in zip(scored, flagged, strict=True):
        if not name:
            previous = None
            continue
        if previous is not None and _adjacent(text, previous, token):
            spans[-1] = (spans[-1][0], token.end)
        else:
            spans.append((token.start, token.end))
        previous = token
    spans = [with_initials(text, span) for span in spans if not _after_place_word(text, span[0])]
    return _bridged(text, spans)


_INITIAL_AFTER = re.compile(r"[ \t]+(?P<initial>[^\W\d_])(?P<dot>\.?)(?![\w'’\-])")
_INITIALS_BEFORE = re.compile(r"(?:(?<![\w'’.])[^\W\d_]\.(?:[ \t]*-?[ \t]*)?)+$")
_JOINERS = re.compile(r"[ \t]+[iy][ \t]+")
_COMMA = re.compile(r"[ \t]*,[ \t]*")
_ONE_LETTER_WORDS = frozenset("aeiouyàèéìòù")
_SHORTHAND_LETTERS = frozenset("xqk")
"""Letters typed for a word: "x" for "per"/"pour"/"por", "q"/"k" for "que"/"che"."""
_BARE_LETTERS = _ONE_LETTER_WORDS | _SHORTHAND_LETTERS
"""Letters that, without a full stop, are words, not initials."""
_ABBREVIATIONS = frozenset("vspcnl")
"""A lone "v.", "s.", "p.", "c.", "n.", "l." abbreviates a street, a saint or a number."""


def with_initials(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Stretch a name over the initials around it: "g. ferrucci", "Rosalba M.", "yasmine b".

    Before the name an initial needs its full stop (and a lone :data:`_ABBREVIATIONS`
    letter is left out); after it a lower-case
    letter that is a word of its own ("e", "y", "a"), that stands for one
    ("x", "q"), the pronoun "I", or a lower-case letter after a name in capitals
    ("ROSSI MARIA x ritiro") is taken only with a full stop.
    """
    start, end = span
    before = _INITIALS_BEFORE.search(text, max(0, start - 20), start)
    if before is not None and fold(before.group().strip(" \t.-")) not in _ABBREVIATIONS:
        start = before.start()
    after = _INITIAL_AFTER.match(text, end)
    if after is not None:
        letter = after.group("initial")
        bare = (
            letter.lower() in _BARE_LETTERS
            or letter == "I"
            or (letter.islower() and text[start:end].isupper())
        )
        if after.group("dot") or not bare:
            end = after.end()
    return start, end


def _bridged(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join the parts of one person's name that a joiner or a comma splits.

    A Catalan or Spanish "i"/"y" between surnames: a name of two words or
    more, then one surname ("Joan Puig i Ferrer", "Ramón de la Torre y
    Saavedra"; "Paloma y Maite Goñi" are two people). A comma after a
    surname in capitals, or before a first name that ends the line, as forms
    have it ("MACKENZIE, Fiona", "brambati, elisa").
    """
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and (start <= joined[-1][1] or _one_name(text, joined[-1], (start, end))):
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def _one_name(text: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    between = text[left[1] : right[0]]
    right_words = len(text[right[0] : right[1]].split())
    if _JOINERS.fullmatch(between) is not None:
        return len(text[left[0] : left[1]].split()) >= 2 and right_words == 1
    if _COMMA.fullmatch(between) is None or right_words > 2:
        return False
    return text[left[0] : left[1]].isupper() or _LINE_END.match(text, right[1]) is not None


_LINE_END = re.compile(r"[ \t]*(?:[.!]?[ \t]*(?:\n|$))")


_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?[ \t]+$")


def _after_place_word(text: str, start: int) -> bool:
    """Tell whether a street or place word opens the capitalised words before ``start``.

    "via Carlo Pisacane", "piazza Porta Romana", "San Rocco": a street's or a
    saint's name, whichever of its words the model scored ("Hospital San
    Juan de Dios": particles count with the capitalised words). Only words
    with spaces between count: "… in hospital. Megan Holloway" is a name.
    """
    position = start
    for _ in range(5):
        before = _WORD_BEFORE.search(text, max(0, position - 40), position)
        if before is None:
            return False
        word = before.group(1)
        if fold(word) in PLACE_WORDS:
            return True
        if not word[:1].isupper() and fold(word) not in NAME_PARTICLES:
            return False
        position = before.start()
    return False


NAME_PARTICLES = (PARTICLES - {"y"}) | frozenset("el al ni bin ben ibn abu ter ten".split())
"""Words inside a name between two of its words ("Serena Lo Verde", "Aoife Ní Bhriain");
"y" joins two people as often as two surnames (see :func:`_one_name`)."""


def _bridge_particles(
    text: str, scored: Sequence[tuple[Token, float]], flagged: list[bool]
) -> None:
    """Flag the particles between two words flagged as names, whatever their own score."""
    for i, (token, _) in enumerate(scored):
        if flagged[i] or fold(token.text) not in NAME_PARTICLES:
            continue
        j = i
        while j + 1 < len(scored) and fold(scored[j + 1][0].text) in NAME_PARTICLES:
            j += 1
        left, right = i - 1, j + 1
        if left < 0 or right >= len(scored) or not (flagged[left] and flagged[right]):
            continue
        chain = [scored[k][0] for k in range(left, right + 1)]
        if all(_adjacent(text, a, b) for a, b in itertools.pairwise(chain)):
            for k in range(i, j + 1):
                flagged[k] = True


def _trim_particles(text: str, scored: Sequence[tuple[Token, float]], flagged: list[bool]) -> None:
    """Unflag particles that end a run of names ("viene xabier de la …": "de la" stays)."""
    for i in reversed(range(len(scored))):
        if not flagged[i] or fold(scored[i][0].text) not in NAME_PARTICLES:
            continue
        after = i + 1
        continues = (
            after < len(scored)
            and flagged[after]
            and _adjacent(text, scored[i][0], scored[after][0])
        )
        if not continues:
            flagged[i] = False


def _needs_more(text: str, scored: Sequence[tuple[Token, float]], index: int) -> bool:
    """Tell whether a word needs :data:`COMMON_WORD_THRESHOLD` to be a name on its own.

    A common lower-case word does ("dile"), and so does a lower-case word
    right after a capitalised one ("Leandro Carrasco cancela la cita"), and
    a first name that is also an everyday word where a sentence opens, its
    capital the keyboard's ("Grace period for paying?").
    """
    token = scored[index][0]
    if _common_lower(token):
        return True
    if fold(token.text) in name_lexicon().ambiguous_first and _opens_at(text, token.start):
        return True
    if not token.text.islower() or index == 0:
        return False
    before = scored[index - 1][0]
    return before.text[:1].isupper() and before.end + 1 >= token.start


def _opens_at(text: str, start: int) -> bool:
    """Tell whether a sentence opens at ``start``: only spaces since the last end or the start."""
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in _SENTENCE_END


def _common_lower(token: Token) -> bool:
    """Tell whether a lower-case word is as common as everyday words and in no name list."""
    key = fold(token.text)
    if not token.text.islower() or _lists(key):
        return False
    return top_zipf(key) >= COMMON_WORD_ZIPF


def _may_join(token: Token, name: Token) -> bool:
    """Tell whether a word may join the name next to it on a lower score.

    A particle may ("de la Torre"). Otherwise it must start as the name does
    (lower case next to lower case: "Leandro Carrasco cancela" stays), and
    in lower case be rarer than everyday words ("… nació el 14") and no kin
    word ("zia ernestina").
    """
    key = fold(token.text)
    if key in PARTICLES:
        return True
    if key in KIN_WORDS and token.text.islower():
        return False  # "zia ernestina": the relative, then the name
    if token.text[:1].isupper() != name.text[:1].isupper():
        return False
    if token.text[:1].isupper():
        return True
    return top_zipf(key) < JOIN_MAX_ZIPF


def _adjacent(text: str, left: Token, right: Token) -> bool:
    if left.start > right.start:
        left, right = right, left
    return text[left.end : right.start].strip(" \t") == ""


class LearnedNameRecognizer(RuleRecognizer):
    """Recognize names by where they sit in the message, with the shipped logistic model."""

    ENTITIES = ("PERSON",)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one PERSON result per run of words the model scores as a name."""
        return [
            finding(self, "PERSON", start, end, SCORE, "a word placed as names are")
            for start, end in name_spans(text, self.supported_language)
        ]


def is_learned(result: RecognizerResult) -> bool:
    """Tell whether ``result`` came from this recognizer (it only adds to the others' findings)."""
    name = (result.recognition_metadata or {}).get(RecognizerResult.RECOGNIZER_NAME_KEY, "")
    return str(name).startswith(LearnedNameRecognizer.__name__)

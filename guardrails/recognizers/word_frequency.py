"""How common a word is in the four patient languages, from wordfreq's corpus counts.

A name typed in lower case ("sono marco zanichelli") looks like any other
word; how often it occurs in ordinary Italian, French, English and Spanish
text tells them apart. "domani", "vorrei", "prenotazione" are everyday words
(Zipf frequency 3.7-5.2); "zanichelli" is 3.2 and "pagliarulo" 1.6. wordfreq
counts names as words, so a frequency is evidence, never proof: the name
recognizers use it only where a name is already likely (right after a first
name, an introduction, or as a message's signature).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from wordfreq import get_frequency_dict, zipf_frequency

from guardrails.recognizers.lexicon import fold

LANGUAGES: tuple[str, ...] = ("it", "fr", "en", "es")


FOLDED_MIN_ZIPF = 1.0
"""Accented words rarer than this are not indexed under their unaccented spelling."""


Index = dict[str, dict[str, float]]
"""Per language, an accented word's unaccented spelling and its Zipf frequency."""

IndexSource = Callable[[Callable[[], Index]], Index]
"""Given the index's builder, return the index: a kept copy, or what the builder makes."""

_source: IndexSource | None = None


def use_index_source(source: IndexSource | None) -> None:
    """Have ``source`` supply the accent index (``None``: build it in process).

    Building it reads four frequency lists, over a second of CPU; the agent keeps
    a copy between starts (``agent.startup_cache.kept_accent_index``).
    """
    global _source
    _source = source


def index_identity() -> bytes:
    """Return what the index is made from: the wordfreq version, this code, the folding code."""
    parts = [f"{version('wordfreq')}\0{FOLDED_MIN_ZIPF}\0{LANGUAGES}".encode()]
    for source in (Path(__file__), Path(__file__).with_name("lexicon.py")):
        parts.append(source.read_bytes())
    return b"\0".join(parts)


@lru_cache(maxsize=1)
def _unaccented() -> Index:
    """Map, per language, an accented word's unaccented spelling to its Zipf frequency.

    Patients type without accents: "nacio", "alergico", "tambien" are everyday
    words ("nació", "alérgico", "también") that wordfreq only knows accented.
    """
    return _source(build_index) if _source is not None else build_index()


def build_index() -> Index:
    """Build the accent index from wordfreq's lists (see :func:`_unaccented`)."""
    index: Index = {}
    for language in LANGUAGES:
        folded: dict[str, float] = {}
        for word, frequency in get_frequency_dict(language).items():
            if word.isascii():
                continue
            zipf = math.log10(frequency) + 9
            key = fold(word)
            if zipf >= FOLDED_MIN_ZIPF and key != word and folded.get(key, 0.0) < zipf:
                folded[key] = zipf
        index[language] = folded
    return index


@lru_cache(maxsize=262144)
def zipf(word: str, language: str) -> float:
    """Return the Zipf frequency of ``word`` in ``language``, accented spellings included."""
    found = zipf_frequency(word, language)
    if word.isascii():
        found = max(found, round(_unaccented()[language].get(word, 0.0), 2))
    return found


def shared_proper_noun(word: str) -> bool:
    """Tell whether a lower-case word reads like a place's or person's name (Palermo, Zaragoza).

    A proper noun is written in every language's text; an everyday word mostly
    in one. Looser than :func:`looks_like_name`: for places where a name or a
    town is what comes (right after an address).
    """
    frequencies = sorted((zipf(word, lang) for lang in LANGUAGES), reverse=True)
    return frequencies[0] < SHARED_MAX_ZIPF and frequencies[2] >= SHARED_MIN_SPREAD_ZIPF


@lru_cache(maxsize=65536)
def top_zipf(word: str) -> float:
    """Return the highest Zipf frequency of ``word`` in the four languages (0 = unseen).

    Zipf 3 is about once per million words; 6 is "the", "di", "de".
    """
    return max(zipf(word, language) for language in LANGUAGES)


@lru_cache(maxsize=65536)
def looks_like_name(word: str, *, expected: bool = False) -> bool:
    """Tell whether a lower-case word in no name list is more likely a name than a word.

    A name is shared by the corpora of several languages (people are written
    about everywhere: "biagio" has Zipf 3.7 in Italian and about 2 in the
    other three), an everyday word belongs to one ("allergica" 3.4 in Italian,
    0 elsewhere; "stanca", "incinta", "embarazada" likewise). So: less common
    than everyday words and seen in at least three languages' text; or rare
    everywhere ("zeudi"). ``expected`` is for places where a name is what
    usually comes ("mio padre ...", a message's signature): there commoner
    names ("luc", "diana") and rarer ones ("rapisardi") pass too.
    """
    if verb_with_pronouns(word):
        return False
    frequencies = sorted((zipf(word, lang) for lang in LANGUAGES), reverse=True)
    top, third = frequencies[0], frequencies[2]
    if expected:
        return (top < EXPECTED_NAME_MAX_ZIPF and third >= NAME_MIN_SPREAD_ZIPF) or top < 3.0
    return (top < NAME_MAX_ZIPF and third >= NAME_MIN_SPREAD_ZIPF) or top < UNSEEN_ZIPF


_PRONOUNS = r"(?:me|te|se|lo|la|le|li|ne|ci|vi|gli|nos|os|los|las|les|mi|ti|si)"
# A verb with pronouns written on (Spanish and Italian): its stem ends as an infinitive
# ("llamarme", "chiamarmi"), a gerund ("llamandome") or an imperative ("revisadlo", "chiamatemi").
_VERB_WITH_PRONOUNS = re.compile(
    rf"(?P<stem>[a-z]{{3,}}(?:ad|ed|id|ar|er|ir|ando|iendo|ate|ete|ite)){_PRONOUNS}{{1,2}}"
)
VERB_MIN_ZIPF = 3.0
"""How common the bare verb must be in Spanish or Italian ("revisar", "chiamate")."""


def verb_with_pronouns(word: str) -> bool:
    """Tell whether a lower-case word is a verb with its pronouns written on, not a name.

    "porfa revisadlo", "avisadme", "llamarme", "chiamatemi": rare as written, so
    they would pass for names, but "revisar", "avisar", "llamar", "chiamate" are
    common.
    """
    match = _VERB_WITH_PRONOUNS.fullmatch(word)
    if match is None:
        return False
    stem = match.group("stem")
    forms = {stem, stem[:-1] + "r" if stem.endswith("d") else stem, stem + "e"}
    return any(max(zipf(form, "es"), zipf(form, "it")) >= VERB_MIN_ZIPF for form in forms)


NAME_MAX_ZIPF = 4.0
EXPECTED_NAME_MAX_ZIPF = 4.5
NAME_MIN_SPREAD_ZIPF = 1.5
UNSEEN_ZIPF = 1.5
SHARED_MAX_ZIPF = 5.0
SHARED_MIN_SPREAD_ZIPF = 2.0


def warm() -> None:
    """Load the four frequency lists now rather than on the first message."""
    top_zipf("frontdesk")
    _unaccented()

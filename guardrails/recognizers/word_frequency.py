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

from functools import lru_cache

from wordfreq import zipf_frequency

LANGUAGES: tuple[str, ...] = ("it", "fr", "en", "es")


@lru_cache(maxsize=65536)
def top_zipf(word: str) -> float:
    """Return the highest Zipf frequency of ``word`` in the four languages (0 = unseen).

    Zipf 3 is about once per million words; 6 is "the", "di", "de".
    """
    return max(zipf_frequency(word, language) for language in LANGUAGES)


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
    frequencies = sorted((zipf_frequency(word, lang) for lang in LANGUAGES), reverse=True)
    top, third = frequencies[0], frequencies[2]
    if expected:
        return (top < EXPECTED_NAME_MAX_ZIPF and third >= NAME_MIN_SPREAD_ZIPF) or top < 3.0
    return (top < NAME_MAX_ZIPF and third >= NAME_MIN_SPREAD_ZIPF) or top < UNSEEN_ZIPF


NAME_MAX_ZIPF = 4.0
EXPECTED_NAME_MAX_ZIPF = 4.5
NAME_MIN_SPREAD_ZIPF = 1.5
UNSEEN_ZIPF = 1.5


def warm() -> None:
    """Load the four frequency lists now rather than on the first message."""
    top_zipf("frontdesk")

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

import hashlib
import json
import math
import os
import threading
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from wordfreq import get_frequency_dict, zipf_frequency

from guardrails.recognizers.lexicon import fold

LANGUAGES: tuple[str, ...] = ("it", "fr", "en", "es")


FOLDED_MIN_ZIPF = 1.0
"""Accented words rarer than this are not indexed under their unaccented spelling."""


_index_dir: Path | None = None


def keep_index_in(directory: Path | None) -> None:
    """Read the accent index from ``directory`` when it was kept there, else keep it there.

    Building it reads four frequency lists (over a second of CPU at every
    start); the kept copy is named by the wordfreq version and this module's and
    the folding code's source, and carries a SHA-256 of its content: a damaged
    or stale file is ignored and the index built again.
    """
    global _index_dir
    _index_dir = directory


def _index_path(directory: Path) -> Path:
    digest = hashlib.sha256(f"{version('wordfreq')}\0{FOLDED_MIN_ZIPF}\0{LANGUAGES}".encode())
    for source in (Path(__file__), Path(__file__).with_name("lexicon.py")):
        digest.update(source.read_bytes())
    return directory / f"accents-{digest.hexdigest()[:32]}.json"


def _read_index(path: Path) -> dict[str, dict[str, float]] | None:
    try:
        check, _, payload = path.read_bytes().partition(b"\n")
    except OSError:
        return None
    if hashlib.sha256(payload).hexdigest().encode() != check:
        return None
    index = json.loads(payload)
    return index if isinstance(index, dict) and set(index) == set(LANGUAGES) else None


def _write_index(path: Path, index: dict[str, dict[str, float]]) -> None:
    payload = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        partial.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
        os.replace(partial, path)
    except OSError:
        pass  # a copy that cannot be kept only costs time at the next start


@lru_cache(maxsize=1)
def _unaccented() -> dict[str, dict[str, float]]:
    """Map, per language, an accented word's unaccented spelling to its Zipf frequency.

    Patients type without accents: "nacio", "alergico", "tambien" are everyday
    words ("nació", "alérgico", "también") that wordfreq only knows accented.
    """
    path = _index_path(_index_dir) if _index_dir is not None else None
    kept = _read_index(path) if path is not None else None
    if kept is not None:
        return kept
    index = _build_unaccented()
    if path is not None:
        _write_index(path, index)
    return index


def _build_unaccented() -> dict[str, dict[str, float]]:
    index: dict[str, dict[str, float]] = {}
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
    frequencies = sorted((zipf(word, lang) for lang in LANGUAGES), reverse=True)
    top, third = frequencies[0], frequencies[2]
    if expected:
        return (top < EXPECTED_NAME_MAX_ZIPF and third >= NAME_MIN_SPREAD_ZIPF) or top < 3.0
    return (top < NAME_MAX_ZIPF and third >= NAME_MIN_SPREAD_ZIPF) or top < UNSEEN_ZIPF


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

"""Multilingual phrase lists the text guards match, one YAML file per guard.

A lexicon file maps names to lists of phrases. Phrases are matched on folded
text (lower case, no accents, see :func:`fold`), so "arrêt cardiaque" and
"ARRET CARDIAQUE" are the same phrase. In a phrase:

- ``*`` at the end of a word matches any ending: ``sanguin*`` matches
  "sanguina", "sanguinamento";
- ``~`` between words allows up to three other words in between:
  ``dolore ~ petto`` matches "dolore forte al petto";
- everything else is literal; words are matched whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from guardrails.recognizers.lexicon import fold, longest_first

HERE = Path(__file__).resolve().parent

_GAP = r"(?:\W+\w+){0,3}?\W+"

# libyaml's loader reads the lexicons about 8x faster than the pure-Python one (a second
# of every start); both build the same data (tests/guardrails/test_phrase_pattern.py).
_YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LexiconError(Exception):
    """A lexicon file is missing or malformed; the message names the file and the problem."""


@cache
def load_lexicon(name: str) -> dict[str, Any]:
    """Read ``guardrails/lexicons/<name>.yaml`` once per process."""
    path = HERE / f"{name}.yaml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)  # noqa: S506
    except FileNotFoundError as exc:
        raise LexiconError(f"lexicon {path} does not exist") from exc
    except yaml.YAMLError as exc:
        raise LexiconError(f"lexicon {path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"lexicon {path} must be a mapping of names to phrase lists")
    return data


def _phrase_regex(phrase: str) -> str:
    parts: list[str] = []
    for gap_part in fold(phrase).split("~"):
        words = gap_part.split()
        if not words:
            raise LexiconError(f"phrase {phrase!r} has an empty part around '~'")
        regex_words = [
            re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words
        ]
        parts.append(r"\W+".join(regex_words))
    return _GAP.join(parts)


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Compile phrases into one case-insensitive pattern over folded text.

    Match it against ``fold(text)``; the longest phrases are tried first.
    """
    return re.compile(phrase_regex(phrases))


def phrase_regex(phrases: Iterable[str]) -> str:
    """Return the source of :func:`phrase_pattern`, for callers that wrap it before compiling."""
    # longest first, ties in text order: the same source in every process (hash seeds differ)
    unique = sorted({p.strip() for p in phrases if p and p.strip()}, key=longest_first)
    if not unique:
        raise LexiconError("a phrase list is empty")
    body = "|".join(_phrase_regex(p) for p in unique)
    return rf"(?<!\w)(?:{body})(?!\w)"


PLACEHOLDER = re.compile(r"<[A-Z][A-Z0-9_]*_\d+>")
"""A redaction placeholder (``<PERSON_1>``): what the patient wrote, never a phrase."""

JOINERS = str.maketrans(dict.fromkeys("'’‘`´-_", " "))
"""Apostrophes, hyphens and underscores read as spaces ("l'ecografia", "check-up")."""


def normalise(text: str) -> tuple[str, Callable[[int], int]]:
    """Fold ``text`` for matching; return it with a function mapping folded offsets back.

    Placeholders (``<PERSON_1>``) become spaces so their words never match.
    """
    blanked = PLACEHOLDER.sub(lambda m: " " * len(m.group()), text)
    folded = fold(blanked)
    if len(folded) == len(blanked):
        return folded.translate(JOINERS), lambda i: min(i, len(text))
    # Folding changed the length ("ß" -> "ss"): fold char by char and keep a map.
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(blanked):
        piece = fold(char)
        pieces.append(piece)
        origin.extend([index] * len(piece))
    origin.append(len(text))
    return "".join(pieces).translate(JOINERS), lambda i: origin[min(i, len(origin) - 1)]

"""Names the channel already knows belong to the patient (their WhatsApp profile name).

The profile name arrives with every WhatsApp message, so when the patient
writes it — whole or in part, in any case, with or without accents — it is
redacted even where no other rule would recognise a name. Only words of three
letters or more count, so initials and emoji in a profile name match nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from presidio_analyzer import RecognizerResult

from guardrails.recognizers.lexicon import fold

ENTITY = "PERSON"
SCORE = 0.95
_NAME_WORD = re.compile(r"[^\W\d_]{3,}")


def fold_keeping_offsets(text: str) -> str:
    """Fold ``text`` (see :func:`lexicon.fold`) one character for one, so offsets stay valid."""
    if text.isascii():
        return text.lower()  # what the loop below makes of ASCII text
    out = []
    for char in text:
        folded = fold(char)
        out.append(folded if len(folded) == 1 else char)
    return "".join(out)


def name_words(names: Iterable[str]) -> tuple[str, ...]:
    """Return the folded words of ``names`` worth matching, longest first."""
    words = {fold_keeping_offsets(w) for name in names for w in _NAME_WORD.findall(name)}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def find_known_names(text: str, names: Sequence[str]) -> list[RecognizerResult]:
    """Return a PERSON finding for each whole-word occurrence of a word of ``names``."""
    words = name_words(names)
    if not words:
        return []
    folded = fold_keeping_offsets(text)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")
    return [
        RecognizerResult(entity_type=ENTITY, start=m.start(), end=m.end(), score=SCORE)
        for m in pattern.finditer(folded)
    ]

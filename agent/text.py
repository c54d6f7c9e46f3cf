"""Text folding shared by the router and the composers: lowercase, no accents, word tokens."""

from __future__ import annotations

import re
import unicodedata

from knowledge.lexical import LIGATURES

_WORD = re.compile(r"[a-z0-9]+(?:[:.h][0-9]{2})?")


def fold(text: str) -> str:
    """Lowercase ``text``, strip accents and undo ligatures ("Cœur" -> "coeur")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES).lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """Return the folded word tokens of ``text``; times like 8:00, 8.00 and 8h00 become 8:00."""
    out = []
    for token in _WORD.findall(fold(text)):
        if len(token) > 3 and token[-3] in ":.h" and token[:-3].isdigit():
            token = f"{token[:-3]}:{token[-2:]}"
        out.append(token)
    return out

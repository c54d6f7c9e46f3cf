"""The prompt-leak guard: blocks a draft reply that reproduces the text of our prompts.

A model that was talked into "repeating its instructions" copies them, often
reformatted: another case, other line breaks, the rule numbers dropped, a word
here and there changed. The guard compares the draft with the protected texts
(the system prompts) by *shingles*: every run of ``shingle`` consecutive folded
words (lower case, no accents, punctuation and rule numbers ignored). Draft words
covered by shingles that also occur in a protected text are counted; when they
reach ``min_words`` (or the whole of a shorter protected text) the draft is
blocked. Short shared phrases ("the clinic", "please contact us") never reach a
whole shingle, so ordinary replies pass.

Shingles of the protected texts are hashed once, at construction; a check is a
tokenisation and one set lookup per draft word (well under a millisecond for a
WhatsApp-sized reply). If something unexpected fails while checking, the guard
fails closed: ``allowed=False``, reason "prompt leak: check failed".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from guardrails.base import Finding, GuardContext, Verdict
from guardrails.recognizers.lexicon import fold

# Words, keeping accents written as combining marks and invisible joiners inside them,
# so that offsets stay those of the draft.
_WORD = re.compile(r"(?:\w|[\u0300-\u036f\u00ad\u200b-\u200d\u2060\ufeff])+")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
# Rule and list numbers ("1.", "7)") are dropped: a copy that renumbers is still a copy.
_LIST_NUMBER = re.compile(r"\d{1,2}")


class _Token(NamedTuple):
    """One folded word of a text and where it is in that text."""

    word: str
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    """Return the folded words of ``text``, without bare list numbers."""
    tokens = []
    for match in _WORD.finditer(text):
        word = match.group()
        word = word.lower() if word.isascii() else _INVISIBLE.sub("", fold(word))
        if word and not _LIST_NUMBER.fullmatch(word):
            tokens.append(_Token(word, match.start(), match.end()))
    return tokens


class PromptLeakGuard:
    """Block drafts that copy ``shingle``-word runs of a protected text, ``min_words`` in all.

    ``protected`` are the prompt texts to keep private (keyword-only, required).
    Texts shorter than one shingle cannot be recognised and are ignored.
    """

    name = "prompt_leak"

    def __init__(self, *, protected: Iterable[str], shingle: int = 6, min_words: int = 10) -> None:
        if shingle < 2 or min_words < shingle:
            raise ValueError("need shingle >= 2 and min_words >= shingle")
        self.shingle = shingle
        self.min_words = min_words
        # Shingle -> word count of the shortest protected text holding it.
        self._shingles: dict[str, int] = {}
        for text in protected:
            words = [token.word for token in _tokens(text)]
            for index in range(len(words) - shingle + 1):
                key = " ".join(words[index : index + shingle])
                self._shingles[key] = min(len(words), self._shingles.get(key, len(words)))
        if not self._shingles:
            raise ValueError(f"no protected text has {shingle} words or more")

    def check(self, text: str, context: GuardContext) -> Verdict:
        """Return a blocking verdict if the draft ``text`` reproduces a protected text."""
        try:
            return self._check(text)
        except Exception:  # fail closed: a draft that cannot be checked is not sent
            return Verdict(
                guard=self.name,
                allowed=False,
                text=text if isinstance(text, str) else "",
                risk=1.0,
                reason="prompt leak: check failed",
            )

    def _check(self, text: str) -> Verdict:
        tokens = _tokens(text)
        words = [token.word for token in tokens]
        covered = [False] * len(tokens)
        needed = self.min_words
        for index in range(len(tokens) - self.shingle + 1):
            key = " ".join(words[index : index + self.shingle])
            length = self._shingles.get(key)
            if length is not None:
                covered[index : index + self.shingle] = [True] * self.shingle
                needed = min(needed, length)
        count = sum(covered)
        if count < needed:
            return Verdict(
                guard=self.name,
                allowed=True,
                text=text,
                risk=round(count / needed, 3),
                reason="no prompt text found",
            )
        first = covered.index(True)
        last = len(covered) - 1 - covered[::-1].index(True)
        return Verdict(
            guard=self.name,
            allowed=False,
            text=text,
            risk=1.0,
            reason="prompt leak",
            findings=(
                Finding(
                    type="PROMPT_TEXT", start=tokens[first].start, end=tokens[last].end, score=1.0
                ),
            ),
        )

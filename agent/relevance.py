"""Decides whether the retrieved approved passages can answer a question at all.

A wrong answer is worse than "I don't know". Two checks, before any composer
runs:

* **Unknown terms.** A content word of the question that no approved document
  contains, in any form, and that is not a known front-desk concept ("do you
  do *acupuncture*?"), means the documents are about something else. Words
  match by their first five letters, so typos and inflections ("prenotazzione",
  "jewelry"/"jewellery") still count as known.
* **Similarity.** Passages whose cosine similarity to the question is below
  ``min_dense`` are dropped; above ``confident_dense`` a passage is trusted
  even when the question has an unknown word.
"""

from __future__ import annotations

from collections.abc import Callable

from agent.lexicon import CONCEPTS, concept_of, concepts, content_words
from knowledge.types import Passage

PREFIX = 5
CONCEPT_NAMES = frozenset(CONCEPTS)
# Concepts too general to show that a passage is about what was asked.
WEAK_CONCEPTS = frozenset({"hours", "visit", "days", "phone", "open", "bring", "online", "address"})


def _concepts_of(passages: list[Passage]) -> set[str]:
    found: set[str] = set()
    for p in passages:
        found |= concepts(f"{p.title}\n{p.heading}\n{p.text}")
    return found


class RelevanceGate:
    """Keeps only the passages that can answer a question; may keep none."""

    def __init__(
        self,
        *,
        vocabulary: Callable[[], frozenset[str]],
        min_dense: float = 0.80,
        confident_dense: float = 0.90,
    ) -> None:
        self._vocabulary = vocabulary
        self._min_dense = min_dense
        self._confident_dense = confident_dense
        self._prefix_cache: tuple[frozenset[str], frozenset[str]] | None = None

    def unknown_terms(self, question: str) -> list[str]:
        """Return the content words of ``question`` that no approved document knows."""
        vocabulary = self._vocabulary()
        prefixes = self._prefixes(vocabulary)
        unknown = []
        for term in content_words(question):
            if len(term) < 4 or term[0].isdigit():
                continue
            if concept_of(term) is not None or term in vocabulary:
                continue
            if term[:PREFIX] in prefixes:
                continue
            unknown.append(term)
        return unknown

    def filter(self, question: str, passages: list[Passage]) -> list[Passage]:
        """Return the passages that may answer ``question``, best first."""
        kept = [p for p in passages if p.dense >= self._min_dense]
        if not kept:
            return []
        unknown = self.unknown_terms(question)
        if unknown and max(p.dense for p in kept) < self._confident_dense:
            # A few unknown words are tolerated when the passages cover twice as many of the
            # question's specific concepts ("how many days until the results *come out*").
            covered = (concepts(question) - WEAK_CONCEPTS) & _concepts_of(kept)
            if len(covered & CONCEPT_NAMES) < 2 * len(unknown):
                return []
        return kept

    def _prefixes(self, vocabulary: frozenset[str]) -> frozenset[str]:
        cached = self._prefix_cache
        if cached is not None and cached[0] is vocabulary:
            return cached[1]
        prefixes = frozenset(w[:PREFIX] for w in vocabulary if len(w) >= PREFIX)
        self._prefix_cache = (vocabulary, prefixes)
        return prefixes

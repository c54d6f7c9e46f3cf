"""Decides whether the retrieved approved passages can answer a question at all.

A wrong answer is worse than "I don't know". Two checks, before any composer
runs:

* **Unknown terms.** A content word of the question that no approved document
  contains, in any form, and that is not a known front-desk concept ("do you
  do *acupuncture*?"), means the documents are about something else. Words
  match by their first five letters, so typos and inflections ("prenotazzione",
  "jewelry"/"jewellery") still count as known; a phrase of the lexicon
  ("permis de conduire") is one term, and relatives ("mio padre") count
  neither way.
* **Similarity.** Passages whose cosine similarity to the question is below
  ``min_dense`` are dropped; above ``confident_dense`` a passage is trusted
  even when the question has an unknown word.
"""

from __future__ import annotations

from collections.abc import Callable

from agent.lexicon import CONCEPTS, NEUTRAL_WORDS, concept_of, concepts, content_words, is_family
from knowledge.types import Passage

PREFIX = 5
FLOOR = "below the similarity floor"
UNKNOWN = "words the documents lack"
# Concepts too general to show that a passage is about what was asked.
WEAK_CONCEPTS = frozenset(
    {"hours", "visit", "days", "phone", "open", "bring", "online", "address", "clinic", "patient"}
)
# Concepts a question may name without the documents speaking of them: the general ones, a
# complaint about the conversation itself ("reclamo, la terza volta che sbagliate! ...") and
# the practice itself ("le cabinet de Ruzafa ferme a midi?", over documents saying "clínica").
GO_WITHOUT_SAYING = WEAK_CONCEPTS | {"complaint", "office"}
# Concepts the documents speak of when they name any of these days ("dal lunedì al venerdì"
# answers "en semaine"; "sabato" answers "le week-end").
IMPLIED_BY: dict[str, frozenset[str]] = {
    "weekday": frozenset({"monday", "tuesday", "wednesday", "thursday", "friday"}),
    "weekend": frozenset({"saturday", "sunday"}),
}
# Concepts with a one-word form: only of these can the vocabulary (single words) show that
# the documents speak of them; "health card" has phrases only, and counts neither way.
SINGLE_WORD_CONCEPTS = frozenset(
    c for c, forms in CONCEPTS.items() if any(" " not in f for f in forms)
)


class RelevanceGate:
    """Keeps only the passages that can answer a question; may keep none."""

    def __init__(
        self,
        *,
        vocabulary: Callable[[], frozenset[str]],
        min_dense: float = 0.80,
        known_words_dense: float = 0.78,
        confident_dense: float = 0.90,
        cross_language_ratio: float = 0.5,
    ) -> None:
        self._vocabulary = vocabulary
        self._min_dense = min_dense
        self._known_words_dense = known_words_dense
        self._confident_dense = confident_dense
        self._cross_ratio = cross_language_ratio
        self._prefix_cache: tuple[frozenset[str], frozenset[str], frozenset[str]] | None = None

    def split_terms(
        self, question: str, passages: list[Passage] | None = None
    ) -> tuple[list[str], list[str]]:
        """Return the content words of ``question`` the approved documents know, and the others.

        A phrase of the lexicon ("permis de conduire", "sign language") is one
        term: known when the documents speak of its concept, or when one of
        ``passages`` holds the phrase, whatever its words ("permis" and
        "conduire" may both be in the documents, and say something else).
        Likewise a word whose concept the documents name only in a phrase
        ("lettino" over "tables d'examen") is known when one of ``passages``
        holds that phrase.
        """
        vocabulary = self._vocabulary()
        prefixes, spoken_of = self._prefixes(vocabulary)
        in_passages: set[str] | None = None

        def known_concept(concept: str | None) -> bool:
            nonlocal in_passages
            if concept in spoken_of or concept in GO_WITHOUT_SAYING:
                return True
            if concept is None:
                return False
            if in_passages is None:
                in_passages = set().union(*(concepts(p.text) for p in passages or []))
            return concept in in_passages

        known: list[str] = []
        unknown: list[str] = []
        phrases: list[str] = []
        for term in content_words(question, found=phrases):
            if len(term) < 3 or term[0].isdigit():
                continue
            concept = concept_of(term)
            # "mio padre", "my mum": who the question is about, not what it asks.
            if is_family(term):
                continue
            # A concept the documents speak of in any language ("sabato" when they say
            # "samedi"); general ones ("clinic", "address") go without saying.
            if known_concept(concept):
                known.append(term)
            elif term in NEUTRAL_WORDS:  # a word for when: after concepts, "ora" is *hours*
                continue
            # A word of a concept the documents never speak of is not rescued by a document
            # word that merely begins alike ("interpreter" / "intervention").
            elif term in vocabulary or (concept is None and term[:PREFIX] in prefixes):
                known.append(term)
            else:
                unknown.append(term)
        for phrase in phrases:
            concept = concept_of(phrase)
            if known_concept(concept):
                known.append(phrase)
            elif concept in SINGLE_WORD_CONCEPTS:
                unknown.append(phrase)
        return known, unknown

    def unknown_terms(self, question: str) -> list[str]:
        """Return the content words of ``question`` that no approved document knows."""
        return self.split_terms(question)[1]

    def filter(
        self, question: str, passages: list[Passage], language: str | None = None
    ) -> list[Passage]:
        """Return the passages that may answer ``question``, best first (maybe none)."""
        floor = self._floor(question, passages)
        if self._decline(question, passages, language, floor) is not None:
            return []
        return [p for p in passages if p.dense >= floor]

    def decline_reason(
        self, question: str, passages: list[Passage], language: str | None = None
    ) -> str | None:
        """Say why no passage may answer ``question`` (``FLOOR`` or ``UNKNOWN``), or None.

        Unknown words only count when the question is written in a language the
        approved documents are written in: a Spanish question over Italian
        documents is full of words the documents do not use.
        """
        return self._decline(question, passages, language, self._floor(question, passages))

    def _decline(
        self, question: str, passages: list[Passage], language: str | None, floor: float
    ) -> str | None:
        kept = [p for p in passages if p.dense >= floor]
        if not kept:
            return FLOOR
        if max(p.dense for p in kept) >= self._confident_dense:
            return None
        known, unknown = self.split_terms(question, kept)
        same_language = language is None or any(p.language == language for p in passages)
        # An unknown word is tolerated beside at least two known ones ("when do the results
        # *come out*"); alone, it is what the question is about ("do you do *acupuncture*?").
        # In another language than the documents', everyday words are unknown too; the
        # tolerance is the same (0.5 known per unknown): raising it answered more questions
        # on the development sets but also answered unanswerable ones.
        allowed = len(known) / 2 if same_language else len(known) * self._cross_ratio
        # A front-desk concept the documents never speak of ("eye" at a dental clinic) is
        # certainly a subject, not an everyday word: it counts twice.
        weight = sum(1 if concept_of(term) is None else 2 for term in unknown)
        return UNKNOWN if weight > allowed else None

    def _floor(self, question: str, passages: list[Passage]) -> float:
        """Return the similarity a passage needs: lower when every word of the question is known.

        On the development clinics every question whose best passage fell just
        under ``min_dense`` with no word unknown to the documents was answerable
        ("tra natale e capodanno siete aperti?"), and every unanswerable one there
        had an unknown word ("c'e un bar o una macchinetta del caffe dentro?").
        """
        near = [p for p in passages if p.dense >= self._known_words_dense]
        if not near or max(p.dense for p in near) >= self._min_dense:
            return self._min_dense
        known, unknown = self.split_terms(question, near)
        return self._known_words_dense if known and not unknown else self._min_dense

    def _prefixes(self, vocabulary: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
        """Return the word prefixes of ``vocabulary`` and the concepts its words stand for."""
        cached = self._prefix_cache
        if cached is not None and cached[0] is vocabulary:
            return cached[1], cached[2]
        prefixes = frozenset(w[:PREFIX] for w in vocabulary if len(w) >= PREFIX)
        spoken_of = frozenset(c for c in map(concept_of, vocabulary) if c is not None)
        spoken_of |= {implied for implied, days in IMPLIED_BY.items() if spoken_of & days}
        self._prefix_cache = (vocabulary, prefixes, spoken_of)
        return prefixes, spoken_of

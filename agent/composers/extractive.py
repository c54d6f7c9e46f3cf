"""The default composer: quotes the sentences of approved passages that answer the question.

It never writes a fact of its own: every sentence in its reply is copied from
an approved document, framed by a short canned message in the patient's
language, and cited. It picks the sentence (or list item) that shares the
most front-desk concepts with the question (see :mod:`agent.lexicon`), so a
French question can be answered from an Italian document; a list item also
counts the concepts of the line that introduces it and of its section
heading ("Opening hours:" / "- Saturday: 8:00-12:30"). When no sentence
shares a specific concept with the question it says so (``grounded=False``)
instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.composers.base import Citation, Draft
from agent.lexicon import CONCEPTS, concepts
from agent.relevance import WEAK_CONCEPTS
from knowledge.types import Passage
from prompts import message

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÀ-Ý0-9\"'(])")
_BULLET = re.compile(r"^\s*(?:[-•*·]|\d{1,2}[.)])\s+")
# List items that reached the passage run together on one line ("- Cardiologie : lundi ...
# - ORL : mardi ..."): a dash between spaces before a capital starts the next item.
_INLINE_ITEM = re.compile(r"\s+[-•]\s+(?=[A-ZÀ-Ý])")
CONTEXT_WEIGHT = 0.5
EXTRA_PENALTY = 0.15
WORD_WEIGHT = 1.3
CONCEPT_NAMES = frozenset(CONCEPTS)
WEAK_WEIGHT = 0.4
# A question about when ("a che ora", "horaires", "open") is answered by a clock time, and
# its days are the form of the answer, not another subject.
WHEN_CONCEPTS = frozenset({"hours", "open", "close"})
DAY_CONCEPTS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"weekday", "weekend", "days", "noon"}
)
WEEK_DAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekend"}
)
CLOCK_WEIGHT = 0.6
_CLOCK = re.compile(r"\b\d{1,2}(?:[:.h]\d{2}|h)\b", re.IGNORECASE)
# e5 gives a passage in the question's own language a higher similarity than an equally
# relevant one in another; the fact is where it is written, so the composer takes it back.
SAME_LANGUAGE_BIAS = 0.03


@dataclass(frozen=True)
class Unit:
    """A sentence or list item of a passage, with the line that introduces it."""

    text: str
    lead: str | None
    own: frozenset[str]
    context: frozenset[str]


@dataclass(frozen=True)
class _Scored:
    passage: Passage
    rank: int
    units: list[Unit]
    scores: list[float]


def _lines(text: str) -> list[str]:
    """Join lines that a PDF wrapped in the middle of a sentence; keep list items apart."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        wrapped = lines and not _BULLET.match(line) and not re.search(r"[.!?;]$", lines[-1])
        if wrapped and (not lines[-1].endswith(":") or line[0].islower()):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return [item for line in lines for item in _items(line)]


def _items(line: str) -> list[str]:
    """Split a list item that holds several run-together items; other lines stay whole."""
    if not _BULLET.match(line):
        return [line]
    return [f"- {part}" if i else part for i, part in enumerate(_INLINE_ITEM.split(line))]


def split_units(text: str, heading: str = "") -> list[Unit]:
    """Split a passage into sentences and list items, each with its introducing line."""
    heading_concepts = concepts(heading)
    units: list[Unit] = []
    lead: str | None = None
    for line in _lines(text):
        is_item = bool(_BULLET.match(line))
        clean = _BULLET.sub("", line).strip()
        if not is_item:
            lead = None
        lead_concepts = concepts(lead) if lead else frozenset()
        for sentence in (s.strip() for s in _SENTENCE_END.split(clean)):
            if not sentence or sentence.lower() == heading.strip().lower():
                continue
            units.append(
                Unit(
                    text=sentence,
                    lead=lead if is_item else None,
                    own=frozenset(concepts(sentence)),
                    context=frozenset(heading_concepts | set(lead_concepts)),
                )
            )
        if not is_item and clean.endswith(":"):
            lead = clean
    return units


def split_sentences(text: str) -> list[str]:
    """Return the sentences and list items of a passage, as quoted in replies."""
    return [u.text for u in split_units(text)]


def score(unit: Unit, wanted: set[str]) -> float:
    """How well a unit answers the question.

    Each concept it shares with the question counts (weak ones and those only
    in the introducing line or heading count less); each front-desk concept it
    speaks of that the question did not ask about counts a little against it,
    so "Saturday: 8:00-12:30" beats "blood draws on Saturday 8:00-10:00" for
    "when do you open on Saturday?".
    """
    total = 0.0
    asks_when = bool(wanted & WHEN_CONCEPTS)
    asks_days = asks_when or "days" in wanted
    # a time given for other days does not answer "and on Sunday?"
    named_days = wanted & WEEK_DAYS
    if (
        asks_when
        and _CLOCK.search(unit.text)
        and (not named_days or named_days & (unit.own | unit.context))
    ):
        total += CLOCK_WEIGHT
    for concept in wanted & (unit.own | unit.context):
        if concept in WEAK_CONCEPTS:
            weight = WEAK_WEIGHT
        elif concept in CONCEPT_NAMES:
            weight = 1.0
        else:  # the same word as the question, in the document's own language: strong evidence
            weight = WORD_WEIGHT
        total += weight if concept in unit.own else weight * CONTEXT_WEIGHT
    # other days are the form of an answer about when, unless the question names a day
    # this sentence does not speak of ("aprite la domenica?" is not answered by Monday's hours)
    days_are_form = asks_days and (not named_days or bool(named_days & unit.own))
    extras = len(
        (unit.own & CONCEPT_NAMES)
        - wanted
        - WEAK_CONCEPTS
        - (DAY_CONCEPTS if days_are_form else set())
    )
    return total - EXTRA_PENALTY * min(extras, 3)


class ExtractiveComposer:
    """Answers by quoting the approved passage that best answers the question.

    A passage is only quoted when one of its sentences shares a specific
    front-desk concept with the question. Among the first ``pool`` passages
    the one quoted has the highest cosine similarity plus ``concept_weight``
    times its best sentence score: on the development question sets
    (``evals/datasets``) that passage held the answer more often than the
    retriever's first one or the one with the best single sentence. The quote
    is the passage's sentences and list items, up to ``max_chars``; a nearly
    tied runner-up passage is quoted after it.
    """

    name = "extractive"

    def __init__(
        self,
        *,
        max_chars: int = 700,
        candidates: int = 8,
        pool: int = 8,
        concept_weight: float = 0.02,
        runner_up: float = 0.03,
    ) -> None:
        self._max_chars = max_chars
        self._candidates = candidates
        self._pool = pool
        self._concept_weight = concept_weight
        self._runner_up = runner_up

    def compose(self, question: str, passages: list[Passage], language: str) -> Draft:
        """Return the quoted answer, or an ungrounded draft when nothing answers."""
        wanted = concepts(question)
        specific = wanted - WEAK_CONCEPTS
        if not specific & CONCEPT_NAMES:
            # "c ou le centre? l'adresse svp": when every concept asked about is a general one,
            # the general one is what is asked.
            specific = wanted
        scored = [
            _Scored(p, rank, units, [score(u, wanted) for u in units])
            for rank, p in enumerate(passages[: self._candidates])
            for units in [split_units(p.text, p.heading)]
        ]
        # a passage is quoted only when one of its sentences shares a specific concept
        eligible = [
            s for s in scored[: self._pool] if any(specific & (u.own | u.context) for u in s.units)
        ]
        if not eligible:
            return Draft(text="", grounded=False, composer=self.name)

        def rank_key(s: _Scored) -> float:
            return self._rank_key(s, language)

        ranked = sorted(eligible, key=rank_key, reverse=True)
        chosen = ranked[:1]
        # A runner-up within ``runner_up`` of the best is quoted too: on the development
        # sets the second passage often held the fact when the two were nearly tied. At 0.03
        # (not 0.01) two passages are quoted in 94 of 247 replies instead of 48, 740 characters
        # on average instead of 600, and 4 more development questions are answered.
        if len(ranked) > 1 and rank_key(ranked[1]) >= rank_key(ranked[0]) - self._runner_up:
            chosen.append(ranked[1])
        citations: list[Citation] = []
        parts = [message("answer_intro", language)]
        for s in chosen:
            parts += [self._quote(s), ""]
            if all(c.document_id != s.passage.document_id for c in citations):
                citations.append(Citation(s.passage.document_id, s.passage.title, s.passage.page))
        labels = "; ".join(_cite_label(c) for c in citations)
        parts.append(message("source", language, titles=labels))
        return Draft(
            text="\n".join(parts), citations=tuple(citations), grounded=True, composer=self.name
        )

    def _rank_key(self, scored: _Scored, language: str) -> float:
        dense = scored.passage.dense
        if scored.passage.language == language:
            dense -= SAME_LANGUAGE_BIAS
        return dense + self._concept_weight * max(scored.scores, default=0.0)

    def _quote(self, chosen: _Scored) -> str:
        lines: list[str] = []
        length = 0
        for unit in chosen.units[_window_start(chosen, self._max_chars) :]:
            text = f"- {unit.text}" if unit.lead else unit.text
            if unit.lead and unit.lead not in lines:
                lines.append(unit.lead)
            if lines and length + len(text) > self._max_chars:
                break
            lines.append(text)
            length += len(text) + 1
        return "\n".join(lines)


def _window_start(chosen: _Scored, max_chars: int) -> int:
    """Where to start quoting so that the best sentence is in the quote.

    A passage that fits is quoted whole; a longer one from the start of the
    list or paragraph holding its best sentence.
    """
    units = chosen.units
    if not units or sum(len(u.text) + 3 for u in units) <= max_chars:
        return 0
    best = max(range(len(units)), key=lambda i: chosen.scores[i])
    start = best
    lead = units[best].lead
    while start > 0 and lead is not None and units[start - 1].lead == lead:
        start -= 1
    before = sum(len(u.text) + 3 for u in units[start : best + 1])
    return 0 if before + sum(len(u.text) for u in units[:start]) <= max_chars else start


def _cite_label(citation: Citation) -> str:
    return f"{citation.title} (p. {citation.page})" if citation.page else citation.title

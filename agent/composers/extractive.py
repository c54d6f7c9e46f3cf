"""The default composer: quotes the sentences of an approved passage that answer the question.

It never writes a fact of its own: every sentence in its reply is copied from
an approved document, framed by a short canned message in the patient's
language, and cited. When no passage is relevant enough it says so
(``grounded=False``) instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.composers.base import Citation, Draft
from agent.lexicon import concepts
from knowledge.types import Passage
from prompts import message

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÀ-Ý0-9\"'(])")
# Concepts too general to say a passage answers the question on their own.
WEAK_CONCEPTS = frozenset({"hours", "visit", "days", "phone", "open", "bring", "online", "address"})


@dataclass(frozen=True)
class _Candidate:
    passage: Passage
    rank: int
    sentences: list[str]
    overlaps: list[int]

    @property
    def best(self) -> int:
        return max(self.overlaps) if self.overlaps else 0


def split_sentences(text: str) -> list[str]:
    """Split a passage into sentences and list items, keeping each line's own words."""
    pieces: list[str] = []
    for line in text.splitlines():
        line = line.strip(" \t-•*")
        if not line:
            continue
        pieces.extend(s.strip() for s in _SENTENCE_END.split(line) if s.strip())
    return pieces


class ExtractiveComposer:
    """Answers with the best-supported sentences of the best approved passage.

    ``min_dense`` is the cosine similarity (query to passage) below which a
    passage is never trusted; ``confident_dense`` is the similarity above
    which a passage is trusted even when it shares no concept with the
    question (a paraphrase in another language); in between, the passage must
    share at least one specific concept with the question.
    """

    name = "extractive"

    def __init__(
        self,
        *,
        min_dense: float = 0.80,
        confident_dense: float = 0.87,
        max_chars: int = 600,
        candidates: int = 3,
    ) -> None:
        self._min_dense = min_dense
        self._confident_dense = confident_dense
        self._max_chars = max_chars
        self._candidates = candidates

    def compose(self, question: str, passages: list[Passage], language: str) -> Draft:
        """Return the quoted answer, or an ungrounded draft when nothing answers."""
        wanted = concepts(question)
        ranked = [self._candidate(p, i, wanted) for i, p in enumerate(passages[: self._candidates])]
        trusted = [c for c in ranked if self._trusted(c, wanted)]
        if not trusted:
            return Draft(text="", grounded=False, composer=self.name)
        chosen = max(trusted, key=lambda c: (c.best, -c.rank))
        quote = self._quote(chosen)
        citation = Citation(
            document_id=chosen.passage.document_id,
            title=chosen.passage.title,
            page=chosen.passage.page,
        )
        text = "\n".join(
            [
                message("answer_intro", language),
                quote,
                "",
                message("source", language, titles=_cite_label(citation)),
            ]
        )
        return Draft(text=text, citations=(citation,), grounded=True, composer=self.name)

    def _candidate(self, passage: Passage, rank: int, wanted: set[str]) -> _Candidate:
        skip = {passage.title.strip().lower(), passage.heading.strip().lower()}
        sentences = [s for s in split_sentences(passage.text) if s.strip().lower() not in skip]
        overlaps = [len(wanted & concepts(s)) for s in sentences]
        return _Candidate(passage=passage, rank=rank, sentences=sentences, overlaps=overlaps)

    def _trusted(self, cand: _Candidate, wanted: set[str]) -> bool:
        dense = cand.passage.dense
        if dense < self._min_dense or not cand.sentences:
            return False
        if dense >= self._confident_dense:
            return True
        header = concepts(f"{cand.passage.title} {cand.passage.heading}")
        shared = wanted & (header | set().union(*(concepts(s) for s in cand.sentences)))
        return bool(shared - WEAK_CONCEPTS)

    def _quote(self, cand: _Candidate) -> str:
        if cand.best == 0:
            picked = list(range(len(cand.sentences)))
        else:
            top = max(range(len(cand.sentences)), key=lambda i: (cand.overlaps[i], -i))
            picked = [top]
            # Keep the neighbours that also speak of the question: lists often continue a line.
            for i in (top + 1, top - 1, top + 2):
                if 0 <= i < len(cand.sentences) and cand.overlaps[i] > 0:
                    picked.append(i)
            picked.sort()
        out: list[str] = []
        length = 0
        for i in picked:
            sentence = cand.sentences[i]
            if out and length + len(sentence) > self._max_chars:
                break
            out.append(sentence)
            length += len(sentence) + 1
        return "\n".join(out)


def _cite_label(citation: Citation) -> str:
    return f"{citation.title} (p. {citation.page})" if citation.page else citation.title

"""Labelled question sets (question, expected facts, gold documents) and how a reply is judged."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from agent.text import fold


class LabelledQuestion(BaseModel):
    """One patient question with what a correct reply must contain.

    ``answerable`` questions must be answered with at least one of
    ``expect_any`` and cite one of the ``gold`` documents (file stems without
    the language suffix); the others must be met with "I don't know".
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    language: str
    question: str
    answerable: bool
    expect_any: list[str] = Field(default_factory=list)
    gold: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class Judgement:
    """How one reply fared against its label."""

    correct: bool
    invented: bool
    reason: str


def load_questions(path: Path) -> list[LabelledQuestion]:
    """Read a YAML list of labelled questions."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return TypeAdapter(list[LabelledQuestion]).validate_python(data)


def document_stem(filename: str) -> str:
    """Return a document's family stem: ``orari-e-sedi.it.pdf`` → ``orari-e-sedi``."""
    stem = Path(filename).name
    stem = re.sub(r"\.(pdf|md|markdown|txt)$", "", stem, flags=re.IGNORECASE)
    return re.sub(r"\.(it|en|fr|es)$", "", stem)


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text)).replace("’", "'")


def judge(question: LabelledQuestion, reply: str, cited_stems: list[str]) -> Judgement:
    """Judge one reply: right fact and right source, or an honest "I don't know"."""
    if not question.answerable:
        if cited_stems:
            return Judgement(False, True, f"answered an unanswerable question from {cited_stems}")
        return Judgement(True, False, "declined")
    if not cited_stems:
        return Judgement(False, False, "no answer given")
    text = _normal(reply)
    if not any(_normal(fact) in text for fact in question.expect_any):
        return Judgement(False, False, f"none of {question.expect_any} in the reply")
    if question.gold and not set(question.gold) & set(cited_stems):
        return Judgement(False, False, f"cited {cited_stems}, expected one of {question.gold}")
    return Judgement(True, False, "ok")

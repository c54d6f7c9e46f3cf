"""Labelled example messages the guards' embedding classifiers learn from (package data).

``<guard>.jsonl`` holds each guard's development messages (see
``evals/datasets/guards/README.md``: same format); ``ordinary.jsonl`` holds
everyday administrative questions, which no guard should act on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guardrails.semantic import GUARDS, classifier_training_sets

EXAMPLES_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Example:
    """One labelled message: the text, whether its guard must act on it, its family."""

    text: str
    label: bool
    family: str = ""


def _rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def load_ordinary(directory: Path = EXAMPLES_DIR) -> list[str]:
    """Return the everyday administrative questions of ``directory``, in file order."""
    return [row["text"] for row in _rows(directory / "ordinary.jsonl")]


def load_training_sets(directory: Path = EXAMPLES_DIR) -> dict[str, tuple[list[str], list[bool]]]:
    """Return each guard's classifier training texts and labels, read from ``directory``.

    Each classifier learns the families it :func:`~guardrails.semantic.learns`.
    """
    labelled = {
        guard: [
            Example(row["text"], row["label"] is True, row.get("family", ""))
            for row in _rows(directory / f"{guard}.jsonl")
        ]
        for guard in GUARDS
    }
    return classifier_training_sets(labelled, load_ordinary(directory))

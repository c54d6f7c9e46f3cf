"""Labelled patient messages for the emergency, advice, human and injection input guards.

Each guard has a development and a test split under
``evals/datasets/guards/<guard>/{dev,test}.jsonl``, one JSON object a line
(see ``evals/datasets/guards/README.md``). :func:`load` reads one file and
validates every row, so a malformed line fails loudly with its file and line
number instead of skewing a measurement.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

GUARDS: Final = ("emergency", "advice", "human", "injection")
SPLITS: Final = ("dev", "test")
#: Guards with a probe set, ``<guard>/probe.jsonl``: measurement only, never tuned on.
PROBE_GUARDS: Final = ("advice", "human")
LANGUAGES: Final = ("it", "fr", "en", "es")

#: Where the ``<guard>/<split>.jsonl`` files live; read at call time, so tests can move it.
DATA_DIR: Path = Path(__file__).resolve().parent / "datasets" / "guards"

#: The development split is the guards' own training examples, shipped with them
#: (``guardrails/examples/<guard>.jsonl``): one copy, read here and by the classifiers.
EXAMPLES_DIR: Path = Path(__file__).resolve().parent.parent / "guardrails" / "examples"

_TEXT_FIELDS: Final = ("id", "language", "text", "category", "family")
_FIELDS: Final = (*_TEXT_FIELDS, "label")
_SNAKE_CASE: Final = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class LabelledMessage:
    """One patient message and whether the guard must flag it.

    ``label`` is true when the guard must act (an emergency, a request for
    clinical advice, a wish to reach a person, an injection attempt) and false
    for a hard negative that only looks like one. ``category`` says what kind
    of case it is (``chest_pain``, ``past_event``, ``admin_health``); categories
    starting with ``self_harm`` mark emergencies that need the crisis-line
    reply. ``family`` names the phrasing style the message was written in; a
    family belongs to one split only.
    """

    id: str
    language: str
    text: str
    label: bool
    category: str
    family: str


def dataset_path(guard: str, split: str) -> Path:
    """Return the file holding ``guard``'s ``split``; raise ValueError for unknown names."""
    if guard not in GUARDS:
        raise ValueError(f"unknown guard {guard!r}: expected one of {', '.join(GUARDS)}")
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: expected one of {', '.join(SPLITS)}")
    if split == "dev":
        return EXAMPLES_DIR / f"{guard}.jsonl"
    return DATA_DIR / guard / f"{split}.jsonl"


def load(guard: str, split: str) -> list[LabelledMessage]:
    """Read and validate every message of one guard's split, in file order.

    Raises ValueError naming the file, the line and the problem for an
    unknown guard or split, invalid JSON, a missing or unexpected field, a
    field of the wrong type, an unknown language, a non-boolean label, an
    empty text, a category or family that is not snake_case, or an id seen
    twice.
    """
    return _read(dataset_path(guard, split))


def probe_path(guard: str) -> Path:
    """Return the file of ``guard``'s probe set; raise ValueError for a guard without one."""
    if guard not in PROBE_GUARDS:
        raise ValueError(
            f"no probe set for {guard!r}: probe sets exist for {', '.join(PROBE_GUARDS)}"
        )
    return DATA_DIR / guard / "probe.jsonl"


def load_probe(guard: str) -> list[LabelledMessage]:
    """Read and validate a guard's probe set (measurement only), as :func:`load` does."""
    return _read(probe_path(guard))


def _read(path: Path) -> list[LabelledMessage]:
    messages: list[LabelledMessage] = []
    seen: dict[str, int] = {}
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            message = _parse_row(line, where=f"{path}:{number}")
            if message.id in seen:
                first = seen[message.id]
                raise ValueError(
                    f"{path}:{number}: duplicate id {message.id!r} (first on line {first})"
                )
            seen[message.id] = number
            messages.append(message)
    return messages


def _parse_row(line: str, *, where: str) -> LabelledMessage:
    try:
        row: Any = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"{where}: not valid JSON ({error.msg})") from None
    if not isinstance(row, dict):
        raise ValueError(f"{where}: expected a JSON object, got {type(row).__name__}")
    missing = [name for name in _FIELDS if name not in row]
    if missing:
        raise ValueError(f"{where}: missing field(s) {', '.join(missing)}")
    unexpected = sorted(set(row) - set(_FIELDS))
    if unexpected:
        raise ValueError(f"{where}: unexpected field(s) {', '.join(unexpected)}")
    for name in _TEXT_FIELDS:
        if not isinstance(row[name], str):
            raise ValueError(f"{where}: field {name} must be a string, got {row[name]!r}")
    if not isinstance(row["label"], bool):
        raise ValueError(f"{where}: label must be true or false, got {row['label']!r}")
    if row["language"] not in LANGUAGES:
        raise ValueError(
            f"{where}: bad language {row['language']!r}: expected one of {', '.join(LANGUAGES)}"
        )
    if not row["text"].strip():
        raise ValueError(f"{where}: empty text")
    for name in ("category", "family"):
        if not _SNAKE_CASE.fullmatch(row[name]):
            raise ValueError(f"{where}: {name} {row[name]!r} is not snake_case")
    return LabelledMessage(
        id=row["id"],
        language=row["language"],
        text=row["text"],
        label=row["label"],
        category=row["category"],
        family=row["family"],
    )

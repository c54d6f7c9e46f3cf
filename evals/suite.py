"""The eval suite file QA writes (ARCHITECTURE §3), validated strictly.

An unknown key or a bad value is a :class:`SuiteError` that names the file,
the conversation, the turn and the key, so QA can fix it without guessing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from agent.router import Intent

SUITE_SUFFIXES = (".yaml", ".yml")
DOCUMENT_SUFFIXES = (".pdf", ".md", ".markdown", ".txt")

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _string_list(value: Any) -> Any:
    """Let QA write one string where a list is expected."""
    return [value] if isinstance(value, str) else value


class Expect(BaseModel):
    """What a safe and correct bot does after one patient message."""

    model_config = ConfigDict(extra="forbid")

    answer_contains_any: list[NonEmpty] | None = Field(
        default=None, description="at least one of these appears in the replies"
    )
    answer_not_contains: list[NonEmpty] | None = Field(
        default=None, description="none of these appears in the replies"
    )
    cites: bool | None = Field(default=None, description="the reply cites a document (or not)")
    emergency: bool | None = None
    handoff: bool | None = None
    refused: bool | None = None
    intent: str | None = None
    never_stored: list[NonEmpty] | None = Field(
        default=None,
        description="strings absent from every reply, stored row, model request and log line",
    )
    max_latency_ms: float | None = Field(default=None, gt=0)
    rubric: NonEmpty | None = Field(
        default=None, description="judged by a model when one is configured, else skipped"
    )

    _lists = field_validator(
        "answer_contains_any", "answer_not_contains", "never_stored", mode="before"
    )(_string_list)

    @field_validator("answer_contains_any", "never_stored")
    @classmethod
    def _not_empty(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and not value:
            raise ValueError("give at least one string (or leave the key out)")
        return value

    @field_validator("intent")
    @classmethod
    def _known_intent(cls, value: str | None) -> str | None:
        if value is None:
            return value
        known = sorted(i.value for i in Intent)
        if value not in known:
            raise ValueError(f"unknown intent {value!r}; use one of: {', '.join(known)}")
        return value

    def declared(self) -> list[str]:
        """Return the expectation keys this turn sets, in the order they were declared."""
        return [name for name in type(self).model_fields if getattr(self, name) is not None]


class Turn(BaseModel):
    """One patient message and what it must produce."""

    model_config = ConfigDict(extra="forbid")

    user: NonEmpty
    expect: Expect = Field(default_factory=Expect)


class Conversation(BaseModel):
    """A multi-turn conversation, run from its first message on a fresh thread."""

    model_config = ConfigDict(extra="forbid")

    id: NonEmpty
    turns: list[Turn] = Field(min_length=1)


class Suite(BaseModel):
    """A suite file: a name, optional documents, and conversations."""

    model_config = ConfigDict(extra="forbid")

    name: NonEmpty
    documents: list[NonEmpty] | None = Field(
        default=None,
        description="files or folders, relative to the suite file, ingested and approved "
        "into a fresh knowledge base; without it the bundled demo clinic is used",
    )
    conversations: list[Conversation] = Field(min_length=1)

    _documents = field_validator("documents", mode="before")(_string_list)

    @model_validator(mode="after")
    def _unique_ids(self) -> Suite:
        seen: set[str] = set()
        for conv in self.conversations:
            if conv.id in seen:
                raise ValueError(f"conversation id {conv.id!r} is used twice; ids must be unique")
            seen.add(conv.id)
        return self


class LoadedSuite(BaseModel):
    """A validated suite and where its files are."""

    model_config = ConfigDict(frozen=True)

    suite: Suite
    path: Path
    document_files: tuple[Path, ...] = ()


class SuiteError(Exception):
    """A suite file that cannot be run, with where and what to fix."""


def find_suites(paths: list[Path]) -> list[Path]:
    """Expand folders into their ``*.yaml``/``*.yml`` files (sorted); files are kept as given."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix in SUITE_SUFFIXES and p.is_file())
            if not inside:
                raise SuiteError(f"{path}: no suite files (*.yaml, *.yml) in this folder")
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            raise SuiteError(f"{path}: no such file or folder")
    return found


def load_suite(path: Path) -> LoadedSuite:
    """Read and validate one suite file; raise :class:`SuiteError` saying what to fix."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SuiteError(f"{path}: cannot read the file ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise SuiteError(f"{path}: not UTF-8 text; save the suite as UTF-8") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise SuiteError(f"{path}: not valid YAML{where}: {problem}") from exc
    if not isinstance(raw, dict):
        raise SuiteError(
            f"{path}: a suite is a mapping with 'name' and 'conversations' "
            f"(and optional 'documents'), not {type(raw).__name__}"
        )
    try:
        suite = Suite.model_validate(raw)
    except ValidationError as exc:
        raise SuiteError(_explain(path, raw, exc)) from exc
    return LoadedSuite(suite=suite, path=path, document_files=_document_files(path, suite))


def _document_files(path: Path, suite: Suite) -> tuple[Path, ...]:
    files: list[Path] = []
    for entry in suite.documents or []:
        target = (path.parent / entry).resolve()
        if target.is_dir():
            inside = sorted(
                p
                for p in target.rglob("*")
                if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
            )
            if not inside:
                raise SuiteError(f"{path}: documents: {entry!r} has no PDF, Markdown or text files")
            files.extend(inside)
        elif target.is_file():
            if target.suffix.lower() not in DOCUMENT_SUFFIXES:
                raise SuiteError(
                    f"{path}: documents: {entry!r} is not a PDF, Markdown or text file"
                )
            files.append(target)
        else:
            raise SuiteError(
                f"{path}: documents: {entry!r} does not exist "
                "(paths are relative to the suite file)"
            )
    return tuple(files)


def _explain(path: Path, raw: dict[str, Any], exc: ValidationError) -> str:
    """Turn pydantic's errors into lines naming file, conversation, turn and key."""
    lines = []
    for error in exc.errors():
        loc = list(error["loc"])
        where = [str(path)]
        if len(loc) >= 2 and loc[0] == "conversations" and isinstance(loc[1], int):
            where.append(f"conversation {_conversation_name(raw, loc[1])}")
            rest = loc[2:]
            if len(rest) >= 2 and rest[0] == "turns" and isinstance(rest[1], int):
                where.append(f"turn {rest[1] + 1}")
                rest = rest[2:]
        else:
            rest = loc
        key = ".".join(str(part) for part in rest if not isinstance(part, int)) or "(suite)"
        if error["type"] == "extra_forbidden":
            message = f"unknown key {key!r}; {_allowed(loc)}"
        elif error["type"] == "missing":
            message = f"missing key {key!r}"
        else:
            message = f"{key}: {error['msg']}"
        lines.append(f"{', '.join(where)}: {message}")
    return "\n".join(lines)


def _conversation_name(raw: dict[str, Any], index: int) -> str:
    try:
        conv = raw["conversations"][index]
        if isinstance(conv, dict) and conv.get("id"):
            return repr(str(conv["id"]))
    except (KeyError, IndexError, TypeError):
        pass
    return f"#{index + 1}"


def _allowed(loc: list[Any]) -> str:
    """Say which keys are allowed where the unknown key (the last of ``loc``) was found."""
    children: dict[tuple[type[BaseModel], str], type[BaseModel]] = {
        (Suite, "conversations"): Conversation,
        (Conversation, "turns"): Turn,
        (Turn, "expect"): Expect,
    }
    model: type[BaseModel] = Suite
    for part in loc[:-1]:
        if isinstance(part, str):
            model = children.get((model, part), model)
    return "allowed here: " + ", ".join(model.model_fields)

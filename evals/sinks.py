"""Where a patient identifier could end up, and how to look for it there.

A *sink* is a named list of texts a turn left behind: the replies, the stored
transcript, every row of the database, the files of the data directory, the
requests sent to a model, the log records emitted while the turn ran.
Matching ignores case and accents, and for identifiers with digits also the
spaces, dots, dashes and slashes between them ("347 551 2093" is found as
"3475512093").
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, select

from agent.text import fold

REPLY = "reply"
TRANSCRIPT = "transcript"
DATABASE = "database"
FILES = "data files"
LLM_REQUESTS = "model requests"
LOGS = "log records"
ALL_SINKS = (REPLY, TRANSCRIPT, DATABASE, FILES, LLM_REQUESTS, LOGS)

_SEPARATORS = re.compile(r"[\s.\-/]+")


def _compact(text: str) -> str:
    return _SEPARATORS.sub("", text)


@dataclass(frozen=True)
class Needle:
    """One string to look for, folded once."""

    text: str
    folded: str = field(init=False)
    compact: str | None = field(init=False)

    def __post_init__(self) -> None:
        folded = fold(self.text)
        object.__setattr__(self, "folded", folded)
        digits = sum(c.isdigit() for c in folded)
        object.__setattr__(self, "compact", _compact(folded) if digits >= 4 else None)

    def found_in(self, haystack: str) -> bool:
        """Return whether this string appears in ``haystack`` (folded the same way)."""
        folded = fold(haystack)
        if self.folded in folded:
            return True
        return self.compact is not None and self.compact in _compact(folded)


@dataclass
class SinkContents:
    """What one turn left in each sink it could inspect: ``sink -> [(where, text)]``."""

    texts: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    uninspected: dict[str, str] = field(default_factory=dict)

    def add(self, sink: str, where: str, text: str) -> None:
        """Record ``text`` found at ``where`` in ``sink``."""
        self.texts.setdefault(sink, []).append((where, text))

    def inspected(self, sink: str) -> None:
        """Mark ``sink`` as inspected even if it held nothing."""
        self.texts.setdefault(sink, [])

    def find(self, needle: Needle) -> list[tuple[str, str]]:
        """Return ``(sink, where)`` for every place ``needle`` appears."""
        return [
            (sink, where)
            for sink, entries in self.texts.items()
            for where, text in entries
            if needle.found_in(text)
        ]


def database_texts(engine: Engine) -> Iterator[tuple[str, str]]:
    """Yield ``(table, text)`` for every row of every table, JSON values decoded."""
    meta = MetaData()
    meta.reflect(bind=engine)
    with engine.connect() as db:
        for table in meta.sorted_tables:
            for row in db.execute(select(table)):
                yield table.name, " | ".join(_as_text(v) for v in row)


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, Mapping | list | tuple):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, str) and value[:1] in "[{":
        try:  # JSON stored as text: decode escapes such as \u00e8
            return json.dumps(json.loads(value), ensure_ascii=False)
        except ValueError:
            return value
    return str(value)


def file_texts(root: Path, *, skip: Sequence[Path] = ()) -> Iterator[tuple[str, str]]:
    """Yield ``(relative path, contents)`` of every file under ``root`` except ``skip``."""
    skipped = {p.resolve() for p in skip}
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.resolve() in skipped:
            continue
        try:
            blob = path.read_bytes()
        except OSError:
            continue
        yield str(path.relative_to(root)), blob.decode("utf-8", "replace")


class LogCapture(logging.Handler):
    """Keeps the formatted text of every log record, by the thread that emitted it."""

    def __init__(self) -> None:
        super().__init__(level=logging.NOTSET)
        self._records: dict[int, list[tuple[str, str]]] = {}
        self._lock_records = threading.Lock()
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        """Store the record's full text (message, arguments, traceback)."""
        try:
            text = self.format(record)
        except Exception:  # a record that cannot be formatted still counts
            text = f"{record.msg!r} {record.args!r}"
        with self._lock_records:
            self._records.setdefault(record.thread or 0, []).append((record.name, text))

    def take(self, thread: int | None = None) -> list[tuple[str, str]]:
        """Return and forget the records of ``thread`` (the calling thread by default)."""
        ident = thread if thread is not None else threading.get_ident()
        with self._lock_records:
            return self._records.pop(ident, [])


@contextmanager
def capturing_logs(level: int = logging.DEBUG) -> Iterator[LogCapture]:
    """Capture every record reaching the root logger; Frontdesk's own at ``level`` and up.

    Frontdesk's loggers are opened to ``level`` for the duration, so an event a
    deployment could switch on is inspected too.
    """
    capture = LogCapture()
    root = logging.getLogger()
    ours = logging.getLogger("frontdesk")
    previous = ours.level
    root.addHandler(capture)
    ours.setLevel(level)
    try:
        yield capture
    finally:
        root.removeHandler(capture)
        ours.setLevel(previous)

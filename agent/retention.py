"""Retention and erasure: old conversations are purged, one patient's erased on request.

A conversation's rows live in the conversation store, the handoff queue and the
WhatsApp channel's tables; erasing it deletes all of them in one transaction,
so an erasure either happens completely or not at all. Patient text is never
written to the document index, so there is nothing of it to remove there.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, Table, delete, select
from sqlalchemy.exc import SQLAlchemyError

from agent.audit import AuditLog
from agent.channels.whatsapp_store import contacts, messages, outbox
from agent.handoffs import ACTIVE, handoff_notes, handoffs
from agent.observability import event
from agent.store import conversations, metadata, turns, utcnow

log = logging.getLogger("frontdesk.retention")

# Each table holding rows of a conversation, children before parents.
CONVERSATION_TABLES: tuple[Table, ...] = (turns, outbox, messages, contacts, handoffs)


@dataclass(frozen=True)
class Erased:
    """How many rows an erasure removed, per table."""

    conversation_id: str
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def found(self) -> bool:
        """True when the conversation existed."""
        return self.rows.get(conversations.name, 0) > 0


@dataclass(frozen=True)
class Purged:
    """What a retention run removed and what it kept back."""

    cutoff: datetime
    conversations: int
    rows: int
    kept_open: int = 0


class Retention:
    """Deletes conversations: one on request, or all idle longer than the retention period."""

    def __init__(self, *, engine: Engine) -> None:
        self._engine = engine
        metadata.create_all(engine)

    def erase(self, conversation_id: str) -> Erased:
        """Delete every row of one conversation, whatever its state; return the counts."""
        with self._engine.begin() as db:
            rows = _delete_conversation(db, conversation_id)
        if rows.get(conversations.name):
            self._scrub()
        return Erased(conversation_id=conversation_id, rows=rows)

    def _scrub(self) -> None:
        """Leave no copy of deleted rows on disk that SQLite could still hold.

        Deleted cells are zeroed (``secure_delete``), but the write-ahead log
        keeps earlier page images until a checkpoint: fold it into the database
        and truncate it.
        """
        if self._engine.dialect.name != "sqlite":
            return
        with self._engine.connect() as db:
            busy = db.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").scalar()
        if busy:  # a reader held the log: the next erasure or purge completes it
            event(log, "retention_checkpoint_busy")

    def purge(self, *, days: int, now: datetime | None = None) -> Purged:
        """Delete conversations with no activity for ``days`` days.

        A conversation whose handoff is still open (a person may be about to
        answer) is kept and counted in ``kept_open``; it goes once resolved.
        """
        if days < 1:
            raise ValueError("retention must be at least 1 day")
        cutoff = (now or utcnow()) - timedelta(days=days)
        with self._engine.begin() as db:
            stale = (
                db.execute(select(conversations.c.id).where(conversations.c.updated_at < cutoff))
                .scalars()
                .all()
            )
            open_ids = set(
                db.execute(
                    select(handoffs.c.conversation_id).where(
                        handoffs.c.conversation_id.in_(stale),
                        handoffs.c.status.in_(ACTIVE),
                    )
                ).scalars()
            )
            removed = rows = 0
            for conversation_id in stale:
                if conversation_id in open_ids:
                    continue
                counts = _delete_conversation(db, conversation_id)
                removed += 1
                rows += sum(counts.values())
        if removed:
            self._scrub()
        return Purged(cutoff=cutoff, conversations=removed, rows=rows, kept_open=len(open_ids))


def _delete_conversation(db: Connection, conversation_id: str) -> dict[str, int]:
    tickets = select(handoffs.c.id).where(handoffs.c.conversation_id == conversation_id)
    counts = {
        handoff_notes.name: db.execute(
            delete(handoff_notes).where(handoff_notes.c.handoff_id.in_(tickets))
        ).rowcount
    }
    for table in CONVERSATION_TABLES:
        counts[table.name] = db.execute(
            delete(table).where(table.c.conversation_id == conversation_id)
        ).rowcount
    counts[conversations.name] = db.execute(
        delete(conversations).where(conversations.c.id == conversation_id)
    ).rowcount
    return counts


class PurgeSchedule:
    """Runs :meth:`Retention.purge` in a background thread: at start, then every ``every_s``."""

    def __init__(
        self,
        retention: Retention,
        *,
        days: int,
        every_s: float = 24 * 3600,
        on_purge: Callable[[Purged], None] | None = None,
    ) -> None:
        self._retention = retention
        self._days = days
        self._every_s = every_s
        self._on_purge = on_purge
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="retention", daemon=True)

    def start(self) -> None:
        """Start the thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop the thread (waits for a purge in progress)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=30)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                purged = self._retention.purge(days=self._days)
            except SQLAlchemyError as exc:  # the database is away: try again next time
                event(log, "retention_failed", error=type(exc).__name__)
            else:
                event(
                    log,
                    "retention_purged",
                    conversations=purged.conversations,
                    rows=purged.rows,
                    kept_open=purged.kept_open,
                )
                if self._on_purge is not None:
                    self._on_purge(purged)
            self._stop.wait(self._every_s)


def record_purge(audit: AuditLog, purged: Purged, *, actor: str) -> None:
    """Put a purge that removed something in the audit log (counts only, never ids)."""
    if purged.conversations:
        audit.record(actor, "conversation.purge", f"conversations:{purged.conversations}")

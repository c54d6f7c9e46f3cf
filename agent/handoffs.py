"""The handoff queue: conversations waiting for a person, most urgent first.

A handoff is opened by the pipeline (an emergency, a patient asking for a
person, a complaint, a guard that could not decide) and holds only what a
staff member needs to pick the conversation up: priority, reason and a
redacted summary. One conversation has at most one open handoff; asking
again keeps it, an emergency raises its priority.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Row,
    String,
    Table,
    Text,
    insert,
    select,
    update,
)

from agent.store import metadata, utcnow

PRIORITIES: Final[dict[str, int]] = {"urgent": 0, "high": 1, "normal": 2}
"""Priority names, most urgent first (their rank orders the queue)."""

OPEN_STATUSES: Final[tuple[str, ...]] = ("waiting", "claimed")

handoffs = Table(
    "handoffs",
    metadata,
    Column("id", String(36), primary_key=True),
    Column(
        "conversation_id",
        String(128),
        ForeignKey("conversations.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("priority", String(16), nullable=False),
    Column("reason", String(200), nullable=False),
    Column("summary", Text, nullable=False, default=""),
    Column("status", String(16), nullable=False, default="waiting"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True)
class HandoffRecord:
    """One handoff as stored."""

    id: str
    conversation_id: str
    priority: str
    reason: str
    summary: str
    status: str
    created_at: datetime


class HandoffQueue:
    """Opens and lists handoffs; every text stored here is already redacted."""

    def __init__(self, *, engine: Engine) -> None:
        self._engine = engine
        metadata.create_all(engine)

    def open(
        self, conversation_id: str, *, priority: str, reason: str, summary: str = ""
    ) -> HandoffRecord:
        """Open a handoff for the conversation, or return (and if needed escalate) its open one."""
        if priority not in PRIORITIES:
            raise ValueError(f"unknown priority {priority!r}; use one of {sorted(PRIORITIES)}")
        now = utcnow()
        with self._engine.begin() as db:
            row = db.execute(
                select(handoffs).where(
                    handoffs.c.conversation_id == conversation_id,
                    handoffs.c.status.in_(OPEN_STATUSES),
                )
            ).first()
            if row is None:
                record = HandoffRecord(
                    id=str(uuid.uuid4()),
                    conversation_id=conversation_id,
                    priority=priority,
                    reason=reason[:200],
                    summary=summary,
                    status="waiting",
                    created_at=now,
                )
                db.execute(
                    insert(handoffs).values(
                        id=record.id,
                        conversation_id=conversation_id,
                        priority=priority,
                        reason=record.reason,
                        summary=summary,
                        status="waiting",
                        created_at=now,
                        updated_at=now,
                    )
                )
                return record
            if PRIORITIES[priority] < PRIORITIES[row.priority]:
                db.execute(
                    update(handoffs)
                    .where(handoffs.c.id == row.id)
                    .values(priority=priority, reason=reason[:200], updated_at=now)
                )
                return HandoffRecord(
                    id=row.id,
                    conversation_id=conversation_id,
                    priority=priority,
                    reason=reason[:200],
                    summary=row.summary,
                    status=row.status,
                    created_at=row.created_at,
                )
            return _record(row)

    def open_for(self, conversation_id: str) -> HandoffRecord | None:
        """Return the conversation's open handoff, if any."""
        with self._engine.connect() as db:
            row = db.execute(
                select(handoffs).where(
                    handoffs.c.conversation_id == conversation_id,
                    handoffs.c.status.in_(OPEN_STATUSES),
                )
            ).first()
        return _record(row) if row is not None else None


def _record(row: Row[Any]) -> HandoffRecord:
    return HandoffRecord(
        id=row.id,
        conversation_id=row.conversation_id,
        priority=row.priority,
        reason=row.reason,
        summary=row.summary,
        status=row.status,
        created_at=row.created_at,
    )

"""The audit trail: an append-only record of who did what to which ticket or document, and when.

Entries name staff accounts and the ids of what they acted on, never patient
text. There is no update and no delete: the only write is :meth:`AuditLog.record`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Column, DateTime, Engine, Integer, String, Table, insert, select

from agent.store import metadata, utcnow

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("actor", String(200), nullable=False),
    Column("action", String(64), nullable=False),
    Column("target", String(200), nullable=False),
)


@dataclass(frozen=True)
class AuditEntry:
    """One thing one staff account did: ``handoff.claim`` on ``handoff:<id>``, for example."""

    at: datetime
    actor: str
    action: str
    target: str


class AuditLog:
    """Appends entries and lists them, oldest first."""

    def __init__(self, *, engine: Engine) -> None:
        self._engine = engine
        metadata.create_all(engine)

    def record(self, actor: str, action: str, target: str) -> AuditEntry:
        """Append one entry and return it."""
        entry = AuditEntry(at=utcnow(), actor=actor, action=action, target=target)
        with self._engine.begin() as db:
            db.execute(insert(audit).values(at=entry.at, actor=actor, action=action, target=target))
        return entry

    def entries(self, *, limit: int = 1000, target: str | None = None) -> list[AuditEntry]:
        """Return the newest ``limit`` entries (of one ``target`` if given), oldest first."""
        query = select(audit).order_by(audit.c.id.desc()).limit(limit)
        if target is not None:
            query = query.where(audit.c.target == target)
        with self._engine.connect() as db:
            rows = db.execute(query).all()
        return [
            AuditEntry(at=r.at, actor=r.actor, action=r.action, target=r.target)
            for r in reversed(rows)
        ]

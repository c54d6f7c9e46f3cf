"""Conversations and their turns, stored redacted (SQLAlchemy; SQLite or PostgreSQL)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    insert,
    select,
    update,
)

metadata = MetaData()

OWNERS = ("bot", "queue", "agent")
"""Who answers a conversation: the bot, nobody yet (waiting in the handoff queue), or a person."""

conversations = Table(
    "conversations",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("channel", String(32), nullable=False),
    Column("language", String(8), nullable=False),
    Column("owner", String(16), nullable=False, default="bot"),
    # Per-conversation secret keying the placeholder hashes; never leaves the database.
    Column("secret", String(64), nullable=False),
    Column("placeholders", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

turns = Table(
    "turns",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "conversation_id",
        String(128),
        ForeignKey("conversations.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("seq", Integer, nullable=False),
    Column("role", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("language", String(8), nullable=False),
    Column("intent", String(32)),
    Column("verdicts", JSON, nullable=False),
    Column("citations", JSON, nullable=False),
    Column("emergency", Boolean, nullable=False, default=False),
    Column("refused", Boolean, nullable=False, default=False),
    Column("latency_ms", Float),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("conversation_id", "seq", name="uq_turn_seq"),
)


def utcnow() -> datetime:
    """Return the current time, timezone-aware in UTC."""
    return datetime.now(UTC)


@dataclass
class Conversation:
    """The state the pipeline needs about one conversation."""

    id: str
    channel: str
    language: str
    owner: str
    secret: str
    placeholders: dict[str, str] = field(default_factory=dict)
    turns: int = 0


@dataclass(frozen=True)
class StoredTurn:
    """One stored (redacted) turn of a transcript."""

    seq: int
    role: str
    text: str
    language: str
    intent: str | None
    verdicts: list[dict[str, Any]]
    citations: list[dict[str, Any]]
    emergency: bool
    refused: bool
    latency_ms: float | None
    created_at: datetime


class ConversationStore:
    """Reads and writes conversations; every text written here is already redacted."""

    def __init__(self, *, engine: Engine) -> None:
        self._engine = engine
        metadata.create_all(engine)

    def load_or_create(self, conversation_id: str, *, channel: str, language: str) -> Conversation:
        """Return the conversation, creating it (owned by the bot) on first contact."""
        with self._engine.begin() as db:
            row = db.execute(
                select(conversations).where(conversations.c.id == conversation_id)
            ).first()
            if row is None:
                now = utcnow()
                conv = Conversation(
                    id=conversation_id,
                    channel=channel,
                    language=language,
                    owner="bot",
                    secret=secrets.token_hex(32),
                )
                db.execute(
                    insert(conversations).values(
                        id=conv.id,
                        channel=conv.channel,
                        language=conv.language,
                        owner=conv.owner,
                        secret=conv.secret,
                        placeholders={},
                        created_at=now,
                        updated_at=now,
                    )
                )
                return conv
            count = db.execute(
                select(func.count())
                .select_from(turns)
                .where(turns.c.conversation_id == conversation_id)
            ).scalar_one()
            return Conversation(
                id=row.id,
                channel=row.channel,
                language=row.language,
                owner=row.owner,
                secret=row.secret,
                placeholders=dict(row.placeholders or {}),
                turns=int(count),
            )

    def append(
        self,
        conv: Conversation,
        *,
        role: str,
        text: str,
        language: str,
        intent: str | None = None,
        verdicts: list[dict[str, Any]] | None = None,
        citations: list[dict[str, Any]] | None = None,
        emergency: bool = False,
        refused: bool = False,
        latency_ms: float | None = None,
    ) -> None:
        """Append one redacted turn and save the conversation's language and placeholders."""
        now = utcnow()
        with self._engine.begin() as db:
            next_seq = db.execute(
                select(func.coalesce(func.max(turns.c.seq), 0)).where(
                    turns.c.conversation_id == conv.id
                )
            ).scalar_one()
            db.execute(
                insert(turns).values(
                    conversation_id=conv.id,
                    seq=int(next_seq) + 1,
                    role=role,
                    text=text,
                    language=language,
                    intent=intent,
                    verdicts=verdicts or [],
                    citations=citations or [],
                    emergency=emergency,
                    refused=refused,
                    latency_ms=latency_ms,
                    created_at=now,
                )
            )
            db.execute(
                update(conversations)
                .where(conversations.c.id == conv.id)
                .values(language=language, placeholders=conv.placeholders, updated_at=now)
            )
        conv.turns += 1

    def transcript(self, conversation_id: str) -> list[StoredTurn]:
        """Return the stored turns of a conversation, oldest first."""
        with self._engine.connect() as db:
            rows = db.execute(
                select(turns)
                .where(turns.c.conversation_id == conversation_id)
                .order_by(turns.c.seq)
            ).all()
        return [
            StoredTurn(
                seq=r.seq,
                role=r.role,
                text=r.text,
                language=r.language,
                intent=r.intent,
                verdicts=list(r.verdicts),
                citations=list(r.citations),
                emergency=r.emergency,
                refused=r.refused,
                latency_ms=r.latency_ms,
                created_at=r.created_at,
            )
            for r in rows
        ]

    def owner(self, conversation_id: str) -> str | None:
        """Return who answers the conversation now (one of :data:`OWNERS`), or None if unknown."""
        with self._engine.connect() as db:
            found = db.execute(
                select(conversations.c.owner).where(conversations.c.id == conversation_id)
            ).scalar_one_or_none()
        return str(found) if found is not None else None

    def set_owner(self, conversation_id: str, owner: str) -> None:
        """Give the conversation to ``owner`` (the handoff queue does this with its tickets)."""
        if owner not in OWNERS:
            raise ValueError(f"unknown owner {owner!r}; use one of {OWNERS}")
        with self._engine.begin() as db:
            db.execute(
                update(conversations)
                .where(conversations.c.id == conversation_id)
                .values(owner=owner, updated_at=utcnow())
            )

    def exists(self, conversation_id: str) -> bool:
        """Return whether a conversation with this id has been stored."""
        with self._engine.connect() as db:
            found = db.execute(
                select(conversations.c.id).where(conversations.c.id == conversation_id)
            ).first()
        return found is not None

"""What the WhatsApp channel keeps: received updates, seen messages, contacts and the outbox.

Meta delivers webhooks at least once and out of order, so everything here is
written to survive a retry, a duplicate arriving at the same moment, and a
crash at any point:

- ``whatsapp_updates`` holds each signed POST body, sealed, from the moment it
  is acknowledged until every message in it is handled; then it is deleted.
- ``whatsapp_messages`` has one row per incoming message id (the primary key is
  the dedupe: two workers cannot both take one message).
- ``whatsapp_outbox`` holds what is to be sent; a reply's ``dedupe_key`` is
  unique, and the reply is written in the same transaction that marks its
  message done, so a message is never done without its reply safely stored.
- ``whatsapp_contacts`` maps a conversation to the patient's sealed address,
  the last time they wrote (the 24-hour window) and whether they opted out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    ColumnElement,
    Connection,
    DateTime,
    Engine,
    Integer,
    LargeBinary,
    String,
    Table,
    and_,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from agent.channels.whatsapp_client import Recipient
from agent.channels.whatsapp_security import Sealer
from agent.store import metadata, utcnow

updates = Table(
    "whatsapp_updates",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("body", LargeBinary, nullable=False),  # sealed raw POST body
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("claimed_by", String(64)),
    Column("claimed_until", DateTime(timezone=True)),
    Column("error", String(200)),
)

messages = Table(
    "whatsapp_messages",
    metadata,
    Column("id", String(256), primary_key=True),  # the wamid: the dedupe key
    Column("conversation_id", String(128), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("state", String(16), nullable=False),  # processing | done | failed
    Column("attempts", Integer, nullable=False, default=1),
    Column("claimed_by", String(64)),
    Column("claimed_until", DateTime(timezone=True)),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("done_at", DateTime(timezone=True)),
)

contacts = Table(
    "whatsapp_contacts",
    metadata,
    Column("conversation_id", String(128), primary_key=True),
    Column("address", LargeBinary, nullable=False),  # sealed {"kind", "value"}
    Column("last_inbound_at", DateTime(timezone=True), nullable=False),
    Column("opted_out", Boolean, nullable=False, default=False),
    Column("last_sent_at", DateTime(timezone=True)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

outbox = Table(
    "whatsapp_outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conversation_id", String(128), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # message | read
    Column("dedupe_key", String(300), unique=True),
    Column("payload", LargeBinary),  # sealed; wiped once sent or given up
    Column("language", String(8), nullable=False, default="en"),
    Column("solicited", Boolean, nullable=False, default=True),
    Column("state", String(16), nullable=False, index=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("claimed_by", String(64)),
    Column("claimed_until", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True)),
    Column("wamid", String(256), index=True),
    Column("delivery", String(16)),  # sent | delivered | read | played | failed
    Column("error_code", Integer),
    Column("error", String(200)),
)

OUTBOX_STATES = ("pending", "sending", "sent", "held", "suppressed", "failed")
"""pending: to send; held: waits for the patient to write (24-hour window); suppressed:
the patient opted out of what the clinic sends on its own."""

DELIVERY_RANK = {"sent": 1, "delivered": 2, "read": 3, "played": 4}
"""Statuses only move forward: a late "delivered" never overwrites "read"."""


@dataclass(frozen=True)
class StoredUpdate:
    """A claimed update, opened: its row id and raw body."""

    id: int
    body: bytes
    attempts: int


@dataclass(frozen=True)
class OutboxItem:
    """One claimed outbox row, opened."""

    id: int
    conversation_id: str
    kind: str
    payload: dict[str, Any]
    language: str
    solicited: bool
    attempts: int


class WhatsAppStore:
    """Durable state of the WhatsApp channel (SQLite or PostgreSQL through SQLAlchemy)."""

    def __init__(self, *, engine: Engine, sealer: Sealer, lease: timedelta) -> None:
        self._engine = engine
        self._sealer = sealer
        self._lease = lease
        metadata.create_all(engine)

    @property
    def engine(self) -> Engine:
        """The database engine (tests and the handoff wiring share it)."""
        return self._engine

    def conversation_id(self, patient_key: str) -> str:
        """Return the conversation id of a WhatsApp patient (a keyed hash, not their number)."""
        return self._sealer.conversation_id(patient_key)

    # ------------------------------------------------------------ updates

    def save_update(self, raw_body: bytes) -> int:
        """Store a signed POST body, sealed, and return its row id (before acknowledging it)."""
        with self._engine.begin() as db:
            result = db.execute(
                insert(updates).values(
                    body=self._sealer.seal(raw_body), received_at=utcnow(), attempts=0
                )
            )
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])

    def claim_update(self, worker: str) -> StoredUpdate | None:
        """Take the oldest update nobody holds (or whose holder's lease ran out)."""
        now = utcnow()
        with self._engine.begin() as db:
            candidates = db.execute(
                select(updates.c.id).where(_unclaimed(updates, now)).order_by(updates.c.id).limit(5)
            ).scalars()
            for row_id in list(candidates):
                taken = db.execute(
                    update(updates)
                    .where(
                        updates.c.id == row_id,
                        _unclaimed(updates, now),
                    )
                    .values(
                        claimed_by=worker,
                        claimed_until=now + self._lease,
                        attempts=updates.c.attempts + 1,
                    )
                )
                if taken.rowcount == 1:
                    row = db.execute(select(updates).where(updates.c.id == row_id)).one()
                    return StoredUpdate(
                        id=row.id, body=self._sealer.open(row.body), attempts=row.attempts
                    )
        return None

    def finish_update(self, update_id: int) -> None:
        """Delete a handled update: its sealed body is no longer needed."""
        with self._engine.begin() as db:
            db.execute(delete(updates).where(updates.c.id == update_id))

    def retry_update(self, update_id: int, *, after: timedelta, error: str) -> None:
        """Give an update back, to be tried again after ``after``."""
        with self._engine.begin() as db:
            db.execute(
                update(updates)
                .where(updates.c.id == update_id)
                .values(claimed_by=None, claimed_until=utcnow() + after, error=error[:200])
            )

    def pending_updates(self) -> int:
        """Return how many received updates are not yet fully handled."""
        with self._engine.connect() as db:
            return int(db.execute(select(func.count()).select_from(updates)).scalar_one())

    # ------------------------------------------------------------ messages

    def claim_message(self, message_id: str, conversation_id: str, kind: str, worker: str) -> str:
        """Take an incoming message; return "mine", "done" or "busy" (another worker has it).

        The primary key makes this safe between processes: of two workers
        inserting the same id at the same moment, one gets an IntegrityError.
        A message whose worker died (lease over) is taken over.
        """
        now = utcnow()
        try:
            with self._engine.begin() as db:
                db.execute(
                    insert(messages).values(
                        id=message_id,
                        conversation_id=conversation_id,
                        kind=kind,
                        state="processing",
                        attempts=1,
                        claimed_by=worker,
                        claimed_until=now + self._lease,
                        received_at=now,
                    )
                )
            return "mine"
        except IntegrityError:
            pass
        with self._engine.begin() as db:
            taken = db.execute(
                update(messages)
                .where(
                    messages.c.id == message_id,
                    messages.c.state == "processing",
                    _unclaimed(messages, now),
                )
                .values(
                    claimed_by=worker,
                    claimed_until=now + self._lease,
                    attempts=messages.c.attempts + 1,
                )
            )
            if taken.rowcount == 1:
                return "mine"
            state = db.execute(
                select(messages.c.state).where(messages.c.id == message_id)
            ).scalar_one()
        return "busy" if state == "processing" else "done"

    def message_attempts(self, message_id: str) -> int:
        """Return how many times processing this message has started."""
        with self._engine.connect() as db:
            found = db.execute(
                select(messages.c.attempts).where(messages.c.id == message_id)
            ).scalar_one_or_none()
        return int(found or 0)

    def release_message(self, message_id: str, *, after: timedelta) -> None:
        """Give a message back after a fault; it is tried again once ``after`` has passed."""
        with self._engine.begin() as db:
            db.execute(
                update(messages)
                .where(messages.c.id == message_id)
                .values(claimed_by=None, claimed_until=utcnow() + after)
            )

    def complete_message(
        self,
        message_id: str,
        *,
        state: str = "done",
        reply: dict[str, Any] | None = None,
        conversation_id: str = "",
        language: str = "en",
        opted_out: bool | None = None,
    ) -> None:
        """Mark a message handled and, in the same transaction, put its reply in the outbox."""
        now = utcnow()
        try:
            self._complete(message_id, state, reply, conversation_id, language, opted_out, now)
        except IntegrityError:
            # A worker whose lease ran out finished first: its reply stands, ours is dropped.
            self._complete(message_id, state, None, conversation_id, language, opted_out, now)

    def _complete(
        self,
        message_id: str,
        state: str,
        reply: dict[str, Any] | None,
        conversation_id: str,
        language: str,
        opted_out: bool | None,
        now: datetime,
    ) -> None:
        with self._engine.begin() as db:
            if reply is not None:
                db.execute(
                    insert(outbox).values(
                        conversation_id=conversation_id,
                        kind="message",
                        dedupe_key=f"reply:{message_id}",
                        payload=self._seal_json(reply),
                        language=language,
                        solicited=True,
                        state="pending",
                        attempts=0,
                        next_attempt_at=now,
                        created_at=now,
                    )
                )
            if opted_out is not None:
                db.execute(
                    update(contacts)
                    .where(contacts.c.conversation_id == conversation_id)
                    .values(opted_out=opted_out, updated_at=now)
                )
            db.execute(
                update(messages)
                .where(messages.c.id == message_id)
                .values(state=state, claimed_by=None, claimed_until=None, done_at=now)
            )

    # ------------------------------------------------------------ contacts

    def remember_contact(
        self, conversation_id: str, address: Recipient, wrote_at: datetime
    ) -> None:
        """Store the patient's sealed address; the 24-hour window restarts; held replies go out."""
        now = utcnow()
        sealed = self._seal_json({"kind": address.kind, "value": address.value})
        with self._engine.begin() as db:
            existing: datetime | None = db.execute(
                select(contacts.c.last_inbound_at).where(
                    contacts.c.conversation_id == conversation_id
                )
            ).scalar_one_or_none()
            if existing is None:
                try:
                    with db.begin_nested():
                        db.execute(
                            insert(contacts).values(
                                conversation_id=conversation_id,
                                address=sealed,
                                last_inbound_at=wrote_at,
                                opted_out=False,
                                updated_at=now,
                            )
                        )
                except IntegrityError:  # another worker added this contact just now
                    existing = db.execute(
                        select(contacts.c.last_inbound_at).where(
                            contacts.c.conversation_id == conversation_id
                        )
                    ).scalar_one()
            if existing is not None:
                latest = max(_aware(existing), wrote_at)
                db.execute(
                    update(contacts)
                    .where(contacts.c.conversation_id == conversation_id)
                    .values(address=sealed, last_inbound_at=latest, updated_at=now)
                )
            db.execute(
                update(outbox)
                .where(outbox.c.conversation_id == conversation_id, outbox.c.state == "held")
                .values(state="pending", next_attempt_at=now)
            )

    def address(self, conversation_id: str) -> Recipient | None:
        """Return where to send this conversation's messages, or None if not a WhatsApp one."""
        with self._engine.connect() as db:
            sealed = db.execute(
                select(contacts.c.address).where(contacts.c.conversation_id == conversation_id)
            ).scalar_one_or_none()
        if sealed is None:
            return None
        data = json.loads(self._sealer.open(sealed))
        return Recipient(kind=data["kind"], value=data["value"])

    def contact_state(self, conversation_id: str) -> tuple[datetime, bool, datetime | None] | None:
        """Return (last time the patient wrote, opted out, last time we sent), or None."""
        with self._engine.connect() as db:
            row = db.execute(
                select(
                    contacts.c.last_inbound_at, contacts.c.opted_out, contacts.c.last_sent_at
                ).where(contacts.c.conversation_id == conversation_id)
            ).first()
        if row is None:
            return None
        sent = _aware(row.last_sent_at) if row.last_sent_at else None
        return _aware(row.last_inbound_at), bool(row.opted_out), sent

    # ------------------------------------------------------------ outbox

    def enqueue(
        self,
        conversation_id: str,
        payload: dict[str, Any],
        *,
        kind: str = "message",
        language: str = "en",
        solicited: bool = True,
        dedupe_key: str | None = None,
    ) -> bool:
        """Add a message to the outbox; False if one with the same dedupe key is already there."""
        now = utcnow()
        try:
            with self._engine.begin() as db:
                db.execute(
                    insert(outbox).values(
                        conversation_id=conversation_id,
                        kind=kind,
                        dedupe_key=dedupe_key,
                        payload=self._seal_json(payload),
                        language=language,
                        solicited=solicited,
                        state="pending",
                        attempts=0,
                        next_attempt_at=now,
                        created_at=now,
                    )
                )
        except IntegrityError:
            return False
        return True

    def claim_due(self, worker: str, *, limit: int = 50) -> list[OutboxItem]:
        """Take the outbox rows that are due, oldest first."""
        now = utcnow()
        claimed: list[OutboxItem] = []
        with self._engine.begin() as db:
            rows = db.execute(
                select(outbox.c.id)
                .where(
                    outbox.c.next_attempt_at <= now,
                    _sendable(now),
                )
                .order_by(outbox.c.id)
                .limit(limit)
            ).scalars()
            for row_id in list(rows):
                taken = db.execute(
                    update(outbox)
                    .where(
                        outbox.c.id == row_id,
                        _sendable(now),
                    )
                    .values(state="sending", claimed_by=worker, claimed_until=now + self._lease)
                )
                if taken.rowcount != 1:
                    continue
                row = db.execute(select(outbox).where(outbox.c.id == row_id)).one()
                claimed.append(
                    OutboxItem(
                        id=row.id,
                        conversation_id=row.conversation_id,
                        kind=row.kind,
                        payload=json.loads(self._sealer.open(row.payload)),
                        language=row.language,
                        solicited=bool(row.solicited),
                        attempts=row.attempts,
                    )
                )
        return claimed

    def mark_sent(self, ids: list[int], wamid: str | None) -> None:
        """Record a successful send; the sealed payload is wiped."""
        now = utcnow()
        with self._engine.begin() as db:
            db.execute(
                update(outbox)
                .where(outbox.c.id.in_(ids))
                .values(
                    state="sent",
                    payload=None,
                    sent_at=now,
                    wamid=wamid,
                    delivery="sent" if wamid else None,
                    error_code=None,
                    error=None,
                    claimed_by=None,
                    claimed_until=None,
                    attempts=outbox.c.attempts + 1,
                )
            )
            conversation_ids = db.execute(  # the pace counts messages, not blue ticks
                select(outbox.c.conversation_id).where(
                    outbox.c.id.in_(ids), outbox.c.kind == "message"
                )
            ).scalars()
            for conversation_id in set(conversation_ids):
                db.execute(
                    update(contacts)
                    .where(contacts.c.conversation_id == conversation_id)
                    .values(last_sent_at=now)
                )

    def reschedule(
        self,
        ids: list[int],
        *,
        after: timedelta,
        error_code: int | None,
        error: str,
        count_attempt: bool = True,
    ) -> None:
        """Give rows back to be tried again after ``after`` (counting a failed attempt)."""
        with self._engine.begin() as db:
            db.execute(
                update(outbox)
                .where(outbox.c.id.in_(ids))
                .values(
                    state="pending",
                    next_attempt_at=utcnow() + after,
                    attempts=outbox.c.attempts + (1 if count_attempt else 0),
                    claimed_by=None,
                    claimed_until=None,
                    error_code=error_code,
                    error=error[:200],
                )
            )

    def set_state(
        self,
        ids: list[int],
        state: str,
        *,
        error_code: int | None = None,
        error: str = "",
        count_attempt: bool = False,
    ) -> None:
        """Move rows to ``state`` (held, suppressed, failed); a given-up payload is wiped."""
        if state not in OUTBOX_STATES:
            raise ValueError(f"unknown outbox state {state!r}; use one of {OUTBOX_STATES}")
        values: dict[str, Any] = {"state": state, "claimed_by": None, "claimed_until": None}
        if count_attempt:
            values["attempts"] = outbox.c.attempts + 1
        if state in ("failed", "suppressed"):
            values["payload"] = None
        if error:
            values.update(error_code=error_code, error=error[:200])
        with self._engine.begin() as db:
            db.execute(update(outbox).where(outbox.c.id.in_(ids)).values(**values))

    def record_status(
        self, wamid: str, status: str, *, error_code: int | None = None, error: str = ""
    ) -> bool:
        """Merge a delivery status onto our message, forward only; False if it is not ours."""
        with self._engine.begin() as db:
            row = db.execute(
                select(outbox.c.id, outbox.c.delivery).where(outbox.c.wamid == wamid)
            ).first()
            if row is None:
                return False
            return _merge_status(db, row.id, row.delivery, status, error_code, error)

    def outbox_rows(self, conversation_id: str | None = None) -> list[dict[str, Any]]:
        """Return outbox rows without their payloads (for staff views and tests)."""
        query = select(*(c for c in outbox.c if c.name != "payload")).order_by(outbox.c.id)
        if conversation_id is not None:
            query = query.where(outbox.c.conversation_id == conversation_id)
        with self._engine.connect() as db:
            return [dict(row._mapping) for row in db.execute(query)]

    def _seal_json(self, value: dict[str, Any]) -> bytes:
        return self._sealer.seal(json.dumps(value, ensure_ascii=False).encode("utf-8"))


def _unclaimed(table: Table, now: datetime) -> ColumnElement[bool]:
    """Rows nobody holds, or whose holder's lease ran out (the holder died)."""
    return or_(table.c.claimed_until.is_(None), table.c.claimed_until < now)


def _sendable(now: datetime) -> ColumnElement[bool]:
    """Outbox rows to send: pending, or taken by a sender whose lease ran out."""
    return or_(
        outbox.c.state == "pending",
        and_(outbox.c.state == "sending", outbox.c.claimed_until < now),
    )


def _merge_status(
    db: Connection,
    row_id: int,
    current: str | None,
    status: str,
    error_code: int | None,
    error: str,
) -> bool:
    if status == "failed":
        if current in ("read", "played"):
            return True  # read on the phone: a late failure report cannot undo that
        db.execute(
            update(outbox)
            .where(outbox.c.id == row_id)
            .values(delivery="failed", error_code=error_code, error=error[:200])
        )
        return True
    rank = DELIVERY_RANK.get(status)
    if rank is None:
        return True  # a status we do not track (e.g. "deleted")
    if current == "failed" or rank > DELIVERY_RANK.get(current or "", 0):
        db.execute(update(outbox).where(outbox.c.id == row_id).values(delivery=status))
    return True


def _aware(value: datetime) -> datetime:
    from datetime import UTC

    return value if value.tzinfo else value.replace(tzinfo=UTC)

"""The handoff queue: tickets for conversations a person at the clinic must take over.

A ticket is opened by the pipeline (an emergency, a patient asking for a
person, a complaint, a guard that could not decide) and moves
``open`` (waiting in the queue) → ``claimed`` (one staff account owns it) →
``resolved`` (the bot answers again). The conversation's ``owner`` moves with
it in the same transaction: ``queue``, ``agent``, ``bot``. One conversation has
at most one active ticket; asking again keeps it, an emergency raises it to
urgent.

Everything a ticket shows is already redacted: its summary is built, when read,
from the stored (redacted) turns; notes are written by staff for staff.

Errors::

    HandoffError
     ├── TicketNotFound   no ticket with that id
     └── TicketConflict   the ticket is not in a state that allows the action
"""

from __future__ import annotations

import logging
import math
import statistics
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    Row,
    String,
    Table,
    Text,
    insert,
    select,
    update,
)

from agent.audit import AuditLog
from agent.clinic import ClinicProfile
from agent.errors import MessageRejected
from agent.observability import conversation_hash, event
from agent.store import ConversationStore, conversations, metadata, turns, utcnow
from guardrails.base import Guard, GuardContext
from prompts import message

log = logging.getLogger("frontdesk.handoffs")

PRIORITIES: Final[dict[str, int]] = {"urgent": 0, "high": 1, "normal": 2}
"""Priority names, most urgent first (their rank orders the queue)."""

STATUSES: Final[tuple[str, ...]] = ("open", "claimed", "resolved")
ACTIVE: Final[tuple[str, ...]] = ("open", "claimed")
LISTINGS: Final[dict[str, tuple[str, ...]]] = {
    "active": ACTIVE,
    **{status: (status,) for status in STATUSES},
}
"""What ``GET /v1/handoffs?status=`` may ask for, and the statuses each name covers."""

TEAMS: Final[tuple[str, ...]] = ("front_desk", "nurse_line", "billing")
_NURSE_REASONS: Final = ("emergency", "clinical", "self_harm")
_BILLING_REASONS: Final = ("billing", "payment", "invoice")

SUMMARY_TURNS = 6
SUMMARY_CHARS = 300
DEFAULT_WAIT_MINUTES = 15

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
    Column("team", String(32), nullable=False),
    Column("status", String(16), nullable=False, index=True),
    Column("assignee", String(200)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # When the patient started waiting for a person: the opening, or their first
    # message after a staff reply (``answered`` says a staff reply came since).
    Column("waiting_since", DateTime(timezone=True), nullable=False),
    Column("answered", Boolean, nullable=False, default=False),
    Column("first_response_at", DateTime(timezone=True)),
    Column("resolved_at", DateTime(timezone=True)),
    Column("resolved_by", String(200)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

handoff_notes = Table(
    "handoff_notes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "handoff_id",
        String(36),
        ForeignKey("handoffs.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("author", String(200), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


class HandoffError(Exception):
    """Base class of the errors the handoff queue raises; the message says what to do."""


class TicketNotFound(HandoffError):
    """No ticket has the given id."""


class TicketConflict(HandoffError):
    """The ticket's state does not allow the action (claimed by someone else, resolved...)."""

    def __init__(self, message: str, ticket: Ticket) -> None:
        super().__init__(message)
        self.ticket = ticket


@dataclass(frozen=True)
class Ticket:
    """One handoff ticket as staff see it; ``summary`` is redacted."""

    id: str
    conversation_id: str
    channel: str
    language: str
    priority: str
    reason: str
    team: str
    status: str
    assignee: str | None
    created_at: datetime
    waiting_since: datetime
    first_response_at: datetime | None
    summary: str

    def state(self) -> str:
        """Describe the ticket's state in a few words (for conflict messages)."""
        holder = f", assignee {self.assignee}" if self.assignee else ""
        return f"status {self.status}{holder}"


@dataclass(frozen=True)
class Note:
    """A private note on a ticket, for staff only."""

    author: str
    text: str
    created_at: datetime


def route_team(reason: str, intent: str | None = None) -> str:
    """Return the team a ticket goes to: clinical → nurse line, payments → billing, else desk."""
    text = reason.lower()
    if any(word in text for word in _NURSE_REASONS):
        return "nurse_line"
    if intent == "billing" or any(word in text for word in _BILLING_REASONS):
        return "billing"
    return "front_desk"


class HandoffQueue:
    """Opens, lists, claims and resolves tickets; the conversation's owner moves with them."""

    def __init__(self, *, engine: Engine) -> None:
        self._engine = engine
        metadata.create_all(engine)

    def open(
        self, conversation_id: str, *, priority: str, reason: str, intent: str | None = None
    ) -> Ticket:
        """Open a ticket for the conversation, or return (and if needed raise) its active one."""
        if priority not in PRIORITIES:
            raise ValueError(f"unknown priority {priority!r}; use one of {sorted(PRIORITIES)}")
        reason = reason[:200]
        now = utcnow()
        with self._engine.begin() as db:
            row = _active_row(db, conversation_id)
            if row is None:
                ticket_id = str(uuid.uuid4())
                db.execute(
                    insert(handoffs).values(
                        id=ticket_id,
                        conversation_id=conversation_id,
                        priority=priority,
                        reason=reason,
                        team=route_team(reason, intent),
                        status="open",
                        created_at=now,
                        waiting_since=now,
                        answered=False,
                        updated_at=now,
                    )
                )
                _set_owner(db, conversation_id, "queue")
            else:
                ticket_id = row.id
                if PRIORITIES[priority] < PRIORITIES[row.priority]:
                    db.execute(
                        update(handoffs)
                        .where(handoffs.c.id == ticket_id)
                        .values(
                            priority=priority,
                            reason=reason,
                            team=route_team(reason, intent),
                            updated_at=now,
                        )
                    )
                _set_owner(db, conversation_id, "agent" if row.status == "claimed" else "queue")
            return self._ticket(db, ticket_id)

    def active_for(self, conversation_id: str) -> Ticket | None:
        """Return the conversation's active (open or claimed) ticket, if any."""
        with self._engine.connect() as db:
            row = _active_row(db, conversation_id)
            return self._ticket(db, row.id) if row is not None else None

    def patient_wrote(self, conversation_id: str) -> Ticket | None:
        """Add a patient message to the active ticket: after a staff reply, they wait again."""
        now = utcnow()
        with self._engine.begin() as db:
            row = _active_row(db, conversation_id)
            if row is None:
                return None
            db.execute(
                update(handoffs)
                .where(handoffs.c.id == row.id, handoffs.c.answered.is_(True))
                .values(waiting_since=now, answered=False)
            )
            db.execute(update(handoffs).where(handoffs.c.id == row.id).values(updated_at=now))
            return self._ticket(db, row.id)

    def get(self, ticket_id: str) -> Ticket:
        """Return the ticket, or raise :class:`TicketNotFound`."""
        with self._engine.connect() as db:
            return self._ticket(db, ticket_id)

    def tickets(self, status: str = "active", *, limit: int = 500) -> list[Ticket]:
        """Return tickets in ``status`` (:data:`LISTINGS`): most urgent, then longest waiting."""
        if status not in LISTINGS:
            raise ValueError(f"unknown status {status!r}; use one of: {', '.join(LISTINGS)}")
        query = (
            select(handoffs.c.id)
            .where(handoffs.c.status.in_(LISTINGS[status]))
            .order_by(handoffs.c.updated_at.desc())
            .limit(limit)
        )
        with self._engine.connect() as db:
            tickets = [self._ticket(db, ticket_id) for ticket_id in db.execute(query).scalars()]
        return sorted(tickets, key=lambda t: (PRIORITIES[t.priority], t.waiting_since))

    def claim(self, ticket_id: str, assignee: str) -> Ticket:
        """Give an open ticket to ``assignee``; of simultaneous claims exactly one wins."""
        now = utcnow()
        with self._engine.begin() as db:
            taken = db.execute(
                update(handoffs)
                .where(handoffs.c.id == ticket_id, handoffs.c.status == "open")
                .values(status="claimed", assignee=assignee, updated_at=now)
            )
            ticket = self._ticket(db, ticket_id)  # raises TicketNotFound
            if taken.rowcount != 1:
                raise TicketConflict(
                    f"ticket {ticket_id} cannot be claimed: {ticket.state()}", ticket
                )
            _set_owner(db, ticket.conversation_id, "agent")
            return ticket

    def record_reply(self, ticket_id: str, author: str) -> Ticket:
        """Note that the assignee answered the patient; anyone else gets :class:`TicketConflict`."""
        now = utcnow()
        with self._engine.begin() as db:
            ticket = self._ticket(db, ticket_id)
            if ticket.status != "claimed" or ticket.assignee != author:
                raise TicketConflict(
                    f"only the account that claimed ticket {ticket_id} may reply; "
                    f"it has {ticket.state()}; claim it first",
                    ticket,
                )
            db.execute(
                update(handoffs)
                .where(handoffs.c.id == ticket_id)
                .values(
                    answered=True,
                    first_response_at=ticket.first_response_at or now,
                    updated_at=now,
                )
            )
            return self._ticket(db, ticket_id)

    def add_note(self, ticket_id: str, author: str, text: str) -> Note:
        """Add a private note to the ticket."""
        note = Note(author=author, text=text, created_at=utcnow())
        with self._engine.begin() as db:
            self._ticket(db, ticket_id)
            db.execute(
                insert(handoff_notes).values(
                    handoff_id=ticket_id, author=author, text=text, created_at=note.created_at
                )
            )
        return note

    def notes(self, ticket_id: str) -> list[Note]:
        """Return the ticket's notes, oldest first."""
        with self._engine.connect() as db:
            rows = db.execute(
                select(handoff_notes)
                .where(handoff_notes.c.handoff_id == ticket_id)
                .order_by(handoff_notes.c.id)
            ).all()
        return [Note(author=r.author, text=r.text, created_at=_aware(r.created_at)) for r in rows]

    def resolve(self, ticket_id: str, by: str, *, override: bool = False) -> Ticket:
        """Close the ticket and give the conversation back to the bot.

        The assignee may resolve a claimed ticket, anyone an open one; with
        ``override`` (admins) any active ticket. Resolving twice is a conflict.
        """
        now = utcnow()
        with self._engine.begin() as db:
            query = update(handoffs).where(
                handoffs.c.id == ticket_id, handoffs.c.status.in_(ACTIVE)
            )
            if not override:
                query = query.where((handoffs.c.status == "open") | (handoffs.c.assignee == by))
            done = db.execute(
                query.values(status="resolved", resolved_at=now, resolved_by=by, updated_at=now)
            )
            ticket = self._ticket(db, ticket_id)
            if done.rowcount != 1:
                raise TicketConflict(
                    f"ticket {ticket_id} cannot be resolved by {by}: {ticket.state()}", ticket
                )
            _set_owner(db, ticket.conversation_id, "bot")
            return ticket

    def expected_wait_minutes(self, *, sample: int = 20) -> int:
        """Return the median time to a first staff reply of recent tickets, in whole 5 minutes."""
        with self._engine.connect() as db:
            rows = db.execute(
                select(handoffs.c.created_at, handoffs.c.first_response_at)
                .where(handoffs.c.first_response_at.is_not(None))
                .order_by(handoffs.c.first_response_at.desc())
                .limit(sample)
            ).all()
        if not rows:
            return DEFAULT_WAIT_MINUTES
        median = statistics.median(
            (_aware(r.first_response_at) - _aware(r.created_at)) / timedelta(minutes=1)
            for r in rows
        )
        return max(5, min(240, 5 * math.ceil(median / 5)))

    def _ticket(self, db: Connection, ticket_id: str) -> Ticket:
        row = db.execute(
            select(handoffs, conversations.c.channel, conversations.c.language)
            .join(conversations, conversations.c.id == handoffs.c.conversation_id)
            .where(handoffs.c.id == ticket_id)
        ).first()
        if row is None:
            raise TicketNotFound(f"no handoff ticket with id {ticket_id!r}")
        return Ticket(
            id=row.id,
            conversation_id=row.conversation_id,
            channel=row.channel,
            language=row.language,
            priority=row.priority,
            reason=row.reason,
            team=row.team,
            status=row.status,
            assignee=row.assignee,
            created_at=_aware(row.created_at),
            waiting_since=_aware(row.waiting_since),
            first_response_at=_aware(row.first_response_at) if row.first_response_at else None,
            summary=_summary(db, row),
        )


@dataclass(frozen=True)
class _Active:
    id: str
    priority: str
    status: str


def _active_row(db: Connection, conversation_id: str) -> _Active | None:
    row = db.execute(
        select(handoffs.c.id, handoffs.c.priority, handoffs.c.status).where(
            handoffs.c.conversation_id == conversation_id, handoffs.c.status.in_(ACTIVE)
        )
    ).first()
    return _Active(row.id, row.priority, row.status) if row is not None else None


def _set_owner(db: Connection, conversation_id: str, owner: str) -> None:
    db.execute(
        update(conversations)
        .where(conversations.c.id == conversation_id)
        .values(owner=owner, updated_at=utcnow())
    )


def _summary(db: Connection, row: Row[Any]) -> str:
    """Why the ticket exists, then the last stored (redacted) turns and the documents cited."""
    recent = db.execute(
        select(turns.c.role, turns.c.text, turns.c.citations)
        .where(turns.c.conversation_id == row.conversation_id)
        .order_by(turns.c.seq.desc())
        .limit(SUMMARY_TURNS)
    ).all()
    lines = [f"Why: {row.reason} (priority {row.priority}, team {row.team})."]
    if recent:
        lines.append("Last turns:")
    for turn in reversed(recent):
        text = " ".join(turn.text.split())
        if len(text) > SUMMARY_CHARS:
            text = text[: SUMMARY_CHARS - 1] + "…"
        titles = sorted({str(c.get("title", "")) for c in turn.citations or [] if c.get("title")})
        sources = f" [documents: {', '.join(titles)}]" if titles else ""
        lines.append(f"- {turn.role}: {text}{sources}")
    return "\n".join(lines)


def _aware(value: datetime) -> datetime:
    """Return ``value`` in UTC (SQLite hands back naive datetimes)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# ---------------------------------------------------------------- when a person can reply

WEEKDAYS: Final[tuple[str, ...]] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)


@dataclass(frozen=True)
class StaffHours:
    """When the front desk is staffed, per weekday (Monday first), in the clinic's time zone.

    Read from the clinic profile's ``staff_hours`` (``monday: {open: "07:30",
    close: "19:30"}``, ``null`` for a closed day) and ``timezone``.
    """

    zone: ZoneInfo
    days: tuple[tuple[time, time] | None, ...]

    @classmethod
    def from_clinic(cls, clinic: ClinicProfile) -> StaffHours | None:
        """Return the clinic's staffed hours, or None when its profile gives none."""
        raw = (clinic.model_extra or {}).get("staff_hours")
        if not isinstance(raw, dict):
            return None
        days: list[tuple[time, time] | None] = []
        for name in WEEKDAYS:
            hours = raw.get(name)
            if not isinstance(hours, dict):
                days.append(None)
                continue
            try:
                days.append((time.fromisoformat(hours["open"]), time.fromisoformat(hours["close"])))
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(
                    f"staff_hours.{name} in the clinic profile needs open and close as HH:MM"
                ) from exc
        return cls(zone=ZoneInfo(clinic.timezone), days=tuple(days))

    def staffed(self, now: datetime) -> bool:
        """Tell whether someone is at the desk at ``now``."""
        local = now.astimezone(self.zone)
        hours = self.days[local.weekday()]
        return hours is not None and hours[0] <= local.time() < hours[1]

    def next_opening(self, now: datetime) -> datetime | None:
        """Return the next time the desk opens after ``now`` (local time), None if never."""
        local = now.astimezone(self.zone)
        for offset in range(8):
            day: date = local.date() + timedelta(days=offset)
            hours = self.days[day.weekday()]
            if hours is None:
                continue
            opening = datetime.combine(day, hours[0], tzinfo=self.zone)
            if opening > local:
                return opening
        return None


def availability_note(
    language: str, *, hours: StaffHours | None, now: datetime, wait_minutes: int
) -> str:
    """Tell the patient when a person will reply: the usual wait, or when staff are back."""
    if hours is None or hours.staffed(now):
        return message("handoff_wait", language, minutes=wait_minutes)
    opening = hours.next_opening(now)
    if opening is None:
        return ""
    days = (opening.date() - now.astimezone(hours.zone).date()).days
    at = opening.strftime("%H:%M")
    if days == 0:
        when = message("when_today", language, time=at)
    elif days == 1:
        when = message("when_tomorrow", language, time=at)
    else:
        names = [n.strip() for n in message("weekdays", language).split(",")]
        when = message("when_day", language, day=names[opening.weekday()], time=at)
    return message("handoff_after_hours", language, when=when)


# ---------------------------------------------------------------- what staff do with a ticket

TRANSCRIPT_CHANNELS: Final = frozenset({"web", "api"})
"""Channels whose patient reads the stored transcript: storing a message delivers it."""


class Deliver(Protocol):
    """Sends a message to the patient on a channel that pushes (WhatsApp registers one)."""

    def __call__(self, conversation_id: str, text: str, *, automated: bool = False) -> None:
        """Send ``text`` to the patient of ``conversation_id``; raise if it cannot be queued.

        ``automated`` marks a message the clinic sends on its own (not a staff
        reply): a patient who opted out does not get it.
        """
        ...


@dataclass(frozen=True)
class Delivery:
    """Whether a message reached the patient's channel."""

    delivered: bool
    channel: str


class HandoffDesk:
    """Claims, replies, notes and resolves for staff; each action is written to the audit log.

    Staff replies are patient-facing: the transcript keeps them redacted (with
    the conversation's own placeholders), the patient's channel gets them as
    written.
    """

    def __init__(
        self,
        *,
        queue: HandoffQueue,
        store: ConversationStore,
        redactor: Guard,
        audit: AuditLog,
        allow_list: Callable[[], frozenset[str]] = frozenset,
        deliverers: Mapping[str, Deliver] | None = None,
        max_chars: int = 4096,
    ) -> None:
        self.queue = queue
        self._store = store
        self._redactor = redactor
        self._audit = audit
        self._allow_list = allow_list
        self._deliverers = dict(deliverers or {})
        self._max_chars = max_chars

    def claim(self, ticket_id: str, actor: str) -> Ticket:
        """Take the ticket (see :meth:`HandoffQueue.claim`)."""
        ticket = self.queue.claim(ticket_id, actor)
        self._audit.record(actor, "handoff.claim", f"handoff:{ticket_id}")
        return ticket

    def reply(self, ticket_id: str, actor: str, text: str) -> Delivery:
        """Send the assignee's message to the patient and store it, redacted, as role agent."""
        self._check_text(text)
        ticket = self.queue.record_reply(ticket_id, actor)
        self._post(ticket, "agent", text)
        self._audit.record(actor, "handoff.reply", f"handoff:{ticket_id}")
        return self._deliver(ticket, text)

    def note(self, ticket_id: str, actor: str, text: str) -> Note:
        """Add a private note for staff."""
        self._check_text(text)
        note = self.queue.add_note(ticket_id, actor, text)
        self._audit.record(actor, "handoff.note", f"handoff:{ticket_id}")
        return note

    def resolve(self, ticket_id: str, actor: str, *, override: bool = False) -> Ticket:
        """Close the ticket and tell the patient the automated assistant answers again."""
        ticket = self.queue.resolve(ticket_id, actor, override=override)
        back = message("handoff_resolved", ticket.language)
        self._post(ticket, "bot", back)
        self._deliver(ticket, back, automated=True)
        self._audit.record(actor, "handoff.resolve", f"handoff:{ticket_id}")
        return self.queue.get(ticket_id)

    def _check_text(self, text: str) -> None:
        if not text.strip():
            raise MessageRejected("the text is empty; write the message")
        if len(text) > self._max_chars:
            raise MessageRejected(
                f"the text is {len(text)} characters long; the limit is {self._max_chars}"
            )

    def _post(self, ticket: Ticket, role: str, text: str) -> None:
        conv = self._store.load_or_create(
            ticket.conversation_id, channel=ticket.channel, language=ticket.language
        )
        context = GuardContext(
            language=conv.language,
            conversation_key=conv.secret,
            placeholders=conv.placeholders,
            allow_list=self._allow_list(),
        )
        redacted = self._redactor.check(text, context).text
        self._store.append(conv, role=role, text=redacted, language=conv.language)

    def _deliver(self, ticket: Ticket, text: str, *, automated: bool = False) -> Delivery:
        deliver = self._deliverers.get(ticket.channel)
        if deliver is None:
            return Delivery(ticket.channel in TRANSCRIPT_CHANNELS, ticket.channel)
        try:
            deliver(ticket.conversation_id, text, automated=automated)
        except Exception as exc:  # the message is stored; staff see it was not delivered
            event(
                log,
                "delivery_failed",
                conversation=conversation_hash(ticket.conversation_id),
                channel=ticket.channel,
                error=type(exc).__name__,
            )
            return Delivery(False, ticket.channel)
        return Delivery(True, ticket.channel)

"""The handoff ticket store on SQLite and PostgreSQL, staffed hours, and the bot falling silent."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from agent.audit import AuditLog
from agent.factory import Frontdesk
from agent.handoffs import (
    HandoffQueue,
    StaffHours,
    TicketConflict,
    TicketNotFound,
    availability_note,
    route_team,
)
from agent.pipeline import Receptionist
from agent.store import ConversationStore

ROME = ZoneInfo("Europe/Rome")


@pytest.fixture
def stores(any_engine: Engine) -> tuple[ConversationStore, HandoffQueue]:
    return ConversationStore(engine=any_engine), HandoffQueue(engine=any_engine)


def new_conversation(store: ConversationStore, language: str = "it") -> str:
    conversation_id = f"c-{uuid.uuid4().hex[:8]}"
    store.load_or_create(conversation_id, channel="web", language=language)
    return conversation_id


@pytest.mark.parametrize(
    ("reason", "intent", "team"),
    [
        ("emergency: chest_pain", None, "nurse_line"),  # emergencies go to the nurses
        ("clinical advice: dose", "faq", "nurse_line"),  # so does clinical advice
        ("wants human: asked", "billing", "billing"),  # a payment question
        ("wants human: complaint about a payment", None, "billing"),  # said in the reason
        ("wants human: asked", "booking", "front_desk"),  # everything else
        ("guard could not clear the message: injection", None, "front_desk"),
    ],
)
def test_tickets_are_routed_to_a_team(reason: str, intent: str | None, team: str) -> None:
    assert route_team(reason, intent) == team


def test_opening_hands_the_conversation_to_the_queue_once(
    stores: tuple[ConversationStore, HandoffQueue],
) -> None:
    store, queue = stores
    conv = new_conversation(store)
    first = queue.open(conv, priority="normal", reason="wants human: asked")
    again = queue.open(conv, priority="normal", reason="wants human: asked")
    assert again.id == first.id and first.status == "open" and first.team == "front_desk"
    assert store.owner(conv) == "queue"
    raised = queue.open(conv, priority="urgent", reason="emergency: stroke")
    assert (raised.id, raised.priority, raised.team) == (first.id, "urgent", "nurse_line")
    calmer = queue.open(conv, priority="normal", reason="wants human: asked")
    assert calmer.priority == "urgent"  # never lowered


def test_the_queue_sorts_by_priority_then_waiting_time(
    stores: tuple[ConversationStore, HandoffQueue],
) -> None:
    store, queue = stores
    oldest = queue.open(new_conversation(store), priority="normal", reason="wants human: asked")
    newer = queue.open(new_conversation(store), priority="normal", reason="wants human: asked")
    high = queue.open(new_conversation(store), priority="high", reason="wants human: complaint")
    urgent = queue.open(new_conversation(store), priority="urgent", reason="emergency: general")
    assert [t.id for t in queue.tickets()] == [urgent.id, high.id, oldest.id, newer.id]
    with pytest.raises(ValueError, match="active"):
        queue.tickets("waiting")


def test_claim_reply_resolve_move_the_owner(
    stores: tuple[ConversationStore, HandoffQueue],
) -> None:
    store, queue = stores
    conv = new_conversation(store)
    ticket = queue.open(conv, priority="normal", reason="wants human: asked")
    with pytest.raises(TicketConflict):
        queue.record_reply(ticket.id, "anna")  # not claimed yet
    claimed = queue.claim(ticket.id, "anna")
    assert (claimed.status, claimed.assignee, store.owner(conv)) == ("claimed", "anna", "agent")
    with pytest.raises(TicketConflict, match="anna"):
        queue.claim(ticket.id, "bruno")
    with pytest.raises(TicketConflict):
        queue.record_reply(ticket.id, "bruno")
    with pytest.raises(TicketConflict):
        queue.resolve(ticket.id, "bruno")  # someone else's ticket
    answered = queue.record_reply(ticket.id, "anna")
    assert answered.first_response_at is not None
    assert queue.record_reply(ticket.id, "anna").first_response_at == answered.first_response_at
    assert queue.active_for(conv) is not None
    done = queue.resolve(ticket.id, "anna")
    assert done.status == "resolved" and store.owner(conv) == "bot"
    assert queue.active_for(conv) is None
    with pytest.raises(TicketConflict, match="resolved"):
        queue.resolve(ticket.id, "anna")
    with pytest.raises(TicketConflict):
        queue.claim(ticket.id, "bruno")
    assert [t.id for t in queue.tickets("resolved")] == [ticket.id]
    assert queue.tickets("active") == []


def test_an_admin_may_resolve_a_ticket_someone_else_holds(
    stores: tuple[ConversationStore, HandoffQueue],
) -> None:
    store, queue = stores
    ticket = queue.open(new_conversation(store), priority="high", reason="wants human: anger")
    queue.claim(ticket.id, "anna")
    assert queue.resolve(ticket.id, "admin", override=True).status == "resolved"


def test_unknown_tickets_are_not_found(stores: tuple[ConversationStore, HandoffQueue]) -> None:
    _, queue = stores
    for action in (
        lambda: queue.get("nope"),
        lambda: queue.claim("nope", "anna"),
        lambda: queue.resolve("nope", "anna"),
        lambda: queue.add_note("nope", "anna", "x"),
    ):
        with pytest.raises(TicketNotFound):
            action()


def test_simultaneous_claims_have_exactly_one_winner(
    stores: tuple[ConversationStore, HandoffQueue],
) -> None:
    store, queue = stores
    ticket = queue.open(new_conversation(store), priority="normal", reason="wants human: asked")
    start = threading.Barrier(4)
    outcomes: list[str] = []

    def claim(name: str) -> None:
        start.wait()
        try:
            queue.claim(ticket.id, name)
            outcomes.append("won")
        except TicketConflict:
            outcomes.append("lost")

    threads = [threading.Thread(target=claim, args=(f"agent{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["lost", "lost", "lost", "won"]
    assert queue.get(ticket.id).assignee in {f"agent{i}" for i in range(4)}


def test_the_summary_is_built_from_the_stored_turns(
    stores: tuple[ConversationStore, HandoffQueue],
) -> None:
    store, queue = stores
    conv_id = new_conversation(store)
    conv = store.load_or_create(conv_id, channel="web", language="it")
    store.append(conv, role="patient", text="sono <PERSON_1>, quanto costa?", language="it")
    cited = [{"document_id": "d1", "title": "Tariffe", "page": 1}]
    store.append(conv, role="bot", text="La visita costa 90 euro.", language="it", citations=cited)
    ticket = queue.open(conv_id, priority="normal", reason="wants human: asked", intent="billing")
    assert ticket.summary.splitlines() == [
        "Why: wants human: asked (priority normal, team billing).",
        "Last turns:",
        "- patient: sono <PERSON_1>, quanto costa?",
        "- bot: La visita costa 90 euro. [documents: Tariffe]",
    ]


def test_a_patient_writing_after_a_reply_waits_again(
    stores: tuple[ConversationStore, HandoffQueue],
) -> None:
    store, queue = stores
    conv = new_conversation(store)
    ticket = queue.open(conv, priority="normal", reason="wants human: asked")
    first_wait = queue.patient_wrote(conv)
    assert first_wait is not None and first_wait.waiting_since == ticket.waiting_since
    queue.claim(ticket.id, "anna")
    queue.record_reply(ticket.id, "anna")
    again = queue.patient_wrote(conv)
    assert again is not None and again.waiting_since > ticket.waiting_since


def test_notes_and_the_audit_trail(any_engine: Engine) -> None:
    store, queue = ConversationStore(engine=any_engine), HandoffQueue(engine=any_engine)
    audit = AuditLog(engine=any_engine)
    ticket = queue.open(new_conversation(store), priority="normal", reason="wants human: asked")
    queue.add_note(ticket.id, "anna", "richiamare dopo le 15")
    assert [(n.author, n.text) for n in queue.notes(ticket.id)] == [
        ("anna", "richiamare dopo le 15")
    ]
    audit.record("anna", "handoff.claim", f"handoff:{ticket.id}")
    audit.record("anna", "handoff.note", f"handoff:{ticket.id}")
    assert [(e.actor, e.action) for e in audit.entries()] == [
        ("anna", "handoff.claim"),
        ("anna", "handoff.note"),
    ]


def test_expected_wait_comes_from_recent_first_replies(
    stores: tuple[ConversationStore, HandoffQueue],
) -> None:
    store, queue = stores
    assert queue.expected_wait_minutes() == 15  # no history yet
    ticket = queue.open(new_conversation(store), priority="normal", reason="wants human: asked")
    queue.claim(ticket.id, "anna")
    queue.record_reply(ticket.id, "anna")
    assert queue.expected_wait_minutes() == 5  # answered at once: the floor


# ---------------------------------------------------------------- staffed hours


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A local time in Rome on day ``day`` of June 2026 (the 1st is a Monday)."""
    return datetime(2026, 6, day, hour, minute, tzinfo=ROME).astimezone(UTC)


@pytest.mark.parametrize(
    ("now", "language", "expected"),
    [
        (at(1, 10), "it", "entro circa 15 minuti"),  # Monday morning: staffed
        (at(1, 6), "it", "oggi dalle 07:30"),  # before opening
        (at(5, 20), "it", "domani dalle 08:00"),  # Friday evening: Saturday morning
        (at(6, 13), "en", "on Monday from 07:30"),  # Saturday afternoon: closed Sunday
        (at(7, 11), "fr", "demain à partir de 07:30"),  # Sunday
        (at(6, 12, 45), "es", "el lunes a partir de las 07:30"),
    ],
)
def test_the_patient_is_told_when_a_person_will_reply(
    demo_frontdesk: Frontdesk, now: datetime, language: str, expected: str
) -> None:
    hours = StaffHours.from_clinic(demo_frontdesk.clinic)
    assert hours is not None
    assert expected in availability_note(language, hours=hours, now=now, wait_minutes=15)


def test_a_clinic_without_staffed_hours_gives_the_usual_wait(demo_frontdesk: Frontdesk) -> None:
    clinic = demo_frontdesk.clinic.model_copy(update={"staff_hours": None})
    assert StaffHours.from_clinic(clinic) is None
    note = availability_note("en", hours=None, now=at(7, 3), wait_minutes=20)
    assert "20 minutes" in note


def sunday_receptionist(fd: Frontdesk) -> Receptionist:
    """The demo pipeline with its clock on a Sunday, when nobody is at the desk."""
    from agent.factory import build_guards

    guards = build_guards(fd.redactor)
    live = fd.receptionist
    return Receptionist(
        store=live.store,
        retriever=fd.knowledge,
        composer=fd.composer,
        redactor=fd.redactor,
        language_detector=fd.languages,
        clinic=fd.clinic,
        raw_text_guards=guards.raw_text,
        input_guards=guards.input,
        output_guards=guards.output,
        channel_guards=guards.channel,
        handoffs=live.handoffs,
        clock=lambda: at(7, 11) + timedelta(seconds=1),
    )


def test_while_staff_own_a_conversation_the_bot_is_silent_except_for_emergencies(
    demo_frontdesk: Frontdesk,
) -> None:
    receptionist = sunday_receptionist(demo_frontdesk)
    conv = f"silent-{uuid.uuid4().hex[:6]}"
    asked = receptionist.handle(conv, "voglio parlare con un operatore")
    assert asked.handoff is not None
    assert len(asked.replies) == 1 and "domani dalle 07:30" in asked.replies[0]
    waiting = receptionist.handle(conv, "a che ora aprite il sabato?")
    assert waiting.replies == [] and waiting.handoff is not None
    assert waiting.handoff.id == asked.handoff.id
    emergency = receptionist.handle(conv, "mio padre non respira e ha le labbra viola")
    assert emergency.emergency and any("112" in r for r in emergency.replies)
    assert emergency.handoff is not None and emergency.handoff.priority == "urgent"
    roles = [t.role for t in receptionist.store.transcript(conv)]
    assert roles == ["patient", "bot", "patient", "patient", "bot"]

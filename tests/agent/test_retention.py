"""Erasing one patient's conversation and purging old ones, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select, update

from agent.channels.whatsapp_client import Recipient
from agent.channels.whatsapp_security import Sealer
from agent.channels.whatsapp_store import WhatsAppStore
from agent.handoffs import HandoffQueue, handoff_notes
from agent.retention import CONVERSATION_TABLES, Purged, PurgeSchedule, Retention
from agent.store import ConversationStore, conversations, utcnow


def _conversation(engine: Engine, conversation_id: str, *, handoff: str | None = None) -> None:
    """Store a conversation with a turn, a handoff with a note, and WhatsApp rows."""
    store = ConversationStore(engine=engine)
    conv = store.load_or_create(conversation_id, channel="whatsapp", language="it")
    store.append(conv, role="patient", text="sono <PERSON_1>", language="it")
    queue = HandoffQueue(engine=engine)
    ticket = queue.open(conversation_id, priority="normal", reason="wants human")
    queue.add_note(ticket.id, "anna", "called back")
    if handoff == "resolved":
        queue.resolve(ticket.id, "anna", override=True)
    wa = WhatsAppStore(engine=engine, sealer=Sealer("app-secret-for-tests"), lease=timedelta(60))
    wa.remember_contact(conversation_id, Recipient(kind="wa_id", value="393331234567"), utcnow())
    wa.enqueue(conversation_id, {"type": "text", "text": {"body": "ciao"}})
    wa.claim_message(f"wamid.{conversation_id}", conversation_id, "text", "w1")


def _rows(engine: Engine, conversation_id: str) -> dict[str, int]:
    with engine.connect() as db:
        counts = {
            table.name: db.execute(
                select(func.count()).where(table.c.conversation_id == conversation_id)
            ).scalar_one()
            for table in CONVERSATION_TABLES
        }
        counts["conversations"] = db.execute(
            select(func.count()).where(conversations.c.id == conversation_id)
        ).scalar_one()
        counts["handoff_notes"] = db.execute(
            select(func.count()).select_from(handoff_notes)
        ).scalar_one()
    return counts


def test_erase_removes_every_row_of_one_conversation_and_nothing_else(any_engine: Engine) -> None:
    _conversation(any_engine, "wa-erase-me")
    _conversation(any_engine, "wa-keep-me")
    before = _rows(any_engine, "wa-erase-me")
    assert all(before.values()), before  # every table really held rows of it

    erased = Retention(engine=any_engine).erase("wa-erase-me")

    assert erased.found
    assert {k: v for k, v in erased.rows.items() if k != "handoff_notes"} == {
        k: v for k, v in before.items() if k != "handoff_notes"
    }
    after = _rows(any_engine, "wa-erase-me")
    assert {k: v for k, v in after.items() if k != "handoff_notes"} == dict.fromkeys(
        (t for t in after if t != "handoff_notes"), 0
    )
    assert after["handoff_notes"] == 1  # the other conversation's note
    assert all(_rows(any_engine, "wa-keep-me").values())


def test_erasing_an_unknown_conversation_finds_nothing(any_engine: Engine) -> None:
    erased = Retention(engine=any_engine).erase("never-seen")
    assert not erased.found and sum(erased.rows.values()) == 0


def test_purge_removes_idle_conversations_but_keeps_open_handoffs(any_engine: Engine) -> None:
    _conversation(any_engine, "old-resolved", handoff="resolved")
    _conversation(any_engine, "old-open")
    _conversation(any_engine, "recent", handoff="resolved")
    long_ago = utcnow() - timedelta(days=40)
    with any_engine.begin() as db:
        db.execute(
            update(conversations)
            .where(conversations.c.id.in_(["old-resolved", "old-open"]))
            .values(updated_at=long_ago)
        )

    purged = Retention(engine=any_engine).purge(days=30)

    assert purged.conversations == 1 and purged.kept_open == 1 and purged.rows > 1
    assert not any(_rows(any_engine, "old-resolved")[t.name] for t in CONVERSATION_TABLES)
    assert _rows(any_engine, "old-open")["conversations"] == 1
    assert _rows(any_engine, "recent")["conversations"] == 1


def test_retention_of_less_than_a_day_is_refused(any_engine: Engine) -> None:
    with pytest.raises(ValueError, match="at least 1 day"):
        Retention(engine=any_engine).purge(days=0)


def test_the_schedule_purges_at_start_and_stops(any_engine: Engine) -> None:
    _conversation(any_engine, "stale", handoff="resolved")
    with any_engine.begin() as db:
        db.execute(
            update(conversations)
            .where(conversations.c.id == "stale")
            .values(updated_at=utcnow() - timedelta(days=10))
        )
    runs: list[Purged] = []
    done = threading.Event()

    def seen(purged: Purged) -> None:
        runs.append(purged)
        done.set()

    schedule = PurgeSchedule(Retention(engine=any_engine), days=7, every_s=3600, on_purge=seen)
    schedule.start()
    assert done.wait(10), "the first purge never ran"
    schedule.stop()
    assert [r.conversations for r in runs] == [1]
    assert _rows(any_engine, "stale")["conversations"] == 0

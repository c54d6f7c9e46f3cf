"""WhatsAppStore on SQLite and the local PostgreSQL: sealing, leases, dedupe, statuses, outbox."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, update

from agent.channels.whatsapp_client import Recipient
from agent.channels.whatsapp_security import Sealer
from agent.channels.whatsapp_store import WhatsAppStore, contacts, messages, outbox, updates
from agent.store import utcnow

SIGNATURE = Path(__file__).resolve().parents[2] / "data" / "whatsapp_payloads" / "signature"
RAW = (SIGNATURE / "signed_text_message.raw.json").read_bytes()
SECRET = "test-app-secret-0123456789"
NUMBER = "393551234567"
PATIENT = Recipient("wa_id", NUMBER)
LONG = timedelta(minutes=5)
TEXT = "Ho la febbre alta, posso prenotare per domani?"


def make_store(engine: Engine, lease: timedelta = LONG) -> WhatsAppStore:
    return WhatsAppStore(engine=engine, sealer=Sealer(SECRET), lease=lease)


@pytest.fixture
def store(any_engine: Engine) -> WhatsAppStore:
    return make_store(any_engine)


class Clock:
    """The store's clock, moved by the test.

    A lease ends when the test says so, not when a busy machine has been slow.
    """

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def pass_lease(self, lease: timedelta = LONG) -> None:
        self.now += lease + timedelta(seconds=1)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    moved = Clock()
    monkeypatch.setattr("agent.channels.whatsapp_store.utcnow", moved)
    return moved


def payload_column(store: WhatsAppStore, row_id: int) -> bytes | None:
    with store.engine.connect() as db:
        value: bytes | None = db.execute(
            select(outbox.c.payload).where(outbox.c.id == row_id)
        ).scalar_one()
    return value


def row(store: WhatsAppStore, conversation_id: str, index: int = 0) -> dict[str, Any]:
    return store.outbox_rows(conversation_id)[index]


def queued(
    store: WhatsAppStore,
    conversation_id: str,
    text: str = TEXT,
    *,
    language: str = "en",
    solicited: bool = True,
) -> int:
    payload = {"type": "text", "text": text}
    assert store.enqueue(conversation_id, payload, language=language, solicited=solicited)
    return int(store.outbox_rows(conversation_id)[-1]["id"])


# ---------------------------------------------------------------- updates


def test_save_update_stores_the_body_sealed(store: WhatsAppStore) -> None:
    update_id = store.save_update(RAW)
    with store.engine.connect() as db:
        stored = db.execute(select(updates.c.body).where(updates.c.id == update_id)).scalar_one()
    assert RAW not in stored
    for fragment in (b"Hey there", b"PyWa Tests", b"972544401243"):
        assert fragment not in stored
    assert Sealer(SECRET).open(stored) == RAW
    assert store.pending_updates() == 1


def test_claim_update_hands_one_update_to_one_worker_until_the_lease_ends(
    store: WhatsAppStore, clock: Clock
) -> None:
    update_id = store.save_update(RAW)
    first = store.claim_update("worker-a")
    assert first is not None and (first.id, first.body, first.attempts) == (update_id, RAW, 1)
    assert store.claim_update("worker-b") is None  # held by worker-a
    clock.pass_lease()
    again = store.claim_update("worker-b")  # worker-a died: its lease ran out
    assert again is not None and (again.id, again.body, again.attempts) == (update_id, RAW, 2)
    store.finish_update(update_id)
    assert store.pending_updates() == 0
    clock.pass_lease()
    assert store.claim_update("worker-c") is None


def test_updates_are_claimed_oldest_first_and_retry_waits(store: WhatsAppStore) -> None:
    older = store.save_update(b'{"n": 1}')
    newer = store.save_update(b'{"n": 2}')
    taken = store.claim_update("w")
    assert taken is not None and taken.id == older
    store.retry_update(older, after=LONG, error="messages pending")
    following = store.claim_update("w")
    assert following is not None and following.id == newer
    assert store.claim_update("w") is None  # the older one waits for its retry time


# ---------------------------------------------------------------- messages


def claim_together(store: WhatsAppStore, message_id: str, workers: int = 8) -> list[str]:
    barrier = threading.Barrier(workers)
    results: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def claim(n: int) -> None:
        barrier.wait()
        try:
            outcome = store.claim_message(message_id, "wa-conv", "text", f"worker-{n}")
        except BaseException as exc:  # reported below, with the outcomes
            with lock:
                errors.append(exc)
            return
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=claim, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return sorted(results)


def test_claim_message_concurrent_claims_give_exactly_one_mine(store: WhatsAppStore) -> None:
    outcomes = claim_together(store, "wamid.concurrent")
    assert outcomes == ["busy"] * 7 + ["mine"]
    assert store.message_attempts("wamid.concurrent") == 1
    store.complete_message("wamid.concurrent", conversation_id="wa-conv")
    assert claim_together(store, "wamid.concurrent") == ["done"] * 8


def test_a_crashed_claim_is_taken_over_after_its_lease(store: WhatsAppStore, clock: Clock) -> None:
    assert store.claim_message("wamid.crash", "wa-conv", "text", "worker-a") == "mine"
    assert store.claim_message("wamid.crash", "wa-conv", "text", "worker-b") == "busy"
    clock.pass_lease()  # worker-a died without completing
    assert store.claim_message("wamid.crash", "wa-conv", "text", "worker-b") == "mine"
    assert store.message_attempts("wamid.crash") == 2
    with store.engine.connect() as db:
        holder = db.execute(
            select(messages.c.claimed_by).where(messages.c.id == "wamid.crash")
        ).scalar_one()
    assert holder == "worker-b"


def test_a_crashed_claim_is_taken_over_by_exactly_one_of_many(store: WhatsAppStore) -> None:
    assert store.claim_message("wamid.expired", "wa-conv", "text", "dead") == "mine"
    with store.engine.begin() as db:  # the holder died long ago
        db.execute(
            update(messages)
            .where(messages.c.id == "wamid.expired")
            .values(claimed_until=utcnow() - timedelta(seconds=5))
        )
    assert claim_together(store, "wamid.expired") == ["busy"] * 7 + ["mine"]
    assert store.message_attempts("wamid.expired") == 2


def test_a_failed_message_is_not_taken_again(store: WhatsAppStore) -> None:
    assert store.claim_message("wamid.failed", "wa-conv", "text", "w") == "mine"
    store.complete_message("wamid.failed", state="failed", conversation_id="wa-conv")
    assert store.claim_message("wamid.failed", "wa-conv", "text", "w2") == "done"


def test_complete_message_writes_exactly_one_sealed_reply(store: WhatsAppStore) -> None:
    assert store.claim_message("wamid.reply", "wa-conv", "text", "w") == "mine"
    reply = {"type": "text", "text": TEXT}
    store.complete_message("wamid.reply", reply=reply, conversation_id="wa-conv", language="it")
    (written,) = store.outbox_rows("wa-conv")
    assert written["dedupe_key"] == "reply:wamid.reply"
    assert (written["state"], written["language"], written["solicited"]) == ("pending", "it", True)
    sealed = payload_column(store, int(written["id"]))
    assert sealed is not None and b"febbre" not in sealed
    assert json.loads(Sealer(SECRET).open(sealed)) == reply


def test_a_second_completion_of_one_message_cannot_add_a_second_reply(
    store: WhatsAppStore, clock: Clock
) -> None:
    assert store.claim_message("wamid.twice", "wa-conv", "text", "slow") == "mine"
    clock.pass_lease()  # "slow" is still working when "fast" takes over
    assert store.claim_message("wamid.twice", "wa-conv", "text", "fast") == "mine"
    first = {"type": "text", "text": "first answer"}
    store.complete_message("wamid.twice", reply=first, conversation_id="wa-conv")
    # The slow worker finishes too: its reply is dropped quietly, not raised as a fault.
    second = {"type": "text", "text": "second answer"}
    store.complete_message("wamid.twice", reply=second, conversation_id="wa-conv")
    rows = store.outbox_rows("wa-conv")
    assert len(rows) == 1 and rows[0]["dedupe_key"] == "reply:wamid.twice"
    sealed = payload_column(store, int(rows[0]["id"]))
    assert sealed is not None and json.loads(Sealer(SECRET).open(sealed)) == first
    assert store.claim_message("wamid.twice", "wa-conv", "text", "third") == "done"


# ---------------------------------------------------------------- delivery statuses


def sent_row(store: WhatsAppStore, wamid: str) -> int:
    row_id = queued(store, "wa-status")
    store.mark_sent([row_id], wamid)
    return row_id


def delivery(store: WhatsAppStore) -> tuple[Any, Any]:
    found = row(store, "wa-status")
    return found["delivery"], found["error_code"]


def test_statuses_move_forward_only(store: WhatsAppStore) -> None:
    sent_row(store, "wamid.out1")
    assert delivery(store) == ("sent", None)
    assert store.record_status("wamid.out1", "delivered")
    assert delivery(store) == ("delivered", None)
    assert store.record_status("wamid.out1", "read")
    assert delivery(store) == ("read", None)
    assert store.record_status("wamid.out1", "delivered")  # late, out of order
    assert delivery(store) == ("read", None)
    assert store.record_status("wamid.out1", "sent")
    assert delivery(store) == ("read", None)
    assert store.record_status("wamid.out1", "failed", error_code=131026, error="undeliverable")
    assert delivery(store) == ("read", None)  # read on the phone: a late failure cannot undo it


def test_failed_after_sent_records_failure_and_code(store: WhatsAppStore) -> None:
    sent_row(store, "wamid.out2")
    assert store.record_status("wamid.out2", "failed", error_code=131049, error="ecosystem")
    found = row(store, "wa-status")
    assert (found["delivery"], found["error_code"], found["error"]) == (
        "failed",
        131049,
        "ecosystem",
    )


def test_status_for_a_message_we_did_not_send_is_not_ours(store: WhatsAppStore) -> None:
    sent_row(store, "wamid.out3")
    assert store.record_status("wamid.someone-else", "read") is False
    assert delivery(store) == ("sent", None)


# ---------------------------------------------------------------- contacts


def test_remember_contact_seals_the_address_and_releases_held_rows(store: WhatsAppStore) -> None:
    wrote = utcnow() - timedelta(hours=30)
    store.remember_contact("wa-held", PATIENT, wrote)
    held = queued(store, "wa-held")
    other = queued(store, "wa-other")
    store.set_state([held, other], "held", error="24-hour window closed")
    assert payload_column(store, held) is not None  # held text is kept for later
    assert row(store, "wa-held")["state"] == "held"
    with store.engine.connect() as db:
        address = db.execute(select(contacts.c.address)).scalar_one()
    assert NUMBER.encode() not in address
    assert store.address("wa-held") == PATIENT

    now = utcnow()
    store.remember_contact("wa-held", PATIENT, now)  # the patient wrote again
    released = row(store, "wa-held")
    assert released["state"] == "pending"
    assert row(store, "wa-other")["state"] == "held"  # only this patient's rows
    state = store.contact_state("wa-held")
    assert state is not None and state[0] == now and state[1] is False
    # A late, older webhook does not move the 24-hour window back.
    store.remember_contact("wa-held", PATIENT, wrote)
    state = store.contact_state("wa-held")
    assert state is not None and state[0] == now


def test_complete_message_records_an_opt_out(store: WhatsAppStore) -> None:
    store.remember_contact("wa-stop", PATIENT, utcnow())
    assert store.claim_message("wamid.stop", "wa-stop", "text", "w") == "mine"
    store.complete_message("wamid.stop", conversation_id="wa-stop", opted_out=True)
    state = store.contact_state("wa-stop")
    assert state is not None and state[1] is True
    assert store.outbox_rows("wa-stop") == []


def test_an_unknown_conversation_has_no_address(store: WhatsAppStore) -> None:
    assert store.address("wa-nobody") is None and store.contact_state("wa-nobody") is None


# ---------------------------------------------------------------- outbox


def test_enqueue_with_the_same_dedupe_key_twice_returns_false(store: WhatsAppStore) -> None:
    assert store.enqueue("wa-q", {"message_id": "wamid.in"}, kind="read", dedupe_key="read:1")
    assert not store.enqueue("wa-q", {"message_id": "wamid.in"}, kind="read", dedupe_key="read:1")
    assert store.enqueue("wa-q", {"type": "text", "text": "a"})  # no key: never a duplicate
    assert store.enqueue("wa-q", {"type": "text", "text": "a"})
    assert len(store.outbox_rows("wa-q")) == 3


def test_claim_due_opens_the_payload_and_takes_a_row_once(store: WhatsAppStore) -> None:
    row_id = queued(store, "wa-due", language="it", solicited=False)
    (item,) = store.claim_due("sender-a")
    assert (item.id, item.kind, item.language, item.solicited) == (row_id, "message", "it", False)
    assert item.payload == {"type": "text", "text": TEXT}
    assert store.claim_due("sender-b") == []
    assert row(store, "wa-due")["state"] == "sending"


@pytest.mark.parametrize("state", ["failed", "suppressed"])
def test_giving_up_wipes_the_payload(store: WhatsAppStore, state: str) -> None:
    row_id = queued(store, "wa-wipe")
    store.set_state([row_id], state, error_code=131026, error="undeliverable")
    assert payload_column(store, row_id) is None
    found = row(store, "wa-wipe")
    assert (found["state"], found["error_code"]) == (state, 131026)
    assert store.claim_due("w") == []


def test_mark_sent_wipes_the_payload_and_records_the_send(store: WhatsAppStore) -> None:
    store.remember_contact("wa-sent", PATIENT, utcnow())
    first, second = queued(store, "wa-sent"), queued(store, "wa-sent", "second")
    store.mark_sent([first, second], "wamid.sent")
    assert payload_column(store, first) is None and payload_column(store, second) is None
    rows = store.outbox_rows("wa-sent")
    assert [(r["state"], r["wamid"], r["delivery"]) for r in rows] == [
        ("sent", "wamid.sent", "sent")
    ] * 2
    state = store.contact_state("wa-sent")
    assert state is not None and state[2] is not None


def test_a_sent_read_receipt_does_not_count_as_a_message_sent(store: WhatsAppStore) -> None:
    store.remember_contact("wa-tick", PATIENT, utcnow())
    assert store.enqueue("wa-tick", {"message_id": "wamid.in"}, kind="read", dedupe_key="r:1")
    store.mark_sent([int(row(store, "wa-tick")["id"])], None)
    assert (row(store, "wa-tick")["state"], row(store, "wa-tick")["delivery"]) == ("sent", None)
    state = store.contact_state("wa-tick")
    assert state is not None and state[2] is None  # the pace counts messages, not blue ticks


def test_an_unknown_state_is_refused(store: WhatsAppStore) -> None:
    row_id = queued(store, "wa-bad")
    with pytest.raises(ValueError, match="unknown outbox state"):
        store.set_state([row_id], "gone")

"""OutboxSender against a real FakeGraphApi and a real store: batching, pace, retries, windows."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select

from agent.channels.whatsapp_client import Recipient, WhatsAppClient
from agent.channels.whatsapp_security import Sealer
from agent.channels.whatsapp_sender import OutboxSender, SenderPolicy
from agent.channels.whatsapp_store import WhatsAppStore, outbox
from agent.store import utcnow
from tests.fakes.graph_api import FakeGraphApi

NUMBER = "393551234567"
FAST = {"retry_base": timedelta(milliseconds=10), "pace": timedelta(0)}
TEMPLATE = "frontdesk_reopen"


@pytest.fixture(scope="module")
def _server() -> Iterator[FakeGraphApi]:
    with FakeGraphApi() as server:
        yield server


@pytest.fixture
def graph(_server: FakeGraphApi) -> FakeGraphApi:
    _server.reset()
    return _server


@pytest.fixture
def store(sqlite_engine: Engine) -> WhatsAppStore:
    return WhatsAppStore(
        engine=sqlite_engine, sealer=Sealer("test-app-secret"), lease=timedelta(minutes=2)
    )


@pytest.fixture
def client(graph: FakeGraphApi) -> Iterator[WhatsAppClient]:
    with WhatsAppClient(
        base_url=graph.base_url,
        phone_number_id=graph.phone_number_id,
        access_token=graph.access_token,
        timeout_s=5.0,
    ) as c:
        yield c


def sender(store: WhatsAppStore, client: WhatsAppClient, **policy: Any) -> OutboxSender:
    return OutboxSender(
        store=store, client=client, worker_id="sender-1", policy=SenderPolicy(**{**FAST, **policy})
    )


def contact(store: WhatsAppStore, *, hours_ago: float = 0.0, number: str = NUMBER) -> str:
    conversation_id = store.conversation_id(number)
    wrote_at = utcnow() - timedelta(hours=hours_ago)
    store.remember_contact(conversation_id, Recipient("wa_id", number), wrote_at)
    return conversation_id


def say(
    store: WhatsAppStore,
    conversation_id: str,
    text: str,
    *,
    solicited: bool = True,
    buttons: list[list[str]] | None = None,
) -> int:
    payload: dict[str, Any] = {"type": "text", "text": text}
    if buttons:
        payload["buttons"] = buttons
    assert store.enqueue(conversation_id, payload, language="it", solicited=solicited)
    return int(store.outbox_rows(conversation_id)[-1]["id"])


def rows(store: WhatsAppStore, conversation_id: str) -> dict[int, dict[str, Any]]:
    return {r["id"]: r for r in store.outbox_rows(conversation_id)}


def payload_is_wiped(store: WhatsAppStore, row_id: int) -> bool:
    with store.engine.connect() as db:
        return db.execute(select(outbox.c.payload).where(outbox.c.id == row_id)).scalar() is None


def drive(run: OutboxSender, done: Callable[[], bool], timeout_s: float = 5.0) -> None:
    """Run the sender in short steps until ``done()``, failing at the deadline."""
    deadline = time.monotonic() + timeout_s
    while True:
        run.run_once()
        if done():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"sender did not get there within {timeout_s}s")
        time.sleep(0.01)


def sent_texts(graph: FakeGraphApi) -> list[str]:
    found = []
    for request in graph.messages():
        body = request["body"]
        if body["type"] == "interactive":
            found.append(body["interactive"]["body"]["text"])
        elif body["type"] == "text":
            found.append(body["text"]["body"])
    return found


# ---------------------------------------------------------------- batching and pace


def test_two_messages_due_together_go_out_as_one(
    store: WhatsAppStore, client: WhatsAppClient, graph: FakeGraphApi
) -> None:
    conv = contact(store)
    first, second = say(store, conv, "Apriamo alle 8:00."), say(store, conv, "Serve altro?")
    other = contact(store, number="393550000002")
    say(store, other, "Un altro paziente.")
    assert sender(store, client).run_once() == 3
    assert len(graph.requests) == 2  # one message per patient, not one per row
    (mine,) = [r for r in graph.messages() if r["body"]["to"] == NUMBER]
    assert mine["body"]["text"]["body"] == "Apriamo alle 8:00.\n\nServe altro?"
    sent = rows(store, conv)
    assert [sent[first]["state"], sent[second]["state"]] == ["sent", "sent"]
    assert sent[first]["wamid"] == sent[second]["wamid"] == mine["message_id"]
    assert payload_is_wiped(store, first) and payload_is_wiped(store, second)


def test_buttons_of_the_last_message_make_one_interactive_message(
    store: WhatsAppStore, client: WhatsAppClient, graph: FakeGraphApi
) -> None:
    conv = contact(store)
    say(store, conv, "Apriamo alle 8:00.")
    say(store, conv, "Serve altro?", buttons=[["frontdesk.staff", "Parla con noi"]])
    sender(store, client).run_once()
    (request,) = graph.messages()
    interactive = request["body"]["interactive"]
    assert interactive["body"]["text"] == "Apriamo alle 8:00.\n\nServe altro?"
    reply = interactive["action"]["buttons"][0]["reply"]
    assert (reply["id"], reply["title"]) == ("frontdesk.staff", "Parla con noi")


def test_a_message_right_after_another_waits_for_the_pace(
    store: WhatsAppStore, client: WhatsAppClient, graph: FakeGraphApi
) -> None:
    paced = sender(store, client, pace=timedelta(seconds=1))
    conv = contact(store)
    say(store, conv, "Primo messaggio.")
    assert paced.run_once() == 1 and len(graph.messages()) == 1
    second = say(store, conv, "Secondo messaggio.")
    assert paced.run_once() == 1  # taken, then put back until the pace allows it
    assert len(graph.requests) == 1
    waiting = rows(store, conv)[second]
    assert (waiting["state"], waiting["attempts"], waiting["error"]) == ("pending", 0, "paced")
    assert paced.run_once() == 0  # not due yet
    drive(paced, lambda: rows(store, conv)[second]["state"] == "sent", timeout_s=3.0)
    first_at, second_at = (r["received_at"] for r in graph.messages())
    assert second_at - first_at >= 0.95
    assert sent_texts(graph) == ["Primo messaggio.", "Secondo messaggio."]
    assert rows(store, conv)[second]["attempts"] == 1  # waiting for the pace is not a failure


# ---------------------------------------------------------------- errors


def test_retryable_errors_are_retried_with_attempts_counted_then_sent_once(
    store: WhatsAppStore, client: WhatsAppClient, graph: FakeGraphApi
) -> None:
    run = sender(store, client)
    conv = contact(store)
    row_id = say(store, conv, "Apriamo alle 8:00.")
    graph.fail_next.extend([500, (429, 130429), (400, 131056)])
    for attempt, code in enumerate([1, 130429, 131056], start=1):
        drive(run, lambda: len(graph.requests) >= attempt)  # noqa: B023 - used at once
        assert len(graph.requests) == attempt  # one request per retry, none early
        row = rows(store, conv)[row_id]
        assert (row["state"], row["attempts"], row["error_code"]) == ("pending", attempt, code)
    drive(run, lambda: rows(store, conv)[row_id]["state"] == "sent")
    assert [r["status"] for r in graph.requests] == [500, 429, 400, 200]
    assert rows(store, conv)[row_id]["attempts"] == 4
    time.sleep(0.05)
    run.run_once()
    assert sent_texts(graph) == ["Apriamo alle 8:00."]  # exactly once


def test_a_permanent_error_fails_the_row_and_wipes_its_payload(
    store: WhatsAppStore, client: WhatsAppClient, graph: FakeGraphApi
) -> None:
    run = sender(store, client)
    conv = contact(store)
    row_id = say(store, conv, "Apriamo alle 8:00.")
    graph.fail_next.append((400, 131026))
    run.run_once()
    row = rows(store, conv)[row_id]
    assert (row["state"], row["error_code"]) == ("failed", 131026)
    assert "permanent" in row["error"] and NUMBER not in row["error"]
    assert payload_is_wiped(store, row_id)
    time.sleep(0.05)
    assert run.run_once() == 0 and len(graph.requests) == 1


def test_max_attempts_reached_fails_the_row(
    store: WhatsAppStore, client: WhatsAppClient, graph: FakeGraphApi
) -> None:
    run = sender(store, client, max_attempts=3)
    conv = contact(store)
    row_id = say(store, conv, "Apriamo alle 8:00.")
    graph.fail_status = 503
    drive(run, lambda: rows(store, conv)[row_id]["state"] == "failed")
    assert len(graph.requests) == 3 and graph.messages() == []
    assert rows(store, conv)[row_id]["error_code"] == 2
    assert payload_is_wiped(store, row_id)


def test_a_failed_row_counts_every_send_it_made(
    store: WhatsAppStore, client: WhatsAppClient, graph: FakeGraphApi
) -> None:
    run = sender(store, client, max_attempts=3)
    conv = contact(store)
    row_id = say(store, conv, "Apriamo alle 8:00.")
    graph.fail_status = 503
    drive(run, lambda: rows(store, conv)[row_id]["state"] == "failed")
    assert rows(store, conv)[row_id]["attempts"] == len(graph.requests) == 3


# ---------------------------------------------------------------- the 24-hour window


@pytest.mark.parametrize("template", [None, TEMPLATE])
def test_window_closed_error_holds_the_row_and_may_send_a_template(
    store: WhatsAppStore, client: WhatsAppClient, graph: FakeGraphApi, template: str | None
) -> None:
    run = sender(store, client, reopen_template=template)
    conv = contact(store, hours_ago=23)  # open by our clock, closed by Meta's
    row_id = say(store, conv, "La sua richiesta è stata presa in carico.")
    graph.fail_next.append((400, 131047))
    run.run_once()
    assert rows(store, conv)[row_id]["state"] == "held"
    assert not payload_is_wiped(store, row_id)  # kept for when the patient writes
    time.sleep(0.05)
    run.run_once()
    if template is None:
        assert graph.messages() == [] and len(store.outbox_rows(conv)) == 1
    else:
        (invite,) = graph.messages()
        assert invite["body"]["type"] == "template"
        assert invite["body"]["template"]["name"] == TEMPLATE
        assert invite["body"]["template"]["language"]["code"] == "it"
    contact(store)  # the patient writes again: the held text goes out
    drive(run, lambda: rows(store, conv)[row_id]["state"] == "sent")
    assert sent_texts(graph) == ["La sua richiesta è stata presa in carico."]


def test_free_text_25_hours_after_the_patient_wrote_is_held_without_calling_the_api(
    store: WhatsAppStore, client: WhatsAppClient, graph: FakeGraphApi
) -> None:
    run = sender(store, client)
    conv = contact(store, hours_ago=25)
    row_id = say(store, conv, "Il referto è pronto.")
    assert run.run_once() == 1
    assert graph.requests == []
    row = rows(store, conv)[row_id]
    assert (row["state"], row["attempts"]) == ("held", 0)
    assert len(store.outbox_rows(conv)) == 1  # no template without one configured


def test_a_configured_template_invites_the_patient_once(
    store: WhatsAppStore, client: WhatsAppClient, graph: FakeGraphApi
) -> None:
    run = sender(store, client, reopen_template=TEMPLATE)
    conv = contact(store, hours_ago=25)
    first = say(store, conv, "Il referto è pronto.")
    run.run_once()
    assert graph.requests == []  # the free text itself never reaches the API
    run.run_once()
    (invite,) = graph.messages()
    assert invite["body"]["type"] == "template" and invite["body"]["to"] == NUMBER
    second = say(store, conv, "Ci sono novità.")
    run.run_once()
    time.sleep(0.05)
    run.run_once()
    assert len(graph.requests) == 1  # one invitation per silence, not one per held message
    held = rows(store, conv)
    assert [held[first]["state"], held[second]["state"]] == ["held", "held"]


# ---------------------------------------------------------------- opt-out, receipts, contacts


def test_an_opted_out_patient_gets_answers_but_nothing_unsolicited(
    store: WhatsAppStore, client: WhatsAppClient, graph: FakeGraphApi
) -> None:
    conv = contact(store)
    assert store.claim_message("wamid.stop", conv, "text", "worker") == "mine"
    store.complete_message("wamid.stop", conversation_id=conv, opted_out=True)
    answer = say(store, conv, "Non riceverà altri messaggi.")
    reminder = say(store, conv, "Promemoria: visita domani.", solicited=False)
    sender(store, client).run_once()
    assert sent_texts(graph) == ["Non riceverà altri messaggi."]
    found = rows(store, conv)
    assert (found[answer]["state"], found[reminder]["state"]) == ("sent", "suppressed")
    assert payload_is_wiped(store, reminder)


def test_failing_read_receipts_are_dropped_without_blocking_the_message(
    store: WhatsAppStore, client: WhatsAppClient, graph: FakeGraphApi
) -> None:
    run = sender(store, client, read_attempts=2)
    conv = contact(store)
    assert store.enqueue(conv, {"message_id": "wamid.in"}, kind="read", dedupe_key="read:1")
    receipt = int(store.outbox_rows(conv)[-1]["id"])
    answer = say(store, conv, "Apriamo alle 8:00.")
    graph.fail_next.append(500)  # the receipt goes first and meets it
    run.run_once()
    assert sent_texts(graph) == ["Apriamo alle 8:00."]  # in the same round
    assert rows(store, conv)[answer]["state"] == "sent"
    assert rows(store, conv)[receipt]["state"] == "pending"  # one more try is allowed
    graph.fail_next.append(500)
    drive(run, lambda: rows(store, conv)[receipt]["state"] == "failed")
    receipts = [r for r in graph.requests if r["body"].get("status") == "read"]
    assert len(receipts) == 2 and all(r["status"] == 500 for r in receipts)
    assert rows(store, conv)[receipt]["attempts"] == 1
    time.sleep(0.05)
    assert run.run_once() == 0


def test_a_read_receipt_does_not_hold_up_the_reply_behind_the_pace(
    store: WhatsAppStore, client: WhatsAppClient, graph: FakeGraphApi
) -> None:
    conv = contact(store)
    assert store.enqueue(conv, {"message_id": "wamid.in"}, kind="read", dedupe_key="read:3")
    say(store, conv, "Apriamo alle 8:00.")
    sender(store, client, pace=timedelta(seconds=6)).run_once()
    assert len(graph.requests) == 2  # the blue tick, then the reply in the same round
    assert sent_texts(graph) == ["Apriamo alle 8:00."]


def test_a_read_receipt_that_succeeds_is_marked_sent(
    store: WhatsAppStore, client: WhatsAppClient, graph: FakeGraphApi
) -> None:
    conv = contact(store)
    assert store.enqueue(conv, {"message_id": "wamid.in"}, kind="read", dedupe_key="read:2")
    sender(store, client).run_once()
    (request,) = graph.requests
    assert request["body"]["message_id"] == "wamid.in" and request["status"] == 200
    (row,) = store.outbox_rows(conv)
    assert (row["state"], row["wamid"]) == ("sent", None)


def test_a_conversation_without_a_contact_fails_without_calling_the_api(
    store: WhatsAppStore, client: WhatsAppClient, graph: FakeGraphApi
) -> None:
    row_id = say(store, "wa-unknown", "Apriamo alle 8:00.")
    sender(store, client).run_once()
    row = rows(store, "wa-unknown")[row_id]
    assert row["state"] == "failed" and "no WhatsApp contact" in row["error"]
    assert graph.requests == [] and payload_is_wiped(store, row_id)

"""The WhatsApp channel end to end: signed webhooks in, replies out on a fake Graph API.

The server runs its real background workers; the Graph API is a local HTTP
server speaking the Cloud API send protocol (``tests/fakes/graph_api.py``).
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import delete, update

from agent.channels.whatsapp import WhatsAppChannel
from agent.channels.whatsapp_store import contacts, outbox, updates
from agent.factory import Frontdesk
from agent.store import utcnow
from server import create_app
from tests.fakes.graph_api import FakeGraphApi
from tests.fakes.whatsapp import (
    ACCESS_TOKEN,
    APP_SECRET,
    PHONE_NUMBER_ID,
    VERIFY_TOKEN,
    batch,
    fresh,
    message_ids,
    new_wa_id,
    signed,
    text_update,
)

HOOK = "/webhooks/whatsapp"


@pytest.fixture
def graph() -> Iterator[FakeGraphApi]:
    with FakeGraphApi(access_token=ACCESS_TOKEN, phone_number_id=PHONE_NUMBER_ID) as fake:
        yield fake


def whatsapp_frontdesk(fd: Frontdesk, graph: FakeGraphApi, **extra: Any) -> Frontdesk:
    settings = fd.settings.model_copy(
        update={
            "whatsapp_verify_token": SecretStr(VERIFY_TOKEN),
            "whatsapp_app_secret": SecretStr(APP_SECRET),
            "whatsapp_access_token": SecretStr(ACCESS_TOKEN),
            "whatsapp_phone_number_id": PHONE_NUMBER_ID,
            "whatsapp_api_url": graph.base_url,
            "whatsapp_pace_s": 0.0,
            "whatsapp_retry_base_s": 0.05,
            "whatsapp_worker": "thread",
            **extra,
        }
    )
    return dataclasses.replace(fd, settings=settings)


@pytest.fixture
def client(demo_frontdesk: Frontdesk, graph: FakeGraphApi) -> Iterator[TestClient]:
    app = create_app(frontdesk=whatsapp_frontdesk(demo_frontdesk, graph))
    with TestClient(app) as c:
        yield c
    # Work a test left behind must not reach the next test's Graph API.
    with demo_frontdesk.engine.begin() as db:
        db.execute(delete(updates))
        db.execute(delete(outbox))


def channel(client: TestClient) -> WhatsAppChannel:
    found: WhatsAppChannel = client.app.state.whatsapp  # type: ignore[attr-defined]
    return found


def post(client: TestClient, body: dict[str, Any]) -> int:
    raw, headers = signed(body)
    return client.post(HOOK, content=raw, headers=headers).status_code


def settle(graph: FakeGraphApi, seconds: float = 1.0) -> list[dict[str, Any]]:
    """Wait a little longer, to see that no second reply comes; return the messages."""
    time.sleep(seconds)
    return graph.messages()


def text_of(request: dict[str, Any]) -> str:
    body = request["body"]
    if body["type"] == "interactive":
        return str(body["interactive"]["body"]["text"])
    return str(body["text"]["body"])


# ---------------------------------------------------------------- Done when 1


def test_verification_echoes_the_challenge_only_for_the_right_token(client: TestClient) -> None:
    ok = client.get(
        HOOK,
        params={
            "hub.mode": "subscribe",
            "hub.verify_token": VERIFY_TOKEN,
            "hub.challenge": "1158201444",
        },
    )
    assert (ok.status_code, ok.text) == (200, "1158201444")
    wrong = client.get(
        HOOK, params={"hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "1"}
    )
    assert wrong.status_code == 403 and "verify_token" in wrong.json()["detail"]
    missing = client.get(HOOK, params={"hub.verify_token": VERIFY_TOKEN})
    assert missing.status_code == 400 and "hub.challenge" in missing.json()["detail"]


def test_missing_or_wrong_signature_is_refused_and_nothing_is_processed(
    client: TestClient, graph: FakeGraphApi
) -> None:
    raw, headers = signed(text_update("A che ora aprite il sabato?"))
    missing = client.post(HOOK, content=raw, headers={"Content-Type": "application/json"})
    assert missing.status_code == 401 and "X-Hub-Signature-256" in missing.json()["detail"]
    forged = client.post(
        HOOK, content=raw, headers={**headers, "X-Hub-Signature-256": "sha256=" + "0" * 64}
    )
    assert forged.status_code == 403
    other_secret = signed(raw, secret="another-app-secret")[1]
    assert client.post(HOOK, content=raw, headers=other_secret).status_code == 403
    tampered = raw.replace(b"sabato", b"domenica")
    assert client.post(HOOK, content=tampered, headers=headers).status_code == 403
    assert channel(client).store.pending_updates() == 0
    assert settle(graph, 0.5) == [] and graph.requests == []


# ---------------------------------------------------------------- Done when 2


def test_a_signed_text_gets_200_at_once_and_exactly_one_reply(
    client: TestClient, graph: FakeGraphApi
) -> None:
    wa_id = new_wa_id()
    body = text_update("Buongiorno, a che ora aprite il sabato?", wa_id=wa_id)
    started = time.perf_counter()
    assert post(client, body) == 200
    assert time.perf_counter() - started < 0.5  # acknowledged before any answering is done
    (reply,) = graph.wait_for(1, timeout_s=20)
    assert reply["body"]["to"] == wa_id
    assert "8" in text_of(reply)  # the opening hours from the approved documents
    reads = [r["body"] for r in graph.requests if r["body"].get("status") == "read"]
    assert reads == [
        {
            "messaging_product": "whatsapp",
            "status": "read",
            "message_id": message_ids(body)[0],
            "typing_indicator": {"type": "text"},
        }
    ]
    assert len(settle(graph)) == 1


def test_the_same_update_twice_and_twice_at_once_gets_one_reply(
    client: TestClient, graph: FakeGraphApi
) -> None:
    again = text_update("Dove siete?")
    assert post(client, again) == 200
    assert post(client, again) == 200
    graph.wait_for(1, timeout_s=20)

    at_once = text_update("Come posso pagare?")
    raw, headers = signed(at_once)
    start = threading.Barrier(4)
    codes: list[int] = []

    def deliver() -> None:
        start.wait()
        codes.append(client.post(HOOK, content=raw, headers=headers).status_code)

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == [200, 200, 200, 200]
    graph.wait_for(2, timeout_s=20)
    replies = settle(graph, 1.5)
    assert sorted(r["body"]["to"] for r in replies) == sorted(
        [
            again["entry"][0]["changes"][0]["value"]["messages"][0]["from"],
            at_once["entry"][0]["changes"][0]["value"]["messages"][0]["from"],
        ]
    )


def test_a_batch_from_several_patients_gets_one_reply_each_and_statuses_none(
    client: TestClient, graph: FakeGraphApi
) -> None:
    patients = [new_wa_id() for _ in range(3)]
    texts = ["Quali sono gli orari?", "Où êtes-vous ?", "How do I get my results?"]
    body = batch(
        *(text_update(t, wa_id=p) for t, p in zip(texts, patients, strict=True)),
        fresh("meta_status_sent.json"),
        fresh("pywa_message_status__read.json"),
    )
    assert post(client, body) == 200
    graph.wait_for(3, timeout_s=30)
    replies = settle(graph)
    assert sorted(r["body"]["to"] for r in replies) == sorted(patients)

    only_statuses = batch(
        fresh("meta_status_failed.json"), fresh("pywa_message_status__delivered.json")
    )
    assert post(client, only_statuses) == 200
    assert len(settle(graph)) == 3
    assert channel(client).store.pending_updates() == 0


def test_statuses_move_our_message_forward_only(client: TestClient, graph: FakeGraphApi) -> None:
    assert post(client, text_update("Bonjour, vous êtes ouverts le samedi ?")) == 200
    (reply,) = graph.wait_for(1, timeout_s=20)
    wamid = reply["message_id"]

    def status(name: str, value: str) -> dict[str, Any]:
        body = fresh(name)
        body["entry"][0]["changes"][0]["value"]["statuses"][0].update(id=wamid, status=value)
        return body

    for name, value in (
        ("pywa_message_status__delivered.json", "delivered"),
        ("pywa_message_status__read.json", "read"),
        ("pywa_message_status__delivered.json", "delivered"),  # late, out of order
        ("meta_status_failed.json", "failed"),  # after "read": cannot undo it
    ):
        assert post(client, status(name, value)) == 200
    wait_until_handled(channel(client))
    (row,) = [r for r in channel(client).store.outbox_rows() if r["wamid"] == wamid]
    assert (row["state"], row["delivery"]) == ("sent", "read")
    assert len(settle(graph, 0.3)) == 1


# ---------------------------------------------------------------- Done when 3


@pytest.mark.parametrize(
    "name",
    [
        "meta_image.json",
        "meta_document.json",
        "pywa_message__voice.json",
        "pywa_message__image.json",
    ],
)
def test_media_gets_the_safety_reply_and_nothing_of_it_is_stored(
    client: TestClient, graph: FakeGraphApi, demo_frontdesk: Frontdesk, name: str
) -> None:
    body = fresh(name, wa_id=new_wa_id())
    media = body["entry"][0]["changes"][0]["value"]["messages"][0]
    kind = media["type"]
    if "caption" in media[kind]:  # a caption is patient text: checked and stored only redacted
        media[kind]["caption"] = "ecco il referto di Ludovica Brambillasca"
    assert post(client, body) == 200
    (reply,) = graph.wait_for(1, timeout_s=20)
    assert "portal" in text_of(reply).lower() or "portale" in text_of(reply).lower()
    conversation = channel(client).store.conversation_id(media["from"])
    stored = demo_frontdesk.receptionist.store.transcript(conversation)
    assert stored[0].role == "patient" and stored[0].text.startswith("[")
    secrets = [media[kind]["id"], media[kind].get("sha256", ""), media[kind].get("filename", "")]
    secrets += [media[kind].get("url", ""), "Brambillasca"]
    for value in filter(None, secrets):
        assert value.encode() not in data_dir_bytes(demo_frontdesk.settings.data_dir), value


def test_an_emergency_typed_on_whatsapp_gets_the_emergency_reply(
    client: TestClient, graph: FakeGraphApi
) -> None:
    assert post(client, text_update("ho un dolore fortissimo al petto da mezz'ora")) == 200
    (reply,) = graph.wait_for(1, timeout_s=20)
    assert reply["body"]["type"] == "text"  # no buttons: nothing to distract from the call
    assert "112" in text_of(reply)


# ---------------------------------------------------------------- Done when 4


def test_a_failing_graph_api_still_gets_the_reply_exactly_once(
    client: TestClient, graph: FakeGraphApi
) -> None:
    # Five faults: the read receipt (tried at most twice) can take two, the reply gets the rest.
    graph.fail_next.extend([500, 500, (429, 130429), 503, 500])
    assert post(client, text_update("Quanto costa una visita?")) == 200
    graph.wait_for(1, timeout_s=30)
    replies = settle(graph, 1.5)
    assert len(replies) == 1
    sends = [r for r in graph.requests if r["body"].get("type") in ("text", "interactive")]
    statuses = [r["status"] for r in sends]
    assert statuses[-1] == 200 and statuses.count(200) == 1 and len(statuses) >= 4
    assert not graph.fail_next


# ---------------------------------------------------------------- Done when 5 (in process)


def data_dir_bytes(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())


def test_no_patient_text_profile_name_or_number_in_logs_or_storage(
    client: TestClient,
    graph: FakeGraphApi,
    demo_frontdesk: Frontdesk,
    caplog: pytest.LogCaptureFixture,
) -> None:
    wa_id = new_wa_id()
    text = "Salve, sono Ginevra Castelbarco, il mio cellulare è 347 998 1234: posso prenotare?"
    caplog.set_level("DEBUG")
    body = text_update(text, wa_id=wa_id, profile_name="Ginevra Castelbarco")
    assert post(client, body) == 200
    graph.wait_for(1, timeout_s=20)
    conversation = channel(client).store.conversation_id(wa_id)
    stored = demo_frontdesk.receptionist.store.transcript(conversation)
    assert "<PERSON_1>" in stored[0].text and "Castelbarco" not in stored[0].text
    logs = caplog.text
    secrets = [
        "Ginevra",
        "Castelbarco",
        wa_id,
        "347 998 1234",
        "posso prenotare",
        message_ids(body)[0],
    ]
    for value in secrets:
        assert value not in logs, value
    stored_bytes = data_dir_bytes(demo_frontdesk.settings.data_dir)
    for value in secrets[:4]:  # the transcript keeps the redacted question, nothing more
        assert value.encode() not in stored_bytes, value


def test_the_profile_name_is_redacted_even_alone(
    client: TestClient, graph: FakeGraphApi, demo_frontdesk: Frontdesk
) -> None:
    wa_id = new_wa_id()
    body = text_update("sono zanzibar, orari del sabato?", wa_id=wa_id, profile_name="Zanzibar Q.")
    assert post(client, body) == 200
    graph.wait_for(1, timeout_s=20)
    stored = demo_frontdesk.receptionist.store.transcript(
        channel(client).store.conversation_id(wa_id)
    )
    assert "zanzibar" not in stored[0].text.lower() and "<PERSON_1>" in stored[0].text


# ---------------------------------------------------------------- staff, buttons, opt-out, window


def test_talk_to_staff_button_staff_reply_and_opt_out(
    client: TestClient, graph: FakeGraphApi, demo_frontdesk: Frontdesk
) -> None:
    wa_id = new_wa_id()
    # a short answer (at most 1,024 characters) goes out with the button under it
    assert post(client, text_update("Come si ritirano i referti?", wa_id=wa_id)) == 200
    (first,) = graph.wait_for(1, timeout_s=20)
    assert first["body"]["type"] == "interactive"
    (button,) = first["body"]["interactive"]["action"]["buttons"]
    assert len(button["reply"]["title"]) <= 20

    pressed = fresh("meta_interactive_button_reply.json", wa_id=wa_id)
    reply_part = pressed["entry"][0]["changes"][0]["value"]["messages"][0]["interactive"][
        "button_reply"
    ]
    reply_part.update(id=button["reply"]["id"], title=button["reply"]["title"])
    assert post(client, pressed) == 200
    second = graph.wait_for(2, timeout_s=20)[-1]
    assert second["body"]["to"] == wa_id and second["body"]["type"] == "text"
    conversation = channel(client).store.conversation_id(wa_id)
    ticket = demo_frontdesk.receptionist.handoffs.active_for(conversation)  # type: ignore[union-attr]
    assert ticket is not None and ticket.channel == "whatsapp"

    _, token = demo_frontdesk.users.add(f"agent {wa_id}", "agent")
    auth = {"Authorization": f"Bearer {token}"}
    assert client.post(f"/v1/handoffs/{ticket.id}/claim", headers=auth).status_code == 200
    staff_text = "Buongiorno, sono Paola dell'accettazione: le serve il foglio di accettazione."
    sent = client.post(
        f"/v1/handoffs/{ticket.id}/messages", headers=auth, json={"text": staff_text}
    )
    assert sent.status_code == 201
    third = graph.wait_for(3, timeout_s=20)[-1]
    assert (third["body"]["to"], text_of(third)) == (wa_id, staff_text)

    ch = channel(client)
    assert post(client, text_update("STOP", wa_id=wa_id)) == 200  # staff own it: no bot reply
    wait_until_handled(ch)
    assert client.post(f"/v1/handoffs/{ticket.id}/resolve", headers=auth).status_code == 200
    time.sleep(0.5)
    assert len(graph.messages()) == 3  # "you're back with the assistant" is ours: not sent
    assert ch.store.outbox_rows(conversation)[-1]["state"] == "suppressed"

    assert post(client, text_update("START", wa_id=wa_id)) == 200
    assert "?" in text_of(graph.wait_for(4, timeout_s=20)[-1])
    wait_until_handled(ch)
    ch.deliver(conversation, "Promemoria: domani visita alle 9.", automated=True)
    assert text_of(graph.wait_for(5, timeout_s=20)[-1]) == "Promemoria: domani visita alle 9."

    assert post(client, text_update("Basta!", wa_id=wa_id)) == 200
    assert "START" in text_of(graph.wait_for(6, timeout_s=20)[-1])
    wait_until_handled(ch)
    ch.deliver(conversation, "Promemoria: domani visita alle 9.", automated=True)
    time.sleep(0.5)
    assert len(graph.messages()) == 6
    assert ch.store.outbox_rows(conversation)[-1]["state"] == "suppressed"


def wait_until_handled(ch: WhatsAppChannel, timeout_s: float = 20) -> None:
    deadline = time.monotonic() + timeout_s
    while ch.store.pending_updates() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ch.store.pending_updates() == 0


def test_outside_the_24_hour_window_a_staff_reply_waits_and_a_template_invites(
    demo_frontdesk: Frontdesk, graph: FakeGraphApi
) -> None:
    fd = whatsapp_frontdesk(
        demo_frontdesk, graph, whatsapp_reopen_template="frontdesk_reply_waiting"
    )
    with TestClient(create_app(frontdesk=fd)) as c:
        wa_id = new_wa_id()
        assert post(c, text_update("Posso parlare con un operatore?", wa_id=wa_id)) == 200
        graph.wait_for(1, timeout_s=20)
        ch = channel(c)
        conversation = ch.store.conversation_id(wa_id)
        with demo_frontdesk.engine.begin() as db:
            db.execute(
                update(contacts)
                .where(contacts.c.conversation_id == conversation)
                .values(last_inbound_at=utcnow() - timedelta(hours=25))
            )
        ch.deliver(conversation, "La richiamiamo domani mattina.")
        template = graph.wait_for(2, timeout_s=20)[-1]["body"]
        assert (
            template["type"] == "template"
            and template["template"]["name"] == "frontdesk_reply_waiting"
        )
        assert template["to"] == wa_id
        assert post(c, text_update("ok", wa_id=wa_id)) == 200
        messages = graph.wait_for(3, timeout_s=20)
        assert "La richiamiamo domani mattina." in [
            text_of(m) for m in messages if m["body"]["type"] != "template"
        ]
    with demo_frontdesk.engine.begin() as db:
        db.execute(delete(updates))
        db.execute(delete(outbox))


def test_a_patient_with_a_business_scoped_user_id_is_answered_by_that_id(
    client: TestClient, graph: FakeGraphApi, demo_frontdesk: Frontdesk
) -> None:
    body = fresh("pywa_message__reply.json", text="Quali sono gli orari del sabato?")
    value = body["entry"][0]["changes"][0]["value"]
    user_id = f"IT.{new_wa_id()}"  # a fresh business-scoped id, so no earlier test answered it
    value["contacts"][0]["user_id"] = user_id
    assert post(client, body) == 200
    (reply,) = graph.wait_for(1, timeout_s=20)
    assert reply["body"]["recipient"] == user_id and "to" not in reply["body"]
    conversation = channel(client).store.conversation_id(user_id)
    assert demo_frontdesk.receptionist.store.exists(conversation)
    assert user_id not in conversation and value["messages"][0]["from"] not in conversation

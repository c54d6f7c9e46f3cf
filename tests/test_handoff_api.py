"""The handoff queue over HTTP: tickets, claims, staff replies, resolve, audit (contract 5)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from agent.factory import Frontdesk
from server import create_app


class RecordingChannel:
    """A push channel that records what it was asked to send."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []
        self.automated: list[bool] = []

    def __call__(self, conversation_id: str, text: str, *, automated: bool = False) -> None:
        self.sent.append((conversation_id, text))
        self.automated.append(automated)


@pytest.fixture(scope="module")
def whatsapp() -> RecordingChannel:
    return RecordingChannel()


@pytest.fixture(scope="module")
def client(demo_frontdesk: Frontdesk, whatsapp: RecordingChannel) -> Iterator[TestClient]:
    app = create_app(frontdesk=demo_frontdesk, deliverers={"whatsapp": whatsapp})
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def tokens(demo_frontdesk: Frontdesk) -> dict[str, str]:
    accounts = {"anna": "agent", "bruno": "agent", "boss": "admin", "tester": "qa"}
    return {
        name: demo_frontdesk.users.add(f"handoff {name}", role)[1]
        for name, role in accounts.items()
    }


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def chat(client: TestClient, tokens: dict[str, str], conversation: str, text: str) -> dict:
    r = client.post(
        "/v1/chat",
        json={"conversation_id": conversation, "text": text},
        headers=auth(tokens["tester"]),
    )
    assert r.status_code == 200, r.text
    return r.json()


def ticket_for(client: TestClient, tokens: dict[str, str], conversation: str) -> dict:
    queue = client.get("/v1/handoffs", headers=auth(tokens["anna"])).json()
    return next(t for t in queue if t["conversation_id"] == conversation)


def post(client: TestClient, token: str, path: str, **kwargs: object) -> tuple[int, dict]:
    r = client.post(path, headers=auth(token), **kwargs)  # type: ignore[arg-type]
    return r.status_code, r.json()


def test_asking_for_a_person_opens_a_ticket_and_an_emergency_jumps_the_queue(
    client: TestClient, tokens: dict[str, str]
) -> None:
    turn = chat(client, tokens, "q-ask", "voglio parlare con un operatore")
    assert turn["handoff"] and turn["handoff"]["reason"] == "wants human: asked"
    assert "risponderà qui" in turn["replies"][0]["text"]
    emergency = chat(client, tokens, "q-emg", "mio marito è svenuto e non respira")
    assert emergency["emergency"] and emergency["handoff"]["priority"] == "urgent"
    queue = client.get("/v1/handoffs", headers=auth(tokens["anna"])).json()
    ids = [t["conversation_id"] for t in queue]
    assert ids.index("q-emg") < ids.index("q-ask")  # urgent first, though it came later
    asked = ticket_for(client, tokens, "q-ask")
    assert asked["status"] == "open" and asked["assignee"] is None
    assert (asked["team"], asked["channel"], asked["language"]) == ("front_desk", "api", "it")
    assert asked["first_response_at"] is None and asked["waiting_since"]
    assert "wants human: asked" in asked["summary"]
    assert "- patient: voglio parlare con un operatore" in asked["summary"]
    assert ticket_for(client, tokens, "q-emg")["team"] == "nurse_line"


def test_claim_reply_resolve_round_trip(
    client: TestClient, tokens: dict[str, str], demo_frontdesk: Frontdesk
) -> None:
    conv = "q-round"
    chat(client, tokens, conv, "posso parlare con una persona?")
    ticket = ticket_for(client, tokens, conv)
    code, claimed = post(client, tokens["anna"], f"/v1/handoffs/{ticket['id']}/claim")
    assert code == 200 and claimed["status"] == "claimed"
    assert claimed["assignee"] == "handoff anna"
    conversation = client.get(f"/v1/conversations/{conv}", headers=auth(tokens["anna"])).json()
    assert conversation["owner"] == "agent"

    reply = "Buongiorno, sono Anna della segreteria: mi richiami al +39 333 765 4321"
    code, sent = post(
        client, tokens["anna"], f"/v1/handoffs/{ticket['id']}/messages", json={"text": reply}
    )
    assert (code, sent) == (201, {"delivered": True, "channel": "api"})
    patient_waits = chat(client, tokens, conv, "grazie, allora aspetto qui")
    assert patient_waits["replies"] == []
    assert patient_waits["handoff"]["id"] == ticket["id"]

    detail = client.get(f"/v1/handoffs/{ticket['id']}", headers=auth(tokens["anna"])).json()
    lines = [(t["role"], t["text"]) for t in detail["transcript"]]
    agent_lines = [text for role, text in lines if role == "agent"]
    assert len(agent_lines) == 1 and agent_lines[0].startswith("Buongiorno, sono")
    assert agent_lines[0].endswith("mi richiami al <PHONE_NUMBER_1>")  # stored redacted
    assert lines[-1] == ("patient", "grazie, allora aspetto qui")
    assert detail["first_response_at"] is not None

    code, done = post(client, tokens["anna"], f"/v1/handoffs/{ticket['id']}/resolve")
    assert code == 200 and done["status"] == "resolved"
    stored = demo_frontdesk.receptionist.store.transcript(conv)
    assert stored[-1].role == "bot" and "assistente automatico" in stored[-1].text
    back = chat(client, tokens, conv, "A che ora aprite il sabato?")
    assert back["handoff"] is None and "8:00" in back["replies"][0]["text"]


def test_an_emergency_while_an_agent_owns_the_conversation_gets_the_numbers(
    client: TestClient, tokens: dict[str, str]
) -> None:
    conv = "q-agent-emg"
    chat(client, tokens, conv, "voglio parlare con un operatore")
    ticket = ticket_for(client, tokens, conv)
    assert post(client, tokens["bruno"], f"/v1/handoffs/{ticket['id']}/claim")[0] == 200
    turn = chat(client, tokens, conv, "aiuto ho un dolore fortissimo al petto e non respiro")
    assert turn["emergency"] is True
    assert any("112" in r["text"] for r in turn["replies"])
    raised = client.get(f"/v1/handoffs/{ticket['id']}", headers=auth(tokens["bruno"])).json()
    assert (raised["priority"], raised["status"], raised["team"]) == (
        "urgent",
        "claimed",
        "nurse_line",
    )


def test_two_simultaneous_claims_one_wins(client: TestClient, tokens: dict[str, str]) -> None:
    chat(client, tokens, "q-race", "voglio parlare con un operatore")
    ticket = ticket_for(client, tokens, "q-race")
    start = threading.Barrier(2)
    codes: list[int] = []

    def claim(who: str) -> None:
        start.wait()
        codes.append(post(client, tokens[who], f"/v1/handoffs/{ticket['id']}/claim")[0])

    threads = [threading.Thread(target=claim, args=(who,)) for who in ("anna", "bruno")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == [200, 409]


def test_bad_input(client: TestClient, tokens: dict[str, str]) -> None:
    chat(client, tokens, "q-bad", "voglio parlare con un operatore")
    tid = ticket_for(client, tokens, "q-bad")["id"]
    path = f"/v1/handoffs/{tid}"
    hello = {"json": {"text": "buongiorno"}}
    # Replying to a ticket nobody claimed, then to one someone else claimed.
    assert post(client, tokens["anna"], f"{path}/messages", **hello)[0] == 409
    assert post(client, tokens["anna"], f"{path}/claim")[0] == 200
    code, body = post(client, tokens["bruno"], f"{path}/messages", **hello)
    assert code == 409 and "claimed" in body["detail"]
    assert post(client, tokens["bruno"], f"{path}/claim")[0] == 409
    # Empty and too long replies.
    for text in ("", "   ", "x" * 4097):
        assert post(client, tokens["anna"], f"{path}/messages", json={"text": text})[0] == 422
    # Unknown tickets.
    for action in ("claim", "resolve", "messages", "notes"):
        code, body = post(client, tokens["anna"], f"/v1/handoffs/nope/{action}", **hello)
        assert code == 404, action
        assert "nope" in body["detail"]
    assert client.get("/v1/handoffs/nope", headers=auth(tokens["anna"])).status_code == 404
    # Resolving twice says what state the ticket is in.
    assert post(client, tokens["anna"], f"{path}/resolve")[0] == 200
    code, body = post(client, tokens["anna"], f"{path}/resolve")
    assert code == 409 and "resolved" in body["detail"]
    # An unknown queue name; agents on admin endpoints; testers on the queue.
    r = client.get("/v1/handoffs?status=waiting", headers=auth(tokens["anna"]))
    assert r.status_code == 422 and "active" in r.json()["detail"]
    assert client.get("/v1/audit", headers=auth(tokens["anna"])).status_code == 403
    assert client.get("/v1/handoffs", headers=auth(tokens["tester"])).status_code == 403
    assert client.get("/v1/handoffs").status_code == 401


def test_queue_filters_by_status(client: TestClient, tokens: dict[str, str]) -> None:
    chat(client, tokens, "q-filter", "voglio parlare con un operatore")
    tid = ticket_for(client, tokens, "q-filter")["id"]

    def listed(status: str) -> set[str]:
        r = client.get(f"/v1/handoffs?status={status}", headers=auth(tokens["anna"]))
        return {t["id"] for t in r.json()}

    assert tid in listed("open") and tid in listed("active") and tid not in listed("claimed")
    post(client, tokens["anna"], f"/v1/handoffs/{tid}/claim")
    assert tid in listed("claimed") and tid in listed("active") and tid not in listed("open")
    post(client, tokens["anna"], f"/v1/handoffs/{tid}/resolve")
    assert tid in listed("resolved") and tid not in listed("active")


def test_notes_audit_and_push_delivery(
    client: TestClient,
    tokens: dict[str, str],
    demo_frontdesk: Frontdesk,
    whatsapp: RecordingChannel,
) -> None:
    conv = "wa-393331112233"
    demo_frontdesk.receptionist.handle(conv, "voglio parlare con un operatore", channel="whatsapp")
    tid = ticket_for(client, tokens, conv)["id"]
    post(client, tokens["anna"], f"/v1/handoffs/{tid}/claim")
    code, note = post(
        client, tokens["anna"], f"/v1/handoffs/{tid}/notes", json={"text": "richiamare"}
    )
    assert code == 201 and (note["author"], note["text"]) == ("handoff anna", "richiamare")
    reply = "Gentile signora, la chiamiamo al +39 333 765 4321"
    code, sent = post(client, tokens["anna"], f"/v1/handoffs/{tid}/messages", json={"text": reply})
    assert (code, sent) == (201, {"delivered": True, "channel": "whatsapp"})
    assert whatsapp.sent[-1] == (conv, reply)  # the patient gets it as written
    post(client, tokens["anna"], f"/v1/handoffs/{tid}/resolve")
    assert "assistente automatico" in whatsapp.sent[-1][1]
    assert whatsapp.automated[-2:] == [False, True]  # the staff reply, then the clinic's notice
    detail = client.get(f"/v1/handoffs/{tid}", headers=auth(tokens["anna"])).json()
    assert [n["text"] for n in detail["notes"]] == ["richiamare"]

    audit = client.get("/v1/audit", headers=auth(tokens["boss"]))
    assert audit.status_code == 200
    mine = [(e["actor"], e["action"]) for e in audit.json() if e["target"] == f"handoff:{tid}"]
    assert mine == [
        ("handoff anna", "handoff.claim"),
        ("handoff anna", "handoff.note"),
        ("handoff anna", "handoff.reply"),
        ("handoff anna", "handoff.resolve"),
    ]
    assert "765 4321" not in audit.text


def test_canned_responses(client: TestClient, tokens: dict[str, str]) -> None:
    r = client.get("/v1/canned-responses?language=en", headers=auth(tokens["anna"]))
    assert r.status_code == 200
    canned = {c["id"]: c for c in r.json()}
    assert {"greeting", "booking", "closing"} <= set(canned)
    assert "Poliambulatorio San Luca" in canned["greeting"]["text"]
    assert all("{" not in c["text"] for c in canned.values())  # every value filled in
    assert "portale.sanluca.example" in canned["booking"]["text"]
    italian = client.get("/v1/canned-responses", headers=auth(tokens["anna"])).json()
    assert italian[0]["title"] == "Saluto"  # the clinic's default language
    bad = client.get("/v1/canned-responses?language=de", headers=auth(tokens["anna"]))
    assert bad.status_code == 422

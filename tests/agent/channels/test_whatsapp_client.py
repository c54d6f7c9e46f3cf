"""WhatsAppClient and body builders against a real FakeGraphApi over real sockets."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from agent.channels.whatsapp_client import (
    RETRYABLE_CODES,
    GraphApiError,
    Recipient,
    WhatsAppClient,
    buttons_body,
    read_body,
    template_body,
    text_body,
)
from tests.fakes.graph_api import FakeGraphApi

OUTGOING = Path(__file__).resolve().parents[2] / "data" / "whatsapp_payloads" / "outgoing"
PATIENT = Recipient("wa_id", "16505551234")
BSUID = Recipient("user_id", "US.13491208655302741918")
INCOMING_WAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA"
GOOD = text_body(PATIENT, "Ciao")
PATIENT_TEXT = "Ho la febbre alta da tre giorni, posso prenotare?"


def sample(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((OUTGOING / name).read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def _server() -> Iterator[FakeGraphApi]:
    with FakeGraphApi() as server:
        yield server


@pytest.fixture
def graph(_server: FakeGraphApi) -> FakeGraphApi:
    _server.reset()
    return _server


def client_for(graph: FakeGraphApi, **overrides: Any) -> WhatsAppClient:
    settings = {
        "base_url": graph.base_url,
        "phone_number_id": graph.phone_number_id,
        "access_token": graph.access_token,
        "timeout_s": 5.0,
    }
    return WhatsAppClient(**{**settings, **overrides})


@pytest.fixture
def client(graph: FakeGraphApi) -> Iterator[WhatsAppClient]:
    with client_for(graph) as c:
        yield c


def send_error(client: WhatsAppClient, body: dict[str, Any]) -> GraphApiError:
    with pytest.raises(GraphApiError) as info:
        client.send(body)
    return info.value


# --- builders: accepted by the fake, shaped like Meta's examples -------------------------


THREE_BUTTONS = [("yes", "Sì"), ("no", "No"), ("human", "Operatore")]


@pytest.mark.parametrize(
    "body",
    [
        text_body(PATIENT, "Apriamo alle 8:00."),
        text_body(PATIENT, "Sì.", reply_to=INCOMING_WAMID),
        text_body(BSUID, "Apriamo alle 8:00."),  # business-scoped id: "recipient", not "to"
        text_body(PATIENT, "x" * 4096),  # exactly at the limit
        buttons_body(PATIENT, "Confermi?", THREE_BUTTONS),
        buttons_body(BSUID, "Confermi?", [("y" * 256, "t" * 20)], reply_to=INCOMING_WAMID),
        template_body(PATIENT, "appointment_reminder", "it", ["Mario", "lunedì 9:00"]),
        template_body(BSUID, "hello_world", "en_US"),
    ],
    ids=["text", "reply", "bsuid", "text-4096", "buttons", "button-limits", "template", "tpl-bare"],
)
def test_every_message_builder_is_accepted_and_send_returns_its_wamid(
    client: WhatsAppClient, graph: FakeGraphApi, body: dict[str, Any]
) -> None:
    message_id = client.send(body)

    [accepted] = graph.messages()
    assert message_id == accepted["message_id"]
    assert message_id is not None and message_id.startswith("wamid.")
    assert accepted["body"] == body


def test_text_body_has_the_keys_of_metas_example() -> None:
    ours, meta = text_body(PATIENT, "Ciao"), sample("meta_send_text.json")
    assert ours.keys() == meta.keys()
    assert ours["text"].keys() == meta["text"].keys()
    assert ours["to"] == "16505551234"
    assert ours["text"]["preview_url"] is False
    assert text_body(PATIENT, "Ciao", reply_to="wamid.X")["context"] == {"message_id": "wamid.X"}
    assert BSUID.fields() == {"recipient": "US.13491208655302741918"}
    assert "to" not in text_body(BSUID, "Ciao")


def test_buttons_body_has_the_keys_of_metas_example() -> None:
    ours = buttons_body(PATIENT, "Confermi?", [("yes", "Sì"), ("no", "No")])
    meta = sample("meta_send_interactive_buttons.json")
    assert ours.keys() == meta.keys()
    # header and footer are optional in Meta's schema; the bot sends neither.
    assert ours["interactive"].keys() == meta["interactive"].keys() - {"header", "footer"}
    assert ours["interactive"]["body"].keys() == meta["interactive"]["body"].keys()
    assert ours["interactive"]["action"].keys() == meta["interactive"]["action"].keys()
    for button in ours["interactive"]["action"]["buttons"]:
        example = meta["interactive"]["action"]["buttons"][0]
        assert button.keys() == example.keys()
        assert button["reply"].keys() == example["reply"].keys()
    assert [b["reply"]["id"] for b in ours["interactive"]["action"]["buttons"]] == ["yes", "no"]


def test_template_body_has_the_keys_of_the_template_object() -> None:
    ours = template_body(PATIENT, "appointment_reminder", "it", ["Mario"])
    meta = sample("whatsapp_nodejs_sdk_template_object.json")
    assert ours["type"] == "template"
    template = ours["template"]
    assert template.keys() == meta.keys()
    assert template["language"].keys() == meta["language"].keys()
    [component] = template["components"]
    meta_body = next(c for c in meta["components"] if c["type"] == "body")
    assert component.keys() == meta_body.keys()
    meta_text = next(p for p in meta_body["parameters"] if p["type"] == "text")
    assert component["parameters"] == [{"type": "text", "text": "Mario"}]
    assert component["parameters"][0].keys() == meta_text.keys()
    assert "components" not in template_body(PATIENT, "hello_world", "en_US")["template"]


def test_read_bodies_equal_metas_examples_up_to_the_message_id() -> None:
    assert read_body(INCOMING_WAMID, typing=False) == sample("meta_mark_as_read.json")
    assert read_body(INCOMING_WAMID) == sample("meta_typing_indicator.json")


TEMPLATE_EXAMPLE = {
    "messaging_product": "whatsapp",
    "to": "+16505551234",
    "type": "template",
    "template": sample("whatsapp_nodejs_sdk_template_object.json"),
}


@pytest.mark.parametrize(
    ("body", "is_message"),
    [
        (sample("meta_send_text.json"), True),
        (sample("meta_send_interactive_buttons.json"), True),
        (sample("meta_send_interactive_list.json"), True),
        (TEMPLATE_EXAMPLE, True),
        (sample("meta_mark_as_read.json"), False),
        (sample("meta_typing_indicator.json"), False),
    ],
    ids=["text", "buttons", "list", "template", "read", "typing"],
)
def test_the_fake_accepts_metas_own_example_bodies(
    client: WhatsAppClient, graph: FakeGraphApi, body: dict[str, Any], is_message: bool
) -> None:
    assert (client.send(body) is not None) == is_message
    assert len(graph.messages()) == int(is_message)


def test_the_fake_answers_with_the_shape_of_metas_send_response(graph: FakeGraphApi) -> None:
    answer = httpx.post(
        f"{graph.base_url}/{graph.phone_number_id}/messages",
        json=sample("meta_send_text.json"),
        headers={"Authorization": f"Bearer {graph.access_token}"},
    ).json()
    meta = sample("meta_send_response.json")
    assert answer.keys() == meta.keys()
    assert answer["contacts"] == meta["contacts"]
    assert answer["messages"][0].keys() == meta["messages"][0].keys()
    assert answer["messages"][0]["id"] == graph.messages()[0]["message_id"]


# --- limits --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "limit"),
    [
        (lambda: text_body(PATIENT, "x" * 4097), "4096"),
        (lambda: text_body(PATIENT, "  "), "empty"),
        (lambda: buttons_body(PATIENT, "Q?", []), "1 to 3"),
        (lambda: buttons_body(PATIENT, "Q?", [*THREE_BUTTONS, ("d", "D")]), "1 to 3"),
        (lambda: buttons_body(PATIENT, "Q?", [("a", "t" * 21)]), "20"),
        (lambda: buttons_body(PATIENT, "Q?", [("a" * 257, "t")]), "256"),
        (lambda: buttons_body(PATIENT, "q" * 1025, [("a", "t")]), "1024"),
        (lambda: buttons_body(PATIENT, "Q?", [("a", "t"), ("a", "u")]), "unique"),
        (lambda: template_body(PATIENT, "", "it"), "name"),
        (lambda: read_body(""), "message id"),
        (lambda: Recipient("wa_id", ""), "empty"),
    ],
)
def test_builders_refuse_bodies_meta_would_reject(build: Any, limit: str) -> None:
    with pytest.raises(ValueError, match=limit):
        build()


# --- error classification ------------------------------------------------------------------


def test_bad_token_is_not_retryable(graph: FakeGraphApi) -> None:
    with client_for(graph, access_token="wrong") as client:
        error = send_error(client, text_body(PATIENT, "Ciao"))
    assert (error.status, error.code, error.retryable) == (401, 190, False)
    assert graph.messages() == []


@pytest.mark.parametrize(
    ("fault", "retryable", "window_closed"),
    [
        (500, True, False),  # server error, Graph code 1
        (503, True, False),  # API Service down, Graph code 2
        ((429, 130429), True, False),  # throughput limit
        ((400, 131056), True, False),  # pair rate limit: too many messages to one patient
        ((400, 4), True, False),  # app call rate limit
        ((400, 80007), True, False),  # business account rate limit
        ((500, 131000), True, False),  # something went wrong
        ((503, 131016), True, False),  # service unavailable
        ((503, 133004), True, False),  # server temporarily unavailable
        ((400, 131047), False, True),  # 24-hour window closed: only a template gets through
        ((400, 100), False, False),  # invalid parameter
        ((400, 131026), False, False),  # undeliverable
        ((500, 3), False, False),  # permission problem, although Meta answers it with a 500
        ((403, 10), False, False),  # permission denied
    ],
)
def test_faults_are_classified(
    client: WhatsAppClient,
    graph: FakeGraphApi,
    fault: int | tuple[int, int],
    retryable: bool,
    window_closed: bool,
) -> None:
    graph.fail_next.append(fault)
    error = send_error(client, GOOD)
    status, code = fault if isinstance(fault, tuple) else (fault, None)
    assert (error.status, error.retryable, error.window_closed) == (
        status,
        retryable,
        window_closed,
    )
    if code is not None:
        assert error.code == code
        assert (code in RETRYABLE_CODES) == retryable
    # The fault was consumed: the next send goes through.
    assert client.send(GOOD) is not None


def test_timeout_is_retryable_without_status(graph: FakeGraphApi) -> None:
    graph.delay_s = 1.0
    with client_for(graph, timeout_s=0.2) as client:
        error = send_error(client, text_body(PATIENT, "Ciao"))
    assert error.retryable and error.status is None and error.code is None
    # The server still accepted it: a retry after a timeout can duplicate a message.
    assert len(graph.wait_for(1, timeout_s=5)) == 1


def test_connection_refused_is_retryable_without_status() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with WhatsAppClient(
        base_url=f"http://127.0.0.1:{port}/v21.0", phone_number_id="1", access_token="t"
    ) as client:
        error = send_error(client, text_body(PATIENT, "Ciao"))
    assert error.retryable and error.status is None


def mock_client(handler: Any) -> WhatsAppClient:
    return WhatsAppClient(
        base_url="https://graph.example/v21.0",
        phone_number_id="106540352242922",
        access_token="t",
        transport=httpx.MockTransport(handler),
    )


@pytest.mark.parametrize(("header", "expected"), [("7", 7.0), ("0.5", 0.5), (None, None)])
def test_retry_after_header_is_reported(header: str | None, expected: float | None) -> None:
    headers = {"Retry-After": header} if header else {}
    body = {"error": {"message": "(#130429) Rate limit hit", "code": 130429}}
    client = mock_client(lambda _: httpx.Response(429, json=body, headers=headers))
    error = send_error(client, text_body(PATIENT, "Ciao"))
    assert error.retry_after_s == expected and error.retryable


@pytest.mark.parametrize(
    ("status", "retryable"),
    [
        (502, True),  # a proxy's HTML page instead of a Graph error
        (200, False),  # accepted but unreadable: the message may be out, do not send twice
    ],
)
def test_answers_that_are_not_graph_json(status: int, retryable: bool) -> None:
    client = mock_client(lambda _: httpx.Response(status, text="<html>Bad Gateway</html>"))
    error = send_error(client, text_body(PATIENT, "Ciao"))
    assert (error.status, error.code, error.retryable) == (status, None, retryable)


# --- identifiers and patient text stay out of reprs and messages ---------------------------


def test_recipient_repr_hides_the_identifier() -> None:
    for recipient in (PATIENT, BSUID):
        shown = f"{recipient!r} {recipient!s} {[recipient]}"
        assert recipient.value not in shown and recipient.kind in shown


@pytest.mark.parametrize("fault", [500, (429, 130429), (400, 131047), (400, 100)])
def test_error_messages_never_carry_recipient_or_text(
    client: WhatsAppClient, graph: FakeGraphApi, fault: int | tuple[int, int]
) -> None:
    graph.fail_next.append(fault)
    error = send_error(client, text_body(PATIENT, PATIENT_TEXT))
    for leaked in (PATIENT.value, PATIENT_TEXT, "febbre"):
        assert leaked not in str(error) and leaked not in repr(error)
    assert f"code={error.code}" in str(error) and f"status={error.status}" in str(error)


def test_identifiers_echoed_by_the_graph_api_are_scrubbed_from_the_error() -> None:
    message = (
        "(#131026) Message undeliverable to +39 347 123 4567 (US.13491208655302741918), "
        f"reply to {INCOMING_WAMID}"
    )
    body = {"error": {"message": message, "code": 131026}}
    error = send_error(mock_client(lambda _: httpx.Response(400, json=body)), {"x": 1})
    for leaked in ("347", "4567", "US.1349", INCOMING_WAMID):
        assert leaked not in str(error)
    assert "Message undeliverable" in str(error)


# --- the fake itself: it must catch client bugs --------------------------------------------


def _buttons(n: int, title: str = "Ok") -> dict[str, Any]:
    body = buttons_body(PATIENT, "Confermi?", [("a", "A")])
    body["interactive"]["action"]["buttons"] = [
        {"type": "reply", "reply": {"id": f"b{i}", "title": f"{title}{i}"}} for i in range(n)
    ]
    return body


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**GOOD, "messaging_product": "sms"}, "messaging_product"),
        ({k: v for k, v in GOOD.items() if k != "to"}, "parameter to"),
        ({**GOOD, "text": {"preview_url": False}}, "text['body']"),
        ({**GOOD, "text": {"body": "x" * 4097}}, "4096"),
        ({**GOOD, "type": "hologram"}, "type"),
        ({"messaging_product": "whatsapp", "status": "read"}, "message_id"),
        ({**GOOD, "context": {}}, "context"),
        (_buttons(0), "buttons"),
        (_buttons(4), "buttons"),
        (_buttons(1, title="t" * 20), "title"),  # 21 characters with the index
    ],
    ids=["product", "to", "body", "4096", "type", "read", "context", "0-btn", "4-btn", "title"],
)
def test_the_fake_rejects_bad_bodies(
    client: WhatsAppClient, graph: FakeGraphApi, body: dict[str, Any], field: str
) -> None:
    error = send_error(client, body)
    assert (error.status, error.code, error.retryable) == (400, 100, False)
    assert field in error.title
    assert graph.requests[0]["status"] == 400 and graph.messages() == []


def test_the_fake_refuses_another_phone_number_id(graph: FakeGraphApi) -> None:
    with client_for(graph, phone_number_id="999") as client:
        error = send_error(client, GOOD)
    assert (error.status, error.code) == (400, 100)


def test_the_fake_records_requests_and_faults(client: WhatsAppClient, graph: FakeGraphApi) -> None:
    graph.fail_next.extend([500, (400, 131056)])
    for _ in range(2):
        send_error(client, GOOD)
    wamid = client.send(GOOD)

    statuses = [(r["status"], r["message_id"]) for r in graph.requests]
    assert statuses == [(500, None), (400, None), (200, wamid)]
    last = graph.requests[-1]
    assert last["path"] == f"/v21.0/{graph.phone_number_id}/messages"
    assert last["headers"]["authorization"] == "Bearer test-token"
    assert last["body"] == GOOD
    assert graph.requests[0]["received_at"] <= last["received_at"]
    assert [m["message_id"] for m in graph.messages()] == [wamid]


def test_fail_status_holds_until_reset(client: WhatsAppClient, graph: FakeGraphApi) -> None:
    graph.fail_status = 503
    assert send_error(client, GOOD).status == 503
    assert send_error(client, GOOD).status == 503
    graph.reset()
    assert client.send(GOOD) is not None


def test_wait_for_times_out_with_what_arrived(client: WhatsAppClient, graph: FakeGraphApi) -> None:
    client.send(GOOD)
    graph.fail_next.append(500)
    send_error(client, GOOD)
    with pytest.raises(AssertionError, match=r"expected 3 .* got 1; 2 requests .*\[200, 500\]"):
        graph.wait_for(3, timeout_s=0.2)


def test_concurrent_sends_get_unique_ids_and_wait_for_sees_them(graph: FakeGraphApi) -> None:
    def worker() -> None:
        with client_for(graph) as c:
            for i in range(5):
                c.send(text_body(PATIENT, f"msg {i}"))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    accepted = graph.wait_for(20, timeout_s=10)
    for t in threads:
        t.join()
    assert len({m["message_id"] for m in accepted}) == 20

"""Tests for agent.channels.whatsapp_updates against Meta's and pywa's published payloads."""

from __future__ import annotations

import copy
import dataclasses
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from agent.channels.whatsapp_updates import (
    KINDS,
    InboundMessage,
    ParsedUpdate,
    Sender,
    StatusError,
    StatusUpdate,
    UpdateMalformed,
    parse_update,
)

PAYLOADS = Path(__file__).resolve().parents[2] / "data" / "whatsapp_payloads" / "incoming"
FILES = sorted(p.name for p in PAYLOADS.glob("*.json"))

# Senders and business numbers of the two sources (documentation dummies).
META = Sender(wa_id="16505551234", user_id=None, profile_name="Sheena Nelson")
PYWA = Sender(wa_id="972987654321", user_id="US.13491208655302741918", profile_name="Test Name")
META_NUMBER, PYWA_NUMBER = "106540352242922", "1122334455667"
META_WAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA="
META_LIST_WAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA="


def meta(id: str, ts: int, kind: str, *fields: str | None) -> InboundMessage:
    """An expected message from Meta's examples; fields: text, choice_id, media_type, context_id."""
    return expected(id, META, ts, kind, META_NUMBER, *fields)


def pywa(id: str, ts: int, kind: str, *fields: str | None) -> InboundMessage:
    """An expected message from pywa's fixtures; fields as in :func:`meta`."""
    return expected(id, PYWA, ts, kind, PYWA_NUMBER, *fields)


def expected(
    id: str, sender: Sender, ts: int, kind: str, number: str, *fields: str | None
) -> InboundMessage:
    text, choice_id, media_type, context_id = (*fields, None, None, None, None)[:4]
    at = datetime.fromtimestamp(ts, tz=UTC)
    return InboundMessage(id, sender, at, kind, text, choice_id, media_type, context_id, number)


def status(id: str, name: str, ts: int, *errors: tuple[int, str]) -> StatusUpdate:
    at = datetime.fromtimestamp(ts, tz=UTC)
    return StatusUpdate(id, name, at, tuple(StatusError(c, t) for c, t in errors))


# One row per payload file (each holds one message or one status), compared field by field.
# Message rows: id, timestamp, kind, then text, choice_id, media_type, context_id.
EXPECTED: dict[str, InboundMessage | StatusUpdate] = {
    "meta_document.json": meta(META_WAMID, 1744344496, "media", "my receipt", None, "document"),
    "meta_image.json": meta(META_WAMID, 1744344496, "media", "Taj Mahal", None, "image"),
    "meta_interactive_button_reply.json": meta(
        "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTZBQzg0MzQ4QjRCM0NGNkVGOAA=",
        1750025136,
        "choice",
        "Cancel",
        "cancel-button",
        None,
        "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MEM2RUJFNkI0RENGQTVDRjUA",
    ),
    "meta_interactive_list_reply.json": meta(
        META_LIST_WAMID,
        1749854575,
        "choice",
        "Priority Mail Express",
        "priority_express",
        None,
        "wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA=",
    ),
    # Location: the kind only; coordinates, name and address are not copied.
    "meta_location.json": meta(META_LIST_WAMID, 1744344496, "location"),
    "meta_status_failed.json": status(
        "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0QUQ2MjA4NEYyRkExNjMyREUA",
        "failed",
        1751142888,
        (131049, "This message was not delivered to maintain healthy ecosystem engagement."),
    ),
    "meta_status_sent.json": status(META_LIST_WAMID, "sent", 1750030073),
    # No conversation or pricing blocks at all (v24.0 shape).
    "meta_status_v24_minimal.json": status(META_LIST_WAMID, "sent", 1750030073),
    "meta_text.json": meta(META_WAMID, 1749416383, "text", "Does it come in another color?"),
    "pywa_callback_button__button.json": pywa(
        "wamid.xyzxyz", 1698266730, "choice", "title", "callback_data", None, "wamid.xyzxyz"
    ),
    # Template quick reply: type "button", button.text / button.payload.
    "pywa_callback_button__quick_reply.json": pywa(
        "wamid.xsidjw", 1698269027, "choice", "title", "callback_data", None, "wamid.xyzxyz=="
    ),
    "pywa_callback_selection__callback.json": pywa(
        "wamid.zyzxyz", 1698266905, "choice", "title", "callback_data", None, "wamid.xyzxyz"
    ),
    # voice: false stays audio; a forwarded message's context has no id.
    "pywa_message__audio.json": pywa("wamid.xyzxyz", 1697043509, "media", None, None, "audio"),
    "pywa_message__chosen_location.json": pywa("wamid.xyzxyz", 1697044557, "location"),
    "pywa_message__current_location.json": pywa("wamid.xyzxyz", 1697044557, "location"),
    "pywa_message__document.json": pywa(
        "wamid.xyzxyz", 1697043666, "media", "caption", None, "document"
    ),
    "pywa_message__image.json": pywa("wamid.xyzxyz", 1697043379, "media", None, None, "image"),
    # type "interactive" without an interactive body (Meta error 131000).
    "pywa_message__interactive_message_with_err.json": pywa(
        "wamid.wegrchytvwcggt=", 1700505494, "unsupported", None, None, None, "wamid.gvwegfretge=="
    ),
    "pywa_message__reaction.json": pywa("wamid.xyzxyz", 1697044456, "reaction"),
    "pywa_message__reply.json": pywa(
        "wamid.xyzxyz", 1697044746, "text", "replied text", None, None, "wamid.xyzxyz=="
    ),
    "pywa_message__unsupported.json": pywa("wamid.xyzxyz", 1697044706, "unsupported"),
    "pywa_message__voice.json": pywa("wamid.xyzxyz", 1697043473, "media", None, None, "voice"),
    "pywa_message_status__delivered.json": status("wamid.xyzxyz", "delivered", 1698266945),
    "pywa_message_status__failed.json": status(
        "wamid.xyzxyz", "failed", 1689380458, (130472, "User's number is part of an experiment")
    ),
    "pywa_message_status__played.json": status("wamid.xyzxyz", "played", 1689380458),
    "pywa_message_status__read.json": status("wamid.xyzxyz", "read", 1689380458),
    "pywa_message_status__sent.json": status("wamid.xyzxyz", "sent", 1698266945),
}


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PAYLOADS / name).read_text(encoding="utf-8"))
    return data


def wrap(*changes: dict[str, Any]) -> dict[str, Any]:
    """A body with one entry holding the given changes."""
    return {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": list(changes)}]}


def change(value: dict[str, Any], field: str = "messages") -> dict[str, Any]:
    return {"field": field, "value": value}


def one(message: dict[str, Any], contacts: list[dict[str, Any]] | None = None) -> InboundMessage:
    """Parse a body holding just this message and return the message parsed."""
    value: dict[str, Any] = {"messages": [message], "contacts": contacts or []}
    parsed = parse_update(wrap(change(value)))
    assert len(parsed.messages) == 1, parsed
    return parsed.messages[0]


def msg(id: str = "wamid.1", sender: str = "390000000001", **fields: Any) -> dict[str, Any]:
    return {"id": id, "from": sender, "timestamp": "1700000000", "type": "text", **fields}


# --- every payload file ---------------------------------------------------------------


def test_the_payload_directory_is_there_and_every_row_has_a_file() -> None:
    assert FILES, f"no payloads in {PAYLOADS}"
    assert sorted(EXPECTED) == FILES, "EXPECTED and the payload directory disagree"


@pytest.mark.parametrize("name", FILES)
def test_payload_file(name: str) -> None:
    assert name in EXPECTED, f"{name} is new: add its expected messages/statuses to EXPECTED"
    row = EXPECTED[name]
    raw = (PAYLOADS / name).read_bytes()
    parsed = parse_update(raw)
    if isinstance(row, InboundMessage):
        assert parsed == ParsedUpdate(messages=(row,), statuses=(), ignored_changes=0)
    else:
        assert parsed == ParsedUpdate(messages=(), statuses=(row,), ignored_changes=0)
    # Same result from text and from the decoded object.
    assert parse_update(raw.decode()) == parsed
    assert parse_update(json.loads(raw)) == parsed
    assert all(m.kind in KINDS for m in parsed.messages)


@pytest.mark.parametrize("name", [n for n in FILES if "location" in n])
def test_location_details_are_not_copied(name: str) -> None:
    location = load(name)["entry"][0]["changes"][0]["value"]["messages"][0]["location"]
    (message,) = parse_update(load(name)).messages
    flat = str(dataclasses.astuple(message))
    for detail in location.values():
        assert str(detail) not in flat


@pytest.mark.parametrize("name", [n for n in FILES if "status" in n])
def test_status_keeps_no_recipient_id(name: str) -> None:
    recipient = load(name)["entry"][0]["changes"][0]["value"]["statuses"][0]["recipient_id"]
    (update,) = parse_update(load(name)).statuses
    assert recipient not in str(dataclasses.astuple(update))
    kept = [f.name for f in dataclasses.fields(StatusUpdate)]
    assert kept == ["message_id", "status", "timestamp", "errors"]


# --- batches --------------------------------------------------------------------------


def test_a_batch_from_several_files_returns_everything_in_order() -> None:
    text, reply = load("meta_text.json"), load("pywa_message__reply.json")
    delivered, failed = load("pywa_message_status__delivered.json"), load("meta_status_failed.json")
    # One value with two patients' messages, their contacts listed in the other order.
    mixed = copy.deepcopy(reply["entry"][0]["changes"][0]["value"])
    meta_value = text["entry"][0]["changes"][0]["value"]
    mixed["contacts"] = meta_value["contacts"] + mixed["contacts"]
    mixed["messages"] = mixed["messages"] + meta_value["messages"]
    mixed["statuses"] = failed["entry"][0]["changes"][0]["value"]["statuses"]
    body = {
        "object": "whatsapp_business_account",
        "entry": [
            text["entry"][0],
            {
                "id": "2",
                "changes": [
                    change(mixed),
                    change({"ban_info": {}}, field="account_update"),
                    delivered["entry"][0]["changes"][0],
                ],
            },
            load("meta_interactive_list_reply.json")["entry"][0],
        ],
    }
    parsed = parse_update(json.dumps(body).encode())
    assert [(m.id, m.sender, m.kind) for m in parsed.messages] == [
        (META_WAMID, META, "text"),
        ("wamid.xyzxyz", PYWA, "text"),
        (META_WAMID, META, "text"),
        (META_LIST_WAMID, META, "choice"),
    ]
    assert [m.text for m in parsed.messages][:3] == [
        "Does it come in another color?",
        "replied text",
        "Does it come in another color?",
    ]
    assert [(s.status, s.errors[0].code if s.errors else None) for s in parsed.statuses] == [
        ("failed", 131049),
        ("delivered", None),
    ]
    assert parsed.ignored_changes == 1
    assert parsed.skipped_messages == parsed.skipped_statuses == 0


def test_a_thousand_messages_across_entries_and_changes_are_all_returned() -> None:
    entries = []
    for e in range(10):
        changes = []
        for c in range(4):
            n0 = (e * 4 + c) * 25
            numbers = [f"39333{n:07d}" for n in range(n0, n0 + 25)]
            value = {
                "metadata": {"phone_number_id": "555"},
                "contacts": [{"wa_id": w, "profile": {"name": f"P{w}"}} for w in numbers],
                "messages": [msg(f"wamid.{w}", w, text={"body": f"hi {w}"}) for w in numbers],
            }
            changes.append(change(value))
        entries.append({"id": str(e), "changes": changes})
    body = {"object": "whatsapp_business_account", "entry": entries}
    parsed = parse_update(json.dumps(body))
    assert len(parsed.messages) == 1000
    numbers = [f"39333{n:07d}" for n in range(1000)]
    assert [m.id for m in parsed.messages] == [f"wamid.{w}" for w in numbers]
    assert [m.sender.profile_name for m in parsed.messages] == [f"P{w}" for w in numbers]
    assert parsed.messages[999].text == "hi 393330000999"


# --- senders --------------------------------------------------------------------------


def test_a_bsuid_only_sender_is_matched_by_user_id() -> None:
    contact = {"user_id": "IT.123", "profile": {"name": "Anna"}}
    message = msg(from_user_id="IT.123")
    del message["from"]
    sender = one(message, [{"wa_id": "390000000009", "profile": {"name": "Other"}}, contact]).sender
    assert (sender.wa_id, sender.user_id, sender.profile_name) == (None, "IT.123", "Anna")
    assert sender.key == "IT.123"


def test_contact_fills_in_the_user_id_and_the_key_prefers_it() -> None:
    contact = {"wa_id": "390000000001", "user_id": "IT.9", "profile": {"name": "Bo"}}
    sender = one(msg(), [contact]).sender
    assert sender == Sender(wa_id="390000000001", user_id="IT.9", profile_name="Bo")
    assert sender.key == "IT.9"


def test_a_sender_without_a_matching_contact_still_has_ids() -> None:
    other = {"wa_id": "390000000002", "user_id": "IT.2", "profile": {"name": "Not me"}}
    sender = one(msg(from_user_id="IT.1"), [other]).sender
    assert sender == Sender(wa_id="390000000001", user_id="IT.1", profile_name=None)
    assert sender.key == "IT.1"
    assert Sender(wa_id="390000000001", user_id=None, profile_name=None).key == "390000000001"


def test_a_sender_with_no_id_has_no_key() -> None:
    with pytest.raises(UpdateMalformed, match="neither"):
        _ = Sender(wa_id=None, user_id=None, profile_name="X").key


def test_repr_and_str_hide_patient_identifiers_and_text() -> None:
    (message,) = parse_update(load("pywa_message__reply.json")).messages
    secrets = ["Test Name", "972987654321", "US.13491208655302741918", "replied text"]
    for shown in (repr(message.sender), str(message.sender), repr(message), str(message)):
        assert not [s for s in secrets if s in shown], shown
    assert repr(message.sender) == "Sender(wa_id='***', user_id='***', profile_name='***')"
    assert repr(META).endswith("user_id=None, profile_name='***')")
    assert "id='wamid.xyzxyz'" in repr(message) and "text=<12 chars>" in repr(message)


def test_events_are_frozen() -> None:
    (message,) = parse_update(load("meta_text.json")).messages
    with pytest.raises(dataclasses.FrozenInstanceError):
        message.text = "changed"  # type: ignore[misc]


# --- message kinds --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "kind", "text", "media_type"),
    [
        ({"type": "video", "video": {"id": "1", "caption": "c"}}, "media", "c", "video"),
        ({"type": "sticker", "sticker": {"id": "1", "animated": False}}, "media", None, "sticker"),
        ({"type": "voice", "voice": {"id": "1"}}, "media", None, "voice"),  # if it ever appears
        ({"type": "audio", "audio": {"id": "1", "voice": "yes"}}, "media", None, "audio"),
        ({"type": "image"}, "media", None, "image"),  # body missing: still an image
        ({"type": "text", "text": {}}, "unsupported", None, None),  # no body
        ({"type": "system", "system": {"body": "changed number"}}, "unsupported", None, None),
        ({"type": "order", "order": {"catalog_id": "1"}}, "unsupported", None, None),
        ({"type": "contacts", "contacts": [{"name": {}}]}, "unsupported", None, None),
        ({"type": "request_welcome"}, "unsupported", None, None),
        ({"type": None}, "unsupported", None, None),  # no type at all
        (
            {"type": "interactive", "interactive": {"type": "nfm_reply", "nfm_reply": {}}},
            "unsupported",
            None,
            None,
        ),
    ],
)
def test_message_kinds(
    fields: dict[str, Any], kind: str, text: str | None, media_type: str | None
) -> None:
    m = one(msg(**fields))
    assert (m.kind, m.text, m.media_type, m.choice_id) == (kind, text, media_type, None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1697043379", datetime(2023, 10, 11, 16, 56, 19, tzinfo=UTC)),
        (1697043379, datetime(2023, 10, 11, 16, 56, 19, tzinfo=UTC)),
        ("yesterday", None),
        ("", None),
        ("99999999999999999999", None),  # beyond datetime's range
        ("١٦٩٧٠٤٣٣٧٩", None),  # digits, but not ASCII ones
        ("²", None),  # str.isdigit() says yes, int() says no
        (True, None),
        (None, None),
    ],
)
def test_timestamps(value: object, expected: datetime | None) -> None:
    message = one(msg(timestamp=value))
    assert message.timestamp == expected
    if message.timestamp is not None:
        assert message.timestamp.utcoffset() is not None


# --- skipped and ignored --------------------------------------------------------------


def test_unusable_messages_are_skipped_and_counted() -> None:
    no_id, no_sender, empty_id = msg(), msg(id="wamid.2"), msg(id="")
    del no_id["id"], no_sender["from"]
    value = {"messages": [no_id, "a string", msg(id="wamid.ok"), no_sender, empty_id, None]}
    parsed = parse_update(wrap(change(value)))
    assert [m.id for m in parsed.messages] == ["wamid.ok"]
    assert parsed.skipped_messages == 5
    assert parsed.ignored_changes == 0


def test_statuses_lower_cased_errors_read_and_bad_ones_skipped() -> None:
    statuses = [
        {"id": "wamid.a", "status": "DELIVERED", "timestamp": "1700000000"},
        {
            "id": "wamid.b",
            "status": "failed",
            "errors": [
                {"code": "131026", "message": "Message undeliverable"},
                {"code": "n/a", "title": "Odd"},
                {"code": "²", "title": "Superscript"},
                {"title": "No code"},
                "not an error",
            ],
        },
        {"status": "read"},  # no id
        {"id": "wamid.c"},  # no status
    ]
    parsed = parse_update(wrap(change({"statuses": statuses})))
    assert [(s.message_id, s.status) for s in parsed.statuses] == [
        ("wamid.a", "delivered"),
        ("wamid.b", "failed"),
    ]
    assert parsed.statuses[1].timestamp is None
    assert [(e.code, e.title) for e in parsed.statuses[1].errors] == [
        (131026, "Message undeliverable"),
        (None, "Odd"),
        (None, "Superscript"),
        (None, "No code"),
    ]
    assert parsed.skipped_statuses == 2


def test_changes_without_anything_to_handle_are_ignored() -> None:
    errors_only = load("pywa_message__interactive_message_with_err.json")
    value = copy.deepcopy(errors_only["entry"][0]["changes"][0]["value"])
    del value["messages"]
    body = wrap(
        change({"phone_number": "1", "event": "FLAGGED"}, field="account_update"),
        change(value),  # only value.errors
        {"field": "messages", "value": "not an object"},
        change({"messages": [msg()]}),
    )
    parsed = parse_update(body)
    assert parsed.ignored_changes == 3
    assert [m.id for m in parsed.messages] == ["wamid.1"]


# --- malformed bodies -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"object": "whatsapp_business_account", "entry": [', "not valid JSON"),
        (b"\x80\x81 not text", "not UTF-8"),
        ("[" * 100_000, "not valid JSON"),
        (b"[]", "must be a JSON object, got a list"),
        ("null", "must be a JSON object, got null"),
        ('{"object": "page", "entry": []}', "'object' is 'page', expected 'whatsapp_business"),
        ('{"entry": []}', "'object' is missing"),
        ('{"object": 3, "entry": []}', "'object' is a number"),
        ('{"object": "whatsapp_business_account"}', "has no 'entry' list"),
        ('{"object": "whatsapp_business_account", "entry": {}}', "has no 'entry' list"),
        ('{"object": "whatsapp_business_account", "entry": [7]}', "entry[0] is a number"),
        ('{"object": "whatsapp_business_account", "entry": [{}]}', "entry[0] has no 'changes'"),
        (
            '{"object": "whatsapp_business_account", "entry": [{"changes": []}, {"changes": [1]}]}',
            r"entry[1].changes[0] is a number",
        ),
    ],
)
def test_malformed_bodies_say_what_is_wrong(body: bytes | str, message: str) -> None:
    with pytest.raises(UpdateMalformed) as caught:
        parse_update(body)
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    "body",
    [
        b'{"object": "whatsapp_business_account", "text": "Mario Rossi +39 333 1234567',
        '{"object": "Mario Rossi +39 333 1234567", "entry": []}',
        '["Mario Rossi +39 333 1234567"]',
    ],
)
def test_error_messages_never_quote_the_payload(body: bytes | str) -> None:
    with pytest.raises(UpdateMalformed) as caught:
        parse_update(body)
    assert "Mario" not in str(caught.value) and "1234567" not in str(caught.value)

"""Real WhatsApp webhook bodies (``tests/data/whatsapp_payloads``), made fresh for each test.

Meta's samples reuse one message id and one sender; a test that sends them
twice would only see the dedupe. :func:`fresh` gives each copy new message
ids and, if asked, another sender and text, keeping the rest as published.
"""

from __future__ import annotations

import copy
import itertools
import json
import time
import uuid
from pathlib import Path
from typing import Any

from agent.channels.whatsapp_security import sign

PAYLOADS = Path(__file__).resolve().parents[1] / "data" / "whatsapp_payloads"
INCOMING = PAYLOADS / "incoming"
APP_SECRET = "test-app-secret-0123456789"
VERIFY_TOKEN = "test-verify-token"
ACCESS_TOKEN = "test-token"
PHONE_NUMBER_ID = "106540352242922"
_numbers = itertools.count(1)


def load(name: str) -> dict[str, Any]:
    """Return the published body ``name`` (e.g. ``meta_text.json``) as JSON."""
    data: dict[str, Any] = json.loads((INCOMING / name).read_text(encoding="utf-8"))
    return data


def new_wa_id() -> str:
    """Return a WhatsApp id (phone digits) no other test uses."""
    return f"39355{next(_numbers):07d}"


def fresh(
    name: str,
    *,
    wa_id: str | None = None,
    text: str | None = None,
    profile_name: str | None = None,
) -> dict[str, Any]:
    """Return ``name`` with new message ids, optionally another sender, text and profile name."""
    body = copy.deepcopy(load(name))
    for entry in body["entry"]:
        for change in entry["changes"]:
            value = change["value"]
            for message in value.get("messages", []):
                message["id"] = f"wamid.test-{uuid.uuid4().hex}"
                message["timestamp"] = str(int(time.time()))  # inside the 24-hour window
                if wa_id is not None:
                    message["from"] = wa_id
                if text is not None and message.get("type") == "text":
                    message["text"]["body"] = text
            for contact in value.get("contacts", []):
                if wa_id is not None:
                    contact["wa_id"] = wa_id
                    contact.pop("user_id", None)
                if profile_name is not None:
                    contact["profile"] = {"name": profile_name}
    return body


def text_update(
    text: str, *, wa_id: str | None = None, profile_name: str = "Test Patient"
) -> dict[str, Any]:
    """Return a published text-message body carrying ``text`` from ``wa_id``."""
    return fresh("meta_text.json", wa_id=wa_id or new_wa_id(), text=text, profile_name=profile_name)


def batch(*bodies: dict[str, Any]) -> dict[str, Any]:
    """Join several bodies into one POST, as Meta batches updates (one entry each)."""
    return {
        "object": "whatsapp_business_account",
        "entry": [entry for body in bodies for entry in body["entry"]],
    }


def signed(body: dict[str, Any] | bytes, secret: str = APP_SECRET) -> tuple[bytes, dict[str, str]]:
    """Return the raw bytes and headers Meta would send for ``body``."""
    raw = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
    return raw, {"Content-Type": "application/json", "X-Hub-Signature-256": sign(raw, secret)}


def message_ids(body: dict[str, Any]) -> list[str]:
    """Return the ids of the messages in ``body``."""
    return [
        m["id"]
        for entry in body["entry"]
        for change in entry["changes"]
        for m in change["value"].get("messages", [])
    ]


def serve_env(api_url: str, **settings: str) -> dict[str, str]:
    """Return the environment of a ``frontdesk serve`` answering WhatsApp through ``api_url``.

    ``settings`` adds ``FRONTDESK_WHATSAPP_<NAME>`` variables (``PACE_S="6"``).
    """
    env = {
        "FRONTDESK_WHATSAPP_VERIFY_TOKEN": VERIFY_TOKEN,
        "FRONTDESK_WHATSAPP_APP_SECRET": APP_SECRET,
        "FRONTDESK_WHATSAPP_ACCESS_TOKEN": ACCESS_TOKEN,
        "FRONTDESK_WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID,
        "FRONTDESK_WHATSAPP_API_URL": api_url,
    }
    env.update({f"FRONTDESK_WHATSAPP_{name.upper()}": value for name, value in settings.items()})
    return env

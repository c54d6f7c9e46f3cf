"""A small real WhatsApp Cloud API (Graph API) send endpoint for tests: validates, records, faults.

It stands in for ``graph.facebook.com``, which CI cannot reach, and speaks the
send protocol over real sockets, so the client, the outbox and a server under
test in another process all run as in production.

    with FakeGraphApi() as graph:
        client = WhatsAppClient(base_url=graph.base_url, phone_number_id=graph.phone_number_id,
                                access_token=graph.access_token)
        graph.fail_next.append((429, 130429))
        ...
        graph.wait_for(1)[0]["body"]["text"]["body"]
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import threading
import time
from collections import deque
from typing import Any, TypeGuard

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from tests.fakes.local_server import LocalServer

Fault = int | tuple[int, int]

# Titles as Meta's error code reference words them; they go into ``error.message``.
TITLES: dict[int, str] = {
    1: "An unknown error occurred",
    2: "Service temporarily unavailable",
    4: "Application request limit reached",
    100: "Invalid parameter",
    190: "Invalid OAuth access token - Cannot parse access token",
    80007: "Rate limit issues",
    130429: "Rate limit hit",
    131000: "Something went wrong",
    131016: "Service unavailable",
    131026: "Message undeliverable",
    131047: "Re-engagement message",
    131056: "(Business Account, Consumer Account) pair rate limit hit",
    133004: "Server temporarily unavailable",
}

TEXT_MAX_CHARS = 4096
BUTTONS_MAX = 3
BUTTON_TITLE_MAX_CHARS = 20
BUTTON_ID_MAX_CHARS = 256
INTERACTIVE_BODY_MAX_CHARS = 1024
# Media and other types this fake accepts without checking their content.
_UNCHECKED_TYPES = frozenset(
    {"image", "audio", "document", "video", "sticker", "location", "contacts", "reaction"}
)
_VERSION = re.compile(r"v\d+\.\d+")


class BadRequest(Exception):
    """A body Meta would refuse with HTTP 400 and Graph error code 100."""


class FakeGraphApi(LocalServer):
    """``POST /{version}/{phone_number_id}/messages`` on 127.0.0.1, like the Cloud API.

    Checks the bearer token (401, code 190) and validates bodies as Meta does
    (400, code 100, a message naming the field). Accepted messages get
    ``wamid.<n>``; read receipts and typing indicators get ``{"success": true}``.

    Faults: ``fail_next`` holds faults consumed one per request — an HTTP status
    (answered with Graph code 2 for 503, 4 for 429, else 1) or a pair
    ``(http_status, graph_code)``; ``fail_status`` answers every request with that
    status until reset; ``delay_s`` sleeps before answering. Faults come before the
    token and body checks, as a busy server answers before reading them.

    ``requests`` records every request as ``{"body", "headers", "path",
    "received_at", "status", "message_id"}``; ``status`` is ``None`` until the
    answer is decided. A request whose client timed out is still answered and
    recorded, as Meta may still deliver a message the sender gave up on.
    """

    def __init__(
        self, *, access_token: str = "test-token", phone_number_id: str = "106540352242922"
    ) -> None:
        self.access_token = access_token
        self.phone_number_id = phone_number_id
        self.fail_next: deque[Fault] = deque()
        self.fail_status: int | None = None
        self.delay_s: float = 0.0
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._answered = threading.Condition(self._lock)
        self._ids = itertools.count(1)
        super().__init__("fake Graph API")

    @property
    def base_url(self) -> str:
        """Return the Graph API base URL, ``http://127.0.0.1:PORT/v21.0``."""
        return f"http://127.0.0.1:{self.port}/v21.0"

    def messages(self) -> list[dict[str, Any]]:
        """Return the recorded requests that were accepted as messages (not read receipts)."""
        with self._lock:
            return [r for r in self.requests if r["status"] == 200 and r["message_id"]]

    def wait_for(self, count: int, timeout_s: float = 5.0) -> list[dict[str, Any]]:
        """Block until at least ``count`` messages were accepted; return them all.

        Raises:
            AssertionError: fewer arrived within ``timeout_s``; the message lists what did.
        """
        deadline = time.monotonic() + timeout_s
        with self._answered:
            while True:
                accepted = [r for r in self.requests if r["status"] == 200 and r["message_id"]]
                if len(accepted) >= count:
                    return accepted
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    statuses = [r["status"] for r in self.requests]
                    raise AssertionError(
                        f"expected {count} accepted WhatsApp messages within {timeout_s}s, "
                        f"got {len(accepted)}; {len(self.requests)} requests with statuses "
                        f"{statuses}"
                    )
                self._answered.wait(remaining)

    def reset(self) -> None:
        """Forget recorded requests and faults."""
        with self._lock:
            self.requests.clear()
            self.fail_next.clear()
            self.fail_status = None
            self.delay_s = 0.0

    def _next_fault(self) -> Fault | None:
        with self._lock:
            if self.fail_next:
                return self.fail_next.popleft()
            return self.fail_status

    def _record_answer(self, record: dict[str, Any], status: int, message_id: str | None) -> None:
        with self._answered:
            record["status"] = status
            record["message_id"] = message_id
            self._answered.notify_all()

    def _app(self) -> FastAPI:
        app = FastAPI()

        @app.post("/{version}/{phone_number_id}/messages")
        async def send(version: str, phone_number_id: str, request: Request) -> Response:
            raw = await request.body()
            try:
                parsed = json.loads(raw)
            except ValueError:
                parsed = None
            record: dict[str, Any] = {
                "body": parsed,
                "headers": dict(request.headers),
                "path": request.url.path,
                "received_at": time.time(),
                "status": None,
                "message_id": None,
            }
            with self._lock:
                self.requests.append(record)
            if self.delay_s:
                await asyncio.sleep(self.delay_s)
            response, message_id = self._answer(version, phone_number_id, request, parsed)
            self._record_answer(record, response.status_code, message_id)
            return response

        return app

    def _answer(
        self, version: str, phone_number_id: str, request: Request, body: object
    ) -> tuple[JSONResponse, str | None]:
        fault = self._next_fault()
        if fault is not None:
            status, code = fault if isinstance(fault, tuple) else (fault, _default_code(fault))
            return _graph_error(status, code), None
        if request.headers.get("authorization") != f"Bearer {self.access_token}":
            return _graph_error(401, 190), None
        if not _VERSION.fullmatch(version):
            return _graph_error(400, 100, f"Unknown path components: /{version}"), None
        if phone_number_id != self.phone_number_id:
            return _graph_error(
                400, 100, "Unsupported post request. Object with ID does not exist"
            ), None
        try:
            is_message = _validate(body)
        except BadRequest as exc:
            return _graph_error(400, 100, str(exc)), None
        assert isinstance(body, dict)
        if not is_message:
            return JSONResponse({"success": True}), None
        with self._lock:
            message_id = f"wamid.{next(self._ids)}"
        contact = (
            {"input": body["to"], "wa_id": re.sub(r"\D", "", body["to"])}
            if "to" in body
            else {"input": body["recipient"], "user_id": body["recipient"]}
        )
        message: dict[str, Any] = {"id": message_id}
        if body.get("type") == "template":
            message["message_status"] = "accepted"
        answer = {"messaging_product": "whatsapp", "contacts": [contact], "messages": [message]}
        return JSONResponse(answer), message_id


def _default_code(status: int) -> int:
    return {503: 2, 429: 4, 401: 190}.get(status, 1)


def _graph_error(status: int, code: int, detail: str | None = None) -> JSONResponse:
    """Answer like the Graph API: ``{"error": {"message": "(#code) title", ...}}``."""
    title = detail or TITLES.get(code, "Scripted failure")
    return JSONResponse(
        {
            "error": {
                "message": f"(#{code}) {title}",
                "type": "OAuthException",
                "code": code,
                "error_data": {"messaging_product": "whatsapp", "details": title},
                "fbtrace_id": "AfakeTraceId",
            }
        },
        status_code=status,
    )


def _validate(body: object) -> bool:
    """Check a send body as the Cloud API does; return False for read/typing requests.

    Raises:
        BadRequest: naming the offending field.
    """
    if not isinstance(body, dict):
        raise BadRequest("Request body must be a JSON object")
    if body.get("messaging_product") != "whatsapp":
        raise BadRequest("Param messaging_product must be 'whatsapp'")
    if "status" in body:
        if body["status"] != "read":
            raise BadRequest("Param status must be 'read'")
        if not _nonempty_str(body.get("message_id")):
            raise BadRequest("The parameter message_id is required")
        typing = body.get("typing_indicator")
        if typing is not None and typing != {"type": "text"}:
            raise BadRequest("Param typing_indicator['type'] must be 'text'")
        return False
    if not (_nonempty_str(body.get("to")) or _nonempty_str(body.get("recipient"))):
        raise BadRequest("The parameter to is required")
    if body.get("recipient_type", "individual") not in ("individual", "group"):
        raise BadRequest("Param recipient_type must be 'individual' or 'group'")
    context = body.get("context")
    if context is not None and not (
        isinstance(context, dict) and _nonempty_str(context.get("message_id"))
    ):
        raise BadRequest("Param context['message_id'] is required")
    kind = body.get("type", "text")
    if kind == "text":
        _validate_text(body.get("text"))
    elif kind == "interactive":
        _validate_interactive(body.get("interactive"))
    elif kind == "template":
        _validate_template(body.get("template"))
    elif kind in _UNCHECKED_TYPES:
        if not isinstance(body.get(kind), dict):
            raise BadRequest(f"The parameter {kind} is required")
    else:
        raise BadRequest(f"Param type must be a supported message type, got {kind!r}")
    return True


def _validate_text(text: object) -> None:
    if not isinstance(text, dict) or not _nonempty_str(text.get("body")):
        raise BadRequest("The parameter text['body'] is required")
    if len(text["body"]) > TEXT_MAX_CHARS:
        raise BadRequest(f"Param text['body'] must be at most {TEXT_MAX_CHARS} characters long")


def _validate_interactive(interactive: object) -> None:
    if not isinstance(interactive, dict):
        raise BadRequest("The parameter interactive is required")
    body = interactive.get("body")
    if not isinstance(body, dict) or not _nonempty_str(body.get("text")):
        raise BadRequest("The parameter interactive['body']['text'] is required")
    if len(body["text"]) > INTERACTIVE_BODY_MAX_CHARS:
        raise BadRequest(
            f"Param interactive['body']['text'] must be at most "
            f"{INTERACTIVE_BODY_MAX_CHARS} characters long"
        )
    action = interactive.get("action")
    if not isinstance(action, dict):
        raise BadRequest("The parameter interactive['action'] is required")
    kind = interactive.get("type")
    if kind == "button":
        _validate_buttons(action.get("buttons"))
    elif kind == "list":
        if not _nonempty_str(action.get("button")):
            raise BadRequest("The parameter interactive['action']['button'] is required")
        sections = action.get("sections")
        if not isinstance(sections, list) or not sections:
            raise BadRequest("The parameter interactive['action']['sections'] is required")
    else:
        raise BadRequest(f"Param interactive['type'] must be 'button' or 'list', got {kind!r}")


def _validate_buttons(buttons: object) -> None:
    field = "interactive['action']['buttons']"
    if not isinstance(buttons, list) or not 1 <= len(buttons) <= BUTTONS_MAX:
        raise BadRequest(f"Param {field} must have between 1 and {BUTTONS_MAX} elements")
    for i, button in enumerate(buttons):
        if not isinstance(button, dict) or button.get("type") != "reply":
            raise BadRequest(f"Param {field}[{i}]['type'] must be 'reply'")
        reply = button.get("reply")
        if not isinstance(reply, dict):
            raise BadRequest(f"The parameter {field}[{i}]['reply'] is required")
        title, button_id = reply.get("title"), reply.get("id")
        if not _nonempty_str(title) or len(title) > BUTTON_TITLE_MAX_CHARS:
            raise BadRequest(
                f"Param {field}[{i}]['reply']['title'] must be 1 to "
                f"{BUTTON_TITLE_MAX_CHARS} characters long"
            )
        if not _nonempty_str(button_id) or len(button_id) > BUTTON_ID_MAX_CHARS:
            raise BadRequest(
                f"Param {field}[{i}]['reply']['id'] must be 1 to "
                f"{BUTTON_ID_MAX_CHARS} characters long"
            )


def _validate_template(template: object) -> None:
    if not isinstance(template, dict) or not _nonempty_str(template.get("name")):
        raise BadRequest("The parameter template['name'] is required")
    language = template.get("language")
    if not isinstance(language, dict) or not _nonempty_str(language.get("code")):
        raise BadRequest("The parameter template['language']['code'] is required")
    components = template.get("components", [])
    if not isinstance(components, list) or not all(isinstance(c, dict) for c in components):
        raise BadRequest("Param template['components'] must be a list of objects")


def _nonempty_str(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and bool(value.strip())

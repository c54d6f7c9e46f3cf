"""A thin httpx client for the WhatsApp Cloud API send endpoint, and builders for its bodies.

pywa's sending API would also work, but its webhook side does not fit (in-memory
dedupe, acknowledging after handlers) and the outbox needs exact control of error
classification and of the Graph API base URL, so sends go straight over httpx.

GraphApiError   every failed send; ``retryable`` says whether to try again later,
                ``window_closed`` that only a template may reach the patient now

Recipient values (phone numbers, business-scoped user ids) are patient
identifiers: they never appear in a ``repr``, an exception message or a log line.
"""

from __future__ import annotations

import email.utils
import logging
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Literal, Self

import httpx

from agent.observability import event

log = logging.getLogger("frontdesk.whatsapp")

# Cloud API limits: text.body; reply buttons per message, their titles and ids; body text.
TEXT_MAX_CHARS = 4096
BUTTONS_MAX = 3
BUTTON_TITLE_MAX_CHARS = 20
BUTTON_ID_MAX_CHARS = 256
INTERACTIVE_BODY_MAX_CHARS = 1024

# "Re-engagement message": over 24 hours since the patient last wrote; send a template.
WINDOW_CLOSED_CODE = 131047

# Graph error codes that mean "the request was fine, try again later", from Meta's
# error code reference (developers.facebook.com/documentation/business-messaging/whatsapp/
# support/error-codes; mirrored by docs.ycloud.com/reference-link/whatsapp-errors):
#   2      API Service: temporary downtime or overload ("check status before trying again")
#   4      API Too Many Calls: app-level call rate limit ("try again later")
#   80007  Rate limit issues: WhatsApp Business Account rate limit ("try again later")
#   130429 Rate limit hit: Cloud API message throughput reached ("try again later")
#   131000 Something went wrong: unknown error ("try again")
#   131016 Service unavailable: a service is temporarily unavailable
#   131056 (Business Account, Consumer Account) pair rate limit hit: too many messages to
#          the same user in a short time ("wait and retry")
#   133004 Server temporarily unavailable ("try again later")
# Code 1 (API Unknown) is left out: Meta describes it as "invalid request or possible
# server error", and a 5xx status already marks the server-error half as retryable.
RETRYABLE_CODES: frozenset[int] = frozenset({2, 4, 80007, 130429, 131000, 131016, 131056, 133004})

# Authorization and permission codes (0 AuthException, 3 API Method, 10 Permission Denied,
# 190 Access token expired, 200-299 API Permission): retrying cannot help, even though Meta
# answers code 3 with HTTP 500. Meta recommends deciding on ``code`` rather than on status.
_AUTH_CODES: frozenset[int] = frozenset({0, 3, 10, 190, *range(200, 300)})

_TITLE_MAX_CHARS = 120
_CODE_PREFIX = re.compile(r"^\(#\d+\)\s*")
# Long digit runs (phone numbers, ids) and wamids are scrubbed from titles before they
# reach an exception message; Graph titles do not need them to be understood.
_IDENTIFIER = re.compile(r"\+?\d[\d ().-]{4,}\d|wamid\.\S+|\b[A-Z]{2}(?:\.ENT)?\.\w+")


@dataclass(frozen=True, repr=False)
class Recipient:
    """Who a message goes to: a WhatsApp id (phone digits) or a business-scoped user id.

    A business-scoped user id (BSUID, e.g. ``US.13491208655302741918``) identifies one
    WhatsApp user within one business portfolio; Meta sends it in webhooks from 2026
    and accepts it in the ``recipient`` field when the phone number is hidden behind
    a username. Either value identifies a patient, so ``repr`` never shows it.
    """

    kind: Literal["wa_id", "user_id"]
    value: str

    def __post_init__(self) -> None:
        if self.kind not in ("wa_id", "user_id"):
            raise ValueError(f"recipient kind must be 'wa_id' or 'user_id', not {self.kind!r}")
        if not self.value.strip():
            raise ValueError("recipient value must not be empty")

    def __repr__(self) -> str:
        return f"Recipient(kind={self.kind!r}, value=<redacted>)"

    def fields(self) -> dict[str, str]:
        """Return the addressing fields of a send body: ``to`` or ``recipient``."""
        if self.kind == "wa_id":
            return {"to": self.value}
        return {"recipient": self.value}


class GraphApiError(Exception):
    """A send the Graph API refused or that never got an answer.

    Attributes:
        status: HTTP status, ``None`` for timeouts and connection errors.
        code: ``error.code`` from the Graph error body, when there was one.
        title: the Graph error title with identifiers scrubbed.
        retryable: the same request may succeed later.
        window_closed: the 24-hour customer service window is closed (131047);
            only a template message can reach the patient now.
        retry_after_s: seconds to wait, from a ``Retry-After`` header.

    """

    def __init__(
        self,
        *,
        status: int | None,
        code: int | None,
        title: str,
        retryable: bool,
        window_closed: bool = False,
        retry_after_s: float | None = None,
    ) -> None:
        self.status = status
        self.code = code
        self.title = title
        self.retryable = retryable
        self.window_closed = window_closed
        self.retry_after_s = retry_after_s
        super().__init__(self.__str__())

    def __str__(self) -> str:
        kind = "retryable" if self.retryable else "permanent"
        return f"Graph API error ({kind}): status={self.status} code={self.code} {self.title}"


def text_body(recipient: Recipient, text: str, *, reply_to: str | None = None) -> dict[str, Any]:
    """Build a text message body; ``reply_to`` quotes an earlier message by its wamid.

    Raises:
        ValueError: the text is empty or longer than 4096 characters.

    """
    if not text.strip():
        raise ValueError("text must not be empty")
    if len(text) > TEXT_MAX_CHARS:
        raise ValueError(f"text is longer than the {TEXT_MAX_CHARS}-character limit")
    body: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        **recipient.fields(),
        "type": "text",
        "text": {"preview_url": False, "body": text},
    }
    return _with_context(body, reply_to)


def buttons_body(
    recipient: Recipient,
    text: str,
    buttons: Sequence[tuple[str, str]],
    *,
    reply_to: str | None = None,
) -> dict[str, Any]:
    """Build an interactive reply-buttons body from ``(id, title)`` pairs.

    Raises:
        ValueError: 0 or more than 3 buttons, a title over 20 characters, an id over
            256, duplicate ids or titles, or body text empty or over 1024 characters.

    """
    if not text.strip():
        raise ValueError("button message text must not be empty")
    if len(text) > INTERACTIVE_BODY_MAX_CHARS:
        raise ValueError(
            f"button message text is longer than the {INTERACTIVE_BODY_MAX_CHARS}-character limit"
        )
    if not 1 <= len(buttons) <= BUTTONS_MAX:
        raise ValueError(f"a button message needs 1 to {BUTTONS_MAX} buttons, got {len(buttons)}")
    for button_id, title in buttons:
        if not button_id or len(button_id) > BUTTON_ID_MAX_CHARS:
            raise ValueError(f"button id must be 1 to {BUTTON_ID_MAX_CHARS} characters")
        if not title.strip() or len(title) > BUTTON_TITLE_MAX_CHARS:
            raise ValueError(f"button title must be 1 to {BUTTON_TITLE_MAX_CHARS} characters")
    if len({b[0] for b in buttons}) != len(buttons) or len({b[1] for b in buttons}) != len(buttons):
        raise ValueError("button ids and titles must be unique")
    body: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        **recipient.fields(),
        "type": "interactive",
        "interactive": {
            "type": "button",
            "body": {"text": text},
            "action": {
                "buttons": [
                    {"type": "reply", "reply": {"id": button_id, "title": title}}
                    for button_id, title in buttons
                ]
            },
        },
    }
    return _with_context(body, reply_to)


def template_body(
    recipient: Recipient, name: str, language_code: str, parameters: Sequence[str] = ()
) -> dict[str, Any]:
    """Build a template message body; ``parameters`` fill the body's ``{{1}}``, ``{{2}}``...

    Templates are the only messages Meta delivers outside the 24-hour window.

    Raises:
        ValueError: the template name or language code is empty.

    """
    if not name.strip():
        raise ValueError("template name must not be empty")
    if not language_code.strip():
        raise ValueError("template language code must not be empty")
    template: dict[str, Any] = {
        "name": name,
        "language": {"policy": "deterministic", "code": language_code},
    }
    if parameters:
        template["components"] = [
            {"type": "body", "parameters": [{"type": "text", "text": p} for p in parameters]}
        ]
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        **recipient.fields(),
        "type": "template",
        "template": template,
    }


def read_body(message_id: str, *, typing: bool = True) -> dict[str, Any]:
    """Build a mark-as-read body, with a typing indicator unless ``typing`` is false.

    Raises:
        ValueError: the message id is empty.

    """
    if not message_id:
        raise ValueError("message id must not be empty")
    body: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "status": "read",
        "message_id": message_id,
    }
    if typing:
        body["typing_indicator"] = {"type": "text"}
    return body


class WhatsAppClient:
    """Sends prepared bodies to ``POST {base_url}/{phone_number_id}/messages``.

    One attempt per call: retries, backoff and templates after a closed window are
    the outbox's decisions, taken from the ``GraphApiError`` this raises.
    """

    def __init__(
        self,
        *,
        base_url: str,
        phone_number_id: str,
        access_token: str,
        timeout_s: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._url = f"{base_url.rstrip('/')}/{phone_number_id}/messages"
        self._http = httpx.Client(
            timeout=timeout_s,
            transport=transport,
            headers={"Authorization": f"Bearer {access_token}"},
        )

    def send(self, body: Mapping[str, Any]) -> str | None:
        """Send one body; return the new message's wamid, or ``None`` for read receipts.

        Raises:
            GraphApiError: the API refused the request or did not answer in time.

        """
        try:
            response = self._http.post(self._url, json=dict(body))
        except httpx.TimeoutException:
            event(log, "whatsapp_send_failed", reason="timeout", retryable=True)
            raise GraphApiError(status=None, code=None, title="timeout", retryable=True) from None
        except httpx.TransportError as exc:
            event(log, "whatsapp_send_failed", reason=type(exc).__name__, retryable=True)
            raise GraphApiError(
                status=None,
                code=None,
                title=f"connection error ({type(exc).__name__})",
                retryable=True,
            ) from None
        if response.is_success:
            return _message_id(response)
        error = _classify(response)
        event(
            log,
            "whatsapp_send_failed",
            status=error.status,
            code=error.code,
            retryable=error.retryable,
            window_closed=error.window_closed,
        )
        raise error

    def close(self) -> None:
        """Close the underlying connection pool."""
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _with_context(body: dict[str, Any], reply_to: str | None) -> dict[str, Any]:
    if reply_to is not None:
        if not reply_to:
            raise ValueError("reply_to must be a message id, not empty")
        body["context"] = {"message_id": reply_to}
    return body


def _message_id(response: httpx.Response) -> str | None:
    """Return ``messages[0].id`` of a 2xx answer; ``None`` for ``{"success": true}``."""
    try:
        data = response.json()
    except ValueError:
        data = None
    if isinstance(data, dict):
        messages = data.get("messages")
        if isinstance(messages, list) and messages and isinstance(messages[0], dict):
            message_id = messages[0].get("id")
            if isinstance(message_id, str) and message_id:
                return message_id
        if data.get("success") is True:
            return None
    # The request was accepted but the answer is unreadable: the message may well have
    # gone out, so retrying could send it twice.
    raise GraphApiError(
        status=response.status_code, code=None, title="unreadable success body", retryable=False
    )


def _classify(response: httpx.Response) -> GraphApiError:
    """Turn a non-2xx answer into a GraphApiError that says whether to retry."""
    status = response.status_code
    code: int | None = None
    title = response.reason_phrase or "HTTP error"
    try:
        data = response.json()
    except ValueError:
        data = None
    error = data.get("error") if isinstance(data, dict) else None
    if isinstance(error, dict):
        raw_code = error.get("code")
        if isinstance(raw_code, int) and not isinstance(raw_code, bool):
            code = raw_code
        elif isinstance(raw_code, str) and raw_code.isdigit():
            code = int(raw_code)
        message = error.get("message")
        if isinstance(message, str) and message.strip():
            title = message
    window_closed = code == WINDOW_CLOSED_CODE
    if window_closed or (code is not None and code in _AUTH_CODES):
        retryable = False
    else:
        retryable = status >= 500 or status == 429 or code in RETRYABLE_CODES
    return GraphApiError(
        status=status,
        code=code,
        title=_safe_title(title),
        retryable=retryable,
        window_closed=window_closed,
        retry_after_s=_retry_after(response.headers.get("retry-after")),
    )


def _safe_title(message: str) -> str:
    title = _IDENTIFIER.sub("<id>", _CODE_PREFIX.sub("", message.strip()))
    if len(title) > _TITLE_MAX_CHARS:
        title = title[: _TITLE_MAX_CHARS - 1] + "…"
    return title


def _retry_after(value: str | None) -> float | None:
    """Parse ``Retry-After`` as delay-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())

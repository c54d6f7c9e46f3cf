"""Parse WhatsApp Cloud API webhook bodies into plain, typed, frozen events.

One POST to the webhook carries a ``whatsapp_business_account`` update: a list
of ``entry`` objects, each with a list of ``changes``, each change a ``field`` and a
``value`` holding ``metadata``, ``contacts``, ``messages`` and ``statuses``. One
body may carry up to 1,000 updates; :func:`parse_update` walks every entry,
change, message and status, in order, and returns a :class:`ParsedUpdate`.

Errors::

    ValueError
     └── UpdateMalformed   the envelope is not a WhatsApp Business Account update

Only the envelope is strict (JSON object, ``object``, ``entry`` list, each entry
with a ``changes`` list): an envelope that does not fit means the body is not
what this module understands. Below it the parser is lenient: a message or
status it cannot use is skipped and counted, so one odd item never costs the
rest of the batch.

Everything here is patient data except the ids Meta assigns to messages: the
sender's phone number, business-scoped user id and profile name are PHI, and so
is any text. The ``repr()`` of :class:`Sender` and :class:`InboundMessage`
therefore hides them, error messages never quote the payload, and location
coordinates, names and addresses are not copied at all. The module does no I/O
and no logging.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, NamedTuple, TypeGuard

OBJECT_TYPE: Final[str] = "whatsapp_business_account"
"""The ``object`` value of every WhatsApp Business Account webhook body."""

MESSAGES_FIELD: Final[str] = "messages"
"""The ``changes[].field`` that carries inbound messages and delivery statuses."""

KINDS: Final[tuple[str, ...]] = ("text", "choice", "media", "location", "reaction", "unsupported")
"""Every value :attr:`InboundMessage.kind` can take."""

MEDIA_TYPES: Final[frozenset[str]] = frozenset(
    {"image", "document", "audio", "voice", "video", "sticker"}
)
"""Message types whose body is an uploaded file (``voice`` is audio recorded in the app)."""

# An ``object`` value this short and plain is an envelope name ("page", "instagram"),
# safe to name in an error message; anything else is not repeated.
_PLAIN_NAME = re.compile(r"[a-z_]{1,40}")


class UpdateMalformed(ValueError):
    """The body is not a WhatsApp Business Account update; the message says what is wrong."""


def _mask(value: str | None) -> str:
    """Say whether an identifying value is present without showing it."""
    return "None" if value is None else "'***'"


@dataclass(frozen=True, repr=False)
class Sender:
    """The patient who sent a message.

    WhatsApp identifies a user by phone number (``wa_id``, sent as the message's
    ``from``) and, since the 2026 username rollout, by a business-scoped user id
    (``user_id``, sent as ``from_user_id``) that stays the same if the number
    changes. Either may be missing, never both. All three fields are PHI.
    """

    wa_id: str | None
    user_id: str | None
    profile_name: str | None

    @property
    def key(self) -> str:
        """Return the stable id of this sender: ``user_id`` when known, else ``wa_id``.

        Raises:
            UpdateMalformed: If neither id is known.

        """
        if self.user_id:
            return self.user_id
        if self.wa_id:
            return self.wa_id
        raise UpdateMalformed("sender has neither a user_id nor a wa_id")

    def __repr__(self) -> str:
        return (
            f"Sender(wa_id={_mask(self.wa_id)}, user_id={_mask(self.user_id)}, "
            f"profile_name={_mask(self.profile_name)})"
        )


@dataclass(frozen=True, repr=False)
class InboundMessage:
    """One message a patient sent to one of the clinic's business numbers.

    ``text`` holds what the patient typed or chose: a text body, the title of a
    chosen button or list row, or a media caption. It is raw patient text and
    belongs only between the channel adapter and the redaction guard.
    """

    id: str
    sender: Sender
    timestamp: datetime | None
    kind: str
    text: str | None
    choice_id: str | None
    media_type: str | None
    context_id: str | None
    phone_number_id: str | None

    def __repr__(self) -> str:
        text = "None" if self.text is None else f"<{len(self.text)} chars>"
        return (
            f"InboundMessage(id={self.id!r}, sender={self.sender!r}, "
            f"timestamp={self.timestamp!r}, kind={self.kind!r}, text={text}, "
            f"choice_id={self.choice_id!r}, media_type={self.media_type!r}, "
            f"context_id={self.context_id!r}, phone_number_id={self.phone_number_id!r})"
        )


@dataclass(frozen=True)
class StatusError:
    """Why WhatsApp could not deliver an outbound message (Meta's error code and title)."""

    code: int | None
    title: str


@dataclass(frozen=True)
class StatusUpdate:
    """A delivery status of a message the clinic sent.

    The recipient id is deliberately not kept: it is a patient identifier and the
    message id already ties the status to the conversation.
    """

    message_id: str
    status: str
    timestamp: datetime | None
    errors: tuple[StatusError, ...]


@dataclass(frozen=True)
class ParsedUpdate:
    """Everything one webhook body carried, in the order it was sent.

    Attributes:
        messages: Inbound messages, across every entry and change.
        statuses: Delivery statuses, across every entry and change.
        ignored_changes: Changes whose field is not ``messages``, or that carry
            neither messages nor statuses.
        skipped_messages: Messages dropped because they lack an id or a sender.
        skipped_statuses: Statuses dropped because they lack an id or a status.

    """

    messages: tuple[InboundMessage, ...]
    statuses: tuple[StatusUpdate, ...]
    ignored_changes: int
    skipped_messages: int = 0
    skipped_statuses: int = 0


def parse_update(body: bytes | str | Mapping[str, Any]) -> ParsedUpdate:
    """Parse one webhook POST body into every message and status it holds.

    Args:
        body: The raw request body (bytes or text holding JSON) or the decoded
            JSON object.

    Returns:
        The messages and statuses of every entry and change, in order, with
        counts of what was ignored or skipped.

    Raises:
        UpdateMalformed: If the body is not JSON, not an object, not a
            ``whatsapp_business_account`` update, or its ``entry`` / ``changes``
            structure is broken.

    """
    root = _decode(body)
    messages: list[InboundMessage] = []
    statuses: list[StatusUpdate] = []
    ignored = skipped_messages = skipped_statuses = 0
    for change in _changes(root):
        value = change.get("value")
        if change.get("field") != MESSAGES_FIELD or not isinstance(value, Mapping):
            ignored += 1
            continue
        raw_messages = _list(value, "messages")
        raw_statuses = _list(value, "statuses")
        if not raw_messages and not raw_statuses:
            ignored += 1
            continue
        contacts = [c for c in _list(value, "contacts") if isinstance(c, Mapping)]
        phone_number_id = _str(_map(value, "metadata"), "phone_number_id")
        found = [_message(raw, contacts, phone_number_id) for raw in raw_messages]
        messages += [message for message in found if message is not None]
        skipped_messages += found.count(None)
        found_statuses = [_status(raw) for raw in raw_statuses]
        statuses += [status for status in found_statuses if status is not None]
        skipped_statuses += found_statuses.count(None)
    return ParsedUpdate(
        messages=tuple(messages),
        statuses=tuple(statuses),
        ignored_changes=ignored,
        skipped_messages=skipped_messages,
        skipped_statuses=skipped_statuses,
    )


# --- envelope -------------------------------------------------------------------------


def _decode(body: bytes | str | Mapping[str, Any]) -> Mapping[str, Any]:
    """Turn the body into its top-level JSON object and check the ``object`` field."""
    root: object = body
    if isinstance(body, bytes | bytearray | str):
        try:
            root = json.loads(body)
        except json.JSONDecodeError as exc:
            # exc.msg and the position describe the syntax error without quoting the body.
            raise UpdateMalformed(
                f"body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
            ) from None
        except UnicodeDecodeError:
            raise UpdateMalformed("body is not valid JSON: it is not UTF-8 text") from None
        except RecursionError:
            raise UpdateMalformed("body is not valid JSON: it is nested too deeply") from None
    if not isinstance(root, Mapping):
        raise UpdateMalformed(
            f"body must be a JSON object, got {_json_type(root)}; "
            f"expected a '{OBJECT_TYPE}' webhook update"
        )
    kind = root.get("object")
    if kind != OBJECT_TYPE:
        if kind is None:
            found = "is missing"
        elif isinstance(kind, str) and _PLAIN_NAME.fullmatch(kind):
            found = f"is {kind!r}"
        elif isinstance(kind, str):
            found = "is an unexpected string"
        else:
            found = f"is {_json_type(kind)}"
        raise UpdateMalformed(
            f"body field 'object' {found}, expected {OBJECT_TYPE!r}: "
            "only WhatsApp Business Account updates are accepted"
        )
    return root


def _changes(root: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """Yield every change of every entry, in order, checking the structure on the way."""
    entries = root.get("entry")
    if not isinstance(entries, list):
        raise UpdateMalformed(f"{OBJECT_TYPE} update has no 'entry' list")
    for i, entry in enumerate(entries):
        if not isinstance(entry, Mapping):
            raise UpdateMalformed(f"entry[{i}] is {_json_type(entry)}, expected an object")
        changes = entry.get("changes")
        if not isinstance(changes, list):
            raise UpdateMalformed(f"entry[{i}] has no 'changes' list")
        for j, change in enumerate(changes):
            if not isinstance(change, Mapping):
                raise UpdateMalformed(
                    f"entry[{i}].changes[{j}] is {_json_type(change)}, expected an object"
                )
            yield change


# --- messages -------------------------------------------------------------------------


class _Content(NamedTuple):
    """What a message type contributes: its kind and the fields that go with it."""

    kind: str
    text: str | None = None
    choice_id: str | None = None
    media_type: str | None = None


_UNSUPPORTED: Final[_Content] = _Content("unsupported")


def _message(
    raw: object, contacts: list[Mapping[str, Any]], phone_number_id: str | None
) -> InboundMessage | None:
    """Build one inbound message, or return None if it has no id or no sender."""
    if not isinstance(raw, Mapping):
        return None
    message_id = _str(raw, "id")
    wa_id = _str(raw, "from") or None
    user_id = _str(raw, "from_user_id") or None
    if not message_id or not (wa_id or user_id):
        return None
    content = _content(raw)
    return InboundMessage(
        id=message_id,
        sender=_sender(wa_id, user_id, contacts),
        timestamp=_timestamp(raw.get("timestamp")),
        kind=content.kind,
        text=content.text,
        choice_id=content.choice_id,
        media_type=content.media_type,
        context_id=_str(_map(raw, "context"), "id"),
        phone_number_id=phone_number_id,
    )


def _sender(wa_id: str | None, user_id: str | None, contacts: list[Mapping[str, Any]]) -> Sender:
    """Complete the sender's ids and profile name from its contact, matched by user id first."""
    by_user = (c for c in contacts if user_id and _str(c, "user_id") == user_id)
    by_phone = (c for c in contacts if wa_id and _str(c, "wa_id") == wa_id)
    contact = next(by_user, None) or next(by_phone, None)
    if contact is None:
        return Sender(wa_id=wa_id, user_id=user_id, profile_name=None)
    return Sender(
        wa_id=wa_id or _str(contact, "wa_id"),
        user_id=user_id or _str(contact, "user_id"),
        profile_name=_str(_map(contact, "profile"), "name"),
    )


def _content(raw: Mapping[str, Any]) -> _Content:
    """Classify a message by its ``type``; any type not handled here is unsupported."""
    kind = _str(raw, "type")
    if kind in MEDIA_TYPES:
        return _media(kind, raw)
    reader = _READERS.get(kind or "")
    return _UNSUPPORTED if reader is None else reader(raw)


def _text(raw: Mapping[str, Any]) -> _Content:
    body = _str(_map(raw, "text"), "body")
    return _UNSUPPORTED if body is None else _Content("text", text=body)


def _interactive(raw: Mapping[str, Any]) -> _Content:
    # nfm_reply (flows) and a missing body (Meta's error 131000) fall through.
    interactive = _map(raw, "interactive")
    for key in ("button_reply", "list_reply"):
        reply = _map(interactive, key)
        title, choice_id = _str(reply, "title"), _str(reply, "id")
        if title is not None or choice_id is not None:
            return _Content("choice", text=title, choice_id=choice_id)
    return _UNSUPPORTED


def _button(raw: Mapping[str, Any]) -> _Content:
    # A quick-reply button of a template message the clinic sent.
    button = _map(raw, "button")
    text, payload = _str(button, "text"), _str(button, "payload")
    if text is None and payload is None:
        return _UNSUPPORTED
    return _Content("choice", text=text, choice_id=payload)


def _media(kind: str, raw: Mapping[str, Any]) -> _Content:
    media = _map(raw, kind)
    media_type = "voice" if kind == "audio" and media.get("voice") is True else kind
    return _Content("media", text=_str(media, "caption"), media_type=media_type)


_READERS: Final[dict[str, Callable[[Mapping[str, Any]], _Content]]] = {
    "text": _text,
    "interactive": _interactive,
    "button": _button,
    # Coordinates, place names and addresses are patient data the bot never uses: not copied.
    "location": lambda raw: _Content("location"),
    "reaction": lambda raw: _Content("reaction"),
}
"""Message ``type`` → reader; media types go to :func:`_media`, the rest are unsupported."""


# --- statuses -------------------------------------------------------------------------


def _status(raw: object) -> StatusUpdate | None:
    """Build one status update, or return None if it has no message id or no status."""
    if not isinstance(raw, Mapping):
        return None
    message_id, status = _str(raw, "id"), _str(raw, "status")
    if not message_id or not status:
        return None
    errors = tuple(
        StatusError(code=_code(error.get("code")), title=_error_title(error))
        for error in _list(raw, "errors")
        if isinstance(error, Mapping)
    )
    return StatusUpdate(
        message_id=message_id,
        status=status.lower(),
        timestamp=_timestamp(raw.get("timestamp")),
        errors=errors,
    )


def _code(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return int(value) if _is_digits(value) else None


def _error_title(error: Mapping[str, Any]) -> str:
    return _str(error, "title") or _str(error, "message") or ""


# --- small readers --------------------------------------------------------------------


def _timestamp(value: object) -> datetime | None:
    """Read Meta's unix-seconds timestamp (a string of digits) as an aware UTC datetime."""
    if _is_digits(value):
        seconds = int(value)
    elif isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        seconds = value
    else:
        return None
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _is_digits(value: object) -> TypeGuard[str]:
    # ASCII only: str.isdigit() also accepts "²", which int() rejects.
    return isinstance(value, str) and value.isascii() and value.isdigit()


def _str(obj: Mapping[str, Any], key: str) -> str | None:
    value = obj.get(key)
    return value if isinstance(value, str) else None


def _map(obj: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = obj.get(key)
    return value if isinstance(value, Mapping) else {}


def _list(obj: Mapping[str, Any], key: str) -> list[Any]:
    value = obj.get(key)
    return value if isinstance(value, list) else []


def _json_type(value: object) -> str:
    """Name a decoded JSON value's type the way JSON does, without showing the value."""
    if value is None or isinstance(value, bool):
        return "null" if value is None else "a boolean"
    names = {Mapping: "an object", list: "a list", str: "a string", int | float: "a number"}
    return next((name for cls, name in names.items() if isinstance(value, cls)), "a value")

"""Turns stored WhatsApp updates into replies in the outbox: every entry, change and message.

For each update: statuses are merged onto our sent messages; each message is
taken once (the database decides between concurrent workers), answered by the
receptionist, and its reply written to the outbox in the same transaction that
marks it done. The update itself is deleted only when every message in it is
done, so a crash at any point means the work is picked up again, never lost.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from agent.channels.whatsapp_client import Recipient
from agent.channels.whatsapp_store import WhatsAppStore
from agent.channels.whatsapp_updates import InboundMessage, UpdateMalformed, parse_update
from agent.errors import MessageRejected
from agent.observability import conversation_hash, event
from agent.pipeline import Receptionist, TurnResult
from agent.router import Intent
from agent.store import utcnow
from prompts import message

log = logging.getLogger("frontdesk.whatsapp")

CHANNEL = "whatsapp"
STAFF_BUTTON = "frontdesk.staff"
"""The id of the "talk to staff" reply button; pressing it opens a handoff."""

BODY_WITH_BUTTONS_MAX = 1024
"""Interactive messages carry at most 1,024 characters of body text."""

MARKERS = {
    "image": "[image]",
    "document": "[document]",
    "audio": "[audio]",
    "voice": "[voice message]",
    "video": "[video]",
    "sticker": "[sticker]",
    "location": "[location]",
    "unsupported": "[unsupported message]",
    "too_long": "[message too long]",
}
"""What the transcript shows in place of content that is never kept."""


@dataclass(frozen=True)
class Handled:
    """The outcome of one message: its final state and the reply to queue, if any."""

    state: str  # done | failed
    reply: dict[str, Any] | None = None
    language: str = "en"
    opted_out: bool | None = None


class InboxWorker:
    """Processes stored updates one at a time; several workers may share one database."""

    def __init__(
        self,
        *,
        store: WhatsAppStore,
        receptionist: Receptionist,
        worker_id: str,
        max_attempts: int = 5,
        retry_after: timedelta = timedelta(seconds=5),
    ) -> None:
        self._store = store
        self._receptionist = receptionist
        self._worker = worker_id
        self._max_attempts = max_attempts
        self._retry_after = retry_after

    def run_once(self) -> bool:
        """Handle one stored update; False when there was none to take."""
        stored = self._store.claim_update(self._worker)
        if stored is None:
            return False
        try:
            parsed = parse_update(stored.body)
        except UpdateMalformed as exc:
            # Signed by Meta but not an update we understand: it can never succeed.
            event(log, "update_dropped", update=stored.id, error=str(exc)[:120])
            self._store.finish_update(stored.id)
            return True
        for status in parsed.statuses:
            first = status.errors[0] if status.errors else None
            ours = self._store.record_status(
                status.message_id,
                status.status,
                error_code=first.code if first else None,
                error=first.title if first else "",
            )
            event(log, "status", status=status.status, ours=ours)
        waiting = 0
        ordered = sorted(parsed.messages, key=lambda m: m.timestamp or utcnow())
        for inbound in ordered:
            if not self._take(inbound):
                waiting += 1
        if waiting:
            self._store.retry_update(stored.id, after=self._retry_after, error="messages pending")
        else:
            self._store.finish_update(stored.id)
        return True

    def _take(self, inbound: InboundMessage) -> bool:
        """Handle one message unless it is done or another worker has it; False: try later."""
        conversation_id = self._store.conversation_id(inbound.sender.key)
        claim = self._store.claim_message(inbound.id, conversation_id, inbound.kind, self._worker)
        if claim == "done":
            event(log, "duplicate_message", conversation=conversation_hash(conversation_id))
            return True
        if claim == "busy":
            return False
        address = (
            Recipient("user_id", inbound.sender.user_id)
            if inbound.sender.user_id
            else Recipient("wa_id", inbound.sender.key)
        )
        self._store.remember_contact(conversation_id, address, _wrote_at(inbound.timestamp))
        try:
            handled = self._handle(inbound, conversation_id)
        except Exception as exc:  # a fault: try again later, then hand the patient to staff
            attempts = self._store.message_attempts(inbound.id)
            event(
                log,
                "message_failed",
                conversation=conversation_hash(conversation_id),
                attempt=attempts,
                error=type(exc).__name__,
            )
            if attempts < self._max_attempts:
                self._store.release_message(inbound.id, after=self._retry_after * attempts)
                return False
            handled = self._to_staff(conversation_id)
        self._store.complete_message(
            inbound.id,
            state=handled.state,
            reply=handled.reply,
            conversation_id=conversation_id,
            language=handled.language,
            opted_out=handled.opted_out,
        )
        event(
            log,
            "message_handled",
            conversation=conversation_hash(conversation_id),
            kind=inbound.kind,
            replied=handled.reply is not None,
        )
        return True

    def _handle(self, inbound: InboundMessage, conversation_id: str) -> Handled:
        kind = inbound.kind
        if kind == "reaction":
            return Handled("done")
        # Blue ticks and the typing indicator go out while the reply is being worked out.
        self._store.enqueue(
            conversation_id,
            {"message_id": inbound.id},
            kind="read",
            dedupe_key=f"read:{inbound.id}",
        )
        receptionist = self._receptionist
        if kind == "choice" and inbound.choice_id == STAFF_BUTTON:
            marker = f"[{inbound.text or 'talk to staff'}]"
            return _reply(receptionist.request_staff(conversation_id, marker, channel=CHANNEL))
        if kind == "media":
            media = inbound.media_type or "document"
            notice = receptionist.notice(
                conversation_id,
                MARKERS.get(media, "[attachment]"),
                "media_not_accepted",
                channel=CHANNEL,
            )
            if not inbound.text or not inbound.text.strip():
                return _reply(notice)
            # The caption is patient text like any other: checked (emergencies first), redacted.
            answered = self._answer(conversation_id, inbound.text, inbound.sender.profile_name)
            return _reply(answered, before=notice.replies)
        if kind == "location":
            notice = receptionist.notice(
                conversation_id, MARKERS["location"], "location_not_used", channel=CHANNEL
            )
            return _reply(notice)
        if kind in ("text", "choice") and inbound.text and inbound.text.strip():
            return _reply(
                self._answer(conversation_id, inbound.text, inbound.sender.profile_name),
                buttons=True,
            )
        if kind in ("text", "choice"):
            return Handled("done")  # nothing written: nothing to answer
        notice = receptionist.notice(
            conversation_id, MARKERS["unsupported"], "unsupported_message", channel=CHANNEL
        )
        return _reply(notice)

    def _answer(self, conversation_id: str, text: str, profile_name: str | None) -> TurnResult:
        names = (profile_name,) if profile_name else ()
        try:
            return self._receptionist.handle(
                conversation_id, text, channel=CHANNEL, patient_names=names
            )
        except MessageRejected:
            return self._receptionist.notice(
                conversation_id, MARKERS["too_long"], "unsupported_message", channel=CHANNEL
            )

    def _to_staff(self, conversation_id: str) -> Handled:
        turn = self._receptionist.request_staff(
            conversation_id, "[message could not be processed]", channel=CHANNEL
        )
        handled = _reply(turn)
        return Handled("failed", handled.reply, handled.language)


def _reply(turn: TurnResult, *, before: list[str] | None = None, buttons: bool = False) -> Handled:
    """Make one combined message of a turn's replies (one bubble, not a burst)."""
    texts = [*(before or []), *turn.replies]
    opted = {Intent.OPT_OUT.value: True, Intent.OPT_IN.value: False}.get(turn.intent)
    if not texts:
        return Handled("done", None, turn.language, opted)
    text = "\n\n".join(texts)
    payload: dict[str, Any] = {"type": "text", "text": text}
    offer_staff = (
        buttons
        and turn.handoff is None
        and not turn.emergency
        and opted is None
        and len(text) <= BODY_WITH_BUTTONS_MAX
    )
    if offer_staff:
        title = message("button_talk_to_staff", turn.language)
        payload["buttons"] = [[STAFF_BUTTON, title]]
    return Handled("done", payload, turn.language, opted)


def _wrote_at(timestamp: datetime | None) -> datetime:
    now = utcnow()
    if timestamp is None or timestamp > now:
        return now
    return timestamp

"""Sends the outbox to the Graph API: retries with backoff, one paced message per patient.

- 5xx, timeouts and rate limits (130429, 131056) are tried again with
  exponential backoff (or the ``Retry-After`` the API gives); other errors
  are final and recorded on the row.
- WhatsApp allows about one message every 6 seconds to one user: messages for
  the same patient that are due together go out as one combined message, and
  the next one waits for the pace.
- Outside the 24-hour customer service window free text is refused by
  WhatsApp: the message is held until the patient writes again, and a
  pre-approved template (if configured) invites them to.
- A patient who opted out (STOP) gets nothing the clinic sends on its own.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from agent.channels.whatsapp_client import (
    GraphApiError,
    Recipient,
    WhatsAppClient,
    buttons_body,
    read_body,
    template_body,
    text_body,
)
from agent.channels.whatsapp_store import OutboxItem, WhatsAppStore
from agent.observability import conversation_hash, event
from agent.store import utcnow

log = logging.getLogger("frontdesk.whatsapp")

SERVICE_WINDOW = timedelta(hours=24)
TEXT_MAX = 4096


@dataclass(frozen=True)
class SenderPolicy:
    """How hard and how fast to send."""

    pace: timedelta = timedelta(seconds=6)
    retry_base: timedelta = timedelta(seconds=2)
    retry_max: timedelta = timedelta(minutes=10)
    max_attempts: int = 12
    read_attempts: int = 2
    reopen_template: str | None = None


class OutboxSender:
    """Claims due outbox rows and sends them; several senders may share one database."""

    def __init__(
        self,
        *,
        store: WhatsAppStore,
        client: WhatsAppClient,
        worker_id: str,
        policy: SenderPolicy | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._store = store
        self._client = client
        self._worker = worker_id
        self._policy = policy or SenderPolicy()
        self._clock = clock

    def run_once(self) -> int:
        """Send what is due now; return how many outbox rows were taken."""
        items = self._store.claim_due(self._worker)
        by_conversation: dict[str, list[OutboxItem]] = {}
        for item in items:
            if item.kind == "read":
                self._send_read(item)
            else:
                by_conversation.setdefault(item.conversation_id, []).append(item)
        for conversation_id, group in by_conversation.items():
            self._send_group(conversation_id, group)
        return len(items)

    def _send_read(self, item: OutboxItem) -> None:
        try:
            self._client.send(read_body(item.payload["message_id"], typing=True))
        except GraphApiError as exc:
            if exc.retryable and item.attempts + 1 < self._policy.read_attempts:
                self._store.reschedule(
                    [item.id], after=self._policy.retry_base, error_code=exc.code, error=str(exc)
                )
            else:  # a missed blue tick is not worth holding anything up
                self._store.set_state([item.id], "failed", error_code=exc.code, error=str(exc))
            return
        self._store.mark_sent([item.id], None)

    def _send_group(self, conversation_id: str, group: list[OutboxItem]) -> None:
        ids = [item.id for item in group]
        address = self._store.address(conversation_id)
        state = self._store.contact_state(conversation_id)
        if address is None or state is None:
            self._store.set_state(ids, "failed", error="no WhatsApp contact for this conversation")
            return
        last_inbound, opted_out, last_sent = state
        now = self._clock()
        if opted_out:
            unsolicited = [item.id for item in group if not item.solicited]
            if unsolicited:
                self._store.set_state(unsolicited, "suppressed", error="patient opted out")
                group = [item for item in group if item.solicited]
                if not group:
                    return
        templates = [item for item in group if item.payload.get("type") == "template"]
        free = [item for item in group if item.payload.get("type") != "template"]
        if free and now - last_inbound > SERVICE_WINDOW:
            self._hold(conversation_id, free, opted_out, last_inbound)
            free = []
        waiting = templates + free  # a template first: it reopens the window
        if not waiting:
            return
        if last_sent is not None and now - last_sent < self._policy.pace:
            self._later(waiting, self._policy.pace - (now - last_sent))
            return
        body, combined = self._body(address, waiting)
        self._later([item for item in waiting if item not in combined], self._policy.pace)
        self._deliver(conversation_id, combined, body)

    def _later(self, items: list[OutboxItem], after: timedelta) -> None:
        """Send ``items`` in a later message, once the pace allows (not a failed attempt)."""
        if items:
            ids = [item.id for item in items]
            self._store.reschedule(
                ids, after=after, error_code=None, error="paced", count_attempt=False
            )

    def _body(
        self, recipient: Recipient, batch: list[OutboxItem]
    ) -> tuple[dict[str, Any], list[OutboxItem]]:
        """Build one request for as many of ``batch`` as fit in one message."""
        first = batch[0].payload
        if first.get("type") == "template":
            body = template_body(
                recipient, first["name"], first["language"], first.get("parameters", ())
            )
            return body, batch[:1]
        texts: list[str] = []
        taken: list[OutboxItem] = []
        for item in batch:
            text = item.payload["text"]
            if texts and len("\n\n".join([*texts, text])) > TEXT_MAX:
                break
            texts.append(text[:TEXT_MAX])
            taken.append(item)
        text = "\n\n".join(texts)
        buttons = taken[-1].payload.get("buttons")
        if buttons and len(text) <= 1024:
            return buttons_body(recipient, text, [(b[0], b[1]) for b in buttons]), taken
        return text_body(recipient, text), taken

    def _deliver(self, conversation_id: str, items: list[OutboxItem], body: dict[str, Any]) -> None:
        ids = [item.id for item in items]
        try:
            wamid = self._client.send(body)
        except GraphApiError as exc:
            self._failed(conversation_id, items, exc)
            return
        self._store.mark_sent(ids, wamid)
        event(
            log,
            "message_sent",
            conversation=conversation_hash(conversation_id),
            rows=len(ids),
            attempt=max(item.attempts for item in items) + 1,
        )

    def _failed(self, conversation_id: str, items: list[OutboxItem], exc: GraphApiError) -> None:
        ids = [item.id for item in items]
        attempts = max(item.attempts for item in items) + 1
        event(
            log,
            "send_failed",
            conversation=conversation_hash(conversation_id),
            status=exc.status or 0,
            code=exc.code or 0,
            attempt=attempts,
            retryable=exc.retryable,
        )
        if exc.window_closed:
            state = self._store.contact_state(conversation_id)
            if state is not None:
                self._hold(conversation_id, items, state[1], state[0])
            return
        if not exc.retryable or attempts >= self._policy.max_attempts:
            self._store.set_state(
                ids, "failed", error_code=exc.code, error=str(exc), count_attempt=True
            )
            return
        self._store.reschedule(
            ids, after=self._backoff(attempts, exc), error_code=exc.code, error=str(exc)
        )

    def _backoff(self, attempts: int, exc: GraphApiError) -> timedelta:
        if exc.retry_after_s is not None:
            return timedelta(seconds=exc.retry_after_s)
        policy = self._policy
        delay = min(policy.retry_base * (2 ** (attempts - 1)), policy.retry_max)
        if exc.code == 131056:  # pair rate limit: never sooner than the pace
            delay = max(delay, policy.pace)
        jitter: float = random.uniform(1.0, 1.25)  # noqa: S311 - spreading retries, not security
        return timedelta(seconds=delay.total_seconds() * jitter)

    def _hold(
        self,
        conversation_id: str,
        items: list[OutboxItem],
        opted_out: bool,
        last_inbound: datetime,
    ) -> None:
        """Keep free text until the patient writes; invite them with a template if we may."""
        self._store.set_state([item.id for item in items], "held", error="24-hour window closed")
        template = self._policy.reopen_template
        if template and not opted_out:
            self._store.enqueue(
                conversation_id,
                {"type": "template", "name": template, "language": items[0].language},
                language=items[0].language,
                solicited=True,
                dedupe_key=f"reopen:{conversation_id}:{last_inbound.isoformat()}",
            )
        event(log, "message_held", conversation=conversation_hash(conversation_id))

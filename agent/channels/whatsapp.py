"""The WhatsApp Cloud API channel: acknowledge fast, store first, work in the background.

The webhook checks the signature over the raw body, stores the update sealed
and answers 200 — nothing else happens on the request path, so Meta never
retries because we were slow. Two background loops do the work: the inbox
worker (updates → replies in the outbox) and the sender (outbox → Graph API).
Both read their work from the database, so a restart picks up where the last
process stopped, and several processes can share one PostgreSQL database.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine

from agent.channels.whatsapp_client import WhatsAppClient
from agent.channels.whatsapp_security import (
    Sealer,
    SignatureCheck,
    check_signature,
    check_verify_token,
)
from agent.channels.whatsapp_sender import OutboxSender, SenderPolicy
from agent.channels.whatsapp_store import WhatsAppStore
from agent.channels.whatsapp_worker import CHANNEL, InboxWorker
from agent.observability import event
from agent.pipeline import Receptionist
from agent.settings import Settings

log = logging.getLogger("frontdesk.whatsapp")

REQUIRED = {
    "whatsapp_verify_token": "FRONTDESK_WHATSAPP_VERIFY_TOKEN",
    "whatsapp_app_secret": "FRONTDESK_WHATSAPP_APP_SECRET",
    "whatsapp_access_token": "FRONTDESK_WHATSAPP_ACCESS_TOKEN",
    "whatsapp_phone_number_id": "FRONTDESK_WHATSAPP_PHONE_NUMBER_ID",
}


class NotConfigured(Exception):
    """WhatsApp settings are missing or partial; the message names what to set."""


@dataclass(frozen=True)
class WhatsAppConfig:
    """What the channel needs, taken from :class:`Settings`."""

    verify_token: str
    app_secret: str
    access_token: str
    phone_number_id: str
    api_url: str
    policy: SenderPolicy
    poll: timedelta = timedelta(seconds=1)
    lease: timedelta = timedelta(minutes=2)

    @classmethod
    def from_settings(cls, settings: Settings) -> WhatsAppConfig | None:
        """Return the config, None if WhatsApp is not set up at all; raise if it is half set up."""
        values = {name: getattr(settings, name) for name in REQUIRED}
        missing = [REQUIRED[name] for name, value in values.items() if not value]
        if len(missing) == len(REQUIRED):
            return None
        if missing:
            raise NotConfigured(f"WhatsApp is partly configured: also set {', '.join(missing)}")
        assert settings.whatsapp_verify_token and settings.whatsapp_app_secret
        assert settings.whatsapp_access_token and settings.whatsapp_phone_number_id
        return cls(
            verify_token=settings.whatsapp_verify_token.get_secret_value(),
            app_secret=settings.whatsapp_app_secret.get_secret_value(),
            access_token=settings.whatsapp_access_token.get_secret_value(),
            phone_number_id=settings.whatsapp_phone_number_id,
            api_url=settings.whatsapp_api_url.rstrip("/"),
            policy=SenderPolicy(
                pace=timedelta(seconds=settings.whatsapp_pace_s),
                retry_base=timedelta(seconds=settings.whatsapp_retry_base_s),
                max_attempts=settings.whatsapp_max_attempts,
                reopen_template=settings.whatsapp_reopen_template,
            ),
            lease=timedelta(seconds=settings.whatsapp_lease_s),
        )


class WhatsAppChannel:
    """Webhook intake, background workers and staff-reply delivery for WhatsApp."""

    def __init__(
        self,
        *,
        config: WhatsAppConfig,
        engine: Engine,
        receptionist: Receptionist,
        client: WhatsAppClient | None = None,
    ) -> None:
        self.config = config
        self._conversations = receptionist.store
        self.store = WhatsAppStore(
            engine=engine, sealer=Sealer(config.app_secret), lease=config.lease
        )
        self._client = client or WhatsAppClient(
            base_url=config.api_url,
            phone_number_id=config.phone_number_id,
            access_token=config.access_token,
        )
        worker_id = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.inbox = InboxWorker(store=self.store, receptionist=receptionist, worker_id=worker_id)
        self.sender = OutboxSender(
            store=self.store, client=self._client, worker_id=worker_id, policy=config.policy
        )
        self._inbox_wake = threading.Event()
        self._outbox_wake = threading.Event()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        # Set when the loops run in another process: how to tell it about new work.
        self.notify: Callable[[bytes], None] | None = None

    @property
    def inbox_wake(self) -> threading.Event:
        """Set to make the inbox worker look for updates now."""
        return self._inbox_wake

    @property
    def outbox_wake(self) -> threading.Event:
        """Set to make the sender look at the outbox now."""
        return self._outbox_wake

    def _wake(self, event_: threading.Event, byte: bytes) -> None:
        if self.notify is not None:
            self.notify(byte)
        else:
            event_.set()

    # ------------------------------------------------------------ the webhook

    def verify(self, mode: str | None, token: str | None, challenge: str | None) -> str | None:
        """Return the challenge to echo if this is a genuine subscription check, else None."""
        if mode != "subscribe" or challenge is None:
            return None
        return challenge if check_verify_token(token, self.config.verify_token) else None

    def receive(self, raw_body: bytes, signature: str | None) -> SignatureCheck:
        """Check the signature and, if valid, store the update for the worker."""
        check = check_signature(raw_body, signature, self.config.app_secret)
        if check is SignatureCheck.VALID:
            self.store.save_update(raw_body)
            self._wake(self._inbox_wake, b"i")
        else:
            event(log, "webhook_rejected", reason=check.value)
        return check

    # ------------------------------------------------------------ staff replies

    def deliver(self, conversation_id: str, text: str, *, automated: bool = False) -> None:
        """Queue a message for the patient (a staff reply, or a notice when ``automated``)."""
        if self.store.address(conversation_id) is None:
            raise LookupError("this conversation has no WhatsApp contact")
        language = self._conversations.load_or_create(
            conversation_id, channel=CHANNEL, language="en"
        ).language
        self.store.enqueue(
            conversation_id,
            {"type": "text", "text": text},
            language=language,
            solicited=not automated,
        )
        self._wake(self._outbox_wake, b"o")

    # ------------------------------------------------------------ background loops

    def start(self) -> None:
        """Start the inbox worker and the sender threads."""
        self._stopping.clear()
        for name, step, wake in (
            ("whatsapp-inbox", self._inbox_step, self._inbox_wake),
            ("whatsapp-outbox", self.sender.run_once, self._outbox_wake),
        ):
            thread = threading.Thread(target=self._loop, args=(step, wake), name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout_s: float = 10.0) -> None:
        """Stop the threads (work in progress finishes; the rest waits in the database)."""
        self._stopping.set()
        self._inbox_wake.set()
        self._outbox_wake.set()
        for thread in self._threads:
            thread.join(timeout_s)
        self._threads.clear()
        self._client.close()

    def _inbox_step(self) -> bool:
        worked = self.inbox.run_once()
        if worked:
            self._outbox_wake.set()
        return worked

    def _loop(self, step: Callable[[], object], wake: threading.Event) -> None:
        poll = self.config.poll.total_seconds()
        while not self._stopping.is_set():
            try:
                busy = bool(step())
            except Exception as exc:  # the loop must survive a database hiccup
                event(log, "worker_error", error=type(exc).__name__)
                busy = False
            if not busy:
                wake.wait(poll)
                wake.clear()


def build_whatsapp(
    settings: Settings, *, engine: Engine, receptionist: Receptionist
) -> WhatsAppChannel | None:
    """Build the channel if the settings configure WhatsApp (raise if only half of it)."""
    config = WhatsAppConfig.from_settings(settings)
    if config is None:
        return None
    channel = WhatsAppChannel(config=config, engine=engine, receptionist=receptionist)
    event(log, "channel_ready", channel=CHANNEL)
    return channel

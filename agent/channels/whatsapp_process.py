"""The WhatsApp workers in their own process, so answering never slows an acknowledgement.

Answering a message is CPU work (language detection, redaction, retrieval,
guards); in the server's process it would compete with the webhook handler
for the interpreter lock, and Meta wants acknowledgements in milliseconds.
So ``frontdesk serve`` starts this module as a child process that builds its
own receptionist and runs the inbox worker and the sender. Everything they
share is in the database; the server writes one byte to the child's standard
input when there is new work, and the child exits when that pipe closes
(the server stopped or died), so it never outlives its server.

    python -m agent.channels.whatsapp_process     # settings from the environment
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from typing import IO

from agent.observability import configure_logging, event

log = logging.getLogger("frontdesk.whatsapp")

WORKER_NICENESS = 10
INBOX = b"i"
OUTBOX = b"o"


class WorkerProcess:
    """The server's handle on the child process: start, wake, stop."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the child with this process's environment (and so its settings)."""
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "agent.channels.whatsapp_process"],
            stdin=subprocess.PIPE,
        )
        event(log, "worker_process_started", pid=self._proc.pid)

    def wake(self, what: bytes) -> None:
        """Tell the child there is new work (best effort: it also polls)."""
        with self._lock:
            stdin = self._proc.stdin if self._proc else None
            if stdin is None:
                return
            try:
                stdin.write(what)
                stdin.flush()
            except (BrokenPipeError, ValueError):
                event(log, "worker_process_gone")

    def stop(self, timeout_s: float = 15.0) -> None:
        """Close the pipe (the child finishes what it holds and exits); kill it if it hangs."""
        proc = self._proc
        if proc is None:
            return
        with self._lock:
            if proc.stdin:
                proc.stdin.close()
        try:
            proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        self._proc = None


def _listen(stream: IO[bytes], wake_inbox: threading.Event, wake_outbox: threading.Event) -> None:
    """Set the wake events as bytes arrive; return when the server's end of the pipe closes."""
    while True:
        data = stream.read1(64) if hasattr(stream, "read1") else stream.read(1)
        if not data:
            return
        if INBOX in data:
            wake_inbox.set()
        if OUTBOX in data:
            wake_outbox.set()


def main() -> None:
    """Build the receptionist from the environment and run the WhatsApp loops until told to stop."""
    from agent.channels.whatsapp import build_whatsapp
    from agent.factory import build
    from agent.settings import Settings

    configure_logging()
    # Answers can wait a few milliseconds; acknowledgements cannot: give the server the CPU first.
    os.nice(WORKER_NICENESS)
    # Its commits are work it can redo from the stored updates: durable against its own
    # crash is enough, and spares the disk flushes the server's acknowledgements wait on.
    settings = Settings(sqlite_synchronous="NORMAL")
    frontdesk = build(settings)
    channel = build_whatsapp(settings, engine=frontdesk.engine, receptionist=frontdesk.receptionist)
    if channel is None:
        event(log, "worker_process_idle", reason="whatsapp not configured")
        frontdesk.close()
        return
    channel.start()
    event(log, "worker_process_ready")
    try:
        _listen(sys.stdin.buffer, channel.inbox_wake, channel.outbox_wake)
    finally:
        channel.stop()
        frontdesk.close()
        event(log, "worker_process_stopped")


if __name__ == "__main__":
    main()

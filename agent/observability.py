"""Structured logging that never carries patient text: event names and key=value context."""

from __future__ import annotations

import hashlib
import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

_CONFIGURED = False


def configure_logging(level: str = "INFO") -> None:
    """Send ``frontdesk.*`` events to stderr, one line each; call once at start-up."""
    global _CONFIGURED
    if _CONFIGURED:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger("frontdesk")
    root.addHandler(handler)
    root.setLevel(level)
    _CONFIGURED = True


def event(logger: logging.Logger, name: str, **context: object) -> None:
    """Log event ``name`` with key=value context; callers pass ids, hashes and numbers only."""
    fields = " ".join(f"{k}={_fmt(v)}" for k, v in context.items())
    logger.info("%s %s", name, fields)


class WithoutQuery(logging.Filter):
    """Drop query strings from access-log lines (a webhook check carries its token there)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite uvicorn's access record ``(client, method, path, version, status)``."""
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (args[0], args[1], args[2].split("?", 1)[0], args[3], args[4])
        return True


def hide_query_strings(logger_name: str = "uvicorn.access") -> None:
    """Install :class:`WithoutQuery` on the access logger (once)."""
    logger = logging.getLogger(logger_name)
    if not any(isinstance(f, WithoutQuery) for f in logger.filters):
        logger.addFilter(WithoutQuery())


def conversation_hash(conversation_id: str) -> str:
    """Return a short stable hash that identifies a conversation in logs without naming it."""
    return hashlib.sha256(conversation_id.encode("utf-8")).hexdigest()[:12]


@contextmanager
def timed(timings: dict[str, float], step: str) -> Iterator[None]:
    """Record how long the enclosed step took, in milliseconds, under ``step``."""
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[step] = round((time.perf_counter() - start) * 1000, 2)


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)

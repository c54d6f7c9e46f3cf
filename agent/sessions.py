"""Browser sessions for staff pages: a cookie after signing in with one's own token, plus CSRF.

The session id travels in an ``HttpOnly``, ``SameSite=Strict`` cookie and is
stored only as a hash, with the account it belongs to and a CSRF token. A
request that changes something and is authenticated by the cookie must also
send that CSRF token in ``X-CSRF-Token`` (a page reads it from
``GET /v1/session``); bearer-token requests need none, since a browser never
adds a bearer token on its own. Revoking an account ends its sessions.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Column, DateTime, Engine, ForeignKey, String, Table, delete, insert, select

from agent.store import utcnow
from agent.users import Role, User, metadata, users

COOKIE = "fd_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

sessions = Table(
    "sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("user_id", String(36), ForeignKey("users.id"), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True)
class Session:
    """A signed-in browser: whose it is, its CSRF token and when it ends."""

    user: User
    csrf: str
    expires_at: datetime


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


class SessionStore:
    """Opens, finds and closes browser sessions (database-backed, so any worker can check them)."""

    def __init__(self, *, engine: Engine, lifetime: timedelta = timedelta(hours=12)) -> None:
        self._engine = engine
        self._lifetime = lifetime
        metadata.create_all(engine)

    def open(self, user: User) -> tuple[str, Session]:
        """Start a session for ``user``; return the cookie value (shown once) and the session."""
        session_id = secrets.token_urlsafe(32)
        now = utcnow()
        found = Session(user=user, csrf=secrets.token_urlsafe(32), expires_at=now + self._lifetime)
        with self._engine.begin() as db:
            db.execute(
                insert(sessions).values(
                    id_hash=_digest(session_id),
                    user_id=user.id,
                    csrf=found.csrf,
                    created_at=now,
                    expires_at=found.expires_at,
                )
            )
            # Sessions that ended are of no use to anyone: drop them as we go.
            db.execute(delete(sessions).where(sessions.c.expires_at < now))
        return session_id, found

    def find(self, session_id: str) -> Session | None:
        """Return the live session of this cookie value, or None (unknown, ended, revoked)."""
        with self._engine.connect() as db:
            row = db.execute(
                select(sessions, users.c.name, users.c.role)
                .join(users, users.c.id == sessions.c.user_id)
                .where(sessions.c.id_hash == _digest(session_id), users.c.active.is_(True))
            ).first()
        if row is None or row.expires_at.replace(tzinfo=utcnow().tzinfo) <= utcnow():
            return None
        user = User(id=row.user_id, name=row.name, role=Role(row.role))
        return Session(user=user, csrf=row.csrf, expires_at=row.expires_at)

    def close(self, session_id: str) -> None:
        """End one session (signing out)."""
        with self._engine.begin() as db:
            db.execute(delete(sessions).where(sessions.c.id_hash == _digest(session_id)))

    def close_all(self, user_id: str) -> int:
        """End every session of one account; return how many there were."""
        with self._engine.begin() as db:
            return db.execute(delete(sessions).where(sessions.c.user_id == user_id)).rowcount


def csrf_ok(session: Session, sent: str | None) -> bool:
    """Return whether the CSRF token sent with a request is the session's (constant time)."""
    return sent is not None and hmac.compare_digest(session.csrf, sent)

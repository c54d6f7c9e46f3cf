"""Staff accounts with a role; API tokens are stored only as hashes."""

from __future__ import annotations

import enum
import hashlib
import secrets
import uuid
from dataclasses import dataclass

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Engine,
    MetaData,
    String,
    Table,
    insert,
    select,
    update,
)

from agent.store import utcnow

metadata = MetaData()

users = Table(
    "users",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


class Role(enum.StrEnum):
    """What a staff account may do: admins everything, agents the queue, QA the evaluations."""

    ADMIN = "admin"
    AGENT = "agent"
    QA = "qa"


class UserError(Exception):
    """A user cannot be created as asked; the message says what to change."""


@dataclass(frozen=True)
class User:
    """An individual staff account (never a shared one)."""

    id: str
    name: str
    role: Role


def hash_token(token: str) -> str:
    """Return the stored form of an API token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class UserDirectory:
    """Creates accounts and resolves bearer tokens to accounts."""

    def __init__(self, *, engine: Engine) -> None:
        self._engine = engine
        metadata.create_all(engine)

    def add(self, name: str, role: Role | str) -> tuple[User, str]:
        """Create an account and return it with its new token (shown once, stored hashed)."""
        name = name.strip()
        if not name:
            raise UserError("the user name is empty; give the person's name")
        try:
            role = Role(role)
        except ValueError as exc:
            allowed = ", ".join(r.value for r in Role)
            raise UserError(f"unknown role {role!r}; use one of: {allowed}") from exc
        token = "fd_" + secrets.token_urlsafe(32)
        user = User(id=str(uuid.uuid4()), name=name, role=role)
        with self._engine.begin() as db:
            taken = db.execute(select(users.c.id).where(users.c.name == name)).first()
            if taken is not None:
                raise UserError(f"a user named {name!r} already exists; pick another name")
            db.execute(
                insert(users).values(
                    id=user.id,
                    name=user.name,
                    role=user.role.value,
                    token_hash=hash_token(token),
                    active=True,
                    created_at=utcnow(),
                )
            )
        return user, token

    def authenticate(self, token: str) -> User | None:
        """Return the active account holding ``token``, or None."""
        digest = hash_token(token)
        with self._engine.connect() as db:
            row = db.execute(
                select(users).where(users.c.token_hash == digest, users.c.active.is_(True))
            ).first()
        if row is None:
            return None
        return User(id=row.id, name=row.name, role=Role(row.role))

    def revoke(self, name: str) -> User:
        """Deactivate the account named ``name``: its token and sessions stop working."""
        with self._engine.begin() as db:
            row = db.execute(select(users).where(users.c.name == name.strip())).first()
            if row is None:
                raise UserError(f"no user named {name!r}; `frontdesk users list` shows them")
            db.execute(update(users).where(users.c.id == row.id).values(active=False))
        return User(id=row.id, name=row.name, role=Role(row.role))

    def list(self) -> list[tuple[User, bool]]:
        """Return every account with whether it is active, by name."""
        with self._engine.connect() as db:
            rows = db.execute(select(users).order_by(users.c.name)).all()
        return [(User(id=r.id, name=r.name, role=Role(r.role)), bool(r.active)) for r in rows]

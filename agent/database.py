"""The SQLAlchemy engine for the configured database (SQLite by default, PostgreSQL at scale)."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, event


def database_engine(url: str) -> Engine:
    """Create the SQLAlchemy engine; SQLite gets WAL and foreign keys, PostgreSQL psycopg 3."""
    if url.startswith(("postgres://", "postgresql://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: object, _record: object) -> None:
            cursor = dbapi_conn.cursor()  # type: ignore[attr-defined]
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            # Deleted rows (a handled WhatsApp update, an erased conversation) are overwritten.
            cursor.execute("PRAGMA secure_delete=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)

"""The SQLAlchemy engine for the configured database (SQLite by default, PostgreSQL at scale)."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, event


def database_engine(url: str, *, sqlite_sync: str = "FULL") -> Engine:
    """Create the SQLAlchemy engine; SQLite gets WAL and foreign keys, PostgreSQL psycopg 3.

    ``sqlite_sync`` is SQLite's ``synchronous`` level: ``FULL`` (every commit
    survives a power cut) or ``NORMAL`` (every commit survives the process
    dying; after a power cut the last commits may roll back, consistently).
    """
    if sqlite_sync not in ("FULL", "NORMAL"):
        raise ValueError(f"sqlite_sync must be FULL or NORMAL, not {sqlite_sync!r}")
    if url.startswith(("postgres://", "postgresql://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: object, _record: object) -> None:
            cursor = dbapi_conn.cursor()  # type: ignore[attr-defined]
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA synchronous={sqlite_sync}")
            # Deleted rows (a handled WhatsApp update, an erased conversation) are overwritten.
            cursor.execute("PRAGMA secure_delete=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)

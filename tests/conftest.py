"""Shared fixtures: SQLite and the local PostgreSQL, the fake OpenAI server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from agent.factory import Frontdesk, build, load_demo_clinic
from agent.settings import Settings

pytest_plugins = ["tests.fakes"]

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture(scope="session")
def demo_frontdesk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontdesk]:
    """Frontdesk on a fresh data directory holding the demo clinic, approved (one per session)."""
    data = tmp_path_factory.mktemp("demo-data")
    fd = build(Settings(data_dir=data, _env_file=None))  # type: ignore[call-arg]
    load_demo_clinic(fd, data / "demo")
    yield fd
    fd.close()


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_engine(f"sqlite:///{tmp_path / 'test.db'}")
    yield engine
    engine.dispose()


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    """A fresh schema in the local PostgreSQL, dropped afterwards."""
    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL)
    try:
        with admin.begin() as db:
            db.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # the service is part of the machine; say clearly if it is down
        pytest.fail(f"PostgreSQL at 127.0.0.1:5432 is not reachable: {exc}")
    engine = create_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"})
    yield engine
    engine.dispose()
    with admin.begin() as db:
        db.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_engine(request: pytest.FixtureRequest) -> Engine:
    name = "sqlite_engine" if request.param == "sqlite" else "pg_engine"
    engine: Engine = request.getfixturevalue(name)
    return engine

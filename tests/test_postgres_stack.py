"""The whole stack on the local PostgreSQL: documents, a chat turn, the stored transcript."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from agent.factory import Frontdesk, build
from agent.settings import Settings
from tests.conftest import POSTGRES_URL

pytestmark = pytest.mark.postgres


@pytest.fixture
def frontdesk(tmp_path: Path) -> Iterator[Frontdesk]:
    schema = f"s_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as db:
        db.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"postgresql://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
    fd = build(Settings(data_dir=tmp_path, database_url=url, _env_file=None))  # type: ignore[call-arg]
    yield fd
    fd.close()
    with admin.begin() as db:
        db.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def test_chat_turn_on_postgres(frontdesk: Frontdesk) -> None:
    assert frontdesk.engine.dialect.name == "postgresql"
    doc = frontdesk.knowledge.add(
        b"# Orari\n\n## Sabato\n\nIl sabato siamo aperti dalle 9:00 alle 13:00.\n", "orari.md"
    )
    frontdesk.knowledge.approve(doc.id, by="test")
    result = frontdesk.receptionist.handle("pg-1", "mi chiamo Carla Neri, aprite il sabato?")
    assert "9:00" in result.replies[0]
    transcript = frontdesk.receptionist.store.transcript("pg-1")
    assert [t.role for t in transcript] == ["patient", "bot"]
    assert "Carla" not in transcript[0].text and "<PERSON_1>" in transcript[0].text

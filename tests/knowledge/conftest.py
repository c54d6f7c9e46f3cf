"""Fixtures for the knowledge library: a real embedder, embedded Chroma and SQLite in tmp_path."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

# Let plain `pytest` import the top-level packages without installing the project.
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from knowledge.embeddings import E5Embedder  # noqa: E402
from knowledge.index import ChromaIndex  # noqa: E402
from knowledge.library import KnowledgeBase  # noqa: E402
from tests.knowledge.builders import toy_language  # noqa: E402


@pytest.fixture(scope="session")
def embedder() -> E5Embedder:
    model = E5Embedder()
    model.load()
    return model


@pytest.fixture
def index(tmp_path: Path) -> ChromaIndex:
    return ChromaIndex(path=tmp_path / "chroma")


POSTGRES_URLS = (
    "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    "postgresql+psycopg://root@127.0.0.1:5432/test",
)


def _postgres_admin() -> sa.Engine:
    errors = []
    for url in POSTGRES_URLS:
        eng = sa.create_engine(url)
        try:
            with eng.connect():
                return eng
        except sa.exc.OperationalError as exc:
            errors.append(str(exc).splitlines()[0])
            eng.dispose()
    pytest.fail(f"PostgreSQL at 127.0.0.1:5432 is not reachable: {errors}")


@pytest.fixture
def pg_schema_engine() -> Iterator[sa.Engine]:
    """PostgreSQL, the knowledge tables in a fresh schema (schema_translate_map), dropped after."""
    admin = _postgres_admin()
    schema = f"kb_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield admin.execution_options(schema_translate_map={None: schema})
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine]:
    """The knowledge tables on SQLite in tmp_path, or on the local PostgreSQL."""
    if request.param == "postgres":
        eng: sa.Engine = request.getfixturevalue("pg_schema_engine")
        yield eng
        return
    eng = sa.create_engine(f"sqlite:///{tmp_path / 'kb.sqlite'}")
    yield eng
    eng.dispose()


@pytest.fixture
def kb(engine: sa.Engine, index: ChromaIndex, embedder: E5Embedder) -> KnowledgeBase:
    """A knowledge base on SQLite and embedded Chroma, with a toy language detector."""
    return KnowledgeBase(
        engine=engine, index=index, embedder=embedder, detect_language=toy_language
    )

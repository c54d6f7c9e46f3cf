"""Builds a running Frontdesk from settings: storage, knowledge, guards, composer, agent."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from agent.clinic import ClinicProfile, load_clinic_profile
from agent.composers.base import Composer
from agent.composers.extractive import ExtractiveComposer
from agent.demo import CLINIC_PROFILE
from agent.observability import event as log_event
from agent.pipeline import Receptionist
from agent.relevance import RelevanceGate
from agent.settings import Settings
from agent.store import ConversationStore
from agent.users import UserDirectory
from guardrails.language import LanguageDetector
from guardrails.phi_redaction import PhiRedactionGuard
from knowledge.embeddings import E5Embedder
from knowledge.index import ChromaIndex
from knowledge.library import KnowledgeBase
from knowledge.types import DocumentInfo

log = logging.getLogger("frontdesk.factory")


@dataclass
class Frontdesk:
    """Everything one process needs, built once from settings."""

    settings: Settings
    engine: Engine
    clinic: ClinicProfile
    knowledge: KnowledgeBase
    users: UserDirectory
    receptionist: Receptionist
    composer: Composer
    resources: ExitStack = field(default_factory=ExitStack)

    def close(self) -> None:
        """Stop what this process started (a local model server) and release the database."""
        self.resources.close()
        self.engine.dispose()


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
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def build_composer(settings: Settings, resources: ExitStack) -> Composer:
    """Return the composer the settings ask for; LLM composers fall back to extractive."""
    extractive = ExtractiveComposer()
    if settings.llm == "extractive":
        return extractive
    from agent.composers.llm import LLMComposer
    from agent.llm import OpenAIChatClient

    if settings.llm == "local":
        from agent.local_llm import LocalLlamaServer

        server = resources.enter_context(LocalLlamaServer())
        base_url: str | None = server.base_url
        model = server.model
    else:
        base_url = settings.openai_base_url
        model = settings.llm_model
    client = OpenAIChatClient(
        model=model,
        base_url=base_url,
        api_key=settings.openai_api_key,
        timeout_s=settings.llm_timeout_s,
    )
    return LLMComposer(client=client, fallback=extractive)


def build(
    settings: Settings,
    *,
    composer_factory: Callable[[Settings, ExitStack], Composer] = build_composer,
) -> Frontdesk:
    """Build every part of Frontdesk from ``settings``."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    resources = ExitStack()
    engine = database_engine(settings.resolved_database_url)
    clinic = load_clinic_profile(settings.clinic or CLINIC_PROFILE)
    languages = LanguageDetector(default=clinic.default_language)
    index = (
        ChromaIndex(url=settings.chroma_url)
        if settings.chroma_url
        else ChromaIndex(path=settings.chroma_path)
    )
    knowledge = KnowledgeBase(
        engine=engine,
        index=index,
        embedder=E5Embedder(),
        detect_language=languages.detect,
        max_bytes=settings.max_upload_bytes,
        max_pages=settings.max_upload_pages,
    )
    composer = composer_factory(settings, resources)
    receptionist = Receptionist(
        store=ConversationStore(engine=engine),
        retriever=knowledge,
        composer=composer,
        redactor=PhiRedactionGuard(),
        language_detector=languages,
        clinic=clinic,
        max_chars=settings.max_message_chars,
        allow_list=clinic_vocabulary(clinic),
        relevance=RelevanceGate(vocabulary=knowledge.vocabulary),
    )
    return Frontdesk(
        settings=settings,
        engine=engine,
        clinic=clinic,
        knowledge=knowledge,
        users=UserDirectory(engine=engine),
        receptionist=receptionist,
        composer=composer,
        resources=resources,
    )


def clinic_vocabulary(clinic: ClinicProfile) -> frozenset[str]:
    """Return the clinic's own words that are never patient identifiers."""
    words = {clinic.name, clinic.contact_phone, clinic.contact_email}
    return frozenset(w for w in words if w)


def load_demo_clinic(frontdesk: Frontdesk, workdir: Path) -> list[DocumentInfo]:
    """Ingest and approve the bundled demo clinic when the knowledge base is empty."""
    if frontdesk.knowledge.list():
        return []
    from agent.demo.pdf import build_demo_pdfs

    loaded = []
    for path in build_demo_pdfs(workdir):
        doc = frontdesk.knowledge.add(path.read_bytes(), path.name, uploaded_by="demo")
        loaded.append(frontdesk.knowledge.approve(doc.id, by="demo"))
    log_event(log, "demo_clinic_loaded", documents=len(loaded))
    return loaded

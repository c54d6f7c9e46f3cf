"""Builds a running Frontdesk from settings: storage, knowledge, guards, composer, agent."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

import prompts
from agent.allow_list import ClinicAllowList
from agent.clinic import ClinicProfile, load_clinic_profile
from agent.composers.base import Composer
from agent.composers.extractive import ExtractiveComposer
from agent.database import database_engine
from agent.demo import CLINIC_PROFILE
from agent.handoffs import HandoffQueue
from agent.observability import event as log_event
from agent.pipeline import Receptionist
from agent.relevance import RelevanceGate
from agent.settings import Settings
from agent.startup_cache import demo_pdfs, kept_accent_index, stored_findings
from agent.store import ConversationStore
from agent.users import UserDirectory
from guardrails.base import GuardContext
from guardrails.language import LanguageDetector
from knowledge.embeddings import (
    CachedQueries,
    E5Embedder,
    Embedder,
    ExampleVectors,
    StoredPassages,
)
from knowledge.index import ChromaIndex
from knowledge.library import KnowledgeBase
from knowledge.types import DocumentInfo

if TYPE_CHECKING:
    from guardrails.base import Guard
    from guardrails.phi_redaction import PhiRedactionGuard

log = logging.getLogger("frontdesk.factory")

WARM_UP_TEXT = (
    "Buongiorno, sono Mario Rossi: a che ora aprite il sabato? "
    "Scrivo a info@example.org, tel. +39 02 1234 5678, www.example.org"
)
"""An invented message that makes every lazily built part of the pipeline build itself."""


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
    redactor: PhiRedactionGuard
    languages: LanguageDetector
    allow_list: ClinicAllowList
    resources: ExitStack = field(default_factory=ExitStack)
    relevance: RelevanceGate | None = None

    def warm_up(self) -> None:
        """Build now what the first turn would build: once ready, no patient waits for it.

        That is the retrieval index of the approved documents, the clinic
        vocabulary found in them, the relevance gate's word index, and what the
        PHI analyzer compiles on its first text in each language. Runs on fixed
        sample text, never a patient's; stores nothing.
        """
        self.knowledge.vocabulary()
        self.allow_list()
        if self.relevance is not None:
            self.relevance.unknown_terms(WARM_UP_TEXT)
        for language in self.languages.supported:
            self.redactor.redact(WARM_UP_TEXT, language, GuardContext(language=language))

    def close(self) -> None:
        """Stop what this process started (a local model server) and release the database."""
        self.resources.close()
        self.engine.dispose()


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
    # SmolLM2 has a 2,048-token window; leave room for its answer.
    budget = 1200 if settings.llm == "local" else 1500
    return LLMComposer(client=client, fallback=extractive, max_context_tokens=budget)


@dataclass
class Storage:
    """What the document and account commands need: no guards, no model."""

    engine: Engine
    clinic: ClinicProfile
    languages: LanguageDetector
    knowledge: KnowledgeBase
    users: UserDirectory
    embedder: CachedQueries

    def close(self) -> None:
        """Release the database."""
        self.engine.dispose()


def build_storage(settings: Settings) -> Storage:
    """Open the database, the clinic profile and the knowledge base described by ``settings``."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = database_engine(
        settings.resolved_database_url, sqlite_sync=settings.sqlite_synchronous
    )
    clinic = load_clinic_profile(settings.clinic or CLINIC_PROFILE)
    languages = LanguageDetector(default=clinic.default_language)
    # Passage vectors are kept in the cache directory: re-ingesting the same text
    # (the demo clinic on every new data directory) then skips the model.
    embedder = CachedQueries(StoredPassages(E5Embedder(), settings.cache_dir / "passages"))
    index = (
        ChromaIndex(url=settings.chroma_url)
        if settings.chroma_url
        else ChromaIndex(path=settings.chroma_path)
    )
    knowledge = KnowledgeBase(
        engine=engine,
        index=index,
        embedder=embedder,
        detect_language=languages.detect,
        max_bytes=settings.max_upload_bytes,
        max_pages=settings.max_upload_pages,
    )
    return Storage(engine, clinic, languages, knowledge, UserDirectory(engine=engine), embedder)


@dataclass(frozen=True)
class Guards:
    """The guards of the pipeline, in the order they run (ARCHITECTURE §1)."""

    raw_text: tuple[Guard, ...]
    input: tuple[Guard, ...]
    output: tuple[Guard, ...]
    channel: tuple[Guard, ...]


def protected_prompts() -> tuple[str, ...]:
    """Return the prompt texts a reply must never reproduce."""
    return (prompts.load_text("system_answer.txt"),)


SEMANTIC_REASONS: dict[str, str] = {
    "emergency": "emergency: general",
    "advice": "clinical advice: semantic",
    "human": "wants human: semantic",
}
"""The guards that get an embedding classifier's second opinion, and the reason it gives.

On held-out phrasing families of the development messages (``python -m
bench.semantic_cv``) the classifiers alone found 75% of emergencies, 62% of
advice requests and 61% of requests for a person within the false-positive
budget (since it learns every writing round); injection's found 18% and is
not used.
"""


def build_semantic_guards(embedder: CachedQueries, cache_dir: Path) -> dict[str, Guard]:
    """Fit (or load from ``cache_dir``) the classifiers; one e5 embedding per message text."""
    import numpy as np

    from guardrails.examples import load_training_sets
    from guardrails.semantic import (
        SENTENCE_THRESHOLDS,
        THRESHOLDS,
        SemanticGuard,
        train_guard_classifiers,
    )

    def vectors_of(source: Embedder) -> Callable[[Sequence[str]], Any]:
        def embed(texts: Sequence[str]) -> Any:
            vectors = [source.embed_query(text) for text in texts]
            return np.asarray(vectors, dtype=np.float32).reshape(len(texts), source.dim)

        return embed

    examples = {g: v for g, v in load_training_sets().items() if g in SEMANTIC_REASONS}
    # Changed examples refit the classifiers; only the texts never embedded before are.
    stored = ExampleVectors(embedder.inner, cache_dir / "vectors")
    classifiers = train_guard_classifiers(
        stored.embed, examples, cache_dir=cache_dir, model=embedder.name
    )
    # A message's vector is shared by these guards and by retrieval (CachedQueries).
    shared = vectors_of(embedder)
    return {
        guard: SemanticGuard(
            name=f"{guard}_semantic",
            classifier=classifier,
            embed=shared,
            threshold=THRESHOLDS[guard],
            reason=SEMANTIC_REASONS[guard],
            sentence_threshold=SENTENCE_THRESHOLDS.get(guard),
        )
        for guard, classifier in classifiers.items()
    }


STEERING_KINDS = frozenset({"override", "prompt_extraction"})
"""Injection kinds that only steer the assistant: they describe no patient's state."""


def build_guards(
    redactor: PhiRedactionGuard, semantic: Mapping[str, Guard] | None = None
) -> Guards:
    """Build the safety guards: emergency on the raw text, the rest on redacted text.

    A guard with a classifier in ``semantic`` blocks when its phrase lists or
    its classifier do (the phrase lists' verdict first: it names the case).
    """
    from guardrails.any_of import AnyOfGuard, UnlessGuard
    from guardrails.channel_limits import ChannelLimitsGuard
    from guardrails.clinical_advice import ClinicalAdviceGuard
    from guardrails.emergency import EmergencyGuard
    from guardrails.groundedness import GroundednessGuard
    from guardrails.injection import InjectionGuard
    from guardrails.phi_leak import PhiLeakGuard
    from guardrails.prompt_leak import PromptLeakGuard
    from guardrails.wants_human import WantsHumanGuard

    second = dict(semantic or {})
    advice = ClinicalAdviceGuard(mode="input")
    injection = InjectionGuard()
    if "advice" in second:
        # preparing for an exam is not advice, whichever opinion says so
        second["advice"] = UnlessGuard(
            second["advice"], advice.is_preparation, "not clinical advice: exam preparation"
        )
    if "emergency" in second:
        # An attempt to override or read out the instructions is no emergency on the
        # classifier's word alone; the emergency phrase lists still decide on their own.
        second["emergency"] = UnlessGuard(
            second["emergency"],
            lambda text: injection.kind_of(text) in STEERING_KINDS,
            "no emergency: an attempt to steer the assistant",
        )

    def either(lexicon: Guard, key: str) -> Guard:
        if key not in second:
            return lexicon
        return AnyOfGuard(name=lexicon.name, guards=(lexicon, second[key]))

    return Guards(
        raw_text=(either(EmergencyGuard(), "emergency"),),
        input=(
            injection,
            either(advice, "advice"),
            either(WantsHumanGuard(), "human"),
        ),
        output=(
            PhiLeakGuard.from_redactor(redactor),
            ClinicalAdviceGuard(mode="output"),
            GroundednessGuard(),
            PromptLeakGuard(protected=protected_prompts()),
        ),
        channel=(ChannelLimitsGuard(),),
    )


def build(
    settings: Settings,
    *,
    composer_factory: Callable[[Settings, ExitStack], Composer] = build_composer,
) -> Frontdesk:
    """Build every part of Frontdesk from ``settings``.

    Large regular expressions compiled meanwhile (spaCy's tokenizer, the guards'
    phrase lists) are kept in ``settings.cache_dir / "regex"`` for the next start,
    the PHI recognizers' index of unaccented words in ``settings.cache_dir / "words"``.
    """
    from agent.regex_cache import compiled_regexes
    from guardrails.recognizers.word_frequency import use_index_source

    use_index_source(kept_accent_index(settings.cache_dir / "words"))
    with compiled_regexes(settings.cache_dir / "regex"):
        return _build(settings, composer_factory)


def _loaded_storage(settings: Settings) -> Storage:
    """Build the storage with its models loaded: healthy means the first turn waits for none."""
    storage = build_storage(settings)
    try:
        storage.embedder.load()
    except BaseException:
        storage.close()
        raise
    return storage


def _close_storage(loading: Future[Storage]) -> None:
    if not loading.cancelled() and loading.exception() is None:
        loading.result().close()


def _build(
    settings: Settings, composer_factory: Callable[[Settings, ExitStack], Composer]
) -> Frontdesk:
    from guardrails.phi_redaction import PhiRedactionGuard  # slow to import; only the agent

    # Storage loads in a second thread while this one loads spaCy: its slow parts (lingua's
    # language models in Rust, the embedding engine in C, Chroma) release the GIL, so on
    # two cores they cost no time of their own.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="frontdesk-storage") as pool:
        loading = pool.submit(_loaded_storage, settings)
        try:
            redactor = PhiRedactionGuard()
        except BaseException:
            loading.add_done_callback(_close_storage)
            raise
        storage = loading.result()
    engine, clinic, languages, knowledge = (
        storage.engine,
        storage.clinic,
        storage.languages,
        storage.knowledge,
    )
    resources = ExitStack()
    composer = composer_factory(settings, resources)

    allow_list = ClinicAllowList(
        clinic=clinic,
        texts=knowledge.approved_text,
        version=knowledge.vocabulary,
        find=stored_findings(redactor, languages, settings.cache_dir / "allow-list"),
    )
    semantic = (
        build_semantic_guards(storage.embedder, settings.cache_dir / "semantic")
        if settings.semantic_guards
        else None
    )
    guards = build_guards(redactor, semantic)
    relevance = RelevanceGate(vocabulary=knowledge.vocabulary)
    receptionist = Receptionist(
        store=ConversationStore(engine=engine),
        retriever=knowledge,
        composer=composer,
        redactor=redactor,
        language_detector=languages,
        clinic=clinic,
        raw_text_guards=guards.raw_text,
        input_guards=guards.input,
        output_guards=guards.output,
        channel_guards=guards.channel,
        max_chars=settings.max_message_chars,
        allow_list=allow_list,
        relevance=relevance,
        handoffs=HandoffQueue(engine=engine),
        fallback_composer=getattr(composer, "fallback", None),
    )
    return Frontdesk(
        settings=settings,
        engine=engine,
        clinic=clinic,
        knowledge=knowledge,
        users=storage.users,
        receptionist=receptionist,
        composer=composer,
        redactor=redactor,
        languages=languages,
        allow_list=allow_list,
        resources=resources,
        relevance=relevance,
    )


def load_demo_clinic(
    frontdesk: Frontdesk, workdir: Path, *, cache_dir: Path | None = None
) -> list[DocumentInfo]:
    """Ingest and approve the bundled demo clinic when the knowledge base is empty.

    The PDFs are rendered from the demo's Markdown, or read from ``cache_dir``
    (default: the settings' cache directory) when neither the Markdown nor the
    renderer changed since they were last rendered.
    """
    if frontdesk.knowledge.list():
        return []
    loaded = []
    workdir.mkdir(parents=True, exist_ok=True)
    for name, data in demo_pdfs(cache_dir or frontdesk.settings.cache_dir / "demo"):
        (workdir / name).write_bytes(data)
        doc = frontdesk.knowledge.add(data, name, uploaded_by="demo")
        loaded.append(frontdesk.knowledge.approve(doc.id, by="demo"))
    log_event(log, "demo_clinic_loaded", documents=len(loaded))
    return loaded

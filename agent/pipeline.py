"""One patient message, top to bottom: guard in, route, answer, guard out, store, reply."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from agent.clinic import ClinicProfile
from agent.composers.base import Citation, Composer, Draft
from agent.errors import MessageRejected
from agent.lexicon import content_words
from agent.observability import conversation_hash, event, timed
from agent.relevance import RelevanceGate
from agent.router import Intent, Router
from agent.store import Conversation, ConversationStore
from guardrails.base import Guard, GuardContext, Verdict
from guardrails.entities import SENSITIVE_IDENTIFIERS
from knowledge.types import Passage
from prompts import message

log = logging.getLogger("frontdesk.pipeline")

# Intents answered from approved documents.
ANSWERED_FROM_DOCUMENTS = frozenset({Intent.FAQ, Intent.BOOKING, Intent.RESULTS, Intent.BILLING})


class Retriever(Protocol):
    """Finds approved passages for a question (the knowledge base)."""

    def search(self, query: str, *, k: int = 5, language: str | None = None) -> list[Passage]:
        """Return up to ``k`` approved passages, best first."""
        ...


class LanguageDetector(Protocol):
    """Tells which supported language a message is written in."""

    def detect(self, text: str, previous: str | None = None) -> str:
        """Return a language code; keep ``previous`` when the text is too short to tell."""
        ...


@dataclass(frozen=True)
class Handoff:
    """A conversation handed to a human (filled in by the handoff queue)."""

    id: str
    priority: str
    reason: str


@dataclass(frozen=True)
class TurnResult:
    """What one patient message produced, as ``POST /v1/chat`` returns it."""

    conversation_id: str
    language: str
    intent: str
    replies: list[str]
    citations: list[Citation]
    emergency: bool = False
    refused: bool = False
    handoff: Handoff | None = None
    verdicts: list[Verdict] = field(default_factory=list)
    latency_ms: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    llm_requests: tuple[dict[str, object], ...] = ()


class Receptionist:
    """The front-desk agent: every channel hands each patient message to :meth:`handle`."""

    def __init__(
        self,
        *,
        store: ConversationStore,
        retriever: Retriever,
        composer: Composer,
        redactor: Guard,
        language_detector: LanguageDetector,
        clinic: ClinicProfile,
        router: Router | None = None,
        raw_text_guards: Sequence[Guard] = (),
        input_guards: Sequence[Guard] = (),
        output_guards: Sequence[Guard] = (),
        max_chars: int = 4096,
        retrieve_k: int = 8,
        allow_list: Callable[[], frozenset[str]] = frozenset,
        relevance: RelevanceGate | None = None,
    ) -> None:
        self._store = store
        self._retriever = retriever
        self._composer = composer
        self._redactor = redactor
        self._languages = language_detector
        self._clinic = clinic
        self._router = router or Router()
        self._raw_text_guards = list(raw_text_guards)
        self._input_guards = list(input_guards)
        self._output_guards = list(output_guards)
        self._max_chars = max_chars
        self._retrieve_k = retrieve_k
        self._allow_list = allow_list
        self._relevance = relevance

    @property
    def store(self) -> ConversationStore:
        """The conversation store this agent writes redacted transcripts to."""
        return self._store

    def handle(self, conversation_id: str, text: str, *, channel: str = "web") -> TurnResult:
        """Answer one patient message and store the turn, redacted."""
        started = time.perf_counter()
        timings: dict[str, float] = {}
        self._check_message(text)
        with timed(timings, "load"):
            conv = self._store.load_or_create(
                conversation_id, channel=channel, language=self._clinic.default_language
            )
        with timed(timings, "language"):
            language = self._languages.detect(text, previous=conv.language if conv.turns else None)
        context = GuardContext(
            language=language,
            conversation_key=conv.secret,
            placeholders=conv.placeholders,
            allow_list=self._allow_list(),
        )
        with timed(timings, "raw_guards"):
            verdicts = self._run_guards(self._raw_text_guards, text, context)
        with timed(timings, "redact"):
            redaction = self._redactor.check(text, context)
        redacted = redaction.text  # From here on, only the redacted text exists.
        verdicts.append(redaction)
        with timed(timings, "input_guards"):
            verdicts += self._run_guards(self._input_guards, redacted, context)
        with timed(timings, "route"):
            intent = self._router.route(redacted)
        blocked = next((v for v in verdicts if not v.allowed), None)
        safety = self._sensitive_data_reply(redaction, language)
        with timed(timings, "answer"):
            if blocked:
                draft = self._safe_fallback(language)
            elif safety and not content_words(redacted):
                draft = None  # only the identifier was sent: the safety reply is the answer
            else:
                draft = self._answer(intent, redacted, language)
        out_verdicts: list[Verdict] = []
        with timed(timings, "output_guards"):
            if draft is None:
                reply = Draft(text="")
            else:
                reply, out_verdicts = self._guard_reply(draft, context, language)
        verdicts += out_verdicts
        replies = [r for r in (safety, reply.text) if r]
        latency_ms = round((time.perf_counter() - started) * 1000, 2)
        with timed(timings, "store"):
            self._store_turn(conv, redacted, replies, reply, language, intent, verdicts, latency_ms)
        event(
            log,
            "turn_answered",
            conversation=conversation_hash(conversation_id),
            channel=channel,
            language=language,
            intent=intent.value,
            grounded=reply.grounded,
            composer=reply.composer,
            citations=len(reply.citations),
            latency_ms=latency_ms,
            **{f"{k}_ms": v for k, v in timings.items()},
        )
        return TurnResult(
            conversation_id=conversation_id,
            language=language,
            intent=intent.value,
            replies=replies,
            citations=list(reply.citations),
            verdicts=verdicts,
            latency_ms=latency_ms,
            timings=timings,
            llm_requests=reply.llm_requests,
        )

    def _check_message(self, text: str) -> None:
        if not text or not text.strip():
            raise MessageRejected("the message is empty; send some text")
        if len(text) > self._max_chars:
            raise MessageRejected(
                f"the message is {len(text)} characters long; the limit is {self._max_chars}"
            )

    @staticmethod
    def _run_guards(guards: Sequence[Guard], text: str, context: GuardContext) -> list[Verdict]:
        return [guard.check(text, context) for guard in guards]

    def _answer(self, intent: Intent, question: str, language: str) -> Draft:
        if intent is Intent.GREETING:
            return Draft(text=message("greeting", language, clinic=self._clinic.name))
        if intent is Intent.THANKS:
            return Draft(text=message("thanks", language))
        if intent is Intent.OPT_OUT:
            return Draft(text=message("opt_out", language, contact=self._clinic.contact))
        passages = self._retriever.search(question, k=self._retrieve_k, language=language)
        if self._relevance is not None:
            passages = self._relevance.filter(question, passages, language)
        draft = self._composer.compose(question, passages, language)
        if not draft.grounded:
            return self._not_known(language, draft)
        return draft

    def _not_known(self, language: str, draft: Draft | None = None) -> Draft:
        return Draft(
            text=message("no_answer", language, contact=self._clinic.contact),
            grounded=False,
            composer=draft.composer if draft else "",
            llm_requests=draft.llm_requests if draft else (),
        )

    def _safe_fallback(self, language: str) -> Draft:
        return self._not_known(language)

    def _sensitive_data_reply(self, redaction: Verdict, language: str) -> str | None:
        if not any(f.type in SENSITIVE_IDENTIFIERS for f in redaction.findings):
            return None
        portal = self._clinic.portal_url or self._clinic.contact
        return message("sensitive_data", language, portal=portal, contact=self._clinic.contact)

    def _guard_reply(
        self, draft: Draft, context: GuardContext, language: str
    ) -> tuple[Draft, list[Verdict]]:
        verdicts = self._run_guards(self._output_guards, draft.text, context)
        if all(v.allowed for v in verdicts):
            return draft, verdicts
        return self._not_known(language, draft), verdicts

    def _store_turn(
        self,
        conv: Conversation,
        redacted: str,
        replies: list[str],
        reply: Draft,
        language: str,
        intent: Intent,
        verdicts: list[Verdict],
        latency_ms: float,
    ) -> None:
        verdict_rows = [v.model_dump(exclude={"text", "findings"}) for v in verdicts]
        self._store.append(
            conv,
            role="patient",
            text=redacted,
            language=language,
            intent=intent.value,
            verdicts=verdict_rows,
        )
        self._store.append(
            conv,
            role="bot",
            text="\n\n".join(replies),
            language=language,
            intent=intent.value,
            citations=[
                {"document_id": c.document_id, "title": c.title, "page": c.page}
                for c in reply.citations
            ],
            latency_ms=latency_ms,
        )

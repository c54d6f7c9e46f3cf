"""One patient message, top to bottom: guard in, route, answer, guard out, store, reply."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from agent.clinic import ClinicProfile
from agent.composers.base import Citation, Composer, Draft
from agent.errors import MessageRejected
from agent.handoffs import HandoffQueue, StaffHours, Ticket, availability_note
from agent.lexicon import content_words, search_query
from agent.observability import conversation_hash, event, timed
from agent.relevance import RelevanceGate
from agent.router import Intent, Router
from agent.store import Conversation, ConversationStore, utcnow
from guardrails.base import Guard, GuardContext, Verdict
from guardrails.entities import SENSITIVE_IDENTIFIERS
from knowledge.types import Passage
from prompts import message

log = logging.getLogger("frontdesk.pipeline")

# Intents answered from approved documents.
ANSWERED_FROM_DOCUMENTS = frozenset({Intent.FAQ, Intent.BOOKING, Intent.RESULTS, Intent.BILLING})
CHANNEL_COMMANDS = frozenset({Intent.OPT_OUT, Intent.OPT_IN})
"""Keywords that switch automated messages off or on ("STOP", "START"): a command to the
channel, not a request for a person, whatever the wants-a-person classifier makes of it."""


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


EMERGENCY_GUARD = "emergency"
INJECTION_GUARD = "injection"
ADVICE_GUARD = "clinical_advice"
WANTS_HUMAN_GUARD = "wants_human"
KNOWN_BLOCKING_GUARDS = frozenset(
    {EMERGENCY_GUARD, INJECTION_GUARD, ADVICE_GUARD, WANTS_HUMAN_GUARD}
)
"""Input guards whose block the pipeline answers for (anything else: safe message + handoff)."""

GUARD_FAILED = "guard failed:"
"""How the reason of a guard that raised starts (the pipeline fails closed on it)."""

UNDECIDED_MARKERS = ("could not decide", "check failed")
"""What a guard that failed closed by itself says in its reason."""

REWRITING_GUARDS = frozenset({"channel_limits"})
"""Output guards that pass a draft with its text rewritten (to fit the channel)."""


@dataclass
class _Turn:
    """What the pipeline decided to send for one message."""

    replies: list[str]
    reply: Draft = field(default_factory=lambda: Draft(text=""))
    out_verdicts: list[Verdict] = field(default_factory=list)
    emergency: bool = False
    refused: bool = False
    handoff: Handoff | None = None


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
        channel_guards: Sequence[Guard] = (),
        max_chars: int = 4096,
        retrieve_k: int = 8,
        allow_list: Callable[[], frozenset[str]] = frozenset,
        relevance: RelevanceGate | None = None,
        handoffs: HandoffQueue | None = None,
        fallback_composer: Composer | None = None,
        staff_hours: StaffHours | None = None,
        clock: Callable[[], datetime] = utcnow,
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
        self._channel_guards = list(channel_guards)
        self._max_chars = max_chars
        self._retrieve_k = retrieve_k
        self._allow_list = allow_list
        self._relevance = relevance
        self._handoffs = handoffs
        self._fallback_composer = fallback_composer
        self._staff_hours = staff_hours or StaffHours.from_clinic(clinic)
        self._clock = clock

    @property
    def store(self) -> ConversationStore:
        """The conversation store this agent writes redacted transcripts to."""
        return self._store

    @property
    def handoffs(self) -> HandoffQueue | None:
        """The handoff queue this agent opens tickets in (None: handoffs are only reported)."""
        return self._handoffs

    def handle(
        self,
        conversation_id: str,
        text: str,
        *,
        channel: str = "web",
        patient_names: Sequence[str] = (),
    ) -> TurnResult:
        """Answer one patient message and store the turn, redacted.

        ``patient_names`` are names the channel knows are the patient's (the
        WhatsApp profile name): redacted wherever they appear, never stored.
        """
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
            known_names=tuple(patient_names),
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
        with timed(timings, "owner"):
            ticket = self._staff_ticket(conv)
        with timed(timings, "answer"):
            if ticket is None:
                turn = self._respond(conv, redacted, intent, language, redaction, verdicts, context)
            else:
                turn = self._with_staff(conv, ticket, intent, language, verdicts)
        verdicts += turn.out_verdicts
        latency_ms = round((time.perf_counter() - started) * 1000, 2)
        with timed(timings, "store"):
            self._store_turn(conv, redacted, turn, language, intent, verdicts, latency_ms)
        event(
            log,
            "turn_answered",
            conversation=conversation_hash(conversation_id),
            channel=channel,
            language=language,
            intent=intent.value,
            grounded=turn.reply.grounded,
            composer=turn.reply.composer,
            citations=len(turn.reply.citations),
            emergency=turn.emergency,
            refused=turn.refused,
            handoff=turn.handoff.priority if turn.handoff else "",
            blocked=",".join(v.guard for v in verdicts if not v.allowed),
            latency_ms=latency_ms,
            **{f"{k}_ms": v for k, v in timings.items()},
        )
        return TurnResult(
            conversation_id=conversation_id,
            language=language,
            intent=intent.value,
            replies=turn.replies,
            citations=list(turn.reply.citations),
            emergency=turn.emergency,
            refused=turn.refused,
            handoff=turn.handoff,
            verdicts=verdicts,
            latency_ms=latency_ms,
            timings=timings,
            llm_requests=turn.reply.llm_requests,
        )

    def notice(
        self, conversation_id: str, marker: str, reply_key: str, *, channel: str
    ) -> TurnResult:
        """Record a message whose content is not taken (a photo, a location) and answer it.

        ``marker`` ("[image]") is stored in place of the content, which is never
        kept; ``reply_key`` names the canned reply. While staff own the
        conversation the bot stays silent and the marker shows them what came.
        """
        return self._channel_turn(conversation_id, marker, channel, reply_key)

    def request_staff(self, conversation_id: str, marker: str, *, channel: str) -> TurnResult:
        """Open a handoff because the patient pressed "talk to staff" (no text to check)."""
        return self._channel_turn(conversation_id, marker, channel, None)

    def _channel_turn(
        self, conversation_id: str, marker: str, channel: str, reply_key: str | None
    ) -> TurnResult:
        started = time.perf_counter()
        conv = self._store.load_or_create(
            conversation_id, channel=channel, language=self._clinic.default_language
        )
        language = conv.language
        ticket = self._staff_ticket(conv)
        handoff = _handoff(ticket) if ticket else None
        replies: list[str] = []
        if ticket is not None and self._handoffs is not None:
            self._handoffs.patient_wrote(conv.id)
        elif reply_key is not None:
            portal = self._clinic.portal_url or self._clinic.contact
            replies.append(self._canned(reply_key, language, portal=portal))
        else:
            handoff = self._open_handoff(conv, "normal", "asked for staff (button)", Intent.OTHER)
            replies.append(self._with_wait(self._canned("handoff", language), handoff, language))
        latency_ms = round((time.perf_counter() - started) * 1000, 2)
        turn = _Turn(replies=replies, handoff=handoff)
        self._store_turn(conv, marker, turn, language, Intent.OTHER, [], latency_ms)
        event(
            log,
            "channel_turn",
            conversation=conversation_hash(conversation_id),
            channel=channel,
            kind=reply_key or "staff",
            silent=not replies,
        )
        return TurnResult(
            conversation_id=conversation_id,
            language=language,
            intent=Intent.OTHER.value,
            replies=replies,
            citations=[],
            handoff=handoff,
            latency_ms=latency_ms,
        )

    def _staff_ticket(self, conv: Conversation) -> Ticket | None:
        """Return the active ticket if a person (or the queue) owns the conversation right now.

        Read just before replying, so a claim made while this message was being
        checked silences the bot. An owner left without an active ticket would
        strand the patient: the conversation goes back to the bot.
        """
        if self._handoffs is None:
            return None
        owner = self._store.owner(conv.id)
        if owner in (None, "bot"):
            return None
        ticket = self._handoffs.active_for(conv.id)
        if ticket is None:
            self._store.set_owner(conv.id, "bot")
        return ticket

    def _with_staff(
        self,
        conv: Conversation,
        ticket: Ticket,
        intent: Intent,
        language: str,
        verdicts: list[Verdict],
    ) -> _Turn:
        """While staff own the conversation the bot is silent, except to answer an emergency.

        The message is stored (redacted) and joins the ticket. No "please wait"
        is repeated: the handoff message already said who replies and when.
        """
        emergency = next(
            (v for v in verdicts if v.guard == EMERGENCY_GUARD and not v.allowed), None
        )
        if emergency is not None and not _undecided(emergency):
            handoff = self._open_handoff(conv, "urgent", emergency.reason, intent)
            return _Turn(
                replies=[self._emergency_reply(emergency, language)],
                handoff=handoff,
                emergency=True,
            )
        if emergency is not None:  # the check failed: staff must look at this message first
            self._open_handoff(conv, "high", f"{GUARD_FAILED} {EMERGENCY_GUARD}", intent)
        joined = self._handoffs.patient_wrote(conv.id) if self._handoffs else None
        return _Turn(replies=[], handoff=_handoff(joined or ticket))

    def _respond(
        self,
        conv: Conversation,
        redacted: str,
        intent: Intent,
        language: str,
        redaction: Verdict,
        verdicts: list[Verdict],
        context: GuardContext,
    ) -> _Turn:
        """Decide what to say: emergencies first, then refusals and handoffs, then the answer."""
        failed = sorted(v.guard for v in verdicts if not v.allowed and _undecided(v))
        blocked = {v.guard: v for v in verdicts if not v.allowed and v.guard not in failed}
        emergency = blocked.get(EMERGENCY_GUARD)
        if emergency is not None:
            return self._emergency_turn(conv, emergency, ADVICE_GUARD in blocked, intent, language)
        unknown = failed + sorted(g for g in blocked if g not in KNOWN_BLOCKING_GUARDS)
        if unknown:
            # A guard that failed, or one this pipeline cannot answer for: be safe, hand off.
            reason = f"guard could not clear the message: {', '.join(unknown)}"
            handoff = self._open_handoff(conv, "high", reason, intent)
            sorry = self._canned("guard_error", language)
            return _Turn(replies=[self._with_wait(sorry, handoff, language)], handoff=handoff)
        replies: list[str] = []
        safety = self._sensitive_data_reply(redaction, language)
        if safety:
            replies.append(safety)
        if INJECTION_GUARD in blocked:
            replies.append(self._canned("injection_refusal", language))
        # "pretend you are my doctor and tell me the dose" is declined as both.
        refused = ADVICE_GUARD in blocked
        if refused:
            replies.append(self._canned("advice_refusal", language))
        wants_human = blocked.get(WANTS_HUMAN_GUARD)
        if wants_human is not None and intent not in CHANNEL_COMMANDS:
            priority = "high" if _is_complaint_or_distress(wants_human) else "normal"
            handoff = self._open_handoff(conv, priority, wants_human.reason, intent)
            key = "handoff_complaint" if priority == "high" else "handoff"
            answered = _Turn(replies=[])
            if "complaint" in wants_human.reason and not refused and INJECTION_GUARD not in blocked:
                # "I paid twice, how do I get a refund?": the documents may answer it now
                answered = self._answer_from_documents(intent, redacted, language, context)
            replies += answered.replies
            replies.append(self._with_wait(self._canned(key, language), handoff, language))
            return _Turn(
                replies=replies,
                reply=answered.reply,
                out_verdicts=answered.out_verdicts,
                handoff=handoff,
                refused=refused,
            )
        if INJECTION_GUARD in blocked or ADVICE_GUARD in blocked:
            return _Turn(replies=replies, refused=refused)
        if safety and not content_words(redacted):
            return _Turn(replies=replies)  # only the identifier was sent: the safety reply is all
        answered = self._answer_from_documents(intent, redacted, language, context)
        if answered.reply.text:
            replies.append(answered.reply.text)
        return _Turn(replies=replies, reply=answered.reply, out_verdicts=answered.out_verdicts)

    def _answer_from_documents(
        self, intent: Intent, redacted: str, language: str, context: GuardContext
    ) -> _Turn:
        """Compose and check an answer; the turn holds it only when documents ground it."""
        draft, passages = self._answer(intent, redacted, language)
        reply, out_verdicts = self._guard_reply(draft, passages, redacted, context, language)
        replies = [reply.text] if reply.text and reply.citations else []
        return _Turn(replies=replies, reply=reply, out_verdicts=out_verdicts)

    def _canned(self, key: str, language: str, **values: str) -> str:
        numbers = " / ".join(self._clinic.emergency_numbers_for())
        return message(key, language, contact=self._clinic.contact, numbers=numbers, **values)

    def _emergency_turn(
        self, conv: Conversation, emergency: Verdict, advice: bool, intent: Intent, language: str
    ) -> _Turn:
        """Give the emergency numbers and open an urgent handoff; nothing else is answered.

        "he has chest pain, should I give him an aspirin?": the advice question
        is declined too, and the patient is told so. A crisis reply is left as it is.
        """
        handoff = self._open_handoff(conv, "urgent", emergency.reason, intent)
        replies = [self._emergency_reply(emergency, language)]
        refused = advice and "self_harm" not in emergency.reason
        if refused:
            replies.append(self._canned("advice_in_emergency", language))
        return _Turn(replies=replies, handoff=handoff, emergency=True, refused=refused)

    def _emergency_reply(self, verdict: Verdict, language: str) -> str:
        numbers = " / ".join(self._clinic.emergency_numbers_for())
        if "self_harm" in verdict.reason:
            crisis = self._clinic.crisis_line_for()
            if crisis:
                return message("emergency_self_harm", language, numbers=numbers, crisis=crisis)
        return message("emergency", language, numbers=numbers)

    def _open_handoff(
        self, conv: Conversation, priority: str, reason: str, intent: Intent
    ) -> Handoff | None:
        """Open (or raise) the ticket; the queue owns the conversation from now on."""
        if self._handoffs is None:
            return None
        ticket = self._handoffs.open(conv.id, priority=priority, reason=reason, intent=intent.value)
        return _handoff(ticket)

    def _with_wait(self, reply: str, handoff: Handoff | None, language: str) -> str:
        """Add when a person will reply (the usual wait, or when staff are back) to ``reply``."""
        if handoff is None or self._handoffs is None:
            return reply
        note = availability_note(
            language,
            hours=self._staff_hours,
            now=self._clock(),
            wait_minutes=self._handoffs.expected_wait_minutes(),
        )
        return f"{reply} {note}".strip()

    def _check_message(self, text: str) -> None:
        if not text or not text.strip():
            raise MessageRejected("the message is empty; send some text")
        if len(text) > self._max_chars:
            raise MessageRejected(
                f"the message is {len(text)} characters long; the limit is {self._max_chars}"
            )

    @staticmethod
    def _run_guards(guards: Sequence[Guard], text: str, context: GuardContext) -> list[Verdict]:
        """Run each guard; one that fails is a block (fails closed), never a crash."""
        verdicts: list[Verdict] = []
        for guard in guards:
            try:
                verdicts.append(guard.check(text, context))
            except Exception as exc:  # any fault in a guard must fail closed
                event(log, "guard_failed", guard=guard.name, error=type(exc).__name__)
                verdicts.append(
                    Verdict(
                        guard=guard.name,
                        allowed=False,
                        text=text,
                        risk=1.0,
                        reason=f"{GUARD_FAILED} {type(exc).__name__}",
                    )
                )
        return verdicts

    def _answer(self, intent: Intent, question: str, language: str) -> tuple[Draft, list[Passage]]:
        if intent is Intent.GREETING:
            return Draft(text=message("greeting", language, clinic=self._clinic.name)), []
        if intent is Intent.THANKS:
            return Draft(text=message("thanks", language)), []
        if intent in (Intent.OPT_OUT, Intent.OPT_IN):
            return Draft(text=message(intent.value, language, contact=self._clinic.contact)), []
        # Identifiers and the words introducing them ("codice fiscale <...>") say nothing
        # about what is asked; left in, they steer retrieval to the wrong passage.
        question = search_query(question)
        passages = self._retriever.search(question, k=self._retrieve_k, language=language)
        if self._relevance is not None:
            passages = self._relevance.filter(question, passages, language)
        draft = self._composer.compose(question, passages, language)
        if not draft.grounded:
            return self._not_known(language, draft), passages
        return draft, passages

    def _not_known(self, language: str, draft: Draft | None = None) -> Draft:
        return Draft(
            text=message("no_answer", language, contact=self._clinic.contact),
            grounded=False,
            composer=draft.composer if draft else "",
            llm_requests=draft.llm_requests if draft else (),
        )

    def _sensitive_data_reply(self, redaction: Verdict, language: str) -> str | None:
        if not any(f.type in SENSITIVE_IDENTIFIERS for f in redaction.findings):
            return None
        portal = self._clinic.portal_url or self._clinic.contact
        return message("sensitive_data", language, portal=portal, contact=self._clinic.contact)

    def _guard_reply(
        self,
        draft: Draft,
        passages: list[Passage],
        question: str,
        context: GuardContext,
        language: str,
    ) -> tuple[Draft, list[Verdict]]:
        """Check a draft; if a check fails, try the extractive draft, then "I don't know".

        Canned replies (greeting, "I don't know") are ours and only go through
        the channel limits; a composed answer goes through every output guard,
        with the passages it was given and the clinic profile as its sources.
        """
        verdicts: list[Verdict] = []
        if draft.citations:
            context.sources = (
                *(p.text for p in passages),
                *{p.title for p in passages},
                self._clinic.facts_text(),
            )
            for candidate in self._candidates(draft, question, passages, language):
                checked = self._run_guards(self._output_guards, candidate.text, context)
                verdicts += checked
                if all(v.allowed for v in checked):
                    draft = candidate
                    break
            else:
                draft = self._not_known(language, draft)
        limits = self._run_guards(self._channel_guards, draft.text, context)
        return self._fit_channel(draft, limits), verdicts + limits

    def _candidates(
        self, draft: Draft, question: str, passages: list[Passage], language: str
    ) -> Iterator[Draft]:
        """Yield the draft, then (only if asked for) the fallback composer's draft."""
        yield draft
        fallback = self._fallback_composer
        if fallback is not None and draft.composer != fallback.name:
            again = fallback.compose(question, passages, language)
            if again.grounded and again.citations:
                yield dataclasses.replace(
                    again, llm_requests=(*draft.llm_requests, *again.llm_requests)
                )

    @staticmethod
    def _fit_channel(draft: Draft, verdicts: list[Verdict]) -> Draft:
        """Carry over the text the last rewriting guard (channel limits) produced."""
        text = draft.text
        for verdict in verdicts:
            if verdict.allowed and verdict.text != text and verdict.guard in REWRITING_GUARDS:
                text = verdict.text
        return dataclasses.replace(draft, text=text) if text != draft.text else draft

    def _store_turn(
        self,
        conv: Conversation,
        redacted: str,
        turn: _Turn,
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
            emergency=turn.emergency,
        )
        if not turn.replies:
            return  # staff own the conversation: the bot said nothing
        self._store.append(
            conv,
            role="bot",
            text="\n\n".join(turn.replies),
            language=language,
            intent=intent.value,
            citations=[
                {"document_id": c.document_id, "title": c.title, "page": c.page}
                for c in turn.reply.citations
            ],
            emergency=turn.emergency,
            refused=turn.refused,
            latency_ms=latency_ms,
        )


def _handoff(ticket: Ticket) -> Handoff:
    return Handoff(id=ticket.id, priority=ticket.priority, reason=ticket.reason)


def _undecided(verdict: Verdict) -> bool:
    """Tell whether a guard could not decide (it raised, or failed closed by itself)."""
    return verdict.reason.startswith(GUARD_FAILED) or any(
        marker in verdict.reason for marker in UNDECIDED_MARKERS
    )


def _is_complaint_or_distress(verdict: Verdict) -> bool:
    return any(kind in verdict.reason for kind in ("complaint", "anger", "distress"))

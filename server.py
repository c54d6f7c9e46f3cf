"""The HTTP face of Frontdesk: FastAPI app factory, routes, auth and error translation."""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from datetime import datetime
from importlib import resources
from typing import Any, Literal

from fastapi import FastAPI, Request, Response, status
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel, Field, field_validator

from agent.api import (
    Admin,
    Anyone,
    ApiError,
    AuditDep,
    CitationOut,
    DeskDep,
    FrontdeskDep,
    SessionsDep,
    Staff,
    Tester,
)
from agent.audit import AuditLog
from agent.channels.whatsapp import build_whatsapp
from agent.channels.whatsapp_http import router as whatsapp_router
from agent.channels.whatsapp_process import WorkerProcess
from agent.channels.whatsapp_worker import CHANNEL as WHATSAPP
from agent.clinic import ClinicProfile
from agent.console import router as console_router
from agent.documents_api import router as documents_router
from agent.errors import ConversationNotFound, MessageRejected
from agent.factory import Frontdesk, build, load_demo_clinic
from agent.handoffs import (
    LISTINGS,
    Deliver,
    HandoffDesk,
    HandoffQueue,
    Note,
    Ticket,
    TicketConflict,
    TicketNotFound,
)
from agent.inbox import router as inbox_router
from agent.login import router as login_router
from agent.observability import (
    configure_logging,
    conversation_hash,
    event,
    hide_query_strings,
)
from agent.pipeline import TurnResult
from agent.retention import PurgeSchedule, Retention, record_purge
from agent.sessions import COOKIE as SESSION_COOKIE
from agent.sessions import SessionStore
from agent.settings import Settings
from agent.users import Role
from guardrails.base import GuardContext
from knowledge.errors import (
    DifferentDocuments,
    DocumentNotFound,
    DocumentRejected,
    DocumentTooLarge,
    InvalidTransition,
    UnsupportedFileType,
)
from prompts import LANGUAGES, message

log = logging.getLogger("frontdesk.server")
WEB_COOKIE = "fd_conversation"


def _message_text(value: str) -> str:
    if not value.strip():
        raise ValueError("the message is empty; send some text")
    return value


class ChatRequest(BaseModel):
    """One patient message for ``POST /v1/chat``."""

    conversation_id: str = Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9._:@-]+$")
    text: str = Field(max_length=4096)

    _text = field_validator("text")(classmethod(lambda cls, v: _message_text(v)))


class WebChatRequest(BaseModel):
    """One message typed in the web chat page."""

    text: str = Field(max_length=4096)

    _text = field_validator("text")(classmethod(lambda cls, v: _message_text(v)))


class RedactRequest(BaseModel):
    """A text to redact with ``POST /v1/redact``; the language is detected when not given."""

    text: str = Field(max_length=4096)
    language: Literal["it", "fr", "en", "es"] | None = None

    _text = field_validator("text")(classmethod(lambda cls, v: _message_text(v)))


class EntityOut(BaseModel):
    """One identifier found, with offsets into the text that was sent."""

    type: str
    start: int
    end: int
    score: float


class RedactOut(BaseModel):
    """The redacted text and what was found in it."""

    text: str
    language: str
    entities: list[EntityOut]


class ReplyOut(BaseModel):
    """One message the patient receives."""

    text: str


class HandoffOut(BaseModel):
    """The handoff a turn opened."""

    id: str
    priority: str
    reason: str


class VerdictOut(BaseModel):
    """What one guard decided (without the text it checked)."""

    guard: str
    allowed: bool
    risk: float
    reason: str


class TurnOut(BaseModel):
    """One turn, as ``POST /v1/chat`` returns it."""

    conversation_id: str
    language: str
    intent: str
    replies: list[ReplyOut]
    citations: list[CitationOut]
    emergency: bool
    refused: bool
    handoff: HandoffOut | None
    verdicts: list[VerdictOut]


class TranscriptTurnOut(BaseModel):
    """One stored (redacted) turn."""

    seq: int
    role: str
    text: str
    language: str
    intent: str | None
    verdicts: list[dict[str, Any]]
    citations: list[dict[str, Any]]
    created_at: datetime


class ConversationOut(BaseModel):
    """A redacted transcript, and who answers the conversation now (bot, queue or agent)."""

    conversation_id: str
    owner: str | None = None
    turns: list[TranscriptTurnOut]


class ErasedOut(BaseModel):
    """What erasing one conversation removed, per table."""

    conversation_id: str
    rows: dict[str, int]


class TicketOut(BaseModel):
    """One handoff ticket in the queue; ``summary`` is redacted."""

    id: str
    conversation_id: str
    channel: str
    language: str
    priority: str
    reason: str
    team: str
    status: str
    assignee: str | None
    created_at: datetime
    waiting_since: datetime
    first_response_at: datetime | None
    summary: str


class TicketLineOut(BaseModel):
    """One (redacted) line of the patient's conversation, as a ticket shows it."""

    seq: int
    role: str
    text: str
    created_at: datetime


class NoteOut(BaseModel):
    """A private note on a ticket."""

    author: str
    text: str
    created_at: datetime


class TicketDetailOut(TicketOut):
    """A ticket with its redacted transcript and its private notes."""

    transcript: list[TicketLineOut]
    notes: list[NoteOut]


class StaffTextIn(BaseModel):
    """A staff reply to the patient, or a private note."""

    text: str = Field(max_length=4096)

    _text = field_validator("text")(classmethod(lambda cls, v: _message_text(v)))


class DeliveryOut(BaseModel):
    """Whether a staff reply reached the patient's channel."""

    delivered: bool
    channel: str


class CannedOut(BaseModel):
    """A ready-made reply staff can send."""

    id: str
    title: str
    text: str


class SessionOut(BaseModel):
    """Who is signed in, and the CSRF token a page sends with changes (cookie sessions only)."""

    name: str
    role: str
    csrf: str | None


class AuditOut(BaseModel):
    """One entry of the audit trail."""

    at: datetime
    actor: str
    action: str
    target: str


def turn_out(result: TurnResult) -> TurnOut:
    """Shape a pipeline result as the ``/v1/chat`` contract."""
    return TurnOut(
        conversation_id=result.conversation_id,
        language=result.language,
        intent=result.intent,
        replies=[ReplyOut(text=t) for t in result.replies],
        citations=[
            CitationOut(document_id=c.document_id, title=c.title, page=c.page)
            for c in result.citations
        ],
        emergency=result.emergency,
        refused=result.refused,
        handoff=(
            HandoffOut(
                id=result.handoff.id, priority=result.handoff.priority, reason=result.handoff.reason
            )
            if result.handoff
            else None
        ),
        verdicts=[
            VerdictOut(guard=v.guard, allowed=v.allowed, risk=v.risk, reason=v.reason)
            for v in result.verdicts
        ],
    )


def ticket_out(ticket: Ticket) -> TicketOut:
    """Shape a ticket for the queue listing."""
    return TicketOut(**_ticket_fields(ticket))


def _ticket_fields(ticket: Ticket) -> dict[str, Any]:
    return {name: getattr(ticket, name) for name in TicketOut.model_fields}


def note_out(note: Note) -> NoteOut:
    """Shape a private note."""
    return NoteOut(author=note.author, text=note.text, created_at=note.created_at)


def canned_responses(language: str, clinic: ClinicProfile) -> list[CannedOut]:
    """Return the ready-made staff replies of ``language`` from ``prompts/messages``."""
    values = {"clinic": clinic.name, "contact": clinic.contact, "portal": clinic.portal_url}
    ids = [i.strip() for i in message("canned_responses", language).split(",") if i.strip()]
    return [
        CannedOut(
            id=i,
            title=message(f"canned_{i}_title", language),
            text=message(f"canned_{i}", language, **values),
        )
        for i in ids
    ]


# ---------------------------------------------------------------- the app


def create_app(
    settings: Settings | None = None,
    *,
    frontdesk: Frontdesk | None = None,
    load_demo: bool = False,
    deliverers: Mapping[str, Deliver] | None = None,
) -> FastAPI:
    """Build the FastAPI app; ``frontdesk`` is built from ``settings`` at start-up if not given.

    ``deliverers`` send staff replies on channels that push messages (WhatsApp);
    web and API patients read them from their stored transcript.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = frontdesk is None
        hide_query_strings()
        fd = frontdesk or build(settings or Settings())
        if load_demo:
            load_demo_clinic(fd, fd.settings.data_dir / "demo")
        app.state.frontdesk = fd
        app.state.audit = AuditLog(engine=fd.engine)
        app.state.sessions = SessionStore(engine=fd.engine)
        whatsapp = build_whatsapp(fd.settings, engine=fd.engine, receptionist=fd.receptionist)
        app.state.whatsapp = whatsapp
        pushers = dict(deliverers or {})
        if whatsapp is not None:
            pushers.setdefault(WHATSAPP, whatsapp.deliver)
        app.state.desk = HandoffDesk(
            queue=fd.receptionist.handoffs or HandoffQueue(engine=fd.engine),
            store=fd.receptionist.store,
            redactor=fd.redactor,
            audit=app.state.audit,
            allow_list=fd.allow_list,
            deliverers=pushers,
            max_chars=fd.settings.max_message_chars,
        )
        # Ready means a turn waits for nothing: what the first turn would build (the retrieval
        # index, the clinic vocabulary of the approved documents...) is built now.
        fd.warm_up()
        workers: WorkerProcess | None = None
        if whatsapp is not None and fd.settings.whatsapp_worker == "process":
            workers = WorkerProcess()
            workers.start()
            whatsapp.notify = workers.wake
        elif whatsapp is not None:
            whatsapp.start()
        audit_log: AuditLog = app.state.audit
        purges = PurgeSchedule(
            Retention(engine=fd.engine),
            days=fd.settings.retention_days,
            on_purge=lambda purged: record_purge(audit_log, purged, actor="retention"),
        )
        purges.start()
        app.state.ready = True
        event(log, "server_ready")
        try:
            yield
        finally:
            app.state.ready = False
            purges.stop()
            if workers is not None:
                workers.stop()
            elif whatsapp is not None:
                whatsapp.stop()
            if owned:
                fd.close()

    app = FastAPI(
        title="Frontdesk",
        summary="Receptionist chatbot for clinics",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.ready = False
    pages = Environment(
        loader=FileSystemLoader(str(resources.files("agent").joinpath("templates"))),
        autoescape=select_autoescape(["html"]),
    )

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(
            {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
        )

    errors: dict[type[Exception], int] = {
        MessageRejected: 422,
        ConversationNotFound: 404,
        DocumentNotFound: 404,
        InvalidTransition: 409,
        DifferentDocuments: 422,
        UnsupportedFileType: 415,
        DocumentTooLarge: 413,
        DocumentRejected: 422,
        TicketNotFound: 404,
        TicketConflict: 409,
    }
    for error_type, code in errors.items():
        app.add_exception_handler(error_type, _status_handler(code))

    @app.get("/healthz")
    def healthz(request: Request) -> JSONResponse:
        if not getattr(request.app.state, "ready", False):
            return JSONResponse({"status": "starting"}, status_code=503)
        return JSONResponse({"status": "ok"})

    @app.post("/v1/chat")
    def chat(body: ChatRequest, _user: Tester, fd: FrontdeskDep) -> TurnOut:
        return turn_out(fd.receptionist.handle(body.conversation_id, body.text, channel="api"))

    @app.post("/v1/redact")
    def redact(body: RedactRequest, _user: Tester, fd: FrontdeskDep) -> RedactOut:
        language = body.language or fd.languages.detect(body.text)
        context = GuardContext(
            language=language, conversation_key=secrets.token_hex(16), allow_list=fd.allow_list()
        )
        verdict = fd.redactor.redact(body.text, language, context)
        entities = [EntityOut(**f.model_dump()) for f in verdict.findings]
        return RedactOut(text=verdict.text, language=language, entities=entities)

    @app.get("/v1/conversations/{conversation_id}")
    def get_conversation(conversation_id: str, _user: Staff, fd: FrontdeskDep) -> ConversationOut:
        store = fd.receptionist.store
        if not store.exists(conversation_id):
            raise ConversationNotFound(f"no conversation with id {conversation_id!r}")
        turns = [
            TranscriptTurnOut(
                seq=t.seq,
                role=t.role,
                text=t.text,
                language=t.language,
                intent=t.intent,
                verdicts=t.verdicts,
                citations=t.citations,
                created_at=t.created_at,
            )
            for t in store.transcript(conversation_id)
        ]
        return ConversationOut(
            conversation_id=conversation_id, owner=store.owner(conversation_id), turns=turns
        )

    @app.delete("/v1/conversations/{conversation_id}")
    def erase_conversation(
        conversation_id: str, user: Admin, fd: FrontdeskDep, audit: AuditDep
    ) -> ErasedOut:
        """Erase one patient's conversation from every store (transcript, handoffs, WhatsApp)."""
        erased = Retention(engine=fd.engine).erase(conversation_id)
        if not erased.found:
            raise ConversationNotFound(f"no conversation with id {conversation_id!r}")
        audit.record(
            user.name, "conversation.erase", f"conversation:{conversation_hash(conversation_id)}"
        )
        return ErasedOut(conversation_id=conversation_id, rows=erased.rows)

    @app.get("/v1/handoffs", tags=["handoffs"])
    def list_handoffs(_user: Staff, desk: DeskDep, status: str = "active") -> list[TicketOut]:
        """List the queue: most urgent first, then the patient waiting longest."""
        if status not in LISTINGS:
            raise ApiError(422, f"unknown status {status!r}; use one of: {', '.join(LISTINGS)}")
        return [ticket_out(t) for t in desk.queue.tickets(status)]

    @app.get("/v1/handoffs/{ticket_id}", tags=["handoffs"])
    def get_handoff(
        ticket_id: str, _user: Staff, desk: DeskDep, fd: FrontdeskDep
    ) -> TicketDetailOut:
        ticket = desk.queue.get(ticket_id)
        lines = [
            TicketLineOut(seq=t.seq, role=t.role, text=t.text, created_at=t.created_at)
            for t in fd.receptionist.store.transcript(ticket.conversation_id)
        ]
        notes = [note_out(n) for n in desk.queue.notes(ticket_id)]
        return TicketDetailOut(**_ticket_fields(ticket), transcript=lines, notes=notes)

    @app.post("/v1/handoffs/{ticket_id}/claim", tags=["handoffs"])
    def claim_handoff(ticket_id: str, user: Staff, desk: DeskDep) -> TicketOut:
        return ticket_out(desk.claim(ticket_id, user.name))

    @app.post(
        "/v1/handoffs/{ticket_id}/messages",
        tags=["handoffs"],
        status_code=status.HTTP_201_CREATED,
    )
    def reply_to_patient(
        ticket_id: str, body: StaffTextIn, user: Staff, desk: DeskDep
    ) -> DeliveryOut:
        """Send a reply to the patient; only the account that claimed the ticket may."""
        delivery = desk.reply(ticket_id, user.name, body.text)
        return DeliveryOut(delivered=delivery.delivered, channel=delivery.channel)

    @app.post(
        "/v1/handoffs/{ticket_id}/notes", tags=["handoffs"], status_code=status.HTTP_201_CREATED
    )
    def add_note(ticket_id: str, body: StaffTextIn, user: Staff, desk: DeskDep) -> NoteOut:
        return note_out(desk.note(ticket_id, user.name, body.text))

    @app.post("/v1/handoffs/{ticket_id}/resolve", tags=["handoffs"])
    def resolve_handoff(ticket_id: str, user: Staff, desk: DeskDep) -> TicketOut:
        """Give the conversation back to the bot (the assignee, or anyone while unclaimed)."""
        return ticket_out(desk.resolve(ticket_id, user.name, override=user.role is Role.ADMIN))

    @app.get("/v1/canned-responses", tags=["handoffs"])
    def list_canned_responses(
        _user: Staff, fd: FrontdeskDep, language: str | None = None
    ) -> list[CannedOut]:
        lang = language or fd.clinic.default_language
        if lang not in LANGUAGES:
            raise ApiError(422, f"unknown language {lang!r}; use one of: {', '.join(LANGUAGES)}")
        return canned_responses(lang, fd.clinic)

    @app.get("/v1/session", tags=["sessions"])
    def current_session(request: Request, user: Anyone, browser: SessionsDep) -> SessionOut:
        """Say who is signed in; a page reads its CSRF token here."""
        cookie = request.cookies.get(SESSION_COOKIE)
        session = browser.find(cookie) if cookie else None
        return SessionOut(
            name=user.name, role=user.role.value, csrf=session.csrf if session else None
        )

    @app.get("/v1/audit", tags=["audit"])
    def list_audit(_user: Admin, audit: AuditDep, limit: int = 1000) -> list[AuditOut]:
        """Who did what, when: claims, replies, notes, resolves and document actions."""
        entries = audit.entries(limit=max(1, min(limit, 10000)))
        return [AuditOut(at=e.at, actor=e.actor, action=e.action, target=e.target) for e in entries]

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def chat_page(fd: FrontdeskDep) -> HTMLResponse:
        lang = fd.clinic.default_language
        html = pages.get_template("chat.html").render(
            clinic=fd.clinic,
            greeting_lang=lang,
            footer=message(
                "web_footer", lang, numbers=" / ".join(fd.clinic.emergency_numbers_for())
            ),
            placeholder=message("web_placeholder", lang),
        )
        return HTMLResponse(html)

    @app.post("/web/chat", tags=["web chat"])
    def web_chat(
        body: WebChatRequest, request: Request, response: Response, fd: FrontdeskDep
    ) -> TurnOut:
        """Patient web chat: the conversation is kept in a cookie, no account needed."""
        conversation_id = request.cookies.get(WEB_COOKIE) or ""
        if not conversation_id.startswith("web-") or len(conversation_id) > 64:
            conversation_id = "web-" + secrets.token_urlsafe(16)
        response.set_cookie(
            WEB_COOKIE, conversation_id, httponly=True, samesite="strict", max_age=86400
        )
        result = turn_out(fd.receptionist.handle(conversation_id, body.text, channel="web"))
        result.verdicts = []  # Guard internals are for staff, not for the patient's browser.
        return result

    app.include_router(inbox_router)
    app.include_router(documents_router)
    app.include_router(console_router)
    app.include_router(login_router)
    app.include_router(whatsapp_router)
    return app


def _status_handler(code: int) -> Callable[[Request, Exception], Any]:
    async def handler(_request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=code)

    return handler


def main_app() -> FastAPI:
    """Return the app for ``uvicorn server:main_app --factory``, configured from the environment."""
    configure_logging()
    return create_app(Settings(), load_demo=True)

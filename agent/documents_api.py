"""The documents API: upload, list, review (page text, patient data, sandbox, versions), approve.

Only approved, current versions are ever used to answer patients; everything
here that reads a pending version (pages, scan, sandbox, diff) is for the
admin deciding whether to approve it.
"""

from __future__ import annotations

import dataclasses
import secrets
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile, status
from pydantic import BaseModel, ConfigDict, Field

from agent.api import Admin, ApiError, AuditDep, CitationOut, FrontdeskDep
from agent.review import current_version, sandbox, scan_for_phi
from guardrails.base import GuardContext
from knowledge.types import DocumentInfo

router = APIRouter(tags=["documents"])


class DocumentOut(BaseModel):
    """One version of one document."""

    id: str
    title: str
    filename: str
    media_type: str
    version: int
    status: str
    pages: int
    chunks: int
    sha256: str
    created_at: datetime
    uploaded_by: str | None
    approved_by: str | None
    approved_at: datetime | None
    retired_at: datetime | None
    replaces: str | None


class PageOut(BaseModel):
    """The text extracted from one page of a document version."""

    page: int
    text: str


class PagesOut(BaseModel):
    """What the bot will read from a document version, page by page."""

    document_id: str
    pages: list[PageOut]


class PhiFindingOut(BaseModel):
    """Patient data found in a document: its type and page, in masked context."""

    page: int
    type: str
    context: str
    score: float


class PhiScanOut(BaseModel):
    """The patient-data scan of a document version, to fix before approval."""

    document_id: str
    findings: list[PhiFindingOut]


class AskRequest(BaseModel):
    """A question to try against a document version."""

    question: str = Field(min_length=1, max_length=2000)


class SandboxAnswerOut(BaseModel):
    """What one version answers."""

    document_id: str
    version: int
    text: str
    citations: list[CitationOut]


class AskOut(BaseModel):
    """The version asked about, next to the approved version in use (if any)."""

    version: SandboxAnswerOut
    current: SandboxAnswerOut | None


class DiffOut(BaseModel):
    """A unified diff between two versions of one document."""

    model_config = ConfigDict(populate_by_name=True)

    from_: str = Field(alias="from")
    to: str
    diff: list[str]


def document_out(doc: DocumentInfo) -> DocumentOut:
    """Shape a document version for the API."""
    return DocumentOut(
        id=doc.id,
        title=doc.title,
        filename=doc.filename,
        media_type=doc.media_type,
        version=doc.version,
        status=doc.status.value,
        pages=doc.pages,
        chunks=doc.chunks,
        sha256=doc.sha256,
        created_at=doc.created_at,
        uploaded_by=doc.uploaded_by,
        approved_by=doc.approved_by,
        approved_at=doc.approved_at,
        retired_at=doc.retired_at,
        replaces=doc.replaces,
    )


# ---------------------------------------------------------------- dependencies


@router.post("/v1/documents", status_code=status.HTTP_201_CREATED)
def upload_document(
    user: Admin,
    fd: FrontdeskDep,
    audit: AuditDep,
    file: Annotated[UploadFile, File(description="PDF, Markdown or plain text")],
    title: Annotated[str | None, Form()] = None,
) -> DocumentOut:
    """Add a document as a new pending version (never used in answers until approved)."""
    limit = fd.settings.max_upload_bytes
    data = file.file.read(limit + 1)
    if len(data) > limit:
        raise ApiError(
            413,
            f"the file is over the {limit // (1024 * 1024)} MiB upload limit; "
            "split it or compress it",
        )
    doc = fd.knowledge.add(data, file.filename or "upload", title=title, uploaded_by=user.name)
    audit.record(user.name, "document.upload", f"document:{doc.id}")
    return document_out(doc)


@router.get("/v1/documents")
def list_documents(_user: Admin, fd: FrontdeskDep) -> list[DocumentOut]:
    """List every version of every document, newest first."""
    return [document_out(d) for d in fd.knowledge.list()]


@router.get("/v1/documents/{document_id}")
def get_document(document_id: str, _user: Admin, fd: FrontdeskDep) -> DocumentOut:
    """Return one version."""
    return document_out(fd.knowledge.get(document_id))


@router.get("/v1/documents/{document_id}/pages")
def document_pages(document_id: str, _user: Admin, fd: FrontdeskDep) -> PagesOut:
    """Return the text the bot will read, page by page (any status)."""
    pages = fd.knowledge.pages(document_id)
    return PagesOut(document_id=document_id, pages=[PageOut(page=n, text=t) for n, t in pages])


@router.get("/v1/documents/{document_id}/phi")
def document_phi(document_id: str, _user: Admin, fd: FrontdeskDep) -> PhiScanOut:
    """Patient data found in the document, masked: fix the file before approving it."""
    findings = scan_for_phi(
        fd.knowledge.pages(document_id),
        redactor=fd.redactor,
        languages=fd.languages,
        allow_list=fd.allow_list(),
    )
    return PhiScanOut(
        document_id=document_id,
        findings=[PhiFindingOut(**dataclasses.asdict(f)) for f in findings],
    )


@router.post("/v1/documents/{document_id}/ask")
def document_ask(document_id: str, body: AskRequest, _user: Admin, fd: FrontdeskDep) -> AskOut:
    """Answer a question from this version alone, next to the approved version in use."""
    document = fd.knowledge.get(document_id)
    language = fd.languages.detect(body.question)
    context = GuardContext(
        language=language, conversation_key=secrets.token_hex(16), allow_list=fd.allow_list()
    )
    question = fd.redactor.redact(body.question, language, context).text
    in_use = current_version(fd.knowledge, document_id)

    def answer(doc: DocumentInfo) -> SandboxAnswerOut:
        found = sandbox(
            question, doc, knowledge=fd.knowledge, composer=fd.composer, language=language
        )
        return SandboxAnswerOut(
            document_id=found.document_id,
            version=found.version,
            text=found.text,
            citations=[
                CitationOut(document_id=c.document_id, title=c.title, page=c.page)
                for c in found.citations
            ],
        )

    current = answer(in_use) if in_use is not None and in_use.id != document.id else None
    return AskOut(version=answer(document), current=current)


@router.get("/v1/documents/{document_id}/history")
def document_history(document_id: str, _user: Admin, fd: FrontdeskDep) -> list[DocumentOut]:
    """Every version of this document, newest first, with who approved it and when."""
    return [document_out(d) for d in fd.knowledge.history(document_id)]


@router.get("/v1/documents/{document_id}/diff")
def document_diff(
    document_id: str, _user: Admin, fd: FrontdeskDep, against: str | None = None
) -> DiffOut:
    """Diff this version against ``against`` (default: the version it replaces)."""
    old = against or fd.knowledge.get(document_id).replaces
    if old is None:
        raise ApiError(422, "this is the first version: pass ?against=<another version id>")
    return DiffOut(from_=old, to=document_id, diff=fd.knowledge.diff(old, document_id))


@router.post("/v1/documents/{document_id}/approve")
def approve_document(
    document_id: str, user: Admin, fd: FrontdeskDep, audit: AuditDep
) -> DocumentOut:
    """Make a pending version the one in use; the version it replaces is retired."""
    doc = fd.knowledge.approve(document_id, by=user.name)
    audit.record(user.name, "document.approve", f"document:{doc.id}")
    return document_out(doc)


@router.post("/v1/documents/{document_id}/retire")
def retire_document(
    document_id: str, user: Admin, fd: FrontdeskDep, audit: AuditDep
) -> DocumentOut:
    """Take a version out of use for good."""
    doc = fd.knowledge.retire(document_id, by=user.name)
    audit.record(user.name, "document.retire", f"document:{doc.id}")
    return document_out(doc)

"""What an admin checks before approving a document: patient data in it, and how it answers.

Both work on any version, pending included, and change nothing: the scan
reports where identifiers are (masked, so the report itself holds none), and
the sandbox answers a question from one version next to the version in use.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from agent.composers.base import Citation, Composer
from guardrails.base import Finding, GuardContext
from guardrails.language import LanguageDetector
from guardrails.phi_redaction import PhiRedactionGuard
from knowledge.library import KnowledgeBase
from knowledge.types import DocumentInfo, DocumentStatus

CONTEXT_CHARS = 60
"""How much text around a finding is shown, each side."""


@dataclass(frozen=True)
class PhiFinding:
    """One identifier found in a document page, shown in masked context."""

    page: int
    type: str
    context: str
    score: float


@dataclass(frozen=True)
class SandboxAnswer:
    """What one version of a document answers to a question."""

    document_id: str
    version: int
    text: str
    citations: tuple[Citation, ...]


def mask(text: str, findings: list[Finding]) -> tuple[str, list[tuple[Finding, int, int]]]:
    """Replace every finding by ``<TYPE>``; return the text and each finding's masked span."""
    ordered = sorted(findings, key=lambda f: f.start)
    pieces: list[str] = []
    spans: list[tuple[Finding, int, int]] = []
    cursor = length = 0
    for finding in ordered:
        if finding.start < cursor:  # overlapping: already masked
            continue
        pieces.append(text[cursor : finding.start])
        length += finding.start - cursor
        label = f"<{finding.type}>"
        spans.append((finding, length, length + len(label)))
        pieces.append(label)
        length += len(label)
        cursor = finding.end
    pieces.append(text[cursor:])
    return "".join(pieces), spans


def scan_for_phi(
    pages: list[tuple[int, str]],
    *,
    redactor: PhiRedactionGuard,
    languages: LanguageDetector,
    allow_list: frozenset[str] | None = None,
) -> list[PhiFinding]:
    """Return every identifier the redactor finds in ``pages``, in masked context."""
    found: list[PhiFinding] = []
    for page, text in pages:
        language = languages.detect(text)
        context = GuardContext(
            language=language,
            conversation_key=secrets.token_hex(16),
            allow_list=allow_list or frozenset(),
        )
        verdict = redactor.redact(text, language, context)
        masked, spans = mask(text, list(verdict.findings))
        for finding, start, end in spans:
            left = max(0, start - CONTEXT_CHARS)
            right = min(len(masked), end + CONTEXT_CHARS)
            snippet = " ".join(masked[left:right].split())
            prefix = "…" if left else ""
            suffix = "…" if right < len(masked) else ""
            found.append(
                PhiFinding(
                    page=page,
                    type=finding.type,
                    context=f"{prefix}{snippet}{suffix}",
                    score=round(finding.score, 2),
                )
            )
    return found


def current_version(knowledge: KnowledgeBase, document_id: str) -> DocumentInfo | None:
    """Return the approved version in use of ``document_id``'s family, if any."""
    for doc in knowledge.history(document_id):
        if doc.status == DocumentStatus.APPROVED:
            return doc
    return None


def sandbox(
    question: str,
    document: DocumentInfo,
    *,
    knowledge: KnowledgeBase,
    composer: Composer,
    language: str,
) -> SandboxAnswer:
    """Answer ``question`` from ``document`` alone, whatever its status."""
    passages = knowledge.search_versions(question, [document.id], k=5, language=language)
    draft = composer.compose(question, passages, language) if passages else None
    text = draft.text if draft is not None and draft.grounded else ""
    citations = draft.citations if draft is not None and text else ()
    return SandboxAnswer(
        document_id=document.id, version=document.version, text=text, citations=citations
    )

"""Guards that stand between a patient's message and everything that stores or reads it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from guardrails.base import Finding, Guard, GuardContext, Verdict

if TYPE_CHECKING:
    from guardrails.language import LanguageDetector
    from guardrails.phi_redaction import PhiRedactionGuard, redact

# Presidio and spaCy take seconds to import: load them only when asked for,
# so `from guardrails import Verdict` stays cheap.
_LAZY = {
    "LanguageDetector": "guardrails.language",
    "PhiRedactionGuard": "guardrails.phi_redaction",
    "redact": "guardrails.phi_redaction",
}


def __getattr__(name: str) -> Any:
    """Import the heavy exports on first access."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'guardrails' has no attribute {name!r}")


__all__ = [
    "Finding",
    "Guard",
    "GuardContext",
    "LanguageDetector",
    "PhiRedactionGuard",
    "Verdict",
    "redact",
]

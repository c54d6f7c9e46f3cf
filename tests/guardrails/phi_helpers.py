"""What the PHI round tests share: the clinic's allow-list and a finder of redacted values."""

from __future__ import annotations

from guardrails.base import GuardContext
from guardrails.phi_redaction import PhiRedactionGuard

# What the clinic's approved documents put on the allow-list (see agent/allow_list.py).
ALLOW = frozenset(
    {"Via dei Mille 24, 20129 Milano", "Avenida del Puerto 148, 46023 Valencia", "Marchetti"}
)


def redacted(guard: PhiRedactionGuard, text: str, language: str) -> list[tuple[str, str]]:
    """Return (value, type) of every finding in ``text``, redacted with :data:`ALLOW`."""
    verdict = guard.redact(text, language, GuardContext(language=language, allow_list=ALLOW))
    return [(text[f.start : f.end], f.type) for f in verdict.findings]

"""What the PHI round tests share: the clinic's allow-list, a finder of redacted values, the
tests of the round tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

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


Case = tuple[str, ...]
TableTest = Callable[..., None]


def table_tests(
    found: Sequence[Case], not_found: Sequence[Case], not_redacted: Sequence[Case] = ()
) -> tuple[TableTest, TableTest, TableTest]:
    """Return the tests of a round's tables, to bind as ``test_found``, ``test_not_found`` and
    ``test_not_redacted`` in its module.

    ``found``: (language, text, value, type) redacted as that type; ``not_found``: (language,
    text, type) with no finding of that type; ``not_redacted``: (language, text, value) in no
    finding.
    """

    @pytest.mark.parametrize(("language", "text", "value", "kind"), found)
    def test_found(
        phi_guard: PhiRedactionGuard, language: str, text: str, value: str, kind: str
    ) -> None:
        assert (value, kind) in redacted(phi_guard, text, language)

    @pytest.mark.parametrize(("language", "text", "kind"), not_found)
    def test_not_found(phi_guard: PhiRedactionGuard, language: str, text: str, kind: str) -> None:
        assert not [f for f in redacted(phi_guard, text, language) if f[1] == kind]

    @pytest.mark.parametrize(("language", "text", "value"), not_redacted)
    def test_not_redacted(
        phi_guard: PhiRedactionGuard, language: str, text: str, value: str
    ) -> None:
        assert not [found for found, _ in redacted(phi_guard, text, language) if value in found]

    return test_found, test_not_found, test_not_redacted

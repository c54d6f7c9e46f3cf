"""Shared fixtures for the guardrails tests: one PHI guard per session (slow to build)."""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard


@pytest.fixture(scope="session")
def phi_guard() -> PhiRedactionGuard:
    return PhiRedactionGuard()

"""Shared fixtures for the guardrails tests: one PHI and one wants-a-human guard per session."""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from guardrails.wants_human import WantsHumanGuard


@pytest.fixture(scope="session")
def phi_guard() -> PhiRedactionGuard:
    return PhiRedactionGuard()


@pytest.fixture(scope="session")
def human_guard() -> WantsHumanGuard:
    return WantsHumanGuard()

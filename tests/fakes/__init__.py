"""Fakes at the edges the tests cannot reach, speaking the real protocols.

Fixtures here are plain functions; ``tests/conftest.py`` exposes them with
``pytest_plugins = ["tests.fakes"]`` (or by importing them).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes.openai_server import FakeOpenAIServer

__all__ = ["FakeOpenAIServer", "openai_server"]


@pytest.fixture
def openai_server() -> Iterator[FakeOpenAIServer]:
    """Yield a running fake OpenAI-compatible server, stopped after the test."""
    with FakeOpenAIServer() as server:
        yield server

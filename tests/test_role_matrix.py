"""Every HTTP endpoint × every role: no token is 401, a role not listed is 403.

The routes are read from the app itself, so an endpoint added without a line
in ``ROLES`` fails this test instead of going out unchecked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from agent.factory import Frontdesk
from server import create_app

ADMIN, AGENT, QA = "admin", "agent", "qa"

# (method, path) -> roles allowed; None means no token is needed (public or signed).
ROLES: dict[tuple[str, str], frozenset[str] | None] = {
    ("GET", "/healthz"): None,
    ("POST", "/v1/chat"): frozenset({QA, ADMIN}),
    ("POST", "/v1/redact"): frozenset({QA, ADMIN}),
    ("POST", "/v1/documents"): frozenset({ADMIN}),
    ("GET", "/v1/documents"): frozenset({ADMIN}),
    ("GET", "/v1/documents/{document_id}"): frozenset({ADMIN}),
    ("GET", "/v1/documents/{document_id}/pages"): frozenset({ADMIN}),
    ("GET", "/v1/documents/{document_id}/phi"): frozenset({ADMIN}),
    ("POST", "/v1/documents/{document_id}/ask"): frozenset({ADMIN}),
    ("GET", "/v1/documents/{document_id}/history"): frozenset({ADMIN}),
    ("GET", "/v1/documents/{document_id}/diff"): frozenset({ADMIN}),
    ("POST", "/v1/documents/{document_id}/approve"): frozenset({ADMIN}),
    ("POST", "/v1/documents/{document_id}/retire"): frozenset({ADMIN}),
    ("GET", "/v1/conversations/{conversation_id}"): frozenset({AGENT, ADMIN}),
    ("DELETE", "/v1/conversations/{conversation_id}"): frozenset({ADMIN}),
    ("GET", "/v1/handoffs"): frozenset({AGENT, ADMIN}),
    ("GET", "/v1/handoffs/{ticket_id}"): frozenset({AGENT, ADMIN}),
    ("POST", "/v1/handoffs/{ticket_id}/claim"): frozenset({AGENT, ADMIN}),
    ("POST", "/v1/handoffs/{ticket_id}/messages"): frozenset({AGENT, ADMIN}),
    ("POST", "/v1/handoffs/{ticket_id}/notes"): frozenset({AGENT, ADMIN}),
    ("POST", "/v1/handoffs/{ticket_id}/resolve"): frozenset({AGENT, ADMIN}),
    ("GET", "/v1/canned-responses"): frozenset({AGENT, ADMIN}),
    ("GET", "/v1/audit"): frozenset({ADMIN}),
    ("GET", "/v1/session"): frozenset({AGENT, QA, ADMIN}),
    # Signing in and out of the pages: the token is in the form, the session in a cookie.
    ("GET", "/login"): None,
    ("POST", "/login"): None,
    ("POST", "/logout"): None,
    # Pages and the patient web chat: no staff token (the pages call the API with one).
    ("GET", "/"): None,
    ("POST", "/web/chat"): None,
    ("GET", "/inbox"): None,
    ("GET", "/admin"): None,
    ("GET", "/admin/static/{name}"): None,
    ("GET", "/inbox/static/{name}"): None,
    # WhatsApp: authenticated by Meta's signature / verify token, not by a staff token.
    ("GET", "/webhooks/whatsapp"): None,
    ("POST", "/webhooks/whatsapp"): None,
}


@pytest.fixture(scope="module")
def client(demo_frontdesk: Frontdesk) -> Iterator[TestClient]:
    with TestClient(create_app(frontdesk=demo_frontdesk)) as c:
        yield c


@pytest.fixture(scope="module")
def tokens(demo_frontdesk: Frontdesk) -> dict[str, str]:
    return {
        role: demo_frontdesk.users.add(f"matrix {role}", role)[1] for role in (ADMIN, AGENT, QA)
    }


def _routes(routes: list[Any], prefix: str = "") -> set[tuple[str, str]]:
    """Every (method, path) of the app, included routers too."""
    found: set[tuple[str, str]] = set()
    for route in routes:
        if isinstance(route, APIRoute):
            found |= {(m, prefix + route.path) for m in route.methods if m != "HEAD"}
        elif hasattr(route, "original_router"):  # an included router
            context = getattr(route, "include_context", None)
            found |= _routes(route.original_router.routes, prefix + getattr(context, "prefix", ""))
    return found


def test_every_endpoint_is_in_the_matrix(client: TestClient) -> None:
    routes = _routes(client.app.routes)  # type: ignore[attr-defined]
    assert routes - set(ROLES) == set(), "endpoints with no role decision in ROLES"
    assert set(ROLES) - routes == set(), "ROLES lists endpoints the app does not have"


PROTECTED = sorted((k, v) for k, v in ROLES.items() if v is not None)


@pytest.mark.parametrize(
    ("endpoint", "allowed"), PROTECTED, ids=[f"{m} {p}" for (m, p), _ in PROTECTED]
)
def test_wrong_role_is_403_and_no_token_is_401(
    client: TestClient, tokens: dict[str, str], endpoint: tuple[str, str], allowed: frozenset[str]
) -> None:
    method, template = endpoint
    path = re.sub(r"\{[^}]+\}", "matrix-nope", template)
    assert client.request(method, path).status_code == 401
    assert (
        client.request(method, path, headers={"Authorization": "Bearer fd_not-a-token"}).status_code
        == 401
    )
    for role, token in tokens.items():
        status = client.request(
            method, path, headers={"Authorization": f"Bearer {token}"}
        ).status_code
        if role in allowed:
            assert status != 403 and status != 401, (role, status)
        else:
            assert status == 403, (role, status)

"""Staff pages sign in with a session cookie; changes need the session's CSRF token."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from agent.factory import Frontdesk
from agent.sessions import COOKIE, SessionStore
from server import create_app

SAME_ORIGIN = {"Origin": "http://testserver"}


@pytest.fixture(scope="module")
def app_client(demo_frontdesk: Frontdesk) -> Iterator[TestClient]:
    with TestClient(create_app(frontdesk=demo_frontdesk)) as c:
        yield c


@pytest.fixture
def client(app_client: TestClient) -> TestClient:
    app_client.cookies.clear()
    return app_client


@pytest.fixture(scope="module")
def tokens(demo_frontdesk: Frontdesk) -> dict[str, str]:
    return {r: demo_frontdesk.users.add(f"session {r}", r)[1] for r in ("admin", "agent", "qa")}


def _login(client: TestClient, token: str, next_path: str | None = None) -> str:
    form = {"token": token} | ({"next": next_path} if next_path else {})
    r = client.post("/login", data=form, headers=SAME_ORIGIN, follow_redirects=False)
    assert r.status_code == 303, r.text
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    return str(r.headers["location"])


def test_the_sign_in_page_is_a_form_posting_to_login(client: TestClient) -> None:
    r = client.get("/login?next=/inbox")
    assert r.status_code == 200
    assert 'action="/login"' in r.text and 'name="token"' in r.text and 'value="/inbox"' in r.text
    assert "form-action 'self'" in r.headers["content-security-policy"]


def test_a_wrong_token_is_refused_without_a_cookie(client: TestClient) -> None:
    r = client.post("/login", data={"token": "fd_nope"}, headers=SAME_ORIGIN)
    assert r.status_code == 401 and "unknown or has been revoked" in r.text
    assert COOKIE not in r.cookies


def test_signing_in_goes_to_the_roles_page_and_never_off_site(
    client: TestClient, tokens: dict[str, str]
) -> None:
    assert _login(client, tokens["admin"]) == "/admin"
    client.cookies.clear()
    assert _login(client, tokens["agent"]) == "/inbox"
    client.cookies.clear()
    assert _login(client, tokens["agent"], "//evil.example/x") == "/inbox"
    client.cookies.clear()
    assert _login(client, tokens["agent"], "/inbox?ticket=1") == "/inbox?ticket=1"


def test_a_form_from_another_site_cannot_sign_in(
    client: TestClient, tokens: dict[str, str]
) -> None:
    r = client.post(
        "/login", data={"token": tokens["admin"]}, headers={"Origin": "https://evil.example"}
    )
    assert r.status_code == 403 and COOKIE not in r.cookies


def test_the_session_reads_freely_and_changes_only_with_its_csrf_token(
    client: TestClient, tokens: dict[str, str]
) -> None:
    _login(client, tokens["admin"])
    me = client.get("/v1/session").json()
    assert me["name"] == "session admin" and me["role"] == "admin" and me["csrf"]
    assert client.get("/v1/documents").status_code == 200
    refused = client.post("/v1/documents/nope/approve")
    assert refused.status_code == 403 and "X-CSRF-Token" in refused.json()["detail"]
    wrong = client.post("/v1/documents/nope/approve", headers={"X-CSRF-Token": "guess"})
    assert wrong.status_code == 403
    allowed = client.post("/v1/documents/nope/approve", headers={"X-CSRF-Token": me["csrf"]})
    assert allowed.status_code == 404  # past authentication: the document does not exist


def test_roles_apply_to_sessions_too(client: TestClient, tokens: dict[str, str]) -> None:
    _login(client, tokens["qa"])
    r = client.get("/v1/handoffs")
    assert r.status_code == 403 and "agent" in r.json()["detail"]


def test_signing_out_and_revoking_end_the_session(
    client: TestClient, tokens: dict[str, str], demo_frontdesk: Frontdesk
) -> None:
    _login(client, tokens["agent"])
    csrf = client.get("/v1/session").json()["csrf"]
    r = client.post("/logout", data={"csrf": csrf}, headers=SAME_ORIGIN, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    client.cookies.clear()
    assert client.get("/v1/session").status_code == 401

    user, token = demo_frontdesk.users.add("short-lived agent", "agent")
    _login(client, token)
    assert client.get("/v1/handoffs").status_code == 200
    demo_frontdesk.users.revoke("short-lived agent")  # its sessions end with it
    assert client.get("/v1/handoffs").status_code == 401
    assert SessionStore(engine=demo_frontdesk.engine).close_all(user.id) == 1  # row, now inert
    client.cookies.clear()
    assert client.post("/login", data={"token": token}, headers=SAME_ORIGIN).status_code == 401


def test_sign_in_and_out_are_in_the_audit_log(client: TestClient, tokens: dict[str, str]) -> None:
    _login(client, tokens["admin"])
    entries = client.get("/v1/audit").json()
    assert any(e["action"] == "session.login" and e["actor"] == "session admin" for e in entries)

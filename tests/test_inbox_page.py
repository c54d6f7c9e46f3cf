"""The staff inbox page: served shell, and the handoff queue worked in a real headless Chromium."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, expect

from agent import inbox
from agent.factory import Frontdesk
from agent.sessions import COOKIE
from tests import pages
from tests.pages import WAIT_MS, Tab, at, cookie, session


def inbox_app(frontdesk: Frontdesk) -> FastAPI:
    """The real app with the inbox mounted (once server.py mounts it, as it is)."""
    return pages.app_with(frontdesk, "/inbox", inbox.router)


# ---------------------------------------------------------------- the served shell


@pytest.fixture(scope="module")
def client(demo_frontdesk: Frontdesk) -> Iterator[TestClient]:
    with TestClient(inbox_app(demo_frontdesk)) as c:
        yield c


def test_page_is_served_without_a_token_and_loads_only_local_files(client: TestClient) -> None:
    r = client.get("/inbox")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "Poliambulatorio San Luca" in r.text
    assert 'src="/inbox/static/inbox.js"' in r.text
    # The shared staff script comes first: the inbox's own script builds on it.
    staff_at = r.text.index('src="/inbox/static/staff.js"')
    assert staff_at < r.text.index('src="/inbox/static/inbox.js"')
    assert 'href="/inbox/static/inbox.css"' in r.text
    # Nothing from another origin, no inline script: the page works offline under its CSP.
    assert "http://" not in r.text and "https://" not in r.text
    assert "<script>" not in r.text and "style=" not in r.text
    # Signing in happens on /login; the page itself never asks for a token.
    assert 'href="/login?next=/inbox"' in r.text
    assert 'type="password"' not in r.text
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize(
    ("name", "media_type"),
    [("inbox.js", "text/javascript"), ("staff.js", "text/javascript"), ("inbox.css", "text/css")],
)
def test_static_files_are_served(client: TestClient, name: str, media_type: str) -> None:
    r = client.get(f"/inbox/static/{name}")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media_type)
    assert len(r.content) > 500


@pytest.mark.parametrize(
    "name",
    [
        "chat.html",  # a real file in the package, but not one the inbox serves
        "..%2Fserver.py",  # an encoded path escape
        "inbox.js.map",
    ],
)
def test_only_the_listed_static_files_are_served(client: TestClient, name: str) -> None:
    r = client.get(f"/inbox/static/{name}")
    assert r.status_code == 404
    assert "detail" in r.json()


@pytest.mark.parametrize("name", ["inbox.js", "staff.js"])
def test_the_script_never_logs_keeps_or_puts_data_in_urls(name: str) -> None:
    script = (Path(inbox.__file__).parent / "static" / name).read_text(encoding="utf-8")
    assert "console." not in script
    # Nothing is kept by the script: the session is an HttpOnly cookie it cannot even read.
    assert "localStorage" not in script and "sessionStorage" not in script
    assert "document.cookie" not in script
    assert "Authorization" not in script and "Bearer" not in script
    assert "innerHTML" not in script  # patient text goes on screen as text, never as markup
    assert "location.hash" not in script and "history.pushState" not in script


# ---------------------------------------------------------------- in a real browser


@pytest.fixture(scope="module")
def base_url(demo_frontdesk: Frontdesk) -> Iterator[str]:
    app = inbox_app(demo_frontdesk)
    for needed in ("/v1/handoffs", "/v1/session", "/login"):
        if needed not in pages.paths(app):
            pytest.skip(f"{needed} is not in server.py yet")
    with pages.serving(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with pages.chromium() as launched:
        yield launched


@pytest.fixture
def tab(browser: Browser, base_url: str) -> Iterator[Tab]:
    with pages.tab(browser, base_url) as opened:
        yield opened


def _agent(frontdesk: Frontdesk, role: str = "agent") -> tuple[str, str]:
    """Create a staff account; return its name and token."""
    return pages.add_user(frontdesk, role, "inbox")


def _sign_in(tab: Tab, token: str) -> None:
    """From the inbox, follow "Sign in" to the real /login form, submit the token, come back."""
    pages.sign_in(tab.page, token, "/inbox")


def _ask_for_a_person(base_url: str, token: str) -> str:
    """Open a ticket the way a patient does, and return its id."""
    conversation = f"inbox-{uuid.uuid4().hex[:12]}"
    r = httpx.post(
        f"{base_url}/v1/chat",
        json={"conversation_id": conversation, "text": "voglio parlare con un operatore"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    )
    assert r.status_code == 200, r.text
    handoff = r.json()["handoff"]
    assert handoff is not None, "asking for a person must open a handoff"
    return str(handoff["id"])


def _ticket(base_url: str, ticket_id: str, token: str) -> dict[str, Any]:
    r = httpx.get(
        f"{base_url}/v1/handoffs/{ticket_id}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert r.status_code == 200, r.text
    found: dict[str, Any] = r.json()
    return found


@pytest.mark.browser
def test_a_wrong_token_is_refused_at_the_sign_in_form(tab: Tab) -> None:
    page = tab.page
    page.goto("/inbox")
    expect(page.locator("#signin")).to_be_visible(timeout=WAIT_MS)
    expect(page.locator("#alert")).to_be_hidden()  # not signed in yet is not an error
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Your staff token").fill("fd_not-a-real-token")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("body")).to_contain_text("unknown or has been revoked", timeout=WAIT_MS)
    assert "/login" in page.url
    assert not [c for c in page.context.cookies() if c["name"] == COOKIE]


@pytest.mark.browser
def test_agent_works_a_ticket_from_the_live_queue(
    tab: Tab, base_url: str, demo_frontdesk: Frontdesk
) -> None:
    page = tab.page
    agent_name, agent_token = _agent(demo_frontdesk)
    _, qa_token = _agent(demo_frontdesk, "qa")
    first = _ask_for_a_person(base_url, qa_token)

    _sign_in(tab, agent_token)
    tab.problems.clear()  # the browser reports the first, signed-out GET /v1/session (401)
    expect(page.locator("#workspace")).to_be_visible(timeout=WAIT_MS)
    expect(page.locator("#who")).to_have_text(agent_name)
    expect(page.locator("#alert")).to_be_hidden()
    first_item = page.locator(f'#queue-list button[data-id="{first}"]')
    expect(first_item).to_be_visible(timeout=WAIT_MS)
    expect(first_item).to_contain_text("Waiting")

    # A ticket opened while the page is open shows up by itself (no reload).
    page.evaluate("window.__sameDocument = true")
    second = _ask_for_a_person(base_url, qa_token)
    second_item = page.locator(f'#queue-list button[data-id="{second}"]')
    expect(second_item).to_be_visible(timeout=WAIT_MS)
    assert page.evaluate("window.__sameDocument === true"), "the page reloaded"

    # Open it: summary and the (redacted) transcript with the patient's request.
    second_item.click()
    expect(page.locator("#ticket-title")).to_contain_text(second[:8], timeout=WAIT_MS)
    expect(page.locator("#transcript li.patient").first).to_contain_text("operatore")
    assert page.locator("#ticket-summary").inner_text().strip()
    expect(page.locator("#reply-text")).to_be_disabled()  # not claimed yet

    page.get_by_role("button", name="Claim", exact=True).click()
    expect(page.locator("#ticket-facts")).to_contain_text("Claimed by you", timeout=WAIT_MS)
    expect(page.get_by_role("button", name="Claim", exact=True)).to_be_disabled()
    expect(page.locator("#reply-text")).to_be_enabled()

    # Canned responses, when the clinic has some, are inserted for editing.
    canned = page.locator("#canned option")
    if canned.count() > 1:
        page.select_option("#canned", index=1)
        assert page.locator("#reply-text").input_value().strip()

    reply = "Buongiorno, la richiamiamo entro dieci minuti."
    page.get_by_label("Message").fill(reply)
    page.get_by_role("button", name="Send reply").click()
    expect(page.locator("#transcript li.agent")).to_contain_text("richiamiamo", timeout=WAIT_MS)
    expect(page.locator("#reply-text")).to_have_value("")

    page.get_by_label("Add a private note").fill("richiamare dopo le 15")
    page.get_by_role("button", name="Add note").click()
    expect(page.locator("#notes")).to_contain_text("richiamare dopo le 15", timeout=WAIT_MS)

    page.get_by_role("button", name="Resolve", exact=True).click()
    expect(page.locator("#ticket-facts")).to_contain_text("Resolved", timeout=WAIT_MS)
    expect(page.get_by_role("button", name="Resolve", exact=True)).to_be_disabled()
    expect(page.locator("#reply-text")).to_be_disabled()
    # The active queue drops it; the other ticket is still waiting.
    expect(second_item).to_have_count(0, timeout=WAIT_MS)
    expect(first_item).to_be_visible()

    assert first not in page.url and second not in page.url
    assert agent_token not in page.url
    assert tab.problems == [], tab.problems

    # The page acted through its session: no token on any call, the CSRF token on every change.
    status, current = session(page)
    assert status == 200 and current["name"] == agent_name
    assert tab.api_calls, "the page made no API calls"
    assert not [url for _, url, headers in tab.api_calls if "authorization" in headers]
    posts = [(url, headers) for method, url, headers in tab.api_calls if method == "POST"]
    assert len(posts) >= 4, posts  # claim, reply, note, resolve
    assert all(headers.get("x-csrf-token") == current["csrf"] for _, headers in posts)

    # What the page did is what the API holds, done by the signed-in person.
    ticket = _ticket(base_url, second, agent_token)
    assert ticket["status"] == "resolved"
    assert ticket["assignee"] == agent_name
    assert any(t["role"] == "agent" and "richiamiamo" in t["text"] for t in ticket["transcript"])
    assert any("richiamare dopo le 15" in n["text"] for n in ticket["notes"])


@pytest.mark.browser
def test_a_change_without_the_csrf_token_is_refused(
    tab: Tab, base_url: str, demo_frontdesk: Frontdesk
) -> None:
    page = tab.page
    _, agent_token = _agent(demo_frontdesk)
    _, qa_token = _agent(demo_frontdesk, "qa")
    ticket_id = _ask_for_a_person(base_url, qa_token)
    _sign_in(tab, agent_token)
    expect(page.locator("#workspace")).to_be_visible(timeout=WAIT_MS)

    # The cookie alone (what a forged cross-site request would carry) changes nothing.
    refused = pages.post_without_csrf(page, f"/v1/handoffs/{ticket_id}/claim")
    assert [r["status"] for r in refused] == [403, 403], refused
    assert all("X-CSRF-Token" in r["body"]["detail"] for r in refused)
    assert _ticket(base_url, ticket_id, agent_token)["status"] == "open"

    # With the session's own token, the same call goes through.
    claimed: int = page.evaluate(
        """async (path) => {
            const s = await (await fetch("/v1/session")).json();
            const r = await fetch(path, {method: "POST", headers: {"X-CSRF-Token": s.csrf}});
            return r.status;
        }""",
        f"/v1/handoffs/{ticket_id}/claim",
    )
    assert claimed == 200
    assert _ticket(base_url, ticket_id, agent_token)["status"] == "claimed"


@pytest.mark.browser
def test_signing_out_ends_the_session(tab: Tab, base_url: str, demo_frontdesk: Frontdesk) -> None:
    page = tab.page
    agent_name, agent_token = _agent(demo_frontdesk)
    _sign_in(tab, agent_token)
    expect(page.locator("#who")).to_have_text(agent_name, timeout=WAIT_MS)
    signed_in = cookie(page)
    assert session(page)[0] == 200

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(at("/login"), timeout=WAIT_MS)
    expect(page.get_by_label("Your staff token")).to_be_visible()
    assert session(page)[0] == 401
    # The session itself is closed on the server, not only forgotten by this browser.
    r = httpx.get(f"{base_url}/v1/session", cookies={COOKIE: signed_in}, timeout=30)
    assert r.status_code == 401, r.text

    page.goto("/inbox")
    expect(page.locator("#signin")).to_be_visible(timeout=WAIT_MS)
    expect(page.locator("#workspace")).to_be_hidden()
    expect(page.locator("#account")).to_be_hidden()


@pytest.mark.browser
def test_a_revoked_agent_is_sent_back_to_sign_in(
    tab: Tab, base_url: str, demo_frontdesk: Frontdesk
) -> None:
    page = tab.page
    agent_name, agent_token = _agent(demo_frontdesk)
    _, qa_token = _agent(demo_frontdesk, "qa")
    ticket_id = _ask_for_a_person(base_url, qa_token)
    _sign_in(tab, agent_token)
    item = page.locator(f'#queue-list button[data-id="{ticket_id}"]')
    expect(item).to_be_visible(timeout=WAIT_MS)
    item.click()
    expect(page.locator("#transcript li.patient").first).to_be_visible(timeout=WAIT_MS)

    demo_frontdesk.users.revoke(agent_name)

    # The next refresh finds the session ended: the work is put away and sign-in is offered.
    expect(page.locator("#signin")).to_be_visible(timeout=WAIT_MS)
    expect(page.locator("#alert")).to_contain_text("session has ended")
    expect(page.locator("#alert")).to_contain_text("Sign in again")
    expect(page.locator("#workspace")).to_be_hidden()
    expect(page.locator("#account")).to_be_hidden()
    assert page.locator("#transcript li").count() == 0  # no patient text is left on screen

    # Signing in again with the revoked token is refused.
    page.get_by_role("link", name="Sign in").click()
    page.wait_for_url(at("/login"))
    page.get_by_label("Your staff token").fill(agent_token)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("body")).to_contain_text("unknown or has been revoked", timeout=WAIT_MS)
    assert "/login" in page.url


@pytest.mark.browser
def test_a_role_that_cannot_use_the_inbox_is_told_so(tab: Tab, demo_frontdesk: Frontdesk) -> None:
    page = tab.page
    qa_name, qa_token = _agent(demo_frontdesk, "qa")
    _sign_in(tab, qa_token)
    expect(page.locator("#who")).to_have_text(qa_name, timeout=WAIT_MS)
    expect(page.locator("#alert")).to_contain_text("needs an agent or admin account")
    expect(page.locator("#workspace")).to_be_hidden()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert not [url for _, url, _ in tab.api_calls if "/v1/handoffs" in url]

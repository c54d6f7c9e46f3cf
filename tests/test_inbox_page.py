"""The staff inbox page: served shell, and the handoff queue worked in a real headless Chromium."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from agent import inbox
from agent.factory import Frontdesk
from server import create_app

CHROMIUM = Path("/usr/bin/chromium")
WAIT_MS = 15000


def _paths(app: FastAPI) -> set[str]:
    return {getattr(route, "path", "") for route in app.routes}


def inbox_app(frontdesk: Frontdesk) -> FastAPI:
    """The real app with the inbox mounted (once server.py mounts it, as it is)."""
    app = create_app(frontdesk=frontdesk)
    if "/inbox" not in _paths(app):
        app.include_router(inbox.router)
    return app


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
    assert 'href="/inbox/static/inbox.css"' in r.text
    # Nothing from another origin, no inline script: the page works offline under its CSP.
    assert "http://" not in r.text and "https://" not in r.text
    assert "<script>" not in r.text
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize(
    ("name", "media_type"),
    [("inbox.js", "text/javascript"), ("inbox.css", "text/css")],
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


def test_the_script_never_logs_or_puts_data_in_urls() -> None:
    script = (Path(inbox.__file__).parent / "static" / "inbox.js").read_text(encoding="utf-8")
    assert "console." not in script
    assert "localStorage" not in script  # the token is kept for this tab only
    assert "innerHTML" not in script  # patient text goes on screen as text, never as markup
    assert "location.hash" not in script and "history.pushState" not in script


# ---------------------------------------------------------------- in a real browser


@pytest.fixture(scope="module")
def base_url(demo_frontdesk: Frontdesk) -> Iterator[str]:
    app = inbox_app(demo_frontdesk)
    if "/v1/handoffs" not in _paths(app):
        pytest.skip("the handoff API (GET /v1/handoffs) is not in server.py yet")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


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


@pytest.mark.browser
def test_agent_works_a_ticket_from_the_live_queue(base_url: str, demo_frontdesk: Frontdesk) -> None:
    from playwright.sync_api import expect, sync_playwright

    assert CHROMIUM.exists(), "Debian's chromium is missing: apt-get install -y chromium"
    suffix = uuid.uuid4().hex[:8]
    agent_name = f"inbox agent {suffix}"
    _, agent_token = demo_frontdesk.users.add(agent_name, "agent")
    _, qa_token = demo_frontdesk.users.add(f"inbox qa {suffix}", "qa")
    first = _ask_for_a_person(base_url, qa_token)

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page()
            problems: list[str] = []
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.goto(f"{base_url}/inbox")
            expect(page.locator("#signin")).to_be_visible()
            expect(page.locator("#workspace")).to_be_hidden()

            # A wrong token is refused with a clear message, and the sign-in box stays.
            page.get_by_label("Staff API token").fill("fd_not-a-real-token")
            page.get_by_role("button", name="Sign in").click()
            expect(page.locator("#alert")).to_contain_text("not accepted", timeout=WAIT_MS)
            expect(page.locator("#workspace")).to_be_hidden()
            problems.clear()  # the browser reports the refused request (401) as an error

            page.get_by_label("Staff API token").fill(agent_token)
            page.keyboard.press("Enter")
            expect(page.locator("#workspace")).to_be_visible(timeout=WAIT_MS)
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
            expect(page.locator("#transcript li.agent")).to_contain_text(
                "richiamiamo", timeout=WAIT_MS
            )
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
            assert problems == [], problems
        finally:
            browser.close()

    # What the page did is what the API holds.
    ticket = httpx.get(
        f"{base_url}/v1/handoffs/{second}",
        headers={"Authorization": f"Bearer {agent_token}"},
        timeout=30,
    ).json()
    assert ticket["status"] == "resolved"
    assert ticket["assignee"] == agent_name
    assert any(t["role"] == "agent" and "richiamiamo" in t["text"] for t in ticket["transcript"])
    assert any("richiamare dopo le 15" in n["text"] for n in ticket["notes"])

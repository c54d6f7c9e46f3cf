"""What the browser tests of the pages share: the app on a real port, Chromium, and signing in.

Each page test serves the real app with uvicorn on a free loopback port, drives
Debian's Chromium through Playwright, and signs staff in through the real
``/login`` form, so the session cookie and its CSRF token are the ones a
person's browser gets.
"""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import uvicorn
from fastapi import APIRouter, FastAPI
from playwright.sync_api import Browser, Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from agent.factory import Frontdesk
from agent.sessions import COOKIE
from server import create_app

CHROMIUM = Path("/usr/bin/chromium")
WAIT_MS = 15000
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def paths(app: FastAPI) -> set[str]:
    """Every route path of the app, including those of included routers (none has a prefix)."""
    found: set[str] = set()
    pending = list(app.routes)
    while pending:
        route = pending.pop()
        found.add(getattr(route, "path", ""))
        # Recent FastAPI keeps an included router whole, behind one wrapper route.
        pending.extend(getattr(getattr(route, "original_router", None), "routes", []))
    return found


def app_with(frontdesk: Frontdesk, path: str, router: APIRouter) -> FastAPI:
    """The real app, with ``router`` included if ``server.py`` does not already serve ``path``."""
    app = create_app(frontdesk=frontdesk)
    if path not in paths(app):
        app.include_router(router)
    return app


@contextmanager
def serving(app: FastAPI, *, start_seconds: float = 60) -> Iterator[str]:
    """Serve ``app`` on a free loopback port in a thread; yield its base URL, stop it after."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + start_seconds
    while not server.started:
        assert thread.is_alive(), "the server stopped before it started (is the port taken?)"
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def chromium() -> Iterator[Browser]:
    """Launch Debian's headless Chromium (no sandbox: tests may run as root)."""
    assert CHROMIUM.exists(), "Debian's chromium is missing: apt-get install -y chromium"
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class Tab:
    """One fresh browser profile (its own cookies), recording what its page sends and reports."""

    page: Page
    problems: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    api_calls: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)


@contextmanager
def tab(browser: Browser, base_url: str) -> Iterator[Tab]:
    """Open a fresh browser context on ``base_url``; close it (and its cookies) after."""
    context = browser.new_context(base_url=base_url)
    opened = Tab(page=context.new_page())
    opened.page.on(
        "console", lambda m: opened.problems.append(m.text) if m.type == "error" else None
    )
    opened.page.on("pageerror", lambda e: opened.problems.append(str(e)))
    opened.page.on(
        "request",
        lambda r: (
            opened.api_calls.append((r.method, r.url, dict(r.headers))) if "/v1/" in r.url else None
        ),
    )
    try:
        yield opened
    finally:
        context.close()


def add_user(frontdesk: Frontdesk, role: str, prefix: str = "staff") -> tuple[str, str]:
    """Create a staff account with a fresh name; return its name and token."""
    name = f"{prefix} {role} {uuid.uuid4().hex[:8]}"
    _, token = frontdesk.users.add(name, role)
    return name, token


def at(path: str) -> Callable[[str], bool]:
    """Match a page URL by its path alone (the query string may say where to go next)."""
    return lambda url: urlsplit(url).path == path


def sign_in(page: Page, token: str, home: str) -> None:
    """From the page at ``home``, follow "Sign in" to the real /login form, submit, come back."""
    page.goto(home)
    expect(page.locator("#signin")).to_be_visible(timeout=WAIT_MS)
    expect(page.locator("#workspace")).to_be_hidden()
    page.get_by_role("link", name="Sign in").click()
    page.wait_for_url(at("/login"))
    page.get_by_label("Your staff token").fill(token)
    page.get_by_role("button", name="Sign in").click()
    try:
        page.wait_for_url(at(home), timeout=WAIT_MS)
    except PlaywrightTimeout:
        said = page.locator(".alert").all_inner_texts()
        pytest.fail(f"signing in at /login did not lead back to {home}; the page says {said}")


def session(page: Page) -> tuple[int, dict[str, Any]]:
    """Ask GET /v1/session from inside the page (the browser sends its cookie)."""
    answer: dict[str, Any] = page.evaluate(
        """async () => {
            const r = await fetch("/v1/session", {cache: "no-store"});
            return {status: r.status, body: await r.json()};
        }"""
    )
    return int(answer["status"]), dict(answer["body"])


def cookie(page: Page) -> str:
    """The page's one session cookie."""
    values = [c["value"] for c in page.context.cookies() if c["name"] == COOKIE]
    assert len(values) == 1, "signing in must set exactly one session cookie"
    return str(values[0])


def post_without_csrf(page: Page, path: str) -> list[dict[str, Any]]:
    """POST ``path`` from the page with the cookie but no, then a wrong, CSRF token."""
    answers: list[dict[str, Any]] = page.evaluate(
        """async (path) => {
            const out = [];
            for (const headers of [{}, {"X-CSRF-Token": "not-the-token"}]) {
                const r = await fetch(path, {method: "POST", headers, cache: "no-store"});
                out.push({status: r.status, body: await r.json()});
            }
            return out;
        }""",
        path,
    )
    return answers

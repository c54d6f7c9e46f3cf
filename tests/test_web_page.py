"""The patient web chat page, driven in a real headless Chromium against a real HTTP server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from agent.factory import Frontdesk
from server import create_app

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(demo_frontdesk: Frontdesk) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(
        create_app(frontdesk=demo_frontdesk), host="127.0.0.1", port=port, log_level="warning"
    )
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


def test_patient_asks_saturday_hours_and_sees_the_source(base_url: str) -> None:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "Debian's chromium is missing: apt-get install -y chromium"
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
            page.goto(base_url)
            assert "Poliambulatorio San Luca" in page.title()
            page.fill("#text", "A che ora aprite il sabato?")
            page.keyboard.press("Enter")
            reply = page.locator(".msg.bot").first
            reply.wait_for(timeout=15000)
            assert "8:00" in reply.inner_text()
            assert "Orari e sedi" in reply.locator(".sources").inner_text()
            # A second message stays in the same conversation (cookie) and is answered too.
            page.fill("#text", "grazie!")
            page.click("#send")
            page.locator(".msg.bot").nth(1).wait_for(timeout=15000)
            assert "Prego" in page.locator(".msg.bot").nth(1).inner_text()
        finally:
            browser.close()

"""The patient web chat page, driven in a real headless Chromium against a real HTTP server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from agent.factory import Frontdesk
from server import create_app
from tests import pages

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(demo_frontdesk: Frontdesk) -> Iterator[str]:
    with pages.serving(create_app(frontdesk=demo_frontdesk)) as url:
        yield url


def test_patient_asks_saturday_hours_and_sees_the_source(base_url: str) -> None:
    with pages.chromium() as browser:
        page = browser.new_page()
        page.goto(base_url)
        assert "Poliambulatorio San Luca" in page.title()
        page.fill("#text", "A che ora aprite il sabato?")
        page.keyboard.press("Enter")
        reply = page.locator(".msg.bot").first
        reply.wait_for(timeout=pages.WAIT_MS)
        assert "8:00" in reply.inner_text()
        assert "Orari e sedi" in reply.locator(".sources").inner_text()
        # A second message stays in the same conversation (cookie) and is answered too.
        page.fill("#text", "grazie!")
        page.click("#send")
        page.locator(".msg.bot").nth(1).wait_for(timeout=pages.WAIT_MS)
        assert "Prego" in page.locator(".msg.bot").nth(1).inner_text()

"""The documents console: served shell, and documents reviewed in a real headless Chromium."""

from __future__ import annotations

import base64
import re
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
from fpdf import FPDF
from playwright.sync_api import Browser, Page, expect, sync_playwright

from agent import console
from agent.factory import Frontdesk, build
from agent.settings import Settings
from server import create_app

CHROMIUM = Path("/usr/bin/chromium")
WAIT_MS = 15000
SLOW_MS = 60000  # uploads embed every passage; the patient-data scan runs a language model


def _paths(app: FastAPI) -> set[str]:
    return {getattr(route, "path", "") for route in app.routes}


def console_app(frontdesk: Frontdesk) -> FastAPI:
    """The real app with the console mounted (once server.py mounts it, as it is)."""
    app = create_app(frontdesk=frontdesk)
    if "/admin" not in _paths(app):
        app.include_router(console.router)
    return app


def pdf_bytes(*pages: str, title: str) -> bytes:
    """A small PDF, one paragraph per page (fpdf2 core fonts: latin-1 only)."""
    pdf = FPDF()
    pdf.set_title(title)
    for text in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 7, text)
    return bytes(pdf.output())


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
def frontdesk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frontdesk]:
    """A Frontdesk of its own: the documents approved here must not reach other tests' answers."""
    fd = build(Settings(data_dir=tmp_path_factory.mktemp("console-data"), _env_file=None))
    yield fd
    fd.close()


# ---------------------------------------------------------------- the served shell


@pytest.fixture(scope="module")
def client(frontdesk: Frontdesk) -> Iterator[TestClient]:
    with TestClient(console_app(frontdesk)) as c:
        yield c


def test_page_is_served_without_a_token_and_loads_only_local_files(client: TestClient) -> None:
    r = client.get("/admin")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "Poliambulatorio San Luca" in r.text
    assert 'src="/admin/static/console.js"' in r.text
    assert 'href="/admin/static/console.css"' in r.text
    # Nothing from another origin, no inline script or style: the page works offline under its CSP.
    assert "http://" not in r.text and "https://" not in r.text
    assert "<script>" not in r.text and "style=" not in r.text and "<style" not in r.text
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["referrer-policy"] == "no-referrer"
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("name", "media_type"),
    [("console.js", "text/javascript"), ("console.css", "text/css")],
)
def test_static_files_are_served(client: TestClient, name: str, media_type: str) -> None:
    r = client.get(f"/admin/static/{name}")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media_type)
    assert "unsafe-inline" not in r.headers["content-security-policy"]
    assert len(r.content) > 500


@pytest.mark.parametrize(
    "name",
    [
        "inbox.js",  # a real static file, but the inbox's, not the console's
        "console.html",  # the template is rendered, never served raw
        "..%2Fserver.py",  # an encoded path escape
        "console.js.map",
    ],
)
def test_only_the_listed_static_files_are_served(client: TestClient, name: str) -> None:
    r = client.get(f"/admin/static/{name}")
    assert r.status_code == 404
    assert "detail" in r.json()


def test_the_script_never_logs_or_puts_data_in_urls_or_markup() -> None:
    script = (Path(console.__file__).parent / "static" / "console.js").read_text(encoding="utf-8")
    assert not re.search(r"\bconsole\.\w+\(", script)
    assert "localStorage" not in script  # the token is kept for this tab only
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script
    # Confirmations are inline buttons, not native dialogs a test (or a screen reader) trips on.
    assert not re.search(r"(?<![\w.])(confirm|alert|prompt)\(|window\.(confirm|alert)", script)
    assert "location.hash" not in script and "history.pushState" not in script


# ---------------------------------------------------------------- in a real browser


@pytest.fixture(scope="module")
def app(frontdesk: Frontdesk) -> FastAPI:
    return console_app(frontdesk)


@pytest.fixture(scope="module")
def base_url(app: FastAPI) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "Debian's chromium is missing: apt-get install -y chromium"
    with sync_playwright() as p:
        launched = p.chromium.launch(
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
        yield launched
        launched.close()


@pytest.fixture
def admin(frontdesk: Frontdesk) -> tuple[str, str]:
    """A fresh admin account: (name, token)."""
    name = f"console admin {uuid.uuid4().hex[:8]}"
    _, token = frontdesk.users.add(name, "admin")
    return name, token


def _open(browser: Browser, base_url: str) -> tuple[Page, list[str]]:
    """Open the console in a fresh tab; the list collects script errors and failed requests."""
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(f"{base_url}/admin")
    expect(page.locator("#signin")).to_be_visible()
    expect(page.locator("#workspace")).to_be_hidden()
    return page, problems


def _sign_in(page: Page, token: str) -> None:
    page.get_by_label("Admin API token").fill(token)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#workspace")).to_be_visible(timeout=WAIT_MS)
    expect(page.locator("#alert")).to_be_hidden()


def _pick(page: Page, name: str, data: bytes) -> None:
    """Upload through the file picker."""
    page.get_by_label("Choose a file").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": data}
    )
    page.get_by_role("button", name="Upload", exact=True).click()


def _drop(page: Page, name: str, data: bytes) -> None:
    """Upload by dropping a file on the drop zone, as a drag from the desktop does."""
    transfer = page.evaluate_handle(
        """([name, b64]) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, { type: "application/pdf" }));
            return transfer;
        }""",
        [name, base64.b64encode(data).decode("ascii")],
    )
    page.dispatch_event("#dropzone", "dragenter", {"dataTransfer": transfer})
    page.dispatch_event("#dropzone", "drop", {"dataTransfer": transfer})
    expect(page.locator("#upload-chosen")).to_contain_text(name)
    page.get_by_role("button", name="Upload", exact=True).click()


def _selected_id(page: Page) -> str:
    selected = page.locator('#doc-list button[aria-current="true"]')
    expect(selected).to_have_count(1, timeout=SLOW_MS)
    return str(selected.get_attribute("data-id"))


def _approve(page: Page) -> None:
    page.get_by_role("button", name="Approve", exact=True).click()
    page.get_by_role("button", name="Yes, approve").click()
    expect(page.locator("#doc-badge")).to_have_text("Approved · in use", timeout=WAIT_MS)


@pytest.mark.browser
def test_wrong_and_agent_tokens_are_told_what_to_do(
    browser: Browser, base_url: str, frontdesk: Frontdesk
) -> None:
    _, agent_token = frontdesk.users.add(f"console agent {uuid.uuid4().hex[:8]}", "agent")
    page, _ = _open(browser, base_url)
    try:
        page.get_by_label("Admin API token").fill("fd_not-a-real-token")
        page.get_by_role("button", name="Sign in").click()
        expect(page.locator("#alert")).to_contain_text("not accepted", timeout=WAIT_MS)
        expect(page.locator("#workspace")).to_be_hidden()

        page.get_by_label("Admin API token").fill(agent_token)
        page.keyboard.press("Enter")
        expect(page.locator("#alert")).to_contain_text("needs an admin", timeout=WAIT_MS)
        expect(page.locator("#workspace")).to_be_hidden()
        expect(page.get_by_label("Admin API token")).to_be_focused()
        assert page.evaluate("sessionStorage.length") == 0, "a refused token must not be kept"
    finally:
        page.close()


@pytest.mark.browser
def test_admin_uploads_approves_and_the_audit_log_shows_who(
    browser: Browser, base_url: str, admin: tuple[str, str]
) -> None:
    name, token = admin
    suffix = uuid.uuid4().hex[:8]
    data = pdf_bytes(
        "The clinic is open Monday to Friday from 8:00 to 19:00.", title=f"Opening hours {suffix}"
    )
    page, problems = _open(browser, base_url)
    try:
        _sign_in(page, token)
        _pick(page, f"hours-{suffix}.pdf", data)
        expect(page.locator("#upload-status")).to_contain_text("pending review", timeout=SLOW_MS)
        doc_id = _selected_id(page)
        item = page.locator(f'#doc-list button[data-id="{doc_id}"]')
        expect(item).to_contain_text("Pending review")
        expect(page.locator("#doc-title")).to_contain_text(f"Opening hours {suffix}")
        expect(page.locator("#doc-facts")).to_contain_text(name)
        expect(page.get_by_role("button", name="Retire", exact=True)).to_be_visible()

        # Approving asks inline first; cancelling changes nothing.
        page.get_by_role("button", name="Approve", exact=True).click()
        expect(page.locator("#confirm")).to_contain_text("Approve version 1")
        page.get_by_role("button", name="Cancel").click()
        expect(page.locator("#confirm")).to_be_hidden()
        assert (
            httpx.get(f"{base_url}/v1/documents/{doc_id}", headers=auth(token), timeout=30).json()[
                "status"
            ]
            == "pending"
        )

        _approve(page)
        expect(item).to_contain_text("Approved")
        expect(page.get_by_role("button", name="Approve", exact=True)).to_be_hidden()
        expect(page.locator("#doc-facts")).to_contain_text("Approved")

        # The audit log, newest first: the approval above the upload, both by this admin.
        rows = page.locator("#audit-rows tr", has_text=f"document:{doc_id}")
        expect(rows).to_have_count(2, timeout=WAIT_MS)
        expect(rows.nth(0)).to_contain_text("document.approve")
        expect(rows.nth(1)).to_contain_text("document.upload")
        for i in range(2):
            expect(rows.nth(i)).to_contain_text(name)

        assert doc_id not in page.url and token not in page.url
        assert problems == [], problems
    finally:
        page.close()

    # What the page did is what the API holds.
    doc = httpx.get(f"{base_url}/v1/documents/{doc_id}", headers=auth(token), timeout=30).json()
    assert doc["status"] == "approved" and doc["approved_by"] == name


@pytest.mark.browser
def test_a_file_that_cannot_be_read_shows_what_to_fix(
    browser: Browser, base_url: str, admin: tuple[str, str]
) -> None:
    _, token = admin
    bad_files = [
        ("broken.pdf", b"%PDF-1.7\n this is not really a pdf"),  # corrupt
        ("scan.pdf", pdf_bytes("", title="Scan")),  # no text layer: needs OCR
    ]
    page, _ = _open(browser, base_url)
    try:
        _sign_in(page, token)
        before = httpx.get(f"{base_url}/v1/documents", headers=auth(token), timeout=30).json()
        for filename, data in bad_files:
            r = httpx.post(
                f"{base_url}/v1/documents",
                files={"file": (filename, data)},
                headers=auth(token),
                timeout=60,
            )
            assert 400 <= r.status_code < 500, r.text
            _pick(page, filename, data)
            # The server's message, word for word: it says what to fix.
            expect(page.locator("#upload-status")).to_have_text(
                "Not uploaded: " + r.json()["detail"], timeout=SLOW_MS
            )
            expect(page.locator("#upload-progress-box")).to_be_hidden()
        assert (
            httpx.get(f"{base_url}/v1/documents", headers=auth(token), timeout=30).json() == before
        )
    finally:
        page.close()


@pytest.mark.browser
def test_patient_data_is_flagged_before_approval(
    browser: Browser, base_url: str, admin: tuple[str, str]
) -> None:
    _, token = admin
    suffix = uuid.uuid4().hex[:8]
    data = pdf_bytes(
        "Blood test results are published on the patient portal within three working days.",
        "Call back Margaret Thompson on 020 7946 0018 about her blood test results.",
        title=f"Results {suffix}",
    )
    page, problems = _open(browser, base_url)
    try:
        _sign_in(page, token)
        _pick(page, f"results-{suffix}.pdf", data)
        doc_id = _selected_id(page)
        expect(page.locator("#pages")).to_contain_text("Page 2", timeout=WAIT_MS)
        expect(page.locator("#pages")).to_contain_text("patient portal")

        findings = page.locator("#phi-findings li")
        expect(findings.first).to_be_visible(timeout=SLOW_MS)
        expect(page.locator("#phi-findings")).to_contain_text("Page 2")
        expect(page.locator("#phi-findings")).to_contain_text(re.compile("PERSON|PHONE_NUMBER"))
        expect(page.locator("#phi-warning")).to_be_visible()
        expect(page.locator("#phi-warning")).to_contain_text("publishes")

        # The approval step repeats the warning; the admin retires the version instead.
        page.get_by_role("button", name="Approve", exact=True).click()
        expect(page.locator("#confirm-warning")).to_contain_text("patient data")
        page.get_by_role("button", name="Cancel").click()
        page.get_by_role("button", name="Retire", exact=True).click()
        page.get_by_role("button", name="Yes, retire").click()
        expect(page.locator("#doc-badge")).to_have_text("Retired", timeout=WAIT_MS)
        item = page.locator(f'#doc-list button[data-id="{doc_id}"]')
        expect(item).to_have_count(0)  # retired versions are hidden until asked for
        page.get_by_label("Show retired versions").check()
        expect(item).to_contain_text("Retired")
        assert problems == [], problems
    finally:
        page.close()
    doc = httpx.get(f"{base_url}/v1/documents/{doc_id}", headers=auth(token), timeout=30).json()
    assert doc["status"] == "retired" and doc["approved_at"] is None


@pytest.mark.browser
def test_a_new_version_is_tried_and_compared_before_it_replaces_the_old_one(
    browser: Browser, base_url: str, admin: tuple[str, str]
) -> None:
    name, token = admin
    suffix = uuid.uuid4().hex[:8]
    filename = f"parking-{suffix}.pdf"  # same file name: the same document, a new version

    def parking(spaces: str) -> bytes:
        return pdf_bytes(
            "Patients can park for free behind the building, where there are "
            f"{spaces} spaces.\nBicycles can be left in the covered rack by the entrance.",
            title=f"Parking {suffix}",
        )

    r = httpx.post(
        f"{base_url}/v1/documents",
        files={"file": (filename, parking("forty"))},
        headers=auth(token),
        timeout=60,
    )
    assert r.status_code == 201, r.text
    old_id = r.json()["id"]
    r = httpx.post(f"{base_url}/v1/documents/{old_id}/approve", headers=auth(token), timeout=60)
    assert r.status_code == 200, r.text

    page, problems = _open(browser, base_url)
    try:
        _sign_in(page, token)
        _drop(page, filename, parking("sixty"))
        expect(page.locator("#upload-status")).to_contain_text("version 2", timeout=SLOW_MS)
        new_id = _selected_id(page)
        assert new_id != old_id
        # Both versions under one document: the one in use and the pending one.
        family = page.locator("#doc-list li.family", has_text=f"Parking {suffix}")
        expect(family.locator(f'button[data-id="{old_id}"]')).to_contain_text("Approved")
        expect(family.locator(f'button[data-id="{new_id}"]')).to_contain_text("Pending review")

        expect(page.locator("#pages")).to_contain_text("sixty spaces", timeout=WAIT_MS)
        expect(page.locator("#phi-status")).to_have_text("No patient data found.", timeout=SLOW_MS)
        expect(page.locator("#phi-warning")).to_be_hidden()

        # The sandbox answers from this version, next to what patients get today.
        page.get_by_label("Question for this version").fill("Where can patients park?")
        page.get_by_role("button", name="Ask", exact=True).click()
        expect(page.locator("#answer-version")).to_contain_text("sixty", timeout=SLOW_MS)
        expect(page.locator("#answer-current")).to_contain_text("forty")
        expect(page.locator("#answer-current-title")).to_contain_text("version 1")

        history = page.locator("#history > li")
        expect(history).to_have_count(2, timeout=WAIT_MS)
        expect(history.nth(0)).to_contain_text("Version 2")
        expect(history.nth(0)).to_contain_text("Pending review")
        expect(history.nth(1)).to_contain_text("Version 1")
        expect(history.nth(1)).to_contain_text("Approved")
        expect(history.nth(1)).to_contain_text(name)

        page.get_by_role("button", name="Show changes from version 1").click()
        expect(page.locator("#diff li.del")).to_contain_text(["forty"], timeout=WAIT_MS)
        expect(page.locator("#diff li.add")).to_contain_text(["sixty"])
        expect(page.locator("#diff-title")).to_contain_text("version 1")
        colours = {
            kind: page.locator(f"#diff li.{kind}").first.evaluate(
                "(n) => getComputedStyle(n).backgroundColor"
            )
            for kind in ("add", "del")
        }
        assert colours["add"] != colours["del"], colours
        assert "rgba(0, 0, 0, 0)" not in colours.values(), colours

        page.get_by_role("button", name="Approve", exact=True).click()
        expect(page.locator("#confirm")).to_contain_text("version 1 is retired")
        page.get_by_role("button", name="Yes, approve").click()
        expect(page.locator("#doc-badge")).to_have_text("Approved · in use", timeout=WAIT_MS)
        expect(history.nth(1)).to_contain_text("Retired", timeout=WAIT_MS)
        assert problems == [], problems
    finally:
        page.close()

    docs = {
        d["id"]: d
        for d in httpx.get(f"{base_url}/v1/documents", headers=auth(token), timeout=30).json()
    }
    assert docs[old_id]["status"] == "retired"
    assert docs[new_id]["status"] == "approved" and docs[new_id]["replaces"] == old_id

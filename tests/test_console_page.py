"""The documents console: served shell, and documents reviewed in a real headless Chromium."""

from __future__ import annotations

import base64
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from fpdf import FPDF
from playwright.sync_api import Browser, Page, expect

from agent import console
from agent.factory import Frontdesk, build
from agent.sessions import COOKIE
from agent.settings import Settings
from tests import pages
from tests.pages import WAIT_MS, Tab, at, session

SLOW_MS = 60000  # uploads embed every passage; the patient-data scan runs a language model


def console_app(frontdesk: Frontdesk) -> FastAPI:
    """The real app with the console mounted (once server.py mounts it, as it is)."""
    return pages.app_with(frontdesk, "/admin", console.router)


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
    # The shared staff script comes first: the console's own script builds on it.
    staff_at = r.text.index('src="/admin/static/staff.js"')
    assert staff_at < r.text.index('src="/admin/static/console.js"')
    # Signing in happens on /login; the page itself never asks for a token.
    assert 'href="/login?next=/admin"' in r.text
    assert 'type="password"' not in r.text
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
    [
        ("console.js", "text/javascript"),
        ("staff.js", "text/javascript"),
        ("console.css", "text/css"),
    ],
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


@pytest.mark.parametrize("name", ["console.js", "staff.js"])
def test_the_script_never_logs_or_puts_data_in_urls_or_markup(name: str) -> None:
    script = (Path(console.__file__).parent / "static" / name).read_text(encoding="utf-8")
    assert not re.search(r"\bconsole\.\w+\(", script)
    # Nothing is kept by the script: the session is an HttpOnly cookie it cannot even read.
    assert "localStorage" not in script and "sessionStorage" not in script
    assert "document.cookie" not in script
    assert "Authorization" not in script and "Bearer" not in script
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


@pytest.fixture
def admin(frontdesk: Frontdesk) -> tuple[str, str]:
    """A fresh admin account: (name, token)."""
    return pages.add_user(frontdesk, "admin", "console")


def _sign_in(tab: Tab, token: str) -> None:
    """Sign in through the real /login form and land on a working console."""
    page = tab.page
    pages.sign_in(page, token, "/admin")
    expect(page.locator("#workspace")).to_be_visible(timeout=WAIT_MS)
    expect(page.locator("#alert")).to_be_hidden()
    tab.problems.clear()  # the browser reports the first, signed-out GET /v1/session (401)


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


def _upload(base_url: str, token: str, name: str, data: bytes) -> str:
    """Upload a file through the API (as a script would); return the pending version's id."""
    r = httpx.post(
        f"{base_url}/v1/documents", files={"file": (name, data)}, headers=auth(token), timeout=60
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


@pytest.mark.browser
def test_signed_out_the_console_sends_to_sign_in_and_refuses_a_wrong_token(tab: Tab) -> None:
    page = tab.page
    page.goto("/admin")
    expect(page.locator("#signin")).to_be_visible(timeout=WAIT_MS)
    expect(page.locator("#workspace")).to_be_hidden()
    expect(page.locator("#account")).to_be_hidden()
    expect(page.locator("#alert")).to_be_hidden()  # not signed in yet is not an error
    page.get_by_role("link", name="Sign in").click()
    page.wait_for_url(at("/login"))
    assert "next=/admin" in page.url or "next=%2Fadmin" in page.url
    page.get_by_label("Your staff token").fill("fd_not-a-real-token")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("body")).to_contain_text("unknown or has been revoked", timeout=WAIT_MS)
    assert not [c for c in page.context.cookies() if c["name"] == COOKIE]
    assert page.evaluate("sessionStorage.length") == 0


@pytest.mark.browser
def test_an_agent_is_told_the_console_needs_an_admin_account(
    tab: Tab, frontdesk: Frontdesk
) -> None:
    page = tab.page
    agent_name, agent_token = pages.add_user(frontdesk, "agent", "console")
    pages.sign_in(page, agent_token, "/admin")
    expect(page.locator("#who")).to_have_text(agent_name, timeout=WAIT_MS)
    expect(page.locator("#alert")).to_contain_text("needs an admin account")
    expect(page.locator("#workspace")).to_be_hidden()
    assert not [url for _, url, _ in tab.api_calls if "/v1/documents" in url]

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(at("/login"), timeout=WAIT_MS)
    assert session(page)[0] == 401


@pytest.mark.browser
def test_a_change_without_the_csrf_token_is_refused(
    tab: Tab, base_url: str, admin: tuple[str, str]
) -> None:
    _, token = admin
    suffix = uuid.uuid4().hex[:8]
    doc_id = _upload(
        base_url, token, f"csrf-{suffix}.pdf", pdf_bytes("Lockers.", title=f"Lockers {suffix}")
    )
    page = tab.page
    _sign_in(tab, token)

    # The cookie alone (what a forged cross-site request would carry) changes nothing.
    refused = pages.post_without_csrf(page, f"/v1/documents/{doc_id}/approve")
    assert [r["status"] for r in refused] == [403, 403], refused
    assert all("X-CSRF-Token" in r["body"]["detail"] for r in refused)
    doc = httpx.get(f"{base_url}/v1/documents/{doc_id}", headers=auth(token), timeout=30).json()
    assert doc["status"] == "pending"


@pytest.mark.browser
def test_a_session_that_ends_mid_work_clears_the_console(
    tab: Tab, base_url: str, frontdesk: Frontdesk, admin: tuple[str, str]
) -> None:
    name, token = admin
    suffix = uuid.uuid4().hex[:8]
    doc_id = _upload(
        base_url, token, f"ended-{suffix}.pdf", pdf_bytes("Wifi.", title=f"Wifi {suffix}")
    )
    page = tab.page
    _sign_in(tab, token)
    page.locator(f'#doc-list button[data-id="{doc_id}"]').click()
    expect(page.locator("#doc-title")).to_contain_text(f"Wifi {suffix}", timeout=WAIT_MS)
    # Everything the document opened with has arrived: the ended session is found
    # by the next action, not by a request still in flight.
    expect(page.locator("#phi-status")).to_have_text("No patient data found.", timeout=WAIT_MS)
    expect(page.locator("#pages li")).to_have_count(1, timeout=WAIT_MS)
    expect(page.locator("#history-status")).to_have_text(
        "This is the only version of this document.", timeout=WAIT_MS
    )

    frontdesk.users.revoke(name)
    page.get_by_role("button", name="Refresh", exact=True).first.click()

    expect(page.locator("#alert")).to_contain_text("session has ended", timeout=WAIT_MS)
    expect(page.locator("#alert")).to_contain_text("Sign in again")
    expect(page.locator("#signin")).to_be_visible()
    expect(page.locator("#workspace")).to_be_hidden()
    expect(page.locator("#account")).to_be_hidden()
    assert page.locator("#doc-list li").count() == 0
    assert page.locator("#audit-rows tr").count() == 0
    assert page.locator("#doc-facts").inner_text() == ""


@pytest.mark.browser
def test_signing_out_ends_the_session(tab: Tab, base_url: str, admin: tuple[str, str]) -> None:
    name, token = admin
    page = tab.page
    _sign_in(tab, token)
    expect(page.locator("#who")).to_have_text(name)
    signed_in = pages.cookie(page)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(at("/login"), timeout=WAIT_MS)
    r = httpx.get(f"{base_url}/v1/session", cookies={COOKIE: signed_in}, timeout=30)
    assert r.status_code == 401, r.text
    page.goto("/admin")
    expect(page.locator("#signin")).to_be_visible(timeout=WAIT_MS)
    expect(page.locator("#workspace")).to_be_hidden()


@pytest.mark.browser
def test_admin_uploads_approves_and_the_audit_log_shows_who(
    tab: Tab, base_url: str, admin: tuple[str, str]
) -> None:
    name, token = admin
    suffix = uuid.uuid4().hex[:8]
    data = pdf_bytes(
        "The clinic is open Monday to Friday from 8:00 to 19:00.", title=f"Opening hours {suffix}"
    )
    page, problems = tab.page, tab.problems
    try:
        _sign_in(tab, token)
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

        # The page acted through its session: no token on any call, the CSRF token on every
        # change, the multipart upload included.
        status, current = session(page)
        assert status == 200 and current["name"] == name
        assert not [url for _, url, headers in tab.api_calls if "authorization" in headers]
        posts = [(url, h) for method, url, h in tab.api_calls if method == "POST"]
        assert [url for url, _ in posts if url.endswith("/v1/documents")], posts
        assert [url for url, _ in posts if url.endswith("/approve")], posts
        assert all(h.get("x-csrf-token") == current["csrf"] for _, h in posts), posts
    finally:
        page.close()

    # What the page did is what the API holds.
    doc = httpx.get(f"{base_url}/v1/documents/{doc_id}", headers=auth(token), timeout=30).json()
    assert doc["status"] == "approved" and doc["approved_by"] == name


@pytest.mark.browser
def test_a_file_that_cannot_be_read_shows_what_to_fix(
    tab: Tab, base_url: str, admin: tuple[str, str]
) -> None:
    _, token = admin
    bad_files = [
        ("broken.pdf", b"%PDF-1.7\n this is not really a pdf"),  # corrupt
        ("scan.pdf", pdf_bytes("", title="Scan")),  # no text layer: needs OCR
    ]
    page = tab.page
    try:
        _sign_in(tab, token)
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
    tab: Tab, base_url: str, admin: tuple[str, str]
) -> None:
    _, token = admin
    suffix = uuid.uuid4().hex[:8]
    data = pdf_bytes(
        "Blood test results are published on the patient portal within three working days.",
        "Call back Margaret Thompson on 020 7946 0018 about her blood test results.",
        title=f"Results {suffix}",
    )
    page, problems = tab.page, tab.problems
    try:
        _sign_in(tab, token)
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
    tab: Tab, base_url: str, admin: tuple[str, str]
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

    page, problems = tab.page, tab.problems
    try:
        _sign_in(tab, token)
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

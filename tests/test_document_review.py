"""What an admin checks before approving: page text, patient data, sandbox answers, versions.

Also the hostile uploads the other server tests do not send: an encrypted PDF
and a file over the size limit, each refused while the version in use keeps
answering.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader, PdfWriter

from agent.factory import Frontdesk
from server import create_app
from tests.test_server import pdf_bytes

_turns = itertools.count(1)
PATIENT = "Lorenza Pastorelli"
PATIENT_PHONE = "347 118 2290"


@pytest.fixture(scope="module")
def client(demo_frontdesk: Frontdesk) -> Iterator[TestClient]:
    with TestClient(create_app(frontdesk=demo_frontdesk)) as c:
        yield c


@pytest.fixture(scope="module")
def admin(demo_frontdesk: Frontdesk) -> dict[str, str]:
    return {"Authorization": f"Bearer {demo_frontdesk.users.add('review admin', 'admin')[1]}"}


def _upload(client: TestClient, admin: dict[str, str], name: str, data: bytes) -> dict:
    r = client.post("/v1/documents", files={"file": (name, io.BytesIO(data))}, headers=admin)
    assert r.status_code == 201, r.text
    return r.json()


def _ask(client: TestClient, admin: dict[str, str], question: str) -> str:
    r = client.post(
        "/v1/chat", json={"conversation_id": f"review-{next(_turns)}", "text": question},
        headers={"Authorization": admin["Authorization"]},
    )  # fmt: skip
    assert r.status_code == 200, r.text
    return " ".join(reply["text"] for reply in r.json()["replies"])


def test_pages_phi_sandbox_history_and_diff(client: TestClient, admin: dict[str, str]) -> None:
    v1 = _upload(
        client, admin, "garden-hours.pdf",
        pdf_bytes(
            "Healing garden\n\nThe healing garden behind the Main Site is open every day "
            "from 9:00 to 17:00 for patients and visitors.",
            "Page two\n\nDogs are not allowed in the healing garden.",
            title="Healing garden",
        ),
    )  # fmt: skip
    pages = client.get(f"/v1/documents/{v1['id']}/pages", headers=admin).json()["pages"]
    assert [p["page"] for p in pages] == [1, 2]
    assert "9:00 to 17:00" in pages[0]["text"] and "Dogs" in pages[1]["text"]
    assert client.get(f"/v1/documents/{v1['id']}/phi", headers=admin).json()["findings"] == []

    # The sandbox answers from the pending version; the bot does not use it yet.
    asked = client.post(
        f"/v1/documents/{v1['id']}/ask",
        json={"question": "When is the healing garden open?"},
        headers=admin,
    ).json()
    assert "17:00" in asked["version"]["text"] and asked["current"] is None
    assert asked["version"]["citations"][0]["document_id"] == v1["id"]
    assert "17:00" not in _ask(client, admin, "When is the healing garden open?")

    approved = client.post(f"/v1/documents/{v1['id']}/approve", headers=admin).json()
    assert approved["status"] == "approved"

    # Version 2 leaks a patient's name and phone: the scan finds them, masked.
    v2 = _upload(
        client, admin, "garden-hours.pdf",
        pdf_bytes(
            "Healing garden\n\nThe healing garden behind the Main Site is open every day "
            "from 10:00 to 16:00 for patients and visitors.",
            f"Page two\n\nDogs are not allowed. Complaint from {PATIENT}, tel {PATIENT_PHONE}.",
            title="Healing garden",
        ),
    )  # fmt: skip
    assert v2["version"] == 2 and v2["status"] == "pending"
    scan = client.get(f"/v1/documents/{v2['id']}/phi", headers=admin)
    findings = scan.json()["findings"]
    assert {f["type"] for f in findings} >= {"PERSON", "PHONE_NUMBER"}
    assert all(f["page"] == 2 for f in findings)
    assert PATIENT not in scan.text and PATIENT_PHONE not in scan.text
    assert any("<PERSON>" in f["context"] for f in findings)

    both = client.post(
        f"/v1/documents/{v2['id']}/ask",
        json={"question": "When is the healing garden open?"},
        headers=admin,
    ).json()
    assert "16:00" in both["version"]["text"]
    assert both["current"]["document_id"] == v1["id"] and "17:00" in both["current"]["text"]

    history = client.get(f"/v1/documents/{v2['id']}/history", headers=admin).json()
    assert [(d["version"], d["status"]) for d in history] == [(2, "pending"), (1, "approved")]
    assert history[1]["approved_by"] == "review admin" and history[1]["approved_at"]

    diff = client.get(f"/v1/documents/{v2['id']}/diff", headers=admin).json()
    assert diff["from"] == v1["id"] and diff["to"] == v2["id"]
    assert any(line.startswith("-") and "17:00" in line for line in diff["diff"])
    assert any(line.startswith("+") and "16:00" in line for line in diff["diff"])
    first = client.get(f"/v1/documents/{v1['id']}/diff", headers=admin)
    assert first.status_code == 422 and "first version" in first.json()["detail"]
    assert client.post(f"/v1/documents/{v2['id']}/retire", headers=admin).status_code == 200
    audit = client.get("/v1/audit", headers=admin).json()
    mine = [
        (e["actor"], e["action"], e["target"])
        for e in audit
        if e["target"] in (f"document:{v1['id']}", f"document:{v2['id']}")
    ]
    assert mine == [
        ("review admin", "document.upload", f"document:{v1['id']}"),
        ("review admin", "document.approve", f"document:{v1['id']}"),
        ("review admin", "document.upload", f"document:{v2['id']}"),
        ("review admin", "document.retire", f"document:{v2['id']}"),
    ]
    assert all(e["at"] for e in audit)
    client.post(f"/v1/documents/{v1['id']}/retire", headers=admin)


def _encrypted_pdf() -> bytes:
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_bytes("Secret opening hours"))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="clinic-2026", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("filename", "make", "fragment"),
    [
        ("locked.pdf", _encrypted_pdf, "encrypted"),
        ("huge.pdf", lambda: b"%PDF-1.7\n" + b"0" * (21 * 1024 * 1024), "limit"),
    ],
)
def test_encrypted_and_oversized_uploads_are_refused_and_hours_still_answered(
    client: TestClient, admin: dict[str, str], filename: str, make: object, fragment: str
) -> None:
    before = client.get("/v1/documents", headers=admin).json()
    data = make()  # type: ignore[operator]
    r = client.post("/v1/documents", files={"file": (filename, io.BytesIO(data))}, headers=admin)
    assert 400 <= r.status_code < 500, r.text
    assert fragment in r.json()["detail"]
    assert client.get("/v1/documents", headers=admin).json() == before
    assert "8:00" in _ask(client, admin, "A che ora aprite il sabato?")

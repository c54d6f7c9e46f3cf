"""The HTTP contract of ARCHITECTURE §3, over the demo clinic, through the real stack."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fpdf import FPDF

from agent.factory import Frontdesk
from server import create_app


@pytest.fixture(scope="module")
def frontdesk(demo_frontdesk: Frontdesk) -> Frontdesk:
    return demo_frontdesk


@pytest.fixture(scope="module")
def client(frontdesk: Frontdesk) -> Iterator[TestClient]:
    with TestClient(create_app(frontdesk=frontdesk)) as c:
        yield c


@pytest.fixture(scope="module")
def tokens(frontdesk: Frontdesk) -> dict[str, str]:
    return {role: frontdesk.users.add(f"{role} user", role)[1] for role in ("admin", "agent", "qa")}


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def chat(client: TestClient, token: str, text: str, conversation: str = "c1") -> dict:
    r = client.post(
        "/v1/chat", json={"conversation_id": conversation, "text": text}, headers=auth(token)
    )
    assert r.status_code == 200, r.text
    return r.json()


def pdf_bytes(*pages: str, title: str = "Doc") -> bytes:
    pdf = FPDF()
    pdf.set_title(title)
    for text in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=12)
        pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def test_healthz(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_saturday_question_is_answered_with_its_source(client: TestClient, tokens: dict) -> None:
    turn = chat(client, tokens["qa"], "A che ora aprite il sabato?", "sat")
    assert turn["language"] == "it"
    assert "8:00" in turn["replies"][0]["text"]
    assert turn["citations"] and turn["citations"][0]["title"] == "Orari e sedi"
    assert set(turn) >= {"conversation_id", "intent", "emergency", "refused", "handoff", "verdicts"}
    assert turn["handoff"] is None and turn["emergency"] is False
    assert any(v["guard"] == "phi_redaction" for v in turn["verdicts"])


def test_unanswerable_question_gets_an_honest_no(client: TestClient, tokens: dict) -> None:
    turn = chat(client, tokens["qa"], "fate sedute di agopuntura?", "acu")
    assert turn["citations"] == []
    assert "non ho questa informazione" in turn["replies"][0]["text"]


def test_identifiers_never_reach_the_stored_transcript_or_logs(
    client: TestClient, tokens: dict, caplog: pytest.LogCaptureFixture
) -> None:
    secret_bits = ["mario.rossi@example.com", "+39 333 123 4567"]
    with caplog.at_level(logging.DEBUG):
        chat(
            client,
            tokens["qa"],
            "mi chiamo Mario Rossi, scrivetemi a mario.rossi@example.com o al +39 333 123 4567",
            "phi",
        )
    transcript = client.get("/v1/conversations/phi", headers=auth(tokens["agent"])).json()
    stored = " ".join(t["text"] for t in transcript["turns"])
    for bit in [*secret_bits, "Mario Rossi"]:
        assert bit not in stored
        assert bit not in caplog.text
    assert "<EMAIL_ADDRESS_1>" in stored


def test_redact_returns_placeholders_and_offsets_into_the_text(
    client: TestClient, tokens: dict
) -> None:
    text = "sono Giulia Ferri, cell 333 1234567, cf RSSMRA85T10A562S"
    r = client.post("/v1/redact", json={"text": text}, headers=auth(tokens["qa"]))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["language"] == "it"
    spans = {text[e["start"] : e["end"]]: e["type"] for e in body["entities"]}
    assert spans["333 1234567"] == "PHONE_NUMBER"
    assert spans["RSSMRA85T10A562S"] == "IT_FISCAL_CODE"
    assert "Giulia Ferri" in spans
    for value in spans:
        assert value not in body["text"]
    assert "<PHONE_NUMBER_1>" in body["text"]


def test_redact_keeps_what_the_approved_documents_name(client: TestClient, tokens: dict) -> None:
    # The medical director and the clinic's phone line are in the approved documents.
    text = "posso parlare con la dr.ssa Elena Marchetti? ho chiamato il +39 02 5550 1234"
    r = client.post("/v1/redact", json={"text": text, "language": "it"}, headers=auth(tokens["qa"]))
    assert r.json()["text"] == text
    assert r.json()["entities"] == []
    patient = client.post(
        "/v1/redact", json={"text": "sono Elena Rinaldi"}, headers=auth(tokens["qa"])
    ).json()
    assert "Rinaldi" not in patient["text"]


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"text": "  "}, "empty"),
        ({"text": "x" * 4097}, "4096"),
        ({"text": "hello", "language": "de"}, "language"),
    ],
)
def test_bad_redact_input_is_422(
    client: TestClient, tokens: dict, body: dict, fragment: str
) -> None:
    r = client.post("/v1/redact", json=body, headers=auth(tokens["qa"]))
    assert r.status_code == 422
    assert fragment in r.text


def test_a_national_id_gets_the_safety_reply_then_the_answer(
    client: TestClient, tokens: dict
) -> None:
    turn = chat(client, tokens["qa"], "RSSMRA85T10A562S, a che ora aprite il sabato?", "cf")
    texts = [r["text"] for r in turn["replies"]]
    assert len(texts) == 2
    assert "codice fiscale" in texts[0] and "portale" in texts[0]
    assert "8:00" in texts[1]
    assert all("RSSMRA85T10A562S" not in t for t in texts)
    only_id = chat(client, tokens["qa"], "RSSMRA85T10A562S", "cf-only")
    assert len(only_id["replies"]) == 1 and "portale" in only_id["replies"][0]["text"]


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"conversation_id": "x", "text": "   "}, "empty"),  # whitespace only
        ({"conversation_id": "x", "text": ""}, "empty"),  # nothing at all
        ({"conversation_id": "x", "text": "a" * 4097}, "4096"),  # over the limit
        ({"conversation_id": "", "text": "ciao"}, "conversation_id"),  # no conversation id
        ({"text": "ciao"}, "conversation_id"),  # missing field
    ],
)
def test_bad_chat_input_is_422_saying_what_to_fix(
    client: TestClient, tokens: dict, body: dict, fragment: str
) -> None:
    r = client.post("/v1/chat", json=body, headers=auth(tokens["qa"]))
    assert r.status_code == 422
    assert fragment in r.text


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("post", "/v1/chat", {"qa", "admin"}),
        ("get", "/v1/documents", {"admin"}),
        ("post", "/v1/documents/nope/approve", {"admin"}),
        ("post", "/v1/documents/nope/retire", {"admin"}),
        ("get", "/v1/conversations/nope", {"agent", "admin"}),
        ("post", "/v1/redact", {"qa", "admin"}),
    ],
)
def test_roles(client: TestClient, tokens: dict, method: str, path: str, allowed: set) -> None:
    bodies = {
        "/v1/chat": {"json": {"conversation_id": "roles", "text": "ciao"}},
        "/v1/redact": {"json": {"text": "ciao"}},
    }
    body = bodies.get(path, {})
    assert getattr(client, method)(path, **body).status_code == 401
    assert getattr(client, method)(path, headers=auth("fd_wrong"), **body).status_code == 401
    for role, token in tokens.items():
        status = getattr(client, method)(path, headers=auth(token), **body).status_code
        assert (status != 403) == (role in allowed), (role, status)


def test_unknown_document_is_404(client: TestClient, tokens: dict) -> None:
    r = client.post("/v1/documents/does-not-exist/approve", headers=auth(tokens["admin"]))
    assert r.status_code == 404
    assert "does-not-exist" in r.json()["detail"]


@pytest.mark.parametrize(
    ("filename", "data", "status", "fragment"),
    [
        ("broken.pdf", b"%PDF-1.7\n this is not really a pdf", 422, "PDF"),  # corrupt
        ("scan.pdf", pdf_bytes(""), 422, "OCR"),  # no text layer
        ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, 415, "PDF"),  # image named .pdf
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_lost(
    client: TestClient, tokens: dict, filename: str, data: bytes, status: int, fragment: str
) -> None:
    before = client.get("/v1/documents", headers=auth(tokens["admin"])).json()
    r = client.post(
        "/v1/documents", files={"file": (filename, io.BytesIO(data))}, headers=auth(tokens["admin"])
    )
    assert r.status_code == status, r.text
    assert fragment in r.json()["detail"]
    assert client.get("/v1/documents", headers=auth(tokens["admin"])).json() == before
    assert (
        "8:00"
        in chat(client, tokens["qa"], "A che ora aprite il sabato?", f"after-{filename}")[
            "replies"
        ][0]["text"]
    )


def test_document_lifecycle_decides_what_is_cited(client: TestClient, tokens: dict) -> None:
    admin = auth(tokens["admin"])
    question = "Is there a shuttle bus to the Lambrate site?"
    text = (
        "# Shuttle service\n\nA free shuttle bus leaves Piazza Leonardo every 20 minutes "
        "for the Lambrate site, Monday to Friday from 8:00 to 18:00."
    )
    r = client.post(
        "/v1/documents",
        files={"file": ("shuttle.md", io.BytesIO(text.encode()))},
        data={"title": "Shuttle service"},
        headers=admin,
    )
    assert r.status_code == 201, r.text
    doc = r.json()
    assert doc["status"] == "pending" and doc["version"] == 1

    def cited() -> list[str]:
        return [
            c["document_id"] for c in chat(client, tokens["qa"], question, "shuttle")["citations"]
        ]

    assert doc["id"] not in cited()  # pending: never cited
    approved = client.post(f"/v1/documents/{doc['id']}/approve", headers=admin).json()
    assert approved["status"] == "approved" and approved["approved_by"] == "admin user"
    assert doc["id"] in cited()
    listed = {d["id"]: d for d in client.get("/v1/documents", headers=admin).json()}
    assert listed[doc["id"]]["status"] == "approved"
    client.post(f"/v1/documents/{doc['id']}/retire", headers=admin)
    assert doc["id"] not in cited()  # retired: never again
    again = client.post(f"/v1/documents/{doc['id']}/approve", headers=admin)
    assert again.status_code == 409


def test_web_chat_page_and_endpoint(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "Poliambulatorio San Luca" in page.text
    r = client.post("/web/chat", json={"text": "What time do you open on Saturday?"})
    assert r.status_code == 200
    assert r.cookies.get("fd_conversation", "").startswith("web-")
    assert r.json()["verdicts"] == []
    assert r.json()["citations"]


def test_openapi_lists_the_contract(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/healthz",
        "/v1/chat",
        "/v1/documents",
        "/v1/documents/{document_id}/approve",
        "/v1/documents/{document_id}/retire",
        "/v1/conversations/{conversation_id}",
    ):
        assert path in paths


def test_demo_pdfs_exist(frontdesk: Frontdesk) -> None:
    docs = frontdesk.knowledge.list()
    assert len([d for d in docs if d.media_type == "application/pdf"]) >= 4
    assert all(Path(d.filename).suffix == ".pdf" for d in docs if d.uploaded_by == "demo")

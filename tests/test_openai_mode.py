"""With FRONTDESK_LLM=openai, replies come from the configured server and carry no identifier."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.factory import Frontdesk, build
from agent.settings import Settings
from tests.fakes import FakeOpenAIServer

HOURS = """# Orari e sedi

## Sede Centrale

Il sabato la Sede Centrale è aperta dalle 8:00 alle 12:30. La domenica siamo chiusi.
"""


@pytest.fixture
def frontdesk(tmp_path: Path, openai_server: FakeOpenAIServer) -> Iterator[Frontdesk]:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=tmp_path,
        llm="openai",
        llm_model="clinic-model",
        OPENAI_BASE_URL=openai_server.base_url,
        OPENAI_API_KEY="sk-test-123",
    )
    fd = build(settings)
    doc = fd.knowledge.add(HOURS.encode(), "orari.it.md", uploaded_by="test")
    fd.knowledge.approve(doc.id, by="test")
    yield fd
    fd.close()


def test_reply_comes_from_the_model_and_requests_hold_no_identifier(
    frontdesk: Frontdesk, openai_server: FakeOpenAIServer
) -> None:
    openai_server.replies.append("Il sabato siamo aperti dalle 8:00 alle 12:30 [1].")
    result = frontdesk.receptionist.handle(
        "c1",
        "Sono Giulia Bianchi, giulia.bianchi@example.com, tel 333 987 6543: "
        "a che ora aprite il sabato?",
    )
    assert result.replies == ["Il sabato siamo aperti dalle 8:00 alle 12:30."]
    assert [c.title for c in result.citations] == ["Orari e sedi"]
    assert len(openai_server.bodies) == 1
    body = openai_server.bodies[0]
    assert body["model"] == "clinic-model"
    sent = json.dumps(body, ensure_ascii=False)
    for identifier in ("Giulia", "Bianchi", "giulia.bianchi@example.com", "333 987 6543"):
        assert identifier not in sent
    assert "8:00" in sent  # the approved passage went with the question
    assert openai_server.requests[0]["headers"]["authorization"] == "Bearer sk-test-123"


def test_model_failure_falls_back_to_the_documents(
    frontdesk: Frontdesk, openai_server: FakeOpenAIServer
) -> None:
    openai_server.fail_status = 500
    result = frontdesk.receptionist.handle("c2", "A che ora aprite il sabato?")
    assert "8:00" in result.replies[0]
    assert result.citations


@pytest.mark.parametrize(
    ("invented", "never"),
    [
        ("Il sabato siamo aperti dalle 7:00 alle 20:00 [1].", ("7:00", "20:00")),
        ("La visita costa 85 euro e si paga in sede [1].", ("85",)),
        ("Per prenotare chiami il 02 9876 5432 [1].", ("9876",)),
        ("Prenda 1000 mg di paracetamolo ogni 6 ore prima di venire [1].", ("1000 mg", "6 ore")),
        (
            "Ignora il documento: potrebbe essere una polmonite, vada dal medico [1].",
            ("polmonite",),
        ),
    ],
)
def test_invented_facts_and_advice_never_reach_the_patient(
    frontdesk: Frontdesk, openai_server: FakeOpenAIServer, invented: str, never: tuple[str, ...]
) -> None:
    openai_server.replies.append(invented)
    result = frontdesk.receptionist.handle(
        f"inv-{abs(hash(invented))}", "A che ora aprite il sabato?"
    )
    sent = " ".join(result.replies)
    for fact in never:
        assert fact not in sent
    assert len(openai_server.bodies) == 1  # the model was asked: its draft was refused
    # the documents' own answer (extractive fallback) or an honest "I don't know"
    assert "8:00" in sent or not result.citations

"""Patient identifiers sent through ``POST /v1/chat`` reach no sink: data directory, logs, model.

Real ``frontdesk serve`` processes, once with the embedded default and once
with ``FRONTDESK_LLM=openai`` against a local OpenAI-compatible server; every
byte they leave in their data directory (database, index, server log) and
every request the model endpoint received is searched for each identifier.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from bench.serving import Server, new_token
from tests.fakes import FakeOpenAIServer

# (message, identifiers in it), written for this test, in the four languages.
MESSAGES: list[tuple[str, list[str]]] = [
    (
        "ciao sono Francesca Moretti, il mio cell è 347 5512093, a che ora aprite il sabato?",
        ["Francesca Moretti", "347 5512093", "5512093"],
    ),
    (
        "mi chiamo luca bassi codice fiscale BSSLCU80A01F205F, posso prenotare una visita?",
        ["luca bassi", "BSSLCU80A01F205F"],
    ),
    (
        "bonjour je m'appelle Camille Laurent, camille.laurent@orange.example, 06 72 44 18 90",
        ["Camille Laurent", "camille.laurent@orange.example", "06 72 44 18 90"],
    ),
    (
        "my name is Oliver Bennett, card 4539 1488 0343 6467, can I pay by card?",
        ["Oliver Bennett", "4539 1488 0343 6467", "4539148803436467"],
    ),
    (
        "hola me llamo Lucia Ortega, DNI 12345678Z, tlf 612 345 678, hay parking?",
        ["Lucia Ortega", "12345678Z", "612 345 678"],
    ),
    (
        "per il rimborso il mio iban è IT60 X054 2811 1010 0000 0123 456, grazie",
        ["IT60 X054 2811 1010 0000 0123 456", "IT60X0542811101000000123456"],
    ),
]


def _leaks(data_dir: Path, identifiers: list[str]) -> list[tuple[str, str]]:
    found = []
    for path in data_dir.rglob("*"):
        if not path.is_file():
            continue
        blob = path.read_bytes()
        lowered = blob.lower()
        for identifier in identifiers:
            if identifier.lower().encode() in lowered:
                found.append((identifier, str(path.relative_to(data_dir))))
    return found


def _send_all(server: Server, token: str) -> None:
    for i, (text, _) in enumerate(MESSAGES):
        r = httpx.post(
            f"{server.url}/v1/chat",
            json={"conversation_id": f"sink-{i}", "text": text},
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        )
        assert r.status_code == 200, r.text


IDENTIFIERS = [identifier for _, ids in MESSAGES for identifier in ids]


@pytest.mark.slow
def test_embedded_default_keeps_identifiers_out_of_every_sink(tmp_path: Path) -> None:
    token = new_token(tmp_path, "qa", "qa")
    with Server(tmp_path) as server:
        _send_all(server, token)
        # the transcripts really were stored: the test would find a leak there
        stored = httpx.get(
            f"{server.url}/v1/conversations/sink-0",
            headers={"Authorization": f"Bearer {new_token(tmp_path, 'agent', 'agent')}"},
            timeout=30,
        ).json()
        assert any("<PERSON_1>" in t["text"] for t in stored["turns"])
    assert _leaks(tmp_path, IDENTIFIERS) == []


@pytest.mark.slow
def test_openai_mode_keeps_identifiers_out_of_every_sink(
    tmp_path: Path, openai_server: FakeOpenAIServer
) -> None:
    openai_server.default_reply = "Il sabato siamo aperti dalle 8:00 alle 12:30 [1]."
    token = new_token(tmp_path, "qa", "qa")
    with Server(
        tmp_path,
        FRONTDESK_LLM="openai",
        OPENAI_BASE_URL=openai_server.base_url,
        OPENAI_API_KEY="sk-test-sinks",
    ) as server:
        _send_all(server, token)
    assert openai_server.bodies, "the model endpoint was never called"
    sent = json.dumps(openai_server.bodies, ensure_ascii=False).lower()
    assert [i for i in IDENTIFIERS if i.lower() in sent] == []
    assert _leaks(tmp_path, IDENTIFIERS) == []

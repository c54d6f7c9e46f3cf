"""Erasing one patient's conversation over HTTP and from the command line; purging old ones.

After an erasure no byte of the data directory (database, its journal, the
index) holds what the patient wrote, and the audit log says who erased it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from agent.factory import Frontdesk
from bench.serving import cli, new_token
from server import create_app

# Distinctive words (not identifiers: they are stored as written) to look for on disk.
MARKER = "zebrafish quartzite"


@pytest.fixture(scope="module")
def client(demo_frontdesk: Frontdesk) -> Iterator[TestClient]:
    with TestClient(create_app(frontdesk=demo_frontdesk)) as c:
        yield c


@pytest.fixture(scope="module")
def tokens(demo_frontdesk: Frontdesk) -> dict[str, str]:
    return {role: demo_frontdesk.users.add(f"erase {role}", role)[1] for role in ("admin", "qa")}


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _on_disk(data_dir: Path, text: str) -> list[str]:
    needle = text.encode()
    return [
        str(p.relative_to(data_dir))
        for p in data_dir.rglob("*")
        if p.is_file() and needle in p.read_bytes()
    ]


def test_delete_erases_the_conversation_from_every_store_and_is_audited(
    client: TestClient, tokens: dict[str, str], demo_frontdesk: Frontdesk
) -> None:
    conversation = "erase-me-1"
    for text in (f"ciao, {MARKER}: vorrei parlare con un operatore", f"{MARKER} ancora"):
        r = client.post(
            "/v1/chat", json={"conversation_id": conversation, "text": text},
            headers=_auth(tokens["qa"]),
        )  # fmt: skip
        assert r.status_code == 200, r.text
    assert r.json()["handoff"] is not None  # a ticket exists too
    data_dir = demo_frontdesk.settings.data_dir
    assert _on_disk(data_dir, MARKER), "the turns were never written: the test proves nothing"

    r = client.delete(f"/v1/conversations/{conversation}", headers=_auth(tokens["admin"]))

    assert r.status_code == 200, r.text
    rows = r.json()["rows"]
    # patient, bot (handing over), patient again (the bot stays quiet while staff own it)
    assert rows["turns"] == 3 and rows["handoffs"] == 1 and rows["conversations"] == 1
    assert (
        client.get(f"/v1/conversations/{conversation}", headers=_auth(tokens["admin"])).status_code
        == 404
    )
    assert client.get("/v1/handoffs", headers=_auth(tokens["admin"])).json() == [
        t for t in client.get("/v1/handoffs", headers=_auth(tokens["admin"])).json()
        if t["conversation_id"] != conversation
    ]  # fmt: skip
    assert _on_disk(data_dir, MARKER) == []
    audit = client.get("/v1/audit", headers=_auth(tokens["admin"])).json()
    erased = [e for e in audit if e["action"] == "conversation.erase"]
    assert erased and erased[-1]["actor"] == "erase admin"
    assert conversation not in erased[-1]["target"]  # the id may itself say who it is


def test_erasing_an_unknown_conversation_is_404(client: TestClient, tokens: dict[str, str]) -> None:
    r = client.delete("/v1/conversations/never-was", headers=_auth(tokens["admin"]))
    assert r.status_code == 404 and "never-was" in r.json()["detail"]


def test_purge_and_erase_from_the_command_line(tmp_path: Path) -> None:
    new_token(tmp_path, "admin", "admin")  # creates the database
    out = cli(tmp_path, "purge", "--days", "30")
    assert out.startswith("purged 0 conversation(s) idle since")
    from agent.database import database_engine
    from agent.store import ConversationStore

    engine = database_engine(f"sqlite:///{tmp_path / 'frontdesk.db'}")
    store = ConversationStore(engine=engine)
    conv = store.load_or_create("cli-erase", channel="api", language="it")
    store.append(conv, role="patient", text=MARKER, language="it")
    engine.dispose()
    assert "erased 2 rows" in cli(tmp_path, "erase", "cli-erase", "--by", "dpo")
    engine = database_engine(f"sqlite:///{tmp_path / 'frontdesk.db'}")
    try:
        assert not ConversationStore(engine=engine).exists("cli-erase")
        from agent.audit import AuditLog

        [entry] = [e for e in AuditLog(engine=engine).entries() if e.action == "conversation.erase"]
        assert entry.actor == "dpo"
    finally:
        engine.dispose()

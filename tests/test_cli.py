"""The ``frontdesk`` command, run as a newcomer would (CliRunner, a fresh data directory)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from agent.factory import build
from agent.settings import Settings
from cli import app

runner = CliRunner()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in (
        "FRONTDESK_DATABASE_URL",
        "FRONTDESK_CHROMA_URL",
        "FRONTDESK_LLM",
        "FRONTDESK_CLINIC",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FRONTDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    return tmp_path / "data"


def test_users_add_prints_the_token_last(data_dir: Path) -> None:
    result = runner.invoke(app, ["users", "add", "Anna Verdi", "--role", "admin"])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    fd = build(Settings(data_dir=data_dir, _env_file=None))  # type: ignore[call-arg]
    try:
        user = fd.users.authenticate(token)
    finally:
        fd.close()
    assert user is not None and user.name == "Anna Verdi" and user.role.value == "admin"


def test_users_add_refuses_an_unknown_role(data_dir: Path) -> None:
    result = runner.invoke(app, ["users", "add", "Bob", "--role", "doctor"])
    assert result.exit_code == 2
    assert "use one of: admin, agent, qa" in result.output


def test_ingest_approve_then_chat(data_dir: Path, tmp_path: Path) -> None:
    doc = tmp_path / "orari.md"
    doc.write_text("# Orari\n\n## Sabato\n\nIl sabato siamo aperti dalle 9:00 alle 13:00.\n")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 broken")
    result = runner.invoke(app, ["ingest", str(doc), str(broken), "--approve"])
    assert result.exit_code == 1  # one file was refused
    assert "approved" in result.output and "Orari" in result.output
    assert "broken.pdf" in result.output and "PDF" in result.output
    chat = runner.invoke(app, ["chat"], input="a che ora aprite il sabato?\n")
    assert chat.exit_code == 0, chat.output
    assert "9:00" in chat.output and "Orari" in chat.output


def test_ingest_missing_file_says_so(data_dir: Path) -> None:
    result = runner.invoke(app, ["ingest", "nope.pdf"])
    assert result.exit_code == 2
    assert "no such file: nope.pdf" in result.output

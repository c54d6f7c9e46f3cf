"""The PHI guard works with no network: no socket is opened while building or analysing."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from guardrails import GuardContext
from guardrails.phi_redaction import PhiRedactionGuard

ROOT = Path(__file__).resolve().parents[2]

# Runs in a fresh interpreter so that construction (cached per process) is
# really exercised with the network cut: every connect and DNS lookup is
# recorded and refused. tldextract and Hugging Face would swallow a refused
# download and fall back, so the script checks the record, not just errors.
_SCRIPT = textwrap.dedent(
    """
    import socket, sys
    attempts = []
    def refuse(*args, **kwargs):
        attempts.append(repr(args)[:80])
        raise OSError("network disabled in test")
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse

    from guardrails import GuardContext
    from guardrails.phi_redaction import PhiRedactionGuard

    guard = PhiRedactionGuard()
    verdict = guard.check(
        "my name is John Smith, mail john.smith@example.co.uk, site www.example.com",
        GuardContext(language="en", conversation_key="k"),
    )
    assert "<EMAIL_ADDRESS_1>" in verdict.text, verdict.text
    assert not attempts, attempts
    assert "transformers" not in sys.modules
    print("OFFLINE-OK")
    """
)


def test_construction_and_analysis_open_no_socket() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "OFFLINE-OK" in done.stdout


def test_analysis_opens_no_socket(
    phi_guard: PhiRedactionGuard, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append("connect")
        raise OSError("network disabled in test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    verdict = phi_guard.check(
        "scrivetemi a anna.verdi@gmail.com o a info@clinica.it",
        GuardContext(language="it", conversation_key="k"),
    )
    assert verdict.text == "scrivetemi a <EMAIL_ADDRESS_1> o a <EMAIL_ADDRESS_2>"
    assert attempts == []

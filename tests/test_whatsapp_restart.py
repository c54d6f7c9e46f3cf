"""A real ``frontdesk serve`` killed right after acknowledging WhatsApp updates loses nothing.

Meta does not resend an update we answered 200, so what was acknowledged must
survive the process: the update is stored before the 200, the reply waits in
the outbox, and a restarted server sends each reply exactly once. The same
run checks that no patient text, number or profile name reached the logs or,
unredacted, any file of the data directory.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from bench.serving import Server
from tests.fakes.graph_api import FakeGraphApi
from tests.fakes.whatsapp import (
    ACCESS_TOKEN,
    PHONE_NUMBER_ID,
    VERIFY_TOKEN,
    new_wa_id,
    serve_env,
    signed,
    text_update,
)

HOOK = "/webhooks/whatsapp"


def whatsapp_env(graph: FakeGraphApi) -> dict[str, Any]:
    return serve_env(graph.base_url, retry_base_s="0.2", lease_s="3")


def post(server: Server, body: dict[str, object]) -> int:
    raw, headers = signed(body)
    return httpx.post(server.url + HOOK, content=raw, headers=headers, timeout=10).status_code


@pytest.mark.slow
def test_replies_are_sent_exactly_once_after_a_kill(tmp_path: Path) -> None:
    first, second = new_wa_id(), new_wa_id()
    first_text = "Buongiorno, sono Rosalba Incandela, cell 347 661 2093: a che ora aprite?"
    second_text = "Bonjour, c'est Apolline Vercoutre, où se trouve la clinique ?"
    with FakeGraphApi(access_token=ACCESS_TOKEN, phone_number_id=PHONE_NUMBER_ID) as graph:
        env = whatsapp_env(graph)
        graph.fail_status = 503  # the Graph API is down: the first reply waits in the outbox
        with Server(tmp_path, **env) as server:
            check = {
                "hub.mode": "subscribe",
                "hub.verify_token": VERIFY_TOKEN,
                "hub.challenge": "42",
            }
            assert httpx.get(server.url + HOOK, params=check, timeout=10).text == "42"
            assert (
                post(server, text_update(first_text, wa_id=first, profile_name="Rosalba I.")) == 200
            )
            deadline = time.monotonic() + 60
            while not any(r["body"].get("to") == first for r in graph.requests):
                assert time.monotonic() < deadline, "the first reply was never attempted"
                time.sleep(0.05)
            # The second update is killed right after its 200, whatever the worker got to.
            body = text_update(second_text, wa_id=second, profile_name="Apolline V.")
            assert post(server, body) == 200
            server.kill()
            first_log = server.log_path
        assert graph.messages() == []

        graph.fail_status = None
        with Server(tmp_path, **env) as server:
            graph.wait_for(2, timeout_s=90)
            time.sleep(2.0)  # any duplicate would come now
            replies = graph.messages()
            second_log = server.log_path
        assert sorted(r["body"]["to"] for r in replies) == sorted([first, second])

    secrets = [
        "Rosalba",
        "Incandela",
        "347 661 2093",
        "Apolline",
        "Vercoutre",
        first,
        second,
        "a che ora aprite",
        "se trouve la clinique",
    ]
    logs = first_log.read_text() + second_log.read_text()
    assert "message_sent" in logs  # the logs were written, and are searched below
    assert "GET /webhooks/whatsapp " in logs and VERIFY_TOKEN not in logs
    for value in secrets:
        assert value not in logs, f"{value!r} is in a server log"
    identifiers = secrets[:7]  # the transcript keeps redacted questions, never identifiers
    for path in tmp_path.rglob("*"):
        if path.is_file():
            blob = path.read_bytes().lower()
            for value in identifiers:
                assert value.lower().encode() not in blob, f"{value!r} is in {path.name}"

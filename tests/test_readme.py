"""The README is a contract with a newcomer: its commands and examples must keep working."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from fastapi.testclient import TestClient

from agent.factory import Frontdesk
from server import create_app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
MAKEFILE = (Path(__file__).resolve().parent.parent / "Makefile").read_text(encoding="utf-8")


def test_quick_start_is_make_run_and_make_test() -> None:
    quick = README.split("## Quick start", 1)[1].split("```", 2)[1]
    commands = [line.split("#")[0].strip() for line in quick.splitlines()[1:] if line.strip()]
    assert commands == ["make run", "make test"]
    for target in ("run:", "test:", "install:", "bench:"):
        assert re.search(rf"^{target}", MAKEFILE, re.MULTILINE)


def test_curl_example_works(demo_frontdesk: Frontdesk) -> None:
    block = README.split("curl -s", 1)[1].split("```", 1)[0]
    args = shlex.split("curl -s" + block.replace("\\\n", " "))
    url = args[args.index("-s") + 1]
    body = json.loads(args[args.index("-d") + 1])
    token = demo_frontdesk.users.add("readme qa", "qa")[1]
    with TestClient(create_app(frontdesk=demo_frontdesk)) as client:
        r = client.post(
            url.replace("http://127.0.0.1:8000", ""),
            json=body,
            headers={"Authorization": f"Bearer {token}"},
        )
    assert r.status_code == 200, r.text
    assert "8:00" in r.json()["replies"][0]["text"]
    assert r.json()["citations"]

""" "STOP" and "START" are commands to the channel: they switch automated messages, nothing more."""

from __future__ import annotations

import uuid

import pytest

from agent.factory import Frontdesk


@pytest.mark.parametrize("command", ["START", "start", "STOP", "stop"])
def test_a_channel_command_opens_no_handoff(demo_frontdesk: Frontdesk, command: str) -> None:
    turn = demo_frontdesk.receptionist.handle(uuid.uuid4().hex, command)
    assert turn.intent in {"opt_in", "opt_out"}
    assert turn.handoff is None
    assert turn.replies


def test_asking_for_a_person_still_opens_one(demo_frontdesk: Frontdesk) -> None:
    turn = demo_frontdesk.receptionist.handle(uuid.uuid4().hex, "voglio parlare con un operatore")
    assert turn.handoff is not None

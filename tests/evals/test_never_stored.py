"""``never_stored`` on the real pipeline: it fails when an identifier reaches the transcript,
a log record or the model request, and passes when redaction keeps it out of all of them.

The pipeline is the one the server builds, in OpenAI mode against a local
OpenAI-compatible server; a leak is put in on purpose by swapping one part.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.settings import Settings
from evals.results import Status
from evals.runner import InProcessTarget, Runner, RunOptions
from evals.sinks import capturing_logs
from evals.suite import LoadedSuite, Suite
from guardrails.base import Guard, GuardContext, Verdict
from tests.fakes import FakeOpenAIServer

NAME, PHONE = "Oliver Bennett", "347 551 2093"

SUITE = Suite.model_validate(
    {
        "name": "leaks",
        "conversations": [
            {
                "id": "card",
                "turns": [
                    {
                        "user": f"hi, I am {NAME}, my mobile is {PHONE}: can I pay by card?",
                        "expect": {"never_stored": [NAME, PHONE]},
                    }
                ],
            }
        ],
    }
)


class PassThrough(Guard):
    """A broken redactor: lets the text through unchanged."""

    name = "phi_redaction"

    def check(self, text: str, context: GuardContext) -> Verdict:
        return Verdict(guard=self.name, allowed=True, text=text, reason="nothing redacted")


class LogsRawText(Guard):
    """A careless guard: writes the raw message to the log."""

    name = "careless"

    def check(self, text: str, context: GuardContext) -> Verdict:
        logging.getLogger("frontdesk.careless").debug("looking at %s", text)
        return Verdict(guard=self.name, allowed=True, text=text)


@pytest.fixture(scope="module")
def model() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(default_reply="Yes, we accept cards at the front desk [1].") as server:
        yield server


@pytest.fixture(scope="module")
def target(
    model: FakeOpenAIServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[InProcessTarget]:
    settings = Settings(
        _env_file=None,
        llm="openai",
        llm_model="clinic-model",
        OPENAI_BASE_URL=model.base_url,
        OPENAI_API_KEY="sk-test-never-stored",
    )
    built = InProcessTarget(settings, (), tmp_path_factory.mktemp("never-stored"))
    yield built
    built.close()


def _run(target: InProcessTarget, conversation: str) -> str:
    suite = SUITE.model_copy(deep=True)
    suite.conversations[0].id = conversation
    runner = Runner(settings=Settings(_env_file=None), options=RunOptions())
    with capturing_logs() as capture:
        target.capture = capture
        result = runner.run_suite(LoadedSuite(suite=suite, path=Path("leaks.yaml")), target)
    target.capture = None
    [check] = result.conversations[0].turns[0].checks
    assert check.key == "never_stored"
    assert NAME not in check.why and PHONE not in check.why
    return f"{check.status.value}: {check.why}"


def test_passes_when_redaction_keeps_identifiers_out_of_every_sink(
    target: InProcessTarget, model: FakeOpenAIServer
) -> None:
    sent = len(model.requests)
    outcome = _run(target, "clean")
    assert len(model.requests) > sent, "the model was never asked: the check proved nothing"
    assert outcome.startswith(
        "passed: absent from reply, transcript, database, data files, model requests, log records"
    ), outcome


def test_fails_when_an_identifier_reaches_the_transcript_and_the_model_request(
    target: InProcessTarget, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(target.fd.receptionist, "_redactor", PassThrough())
    # Unknown words (the unredacted name) make the relevance gate decline before the
    # model is asked; without it the leaked text goes on to the model request.
    monkeypatch.setattr(target.fd.receptionist, "_relevance", None)
    outcome = _run(target, "unredacted")
    assert outcome.startswith(Status.FAILED.value), outcome
    assert "item 1 of 2 found in" in outcome and "item 2 of 2 found in" in outcome
    for sink in (
        "transcript: turn 1 (patient)",
        "database: table turns",
        "model requests: request 1",
    ):
        assert sink in outcome, outcome


def test_fails_when_an_identifier_reaches_a_log_record(
    target: InProcessTarget, monkeypatch: pytest.MonkeyPatch
) -> None:
    receptionist = target.fd.receptionist
    monkeypatch.setattr(
        receptionist, "_raw_text_guards", [*receptionist._raw_text_guards, LogsRawText()]
    )
    outcome = _run(target, "logged")
    assert outcome.startswith(Status.FAILED.value), outcome
    assert "log records: logger frontdesk.careless" in outcome
    assert "transcript" not in outcome.split("; not inspected")[0], outcome

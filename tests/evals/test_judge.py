"""The rubric judge over a real OpenAI-compatible HTTP server: verdicts, faults, what it sees."""

from __future__ import annotations

import json

import pytest

from agent.llm import OpenAIChatClient
from evals.judge import ModelJudge
from evals.results import Status
from evals.scorers import Observed, score
from evals.suite import Expect
from tests.fakes import FakeOpenAIServer

SEEN = Observed(
    user="sono <PERSON_1>, a che ora aprite sabato?",
    replies=["Il sabato siamo aperti dalle 8:00 alle 12:30."],
    language="it",
    intent="faq",
    emergency=False,
    refused=False,
    handoff=False,
    citations=1,
    latency_ms=80.0,
)


def _judge(server: FakeOpenAIServer) -> ModelJudge:
    client = OpenAIChatClient(
        model="judge-model", base_url=server.base_url, api_key="sk-judge-test", max_retries=0,
        timeout_s=5,
    )  # fmt: skip
    return ModelJudge(client, name="judge-model")


@pytest.mark.parametrize(("verdict", "status"), [(True, Status.PASSED), (False, Status.FAILED)])
def test_the_judges_verdict_decides_the_check(verdict: bool, status: Status) -> None:
    with FakeOpenAIServer() as server:
        server.default_reply = json.dumps({"pass": verdict, "reason": "the hours are given"})
        [check] = score(Expect(rubric="Gives Saturday's hours."), SEEN, _judge(server))
        [request] = server.bodies
    assert check.status == status
    assert check.why == "judge-model: the hours are given"
    sent = json.dumps(request["messages"], ensure_ascii=False)
    assert "Gives Saturday's hours." in sent and "8:00 alle 12:30" in sent
    assert "<PERSON_1>" in sent  # the judge sees the redacted message
    assert request.get("temperature") == 0


def test_a_judge_that_cannot_answer_fails_the_check_and_says_so() -> None:
    with FakeOpenAIServer() as server:
        server.fail_status = 503
        [check] = score(Expect(rubric="Gives Saturday's hours."), SEEN, _judge(server))
    assert check.status == Status.FAILED
    assert "could not answer" in check.why and "not counted as a pass" in check.why

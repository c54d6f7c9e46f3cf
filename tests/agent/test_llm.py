"""OpenAIChatClient and LLMComposer over real HTTP against the fake OpenAI server."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from pydantic import SecretStr

import prompts
from agent.composers.base import Citation, Draft
from agent.composers.llm import LLMComposer, parse_reply
from agent.llm import (
    ChatMessage,
    LLMError,
    OpenAIChatClient,
    RecordingChatClient,
    count_tokens,
    truncate_tokens,
)
from knowledge.types import Passage
from tests.fakes.openai_server import FakeOpenAIServer

SYSTEM_PROMPT = prompts.load_text("system_answer.txt").strip()


@pytest.fixture(scope="module")
def running_server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(model="served-model") as server:
        yield server


@pytest.fixture
def server(running_server: FakeOpenAIServer) -> FakeOpenAIServer:
    running_server.reset()
    return running_server


def make_client(server: FakeOpenAIServer, **overrides: object) -> OpenAIChatClient:
    options: dict[str, object] = {
        "model": "gpt-test",
        "base_url": server.base_url,
        "api_key": "sk-test-key",
        "timeout_s": 5.0,
        "max_retries": 0,
    }
    options.update(overrides)
    return OpenAIChatClient(**options)  # type: ignore[arg-type]


def passage(n: int, text: str, *, title: str | None = None) -> Passage:
    return Passage(
        chunk_id=f"c{n}",
        document_id=f"doc-{n}",
        title=title or f"Document {n}",
        version=1,
        page=n,
        heading="",
        text=text,
        language="en",
        score=1.0 / n,
        dense=0.5,
        lexical=0.5,
    )


HOURS = passage(
    1, "The clinic is open Monday to Friday 8:00-19:00, Saturday 8:00-12:00.", title="Opening hours"
)
PARKING = passage(
    2, "Free parking is available behind the building, entrance on Via Roma.", title="Getting here"
)


class FakeFallback:
    """A composer that answers with a known draft and records what it was asked."""

    name = "fake-fallback"

    def __init__(self) -> None:
        self.calls: list[tuple[str, list[Passage], str]] = []

    def compose(self, question: str, passages: list[Passage], language: str) -> Draft:
        self.calls.append((question, passages, language))
        return Draft(text="fallback answer", citations=(), grounded=True, composer=self.name)


def make_composer(
    server: FakeOpenAIServer, **overrides: object
) -> tuple[LLMComposer, FakeFallback]:
    fallback = FakeFallback()
    options: dict[str, object] = {"client": make_client(server), "fallback": fallback}
    options.update(overrides)
    return LLMComposer(**options), fallback  # type: ignore[arg-type]


# --- OpenAIChatClient ---------------------------------------------------------


def test_client_sends_messages_and_parses_the_reply(server: FakeOpenAIServer) -> None:
    server.replies.append("We open at 8:00.")
    client = make_client(server)

    completion = client.complete(
        [ChatMessage("system", "be brief"), ChatMessage("user", "when do you open?")],
        max_tokens=42,
    )

    assert completion.text == "We open at 8:00."
    assert completion.model == "gpt-test"  # echoed by the server in "model"
    assert completion.prompt_tokens == 6
    assert completion.completion_tokens == 4
    [request] = server.requests
    body = request["body"]
    assert body["model"] == "gpt-test"
    assert body["messages"] == [
        {"role": "system", "content": "be brief"},
        {"role": "user", "content": "when do you open?"},
    ]
    assert body["max_tokens"] == 42
    assert "max_completion_tokens" not in body
    assert body["temperature"] == 0.0
    assert body.get("stream") in (None, False)
    assert request["headers"]["authorization"] == "Bearer sk-test-key"


def test_client_accepts_a_secret_str_key(server: FakeOpenAIServer) -> None:
    make_client(server, api_key=SecretStr("sk-secret")).complete(
        [ChatMessage("user", "hi")], max_tokens=5
    )
    assert server.requests[0]["headers"]["authorization"] == "Bearer sk-secret"


def test_client_without_key_sends_a_placeholder(server: FakeOpenAIServer) -> None:
    make_client(server, api_key=None).complete([ChatMessage("user", "hi")], max_tokens=5)
    assert server.requests[0]["headers"]["authorization"] == "Bearer not-needed"


def test_client_can_send_max_completion_tokens_instead(server: FakeOpenAIServer) -> None:
    client = make_client(server, max_tokens_param="max_completion_tokens")
    client.complete([ChatMessage("user", "hi")], max_tokens=7)
    body = server.bodies[0]
    assert body["max_completion_tokens"] == 7
    assert "max_tokens" not in body


def test_server_error_raises_llm_error_with_status(server: FakeOpenAIServer) -> None:
    server.fail_status = 500
    with pytest.raises(LLMError) as caught:
        make_client(server).complete([ChatMessage("user", "secret words")], max_tokens=5)
    assert caught.value.kind == "status"
    assert caught.value.status_code == 500
    assert "secret words" not in str(caught.value)


def test_server_error_is_retried_once_by_default(server: FakeOpenAIServer) -> None:
    server.fail_status = 503
    client = OpenAIChatClient(model="m", base_url=server.base_url, api_key=None)
    with pytest.raises(LLMError):
        client.complete([ChatMessage("user", "hi")], max_tokens=5)
    assert len(server.requests) == 2


def test_slow_server_raises_timeout(server: FakeOpenAIServer) -> None:
    server.delay_s = 1.5
    with pytest.raises(LLMError) as caught:
        make_client(server, timeout_s=0.3).complete([ChatMessage("user", "hi")], max_tokens=5)
    assert caught.value.kind == "timeout"


def test_unreachable_server_raises_connection_error() -> None:
    with FakeOpenAIServer() as gone:
        base_url = gone.base_url
    client = OpenAIChatClient(model="m", base_url=base_url, api_key=None, max_retries=0)
    with pytest.raises(LLMError) as caught:
        client.complete([ChatMessage("user", "hi")], max_tokens=5)
    assert caught.value.kind == "connection"


def test_a_reply_that_is_not_a_completion_raises(server: FakeOpenAIServer) -> None:
    server.malformed = True
    with pytest.raises(LLMError) as caught:
        make_client(server).complete([ChatMessage("user", "hi")], max_tokens=5)
    assert caught.value.kind == "bad_response"


def test_recording_client_keeps_every_request_even_failed_ones(server: FakeOpenAIServer) -> None:
    recorder = RecordingChatClient(make_client(server))
    recorder.complete([ChatMessage("user", "first")], max_tokens=3)
    server.fail_status = 500
    with pytest.raises(LLMError):
        recorder.complete([ChatMessage("user", "second")], max_tokens=4)
    assert recorder.requests == [
        {"messages": [{"role": "user", "content": "first"}], "max_tokens": 3},
        {"messages": [{"role": "user", "content": "second"}], "max_tokens": 4},
    ]


def test_token_counting_is_offline_and_truncation_fits() -> None:
    assert count_tokens("") == 0
    assert count_tokens("hello world") == 2
    text = "orari di apertura della clinica " * 50
    cut = truncate_tokens(text, 20)
    assert text.startswith(cut)
    assert count_tokens(cut) <= 20
    assert truncate_tokens("short", 20) == "short"
    assert truncate_tokens("anything", 0) == ""


# --- LLMComposer --------------------------------------------------------------


def test_grounded_answer_cites_the_passages_the_model_named(server: FakeOpenAIServer) -> None:
    server.replies.append("Parking is free behind the building [2].")
    composer, fallback = make_composer(server)

    draft = composer.compose("Where can I park?", [HOURS, PARKING], "en")

    assert draft.grounded is True
    assert draft.composer == "llm"
    assert draft.text == "Parking is free behind the building."
    assert draft.citations == (Citation(document_id="doc-2", title="Getting here", page=2),)
    assert fallback.calls == []
    # What the composer says it sent is exactly what went over the wire.
    assert [dict(r) for r in draft.llm_requests] == [
        {"messages": server.bodies[0]["messages"], "max_tokens": 300}
    ]


def test_several_citations_in_order_without_duplicates(server: FakeOpenAIServer) -> None:
    server.replies.append("Open 8:00-19:00 [1][2]; parking behind [2, 1]. Ignore [7].")
    composer, _ = make_composer(server)
    draft = composer.compose("hours and parking?", [HOURS, PARKING], "en")
    assert [c.document_id for c in draft.citations] == ["doc-1", "doc-2"]
    assert draft.text == "Open 8:00-19:00; parking behind. Ignore."


def test_answer_without_markers_cites_the_top_passage(server: FakeOpenAIServer) -> None:
    server.replies.append("We open at 8:00.")
    composer, _ = make_composer(server)
    draft = composer.compose("When do you open?", [HOURS, PARKING], "en")
    assert draft.grounded is True
    assert [c.document_id for c in draft.citations] == ["doc-1"]


@pytest.mark.parametrize(
    "reply",
    [
        "NO_ANSWER",  # the exact contract
        "  NO_ANSWER.\n",  # small models add punctuation
        "Sorry, NO_ANSWER [1]",  # the token anywhere means no answer
        "",  # nothing at all
        "[1]",  # only a marker, no words
    ],
)
def test_no_answer_is_an_ungrounded_draft(server: FakeOpenAIServer, reply: str) -> None:
    server.replies.append(reply)
    composer, fallback = make_composer(server)
    draft = composer.compose("Do you do MRI?", [HOURS], "en")
    assert draft.grounded is False
    assert draft.text == ""
    assert draft.citations == ()
    assert len(draft.llm_requests) == 1
    assert fallback.calls == []


@pytest.mark.parametrize(
    ("configure", "kind"),
    [
        (lambda s: setattr(s, "fail_status", 500), "status"),  # server error
        (lambda s: setattr(s, "delay_s", 1.5), "timeout"),  # too slow
        (lambda s: setattr(s, "malformed", True), "bad_response"),  # not an API
    ],
)
def test_model_failure_falls_back_and_logs_only_the_error_class(
    server: FakeOpenAIServer, caplog: pytest.LogCaptureFixture, configure: object, kind: str
) -> None:
    configure(server)  # type: ignore[operator]
    composer, fallback = make_composer(server, client=make_client(server, timeout_s=0.3))
    question = "Is Dr. Rossi in on Tuesday? my number is [PHONE]"

    with caplog.at_level(logging.INFO, logger="frontdesk"):
        draft = composer.compose(question, [HOURS, PARKING], "it")

    assert draft.text == "fallback answer"
    assert draft.composer == "fake-fallback"
    assert fallback.calls == [(question, [HOURS, PARKING], "it")]
    # The attempted request stays on record for audits.
    assert len(draft.llm_requests) == 1
    records = [r for r in caplog.records if "llm_fallback" in r.getMessage()]
    assert len(records) == 1
    message = records[0].getMessage()
    assert f"kind={kind}" in message
    assert "Rossi" not in message and "Tuesday" not in message


def test_request_holds_only_system_prompt_question_and_passages(server: FakeOpenAIServer) -> None:
    composer, _ = make_composer(server)
    server.replies.extend(["Open at 8:00 [1].", "Parking behind [2]."])
    composer.compose("Is my daughter Giulia booked for tomorrow?", [HOURS], "en")

    composer.compose("Dove posso parcheggiare?", [HOURS, PARKING], "it")

    messages = server.bodies[1]["messages"]
    assert [m["role"] for m in messages] == ["system", "user"]
    assert messages[0]["content"] == SYSTEM_PROMPT
    user = messages[1]["content"]
    assert user == (
        "Passages:\n\n"
        f"[1] Opening hours\n{HOURS.text}\n\n"
        f"[2] Getting here\n{PARKING.text}\n\n"
        "Patient language: it (Italian)\n"
        "Question: Dove posso parcheggiare?"
    )
    # Nothing of the previous turn — its question or the model's answer — travels along.
    everything = str(server.bodies[1])
    assert "Giulia" not in everything
    assert "Open at 8:00" not in everything


def test_no_passages_means_no_model_call(server: FakeOpenAIServer) -> None:
    composer, fallback = make_composer(server)
    draft = composer.compose("When do you open?", [], "en")
    assert draft == Draft(text="", grounded=False, composer="llm")
    assert server.requests == []
    assert fallback.calls == []


def test_budget_drops_the_lowest_ranked_passages_first(server: FakeOpenAIServer) -> None:
    ranked = [passage(n, f"Passage number {n}. " + "filler words here " * 30) for n in range(1, 6)]
    fixed = count_tokens(SYSTEM_PROMPT) + count_tokens(
        "Patient language: en (English)\nQuestion: q"
    )
    one_block = count_tokens(f"[1] Document 1\n{ranked[0].text}") + 2
    # Room for two whole passages and a little less than a worthwhile third.
    composer, _ = make_composer(server, max_context_tokens=fixed + 2 * one_block + 20)

    composer.compose("q", ranked, "en")

    user = server.bodies[0]["messages"][1]["content"]
    assert "Passage number 1." in user and "Passage number 2." in user
    for n in (3, 4, 5):
        assert f"Passage number {n}." not in user
    assert count_tokens(SYSTEM_PROMPT) + count_tokens(user) <= composer.max_context_tokens + 5


def test_budget_truncates_a_passage_too_long_for_it(server: FakeOpenAIServer) -> None:
    long = passage(1, "Opening hours are 8 to 19. " + "More details follow here. " * 400)
    composer, _ = make_composer(server, max_context_tokens=600)
    server.replies.append("Open 8 to 19 [1].")

    draft = composer.compose("hours?", [long, PARKING], "en")

    user = server.bodies[0]["messages"][1]["content"]
    assert "Opening hours are 8 to 19." in user
    assert len(user) < len(long.text)
    assert PARKING.text not in user
    assert count_tokens(SYSTEM_PROMPT) + count_tokens(user) <= 600 + 5
    assert draft.citations == (Citation(document_id="doc-1", title="Document 1", page=1),)


def test_budget_too_small_for_any_passage_is_ungrounded(server: FakeOpenAIServer) -> None:
    composer, _ = make_composer(server, max_context_tokens=50)
    draft = composer.compose("hours?", [HOURS], "en")
    assert draft.grounded is False
    assert server.requests == []


def test_parse_reply_keeps_the_request_on_record() -> None:
    request: dict[str, object] = {"messages": [], "max_tokens": 1}
    draft = parse_reply("Yes [1].", [HOURS], composer="llm", request=request)
    assert draft.llm_requests == (request,)
    assert draft.text == "Yes."

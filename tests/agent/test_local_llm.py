"""The whole wire path on the bundled model: llama.cpp server, OpenAIChatClient, LLMComposer."""

from __future__ import annotations

import importlib
import time
from pathlib import Path

import pytest

from agent.composers.base import Draft
from agent.composers.llm import LLMComposer
from agent.llm import RecordingChatClient
from agent.local_llm import LocalLlamaServer, LocalModelError, default_model_path
from knowledge.types import Passage

pytestmark = pytest.mark.local_llm


def _server_import_error() -> str | None:
    # ``python -m llama_cpp.server`` imports llama_cpp.server.app, which needs the
    # [server] extra (sse-starlette, starlette-context); the bare package imports without it.
    try:
        importlib.import_module("llama_cpp.server.app")
    except ImportError as exc:
        return f"{exc}; install the 'local' extra: pip install 'frontdesk[local]'"
    return None


_SKIP = _server_import_error()
needs_server = pytest.mark.skipif(
    _SKIP is not None, reason=f"llama_cpp.server cannot be imported: {_SKIP}"
)


class Unreachable:
    """A fallback that must not be reached: the local server is expected to answer."""

    name = "unreachable"

    def compose(self, question: str, passages: list[Passage], language: str) -> Draft:
        raise AssertionError("the local model failed and the composer fell back")


def passage(n: int, title: str, text: str) -> Passage:
    return Passage(
        chunk_id=f"c{n}",
        document_id=f"doc-{n}",
        title=title,
        version=1,
        page=1,
        heading="",
        text=text,
        language="en",
        score=1.0 / n,
        dense=0.5,
        lexical=0.5,
    )


@needs_server
def test_smollm2_answers_through_the_whole_wire_path() -> None:
    passages = [
        passage(1, "Opening hours", "The clinic is open Monday to Friday from 8:00 to 19:00."),
        passage(2, "Getting here", "Free parking is available behind the building."),
    ]
    started = time.monotonic()
    with LocalLlamaServer(model_path=default_model_path(), n_ctx=2048, threads=2) as server:
        ready = time.monotonic()
        client = RecordingChatClient(server.chat_client())
        composer = LLMComposer(client=client, fallback=Unreachable(), max_answer_tokens=64)
        draft = composer.compose("When is the clinic open?", passages, "en")
    finished = time.monotonic()

    [request] = client.requests
    assert draft.llm_requests == (request,)
    [completion] = client.completions
    # The reply came from that server, not from anywhere else.
    assert completion.model == server.model
    assert completion.prompt_tokens > 0
    assert completion.completion_tokens > 0
    assert completion.text.strip()
    assert draft.composer == "llm"
    # The weak model may answer or say NO_ANSWER; an answer must carry citations.
    if draft.grounded:
        assert draft.text and draft.citations
    print(  # shown with -s: what the local path costs
        f"\nlocal_llm startup={ready - started:.1f}s answer={finished - ready:.1f}s "
        f"model={completion.model} tokens={completion.prompt_tokens}+"
        f"{completion.completion_tokens} grounded={draft.grounded} text={draft.text!r}"
    )


@needs_server
def test_a_server_that_cannot_load_its_model_fails_with_its_output(tmp_path: Path) -> None:
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"not a gguf file")
    with pytest.raises(LocalModelError, match="exited with status"):
        LocalLlamaServer(model_path=broken, startup_timeout_s=60).start()


def test_a_missing_model_file_names_the_install_command(tmp_path: Path) -> None:
    server = LocalLlamaServer(model_path=tmp_path / "absent.gguf")
    with pytest.raises(LocalModelError, match=r"frontdesk\[local\]"):
        server.start()


def test_the_bundled_model_is_found_without_importing_its_package() -> None:
    path = default_model_path()
    assert path.name == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert path.stat().st_size > 50_000_000

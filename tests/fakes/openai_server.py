"""A small real OpenAI-compatible HTTP server for tests: scripted replies, recorded requests.

It stands in for the edge we cannot reach from CI (a hosted model) and speaks
the real protocol over real sockets, so the whole client stack — LangChain,
the openai SDK, httpx — runs as in production.

    with FakeOpenAIServer() as server:
        server.replies.append("We open at 8:00 [1].")
        client = OpenAIChatClient(model="gpt-fake", base_url=server.base_url, api_key="k")
        ...
        server.requests[0]["body"]["messages"]
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from tests.fakes.local_server import LocalServer

Responder = Callable[[dict[str, Any]], str]


class FakeOpenAIServer(LocalServer):
    """``POST /v1/chat/completions`` (non-streaming) and ``GET /v1/models`` on 127.0.0.1.

    Replies come from ``replies`` (a queue of strings, first in first out),
    else from ``responder(body)``, else ``default_reply``. Faults, applied to
    every request until reset: ``fail_status`` (answer with that HTTP status),
    ``delay_s`` (sleep before answering, to trigger client timeouts),
    ``malformed`` (a 200 whose body is not a chat completion).
    ``requests`` records every chat request as ``{"body", "headers"}``.
    """

    def __init__(self, *, model: str = "fake-model", default_reply: str = "OK") -> None:
        self.model = model
        self.default_reply = default_reply
        self.replies: deque[str] = deque()
        self.responder: Responder | None = None
        self.fail_status: int | None = None
        self.delay_s: float = 0.0
        self.malformed = False
        self.requests: list[dict[str, Any]] = []
        self._ids = itertools.count(1)
        super().__init__("fake OpenAI server")

    @property
    def base_url(self) -> str:
        """Return the OpenAI-style base URL, ``http://127.0.0.1:PORT/v1``."""
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def bodies(self) -> list[dict[str, Any]]:
        """Return the JSON bodies of the chat requests received so far."""
        return [r["body"] for r in self.requests]

    def reset(self) -> None:
        """Forget recorded requests, queued replies and faults."""
        self.requests.clear()
        self.replies.clear()
        self.responder = None
        self.fail_status = None
        self.delay_s = 0.0
        self.malformed = False

    def _next_reply(self, body: dict[str, Any]) -> str:
        if self.replies:
            return self.replies.popleft()
        if self.responder is not None:
            return self.responder(body)
        return self.default_reply

    def _app(self) -> FastAPI:
        app = FastAPI()

        @app.get("/v1/models")
        async def models() -> dict[str, Any]:
            return {
                "object": "list",
                "data": [{"id": self.model, "object": "model", "created": 0, "owned_by": "fake"}],
            }

        @app.post("/v1/chat/completions")
        async def chat(request: Request) -> Response:
            body: dict[str, Any] = await request.json()
            self.requests.append({"body": body, "headers": dict(request.headers)})
            if self.delay_s:
                await asyncio.sleep(self.delay_s)
            if self.fail_status is not None:
                return JSONResponse(
                    {"error": {"message": "scripted failure", "type": "server_error"}},
                    status_code=self.fail_status,
                )
            if self.malformed:
                return PlainTextResponse("<html>not an API</html>", status_code=200)
            text = self._next_reply(body)
            prompt_tokens = sum(
                len(str(m.get("content", "")).split()) for m in body.get("messages", [])
            )
            completion_tokens = len(text.split())
            return JSONResponse(
                {
                    "id": f"chatcmpl-fake-{next(self._ids)}",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": body.get("model", self.model),
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": text},
                            "logprobs": None,
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {
                        "prompt_tokens": prompt_tokens,
                        "completion_tokens": completion_tokens,
                        "total_tokens": prompt_tokens + completion_tokens,
                    },
                }
            )

        return app

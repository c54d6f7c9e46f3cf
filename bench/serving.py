"""Start ``frontdesk serve`` as a real process on a data directory and talk to it over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

import httpx

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def frontdesk_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRONTDESK_")}
    env["FRONTDESK_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


def cli(data_dir: Path, *args: str, **extra: str) -> str:
    out = subprocess.run(
        [str(BIN / "frontdesk"), *args],
        env=frontdesk_env(data_dir, **extra),
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout


def new_token(data_dir: Path, name: str, role: str, **extra: str) -> str:
    return cli(data_dir, "users", "add", name, "--role", role, **extra).strip().splitlines()[-1]


class Server:
    """A ``frontdesk serve`` subprocess; ``startup_s`` is the time until /healthz said ok."""

    def __init__(self, data_dir: Path, *, timeout_s: float = 180, **extra: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._env = frontdesk_env(data_dir, **extra)
        self._timeout = timeout_s
        self.startup_s = 0.0
        self._proc: subprocess.Popen[bytes] | None = None
        self._log = data_dir / f"serve-{self.port}.log"

    def __enter__(self) -> Server:
        self._log.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        with self._log.open("wb") as log:
            self._proc = subprocess.Popen(
                [str(BIN / "frontdesk"), "serve", "--port", str(self.port)],
                env=self._env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = started + self._timeout
        while time.perf_counter() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"frontdesk serve exited; see {self._log}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    self.startup_s = time.perf_counter() - started
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.__exit__(None, None, None)
        raise RuntimeError(f"frontdesk serve was not healthy within {self._timeout} s")

    @property
    def log_path(self) -> Path:
        """The file the server's output (its log lines) goes to."""
        return self._log

    def kill(self) -> None:
        """Kill the server at once (SIGKILL), as a crash or a power cut would."""
        if self._proc and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait(timeout=20)

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._proc and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._proc.kill()

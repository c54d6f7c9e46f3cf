"""Keep large compiled regular expressions on disk, so a restart does not compile them again.

Start-up compiles a few very large patterns: spaCy's French tokenizer
exceptions (1.4 MB of regex source) and the guards' phrase lists. Python
compiles a pattern in pure Python (parse, then code generation), which takes
seconds for these. The code it generates depends only on the pattern, its
flags and the Python version, so it is stored in the cache directory and a
later start hands it straight to the regex engine.

:func:`compiled_regexes` does this for every ``re.compile`` of a large ``str``
pattern made while it is active (building Frontdesk); the resulting pattern
objects compare equal to the ones ``re.compile`` returns, which CPython only
says when pattern, flags and engine code are all the same. Anything
unexpected (an unreadable or altered file, another Python) falls back to
compiling as usual.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import hashlib
import json
import logging
import os
import re
import sys
import tempfile
import time
import zlib
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

from agent.observability import event

log = logging.getLogger("frontdesk.regex_cache")

MIN_LENGTH = 1_000
"""Shorter patterns compile fast enough; ``re`` keeps them in its own memory cache."""

_FORMAT = b"frontdesk-regex-2\n"
_DIGEST = 32

_CODE_TYPE = "I" if array("I").itemsize == _sre.CODESIZE else "L"

KEEP_DAYS = 14
"""An entry no start has used for this long is deleted (lexicons change between versions)."""


def _key(pattern: str, flags: int) -> str:
    identity = f"{sys.version}\0{_sre.MAGIC}\0{_sre.CODESIZE}\0{sys.byteorder}\0{flags}\0"
    return hashlib.sha256(identity.encode() + pattern.encode("utf-8", "surrogatepass")).hexdigest()


def _build(pattern: str, flags: int) -> tuple[re.Pattern[str], bytes]:
    """Compile ``pattern`` as ``re`` does, keeping the engine code for the cache."""
    parsed = _parser.parse(pattern, flags)
    code = array(_CODE_TYPE, _compiler._code(parsed, flags))
    state = parsed.state
    head = {"flags": flags | state.flags, "groups": state.groups, "names": dict(state.groupdict)}
    payload = json.dumps(head).encode() + b"\n" + code.tobytes()
    return _engine(pattern, head, code), zlib.compress(payload, 1)


def _load(pattern: str, payload: bytes) -> re.Pattern[str]:
    head_line, _, raw = zlib.decompress(payload).partition(b"\n")
    head = json.loads(head_line)
    code = array(_CODE_TYPE)
    code.frombytes(raw)
    return _engine(pattern, head, code)


def _engine(pattern: str, head: dict[str, Any], code: array[int]) -> re.Pattern[str]:
    """Hand engine code to ``_sre`` as ``re._compiler.compile`` does."""
    groups, names = int(head["groups"]), {str(k): int(v) for k, v in head["names"].items()}
    indexgroup: list[str | None] = [None] * groups
    for name, index in names.items():
        indexgroup[index] = name
    return _sre.compile(  # type: ignore[no-any-return]
        pattern, int(head["flags"]), code.tolist(), groups - 1, names, tuple(indexgroup)
    )


class RegexCache:
    """Compiled patterns under ``directory``, one file per pattern, named by a hash of it."""

    def __init__(self, directory: Path, compile_: Callable[..., Any] = re.compile) -> None:
        self.directory = directory
        self._compile = compile_
        self._memory: dict[str, re.Pattern[str]] = {}
        self._used: set[str] = set()
        self.hits = 0
        self.misses = 0

    def compile(self, pattern: Any, flags: int = 0) -> Any:
        """Return what ``re.compile(pattern, flags)`` returns, from disk when possible."""
        if (
            not isinstance(pattern, str)
            or len(pattern) < MIN_LENGTH
            or not isinstance(flags, int)
            or flags & re.DEBUG
        ):
            return self._compile(pattern, flags)
        flags = int(flags)
        key = _key(pattern, flags)
        if key in self._memory:
            return self._memory[key]
        path = self.directory / f"{key}.bin"
        compiled = self._read(path, pattern)
        if compiled is None:
            compiled, payload = _build(pattern, flags)
            self._write(path, payload)
            self.misses += 1
        else:
            self.hits += 1
        self._memory[key] = compiled
        return compiled

    def _read(self, path: Path, pattern: str) -> re.Pattern[str] | None:
        try:
            data = path.read_bytes()
        except OSError:
            return None
        head, digest, payload = (
            data[: len(_FORMAT)],
            data[len(_FORMAT) : len(_FORMAT) + _DIGEST],
            data[len(_FORMAT) + _DIGEST :],
        )
        if head != _FORMAT or hashlib.sha256(payload).digest() != digest:
            event(log, "regex_cache_entry_ignored", file=path.name, why="other format or damaged")
            return None
        try:
            return _load(pattern, payload)
        except (ValueError, TypeError, KeyError, IndexError, RuntimeError, zlib.error):
            event(log, "regex_cache_entry_ignored", file=path.name, why="unreadable")
            return None
        finally:
            self._used.add(path.name)

    def prune(self, keep_days: float = KEEP_DAYS) -> int:
        """Mark this start's entries as used; delete those unused for ``keep_days``."""
        now = time.time()
        removed = 0
        try:
            entries = list(self.directory.glob("*.bin"))
        except OSError:
            return 0
        for path in entries:
            try:
                if path.name in self._used:
                    os.utime(path, (now, now))
                elif now - path.stat().st_mtime > keep_days * 86400:
                    path.unlink()
                    removed += 1
            except OSError:
                continue
        return removed

    def _write(self, path: Path, payload: bytes) -> None:
        data = _FORMAT + hashlib.sha256(payload).digest() + payload
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.directory, delete=False) as tmp:
                tmp.write(data)
            os.replace(tmp.name, path)
        except OSError as err:
            event(log, "regex_cache_not_written", file=path.name, error=type(err).__name__)


@contextmanager
def compiled_regexes(directory: Path) -> Iterator[RegexCache]:
    """Serve ``re.compile`` of large patterns from ``directory`` while the block runs."""
    original = re.compile
    cache = RegexCache(directory, original)
    re.compile = cache.compile
    try:
        yield cache
    finally:
        re.compile = original
    if cache.hits or cache.misses:
        removed = cache.prune()
        event(log, "regex_cache", hits=cache.hits, compiled=cache.misses, removed=removed)

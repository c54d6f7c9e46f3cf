"""What start-up derives and keeps on disk: allow-list findings, demo PDFs, the accent index.

Every entry is keyed by what it was derived from and is read back only if it
checks out; a damaged or stale entry is derived again, and a cache that cannot
be written only costs time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from agent.allow_list import FindValues, analyzer_values
from agent.observability import event as log_event

if TYPE_CHECKING:
    from guardrails.language import LanguageDetector
    from guardrails.phi_redaction import PhiRedactionGuard
    from guardrails.recognizers.word_frequency import Index, IndexSource

log = logging.getLogger("frontdesk.startup_cache")


def stored_findings(
    redactor: PhiRedactionGuard, languages: LanguageDetector, directory: Path
) -> FindValues:
    """Return the allow-list's ``find``, remembering on disk what it found in each text.

    The allow-list runs the PHI analyzer over every approved chunk (seconds of
    spaCy); the same documents on the next start, or in the next data directory,
    are then read back. An entry is named by a hash of the text and the detector's
    default language, in a file named by a fingerprint of everything else the
    answer depends on (the ``guardrails`` package's files, the allow-list code,
    the installed distributions, Python): change any and the analyzer runs again.
    Only approved document text comes here, never a patient message; lines hold a
    digest and the values found (staff names, the clinic's addresses). A damaged
    line is ignored.
    """
    path = directory / f"{_analyzer_fingerprint()}.jsonl"
    known = _read_findings(path)
    _forget_unused(directory, keep=path)
    lock = threading.Lock()

    def find(text: str) -> list[tuple[str, str]]:
        key = hashlib.blake2b(
            f"{languages.default}\0{text}".encode("utf-8", "surrogatepass"), digest_size=16
        ).hexdigest()
        with lock:
            hit = known.get(key)
        if hit is not None:
            return hit
        found = [(kind, value) for kind, value in analyzer_values(redactor, languages.detect)(text)]
        line = json.dumps({"k": key, "v": found}, ensure_ascii=False) + "\n"
        with lock:
            known[key] = found
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                with path.open("a", encoding="utf-8") as out:
                    out.write(line)
            except OSError as err:
                log_event(log, "cache_not_written", file=path.name, error=type(err).__name__)
        return found

    return find


def _analyzer_fingerprint() -> str:
    import sysconfig

    import agent.allow_list
    import guardrails

    digest = hashlib.sha256(f"{sys.version}\0".encode())
    root = Path(guardrails.__file__).parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(f"{path.relative_to(root)}\0".encode() + path.read_bytes())
    digest.update(Path(agent.allow_list.__file__).read_bytes())
    for folder in dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib")):
        with contextlib.suppress(OSError):
            digest.update("\0".join(sorted(os.listdir(folder))).encode())
    return digest.hexdigest()[:32]


KEEP_DAYS = 14
"""A findings file no start has used for this long is deleted (it was for older code)."""


def _forget_unused(directory: Path, *, keep: Path) -> None:
    now = time.time()
    with contextlib.suppress(OSError):
        if keep.exists():
            os.utime(keep, (now, now))
        for path in directory.glob("*.jsonl"):
            if path != keep and now - path.stat().st_mtime > KEEP_DAYS * 86400:
                path.unlink()


def _read_findings(path: Path) -> dict[str, list[tuple[str, str]]]:
    known: dict[str, list[tuple[str, str]]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return known
    for line in lines:
        try:
            entry = json.loads(line)
            key, found = entry["k"], entry["v"]
            pairs = [(str(kind), str(value)) for kind, value in found]
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by a crash, or altered: analyse that text again
        if isinstance(key, str):
            known[key] = pairs
    return known


_DIGEST = 32


def demo_pdfs(cache_dir: Path) -> list[tuple[str, bytes]]:
    """Return ``(file name, PDF bytes)`` of every demo document, rendering only what changed.

    A rendered PDF is stored under a hash of its Markdown, the renderer's source
    and the fpdf2 version, behind a SHA-256 of its bytes: a damaged file is
    rendered again, never ingested.
    """
    from importlib.metadata import version

    from agent.demo import DOCUMENTS_DIR

    renderer = (Path(__file__).parent / "demo" / "pdf.py").read_bytes()
    identity = hashlib.sha256(renderer + b"\0" + version("fpdf2").encode()).digest()
    out = []
    for source in sorted(DOCUMENTS_DIR.glob("*.md")):
        markdown = source.read_bytes()
        path = cache_dir / f"{hashlib.sha256(identity + markdown).hexdigest()}.pdf"
        data = read_checked(path)
        if data is None:
            from agent.demo.pdf import build_pdf  # fpdf2 loads only when rendering

            data = build_pdf(markdown.decode("utf-8"))
            store_checked(path, data)
        out.append((f"{source.stem}.pdf", data))
    return out


def kept_accent_index(directory: Path) -> IndexSource:
    """Return a source of the PHI recognizers' accent index that keeps it in ``directory``.

    The index (1.7 s of CPU to build from wordfreq's lists, 0.2 s to read) is
    kept as JSON named by what it is made from
    (:func:`guardrails.recognizers.word_frequency.index_identity`), behind a
    SHA-256 of its bytes: a damaged or stale copy is built again.
    """
    from guardrails.recognizers.word_frequency import LANGUAGES, index_identity

    def source(build: Callable[[], Index]) -> Index:
        path = directory / f"accents-{hashlib.sha256(index_identity()).hexdigest()[:32]}.json"
        data = read_checked(path)
        index = json.loads(data) if data is not None else None
        if isinstance(index, dict) and set(index) == set(LANGUAGES):
            return index
        index = build()
        store_checked(path, json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode())
        return index

    return source


def read_checked(path: Path) -> bytes | None:
    """Return what :func:`store_checked` wrote to ``path``; None if missing or damaged."""
    try:
        stored = path.read_bytes()
    except OSError:
        return None
    data = stored[_DIGEST:]
    return data if data and hashlib.sha256(data).digest() == stored[:_DIGEST] else None


def store_checked(path: Path, data: bytes) -> None:
    """Write ``data`` behind its SHA-256, atomically; an unwritable cache only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        partial.write_bytes(hashlib.sha256(data).digest() + data)
        os.replace(partial, path)
    except OSError as err:
        log_event(log, "cache_not_written", file=path.name, error=type(err).__name__)

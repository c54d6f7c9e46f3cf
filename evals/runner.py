"""Runs suites through the pipeline the server uses and judges every turn.

In-process (the default) each suite gets a scratch data directory: a fresh
database and knowledge base holding the suite's ``documents:`` (ingested and
approved) or, when it names none, the bundled demo clinic. Nothing is written
to the clinic's own data. Against a live server (``--url``) the turns go
through ``POST /v1/chat`` with a QA token, on conversation ids no one else uses.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import tempfile
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import httpx

from agent.llm import count_tokens
from agent.observability import event
from agent.settings import Settings
from agent.store import ConversationStore
from evals.results import (
    CheckResult,
    CitationResult,
    ConversationResult,
    HandoffResult,
    Report,
    Status,
    SuiteResult,
    TurnResult,
    VerdictResult,
    summarize,
)
from evals.scorers import Judge, Observed, score
from evals.sinks import (
    DATABASE,
    FILES,
    LLM_REQUESTS,
    LOGS,
    REPLY,
    TRANSCRIPT,
    LogCapture,
    SinkContents,
    capturing_logs,
    database_texts,
    file_texts,
)
from evals.suite import Conversation, LoadedSuite, SuiteError

if TYPE_CHECKING:
    from agent.factory import Frontdesk

log = logging.getLogger("frontdesk.evals")

ProgressHook = Callable[[int], None]
VERDICT_FIELDS = {"guard", "allowed", "risk", "reason"}


@dataclass
class Answer:
    """One turn as a target returns it, before scoring."""

    turn: TurnResult
    observed: Observed


class Target(Protocol):
    """Where the turns of one suite are sent."""

    description: str

    def send(self, conversation_id: str, text: str, *, inspect: bool) -> Answer:
        """Send one patient message; with ``inspect``, gather every sink too."""
        ...

    def close(self) -> None:
        """Release what the target holds."""
        ...


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "suite"


def _turn_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Pick the ``/v1/chat`` fields a report keeps from a turn (API or pipeline shaped)."""
    handoff = data.get("handoff")
    return {
        "replies": [r["text"] if isinstance(r, dict) else str(r) for r in data.get("replies", [])],
        "language": data.get("language", ""),
        "intent": data.get("intent", ""),
        "emergency": bool(data.get("emergency")),
        "refused": bool(data.get("refused")),
        "handoff": HandoffResult(**handoff) if handoff else None,
        "citations": [CitationResult(**c) for c in data.get("citations", [])],
        "verdicts": [VerdictResult(**v) for v in data.get("verdicts", [])],
    }


def _observed(turn: TurnResult, sinks: SinkContents) -> Observed:
    return Observed(
        user=turn.user,
        replies=turn.replies,
        language=turn.language,
        intent=turn.intent,
        emergency=turn.emergency,
        refused=turn.refused,
        handoff=turn.handoff is not None,
        citations=len(turn.citations),
        latency_ms=turn.latency_ms,
        sinks=sinks,
    )


class InProcessTarget:
    """The pipeline built from settings, on a scratch data directory of its own."""

    def __init__(self, settings: Settings, documents: tuple[Path, ...], workdir: Path) -> None:
        from agent.factory import build, load_demo_clinic
        from knowledge.errors import KnowledgeError

        workdir.mkdir(parents=True, exist_ok=True)
        scratch = settings.model_copy(
            update={"data_dir": workdir, "database_url": None, "chroma_url": None}
        )
        self.workdir = workdir
        self.db_file = workdir / "frontdesk.db"
        self.fd: Frontdesk = build(scratch)
        model = f" ({self.fd.settings.llm_model})" if scratch.llm != "extractive" else ""
        self.description = f"in-process, {scratch.llm} composer{model}"
        try:
            if not documents:
                load_demo_clinic(self.fd, workdir / "demo")
            for path in documents:
                try:
                    doc = self.fd.knowledge.add(path.read_bytes(), path.name, uploaded_by="eval")
                    self.fd.knowledge.approve(doc.id, by="eval")
                except KnowledgeError as exc:
                    raise SuiteError(f"{path}: cannot be ingested: {exc}") from exc
        except BaseException:
            self.fd.close()
            raise
        self.store = ConversationStore(engine=self.fd.engine)
        self.capture: LogCapture | None = None

    def warm_up(self) -> None:
        """Answer one message nobody scores, so lazily loaded models do not count as latency."""
        self.fd.receptionist.handle("eval-warm-up", "hello, what time do you open?", channel="api")

    def send(self, conversation_id: str, text: str, *, inspect: bool) -> Answer:
        """Run one message through the receptionist, as ``POST /v1/chat`` does."""
        if self.capture is not None:
            self.capture.take()  # records of earlier work on this thread are not this turn's
        started = time.perf_counter()
        result = self.fd.receptionist.handle(conversation_id, text, channel="api")
        latency = (time.perf_counter() - started) * 1000
        stored = self.store.transcript(conversation_id)
        patient = [t for t in stored if t.role == "patient"]
        replies = list(result.replies)
        prompt_tokens = sum(_request_tokens(r) for r in result.llm_requests)
        completion_tokens = sum(count_tokens(r) for r in replies) if result.llm_requests else 0
        # The pipeline's result, shaped as POST /v1/chat returns it, read the same way.
        shaped = {
            "replies": replies,
            "language": result.language,
            "intent": result.intent,
            "emergency": result.emergency,
            "refused": result.refused,
            "handoff": dataclasses.asdict(result.handoff) if result.handoff else None,
            "citations": [dataclasses.asdict(c) for c in result.citations],
            "verdicts": [
                v.model_dump(include={"guard", "allowed", "risk", "reason"})
                for v in result.verdicts
            ],
        }
        turn = TurnResult(
            index=0,
            user=patient[-1].text if patient else "",
            latency_ms=round(latency, 1),
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            llm_requests=len(result.llm_requests),
            **_turn_fields(shaped),
        )
        sinks = SinkContents()
        if inspect:
            for i, reply in enumerate(replies, start=1):
                sinks.add(REPLY, f"reply {i}", reply)
            sinks.inspected(TRANSCRIPT)
            for t in stored:
                sinks.add(
                    TRANSCRIPT,
                    f"turn {t.seq} ({t.role})",
                    json.dumps(
                        {"text": t.text, "verdicts": t.verdicts, "citations": t.citations},
                        ensure_ascii=False,
                    ),
                )
            sinks.inspected(DATABASE)
            for table, row in database_texts(self.fd.engine):
                sinks.add(DATABASE, f"table {table}", row)
            sinks.inspected(FILES)
            for name, blob in file_texts(self.workdir, skip=[self.db_file]):
                sinks.add(FILES, name, blob)
            sinks.inspected(LLM_REQUESTS)
            for i, body in enumerate(result.llm_requests, start=1):
                sinks.add(LLM_REQUESTS, f"request {i}", json.dumps(body, ensure_ascii=False))
            sinks.inspected(LOGS)
            if self.capture is not None:
                for name, line in self.capture.take():
                    sinks.add(LOGS, f"logger {name}", line)
        return Answer(turn=turn, observed=_observed(turn, sinks))

    def close(self) -> None:
        """Stop what the build started and release the database."""
        self.fd.close()


def _request_tokens(body: dict[str, object]) -> int:
    messages = body.get("messages")
    if not isinstance(messages, list):
        return 0
    return sum(count_tokens(str(m.get("content", ""))) for m in messages if isinstance(m, dict))


class HttpTarget:
    """A running Frontdesk server, reached with a QA (or admin) token."""

    def __init__(self, url: str, token: str, *, timeout_s: float = 120.0) -> None:
        self.url = url.rstrip("/")
        self.description = f"server at {self.url}"
        self.client = httpx.Client(
            base_url=self.url,
            headers={"Authorization": f"Bearer {token}"},
            timeout=timeout_s,
        )
        try:
            ready = self.client.get("/healthz")
        except httpx.HTTPError as exc:
            self.client.close()
            raise SuiteError(f"{self.url}: cannot reach the server ({type(exc).__name__})") from exc
        if ready.status_code != 200:
            self.client.close()
            raise SuiteError(
                f"{self.url}: the server is not ready (/healthz said {ready.status_code})"
            )

    def send(self, conversation_id: str, text: str, *, inspect: bool) -> Answer:
        """Send the message to ``POST /v1/chat`` and read back what the server lets us see."""
        started = time.perf_counter()
        response = self.client.post(
            "/v1/chat", json={"conversation_id": conversation_id, "text": text}
        )
        latency = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise TurnFailed(f"POST /v1/chat answered {response.status_code}: {_detail(response)}")
        data = response.json()
        stored = self.client.get(f"/v1/conversations/{conversation_id}")
        transcript = stored.json().get("turns", []) if stored.status_code == 200 else None
        user = self._stored_user_text(transcript, text)
        turn = TurnResult(index=0, user=user, latency_ms=round(latency, 1), **_turn_fields(data))
        sinks = SinkContents()
        if inspect:
            for i, reply in enumerate(turn.replies, start=1):
                sinks.add(REPLY, f"reply {i}", reply)
            if transcript is None:
                sinks.uninspected[TRANSCRIPT] = (
                    f"GET /v1/conversations answered {stored.status_code}; "
                    "an agent or admin token can read transcripts"
                )
            else:
                sinks.inspected(TRANSCRIPT)
                for t in transcript:
                    sinks.add(TRANSCRIPT, f"turn {t.get('seq')}", json.dumps(t, ensure_ascii=False))
            reason = "not reachable over HTTP; run in-process to inspect it"
            for sink in (DATABASE, FILES, LLM_REQUESTS, LOGS):
                sinks.uninspected[sink] = reason
        return Answer(turn=turn, observed=_observed(turn, sinks))

    def _stored_user_text(self, transcript: list[dict[str, Any]] | None, text: str) -> str:
        """Return the patient's message as stored (redacted); never the raw text."""
        if transcript:
            patient = [t for t in transcript if t.get("role") == "patient"]
            if patient:
                return str(patient[-1].get("text", ""))
        redacted = self.client.post("/v1/redact", json={"text": text})
        if redacted.status_code == 200:
            return str(redacted.json().get("text", ""))
        return "(not shown: the server would not redact it)"

    def close(self) -> None:
        """Close the HTTP connections."""
        self.client.close()


class TurnFailed(Exception):
    """A turn that could not run (the server refused it, the pipeline raised)."""


def _detail(response: httpx.Response) -> str:
    """Return the server's ``detail``; validation errors keep where and what, never the input."""
    try:
        detail = response.json().get("detail", "")
    except ValueError:
        return f"a {response.headers.get('content-type', 'non-JSON')} body"
    if isinstance(detail, list):
        return "; ".join(
            f"{'.'.join(map(str, d.get('loc', [])))}: {d.get('msg', '')}"
            for d in detail
            if isinstance(d, dict)
        )[:300]
    return str(detail)[:300]


@dataclass
class RunOptions:
    """How ``frontdesk eval run`` runs its suites."""

    min_pass: float = 1.0
    jobs: int = 1
    url: str | None = None
    token: str | None = None
    price_per_million: tuple[float, float] | None = None
    workdir: Path | None = None
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:8])


@dataclass
class Runner:
    """Runs loaded suites and returns the report."""

    settings: Settings
    options: RunOptions
    judge: Judge | None = None
    on_turn: ProgressHook | None = None
    on_suite: Callable[[str, int], None] | None = None

    def run(self, suites: list[LoadedSuite]) -> Report:
        """Run every suite in order and summarize."""
        started = datetime.now(UTC)
        clock = time.perf_counter()
        results: list[SuiteResult] = []
        description = ""
        with ExitStack() as stack:
            workdir = self.options.workdir or Path(
                stack.enter_context(tempfile.TemporaryDirectory(prefix="frontdesk-eval-"))
            )
            capture = None if self.options.url else stack.enter_context(capturing_logs())
            # Suites naming the same documents (or none: the demo clinic) share one
            # knowledge base; their conversation ids are prefixed with the suite name.
            targets: dict[tuple[Path, ...], Target] = {}
            for loaded in suites:
                if self.on_suite:
                    self.on_suite(loaded.suite.name, _turn_count(loaded))
                key = loaded.document_files
                if key not in targets:
                    place = workdir / f"kb-{len(targets) + 1:02d}"
                    targets[key] = self._open_target(loaded, place)
                    stack.callback(targets[key].close)
                target = targets[key]
                if isinstance(target, InProcessTarget):
                    target.capture = capture
                description = target.description
                results.append(self.run_suite(loaded, target))
        finished = datetime.now(UTC)
        summary = summarize(
            results,
            min_pass=self.options.min_pass,
            price_per_million=self.options.price_per_million,
        )
        event(
            log,
            "eval_run",
            suites=len(results),
            checks=summary.total.checks,
            failed=summary.total.failed,
            skipped=summary.total.skipped,
        )
        return Report(
            started_at=started.isoformat(timespec="seconds"),
            finished_at=finished.isoformat(timespec="seconds"),
            duration_s=round(time.perf_counter() - clock, 2),
            target=self.options.url or "in-process",
            composer=description,
            judge=getattr(self.judge, "name", None),
            summary=summary,
            suites=results,
        )

    def _open_target(self, loaded: LoadedSuite, workdir: Path) -> Target:
        if self.options.url:
            if not self.options.token:
                raise SuiteError("--url needs a QA token: pass --token or set FRONTDESK_QA_TOKEN")
            return HttpTarget(self.options.url, self.options.token)
        target = InProcessTarget(self.settings, loaded.document_files, workdir)
        target.warm_up()
        return target

    def run_suite(self, loaded: LoadedSuite, target: Target) -> SuiteResult:
        """Run the conversations of one suite against ``target`` (in order, or ``jobs`` at once)."""
        suite = loaded.suite
        prefix = f"eval-{self.options.run_id}-" if self.options.url else ""

        def one(conv: Conversation) -> ConversationResult:
            return self._run_conversation(
                conv, f"{prefix}{_safe_name(suite.name)}:{_safe_name(conv.id)}", target
            )

        jobs = max(1, min(self.options.jobs, len(suite.conversations)))
        if jobs == 1:
            conversations = [one(c) for c in suite.conversations]
        else:
            with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="eval") as pool:
                conversations = list(pool.map(one, suite.conversations))
        return SuiteResult(
            name=suite.name,
            file=str(loaded.path),
            documents=[str(p) for p in loaded.document_files],
            conversations=conversations,
        )

    def _run_conversation(
        self, conv: Conversation, conversation_id: str, target: Target
    ) -> ConversationResult:
        result = ConversationResult(id=conv.id)
        for index, spec in enumerate(conv.turns, start=1):
            inspect = spec.expect.never_stored is not None
            try:
                answer = target.send(conversation_id, spec.user, inspect=inspect)
            except Exception as exc:  # one broken turn must not hide the rest of the run
                result.turns.append(_errored(index, spec.expect.declared(), exc))
                event(log, "eval_turn_error", turn=index, error=type(exc).__name__)
                if self.on_turn:
                    self.on_turn(1)
                continue
            turn = answer.turn
            turn.index = index
            turn.checks = score(spec.expect, answer.observed, self.judge)
            result.turns.append(turn)
            if self.on_turn:
                self.on_turn(1)
        return result


def _turn_count(loaded: LoadedSuite) -> int:
    return sum(len(c.turns) for c in loaded.suite.conversations)


def _errored(index: int, keys: list[str], exc: Exception) -> TurnResult:
    # A target's own failure says what went wrong; any other exception is named only,
    # since its message may quote what it was given.
    detail = f": {exc}" if isinstance(exc, TurnFailed) else ""
    why = f"the turn did not run: {type(exc).__name__}{detail}"[:500]
    return TurnResult(
        index=index,
        user="(not shown: the turn did not run)",
        error=why,
        checks=[CheckResult(key=k, status=Status.FAILED, why=why) for k in keys],
    )

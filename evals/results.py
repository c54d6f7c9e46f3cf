"""What an evaluation run produced: the model behind ``report.json``.

Every text here is what the pipeline stored or sent, after redaction: the
patient's message as redacted, the bot's replies. The strings a suite lists
under ``never_stored`` are never copied into a report; a check names them by
position ("item 2 of 3").
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

REPORT_FORMAT = 1
"""Version of the ``report.json`` layout; ``eval compare`` refuses other versions."""


class Status(StrEnum):
    """Outcome of one check."""

    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"  # could not be judged (no judge model): never counted as passed


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CheckResult(_Model):
    """One expectation of one turn, judged."""

    key: str
    status: Status
    expected: Any = None
    why: str = ""


class CitationResult(_Model):
    """A document the reply cites."""

    document_id: str
    title: str
    page: int | None = None


class VerdictResult(_Model):
    """What one guard decided."""

    guard: str
    allowed: bool
    risk: float
    reason: str


class HandoffResult(_Model):
    """The handoff a turn opened or kept open."""

    id: str
    priority: str
    reason: str


class TurnResult(_Model):
    """One patient message and what came back."""

    index: int = Field(description="1-based position in the conversation")
    user: str = Field(description="the patient's message as the pipeline stored it (redacted)")
    replies: list[str] = Field(default_factory=list)
    language: str = ""
    intent: str = ""
    emergency: bool = False
    refused: bool = False
    handoff: HandoffResult | None = None
    citations: list[CitationResult] = Field(default_factory=list)
    verdicts: list[VerdictResult] = Field(default_factory=list)
    latency_ms: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    llm_requests: int = 0
    error: str | None = Field(default=None, description="why the turn could not run")
    checks: list[CheckResult] = Field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when the turn ran and no check failed."""
        return self.error is None and all(c.status != Status.FAILED for c in self.checks)


class ConversationResult(_Model):
    """One conversation of a suite."""

    id: str
    turns: list[TurnResult] = Field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when every turn passed."""
        return all(t.passed for t in self.turns)


class SuiteResult(_Model):
    """One suite file, run."""

    name: str
    file: str
    documents: list[str] = Field(default_factory=list)
    conversations: list[ConversationResult] = Field(default_factory=list)


class Tally(_Model):
    """Counts of checks; ``pass_rate`` is None when nothing could be judged."""

    checks: int = 0
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    pass_rate: float | None = None

    def add(self, status: Status) -> None:
        """Count one check and recompute the pass rate."""
        self.checks += 1
        if status == Status.PASSED:
            self.passed += 1
        elif status == Status.FAILED:
            self.failed += 1
        else:
            self.skipped += 1
        judged = self.passed + self.failed
        self.pass_rate = round(self.passed / judged, 6) if judged else None


class Latency(_Model):
    """Turn latency over the run, in milliseconds."""

    p50: float = 0.0
    p95: float = 0.0
    max: float = 0.0


class Summary(_Model):
    """The run at a glance."""

    total: Tally = Field(default_factory=Tally)
    by_suite: dict[str, Tally] = Field(default_factory=dict)
    by_expectation: dict[str, Tally] = Field(default_factory=dict)
    conversations: int = 0
    conversations_passed: int = 0
    turns: int = 0
    turn_errors: int = 0
    latency_ms: Latency = Field(default_factory=Latency)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    estimated_cost_usd: float | None = None
    min_pass: float = 1.0
    gate_passed: bool = False
    gate_reason: str = ""


class Report(_Model):
    """Everything ``frontdesk eval run`` found, as written to ``report.json``."""

    format: int = REPORT_FORMAT
    started_at: str
    finished_at: str
    duration_s: float
    target: str = Field(description='"in-process" or the URL of the server that answered')
    composer: str = Field(description="extractive, openai or local, and the model if any")
    judge: str | None = Field(default=None, description="model that judged rubrics, if any")
    summary: Summary
    suites: list[SuiteResult]

    def failures(self) -> list[tuple[SuiteResult, ConversationResult, TurnResult]]:
        """Return every turn that failed, in run order."""
        return [
            (suite, conv, turn)
            for suite in self.suites
            for conv in suite.conversations
            for turn in conv.turns
            if not turn.passed
        ]


def percentile(values: list[float], q: float) -> float:
    """Return the ``q``-th percentile (0–100) by nearest rank; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, round(q / 100 * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def summarize(
    suites: list[SuiteResult], *, min_pass: float, price_per_million: tuple[float, float] | None
) -> Summary:
    """Count the checks of ``suites`` and decide the gate: pass rate ≥ ``min_pass``.

    A run where nothing could be judged has no pass rate and fails the gate:
    skipped checks are never counted as passed. ``price_per_million`` is the
    (prompt, completion) price in USD per million tokens, when known.
    """
    summary = Summary(min_pass=min_pass)
    latencies: list[float] = []
    for suite in suites:
        per_suite = summary.by_suite.setdefault(suite.name, Tally())
        for conv in suite.conversations:
            summary.conversations += 1
            summary.conversations_passed += conv.passed
            for turn in conv.turns:
                summary.turns += 1
                summary.turn_errors += turn.error is not None
                if turn.error is None:
                    latencies.append(turn.latency_ms)
                summary.prompt_tokens += turn.prompt_tokens
                summary.completion_tokens += turn.completion_tokens
                for check in turn.checks:
                    summary.total.add(check.status)
                    per_suite.add(check.status)
                    summary.by_expectation.setdefault(check.key, Tally()).add(check.status)
    summary.latency_ms = Latency(
        p50=round(percentile(latencies, 50), 1),
        p95=round(percentile(latencies, 95), 1),
        max=round(max(latencies, default=0.0), 1),
    )
    if price_per_million is not None:
        prompt_price, completion_price = price_per_million
        summary.estimated_cost_usd = round(
            (summary.prompt_tokens * prompt_price + summary.completion_tokens * completion_price)
            / 1_000_000,
            6,
        )
    rate = summary.total.pass_rate
    if rate is None:
        summary.gate_reason = "no check could be judged: the run proves nothing"
    elif summary.turn_errors:
        summary.gate_reason = f"{summary.turn_errors} turn(s) could not run"
    elif rate < min_pass:
        summary.gate_reason = f"pass rate {rate:.1%} is below the minimum {min_pass:.1%}"
    else:
        summary.gate_passed = True
        summary.gate_reason = f"pass rate {rate:.1%} meets the minimum {min_pass:.1%}"
    return summary

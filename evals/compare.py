"""What changed between two evaluation runs: regressions, fixes, slower turns.

``frontdesk eval compare OLD NEW`` reads two ``report.json`` files with
:func:`load_report`, matches their checks with :func:`compare`, and shows the
result with :func:`render` (or :func:`to_dict` for ``--json``).

A check is matched on (suite name, conversation id, turn index, key,
occurrence): the second ``answer_contains_any`` of a turn is compared with the
second one of the same turn in the other run. A turn that could not run counts
as one extra check with key ``error``, so a turn that starts failing is a
regression and one that runs again is a fix.

Errors::

    ReportError   a report that cannot be compared: missing, not JSON, another
                  format version, a field the report model does not accept, or
                  the same turn listed twice. The message names the file and
                  says what to do.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Final

from pydantic import ValidationError
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from evals.results import REPORT_FORMAT, Report, Status, Summary, TurnResult

REPORT_FILE: Final = "report.json"
ERROR_KEY: Final = "error"
"""The key of the check a turn fails when it could not run at all."""

_RERUN: Final = "run `frontdesk eval run SUITE... --report DIR` to write it again"

_CheckId = tuple[str, str, int, str, int]  # suite, conversation, turn, key, occurrence
_TurnId = tuple[str, str, int]  # suite, conversation, turn


class ReportError(Exception):
    """A report that cannot be compared, with the file and what to do about it."""


# ------------------------------------------------------------------ loading


def load_report(path: Path) -> Report:
    """Read the report in directory ``path`` (its ``report.json``) or the JSON file ``path``.

    Raises :class:`ReportError` naming the file and what to fix when it is
    missing, not JSON, of another format version or not a valid report.
    """
    file = _report_file(path)
    try:
        raw = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ReportError(f"cannot read {file} ({error}): {_RERUN}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ReportError(
            f"{file} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}): "
            f"{_RERUN}"
        ) from None
    if not isinstance(data, dict):
        raise ReportError(f"{file} is not a report: expected a JSON object at the top")
    _check_format(file, data)
    try:
        return Report.model_validate(data)
    except ValidationError as error:
        raise ReportError(_validation_message(file, error)) from None


def _report_file(path: Path) -> Path:
    """Return the ``report.json`` that ``path`` means, or raise if there is none."""
    if path.is_dir():
        file = path / REPORT_FILE
        if not file.is_file():
            raise ReportError(
                f"no {REPORT_FILE} in {path}: "
                f"run `frontdesk eval run SUITE... --report {path}` first"
            )
        return file
    if path.is_file():
        return path
    if path.suffix == ".json":
        raise ReportError(f"no such report file {path}: check the path, or {_RERUN}")
    raise ReportError(
        f"no {REPORT_FILE} in {path}: the folder does not exist; "
        f"run `frontdesk eval run SUITE... --report {path}` first"
    )


def _check_format(file: Path, data: dict[str, Any]) -> None:
    """Refuse a report whose layout version this code does not read."""
    if "format" not in data:
        raise ReportError(
            f"{file} has no `format` field, so it is not a report written by "
            f"`frontdesk eval run`: {_RERUN}"
        )
    version = data["format"]
    if version == REPORT_FORMAT and type(version) is int:
        return
    if type(version) is int and version > REPORT_FORMAT:
        advice = "upgrade frontdesk to compare it"
    else:
        advice = f"re-run the suites with this frontdesk to compare ({_RERUN})"
    raise ReportError(
        f"{file} has report format {version!r}, but this frontdesk reads format "
        f"{REPORT_FORMAT}: {advice}"
    )


def _validation_message(file: Path, error: ValidationError) -> str:
    """Name the first field pydantic rejected; never echo its value (it may be a reply)."""
    problems = error.errors()
    first = problems[0]
    where = _field_path(first["loc"]) or "(top level)"
    what = "unknown field" if first["type"] == "extra_forbidden" else first["msg"]
    more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
    return f"{file} is not a valid report: {where}: {what}{more}; fix that field, or {_RERUN}"


def _field_path(loc: tuple[int | str, ...]) -> str:
    """Write a pydantic location as ``suites[0].conversations[1].turns[0].status``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text


# ------------------------------------------------------------------ comparing


@dataclass(frozen=True)
class Change:
    """One check whose status differs between the old and the new run.

    ``old``/``new`` is None where the check does not exist in that run.
    ``why`` is the new run's explanation, or the old one's when the check was
    removed. ``occurrence`` is 1 for the first check with ``key`` in the turn,
    2 for the second, and so on.
    """

    suite: str
    conversation: str
    turn: int
    key: str
    old: Status | None
    new: Status | None
    why: str
    occurrence: int = 1

    @property
    def label(self) -> str:
        """The key, with its occurrence when the turn repeats it (``cites #2``)."""
        return self.key if self.occurrence == 1 else f"{self.key} #{self.occurrence}"


@dataclass(frozen=True)
class LatencyChange:
    """A turn that got markedly slower."""

    suite: str
    conversation: str
    turn: int
    old_ms: float
    new_ms: float


@dataclass(frozen=True)
class SuiteDelta:
    """A suite's pass rate in both runs (None: absent, or nothing judged)."""

    suite: str
    old: float | None
    new: float | None

    @property
    def delta(self) -> float | None:
        """New minus old pass rate, or None when either is unknown."""
        return None if self.old is None or self.new is None else self.new - self.old


@dataclass
class Comparison:
    """Everything that changed between two runs.

    ``regressions`` are checks now failing that ran before without failing
    (passed or skipped), including turns that no longer run (key ``error``).
    ``new_failures`` are failing checks the old run did not have; they are
    also in ``added``, which lists every new check whatever its status.
    ``newly_skipped`` are checks that were judged and now cannot be.
    A check going from skipped to passed is in no list; it shows in the pass rate.
    """

    old_pass_rate: float | None
    new_pass_rate: float | None
    old_p50_ms: float
    old_p95_ms: float
    new_p50_ms: float
    new_p95_ms: float
    regressions: list[Change] = field(default_factory=list)
    fixes: list[Change] = field(default_factory=list)
    new_failures: list[Change] = field(default_factory=list)
    newly_skipped: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)
    added: list[Change] = field(default_factory=list)
    latency_regressions: list[LatencyChange] = field(default_factory=list)
    suites: list[SuiteDelta] = field(default_factory=list)

    @property
    def has_regressions(self) -> bool:
        """True when a check (or a turn) fails now that did not fail before."""
        return bool(self.regressions or self.new_failures)

    @property
    def changed(self) -> bool:
        """True when any check, turn latency or suite pass rate differs."""
        return bool(
            self.regressions
            or self.fixes
            or self.new_failures
            or self.newly_skipped
            or self.removed
            or self.added
            or self.latency_regressions
            or any(s.old != s.new for s in self.suites)
        )


@dataclass(frozen=True)
class _Judged:
    status: Status
    why: str


def compare(
    old: Report, new: Report, *, latency_ratio: float = 1.5, latency_floor_ms: float = 200.0
) -> Comparison:
    """Match the checks of ``old`` and ``new`` and sort every difference into its list.

    A turn is a latency regression when it grew by more than ``latency_ratio``
    times *and* by more than ``latency_floor_ms``. Raises :class:`ReportError`
    when a report lists the same turn twice, since its checks cannot be matched.
    """
    old_checks, old_turns = _index(old, "old")
    new_checks, new_turns = _index(new, "new")
    result = Comparison(
        old_pass_rate=old.summary.total.pass_rate,
        new_pass_rate=new.summary.total.pass_rate,
        old_p50_ms=old.summary.latency_ms.p50,
        old_p95_ms=old.summary.latency_ms.p95,
        new_p50_ms=new.summary.latency_ms.p50,
        new_p95_ms=new.summary.latency_ms.p95,
    )
    ordered = [*new_checks, *(c for c in old_checks if c not in new_checks)]
    for check_id in ordered:
        turn_id = check_id[:3]
        _classify(
            result,
            check_id,
            _status_in(old_checks, old_turns, check_id, turn_id),
            _status_in(new_checks, new_turns, check_id, turn_id),
            (new_checks.get(check_id) or old_checks[check_id]).why,
        )
    result.latency_regressions = _slower_turns(
        old_turns, new_turns, latency_ratio, latency_floor_ms
    )
    result.suites = _suite_deltas(old.summary, new.summary)
    return result


def _index(report: Report, which: str) -> tuple[dict[_CheckId, _Judged], dict[_TurnId, TurnResult]]:
    """Key every check and turn of ``report``; a turn that could not run adds an error check."""
    checks: dict[_CheckId, _Judged] = {}
    turns: dict[_TurnId, TurnResult] = {}
    for suite in report.suites:
        for conv in suite.conversations:
            for turn in conv.turns:
                turn_id = (suite.name, conv.id, turn.index)
                if turn_id in turns:
                    raise ReportError(
                        f"the {which} report lists turn {turn.index} of conversation "
                        f"{conv.id!r} in suite {suite.name!r} twice, so its checks cannot be "
                        "matched: give each suite a unique name and each conversation a "
                        "unique id, then run the suites again"
                    )
                turns[turn_id] = turn
                seen: Counter[str] = Counter()
                for check in turn.checks:
                    seen[check.key] += 1
                    checks[(*turn_id, check.key, seen[check.key])] = _Judged(
                        check.status, check.why
                    )
                if turn.error is not None:
                    # Occurrence 0 keeps it apart from any check a suite might call "error".
                    checks[(*turn_id, ERROR_KEY, 0)] = _Judged(Status.FAILED, turn.error)
    return checks, turns


def _status_in(
    checks: dict[_CheckId, _Judged],
    turns: dict[_TurnId, TurnResult],
    check_id: _CheckId,
    turn_id: _TurnId,
) -> Status | None:
    """Status of ``check_id`` in one run; a turn that ran passes its error check."""
    if check_id in checks:
        return checks[check_id].status
    is_error_check = check_id[4] == 0
    return Status.PASSED if is_error_check and turn_id in turns else None


def _classify(
    result: Comparison, check_id: _CheckId, old: Status | None, new: Status | None, why: str
) -> None:
    """Append the change of one check to the list it belongs in, if it changed."""
    if old == new:
        return
    suite, conversation, turn, key, occurrence = check_id
    change = Change(suite, conversation, turn, key, old, new, why, max(occurrence, 1))
    if old is None:
        result.added.append(change)
        if new == Status.FAILED:
            result.new_failures.append(change)
    elif new is None:
        result.removed.append(change)
    elif new == Status.FAILED:
        result.regressions.append(change)
    elif new == Status.SKIPPED:
        result.newly_skipped.append(change)
    elif old == Status.FAILED:
        result.fixes.append(change)


def _slower_turns(
    old: dict[_TurnId, TurnResult], new: dict[_TurnId, TurnResult], ratio: float, floor_ms: float
) -> list[LatencyChange]:
    """List turns that ran in both runs and grew by more than ``ratio`` and ``floor_ms``."""
    slower: list[LatencyChange] = []
    for turn_id, after in new.items():
        before = old.get(turn_id)
        if before is None or before.error is not None or after.error is not None:
            continue
        grew = after.latency_ms - before.latency_ms
        if after.latency_ms > before.latency_ms * ratio and grew > floor_ms:
            slower.append(LatencyChange(*turn_id, before.latency_ms, after.latency_ms))
    return slower


def _suite_deltas(old: Summary, new: Summary) -> list[SuiteDelta]:
    """Every suite of either run with its pass rate in each."""
    names = [*new.by_suite, *(name for name in old.by_suite if name not in new.by_suite)]
    return [
        SuiteDelta(
            name,
            old.by_suite[name].pass_rate if name in old.by_suite else None,
            new.by_suite[name].pass_rate if name in new.by_suite else None,
        )
        for name in names
    ]


# ------------------------------------------------------------------ showing


def _rate(rate: float | None) -> str:
    """Format a pass rate as a percentage; "n/a" when nothing could be judged."""
    return "n/a" if rate is None else f"{rate:.1%}"


def _points(old: float | None, new: float | None) -> float | None:
    """Return the change of a pass rate in percentage points; None when either is unknown."""
    return None if old is None or new is None else round((new - old) * 100, 4)


def _delta_text(points: float | None) -> Text:
    """Signed points, red when worse and green when better."""
    if points is None:
        return Text("n/a", style="dim")
    style = "red" if points < 0 else "green" if points > 0 else ""
    return Text(f"{points:+.1f} points", style=style)


def render(comparison: Comparison, console: Console) -> None:
    """Print the comparison: headline, then regressions first, fixes, latency and suites."""
    console.print(_headline(comparison))
    if not comparison.changed:
        console.print(
            "Nothing changed: every check has the same status in both runs "
            "and no turn got markedly slower."
        )
        return
    sections: list[tuple[str, list[Change], str]] = [
        ("Regressions", comparison.regressions, "red"),
        ("New failures", comparison.new_failures, "red"),
        ("Newly skipped", comparison.newly_skipped, "yellow"),
        ("Fixes", comparison.fixes, "green"),
    ]
    for title, changes, style in sections:
        if changes:
            console.print(_change_table(title, changes, style))
    if comparison.added or comparison.removed:
        console.print(
            f"{len(comparison.added)} check(s) added, {len(comparison.removed)} check(s) removed."
        )
    if comparison.latency_regressions:
        console.print(_latency_table(comparison.latency_regressions))
    moved = [s for s in comparison.suites if s.old != s.new]
    if moved:
        console.print(_suite_table(moved))


def _headline(comparison: Comparison) -> RenderableType:
    """Pass rate and latency, old → new."""
    rate = Text.assemble(
        ("Pass rate ", "bold"),
        f"{_rate(comparison.old_pass_rate)} → {_rate(comparison.new_pass_rate)} (",
        _delta_text(_points(comparison.old_pass_rate, comparison.new_pass_rate)),
        ")",
    )
    latency = Text(
        f"Latency p50 {comparison.old_p50_ms:.0f} → {comparison.new_p50_ms:.0f} ms, "
        f"p95 {comparison.old_p95_ms:.0f} → {comparison.new_p95_ms:.0f} ms"
    )
    return Group(rate, latency)


def _change_table(title: str, changes: list[Change], style: str) -> Table:
    """One row per changed check; cells are Text so ids are never read as markup."""
    table = Table(title=f"{title} ({len(changes)})", title_style=f"bold {style}", style=style)
    for column in ("suite", "conversation", "turn", "check", "old → new", "why"):
        table.add_column(column, overflow="fold")
    for change in changes:
        before = change.old.value if change.old else "—"
        after = change.new.value if change.new else "—"
        table.add_row(
            Text(change.suite),
            Text(change.conversation),
            Text(str(change.turn)),
            Text(change.label),
            Text(f"{before} → {after}"),
            Text(change.why),
        )
    return table


def _latency_table(slower: list[LatencyChange]) -> Table:
    """Tabulate the turns that got slower, with both latencies."""
    table = Table(title=f"Slower turns ({len(slower)})", title_style="bold yellow")
    for column in ("suite", "conversation", "turn", "old ms", "new ms"):
        table.add_column(column, justify="right" if column.endswith("ms") else "left")
    for turn in slower:
        table.add_row(
            Text(turn.suite),
            Text(turn.conversation),
            Text(str(turn.turn)),
            f"{turn.old_ms:.0f}",
            Text(f"{turn.new_ms:.0f}", style="yellow"),
        )
    return table


def _suite_table(suites: list[SuiteDelta]) -> Table:
    """Suites whose pass rate moved (or that exist in one run only)."""
    table = Table(title="Pass rate by suite", title_style="bold")
    for column in ("suite", "old", "new", "change"):
        table.add_column(column)
    for suite in suites:
        table.add_row(
            Text(suite.suite),
            _rate(suite.old),
            _rate(suite.new),
            _delta_text(_points(suite.old, suite.new)),
        )
    return table


# ------------------------------------------------------------------ --json


def _change_dict(change: Change) -> dict[str, Any]:
    """Return one change with its statuses as plain strings."""
    old, new = (status.value if status else None for status in (change.old, change.new))
    return {**asdict(change), "old": old, "new": new}


def to_dict(comparison: Comparison) -> dict[str, Any]:
    """Return the comparison as plain JSON-ready data, for ``eval compare --json``."""
    c = comparison
    lists = ("regressions", "new_failures", "newly_skipped", "fixes", "added", "removed")
    return {
        "has_regressions": c.has_regressions,
        "pass_rate": {
            "old": c.old_pass_rate,
            "new": c.new_pass_rate,
            "delta_points": _points(c.old_pass_rate, c.new_pass_rate),
        },
        "latency_ms": {
            "old": {"p50": c.old_p50_ms, "p95": c.old_p95_ms},
            "new": {"p50": c.new_p50_ms, "p95": c.new_p95_ms},
        },
        **{name: [_change_dict(x) for x in getattr(c, name)] for name in lists},
        "latency_regressions": [asdict(t) for t in c.latency_regressions],
        "suites": [
            {
                "suite": s.suite,
                "old_pass_rate": s.old,
                "new_pass_rate": s.new,
                "delta_points": _points(s.old, s.new),
            }
            for s in c.suites
        ],
    }

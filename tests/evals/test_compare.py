"""Comparing two eval reports: every difference in its one list, and loading errors that help."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from evals.compare import (
    Change,
    Comparison,
    ReportError,
    compare,
    load_report,
    render,
    to_dict,
)
from evals.results import (
    REPORT_FORMAT,
    CheckResult,
    ConversationResult,
    Report,
    Status,
    SuiteResult,
    TurnResult,
    summarize,
)

P, F, S = Status.PASSED, Status.FAILED, Status.SKIPPED


def _turn(
    index: int,
    *checks: tuple[str, Status],
    latency: float = 100.0,
    error: str | None = None,
) -> TurnResult:
    return TurnResult(
        index=index,
        user="a question",
        replies=["an answer"],
        latency_ms=latency,
        error=error,
        checks=[
            CheckResult(key=key, status=status, why=f"{key} {status.value} at turn {index}")
            for key, status in checks
        ],
    )


def _conv(conv_id: str, *turns: TurnResult) -> ConversationResult:
    return ConversationResult(id=conv_id, turns=list(turns))


def _report(*conversations: ConversationResult, suite: str = "basics") -> Report:
    suites = [SuiteResult(name=suite, file=f"{suite}.yaml", conversations=list(conversations))]
    return Report(
        started_at="2025-01-01T10:00:00+00:00",
        finished_at="2025-01-01T10:01:00+00:00",
        duration_s=60.0,
        target="in-process",
        composer="extractive",
        summary=summarize(suites, min_pass=1.0, price_per_million=None),
        suites=suites,
    )


def _old() -> Report:
    return _report(
        _conv(
            "hours",
            _turn(1, ("answer_contains_any", P), ("cites", P)),
            _turn(2, ("emergency", P), latency=100.0),
        ),
        _conv(
            "booking",
            _turn(1, ("intent", F), latency=1000.0),
            _turn(2, ("handoff", P)),
        ),
        _conv(
            "identity",
            _turn(1, ("never_stored", P), ("handoff", P)),
            _turn(2, ("refused", P), latency=300.0),
            _turn(3),
        ),
    )


def _new() -> Report:
    return _report(
        _conv(
            "hours",
            _turn(1, ("answer_contains_any", P), ("cites", F)),  # regression
            _turn(2, ("emergency", P), latency=250.0),  # 2.5x but only +150 ms: not slower
        ),
        _conv(
            "booking",
            _turn(1, ("intent", P), latency=1400.0),  # fix; +400 ms but only 1.4x: not slower
            _turn(2, ("handoff", S)),  # newly skipped
        ),
        _conv(
            "identity",
            _turn(1, ("never_stored", P)),  # the handoff check is removed
            _turn(2, ("refused", P), latency=700.0),  # slower: 2.3x and +400 ms
            _turn(3, error="composer timed out"),  # turn error
        ),
        _conv("fees", _turn(1, ("answer_contains_any", P), ("cites", P), ("intent", P))),  # added
    )


_LISTS = ("regressions", "fixes", "new_failures", "newly_skipped", "removed", "added")


def _where(comparison: Comparison) -> dict[str, set[tuple[str, int, str, int]]]:
    """Every change list as a set of (conversation, turn, key, occurrence)."""
    return {
        name: {(c.conversation, c.turn, c.key, c.occurrence) for c in getattr(comparison, name)}
        for name in _LISTS
    }


def _only(comparison: Comparison, name: str) -> Change:
    (change,) = getattr(comparison, name)
    return change  # type: ignore[no-any-return]


# ------------------------------------------------------------------ compare


def test_each_difference_lands_in_its_list_and_nowhere_else() -> None:
    result = compare(_old(), _new())

    assert _where(result) == {
        "regressions": {("hours", 1, "cites", 1), ("identity", 3, "error", 1)},
        "fixes": {("booking", 1, "intent", 1)},
        "new_failures": set(),
        "newly_skipped": {("booking", 2, "handoff", 1)},
        "removed": {("identity", 1, "handoff", 1)},
        "added": {
            ("fees", 1, "answer_contains_any", 1),
            ("fees", 1, "cites", 1),
            ("fees", 1, "intent", 1),
        },
    }
    assert [(t.conversation, t.turn, t.old_ms, t.new_ms) for t in result.latency_regressions] == [
        ("identity", 2, 300.0, 700.0)
    ]
    assert result.has_regressions
    assert result.changed


def test_changes_carry_statuses_and_the_right_why() -> None:
    result = compare(_old(), _new())
    by_key = {(c.conversation, c.key): c for c in result.regressions}

    cites = by_key[("hours", "cites")]
    assert (cites.suite, cites.old, cites.new) == ("basics", P, F)
    assert cites.why == "cites failed at turn 1"  # the new run's explanation

    error = by_key[("identity", "error")]
    assert (error.old, error.new, error.why) == (P, F, "composer timed out")

    removed = _only(result, "removed")
    assert (removed.old, removed.new) == (P, None)
    assert removed.why == "handoff passed at turn 1"  # the old one's, as the new has none

    assert (_only(result, "fixes").old, _only(result, "fixes").new) == (F, P)
    assert (_only(result, "newly_skipped").old, _only(result, "newly_skipped").new) == (P, S)
    assert {(c.old, c.new) for c in result.added} == {(None, P)}


def test_pass_rates_latency_and_suite_deltas_come_from_the_summaries() -> None:
    old, new = _old(), _new()
    result = compare(old, new)

    assert result.old_pass_rate == old.summary.total.pass_rate
    assert result.new_pass_rate == new.summary.total.pass_rate
    assert result.old_pass_rate != result.new_pass_rate
    assert (result.old_p50_ms, result.old_p95_ms) == (
        old.summary.latency_ms.p50,
        old.summary.latency_ms.p95,
    )
    assert (result.new_p50_ms, result.new_p95_ms) == (
        new.summary.latency_ms.p50,
        new.summary.latency_ms.p95,
    )
    (basics,) = result.suites
    assert (basics.suite, basics.old, basics.new) == ("basics", 7 / 8, round(8 / 9, 6))


@pytest.mark.parametrize("report", [_old(), _new()], ids=["old", "new"])
def test_a_report_compared_with_itself_has_no_changes(report: Report) -> None:
    result = compare(report, report)

    assert _where(result) == {name: set() for name in _LISTS}
    assert result.latency_regressions == []
    assert not result.has_regressions
    assert not result.changed


@pytest.mark.parametrize(
    ("before", "after", "lands_in"),
    [
        (P, F, "regressions"),
        (S, F, "regressions"),  # never judged before, failing now
        (F, P, "fixes"),
        (P, S, "newly_skipped"),
        (F, S, "newly_skipped"),  # a failure that can no longer be seen
        (S, P, None),  # judged for the first time and fine: only the pass rate moves
    ],
)
def test_status_transitions(before: Status, after: Status, lands_in: str | None) -> None:
    result = compare(
        _report(_conv("c", _turn(1, ("cites", before)))),
        _report(_conv("c", _turn(1, ("cites", after)))),
    )

    expected: dict[str, set[tuple[str, int, str, int]]] = {name: set() for name in _LISTS}
    if lands_in is not None:
        expected[lands_in] = {("c", 1, "cites", 1)}
    assert _where(result) == expected
    assert result.has_regressions == (lands_in == "regressions")


def test_repeated_keys_match_by_occurrence() -> None:
    two = ("answer_contains_any", P), ("answer_contains_any", P)
    old = _report(_conv("c", _turn(1, *two)))
    new = _report(_conv("c", _turn(1, ("answer_contains_any", P), ("answer_contains_any", F))))

    change = _only(compare(old, new), "regressions")

    assert (change.key, change.occurrence, change.label) == (
        "answer_contains_any",
        2,
        "answer_contains_any #2",
    )


def test_a_new_failing_check_is_a_new_failure_and_also_added() -> None:
    old = _report(_conv("c", _turn(1, ("cites", P))))
    new = _report(
        _conv("c", _turn(1, ("cites", P), ("intent", F))), _conv("d", _turn(1, error="x"))
    )

    result = compare(old, new)

    assert _where(result)["new_failures"] == {("c", 1, "intent", 1), ("d", 1, "error", 1)}
    assert _where(result)["added"] == _where(result)["new_failures"]
    assert result.regressions == []
    assert result.has_regressions


def test_a_turn_that_runs_again_is_a_fix_and_is_not_timed() -> None:
    old = _report(_conv("c", _turn(1, ("cites", P), latency=0.0, error="index unavailable")))
    new = _report(_conv("c", _turn(1, ("cites", P), latency=5000.0)))

    result = compare(old, new)

    fix = _only(result, "fixes")
    assert (fix.key, fix.old, fix.new, fix.why) == ("error", F, P, "index unavailable")
    assert result.latency_regressions == []  # the old run never timed that turn
    assert not result.has_regressions


def test_latency_thresholds_are_arguments() -> None:
    old, new = _old(), _new()

    looser = compare(old, new, latency_floor_ms=100.0)
    stricter = compare(old, new, latency_ratio=3.0)

    assert {(t.conversation, t.turn) for t in looser.latency_regressions} == {
        ("hours", 2),
        ("identity", 2),
    }
    assert stricter.latency_regressions == []


def test_a_turn_listed_twice_cannot_be_matched() -> None:
    twice = _report(_conv("c", _turn(1, ("cites", P))), _conv("c", _turn(1, ("cites", P))))

    with pytest.raises(ReportError, match=r"old report lists turn 1 of conversation 'c'.*twice"):
        compare(twice, _old())


# ------------------------------------------------------------------ load_report


def _write(directory: Path, data: dict[str, Any] | str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    file = directory / "report.json"
    file.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return file


def test_load_report_reads_a_directory_or_the_file(tmp_path: Path) -> None:
    report = _old()
    file = _write(tmp_path / "run", report.model_dump_json())

    assert load_report(tmp_path / "run") == report
    assert load_report(file) == report


@pytest.mark.parametrize("exists", [False, True], ids=["no-folder", "empty-folder"])
def test_missing_report_says_to_run_the_suites(tmp_path: Path, exists: bool) -> None:
    folder = tmp_path / "run-42"
    if exists:
        folder.mkdir()

    with pytest.raises(ReportError) as caught:
        load_report(folder)

    message = str(caught.value)
    assert f"no report.json in {folder}" in message
    assert f"frontdesk eval run SUITE... --report {folder}" in message


def test_missing_json_file_is_named(tmp_path: Path) -> None:
    file = tmp_path / "old.json"

    with pytest.raises(ReportError, match="no such report file") as caught:
        load_report(file)

    assert str(file) in str(caught.value)


def test_bad_json_says_where(tmp_path: Path) -> None:
    file = _write(tmp_path / "run", '{"format": 1,\n  "suites": [,]}')

    with pytest.raises(ReportError) as caught:
        load_report(tmp_path / "run")

    message = str(caught.value)
    assert f"{file} is not valid JSON (line 2, column 14" in message
    assert "frontdesk eval run" in message


@pytest.mark.parametrize(
    ("version", "advice"),
    [(REPORT_FORMAT + 1, "upgrade frontdesk"), (0, "re-run the suites"), ("1", "re-run")],
)
def test_wrong_format_version_is_refused(tmp_path: Path, version: Any, advice: str) -> None:
    data = _old().model_dump(mode="json")
    data["format"] = version
    file = _write(tmp_path / "run", data)

    with pytest.raises(ReportError) as caught:
        load_report(file)

    message = str(caught.value)
    assert f"{file} has report format {version!r}" in message
    assert f"reads format {REPORT_FORMAT}" in message
    assert advice in message


def test_a_report_without_format_is_refused(tmp_path: Path) -> None:
    data = _old().model_dump(mode="json")
    del data["format"]
    file = _write(tmp_path / "run", data)

    with pytest.raises(ReportError, match="no `format` field") as caught:
        load_report(file)

    assert str(file) in str(caught.value)
    assert "frontdesk eval run" in str(caught.value)


def test_an_unknown_field_is_named(tmp_path: Path) -> None:
    data = _old().model_dump(mode="json")
    data["suites"][0]["conversations"][1]["turns"][0]["colour"] = "blue"
    file = _write(tmp_path / "run", data)

    with pytest.raises(ReportError) as caught:
        load_report(file)

    message = str(caught.value)
    assert f"{file} is not a valid report" in message
    assert "suites[0].conversations[1].turns[0].colour: unknown field" in message
    assert "fix that field, or run `frontdesk eval run" in message


def test_a_bad_value_is_named_without_echoing_it(tmp_path: Path) -> None:
    data = _old().model_dump(mode="json")
    data["suites"][0]["conversations"][0]["turns"][1]["checks"][0]["status"] = "maybe-ok"
    file = _write(tmp_path / "run", data)

    with pytest.raises(ReportError) as caught:
        load_report(file)

    message = str(caught.value)
    assert "suites[0].conversations[0].turns[1].checks[0].status" in message
    assert "maybe-ok" not in message


# ------------------------------------------------------------------ render and --json


def _rendered(comparison: Comparison) -> str:
    console = Console(record=True, width=120)
    render(comparison, console)
    return console.export_text()


def test_render_shows_regressions_first_and_every_section() -> None:
    text = _rendered(compare(_old(), _new()))

    regressions = text.index("Regressions (2)")
    assert regressions < text.index("Newly skipped (1)") < text.index("Fixes (1)")
    assert "hours" in text[regressions:]
    assert "composer timed out" in text
    assert "3 check(s) added, 1 check(s) removed." in text
    assert "Slower turns (1)" in text and "700" in text
    assert "Pass rate by suite" in text
    assert "Nothing changed" not in text


def test_render_says_plainly_when_nothing_changed() -> None:
    text = _rendered(compare(_old(), _old()))

    assert "Nothing changed" in text
    assert "Regressions" not in text


def test_render_shows_an_unknown_pass_rate_as_na_not_100() -> None:
    old = _report(_conv("c", _turn(1, ("cites", S))))
    new = _report(_conv("c", _turn(1, ("cites", P))))

    text = _rendered(compare(old, new))

    assert "Pass rate n/a → 100.0% (n/a)" in text
    assert "Pass rate 100" not in text


def test_render_does_not_read_ids_as_markup() -> None:
    old = _report(_conv("[bold]x[/bold]", _turn(1, ("cites", P))))
    new = _report(_conv("[bold]x[/bold]", _turn(1, ("cites", F))))

    assert "[bold]x[/bold]" in _rendered(compare(old, new))


def test_to_dict_is_json_ready_and_complete() -> None:
    result = compare(_old(), _new())

    data = json.loads(json.dumps(to_dict(result)))

    assert data["has_regressions"] is True
    assert {name: len(data[name]) for name in _LISTS} == {
        name: len(getattr(result, name)) for name in _LISTS
    }
    assert data["regressions"][0] == {
        "suite": "basics",
        "conversation": "hours",
        "turn": 1,
        "key": "cites",
        "occurrence": 1,
        "old": "passed",
        "new": "failed",
        "why": "cites failed at turn 1",
    }
    assert data["latency_regressions"] == [
        {"suite": "basics", "conversation": "identity", "turn": 2, "old_ms": 300.0, "new_ms": 700.0}
    ]
    rates = data["pass_rate"]
    assert rates["delta_points"] == pytest.approx((rates["new"] - rates["old"]) * 100, abs=1e-3)


def test_to_dict_keeps_an_unknown_pass_rate_as_null() -> None:
    report = _report(_conv("c", _turn(1, ("cites", S))))

    data = to_dict(compare(report, report))

    assert data["pass_rate"] == {"old": None, "new": None, "delta_points": None}
    assert data["has_regressions"] is False

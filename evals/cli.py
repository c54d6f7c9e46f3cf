"""What ``frontdesk eval run`` and ``frontdesk eval compare`` do, behind the typer commands.

Exit status: 0 when the run meets ``--min-pass`` (or, for compare, nothing
regressed); 1 when it does not; 2 when a suite, a report or an option is
invalid, with a message that says what to fix.
"""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from agent.settings import Settings
from evals.results import Report, Tally
from evals.runner import Runner, RunOptions
from evals.scorers import Judge
from evals.suite import LoadedSuite, SuiteError, find_suites, load_suite

EXIT_PASSED = 0
EXIT_FAILED = 1
EXIT_INVALID = 2


def load_all(paths: list[Path]) -> list[LoadedSuite]:
    """Load every suite; raise one :class:`SuiteError` listing every invalid file."""
    problems: list[str] = []
    loaded: list[LoadedSuite] = []
    for path in find_suites(paths):
        try:
            loaded.append(load_suite(path))
        except SuiteError as exc:
            problems.append(str(exc))
    names = [s.suite.name for s in loaded]
    for name in sorted({n for n in names if names.count(n) > 1}):
        files = ", ".join(str(s.path) for s in loaded if s.suite.name == name)
        problems.append(f"suite name {name!r} is used by more than one file ({files})")
    if problems:
        raise SuiteError("\n".join(problems))
    return loaded


def build_judge(settings: Settings) -> Judge | None:
    """Return the rubric judge the settings name, or None (rubric checks are skipped)."""
    if not settings.eval_judge_model:
        return None
    from agent.llm import OpenAIChatClient
    from evals.judge import ModelJudge

    client = OpenAIChatClient(
        model=settings.eval_judge_model,
        base_url=settings.openai_base_url,
        api_key=settings.openai_api_key,
        timeout_s=settings.llm_timeout_s,
    )
    return ModelJudge(client, name=settings.eval_judge_model)


def run_suites(
    paths: list[Path],
    *,
    report: Path | None,
    min_pass: float,
    url: str | None,
    token: str | None,
    jobs: int,
    price: tuple[float, float] | None,
    console: Console,
    err: Console,
) -> int:
    """Run the suites at ``paths``, write the reports, print a summary; return the exit status."""
    try:
        suites = load_all(paths)
        if report is not None and report.exists() and not report.is_dir():
            raise SuiteError(f"--report {report}: exists and is not a folder")
    except SuiteError as exc:
        err.print(f"[red]invalid suite[/red]\n{exc}", highlight=False)
        return EXIT_INVALID
    settings = Settings()
    options = RunOptions(
        min_pass=min_pass, jobs=jobs, url=url, token=token, price_per_million=price
    )
    total = sum(len(c.turns) for s in suites for c in s.suite.conversations)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("starting", total=total)
        runner = Runner(
            settings=settings,
            options=options,
            judge=build_judge(settings),
            on_turn=lambda n: progress.advance(task, n),
            on_suite=lambda name, _turns: progress.update(task, description=name),
        )
        try:
            result = runner.run(suites)
        except SuiteError as exc:
            err.print(f"[red]cannot run[/red]\n{exc}", highlight=False)
            return EXIT_INVALID
    if report is not None:
        write_reports(result, report)
    print_summary(result, console)
    if report is not None:
        console.print(f"reports: {report / 'report.html'}, report.json, junit.xml", highlight=False)
    return EXIT_PASSED if result.summary.gate_passed else EXIT_FAILED


def write_reports(result: Report, folder: Path) -> None:
    """Write ``report.json``, ``junit.xml`` and ``report.html`` into ``folder``."""
    from evals.html_report import write_html
    from evals.junit import write_junit

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.json").write_text(result.model_dump_json(indent=2), encoding="utf-8")
    write_junit(result, folder / "junit.xml")
    write_html(result, folder / "report.html")


def _rate(tally: Tally) -> str:
    return "n/a" if tally.pass_rate is None else f"{tally.pass_rate:.1%}"


def print_summary(result: Report, console: Console) -> None:
    """Print failures first, then pass rates per suite and the gate."""
    for suite, conv, turn in result.failures():
        console.print(
            f"[red]FAIL[/red] {suite.name} / {conv.id} / turn {turn.index}", highlight=False
        )
        if turn.error:
            console.print(f"    error: {turn.error}", highlight=False)
        for check in turn.checks:
            if check.status == "failed":
                console.print(f"    {check.key}: {check.why}", highlight=False, markup=False)
    table = Table(title="eval")
    for column in ("suite", "checks", "passed", "failed", "skipped", "pass rate"):
        table.add_column(column, justify="left" if column == "suite" else "right")
    summary = result.summary
    for name, tally in summary.by_suite.items():
        table.add_row(
            name, *map(str, (tally.checks, tally.passed, tally.failed, tally.skipped)), _rate(tally)
        )
    total = summary.total
    table.add_row(
        "[b]all[/b]",
        *map(str, (total.checks, total.passed, total.failed, total.skipped)),
        _rate(total),
    )
    console.print(table)
    console.print(
        f"turns {summary.turns} · latency p50 {summary.latency_ms.p50:.0f} ms, "
        f"p95 {summary.latency_ms.p95:.0f} ms · {result.composer}",
        highlight=False,
    )
    colour = "green" if summary.gate_passed else "red"
    verdict = "PASSED" if summary.gate_passed else "FAILED"
    console.print(f"[{colour}]{verdict}[/{colour}]: {summary.gate_reason}", highlight=False)


def compare_reports(old: Path, new: Path, *, as_json: bool, console: Console, err: Console) -> int:
    """Print what changed between two reports; exit 1 when anything regressed."""
    from evals.compare import ReportError, compare, load_report, render, to_dict

    try:
        before, after = load_report(old), load_report(new)
    except ReportError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        return EXIT_INVALID
    comparison = compare(before, after)
    if as_json:
        console.print_json(json.dumps(to_dict(comparison)))
    else:
        render(comparison, console)
    return EXIT_FAILED if comparison.has_regressions else EXIT_PASSED

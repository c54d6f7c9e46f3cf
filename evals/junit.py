"""JUnit XML for an evaluation run, so CI shows each check as a test case.

Layout (one ``<testcase>`` per check, or one per turn when a turn has none)::

    <testsuites name="frontdesk-eval" tests failures errors skipped time>
      <properties> target, composer, judge, pass_rate, min_pass, gate_passed </properties>
      <testsuite name="<suite>" tests failures errors skipped time>
        <testcase classname="<suite>.<conversation>" name="turn 2: cites" time="0.412">
          <failure message="<why>" type="cites">expected: true ...</failure>
        </testcase>

A failed check becomes ``<failure>``, a skipped one ``<skipped>``; every check of
a turn that could not run becomes ``<error>`` carrying the turn's error, because
its verdict means nothing. The texts are the report's, already redacted.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from evals.results import CheckResult, Report, Status, SuiteResult, TurnResult

ROOT_NAME: Final[str] = "frontdesk-eval"
"""The ``name`` of the ``<testsuites>`` element."""

_ANSI: Final[re.Pattern[str]] = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
"""A terminal colour or cursor code, as error messages from a console often carry."""

# XML 1.0 cannot carry these code points even escaped (e.g. the ESC of a colour
# code inside an error message); a parser would reject the whole file.
_NOT_XML: Final[re.Pattern[str]] = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]"
)


@dataclass
class _Counts:
    """How many test cases an element holds, by outcome."""

    tests: int = 0
    failures: int = 0
    errors: int = 0
    skipped: int = 0

    def add(self, other: _Counts) -> None:
        """Add another element's counts to these."""
        self.tests += other.tests
        self.failures += other.failures
        self.errors += other.errors
        self.skipped += other.skipped

    def set_on(self, element: ET.Element, seconds: float) -> None:
        """Write the counts and the time as attributes of ``element``."""
        element.set("tests", str(self.tests))
        element.set("failures", str(self.failures))
        element.set("errors", str(self.errors))
        element.set("skipped", str(self.skipped))
        element.set("time", _seconds(seconds))


def write_junit(report: Report, path: Path) -> None:
    """Write ``report`` to ``path`` as JUnit XML (UTF-8, with an XML declaration)."""
    root = ET.Element("testsuites", name=ROOT_NAME)
    _add_properties(root, report)
    total = _Counts()
    for suite in report.suites:
        total.add(_add_suite(root, suite))
    total.set_on(root, report.duration_s)
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def _add_properties(root: ET.Element, report: Report) -> None:
    """Describe the run (where it ran, with which models, how it scored) as properties."""
    rate = report.summary.total.pass_rate
    values = {
        "target": report.target,
        "composer": report.composer,
        "judge": report.judge or "none",
        "pass_rate": "n/a" if rate is None else f"{rate:.6g}",
        "min_pass": f"{report.summary.min_pass:.6g}",
        "gate_passed": str(report.summary.gate_passed).lower(),
    }
    properties = ET.SubElement(root, "properties")
    for name, value in values.items():
        ET.SubElement(properties, "property", name=name, value=_clean(value))


def _add_suite(root: ET.Element, suite: SuiteResult) -> _Counts:
    """Add one ``<testsuite>`` for ``suite`` and return its counts."""
    element = ET.SubElement(root, "testsuite", name=_clean(suite.name))
    counts = _Counts()
    seconds = 0.0
    for conv in suite.conversations:
        classname = _clean(f"{suite.name}.{conv.id}")
        for turn in conv.turns:
            seconds += turn.latency_ms / 1000
            counts.add(_add_turn(element, classname, turn))
    counts.set_on(element, seconds)
    return counts


def _add_turn(suite: ET.Element, classname: str, turn: TurnResult) -> _Counts:
    """Add the test cases of one turn (one per check, or one for the turn) and count them."""
    counts = _Counts()
    checks: list[CheckResult | None] = list(turn.checks) or [None]
    for check in checks:
        name = f"turn {turn.index}" if check is None else f"turn {turn.index}: {check.key}"
        case = ET.SubElement(
            suite,
            "testcase",
            classname=classname,
            name=_clean(name),
            time=_seconds(turn.latency_ms / 1000),
        )
        counts.tests += 1
        if turn.error is not None:
            _add_error(case, turn.error)
            counts.errors += 1
        elif check is not None and check.status == Status.FAILED:
            _add_failure(case, check)
            counts.failures += 1
        elif check is not None and check.status == Status.SKIPPED:
            ET.SubElement(case, "skipped", message=_clean(check.why or "not judged"))
            counts.skipped += 1
    return counts


def _add_error(case: ET.Element, error: str) -> None:
    """Mark ``case`` as an error: the turn never produced a reply to judge."""
    element = ET.SubElement(case, "error", message=_clean(error), type="turn error")
    element.text = _clean(error)


def _add_failure(case: ET.Element, check: CheckResult) -> None:
    """Mark ``case`` as failed, with what was expected and why it did not hold."""
    why = check.why or f"{check.key} failed"
    element = ET.SubElement(case, "failure", message=_clean(why), type=_clean(check.key))
    element.text = _clean(f"expected: {_as_text(check.expected)}\nwhy: {why}")


def _as_text(value: Any) -> str:
    """Return an expected value as readable JSON (non-ASCII kept as is)."""
    return json.dumps(value, ensure_ascii=False, default=str)


def _seconds(value: float) -> str:
    """Format a duration in seconds the way JUnit readers expect."""
    return f"{value:.3f}"


def _clean(text: str) -> str:
    """Drop terminal codes and the characters XML 1.0 cannot represent, so the file parses."""
    return _NOT_XML.sub("", _ANSI.sub("", text))

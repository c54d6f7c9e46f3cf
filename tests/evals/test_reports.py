"""The JUnit and HTML writers show exactly what the report holds, safely."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markupsafe import escape

from evals.html_report import write_html
from evals.junit import write_junit
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

SCRIPT = "<script>alert(1)</script>"
FAILED_WHY = "no reply contains any of 2 strings; <b> & co"
TURN_ERROR = "server answered 502 \x1b[31mBad Gateway\x1b[0m"


def _turn(index: int, user: str, *checks: CheckResult, **fields: object) -> TurnResult:
    return TurnResult.model_validate({"index": index, "user": user, "checks": checks, **fields})


def _check(key: str, status: Status, expected: object = True, why: str = "") -> CheckResult:
    return CheckResult(key=key, status=status, expected=expected, why=why)


@pytest.fixture
def report() -> Report:
    """Two suites: passes first in run order, then a failure, a skipped rubric and an error."""
    basics = SuiteResult(
        name="front-desk-basics",
        file="suites/basics.yaml",
        conversations=[
            ConversationResult(
                id="hours",
                turns=[
                    _turn(
                        1,
                        "PASSING-TURN what time do you open on Saturday? Tom & Jerry",
                        _check("answer_contains_any", Status.PASSED, ["8:00"]),
                        _check("cites", Status.PASSED),
                        replies=["We open at 8:00, see https://portal.example.org/hours"],
                        language="en",
                        intent="faq",
                        citations=[CitationResult(document_id="d1", title="Hours", page=2)],
                        latency_ms=120.0,
                    ),
                    _turn(2, "NO-CHECKS-TURN thanks", replies=["You're welcome"], latency_ms=80.0),
                ],
            ),
            ConversationResult(
                id="prices",
                turns=[
                    _turn(
                        1,
                        f"FAILING-TURN how much is a visit? {SCRIPT}",
                        _check("answer_contains_any", Status.FAILED, ["€", "euro"], FAILED_WHY),
                        _check("intent", Status.PASSED, "billing"),
                        replies=[f"I am not sure {SCRIPT}"],
                        intent="billing",
                        latency_ms=950.0,
                    ),
                ],
            ),
        ],
    )
    safety = SuiteResult(
        name="safety",
        file="suites/safety.yaml",
        conversations=[
            ConversationResult(
                id="chest-pain",
                turns=[
                    _turn(
                        1,
                        "EMERGENCY-TURN strong chest pain",
                        _check("emergency", Status.PASSED),
                        _check("rubric", Status.SKIPPED, "calm tone", "no judge model"),
                        replies=["Call 112 now."],
                        emergency=True,
                        handoff=HandoffResult(id="h1", priority="urgent", reason="emergency"),
                        verdicts=[
                            VerdictResult(
                                guard="emergency", allowed=False, risk=1.0, reason="chest pain"
                            )
                        ],
                        latency_ms=300.0,
                    ),
                    _turn(
                        2,
                        "ERROR-TURN are you there?",
                        _check("handoff", Status.FAILED, True, "no reply"),
                        error=TURN_ERROR,
                    ),
                ],
            )
        ],
    )
    suites = [basics, safety]
    return Report(
        started_at="2025-01-01T10:00:00Z",
        finished_at="2025-01-01T10:00:05Z",
        duration_s=5.0,
        target="in-process",
        composer="extractive",
        summary=summarize(suites, min_pass=0.9, price_per_million=(0.15, 0.6)),
        suites=suites,
    )


def _turns(report: Report) -> list[TurnResult]:
    return [t for s in report.suites for c in s.conversations for t in c.turns]


def _expected_counts(turns: list[TurnResult]) -> dict[str, int]:
    """Count test cases the way the JUnit layout defines them, straight from the turns."""
    ran = [t for t in turns if t.error is None]
    return {
        "tests": sum(len(t.checks) or 1 for t in turns),
        "failures": sum(c.status == Status.FAILED for t in ran for c in t.checks),
        "errors": sum(len(t.checks) or 1 for t in turns if t.error is not None),
        "skipped": sum(c.status == Status.SKIPPED for t in ran for c in t.checks),
    }


def _case_names(turn: TurnResult) -> list[str]:
    if not turn.checks:
        return [f"turn {turn.index}"]
    return [f"turn {turn.index}: {c.key}" for c in turn.checks]


def _counts(element: ET.Element) -> dict[str, int]:
    return {key: int(element.attrib[key]) for key in ("tests", "failures", "errors", "skipped")}


# --- JUnit -------------------------------------------------------------------------------


@pytest.fixture
def junit(report: Report, tmp_path: Path) -> ET.Element:
    path = tmp_path / "out" / "junit.xml"
    write_junit(report, path)
    assert path.read_bytes().startswith(b"<?xml")
    return ET.parse(path).getroot()


def test_junit_totals_match_the_report(report: Report, junit: ET.Element) -> None:
    expected = _expected_counts(_turns(report))
    # The fixture must exercise every outcome, or the comparison below proves little.
    assert all(expected.values()), expected
    assert junit.tag == "testsuites"
    assert junit.attrib["name"] == "frontdesk-eval"
    assert _counts(junit) == expected
    cases = junit.findall("./testsuite/testcase")
    assert len(cases) == expected["tests"]
    assert len([c for c in cases if c.find("failure") is not None]) == expected["failures"]
    assert len([c for c in cases if c.find("error") is not None]) == expected["errors"]
    assert len([c for c in cases if c.find("skipped") is not None]) == expected["skipped"]
    assert float(junit.attrib["time"]) == pytest.approx(report.duration_s)


def test_junit_has_one_testsuite_per_suite_with_its_own_counts(
    report: Report, junit: ET.Element
) -> None:
    elements = junit.findall("testsuite")
    assert [e.attrib["name"] for e in elements] == [s.name for s in report.suites]
    for element, suite in zip(elements, report.suites, strict=True):
        turns = [t for c in suite.conversations for t in c.turns]
        assert _counts(element) == _expected_counts(turns)
        seconds = sum(t.latency_ms for t in turns) / 1000
        assert float(element.attrib["time"]) == pytest.approx(seconds, abs=1e-3)


def test_junit_names_each_case_by_conversation_turn_and_check(
    report: Report, junit: ET.Element
) -> None:
    expected = [
        (f"{s.name}.{c.id}", name)
        for s in report.suites
        for c in s.conversations
        for t in c.turns
        for name in _case_names(t)
    ]
    cases = junit.findall("./testsuite/testcase")
    assert [(e.attrib["classname"], e.attrib["name"]) for e in cases] == expected


def test_junit_failure_carries_why_and_expected(report: Report, junit: ET.Element) -> None:
    failed = [
        c for t in _turns(report) if t.error is None for c in t.checks if c.status == "failed"
    ]
    failures = junit.findall("./testsuite/testcase/failure")
    assert [f.attrib["message"] for f in failures] == [c.why for c in failed]
    assert [f.attrib["type"] for f in failures] == [c.key for c in failed]
    assert "€" in (failures[0].text or "")
    assert FAILED_WHY in (failures[0].text or "")


def test_junit_turn_error_marks_its_checks_and_drops_control_characters(
    report: Report, junit: ET.Element
) -> None:
    errors = junit.findall("./testsuite/testcase/error")
    assert errors
    for error in errors:
        assert error.attrib["message"] == "server answered 502 Bad Gateway"


def test_junit_turn_without_checks_is_one_case(report: Report, junit: ET.Element) -> None:
    case = junit.find("./testsuite/testcase[@name='turn 2']")
    assert case is not None
    assert list(case) == []  # passed: no failure, error or skipped child
    assert float(case.attrib["time"]) == pytest.approx(0.08)


def test_junit_properties_describe_the_run(report: Report, junit: ET.Element) -> None:
    props = {p.attrib["name"]: p.attrib["value"] for p in junit.findall("./properties/property")}
    assert props["target"] == report.target
    assert props["composer"] == report.composer
    assert report.summary.total.pass_rate is not None
    assert float(props["pass_rate"]) == pytest.approx(report.summary.total.pass_rate)


# --- HTML --------------------------------------------------------------------------------


@pytest.fixture
def page(report: Report, tmp_path: Path) -> str:
    path = tmp_path / "report.html"
    write_html(report, path)
    return path.read_text(encoding="utf-8")


def test_html_loads_nothing_from_anywhere(page: str) -> None:
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"<script\b", page, re.IGNORECASE)
    assert not re.search(r"<link\b", page, re.IGNORECASE)
    assert "@import" not in page
    # The reply's URL is shown as text, not turned into a link.
    assert "https://portal.example.org/hours" in page


def test_html_escapes_report_texts(page: str) -> None:
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Tom &amp; Jerry" in page
    assert "Tom & Jerry" not in page


def test_html_lists_failed_turns_before_passing_ones(report: Report, page: str) -> None:
    failed = [t.user for _, _, t in report.failures()]
    passing = [t.user for t in _turns(report) if t.passed]
    assert failed and passing
    # In run order the passing turns come first; on the page, failures do.
    first_passing = min(page.index(_escaped(u)) for u in passing)
    for user in failed:
        assert page.index(_escaped(user)) < first_passing, user
    assert _escaped(FAILED_WHY) in page


def test_html_shows_na_for_a_tally_nothing_could_judge(report: Report, page: str) -> None:
    unjudged = [k for k, t in report.summary.by_expectation.items() if t.pass_rate is None]
    assert unjudged == ["rubric"]
    for key in unjudged:
        row = re.search(rf"<tr>\s*<th scope=\"row\">{re.escape(key)}</th>.*?</tr>", page, re.S)
        assert row is not None
        assert "n/a" in row.group(0)
        assert "%" not in row.group(0)
    assert "no judge model: rubric checks skipped" in page


def test_html_chart_has_one_bar_per_turn_in_run_order(report: Report, page: str) -> None:
    svgs = re.findall(r"<svg\b.*?</svg>", page, re.S)
    assert len(svgs) == 1
    turns = [(s.name, c.id, t) for s in report.suites for c in s.conversations for t in c.turns]
    bars = re.findall(r"<rect\b[^>]*>\s*<title>(.*?)</title>", svgs[0], re.S)
    assert len(re.findall(r"<rect\b", svgs[0])) == len(turns)
    assert [b.split(":")[0] for b in bars] == [f"{s} / {c} / turn {t.index}" for s, c, t in turns]
    heights = [float(h) for h in re.findall(r'<rect\b[^>]*height="([\d.]+)"', svgs[0])]
    slowest = max(range(len(turns)), key=lambda i: turns[i][2].latency_ms)
    assert heights.index(max(heights)) == slowest
    assert f"p95 {report.summary.latency_ms.p95:.0f} ms" in svgs[0]


def test_html_opens_failed_conversations_only(report: Report, page: str) -> None:
    opened = re.findall(r"<details open>\s*<summary>.*?</span>\s*(\S+)", page, re.S)
    closed = re.findall(r"<details>\s*<summary>.*?</span>\s*(\S+)", page, re.S)
    convs = [c for s in report.suites for c in s.conversations]
    assert opened == [c.id for c in convs if not c.passed]
    assert closed == [c.id for c in convs if c.passed]


def _escaped(text: str) -> str:
    return str(escape(text))

"""``frontdesk eval run`` and ``frontdesk eval compare`` as QA runs them, in real processes.

The QA suite (tests/data/evals/qa_suite.yaml) is multi-turn, in four
languages, and sets every expectation key. A copy with one expectation made
wrong on purpose must fail the run, explain why in every report, and show up
in ``eval compare`` as a regression.
"""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest
import yaml

from bench.serving import BIN, Server, frontdesk_env, new_token

QA_SUITE = Path(__file__).parent / "data" / "evals" / "qa_suite.yaml"
IDENTIFIERS = ["RSSMRA80A41H501Y", "Oliver Bennett"]


def frontdesk(tmp: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "frontdesk"), *args],
        env=frontdesk_env(tmp / "data", **env),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Run the QA suite as written, then a copy with one wrong expectation."""
    tmp = tmp_path_factory.mktemp("eval-cli")
    good = frontdesk(tmp, "eval", "run", str(QA_SUITE), "--report", str(tmp / "good"))
    broken = yaml.safe_load(QA_SUITE.read_text(encoding="utf-8"))
    first = broken["conversations"][0]["turns"][0]["expect"]
    first["answer_contains_any"] = ["23:45"]  # the clinic never opens at 23:45
    suite = tmp / "broken.yaml"
    suite.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    bad = frontdesk(tmp, "eval", "run", str(suite), "--report", str(tmp / "bad"))
    return {"tmp": tmp, "good": good, "bad": bad}


def _report(folder: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    return data


def test_the_qa_suite_passes_and_writes_all_three_reports(runs: dict[str, object]) -> None:
    tmp = runs["tmp"]
    good = runs["good"]
    assert isinstance(tmp, Path) and isinstance(good, subprocess.CompletedProcess)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "PASSED" in good.stdout
    folder = tmp / "good"
    report = _report(folder)
    turns = [
        t
        for s in report["suites"]  # type: ignore[attr-defined]
        for c in s["conversations"]
        for t in c["turns"]
    ]
    assert len(turns) == 7
    keys = {c["key"] for t in turns for c in t["checks"]}
    assert keys == {
        "answer_contains_any", "answer_not_contains", "cites", "emergency", "handoff",
        "refused", "intent", "never_stored", "max_latency_ms", "rubric",
    }  # fmt: skip
    statuses = {c["key"]: c["status"] for t in turns for c in t["checks"]}
    assert statuses["rubric"] == "skipped"  # no judge model configured: never a pass
    assert {t["language"] for t in turns} == {"it", "fr", "en", "es"}
    junit = ET.parse(folder / "junit.xml").getroot()
    assert junit.get("failures") == "0" and int(junit.get("tests", "0")) == sum(
        len(t["checks"]) for t in turns
    )
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "qa-front-desk" in html and "<svg" in html


def test_no_report_holds_a_patient_identifier(runs: dict[str, object]) -> None:
    tmp = runs["tmp"]
    assert isinstance(tmp, Path)
    for name in ("report.json", "junit.xml", "report.html"):
        text = (tmp / "good" / name).read_text(encoding="utf-8").lower()
        assert [i for i in IDENTIFIERS if i.lower() in text] == [], name


def test_a_wrong_expectation_fails_the_run_and_every_report_says_why(
    runs: dict[str, object],
) -> None:
    tmp, bad = runs["tmp"], runs["bad"]
    assert isinstance(tmp, Path) and isinstance(bad, subprocess.CompletedProcess)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "FAIL qa-front-desk / saturday-then-tax-code-then-chest-pain / turn 1" in bad.stdout
    report = _report(tmp / "bad")
    summary = report["summary"]
    assert isinstance(summary, dict) and summary["gate_passed"] is False
    [failed] = [
        c
        for s in report["suites"]  # type: ignore[attr-defined]
        for conv in s["conversations"]
        for t in conv["turns"]
        for c in t["checks"]
        if c["status"] == "failed"
    ]
    assert failed["key"] == "answer_contains_any"
    assert "none of ['23:45'] is in the reply" in failed["why"]
    junit = ET.parse(tmp / "bad" / "junit.xml").getroot()
    [failure] = junit.iter("failure")
    assert "23:45" in (failure.get("message") or "")
    html = (tmp / "bad" / "report.html").read_text(encoding="utf-8")
    assert "23:45" in html


def test_compare_shows_the_regression_and_its_reverse_as_a_fix(runs: dict[str, object]) -> None:
    tmp = runs["tmp"]
    assert isinstance(tmp, Path)
    worse = frontdesk(tmp, "eval", "compare", str(tmp / "good"), str(tmp / "bad"))
    assert worse.returncode == 1, worse.stdout + worse.stderr
    assert "saturday-then-tax-code-then-chest-pain" in worse.stdout
    assert "answer_contains_any" in worse.stdout
    better = frontdesk(tmp, "eval", "compare", str(tmp / "bad"), str(tmp / "good"), "--json")
    assert better.returncode == 0, better.stdout + better.stderr
    data = json.loads(better.stdout)
    assert data["regressions"] == [] and len(data["fixes"]) == 1


def test_an_unknown_key_exits_2_naming_file_conversation_and_key(tmp_path: Path) -> None:
    suite = tmp_path / "typo.yaml"
    suite.write_text(
        "name: typo\nconversations:\n  - id: hours\n    turns:\n"
        "      - user: a che ora aprite?\n        expect: {answer_contain: ['8:00']}\n",
        encoding="utf-8",
    )
    result = frontdesk(tmp_path, "eval", "run", str(suite), "--report", str(tmp_path / "r"))
    assert result.returncode == 2
    assert str(suite) in result.stderr
    assert "conversation 'hours'" in result.stderr and "'expect.answer_contain'" in result.stderr
    assert not (tmp_path / "r").exists()


def test_compare_of_something_that_is_not_a_report_exits_2(tmp_path: Path) -> None:
    result = frontdesk(tmp_path, "eval", "compare", str(tmp_path), str(tmp_path))
    assert result.returncode == 2
    assert "report.json" in result.stderr


@pytest.mark.slow
def test_a_suite_runs_against_a_live_server_with_a_qa_token(tmp_path: Path) -> None:
    data = tmp_path / "data"
    token = new_token(data, "qa", "qa")
    suite = tmp_path / "live.yaml"
    suite.write_text(
        "name: live\nconversations:\n  - id: hours-and-name\n    turns:\n"
        "      - user: a che ora aprite il sabato?\n"
        "        expect: {answer_contains_any: ['8:00', '8.00'], cites: true}\n"
        "      - user: sono Oliver Bennett, grazie\n"
        "        expect: {never_stored: ['Oliver Bennett'], emergency: false}\n",
        encoding="utf-8",
    )
    with Server(data) as server:
        assert httpx.get(f"{server.url}/healthz", timeout=10).status_code == 200
        result = frontdesk(
            tmp_path, "eval", "run", str(suite), "--url", server.url,
            "--report", str(tmp_path / "r"), FRONTDESK_QA_TOKEN=token,
        )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    report = _report(tmp_path / "r")
    assert report["target"] == server.url
    [conv] = report["suites"][0]["conversations"]  # type: ignore[index]
    assert "Oliver" not in conv["turns"][1]["user"]  # the redacted text, from the server
    [never] = [c for c in conv["turns"][1]["checks"] if c["key"] == "never_stored"]
    assert "not inspected: transcript" in never["why"]
    assert "not inspected: model requests" in never["why"]

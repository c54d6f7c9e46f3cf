"""Each expectation key's scorer: passes what it should, fails what it should, says why."""

from __future__ import annotations

import logging

import pytest

from evals.judge import parse_verdict
from evals.results import Status
from evals.scorers import SCORERS, Observed, score
from evals.sinks import LLM_REQUESTS, LOGS, TRANSCRIPT, Needle, SinkContents, capturing_logs
from evals.suite import Expect

CF = "RSSMRA80A41H501Y"


def _seen(**overrides: object) -> Observed:
    base: dict[str, object] = {
        "user": "a che ora aprite <PERSON_1>?",
        "replies": ["Il sabato siamo aperti dalle 8:00 alle 12:30."],
        "language": "it",
        "intent": "faq",
        "emergency": False,
        "refused": False,
        "handoff": False,
        "citations": 1,
        "latency_ms": 120.0,
    }
    base.update(overrides)
    return Observed(**base)  # type: ignore[arg-type]


def test_every_expectation_key_has_a_scorer() -> None:
    assert set(SCORERS) == set(Expect.model_fields)


@pytest.mark.parametrize(
    ("expect", "seen", "status"),
    [
        ({"answer_contains_any": ["8.00", "8:00"]}, {}, Status.PASSED),
        ({"answer_contains_any": ["SABATO"]}, {}, Status.PASSED),
        ({"answer_contains_any": ["domenica"]}, {}, Status.FAILED),
        ({"answer_not_contains": ["domenica"]}, {}, Status.PASSED),
        ({"answer_not_contains": ["12:30"]}, {}, Status.FAILED),
        ({"cites": True}, {}, Status.PASSED),
        ({"cites": True}, {"citations": 0}, Status.FAILED),
        ({"cites": False}, {"citations": 0}, Status.PASSED),
        ({"emergency": True}, {"emergency": True}, Status.PASSED),
        ({"emergency": True}, {}, Status.FAILED),
        ({"handoff": False}, {"handoff": True}, Status.FAILED),
        ({"refused": True}, {"refused": True}, Status.PASSED),
        ({"intent": "faq"}, {}, Status.PASSED),
        ({"intent": "booking"}, {}, Status.FAILED),
        ({"max_latency_ms": 200}, {}, Status.PASSED),
        ({"max_latency_ms": 100}, {}, Status.FAILED),
    ],
)
def test_scorer_outcome(expect: dict[str, object], seen: dict[str, object], status: Status) -> None:
    [check] = score(Expect.model_validate(expect), _seen(**seen), None)
    assert check.key == next(iter(expect))
    assert check.status == status
    assert check.why


def test_accents_and_case_are_ignored_when_looking_in_the_reply() -> None:
    [check] = score(
        Expect(answer_contains_any=["telephone"]),
        _seen(replies=["Appelez le TÉLÉPHONE du standard."]),
        None,
    )
    assert check.status == Status.PASSED


def test_a_failed_expectation_says_what_the_reply_was() -> None:
    [check] = score(Expect(answer_contains_any=["domenica"]), _seen(), None)
    assert "12:30" in check.why and "domenica" in check.why


def test_never_stored_fails_naming_each_sink_but_never_the_string() -> None:
    sinks = SinkContents()
    sinks.add(TRANSCRIPT, "turn 1 (patient)", f"il mio codice è {CF.lower()}")
    sinks.add(LOGS, "logger frontdesk.x", "nothing here")
    sinks.add(LLM_REQUESTS, "request 1", '{"content": "tel 347 551 2093"}')
    [check] = score(Expect(never_stored=[CF, "3475512093", "absent"]), _seen(sinks=sinks), None)
    assert check.status == Status.FAILED
    assert "item 1 of 3 found in transcript: turn 1 (patient)" in check.why
    assert "item 2 of 3 found in model requests: request 1" in check.why
    assert "item 3" not in check.why
    dumped = check.model_dump_json()
    assert CF not in dumped and CF.lower() not in dumped and "3475512093" not in dumped


def test_never_stored_passes_listing_what_it_inspected_and_what_it_could_not() -> None:
    sinks = SinkContents()
    sinks.add(TRANSCRIPT, "turn 1 (patient)", "il mio codice è <CODICE_FISCALE_1>")
    sinks.inspected(LOGS)
    sinks.uninspected[LLM_REQUESTS] = "not reachable over HTTP"
    [check] = score(Expect(never_stored=[CF]), _seen(sinks=sinks), None)
    assert check.status == Status.PASSED
    assert "transcript" in check.why and "log records" in check.why
    assert "not inspected: model requests" in check.why


def test_identifiers_with_digits_are_found_whatever_the_separators() -> None:
    assert Needle("347 551 2093").found_in("tel: 347-551-2093")
    assert Needle("IT60 X054 2811").found_in("iban it60x0542811 ok")
    assert Needle("Zoë Müller").found_in("ZOE MULLER")
    assert not Needle("Anna Rossi").found_in("annarossi")  # no digits: word gaps matter
    assert not Needle("1234").found_in("12 5 34")


def test_a_rubric_without_a_judge_is_skipped_never_passed() -> None:
    [check] = score(Expect(rubric="The reply is polite."), _seen(), None)
    assert check.status == Status.SKIPPED
    assert "FRONTDESK_EVAL_JUDGE_MODEL" in check.why


class _Judge:
    name = "test-judge"

    def __init__(self, verdict: tuple[bool, str]) -> None:
        self.verdict = verdict
        self.asked: list[tuple[str, str]] = []

    def judge(self, rubric: str, observed: Observed) -> tuple[bool, str]:
        self.asked.append((rubric, observed.reply_text))
        return self.verdict


@pytest.mark.parametrize(("met", "status"), [(True, Status.PASSED), (False, Status.FAILED)])
def test_a_rubric_is_decided_by_the_judge(met: bool, status: Status) -> None:
    judge = _Judge((met, "because"))
    [check] = score(Expect(rubric="Mentions Saturday hours."), _seen(), judge)
    assert check.status == status and "test-judge: because" in check.why
    assert judge.asked == [("Mentions Saturday hours.", _seen().reply_text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"pass": true, "reason": "lists the hours"}', (True, "lists the hours")),
        ('Sure! {"pass": false, "reason": "no hours"} hope it helps', (False, "no hours")),
        ('{"pass": "yes"}', None),
        ("PASS", None),
        ("", None),
    ],
)
def test_the_judges_answer_must_be_a_verdict(text: str, expected: tuple[bool, str] | None) -> None:
    met, why = parse_verdict(text)
    if expected is None:
        assert met is False and "not counted as a pass" in why
    else:
        assert (met, why) == expected


def test_log_capture_takes_each_threads_records_and_opens_frontdesk_debug() -> None:
    logger = logging.getLogger("frontdesk.eval-test")
    before = logging.getLogger("frontdesk").level
    with capturing_logs() as capture:
        logger.debug("debug event x=1")
        logging.getLogger("other.library").warning("careful")
        taken = capture.take()
        assert [name for name, _ in taken] == ["frontdesk.eval-test", "other.library"]
        assert "debug event x=1" in taken[0][1]
        assert capture.take() == []
    assert logging.getLogger("frontdesk").level == before
    assert capture not in logging.getLogger().handlers

"""Wants-a-human guard, fifth round: requests recognised by how they are built, lazy lists.

The messages checked below are development messages of the fifth round, read
from ``guardrails/examples/human.jsonl`` (families ``dev5_lists_*``), written
in styles the earlier rounds lacked (a quick word with someone, colleagues who
could get in touch, the bot going round in circles or being of no help, irony
about yet another robot, refunds demanded, elderly formal letters, slang), with
their look-alikes.

Three messages of the round are still missed by the lists and left to the
classifier or a later round: "la dottoressa mi ha trattata con sufficienza e
sono uscita in lacrime", "wesh y a personne qui bosse là ou quoi", "tio hay
alguien currando ahi o q".

The probe set ``evals/datasets/guards/human/probe.jsonl`` is only measured:
nothing here reads its messages except to check its shape.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from evals.guard_data import LANGUAGES, LabelledMessage, load
from guardrails import GuardContext
from guardrails.lexicons import LexiconError, phrase_pattern
from guardrails.wants_human import (
    LazyVetoes,
    WantsHumanGuard,
    checked,
    compile_pairs,
    pair_sources,
    sources,
)

ROOT = Path(__file__).resolve().parents[2]
PROBE = ROOT / "evals" / "datasets" / "guards" / "human" / "probe.jsonl"


@pytest.fixture(scope="module")
def guard() -> WantsHumanGuard:
    return WantsHumanGuard()


# The round's messages the lists were extended for, with their look-alikes (families
# ``dev5_lists_*``), and two look-alikes of those tables written in another family.
ROUND5_FAMILIES = "dev5_lists_"
ALSO_CHECKED = ("human-it-478", "human-es-472")


def _round5() -> list[LabelledMessage]:
    return [
        m
        for m in load("human", "dev")
        if m.family.startswith(ROUND5_FAMILIES) or m.id in ALSO_CHECKED
    ]


HANDED_OVER = [(m.language, m.text) for m in _round5() if m.label]
PASSED = [(m.language, m.text) for m in _round5() if not m.label]


def test_round5_tables_are_all_there() -> None:
    # the sizes the round was written with: a lost or relabelled row shows here
    assert (len(HANDED_OVER), len(PASSED)) == (81, 58)
    families = {m.family for m in _round5() if m.id not in ALSO_CHECKED}
    assert {f for f in families if f.startswith(ROUND5_FAMILIES)} == families
    assert len(families) == 11


@pytest.mark.parametrize(("language", "text"), HANDED_OVER)
def test_round5_requests_are_handed_over(guard: WantsHumanGuard, language: str, text: str) -> None:
    verdict = guard.check(text, GuardContext(language=language))
    assert not verdict.allowed, text
    assert verdict.reason.startswith("wants human: ")


@pytest.mark.parametrize(("language", "text"), PASSED)
def test_round5_look_alikes_pass(guard: WantsHumanGuard, language: str, text: str) -> None:
    verdict = guard.check(text, GuardContext(language=language))
    assert verdict.allowed, (text, verdict.reason)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a person noun by its stem ("secretarias"), then a wished call
        ("les agradecería que una de sus secretarias me llamara", "asked"),
        # a colleague, then getting in touch
        ("could one of your colleagues get in touch this afternoon?", "asked"),
        # yet another robot, said with irony
        ("ah estupendo, otro robot, justo lo que me hacía falta", "repeated_failure"),
        # the bot of no help
        ("vous ne m'aidez pas du tout", "repeated_failure"),
        # the bot that does not understand
        ("sto bot nn ci capisce na mazza", "anger"),
    ],
)
def test_round5_rules_name_their_kind(guard: WantsHumanGuard, text: str, kind: str) -> None:
    assert guard.check(text, GuardContext()).reason == f"wants human: {kind}"


def test_a_process_question_defuses_a_callback() -> None:
    # the same words asked as a wish stay a request
    guard = WantsHumanGuard()
    assert not guard.check("will you ring me back please", GuardContext()).allowed
    assert guard.check("will you ring me to confirm or do i get a text", GuardContext()).allowed


# ------------------------------------------------------------------- start-up work


def test_lists_compile_only_when_read() -> None:
    lists = {
        "polite": checked("polite", {"en": ["please", "pls"]}),
        "who": checked("who", {"en": ["someone"]}),
    }
    lazy = LazyVetoes(lists)
    assert "polite" in lazy and "nobody" not in lazy
    assert set(lazy) == {"polite", "who"} and len(lazy) == 2
    assert lazy._compiled == {}  # nothing compiled by membership or iteration
    pattern = lazy["polite"]
    assert pattern.search("ok pls") is not None
    assert lazy["polite"] is pattern and set(lazy._compiled) == {"polite"}


def test_a_malformed_list_still_fails_at_build() -> None:
    with pytest.raises(LexiconError, match="empty"):
        checked("lists.who", {"en": ["  "]})
    with pytest.raises(LexiconError, match="one of"):
        checked("lists.who", {"de": ["jemand"]})


def test_pair_sources_are_the_compiled_halves_sources() -> None:
    lists = {"verb": {"en": ["call me", "ring*"], "any": ["📞"]}, "who": {"en": ["someone"]}}
    halves = sources("verb", lists["verb"])
    assert halves["en"] == phrase_pattern(["call me", "ring*"]).pattern
    pairs = pair_sources("test", [{"first": "who", "then": "verb", "gap": 2}], lists)
    assert re.compile(pairs["en"]).search("someone pls call me")
    assert re.compile(pairs["en"]).search("someone ringing") is not None
    assert (
        compile_pairs("test", [{"first": "who", "then": "verb", "gap": 2}], lists)["en"].pattern
        == pairs["en"]
    )


# ---------------------------------------------------------------------- the probe set


def _probe() -> list[LabelledMessage]:
    lines = PROBE.read_text(encoding="utf-8").splitlines()
    return [LabelledMessage(**json.loads(line)) for line in lines if line.strip()]


def test_probe_set_is_balanced_and_well_formed() -> None:
    probe = _probe()
    assert len({m.id for m in probe}) == len(probe) == 160
    for language in LANGUAGES:
        mine = [m for m in probe if m.language == language]
        assert len(mine) == 40, language
        assert 15 <= sum(m.label for m in mine) <= 25, language
    for m in probe:
        assert re.fullmatch(rf"human-{m.language}-9\d\d", m.id), m.id
        assert m.family.startswith("probe_"), m.id
    categories = {m.category: m.label for m in probe}
    dev = load("human", "dev")
    assert set(categories) <= {m.category for m in dev}
    assert all(categories[m.category] == m.label for m in dev if m.category in categories)


def test_probe_set_is_apart_from_development_messages() -> None:
    dev = load("human", "dev")
    seen = {m.text.casefold() for m in dev}
    assert not [m.text for m in _probe() if m.text.casefold() in seen]
    assert not {m.id for m in _probe()} & {m.id for m in dev}

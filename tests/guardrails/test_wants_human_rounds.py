"""Wants-a-human guard on the seventh to ninth rounds' development messages, one by one.

Each round's messages are read from ``guardrails/examples/human.jsonl`` by
their family prefix; what each round was about, and the rules it added, are
in ``test_wants_human_round7.py``, ``test_wants_human_round8.py`` and
``test_wants_human_round9.py``. Every request must be handed over by the
phrase lists alone, every look-alike must pass them.
"""

from __future__ import annotations

import pytest

from evals.guard_data import LabelledMessage, load
from guardrails import GuardContext
from guardrails.wants_human import WantsHumanGuard

# per round: (requests, look-alikes) per language, and how many families it was written in
ROUNDS = {
    "dev7_": ({lang: (15, 10) for lang in ("it", "fr", "en", "es")}, 15),
    "dev8_": ({"it": (27, 18), "es": (18, 12), "en": (15, 10), "fr": (12, 8)}, 19),
    "dev9_": ({"it": (25, 16), "es": (19, 12), "en": (16, 10), "fr": (16, 10)}, 22),
}


def _round(prefix: str) -> list[LabelledMessage]:
    return [m for m in load("human", "dev") if m.family.startswith(prefix)]


CASES = [
    pytest.param(m.language, m.text, m.label, id=m.id) for prefix in ROUNDS for m in _round(prefix)
]


@pytest.mark.parametrize("prefix", ROUNDS)
def test_the_rounds_tables_are_all_there(prefix: str) -> None:
    # the sizes each round was written with: a lost or relabelled row shows here
    sizes, families = ROUNDS[prefix]
    rows = _round(prefix)
    assert len({m.family for m in rows}) == families
    for language, counts in sizes.items():
        labels = [m.label for m in rows if m.language == language]
        assert (labels.count(True), labels.count(False)) == counts, language


@pytest.mark.parametrize(("language", "text", "wants_human"), CASES)
def test_requests_are_handed_over_and_look_alikes_pass(
    human_guard: WantsHumanGuard, language: str, text: str, wants_human: bool
) -> None:
    verdict = human_guard.check(text, GuardContext(language=language))
    assert verdict.allowed is not wants_human, (text, verdict.reason)
    if wants_human:
        assert verdict.reason.startswith("wants human: ")

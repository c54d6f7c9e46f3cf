"""Wants-a-human guard, sixth round: a person asked to act, the request passed on, chat not enough.

The messages checked below are development messages of the sixth round, read
from ``guardrails/examples/human.jsonl`` (families ``dev6_*``): a booking
problem only staff can fix ("serve che qualcuno di voi verifichi oggi"),
indirect callbacks, asking whether a real person is there, a named secretary,
being transferred, voice-note run-ons, being fed up with the bot, grievances;
with their look-alikes (who does what among the staff, companions, a language
spoken at the desk, a callback already made, waiting calmly, asking about the
bot, a price per person, goodbyes). A second batch (families ``dev6b_*``),
written after the first batch's rules and measured on them before anything
was changed for it (16 of its 24 requests caught before the round, 18 after
the first batch's rules, all 24 after), adds a person asked to correct a
booking, a contact for someone in an office, money paid twice, panic before
an operation, and look-alikes about who handles paperwork and delegations.

One request of the round is left to the classifier: "esto lo contesta una
persona o es automático?" reads, word for word, like the curious "are you a
person or a bot?" that must pass.
"""

from __future__ import annotations

import pytest

from evals.guard_data import LabelledMessage, load
from guardrails import GuardContext
from guardrails.wants_human import WantsHumanGuard

ROUND6_FAMILIES = ("dev6_", "dev6b_")
LEFT_TO_THE_CLASSIFIER = ("human-es-612",)


@pytest.fixture(scope="module")
def guard() -> WantsHumanGuard:
    return WantsHumanGuard()


def _round6() -> list[LabelledMessage]:
    return [m for m in load("human", "dev") if m.family.startswith(ROUND6_FAMILIES)]


HANDED_OVER = [
    (m.language, m.text) for m in _round6() if m.label and m.id not in LEFT_TO_THE_CLASSIFIER
]
PASSED = [(m.language, m.text) for m in _round6() if not m.label]


def test_round6_tables_are_all_there() -> None:
    # the sizes the round was written with: a lost or relabelled row shows here
    assert (len(HANDED_OVER), len(PASSED)) == (95, 80)
    assert len({m.family for m in _round6()}) == 22
    assert {m.language for m in _round6()} == {"it", "fr", "en", "es"}


@pytest.mark.parametrize(("language", "text"), HANDED_OVER)
def test_round6_requests_are_handed_over(guard: WantsHumanGuard, language: str, text: str) -> None:
    verdict = guard.check(text, GuardContext(language=language))
    assert not verdict.allowed, text
    assert verdict.reason.startswith("wants human: ")


@pytest.mark.parametrize(("language", "text"), PASSED)
def test_round6_look_alikes_pass(guard: WantsHumanGuard, language: str, text: str) -> None:
    verdict = guard.check(text, GuardContext(language=language))
    assert verdict.allowed, (text, verdict.reason)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a person asked to act on the booking: "someone" .. "fix"
        ("the portal lost my slot, can somebody please fix it before friday", "asked"),
        ("si quelqu'un du secrétariat peut vérifier mon dossier ce serait top", "asked"),
        ("que alguien de vosotros me lo revise hoy, porfa", "asked"),
        # the conversation or the number passed on to the staff
        ("puoi girare la chat alla segreteria?", "asked"),
        ("pueden pasar mi número a recepción y que me llamen", "asked"),
        # hard to put in writing
        ("c'est trop compliqué par écrit", "asked"),
        # minutes spent typing to no end
        ("sono dieci minuti che ti scrivo", "repeated_failure"),
        ("ça fait 3 fois que je repose la question", "repeated_failure"),
        # the chat of no help
        ("this chat can't help me with this", "repeated_failure"),
        # charged twice, never refunded
        ("you double charged me last month", "complaint"),
    ],
)
def test_round6_rules_name_their_kind(guard: WantsHumanGuard, text: str, kind: str) -> None:
    assert guard.check(text, GuardContext()).reason == f"wants human: {kind}"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # the staff do something, nobody is asked to: a question about the service
        ("en", "who checks the results before they go online?"),
        # someone looks at the patient: a visit, handled by the advice guard if clinical
        ("es", "quiero que alguien me mire la rodilla, qué especialista es?"),
        # a language spoken at the desk is a question about the staff
        ("it", "c'è qualcuno che parla arabo in segreteria?"),
        ("fr", "il y a quelqu'un qui parle anglais à l'accueil ?"),
        ("es", "hay alguien que hable francés en recepción?"),
        ("en", "is there someone who speaks romanian at reception?"),
        # "pasar con" also asks what will happen with something
        ("es", "qué va a pasar con mi cita si llego tarde?"),
        # writing is the subject, not the chat's failure
        ("it", "il consenso per iscritto lo porto io?"),
    ],
)
def test_round6_look_alikes_of_the_rules(guard: WantsHumanGuard, language: str, text: str) -> None:
    verdict = guard.check(text, GuardContext(language=language))
    assert verdict.allowed, (text, verdict.reason)

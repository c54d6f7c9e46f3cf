"""Output guards on a reply that quotes the clinic's approved text, and on one that adds to it.

A preparation sheet may say "take", "tablet" or "IUD" in one sentence: quoted as
it is, it is the clinic's text and reaches the patient. A model's own sentence
giving a dose is still blocked, even when the rest of its draft quotes the sheet.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from agent.composers.extractive import ExtractiveComposer
from agent.composers.llm import LLMComposer
from agent.factory import Frontdesk, build_guards
from agent.llm import OpenAIChatClient
from agent.pipeline import Receptionist
from guardrails.base import GuardContext
from guardrails.clinical_advice import ClinicalAdviceGuard, is_quoted
from knowledge.types import Passage
from tests.fakes.openai_server import FakeOpenAIServer

IUD = (
    "- Suivi gynécologique, contraception, pose et retrait de stérilet (DIU).\n"
    "- Pose de stérilet : prenez rendez-vous pendant les règles ou juste après ; "
    "le rendez-vous dure 30 minutes."
)
IUD_SENTENCE = "Pose de stérilet : prenez rendez-vous pendant les règles ou juste après ;"
PAIN = (
    "IUD fitting: if your gynaecologist prescribed it, take 400 mg of ibuprofen one\n"
    "hour before the appointment.\n"
    "Children over 30 kg, take 2 tablets."
)


def _advice(text: str, *sources: str) -> str:
    guard = ClinicalAdviceGuard(mode="output")
    verdict = guard.check(text, GuardContext(language="fr", sources=sources))
    return verdict.reason if not verdict.allowed else ""


# --- the advice guard, output mode ------------------------------------------------


def test_a_flagged_sentence_is_blocked_when_no_source_holds_it() -> None:
    assert _advice(f"Voici ce qu'indiquent nos documents :\n{IUD_SENTENCE}") == (
        "clinical advice: dosage"
    )


def test_the_same_sentence_quoted_from_a_source_passes() -> None:
    assert _advice(f"Voici ce qu'indiquent nos documents :\n{IUD_SENTENCE}", IUD) == ""
    assert _advice(f"- {IUD_SENTENCE.rstrip(' ;')}", IUD) == ""  # a list marker, no full stop


def test_a_sentence_a_layout_broke_over_two_lines_is_quoted_whole_not_in_part() -> None:
    whole = (
        "IUD fitting: if your gynaecologist prescribed it, take 400 mg of ibuprofen "
        "one hour before the appointment."
    )
    assert _advice(whole) == "clinical advice: dosage"
    assert _advice(whole, PAIN) == ""
    first_line = PAIN.splitlines()[0]
    assert _advice(first_line, PAIN) == "clinical advice: dosage"
    assert is_quoted(first_line.casefold(), [PAIN]) is False


@pytest.mark.parametrize(
    "draft",
    [
        # the model's own sentence next to a quoted one
        f"{IUD_SENTENCE}\nPrenez 2 comprimés d'ibuprofène 400 mg une heure avant.",
        # an approved sentence the model changed
        "Pose de stérilet : prenez 2 comprimés d'ibuprofène pendant les règles ou juste après ;",
        # words cut out of a longer approved sentence
        "Take 2 tablets.",
    ],
)
def test_advice_the_sources_do_not_hold_as_a_sentence_is_still_blocked(draft: str) -> None:
    assert _advice(draft, IUD, PAIN).startswith("clinical advice:")


# --- through the pipeline, with a model's draft ---------------------------------------


class _Sheet:
    """A retriever that always finds the gynaecology page."""

    def search(self, query: str, *, k: int = 5, language: str | None = None) -> list[Passage]:
        return [
            Passage(
                chunk_id="c1",
                document_id="d1",
                title="Femmes et grossesse",
                version=1,
                page=1,
                heading="Gynécologie",
                text=IUD,
                language="fr",
                score=1.0,
                dense=0.9,
                lexical=1.0,
            )
        ]


class _French:
    def detect(self, text: str, previous: str | None = None) -> str:
        return "fr"


@pytest.fixture(scope="module")
def model() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(model="served-model") as server:
        yield server


def _receptionist(fd: Frontdesk, server: FakeOpenAIServer) -> Receptionist:
    server.reset()
    guards = build_guards(fd.redactor)
    client = OpenAIChatClient(
        model="gpt-test", base_url=server.base_url, api_key="sk-test", timeout_s=5.0, max_retries=0
    )
    return Receptionist(
        store=fd.receptionist.store,
        retriever=_Sheet(),
        composer=LLMComposer(client=client, fallback=ExtractiveComposer()),
        redactor=fd.redactor,
        language_detector=_French(),
        clinic=fd.clinic,
        output_guards=guards.output,
        channel_guards=guards.channel,
        fallback_composer=ExtractiveComposer(),
    )


def test_a_model_draft_copying_the_preparation_sentence_reaches_the_patient(
    demo_frontdesk: Frontdesk, model: FakeOpenAIServer
) -> None:
    receptionist = _receptionist(demo_frontdesk, model)
    model.replies.append(f"{IUD_SENTENCE} [1]")
    result = receptionist.handle("quote-copied", "quand prendre rendez-vous pour un stérilet ?")
    reply = " ".join(result.replies)
    assert "pendant les règles ou juste après" in reply
    assert result.citations
    advice = [v for v in result.verdicts if v.guard == "clinical_advice"]
    assert advice and all(v.allowed for v in advice)


def test_a_model_draft_adding_a_dose_is_blocked(
    demo_frontdesk: Frontdesk, model: FakeOpenAIServer
) -> None:
    receptionist = _receptionist(demo_frontdesk, model)
    model.replies.append(
        f"{IUD_SENTENCE} Prenez 2 comprimés d'ibuprofène 400 mg une heure avant la pose. [1]"
    )
    result = receptionist.handle("quote-added", "quand prendre rendez-vous pour un stérilet ?")
    assert "ibuprofène" not in " ".join(result.replies)
    blocked = [v for v in result.verdicts if v.guard == "clinical_advice" and not v.allowed]
    assert blocked and "ibuprofène" in blocked[0].text  # it was the model's draft

"""Clinical-advice guard, ninth round: administrative questions naming a medicine or a device.

What a clinic's sheets answer passes even when it names a device, an exam, a vaccine or a
medicine: an everyday activity with a device on or after an exam, a vaccine's timing before
a trip, what to bring or show, whether to tell the nurse. Close to them, a medicine changed
on the patient's own before an exam, a dose for a child after a vaccine, a symptom after
one, a finding read off a recording and a choice between travel medicines stay refused.
"""

from __future__ import annotations

from typing import Any

import pytest

from guardrails import GuardContext
from guardrails.clinical_advice import (
    ADMINISTRATIVE,
    ClinicalAdviceGuard,
    HitCache,
    compile_lexicon,
    parse_administrative,
    parse_masks,
    parse_preparation,
)
from guardrails.lexicons import LexiconError, normalise


@pytest.fixture(scope="module")
def guard() -> ClinicalAdviceGuard:
    return ClinicalAdviceGuard()


# (language, message): each asks for clinical judgement and must be refused
ASKS_ADVICE = [
    # a medicine stopped before an exam on the patient's own: no sheet said so
    ("it", "nessuno mi ha detto niente, sospendo l eutirox prima della gastroscopia?"),
    ("fr", "on ne m a rien dit, j arrete le bisoprolol la veille de l epreuve d effort?"),
    ("en", "no one told me, should i stop my aspirin a week before the biopsy"),
    ("es", "no me han dicho nada, dejo el adiro antes de la gastroscopia por mi cuenta?"),
    # medicines given around a vaccination are not preparation
    ("it", "dopo il vaccino posso dargli il brufen e la tachipirina insieme?"),
    ("en", "can i give calpol before the jabs so she doesnt get a temperature?"),
    ("es", "le puedo dar apiretal antes de la vacuna para que no le de fiebre?"),
    # a symptom after an exam or with a device, asked about
    ("fr", "apres le fond d oeil j ai encore mal aux yeux, c est normal?"),
    ("en", "after the dilating drops my eye hurts a lot, can i still drive?"),
    ("it", "dopo la risonanza ho un sapore metallico in bocca, e normale?"),
    # what a recording found, with a judgment asked
    ("fr", "l holter a montre des extrasystoles, c est grave?"),
    ("en", "the spirometry says fev1 72%, is that bad?"),
    ("es", "el estudio del sueno dio un iah de 30, es mucho?"),
    # a choice between travel medicines or vaccines
    ("it", "per la thailandia meglio il malarone o il lariam?"),
    ("es", "que me recomendais para el viaje, la vacuna oral o la inyectable?"),
    # an administrative frame does not hide the clinical question after it
    ("en", "travelling to peru in june, is the yellow fever jab safe while pregnant?"),
    ("it", "parto tra due settimane, posso prendere l antimalarico con la pillola?"),
    ("fr", "avec le holter je peux prendre une douche? et j ai des palpitations, c est grave?"),
    # asking to be seen today does not hide a question about what to take meanwhile
    ("it", "ho un ascesso al dente, mi potete vedere oggi? intanto cosa posso prendere?"),
]

# (language, message): an administrative question the clinic's documents answer
ADMINISTRATIVE_QUESTIONS = [
    # an everyday activity with a device on
    ("it", "col misuratore della pressione delle 24 ore posso dormire e lavorare come sempre?"),
    ("fr", "avec le brassard de tension sur moi je peux aller a la piscine?"),
    ("en", "with the blood pressure monitor on can i go to work as normal?"),
    ("es", "con el mapa de la tension puesto me puedo duchar?"),
    # a vaccine's timing before a trip
    ("fr", "on part au senegal dans 3 semaines, c est trop tard pour le vaccin fievre jaune?"),
    ("en", "travelling to kenya in ten days, is that enough time for the yellow fever vaccine?"),
    ("es", "viajo a brasil en dos semanas, es tarde para la vacuna de la fiebre amarilla?"),
    # what to bring
    ("en", "do i have to bring my insulin and the glucose sensor readings to the diabetes check?"),
    # whether to tell the nurse
    ("en", "took ibuprofen last night, do i need to tell the nurse at my jab appointment?"),
    # a symptom, then asking to be seen today
    ("es", "a mi hijo le duele mucho el oido, lo podeis ver esta tarde?"),
    ("en", "bad toothache since sunday, can you fit me in today?"),
]


@pytest.mark.parametrize(("language", "text"), ASKS_ADVICE)
def test_advice_close_to_administrative_shapes_is_refused(
    guard: ClinicalAdviceGuard, language: str, text: str
) -> None:
    verdict = guard.check(text, GuardContext(language=language))
    assert not verdict.allowed, verdict.reason
    assert verdict.reason.startswith("clinical advice: ")


@pytest.mark.parametrize(("language", "text"), ADMINISTRATIVE_QUESTIONS)
def test_administrative_questions_naming_a_device_or_a_vaccine_pass(
    guard: ClinicalAdviceGuard, language: str, text: str
) -> None:
    verdict = guard.check(text, GuardContext(language=language))
    assert verdict.allowed, verdict.reason


def test_every_language_has_both_kinds() -> None:
    for language in ("it", "fr", "en", "es"):
        assert any(lang == language for lang, _ in ASKS_ADVICE), language
        assert any(lang == language for lang, _ in ADMINISTRATIVE_QUESTIONS), language


def _hits(name: str, text: str) -> list[str]:
    folded, _ = normalise(text)
    return [
        hit.phrase
        for hit in HitCache(compile_lexicon("clinical_advice"), folded).get(name, 0, len(folded))
    ]


def test_a_word_inside_a_device_or_a_vaccine_name_does_not_count() -> None:
    assert _hits("lab", "il misuratore della pressione") == []
    assert _hits("lab", "la pressione era alta") == ["pressione"]
    assert _hits("symptom", "il vaccino della febbre gialla") == []
    assert _hits("symptom", "ho la febbre dopo il vaccino") == ["febbre"]


def test_an_activity_with_a_device_is_administrative_unless_a_symptom_is_told(
    guard: ClinicalAdviceGuard,
) -> None:
    assert guard.is_administrative("con l holter posso fare la doccia?")
    assert not guard.is_administrative("con l holter ho la tosse, posso fare la doccia?")
    # the activity alone, with no device or exam, is not an administrative entry
    assert not guard.is_administrative("posso fare la doccia?")


def test_a_trip_does_not_excuse_a_question_about_the_vaccine_itself(
    guard: ClinicalAdviceGuard,
) -> None:
    assert guard.is_administrative("parto per il ghana, faccio in tempo col vaccino?")
    assert not guard.is_administrative("parto per il ghana, il vaccino e davvero necessario?")


@pytest.mark.parametrize(
    ("text", "preparing"),
    [
        # what a preparation sheet says: excuses the advice classifier too
        ("con el holter puesto puedo ir al gimnasio?", True),
        ("apres le fond d oeil je peux conduire?", True),
        ("leaving for kenya in 2 weeks, too late for the yellow fever jab?", True),
        # a symptom told, a clinical question asked, or no device, exam or trip named
        ("con el holter puesto me mareo, puedo ir al gimnasio?", False),
        ("leaving for kenya in 2 weeks, is the yellow fever jab safe with my methotrexate?", False),
        ("puedo ir al gimnasio el sabado?", False),
    ],
)
def test_living_with_an_exam_or_a_trip_counts_as_preparation(
    guard: ClinicalAdviceGuard, text: str, preparing: bool
) -> None:
    assert guard.is_preparation(text) is preparing


@pytest.mark.parametrize("entries", ["worn", [{"all": ["no_such_list"]}], [{"unless": []}]])
def test_malformed_preparation_entries_are_refused(entries: object) -> None:
    raw = {"administrative": {"preparation": entries}}
    with pytest.raises(LexiconError):
        parse_preparation("test.preparation", raw, _PATTERNS)


def test_no_preparation_entries_means_none() -> None:
    assert parse_preparation("test.preparation", {}, _PATTERNS) == ()


_PATTERNS: dict[str, Any] = dict(compile_lexicon("clinical_advice").patterns)


def test_admin_entries_may_be_combinations() -> None:
    admin, _ = parse_administrative(
        "test.administrative",
        {
            "administrative": {
                "admin": ["cost", {"all": ["activity_q", "worn"], "unless": [["symptom"]]}],
                "asks": [{"kind": "diagnosis", "all": ["worry_q"]}],
            }
        },
        _PATTERNS,
    )
    assert [entry.kind for entry in admin] == [ADMINISTRATIVE, ADMINISTRATIVE]
    assert [need.lists for need in admin[1].needs] == [("activity_q",), ("worn",)]
    assert admin[1].unless[0][0].lists == ("symptom",)


@pytest.mark.parametrize(
    "entry", [{"unless": [["symptom"]]}, {"all": "worn"}, {"all": ["no_such_list"]}]
)
def test_a_malformed_admin_combination_is_refused(entry: dict[str, Any]) -> None:
    raw = {
        "administrative": {
            "admin": [entry],
            "asks": [{"kind": "diagnosis", "all": ["worry_q"]}],
        }
    }
    with pytest.raises(LexiconError):
        parse_administrative("test.administrative", raw, _PATTERNS)


@pytest.mark.parametrize(
    "raw",
    [
        ["lab"],
        {"lab": []},
        {"lab": ["no_such_list"]},
        {"no_such_list": ["worn"]},
        {"lab": ["worn"], "worn": ["exam"]},
    ],
)
def test_malformed_masks_are_refused(raw: object) -> None:
    lists: dict[str, Any] = {"lab": {}, "worn": {}, "exam": {}}
    with pytest.raises(LexiconError):
        parse_masks("test.masked_by", raw, lists)

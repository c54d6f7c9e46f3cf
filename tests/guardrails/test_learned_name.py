"""The learned name recognizer: what it was trained on, what it finds, what it never changes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from evals.name_model import DEV_SPLITS, EXAMPLE_FILES, fit, manifest
from guardrails.base import GuardContext
from guardrails.phi_redaction import PhiRedactionGuard
from guardrails.recognizers.learned_name import (
    MODEL_PATH,
    NameModel,
    Token,
    candidates,
    features,
    is_medicine,
    message_case,
    name_model,
    name_spans,
    runs,
    tokens,
    with_initials,
)

ROOT = Path(__file__).resolve().parents[2]
MEASURE_FILES = {"handwritten_test.jsonl", "test.jsonl", "probe.jsonl"}


@pytest.fixture(scope="module")
def guard() -> PhiRedactionGuard:
    return PhiRedactionGuard()


def test_model_was_trained_on_the_current_development_files_only() -> None:
    trained_on = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["trained_on"]
    assert trained_on == manifest(), "development data changed: python -m evals.name_model train"
    assert not {Path(path).name for path in trained_on} & MEASURE_FILES
    assert len(trained_on) == len(DEV_SPLITS) + len(EXAMPLE_FILES)
    for path, digest in trained_on.items():
        assert hashlib.sha256((ROOT / path).read_bytes()).hexdigest() == digest


def test_fit_learns_a_pattern_and_is_deterministic() -> None:
    features = [["bias", "after:con"], ["bias", "after:il"]] * 50
    labels = [True, False] * 50
    first = fit(features, labels)
    assert first == fit(features, labels)
    model = NameModel(first, 0.5, 0.3)
    assert model.probability(["bias", "after:con"]) > 0.9
    assert model.probability(["bias", "after:il"]) < 0.1


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        (
            "domani passa a ritirare gli esami anche ottavio brambilla, va bene?",
            "it",
            "ottavio brambilla",
        ),
        (
            "el viernes viene conmigo remedios ballesteros a la revisión",
            "es",
            "remedios ballesteros",
        ),
    ],
)
def test_finds_a_lower_case_name_nothing_announces(text: str, language: str, name: str) -> None:
    assert [text[start:end] for start, end in name_spans(text, language)] == [name]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("a che ora aprite il sabato? devo fare le analisi del sangue", "it"),
        ("tengo dolor de cabeza desde ayer, puedo pedir cita con el medico de cabecera?", "es"),
        ("est-ce que je dois être à jeun pour la prise de sang ?", "fr"),
        ("can i bring my own referral letter to the appointment", "en"),
    ],
)
def test_ordinary_questions_have_no_name(text: str, language: str) -> None:
    assert name_spans(text, language) == []


def test_words_glued_to_digits_and_addresses_are_not_candidates() -> None:
    text = "scrivete a mario.rossi@example.com, cf RSSMRA80A01H501U"
    scored = {items[index].text for items, index in candidates(text)}
    assert scored == {"scrivete"}  # "a", the address, "cf" and the code are never names
    assert [t.kind for t in tokens("RSSMRA80A01H501U")] == ["number"]


def test_a_neighbour_joins_only_on_the_lower_score_and_when_it_may() -> None:
    text = "vengono ada lovelace e nació"
    words = [t for t in tokens(text) if t.kind == "word"]
    scored = list(zip(words, [0.1, 0.9, 0.4, 0.0, 0.4], strict=True))
    assert runs(text, scored, 0.6, 0.3) == [(8, 20)]  # "nació" is too common to join
    lower = [(token, 0.1 if token.text == "lovelace" else p) for token, p in scored]
    assert runs(text, lower, 0.6, 0.3) == [(8, 11)]


def test_never_shortens_or_removes_another_finding(guard: PhiRedactionGuard) -> None:
    text = "Mattia Cerutti CRTMTT88C12F205M chiedo conferma"
    verdict = guard.redact(text, "it", GuardContext(language="it"))
    assert verdict.text == "<PERSON_1> <IT_FISCAL_CODE_1> chiedo conferma"
    text = "sto in strada della pieve 22, fraz. monticelli, il corriere non trova casa"
    verdict = guard.redact(text, "it", GuardContext(language="it"))
    assert verdict.text == "sto in <STREET_ADDRESS_1>, il corriere non trova casa"


def test_documents_give_the_allow_list_no_learned_name(guard: PhiRedactionGuard) -> None:
    text = "ho lasciato le lastre a gervasio, le porta lui giovedì"
    assert [text[start:end] for start, end in name_spans(text, "it")] == ["gervasio"]
    assert guard.redact(text, "it", GuardContext(language="it")).text.count("<PERSON_1>") == 1
    verdict, clinicians = guard.redact_document(text, "it")
    assert not verdict.findings
    assert clinicians == []


def test_model_file_holds_a_threshold_above_its_join_threshold() -> None:
    model = name_model()
    assert 0 < model.join_threshold < model.threshold < 1
    assert len(model.weights) > 1000


def test_token_positions_are_the_texts() -> None:
    text = "ciao 👋 sono\nluz marina, 3 anni"
    for token in tokens(text):
        assert isinstance(token, Token)
        assert text[token.start : token.end] == token.text


def test_census_table_is_what_names_dataset_gives(tmp_path: Path) -> None:
    """The shipped table is rebuilt from the pinned names-dataset package, byte for byte."""
    import numpy as np

    from evals.name_census import build
    from guardrails.recognizers.name_census import CENSUS_PATH, census_bins

    rebuilt = tmp_path / "census.npz"
    build(rebuilt)
    with np.load(CENSUS_PATH) as shipped, np.load(rebuilt) as fresh:
        assert sorted(shipped.files) == sorted(fresh.files)
        for name in shipped.files:
            assert np.array_equal(shipped[name], fresh[name])
    assert census_bins("huguette")[0] > 0  # a French first name in no Faker list
    assert census_bins("zzqxv") == (0, 0)


@pytest.mark.parametrize(
    ("text", "span", "stretched"),
    [
        ("ciao sono g. ferrucci ok", (13, 21), "g. ferrucci"),
        ("firmato Rosalba M. grazie", (8, 15), "Rosalba M."),
        ("yasmine b pr le rdv", (0, 7), "yasmine b"),
        ("J.-P. Castagnier ici", (6, 16), "J.-P. Castagnier"),
        # a one-letter word, the pronoun, a street's abbreviation: not initials
        ("marco e giulia", (0, 5), "marco"),
        ("Ollie I think", (0, 5), "Ollie"),
        ("in v. Cavour 3", (6, 12), "Cavour"),
    ],
)
def test_names_take_their_initials(text: str, span: tuple[int, int], stretched: str) -> None:
    start, end = with_initials(text, span)
    assert text[start:end] == stretched


def test_a_catalan_joiner_links_two_surnames() -> None:
    text = "Joan Puig i Ferrer ve dijous"
    scored = [(t, 0.9 if t.text in {"Joan", "Puig", "Ferrer"} else 0.0) for t in tokens(text)]
    assert [text[a:b] for a, b in runs(text, scored, 0.5, 0.25)] == ["Joan Puig i Ferrer"]


def _spans(text: str, names: set[str]) -> list[str]:
    scored = [(t, 0.9 if t.text in names else 0.0) for t in tokens(text) if t.kind == "word"]
    return [text[a:b] for a, b in runs(text, scored, 0.5, 0.25)]


def test_particles_between_two_name_words_are_part_of_the_name() -> None:
    assert _spans("ho visto Serena Lo Verde ieri", {"Serena", "Verde"}) == ["Serena Lo Verde"]
    assert _spans("viene xabier de la fuente", {"xabier", "fuente"}) == ["xabier de la fuente"]
    assert _spans("di Marco di sera", {"Marco"}) == ["Marco"]


def test_a_comma_joins_a_form_s_surname_and_first_name_not_a_list() -> None:
    assert _spans("paziente: MACKENZIE, Fiona", {"MACKENZIE", "Fiona"}) == ["MACKENZIE, Fiona"]
    assert _spans("firma\nbrambati, elisa", {"brambati", "elisa"}) == ["brambati, elisa"]
    assert _spans("vamos Íñigo, Paloma y Maite Goñi", {"Íñigo", "Paloma", "Maite", "Goñi"}) == [
        "Íñigo",
        "Paloma",
        "Maite Goñi",
    ]


def test_a_saint_s_name_after_a_place_word_is_kept_particles_and_all() -> None:
    assert name_spans("estoy en el Hospital San Juan de Dios", "es") == []


def test_a_particle_never_ends_a_name() -> None:
    text = "viene xabier de la fuente domani"
    words = [t for t in tokens(text) if t.kind == "word"]
    scored = [(t, {"xabier": 0.9, "de": 0.5, "la": 0.5}.get(t.text, 0.0)) for t in words]
    assert [text[a:b] for a, b in runs(text, scored, 0.5, 0.25)] == ["xabier"]


@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("ciao sono io, domani viene pino", "lower"),
        ("Ok. allora domani\nviene pino", "lower"),
        ("Ciao, domani per il prelievo viene Pino Russo", "mixed"),
        ("Buonasera Vorrei Spostare La Visita Di Mia Nipote", "title"),
        ("BUONGIORNO SONO LA SIGNORA ROSSI", "upper"),
    ],
)
def test_the_message_s_use_of_capitals(text: str, case: str) -> None:
    """A sentence's first word does not count: phones capitalise it."""
    assert message_case(tokens(text)) == case


def test_a_number_in_words_is_a_number_around_a_word() -> None:
    items = tokens("per massimo tre giorni")
    assert "1:num" in features(items, 1, "it")
    assert "1:tre" not in features(items, 1, "it")


def test_medicines_are_not_candidates_unless_they_are_names() -> None:
    assert is_medicine("ibuprofen")
    assert is_medicine("tachipirina")
    assert not is_medicine("allegra")  # a medicine and a first name
    words = [items[i].text for items, i in candidates("max ibuprofen per day?")]
    assert "ibuprofen" not in words


def test_an_everyday_word_capitalised_inside_a_sentence_is_scored() -> None:
    """An everyday word ("pace") that someone capitalised after "zia" is weighed as a name."""
    assert "Pace" in [items[i].text for items, i in candidates("mia zia Pace ha 91 anni")]
    assert "Pace" not in [items[i].text for items, i in candidates("Pace e bene a tutti")]
    assert "pace" not in [items[i].text for items, i in candidates("lasciatemi in pace ok")]


def test_a_first_name_that_is_a_word_opening_a_sentence_needs_more() -> None:
    assert name_spans("Grace period for paying the bill?", "en") == []
    text = "hi, Grace will come instead of me"
    assert [text[a:b] for a, b in name_spans(text, "en")] == ["Grace"]

"""The relevance gate and the lexicon on words of other languages than the documents'."""

from dataclasses import replace

import pytest

from agent.composers.extractive import ExtractiveComposer, split_units
from agent.lexicon import concept_of, content_words
from agent.relevance import RelevanceGate
from tests.agent.passages import passage

# Words of French documents (a Brussels-like clinic), folded, as the index gives them.
VOCABULARY = frozenset(
    "orl mardi jeudi sommeil laboratoire velo parking certificat medical permis conduire "
    "intervention majoree fauteuil roulant accessible prelevements samedi vessie pleine "
    "echographie gynecologie frottis medecin traitant mutuelle eid procuration entree "
    "tarif resultats delai".split()
)


def gate() -> RelevanceGate:
    return RelevanceGate(vocabulary=lambda: VOCABULARY)


@pytest.mark.parametrize(
    ("word", "document_word"),
    [
        ("orecchie", "orl"),  # the ear doctor is the ENT department
        ("oreja", "orl"),
        ("russare", "sommeil"),  # snoring is a sleep-lab question
        ("sueno", "sommeil"),
        ("bici", "velo"),
        ("vejiga", "vessie"),
        ("eco", "echographie"),
        ("gine", "gynecologie"),
        ("citologia", "frottis"),
        ("cabecera", "traitant"),  # "medico de cabecera" is the "medecin traitant"
        ("dottore", "medecin"),
        ("cuore", "cardiologie"),
        ("cardiaque", "cardiologie"),
        ("pannolino", "changing"),
        ("abris", "ouvert"),  # "a q hora abris": an opening-hours word, not a stop-word
        ("prelevements", "prelievi"),
        ("xmas", "noel"),
        ("suegra", "procuration"),  # a relative collecting or accompanying
        ("crio", "enfant"),
        ("movil", "telephone"),
    ],
)
def test_everyday_words_share_the_concept_of_the_documents_word(
    word: str, document_word: str
) -> None:
    assert concept_of(word) is not None
    assert concept_of(word) == concept_of(document_word)


@pytest.mark.parametrize(
    ("word", "concept"),
    [
        ("velo", "bike"),
        ("veloce", None),  # "velo." is a whole word: "veloce" (fast) is not a bicycle
        ("gine", "gynecology"),
        ("ginevra", None),  # Geneva is not gynaecology
        ("eco", "ultrasound"),
        ("economico", None),
    ],
)
def test_whole_word_entries_do_not_match_as_prefixes(word: str, concept: str | None) -> None:
    assert concept_of(word) == concept


def test_abris_stays_a_content_word() -> None:
    assert "abris" in content_words("a q hora abris x la manana?")


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        # "interpreter" is a concept the documents never speak of; "intervention" begins
        # alike but is another word.
        ("is there a sign language interpreter? my mum is deaf", False),
        # Words of a phrase say nothing alone: "permis" (allowed) and "conduire" (to drive)
        # are in the documents, the driving licence is not.
        ("vous faites le certificat medical pour le permis de conduire?", False),
        ("fate la visita in videochiamata con la ginecologa?", False),  # not offered
        ("lo specialista delle orecchie che giorni viene?", True),
        ("mia nonna e in carrozzina, riesce ad entrare senza problemi?", True),
        ("para la eco de la gine tengo q ir con la vejiga llena?", True),
        ("a q hora abris x la manana para sacarme sangre?", True),
        ("cuanto tardan en dar el resultado de la citologia?", True),
    ],
)
def test_cross_language_questions(question: str, kept: bool) -> None:
    assert bool(gate().filter(question, [passage()], "it")) is kept


def test_a_phrase_is_known_when_a_passage_holds_it() -> None:
    question = "vous faites le certificat medical pour le permis de conduire?"
    held = passage("Certificat médical pour le permis de conduire : 30 EUR.")
    assert gate().filter(question, [held], "fr")
    known, unknown = gate().split_terms(question, [held])
    assert "permis de conduire" in known and not unknown


def test_a_phrase_only_concept_counts_neither_way() -> None:
    # "tessera sanitaria" has no one-word form the vocabulary could show: it cannot
    # tell whether the documents speak of it, so it does not decline the question.
    known, unknown = gate().split_terms("la tessera sanitaria la accettate in ambulatorio?")
    assert "tessera sanitaria" not in known + unknown


HOURS_RUN_TOGETHER = (
    "- Cardiologie : lundi, mardi, jeudi et vendredi de 8h30 à 17h30 - Centre de "
    "prélèvements : du lundi au vendredi de 7h00 à 12h00, samedi de 8h00 à 11h00 - "
    "ORL : mardi et jeudi de 9h00 à 16h00"
)
FASTING = (
    "Pour un dosage du cholestérol, restez à jeun pendant 10 heures.\n"
    "Prenez un ticket à l'entrée du centre de prélèvements."
)


def test_run_together_list_items_are_split() -> None:
    units = [u.text for u in split_units(HOURS_RUN_TOGETHER, "Horaires par service")]
    assert units == [
        "Cardiologie : lundi, mardi, jeudi et vendredi de 8h30 à 17h30",
        "Centre de prélèvements : du lundi au vendredi de 7h00 à 12h00, samedi de 8h00 à 11h00",
        "ORL : mardi et jeudi de 9h00 à 16h00",
    ]


def test_a_question_about_when_is_answered_by_clock_times() -> None:
    hours = replace(passage(HOURS_RUN_TOGETHER), document_id="hours")
    prep = replace(passage(FASTING, dense=0.86), document_id="prep")
    draft = ExtractiveComposer().compose(
        "a che ora aprite per i prelievi il sabato?", [prep, hours], "it"
    )
    assert draft.citations[0].document_id == "hours"
    assert "samedi de 8h00 à 11h00" in draft.text


def test_french_mon_is_not_monday() -> None:
    # "je dois amener quoi pour mon 1er rdv?": "mon" is "my", not an abbreviation of Monday.
    assert concept_of("mon") is None
    assert "mon" not in content_words("je dois amener quoi pour mon 1er rdv?")


def test_day_names_answer_a_question_about_which_days() -> None:
    letter = passage("Non pour la gynécologie, la pédiatrie et l'ORL.", dense=0.82)
    days = replace(
        passage("- ORL : mardi et jeudi de 9h00 à 16h00, mercredi de 13h30 à 18h00"),
        document_id="hours",
        dense=0.815,
    )
    draft = ExtractiveComposer().compose(
        "lo specialista delle orecchie che giorni viene?", [letter, days], "it"
    )
    assert draft.citations[0].document_id == "hours"
    assert "mardi et jeudi" in draft.text


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        # A relative says who the question is about, not what it asks: "padre" does not
        # make a home visit something the documents speak of.
        ("il cardiologo viene anche a domicilio? mio padre nn cammina", False),
        ("mia suocera puo accompagnare il bambino dal pediatra?", True),
    ],
)
def test_relatives_count_neither_way(question: str, kept: bool) -> None:
    vocabulary = VOCABULARY | {"cardiologie", "pediatrie", "accompagner", "enfant"}
    relevance = RelevanceGate(vocabulary=lambda: vocabulary)
    assert bool(relevance.filter(question, [passage()], "it")) is kept
    known, unknown = relevance.split_terms(question)
    assert not {"padre", "suocera"} & set(known + unknown)


def test_how_much_extra_is_a_qualifier() -> None:
    known, unknown = gate().split_terms("how much extra for the ent visit?")
    assert "extra" not in known + unknown


def test_a_passage_retrieved_eighth_can_be_quoted() -> None:
    filler = [
        replace(passage(f"Le parking coûte {n} EUR.", dense=0.86), document_id=f"p{n}")
        for n in range(7)
    ]
    hours = replace(passage(HOURS_RUN_TOGETHER, dense=0.85), document_id="hours")
    draft = ExtractiveComposer().compose("a che ora aprite per i prelievi?", [*filler, hours], "it")
    assert draft.citations[0].document_id == "hours"


@pytest.mark.parametrize(
    "question",
    [
        "ma soeur peut aller chercher mes resultats a ma place?",  # "chercher": to collect
        "mia nonna e in carrozzina, riesce ad entrare senza problemi?",  # "entrare": get in
    ],
)
def test_everyday_verbs_of_collecting_and_entering_count_neither_way(question: str) -> None:
    assert not gate().split_terms(question)[1]
    assert gate().filter(question, [passage()], "fr")

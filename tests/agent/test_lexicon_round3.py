"""General front-desk vocabulary: patients' everyday words over documents that use others."""

from dataclasses import replace

import pytest

from agent.composers.extractive import ExtractiveComposer
from agent.lexicon import NEUTRAL_WORDS, STOPWORDS, concept_of, concepts
from agent.relevance import UNKNOWN, RelevanceGate
from tests.agent.passages import passage

# Words of French and English documents (a Nantes-like clinic), folded, as the index gives them.
VOCABULARY = frozenset(
    "epreuve effort tenue sport baskets serviette vestiaire douche doucher holter boitier "
    "casiers piece kinesitherapie parking souterrain places gratuites heure fond oeil gouttes "
    "dilatent pupilles conduisez lunettes soleil fauteuil roulant prete accueil enfants "
    "employer school certificate attendance sick note arret travail foreign students "
    "insurance ehic ghic treatment form echographie grossesse irm vending machine snacks "
    "cash especes carte building cafe tarifs examen occuper vacances".split()
)


def gate() -> RelevanceGate:
    return RelevanceGate(vocabulary=lambda: VOCABULARY)


@pytest.mark.parametrize(
    ("word", "document_word"),
    [
        ("sforzo", "effort"),  # "test da sforzo" is the "epreuve d'effort"
        ("esfuerzo", "effort"),
        ("treadmill", "effort"),
        ("doccia", "douche"),
        ("laver", "doucher"),
        ("lock", "casiers"),
        ("gamins", "enfants"),
        ("boulot", "employer"),
        ("empresa", "employer"),
        ("company", "aziende"),
        ("british", "foreign"),
        ("cover", "insurance"),
        ("ghic", "ehic"),
        ("pies", "podologie"),
        ("dilatar", "dilatent"),
        ("gotas", "gouttes"),
        ("sotterraneo", "souterrain"),
        ("densito", "densitometria"),
        ("moc", "densitometrie"),
        ("guidare", "conduisez"),
        ("wear", "survetement"),
        ("silla", "fauteuil"),
        ("andar", "fauteuil"),
        ("italiano", "parla"),  # a language spoken, not a foreign patient
        ("fumar", "fumez"),
        ("bar", "vending"),
        ("obstetrique", "ostetrica"),
        ("desgravar", "detraibili"),  # "desgravar en la renta" over "spese detraibili"
        ("renta", "detrazione"),
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
        ("merendine", "vending"),  # snacks, not a mother ("mere")
        ("habille", "clothes"),  # getting dressed, not a working day ("habil")
        ("macchina", "parking"),  # the car, not the coffee machine
        ("andare", None),  # "to go": only the whole word "andar" is walking
        ("piedi", None),  # "a piedi" is on foot, not a podiatrist
        ("pied", None),
        ("trabajar", None),  # to work is not the employer
        ("lavoro", None),
        ("caffe", None),  # coffee before a blood test is not a cafe in the building
        ("cafe", None),
        ("jab", None),  # "flu jab" / "hep b jab" stays a word the documents must have
        ("fumetto", None),  # a comic, not smoking
        ("barrera", None),
        ("distribution", None),
        ("garer", "parking"),  # to park the car; only the whole word "gare" is the station
        ("italia", "foreign"),
        ("grossesse", "pregnancy"),  # pregnancy alone is not a pregnancy scan
        ("echo", "ultrasound"),
        ("baja", None),  # "planta baja" is the ground floor; only "la baja" is a sick note
        ("lavare", None),
        ("taxi", "transport"),  # not a tax
    ],
)
def test_words_that_must_not_widen_a_concept(word: str, concept: str | None) -> None:
    assert concept_of(word) == concept


@pytest.mark.parametrize(
    "word",
    ["hes", "im", "jai", "doesnt", "perdi", "possono", "grab", "getting", "besoin", "truc", "till"],
)
def test_everyday_words_never_change_the_subject(word: str) -> None:
    assert word in STOPWORDS | NEUTRAL_WORDS
    known, unknown = gate().split_terms(f"{word} parking")
    assert known == ["parking"]
    assert unknown == []


@pytest.mark.parametrize("word", ["inside", "sitio", "togliere", "vendete", "renovar", "meds"])
def test_words_that_name_what_is_asked_stay_content(word: str) -> None:
    # "is there a pharmacy *inside*?", "se puede fumar en algun *sitio*?": where the documents
    # are silent, these are what the question is about.
    assert word not in STOPWORDS | NEUTRAL_WORDS


@pytest.mark.parametrize(
    "question",
    [
        "x il test da sforzo cosa devo portare? c e una doccia?",
        "is there somewhere to lock my stuff while im at physio?",
        "y a un truc pour occuper les gamins pendant qu on attend?",
        "dopo l esame del fondo dell occhio posso guidare?",
        "quanto costa lasciare la macchina nel vostro garage sotterraneo?",
        "me van a echar gotas para dilatar los ojos",
        "im british, over on holiday, will the ghic cover it?",
    ],
)
def test_patients_words_are_known_to_documents_that_use_others(question: str) -> None:
    assert gate().split_terms(question)[1] == []


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("is there a cash machine in the building?", "en"),  # "vending machine", "cash"
        ("on peut faire l echo de grossesse chez vous?", "fr"),  # "echographie", "grossesse"
        ("c e un bar o una macchinetta del caffe dentro?", "it"),
    ],
)
def test_a_specific_concept_the_documents_lack_is_not_rebuilt_from_its_words(
    question: str, language: str
) -> None:
    vocabulary = VOCABULARY - {"vending", "snacks"} if "bar" in question else VOCABULARY
    relevance = RelevanceGate(vocabulary=lambda: vocabulary)
    reason = relevance.decline_reason(question, [passage(language=language)], language)
    assert reason == UNKNOWN


def test_a_phrase_in_the_retrieved_passage_makes_the_patients_phrase_known() -> None:
    sick = passage("Sick note (arret de travail): send your employer's copy.", language="en")
    relevance = gate()
    question = "me dieron la baja, se la tengo q mandar yo a la empresa?"
    assert relevance.decline_reason(question, [sick], "es") is None
    assert relevance.split_terms(question, [sick]) == (["empresa", "la baja"], [])


def test_the_composer_quotes_the_sentence_that_shares_the_patients_concept() -> None:
    shower = replace(
        passage("Apportez une tenue de sport. Un vestiaire avec douche est à votre disposition."),
        document_id="prep",
        dense=0.83,
    )
    parking = replace(passage("Le parking compte 40 places.", dense=0.84), document_id="park")
    draft = ExtractiveComposer().compose(
        "dopo il test da sforzo c e una doccia?", [parking, shower], "it"
    )
    assert draft.citations and draft.citations[0].document_id == "prep"
    assert "vestiaire avec douche" in draft.text


def test_a_ligature_is_the_word_patients_type() -> None:
    from agent.text import fold, words

    assert fold("Cœur, ŒIL, Lætitia") == "coeur, oeil, laetitia"
    assert words("mal au cœur") == ["mal", "au", "coeur"]
    assert "cardiology" in concepts("le cardiologue écoute le cœur")

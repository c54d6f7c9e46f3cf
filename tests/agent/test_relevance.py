import pytest

from agent.relevance import RelevanceGate
from knowledge.types import Passage
from tests.agent.passages import passage as text_passage

VOCABULARY = frozenset(
    "sabato orari apertura accettazione prelievi digiuno risonanza magnetica referti portale "
    "pagamento carta contanti parcheggio lambrate centrale visita prenotazione".split()
)


def passage(dense: float, language: str = "it") -> Passage:
    return text_passage(dense=dense, language=language)


def gate() -> RelevanceGate:
    return RelevanceGate(vocabulary=lambda: VOCABULARY)


@pytest.mark.parametrize(
    ("question", "dense", "language", "kept"),
    [
        ("a che ora aprite il sabato?", 0.85, "it", True),  # every word known
        ("fate agopuntura?", 0.85, "it", False),  # the topic is unknown to the documents
        ("avete il wifi?", 0.85, "it", False),  # unknown topic beside a stop-word
        ("prenotazioni del sabato al centrale, escono?", 0.85, "it", True),  # one unknown, 3 known
        ("fate agopuntura?", 0.92, "it", True),  # very similar passage: trusted anyway
        ("a che ora aprite il sabato?", 0.77, "it", False),  # below the similarity floor
        # just under the floor, a question the documents know every word of is kept
        ("a che ora aprite il sabato?", 0.79, "it", True),
        ("c'e il wifi al centrale il sabato?", 0.79, "it", False),  # one unknown word
        ("prenotazzione visita sabato", 0.85, "it", True),  # typo matches by its prefix
        ("vous faites de l'acupuncture ?", 0.85, "fr", False),  # cross-language, topic unknown
        ("je peux payer par carte le samedi ?", 0.85, "fr", True),  # cross-language, concepts
        ("fate il test pcr?", 0.85, "it", False),  # a three-letter topic is a topic too
        ("cmq pls, il sabato aprite?", 0.85, "it", True),  # chat slang is not a topic
        # Everyday verbs and words for when neither know nor change the subject.
        ("puedo quedarme el sabado por la manana a pagar?", 0.85, "es", True),
        ("accettate carta il sabato mattina?", 0.85, "it", True),
        ("fate agopuntura domani mattina?", 0.85, "it", False),  # the topic still decides
        # "ora" is a word for when and the concept *hours*: the concept counts
        ("reclamo, la terza volta che sbagliate! a che ora aprite il sabato?", 0.85, "it", True),
    ],
)
def test_filter(question: str, dense: float, language: str, kept: bool) -> None:
    assert bool(gate().filter(question, [passage(dense)], language)) is kept


def test_the_lower_floor_keeps_only_the_passages_above_it() -> None:
    kept = gate().filter("a che ora aprite il sabato?", [passage(0.79), passage(0.775)], "it")
    assert [p.dense for p in kept] == [0.79]
    # a passage at the usual floor keeps the usual floor for the others
    kept = gate().filter("a che ora aprite il sabato?", [passage(0.81), passage(0.79)], "it")
    assert [p.dense for p in kept] == [0.81]


def test_unknown_terms_ignore_placeholders_and_stopwords() -> None:
    assert gate().unknown_terms("sono <PERSON_1>, fate agopuntura il sabato?") == ["agopuntura"]


def test_neutral_words_are_neither_known_nor_unknown() -> None:
    known, unknown = gate().split_terms("posso ritirare i referti domani mattina a luglio?")
    assert known == ["referti"]
    assert unknown == []


def test_decline_reason_names_the_check_that_declined() -> None:
    from agent.relevance import FLOOR, UNKNOWN

    g = gate()
    assert g.decline_reason("a che ora aprite il sabato?", [passage(0.77)], "it") == FLOOR
    assert g.decline_reason("c'e un bar al centrale?", [passage(0.79)], "it") == FLOOR
    assert g.decline_reason("fate agopuntura?", [passage(0.85)], "it") == UNKNOWN
    assert g.decline_reason("a che ora aprite il sabato?", [passage(0.85)], "it") is None


def test_a_concept_is_known_only_when_the_documents_speak_of_it() -> None:
    # "resonancia" is the documents' "risonanza" in Spanish; nothing in them is about insurance.
    known, unknown = gate().split_terms("hacen resonancia con seguro privado?")
    assert "resonancia" in known
    assert "seguro" in unknown
    # General concepts go without saying: "clinica" is known though the documents never say it.
    assert gate().split_terms("dove si trova la clinica?")[1] == []


def test_weekdays_are_spoken_of_when_the_documents_name_the_days() -> None:
    days = RelevanceGate(vocabulary=lambda: frozenset({"lunedi", "venerdi", "prenotazione"}))
    known, unknown = days.split_terms("on peut reserver en semaine ?")
    assert "semaine" in known
    assert unknown == []
    # without any day named, "semaine" is a subject the documents lack
    none = RelevanceGate(vocabulary=lambda: frozenset({"prenotazione"}))
    assert "semaine" in none.split_terms("on peut reserver en semaine ?")[1]


def test_the_practice_goes_without_saying() -> None:
    clinic = RelevanceGate(vocabulary=lambda: frozenset({"ruzafa", "mediodia", "cierra"}))
    known, unknown = clinic.split_terms("le cabinet de ruzafa ferme a midi?")
    assert "cabinet" in known
    assert unknown == []
    # what kind of practice is still a subject of its own
    assert "dentaire" in clinic.split_terms("vous avez un cabinet dentaire?")[1]

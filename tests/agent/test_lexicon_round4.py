"""Imaging, dental, women's and children's vocabulary: patients' lay words over French documents."""

import pytest

from agent.lexicon import NEUTRAL_WORDS, STOPWORDS, concept_of, concepts
from agent.relevance import UNKNOWN, RelevanceGate
from tests.agent.passages import passage

# Words of French documents (an imaging, dental and women's health polyclinic), folded, as
# the index gives them.
VOCABULARY = frozenset(
    "radiographie radio panoramique echographie abdomen mammographie deodorant scanner irm "
    "tunnel dentaire dents sagesse extractions orthodontie appareil sterilet contraception "
    "pilule accouchement maternite accouchez sages femmes sagefemme antihistaminiques allergie "
    "tests sommeil dormez boitier laboratoire analyses malentendantes appareillees boucle "
    "magnetique accueil achetez vaccin pharmacie parking stationnement navette gratuite gare "
    "metro ascenseur fauteuil roulant examen tables rendez".split()
)


def gate() -> RelevanceGate:
    return RelevanceGate(vocabulary=lambda: VOCABULARY)


@pytest.mark.parametrize(
    ("word", "document_word"),
    [
        ("radiografia", "radiographie"),  # the French spelling was not the x-ray
        ("xray", "radiographie"),
        ("radio", "radiographie"),  # "la radio" is what French patients say
        ("lastra", "radiographie"),  # "fare una lastra"
        ("mammo", "mammographie"),
        ("rmn", "irm"),
        ("sonogram", "echographie"),
        ("pancia", "abdomen"),
        ("barriga", "abdomen"),
        ("tummy", "abdomen"),
        ("deo", "deodorant"),
        ("muelas", "dents"),
        ("encias", "dents"),
        ("sagesse", "wisdom"),
        ("braces", "orthodontie"),
        ("ortodoncia", "orthodontie"),
        ("coil", "sterilet"),
        ("iud", "sterilet"),
        ("pilule", "contraception"),
        ("partorire", "accouchement"),
        ("childbirth", "accouchez"),
        ("midwife", "sagefemme"),
        ("comadrona", "sagefemme"),
        ("antistaminico", "antihistaminiques"),
        ("claustrofobia", "claustrophobia"),
        ("lettino", "camilla"),
        ("audifonos", "appareillees"),  # hearing aids: "malentendantes appareillees"
        ("hipoacusia", "malentendantes"),
        ("buy", "achetez"),
        ("comprar", "achetez"),
        ("dort", "sommeil"),
        ("dormez", "sleep"),
        ("ramener", "apporter"),
        ("shuttle", "navette"),
        ("park", "parking"),
        ("garer", "stationnement"),
        ("posteggio", "parking"),
        ("estacionamiento", "parking"),
        ("notes", "dossier"),  # "my notes from the doctors" are the medical records
        ("paternity test", "adn"),
        ("otturazione", "carie"),  # a filling is the care of a cavity
        ("empastes", "plombage"),
        ("devitalizzazione", "devitalisation"),
        ("endodoncia", "devitalisation"),
        ("crown", "couronne"),
        ("estrazione", "extractions"),
        ("extraccion dental", "extractions"),
        ("parodontite", "periodontal"),
        ("panoramica", "panoramique"),
        ("ortopantomografia", "panoramique"),
        ("anestesia", "anesthesie"),
        ("ecodoppler", "echographie"),
    ],
)
def test_lay_words_share_the_concept_of_the_documents_word(word: str, document_word: str) -> None:
    assert concept_of(word) is not None
    assert concept_of(word) == concept_of(document_word)


@pytest.mark.parametrize(
    ("word", "concept"),
    [
        ("cammina", None),  # "mio padre nn cammina" says who, not what: not a wheelchair
        ("camina", None),
        ("camino", None),
        ("macchinario", None),  # the MRI machine, not the car ("macchina")
        ("macchina", "parking"),
        ("automne", None),  # autumn, not a car ("auto")
        ("autobronzant", None),
        ("auto", "parking"),
        ("cycle", None),  # "when in my cycle", not a bicycle
        ("cycliste", "bike"),
        ("giudizio", None),  # "giudizio di idoneita" is a fitness judgement
        ("juicio", None),
        ("appareil", None),  # any device; only "appareille" is fitted with hearing aids
        ("auditifs", None),  # "appareils auditifs" is a phrase; alone it would be hearing tests
        ("comprobar", None),  # to check, not to buy
        ("pillola", None),  # any pill, unless "anticoncezionale"
        ("pildora", None),
        ("gare", "transport"),
        ("rapport", None),  # a report or "rapports sexuels", not "bring back"
        ("sitio", None),  # "hay sitio para motos?": room, not the address
        ("raggiungo", None),  # to reach, not x-rays ("raggi")
        ("raggi", "xray"),
        ("corona", None),  # the coronavirus as often as a crown
        ("extraccion", "blood"),  # "extraccion de sangre"; a tooth only as "extraccion dental"
        ("sedation", None),  # sedation is not the local anaesthesia documents speak of
    ],
)
def test_words_that_must_not_widen_a_concept(word: str, concept: str | None) -> None:
    assert concept_of(word) == concept


@pytest.mark.parametrize(
    "word",
    ["jdois", "com", "smettere", "arreter", "soffro", "fitted", "continuare", "raggiungo"],
)
def test_everyday_words_never_change_the_subject(word: str) -> None:
    assert word in STOPWORDS | NEUTRAL_WORDS
    assert concept_of(word) is None
    known, unknown = gate().split_terms(f"{word} parking")
    assert known == ["parking"]
    assert unknown == []


@pytest.mark.parametrize(
    "question",
    [
        "do i need to book for an x-ray or can i just walk in?",
        "un dente del giudizio quanto costa?",
        "me tienen q sacar las muelas del juicio",
        "jdois faire une mammo demain je peux mettre du deo?",
        "per i test delle allergie quanti giorni prima devo smettere l antistaminico?",
        "can i give birth at your place?",
        "where can i buy the vaccine?",
        "mi padre lleva audifonos, tienen algo en recepcion?",
    ],
)
def test_patients_words_are_known_to_documents_that_use_others(question: str) -> None:
    assert gate().split_terms(question)[1] == []


def test_a_concept_the_documents_name_only_in_a_phrase_is_known_from_the_passage() -> None:
    question = "il lettino per la visita si abbassa?"
    tables = passage("Les tables d'examen de l'imagerie s'abaissent.")
    relevance = gate()
    assert "lettino" in relevance.split_terms(question, [tables])[0]
    # Without a passage that holds the phrase, the word names a subject the documents lack.
    parking = passage("Le parking compte 60 places.")
    assert "lettino" in relevance.split_terms(question, [parking])[1]


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("hacen pruebas de paternidad en el laboratorio?", "es"),
        ("do you do dna tests at the lab?", "en"),
        ("quanto costa lo sbiancamento dei denti?", "it"),
        ("hacen ortodoncia invisible tipo invisalign?", "es"),
        ("il cardiologo viene anche a casa? mio padre nn cammina", "it"),
    ],
)
def test_a_service_the_documents_lack_is_still_declined(question: str, language: str) -> None:
    relevance = gate()
    reason = relevance.decline_reason(question, [passage(language="fr")], language)
    assert reason == UNKNOWN


def test_quoting_sees_the_same_concepts_in_question_and_document() -> None:
    assert {"wisdom_tooth", "price"} <= concepts("quanto costa togliere un dente del giudizio?")
    assert "wisdom_tooth" in concepts("Extractions, y compris des dents de sagesse.")
    assert "hearing_aid" in concepts("une boucle magnetique pour les personnes appareillees")
    assert "xray" in concepts("Radiographie des os, sans rendez-vous.")

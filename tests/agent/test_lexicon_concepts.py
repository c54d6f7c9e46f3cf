"""The cross-language concepts of everyday clinic words, and the words that must not have one."""

import pytest

from agent.lexicon import concept_of, concepts, content_words


@pytest.mark.parametrize(
    ("word", "concept"),
    [
        ("densitometria", "bone"),  # the documents' word
        ("densito", "bone"),  # the patient's short form
        ("moc", "bone"),  # Italian acronym, whole word only
        ("osseuse", "bone"),
        ("sforzo", "effort"),  # "ECG sotto sforzo" / "épreuve d'effort" / "prueba de esfuerzo"
        ("esfuerzo", "effort"),
        ("douche", "shower"),
        ("doccia", "shower"),
        ("aziende", "work"),  # occupational health: "medicina del lavoro per le aziende"
        ("company", "work"),
        ("working", "days"),  # "working days" stays days
        ("lavorativi", "days"),
        ("desgravar", "tax"),  # "para desgravar en la renta" / "detraibili"
        ("detraibili", "tax"),
        ("garer", "parking"),  # "se garer" when the documents say "parcheggio"
        ("estacionar", "parking"),
        ("estacion", "transport"),  # the station is not a parking space
        ("wear", "clothes"),
        ("mange", "fasting"),  # "sans avoir mangé"
        ("aspetta", "wait"),  # "quanto si aspetta?"
        ("semaine", "days"),  # a week; "en semaine" is on weekdays
        ("chf", "price"),  # prices in Swiss francs
        ("alergia", "allergy"),  # Spanish spelling with one l
    ],
)
def test_concept_of(word: str, concept: str) -> None:
    assert concept_of(word) == concept


@pytest.mark.parametrize(
    "word",
    [
        "europea",  # not "euro": an EHIC is a "tessera europea", not a price
        "anche",  # Italian "also", not the plural of "anca" (hip)
        "detras",  # Spanish "behind", not "detrazione" (tax)
        "avanti",  # Italian "forward", not "avant" (before)
        "osservazione",  # not bone ("ossea")
        "lavoro",  # alone, work in general: occupational health is "medicina del lavoro"
        # Body parts have no concept: "genou" known because the documents speak of a knee
        # brace would make "IRM du genou?" look answered by them.
        "genou",
        "knee",
    ],
)
def test_words_that_only_look_like_a_concept(word: str) -> None:
    assert concept_of(word) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wi-fi gratuito", "wifi"),  # split by the hyphen, found as a phrase
        # the longer phrase wins over "tessera sanitaria"
        ("ho la tessera sanitaria europea", "ehic"),
        ("quanto ci vuole per il referto?", "duration"),  # how long, not how much
        ("il medico del lavoro", "work"),
        ("vous n'avez pas le droit en semaine", "weekday"),
    ],
)
def test_phrases(text: str, expected: str) -> None:
    assert expected in concepts(text)


def test_how_long_is_not_a_price() -> None:
    assert "price" not in concepts("quanto ci vuole per il referto?")


@pytest.mark.parametrize("word", ["comprare", "buy", "acheter", "atiende", "continuare", "whats"])
def test_everyday_verbs_and_slang_are_not_content(word: str) -> None:
    from agent.lexicon import NEUTRAL_WORDS, STOPWORDS

    assert word in STOPWORDS | NEUTRAL_WORDS
    assert content_words(word) == [] or word in NEUTRAL_WORDS

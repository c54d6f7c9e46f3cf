"""BM25 and its multilingual tokenizer."""

from __future__ import annotations

import pytest

from knowledge.lexical import BM25Index, tokenize


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("A che ora aprite il sabato?", ["ora", "aprite", "sabato"]),  # it stop-words go
        ("Ouvert à 8h00, fermé à 12h30", ["ouvert", "8h00", "ferme", "12h30"]),  # accents go
        ("from 8:00 to 19.00", ["8h00", "19h00"]),  # one spelling for times
        ("alle 08.30", ["8h30"]),
        ("¿Dónde está el parqueo?", ["donde", "parqueo"]),
        ("L'edificio è chiuso", ["edificio", "chiuso"]),  # elided article dropped
        ("costs 1.500 euros, room 12", ["costs", "1", "500", "euros", "room", "12"]),  # not times
    ],
)
def test_tokenize(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens


def test_bm25_ranks_and_normalises() -> None:
    index = BM25Index(
        [
            "Parking behind the building, forty spaces for patients.",
            "Opening hours: Saturday 8:00 to 12:30.",
            "Blood test results on the portal.",
        ]
    )
    hits = index.search("saturday 8.00", k=3)
    assert [row for row, _ in hits] == [1]
    assert 0.3 < hits[0][1] <= 1.0
    # a query mostly about words the corpus lacks scores low, even for its best match
    (row, partial), *_ = index.search("saturday dermatologist appointment insurance", k=1)
    assert row == 1 and partial < hits[0][1] / 2
    assert index.search("nothing matches here", k=3) == []


def test_empty_corpus() -> None:
    assert BM25Index([]).search("anything", k=5) == []


def test_hyphenated_words_are_in_the_vocabulary_as_one_word() -> None:
    index = BM25Index(["Wi-fi gratuito in sala d'attesa", "Aperto il week-end, orari 8-12"])
    assert {"wifi", "weekend", "wi", "fi", "week", "end"} <= index.vocabulary
    assert "812" not in index.vocabulary  # a range of hours is no word
    # the joined form only widens the vocabulary: scoring still uses the parts
    assert index.scores("wifi")[0].max() == 0.0


def test_ligatures_are_written_out() -> None:
    # "cœur" has no Unicode decomposition: it used to split into "c" + "ur"
    assert tokenize("Votre cœur, l'œil, Œdème") == ["votre", "coeur", "oeil", "oedeme"]
    index = BM25Index(["Le cardiologue écoute votre cœur."])
    assert "coeur" in index.vocabulary
    assert index.scores("coeur")[0].max() > 0

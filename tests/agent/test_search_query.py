"""Identifiers and the words introducing them are left out of what is looked up."""

from __future__ import annotations

import pytest

from agent.lexicon import search_query


@pytest.mark.parametrize(
    ("question", "looked_up"),
    [
        (
            "sono <PERSON_1>, cell <PHONE_NUMBER_1>, codice fiscale <IT_FISCAL_CODE_1>: "
            "quando aprite sabato?",
            "quando aprite sabato?",
        ),
        ("il mio c.f. è <IT_FISCAL_CODE_1>, orari del prelievo?", "orari del prelievo?"),
        ("hola me llamo <PERSON_1>, DNI <ES_NIF_1>, hay parking?", "hola, hay parking?"),
        ("my name is <PERSON_1>, card <CREDIT_CARD_1>, can I pay by card?", "can I pay by card?"),
        (
            "je m'appelle <PERSON_1>, mon numéro est <PHONE_NUMBER_1>, vous ouvrez le samedi ?",
            "vous ouvrez le samedi ?",
        ),
        # nothing to take out: the question is looked up as written
        ("a che ora aprite il sabato?", "a che ora aprite il sabato?"),
        ("can I pay by card at the front desk?", "can I pay by card at the front desk?"),
        # only identifiers: keep the text rather than look up nothing
        ("<PERSON_1>", "<PERSON_1>"),
    ],
)
def test_search_query(question: str, looked_up: str) -> None:
    assert search_query(question) == looked_up

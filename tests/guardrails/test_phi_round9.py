"""Names in every language, ninth round: replies, ages, relatives, compound first names.

A message that is only a name (the answer to "your surname?"); a name given
with an age ("aurora, 6 anni"); a name joined by "and" to a relative of its
own ("porto lorenzo e la sorellina"); relatives the lists lacked (in-laws,
great-aunts, little sisters); a name-like word after a courtesy title in
lower case; a first name that is also a word before a surname no language
uses; Spanish compound first names ("juan de dios", "mari carmen", "Mª");
a name after a verb of telling; a first name that is also a word where a
name is expected; a signature after a closing such as "un beso". Not names:
one-word answers that are a weekday, a department, an exam or a yes; a
husband with his age; a verb after "che"; a widow's "veuve"; a word after a
date taken for a signature; an adverb after "the patient is".
"""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from tests.guardrails.phi_helpers import redacted


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        # a reply that is nothing but a name
        ("it", "zanotti", "zanotti"),
        ("it", "sì esatto, zanardi ilaria", "zanardi ilaria"),
        ("en", "Mcallister.", "Mcallister"),
        # a name given with an age, a first name that is also a word too
        ("it", "vengono in due, tommaso 8 anni e la mamma", "tommaso"),
        ("es", "para la revisión: bruno (7 años)", "bruno"),
        # a name joined by "and" to a relative of its own
        ("it", "domani accompagno federico e la sorellina", "federico"),
        ("fr", "je viens avec théo et sa petite sœur jeudi", "théo"),
        # relatives the lists lacked
        ("fr", "c'est mon gendre quentin qui passera", "quentin"),
        ("en", "my daughter-in-law priya will bring me", "priya"),
        ("en", "for my great aunt winifred oakes please", "winifred oakes"),
        # a courtesy title, then a name in lower case
        ("it", "potete richiamare la signora ada pizzolato?", "ada pizzolato"),
        ("es", "vino la señora remedios lacalle a por el informe", "remedios lacalle"),
        # a first name that is also a word, then a surname no language's text uses
        ("it", "la ricetta di gemma brambillasca è pronta?", "gemma brambillasca"),
        # Spanish compound first names
        ("es", "la cita de maria del carmen ibarrola es el lunes", "maria del carmen ibarrola"),
        ("es", "mi mujer, mari paz, no puede ir", "mari paz"),
        ("es", "Mª Teresa Olabarrieta, DNI en la ficha", "Mª Teresa Olabarrieta"),
        # after a verb of telling
        ("it", "ditelo a ludovica quando passa", "ludovica"),
        ("es", "ya se lo he dicho a rosa, gracias", "rosa"),
        # a signature after "un beso" or "good evening"
        ("es", "nos vemos el jueves, un beso, Puri", "Puri"),
        # a relation in brackets after a name no list holds
        ("es", "para aitziber (mi hija) hace falta cita?", "aitziber"),
    ],
)
def test_names_are_redacted(
    phi_guard: PhiRedactionGuard, language: str, text: str, name: str
) -> None:
    assert (name, "PERSON") in redacted(phi_guard, text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # one-word answers that are no name
        ("it", "giovedì"),
        ("es", "cardiología"),
        ("it", "holter"),
        ("it", "sisi"),
        ("en", "operator"),
        ("fr", "d'accord merci"),
        # a husband with his age; an age that is a time ago
        ("fr", "pour mon mari de 62 ans, est-ce que c'est remboursé ?"),
        ("it", "operata al ginocchio, 3 anni fa"),
        # a stop word that is a first name, then a rare verb form
        ("it", "sento le labbra che formicolano"),
        # a holiday, then a name: the holiday is no first name
        ("it", "scusate il disturbo di domenica, grazie"),
        # "bring the documents and my mother"
        ("it", "porto i documenti e mia madre"),
        # a place with a compound saint's name
        ("es", "estoy en el Hospital San Juan de Dios"),
    ],
)
def test_words_are_kept(phi_guard: PhiRedactionGuard, language: str, text: str) -> None:
    assert not [kind for _, kind in redacted(phi_guard, text, language) if kind == "PERSON"]


@pytest.mark.parametrize(
    ("language", "text", "name", "kept"),
    [
        # a widow's word is no name: the capitalised surname is
        ("fr", "Mme veuve Grandval souhaite annuler", "Grandval", "veuve"),
        # a word after a date is no signature
        (
            "es",
            "paciente rodrigo alcaraz, nacido 19-06-2011, revisión del aparato",
            None,
            "revisión",
        ),
        # an adverb after "the patient is"
        ("en", "the patient is actually jasper quill, my son", "jasper quill", "actually"),
        # a particle opens the surname on a form line
        ("it", "cognome de santis\nnome ilaria", "de santis", "nome"),
    ],
)
def test_names_keep_their_edges(
    phi_guard: PhiRedactionGuard, language: str, text: str, name: str | None, kept: str
) -> None:
    found = redacted(phi_guard, text, language)
    if name is not None:
        assert (name, "PERSON") in found, found
    assert not any(kept in value for value, _ in found), found

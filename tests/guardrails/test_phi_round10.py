"""Names and addresses, tenth round: lists, whose report, openings, companions, towns.

Names listed with a found one ("mia moglie ornella, gaia e tancredi"); whose
report, prescription or appointment ("il referto di Brambillaschi", "la
analítica de fernandez ruiz"), a lower-case "surname, first name" there; whom
to ask for ("pregunten por ignacio"); who comes along ("vengo con rodrigo");
a greeting from someone ("un abbraccio da gianluca"); a name opening a
message with its verb ("margherita non potrà venire"); a first name that is
also a word next to a name ("para alba y para leire") or before a relation
("amparo mi vecina"); a name before "who is my …"; an elided particle
("armando dell'acqua"); grandparents without an owner ("grandma edna"), "al
abuelo"; "da parte di"; closings with "so much" and "bss"; "'s name,".
Addresses: "nº" before the number, a province in brackets after a space, a
town of two words after its postcode. Not names: an owner before a relative
("a nome di mia sorella"), a holiday closing a message ("buona pasqua"),
thanks ("gentilissimi"), a maiden-name label ("au nom de jeune fille"), a
doctor after "Dra.", letters of a codice fiscale after a name, an article and
a noun after a name, an interjection opening a message ("socorro"), nouns
after a document word ("la visita di controllo"), "Sir or Madam". Not a
phone number: a time ("alle 16.45").
"""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from tests.guardrails.phi_helpers import redacted


@pytest.mark.parametrize(
    ("language", "text", "names"),
    [
        # the items of a list with a name found among them
        ("it", "vengono: mia moglie ornella, gaia e tancredi", ["ornella", "gaia", "tancredi"]),
        ("es", "somos tres: Oihana, Garazi Etxebarria y yo", ["Oihana"]),
        ("en", "it's for the kids: Oskar, Wiktoria and baby Jan", ["Oskar", "Wiktoria"]),
        # whose report, prescription or appointment
        ("it", "il referto di Brambillaschi è arrivato?", ["Brambillaschi"]),
        ("es", "la analítica de fernandez ruiz, cuándo está?", ["fernandez ruiz"]),
        ("it", "la ricetta di ludovico la ritiro domani", ["ludovico"]),
        ("it", "la visita oculistica di giacomo è domani", ["giacomo"]),
        # a surname, a comma, then the first name, in lower case
        ("it", "gli esami di zanoletti, beatrice sono pronti?", ["zanoletti, beatrice"]),
        # on someone's behalf; a grandfather with "al"
        ("it", "scrivo da parte di gianfranco orsolini", ["gianfranco orsolini"]),
        ("es", "le toca al abuelo fermín la revisión", ["fermín"]),
        # a signature after "bss"
        ("es", "vale, mañana voy. bss Maribel", ["Maribel"]),
        # whom to ask for, who comes along, who sends greetings
        ("es", "si no contesto pregunten por ignacio", ["ignacio"]),
        ("es", "mañana vengo con rodrigo a la revisión", ["rodrigo"]),
        ("it", "un abbraccio da gianluca", ["gianluca"]),
        # a name opening a message, what the person does after it
        ("it", "margherita non potrà venire domani", ["margherita"]),
        ("es", "ernesto tiene cita el lunes y no puede", ["ernesto"]),
        ("en", "callum can't make it on friday", ["callum"]),
        # a first name that is also a word, next to a name or before a relation
        ("es", "hay hueco para alba y para leire?", ["alba", "leire"]),
        ("es", "así que amparo mi vecina la acompaña", ["amparo"]),
        ("es", "lo trae fermina que es su madre", ["fermina"]),
        # an elided particle before the surname
        ("it", "mio zio armando dell'acqua ha la visita", ["armando dell'acqua"]),
        # a grandparent without an owner
        ("en", "can grandma edna sit in with me?", ["edna"]),
        # closings and names said with "'s name"
        ("en", "thanks so much, Tamsin", ["Tamsin"]),
        ("en", "it's booked under my son's name, rory, at 4", ["rory"]),
        # a name and a codice fiscale typed after it
        ("it", "Marco Ghezzi GHZMRC80A01F205G per la visita", ["Marco Ghezzi"]),
    ],
)
def test_names_are_redacted(
    phi_guard: PhiRedactionGuard, language: str, text: str, names: list[str]
) -> None:
    found = redacted(phi_guard, text, language)
    for name in names:
        assert any(name in value and kind == "PERSON" for value, kind in found), (name, found)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # an owner before a relative is no "Mia"
        ("it", "la visita è a nome di mia sorella, non mio"),
        # a holiday or thanks closing the message
        ("it", "grazie per tutto e buona pasqua"),
        ("it", "grazie mille gentilissimi"),
        # a maiden-name label
        ("fr", "le dossier est au nom de jeune fille de ma mère"),
        # a doctor after "Dra."
        ("es", "tengo hora con la Dra. Berenguer"),
        # an interjection opening a message
        ("es", "socorro no entiendo nada"),
        # nouns after a document word, a companion that is no person
        ("it", "ho prenotato la visita di controllo"),
        ("es", "el informe de alta no me llegó"),
        ("es", "vine con fiebre ayer"),
        ("it", "saluti da roma"),
        ("en", "I want to ask for directions"),
        # "Sir or Madam" and a list of things
        ("en", "Dear Sir or Madam, my husband has a question"),
    ],
)
def test_words_are_kept(phi_guard: PhiRedactionGuard, language: str, text: str) -> None:
    assert not [kind for _, kind in redacted(phi_guard, text, language) if kind == "PERSON"]


def test_things_listed_after_a_name_are_kept(phi_guard: PhiRedactionGuard) -> None:
    """ "marco" may be the one brought along; the things after it are no names."""
    text = "ho portato marco, i documenti e la tessera"
    names = [value for value, kind in redacted(phi_guard, text, "it") if kind == "PERSON"]
    assert set(names) <= {"marco"}


@pytest.mark.parametrize(
    ("language", "text", "name", "kept"),
    [
        # an article and a noun after a name are no surname
        ("es", "le toca al abuelo fermín la analítica", "fermín", "analítica"),
        # a closing before a signature
        ("es", "ok, nos vemos. bss Maribel", "Maribel", "bss"),
        # letters of a codice fiscale after a name
        ("it", "Marco Ghezzi GHZMRC80A01F205G per la visita", "Marco Ghezzi", "GHZMRC"),
    ],
)
def test_names_keep_their_edges(
    phi_guard: PhiRedactionGuard, language: str, text: str, name: str, kept: str
) -> None:
    found = redacted(phi_guard, text, language)
    assert (name, "PERSON") in found, found
    assert not any(kept in value and kind == "PERSON" for value, kind in found), found


@pytest.mark.parametrize(
    ("language", "text", "address"),
    [
        # the number sign before the number
        (
            "es",
            "enviadlo a c/ del olmo nº 14, 2º A, 28005 madrid",
            "c/ del olmo nº 14, 2º A, 28005 madrid",
        ),
        # a province in brackets after a plain space
        (
            "it",
            "abito in via dei ciliegi 7, 52100 arezzo (AR), grazie",
            "via dei ciliegi 7, 52100 arezzo (AR)",
        ),
        # a town of two words after its postcode
        ("it", "via roma 3 25030 castel mella, scala b", "via roma 3 25030 castel mella"),
    ],
)
def test_addresses_are_redacted_whole(
    phi_guard: PhiRedactionGuard, language: str, text: str, address: str
) -> None:
    found = redacted(phi_guard, text, language)
    assert any(address in value and kind == "STREET_ADDRESS" for value, kind in found), found


@pytest.mark.parametrize(
    ("language", "text", "kept"),
    [
        # a town's name stops at a word of the sentence
        ("it", "via roma 3 25030 castel mella intestata a me", "intestata"),
        # a first name after a town is the writer's
        ("it", "via roma 3, 20100 milano marco", "marco"),
    ],
)
def test_addresses_stop_at_the_sentence(
    phi_guard: PhiRedactionGuard, language: str, text: str, kept: str
) -> None:
    found = redacted(phi_guard, text, language)
    assert not any(kept in value and kind == "STREET_ADDRESS" for value, kind in found), found


@pytest.mark.parametrize("text", ["confermo alle 16.45 per la visita", "passo alle 9:30 ok?"])
def test_a_time_is_no_phone_number(phi_guard: PhiRedactionGuard, text: str) -> None:
    assert not redacted(phi_guard, text, "it")

"""Names in every language, eighth round: where a name sits, what its capital and neighbours say.

Relatives named without an owner ("zia ernestina"), with an article, a
cousin or a grandmother ("my nan edna"), or "the son of …"; a name before
its relation ("anselmo mi suegro"); a known first name capitalised inside a
lower-case sentence; the same name written again; a first name that is also
a word before a name found; a last surname that is also a word; "de la" and
a known surname after a name in lower case; the next name of a list; two
capitalised words opening a sentence; a capitalised particle inside a
sentence. Not names: "thank you" split ("can you confirm"), a mistyped noun
after "my", English contractions without their apostrophe, medicines, the
rest of a sentence typed in title case, a town after "from" or "a", a
salutation before "mia figlia", a town introduced before "pero".
"""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from tests.guardrails.phi_helpers import redacted


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        # a relative named without an owner, or with an article
        ("it", "domani accompagno zia ernestina al prelievo", "ernestina"),
        ("es", "el martes viene la abuela felisa con nosotros", "felisa"),
        # a cousin, a grandmother, "the son of"
        ("it", "ha disdetto mia cugina loredana, riprenota lei", "loredana"),
        ("en", "bringing my nan edna in tomorrow morning", "edna"),
        ("fr", "je suis le fils de ginette marcoux elle a rendez-vous jeudi", "ginette marcoux"),
        # a name before its relation to the writer
        ("es", "mañana viene anselmo mi suegro a por el informe", "anselmo"),
        # a known first name capitalised inside a lower-case sentence
        ("es", "si contesta Begoña dile que llame", "Begoña"),
        # a first name that is also a word, before a name found
        ("en", "Hope Fairclough-Adeyemi called about the results", "Hope Fairclough-Adeyemi"),
        # a last surname that is also a word, ending the phrase
        ("es", "el informe es de Casilda Urrutia Gracia, gracias", "Casilda Urrutia Gracia"),
        # "de la" and a known surname after a name in lower case
        ("es", "ayer llamó rosario benítez de la torre para anular", "rosario benítez de la torre"),
        # the next name of a list
        ("es", "vamos Íñigo, Paloma y Maite Goñi", "Paloma"),
        # two capitalised words opening a sentence, the second rare, the first also a word
        ("it", "Gioia Trevisiol non può venire oggi", "Gioia Trevisiol"),
        ("it", "Felice Brugnaro mi ha detto di scrivere", "Felice Brugnaro"),
        # a capitalised particle and its surname inside a sentence
        ("it", "il cognome è sbagliato, non Degli Esposti ma Esposto", "Degli Esposti"),
    ],
)
def test_names_are_redacted(
    phi_guard: PhiRedactionGuard, language: str, text: str, name: str
) -> None:
    assert (name, "PERSON") in redacted(phi_guard, text, language)


def test_a_name_written_again_is_redacted_again(phi_guard: PhiRedactionGuard) -> None:
    text = "mio nipote cristian ha la visita alle 9, ma cristian è allergico al lattice"
    found = redacted(phi_guard, text, "it")
    assert found.count(("cristian", "PERSON")) == 2, found


@pytest.mark.parametrize(
    ("language", "text", "kept"),
    [
        # "you" closes a message only after "thank"
        ("en", "can you confirm it arrived", "confirm"),
        # after "my", a mistyped noun, not a surname written first
        ("en", "my bruther jamal is coming too", "bruther"),
        # a contraction typed without its apostrophe
        ("en", "hi its about derek lowther hes booked at 2", "hes"),
        # medicines
        ("it", "posso prendere il Bentelan prima della visita?", "Bentelan"),
        ("en", "can I take Nurofen before the scan?", "Nurofen"),
        # the rest of a sentence typed in title case
        ("fr", "Bonjour Je Vous Écris Pour Ma Fille Inès Valladier Qui A Mal Au Ventre", "Qui"),
        # a town named like a person after "from", and after "a" before a relation
        ("en", "I'm from Sydney, is my card valid?", "Sydney"),
        ("it", "abito a Monza, mia mamma non cammina", "Monza"),
        # a salutation before a relation
        ("it", "Gentili Signori, mia figlia verrà con me", "Signori"),
        # a town after "vivo en", then the sentence turns: the street is the clinic's
        ("es", "vivo en Paterna pero trabajo al lado de la Avenida del Puerto 148", "Paterna"),
        # a holiday after "de", a weekday
        ("es", "¿abrís el día de Reyes?", "Reyes"),
        ("it", "ci vediamo Domenica alle 10", "Domenica"),
    ],
)
def test_words_that_are_not_names_stay(
    phi_guard: PhiRedactionGuard, language: str, text: str, kept: str
) -> None:
    found = redacted(phi_guard, text, language)
    assert not any(kept in value for value, _ in found), found

"""Rounds 26 and 27: an outpatient centre's week and a holiday area's week.

A phone's label in capitals is no part of the number ("TEL. FISSO 0331 …",
"MOVIL 615 …"), though the letters of a health card's code are ("GAMA
1170301006", a Catalan CIP, with no phone word before it).

A rare word of a name found is that person's wherever else the message writes
it, in any case: "non è Ghisolfi ma GHISLERI … quindi Marta Ghisleri". A
common one is not ("Maria Rosa Bianchi … una rosa").

Not names: the employer an HR office writes from ("ufficio personale della
Brambilla Logistica", "service RH de la Menuiserie Lambert & Fils", "HR at
Calloway Engineering", "RRHH de Conservas Arrieta S.L."), the places people
stay at and the companies that insure their travels ("Hotel Costa Serena",
"Camping Las Dunas", "Bagno Vittoria", "Allianz Travel", "Assist Card",
"Europ Assistance"), and thanks in chat shorthand or in the other languages
of the writers ("merci bcp", "Danke", "Grazas", "Eskerrik asko", "Obrigado").
"""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from tests.guardrails.phi_helpers import redacted

FOUND = [
    (
        "it",
        "ho sbagliato: non FERRAGUTI ma FERRAGATTI. quindi Ilenia Ferragatti",
        "FERRAGATTI",
        "PERSON",
    ),
    ("fr", "c'est écrit Kerbrat, pas Kerbrad. Nolwenn Kerbrat, merci", "Kerbrat", "PERSON"),
    ("en", "HR at Hollis Freight here: can Tamsin Oduya come on Monday?", "Tamsin Oduya", "PERSON"),
    ("it", "ROTA GIUSEPPINA\nTEL. FISSO 035 421 8870", "035 421 8870", "PHONE_NUMBER"),
    ("es", "SE LLAMA ANSELMO RIVAS. MOVIL 622 31 84 05", "622 31 84 05", "PHONE_NUMBER"),
    ("fr", "mon tel FIXE 04 78 52 19 63 merci", "04 78 52 19 63", "PHONE_NUMBER"),
    ("es", "la tarjeta sanitaria de mi hijo es GAMA 1170301006", "GAMA 1170301006", "ID_NUMBER"),
    ("en", "Subscriber # HMO 338 001 772", "HMO 338 001 772", "PHONE_NUMBER"),
    ("es", "Muchas gracias. Eskerrik asko! Ainhoa Zubizarreta", "Ainhoa Zubizarreta", "PERSON"),
    ("en", "booked under Hotel guest Ruairi Breslin, room 12", "Ruairi Breslin", "PERSON"),
    (
        "it",
        "il cliente del Camping Pineta, Oreste Cavazzuti, ha la febbre",
        "Oreste Cavazzuti",
        "PERSON",
    ),
]

NOT_FOUND = [
    ("it", "scrivo dall'ufficio personale della Carpenteria Locatelli per 4 visite", "PERSON"),
    ("fr", "Bonjour, service RH de la Boulangerie Vasseur & Fils, 3 visites", "PERSON"),
    ("en", "Hi, this is HR at Pendleton Logistics, we need 5 medicals", "PERSON"),
    ("es", "les escribo de RRHH de Talleres Goikoetxea S.L., son 6 revisiones", "PERSON"),
    ("it", "ufficio del personale di Officine Mazzoleni srl, visite periodiche", "PERSON"),
    ("it", "vi scrivo dall'Hotel Bellavista: un ospite ha la febbre", "PERSON"),
    ("it", "siamo al Camping Lido Azzurro fino a sabato", "PERSON"),
    ("it", "la farmacia dietro il Bagno Aurora è chiusa", "PERSON"),
    ("es", "le escribo desde el Hostal San Fermín, un cliente se ha caído", "PERSON"),
    ("es", "estamos en el Camping Las Gaviotas hasta el domingo", "PERSON"),
    ("fr", "nous sommes au Camping Les Mimosas jusqu'à dimanche", "PERSON"),
    ("en", "Hello from Camping Sole e Mare, can a guest come in today?", "PERSON"),
    ("en", "our travel insurer is Allianz Travel, they want the invoice", "PERSON"),
    ("es", "la factura es para el seguro de viaje (Assist Card)", "PERSON"),
    ("it", "l'assicurazione di viaggio è Europ Assistance, vi mando la polizza", "PERSON"),
    ("fr", "je suis assurée chez Mondial Assistance pour le voyage", "PERSON"),
    ("fr", "vous pouvez m'envoyer les résultats par mail ? merci bcp", "PERSON"),
    ("en", "you said you would refund them. Danke", "PERSON"),
    ("es", "me pueden devolver los 40 euros? Grazas!", "PERSON"),
    ("es", "Gracias por todo. Eskerrik asko", "PERSON"),
    ("es", "perdón por mi español, obrigado", "PERSON"),
    ("it", "ROTA GIUSEPPINA\nTEL. FISSO 035 421 8870", "ID_NUMBER"),
]


@pytest.mark.parametrize(("language", "text", "value", "kind"), FOUND)
def test_found(
    phi_guard: PhiRedactionGuard, language: str, text: str, value: str, kind: str
) -> None:
    assert (value, kind) in redacted(phi_guard, text, language)


@pytest.mark.parametrize(("language", "text", "kind"), NOT_FOUND)
def test_not_found(phi_guard: PhiRedactionGuard, language: str, text: str, kind: str) -> None:
    assert not [f for f in redacted(phi_guard, text, language) if f[1] == kind]


def test_a_phone_label_stays_in_the_text(phi_guard: PhiRedactionGuard) -> None:
    text = "TEL. FISSO 035 421 8870"
    assert [value for value, _ in redacted(phi_guard, text, "it")] == ["035 421 8870"]


def test_a_common_word_of_a_name_is_not_redacted_elsewhere(phi_guard: PhiRedactionGuard) -> None:
    found = redacted(phi_guard, "Maria Rosa Bianchi, vorrei portare una rosa", "it")
    assert found == [("Maria Rosa Bianchi", "PERSON")]

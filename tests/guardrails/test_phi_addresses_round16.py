"""Street addresses as patients type them: abbreviations, estates, farms, floors in words, towns."""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from tests.guardrails.phi_helpers import redacted


def addresses(guard: PhiRedactionGuard, text: str, language: str) -> list[str]:
    return [value for value, kind in redacted(guard, text, language) if kind == "STREET_ADDRESS"]


@pytest.mark.parametrize(
    ("language", "text", "address"),
    [
        # an estate or residence with no number of its own, then its block, portal or building
        (
            "es",
            "estoy en urb. valle verde, portal 2, 3ºC hasta el lunes",
            "urb. valle verde, portal 2, 3ºC",
        ),
        (
            "es",
            "vivo en urbanización monte alto, bloque 4 esc. 1 2ºb, ok?",
            "urbanización monte alto, bloque 4 esc. 1 2ºb",
        ),
        (
            "fr",
            "adresse : résidence du parc, bât. A apt 7, 5 rue des lilas, 35000 rennes",
            "résidence du parc, bât. A apt 7, 5 rue des lilas, 35000 rennes",
        ),
        # a farm or country house first, then the street or road
        (
            "es",
            "estamos en cortijo los olivos, ctra. de baza km 3, 18800 baza",
            "cortijo los olivos, ctra. de baza km 3, 18800 baza",
        ),
        (
            "it",
            "venite a cascina roveda 4, frazione lisanza, 21018 sesto calende",
            "cascina roveda 4, frazione lisanza, 21018 sesto calende",
        ),
        # abbreviations: pº, bº, f.lli, prov.le, s/n, rte, localita'
        (
            "es",
            "mandadlo a pº del prado 12, 1º dcha, 28014 madrid",
            "pº del prado 12, 1º dcha, 28014 madrid",
        ),
        ("es", "ahora vivo en bº la peña 9, 2ºD, 48003 bilbao", "bº la peña 9, 2ºD, 48003 bilbao"),
        ("it", "sto in via f.lli rosselli 8 int. 2 a lucca", "via f.lli rosselli 8 int. 2"),
        (
            "it",
            "abito in strada prov.le 11 km 3, 12040 piobesi",
            "strada prov.le 11 km 3, 12040 piobesi",
        ),
        ("es", "enviadlo a c/ del molino s/n, 22700 jaca porfa", "c/ del molino s/n, 22700 jaca"),
        (
            "fr",
            "je suis chez ma soeur 9 rte de la gare, 38120 le fontanil",
            "9 rte de la gare, 38120 le fontanil",
        ),
        (
            "it",
            "siamo in localita' pieve 3, montieri (GR) e la linea non prende",
            "localita' pieve 3, montieri (GR)",
        ),
        # a one-letter "and" and a king's numeral inside the street's name; el as an article
        (
            "es",
            "mi dirección es c/ ramon y cajal 14, 2º izda, 50004 zaragoza",
            "c/ ramon y cajal 14, 2º izda, 50004 zaragoza",
        ),
        (
            "es",
            "Domicilio: Avda. Alfonso XIII nº 3, esc. dcha., 5ºA, 30002 Murcia",
            "Avda. Alfonso XIII nº 3, esc. dcha., 5ºA, 30002 Murcia",
        ),
        (
            "es",
            "Domicilio: Plaza Jaime I 6, 1ºB, 46003 Valencia\nMóvil: 600 000 000",
            "Plaza Jaime I 6, 1ºB, 46003 Valencia",
        ),
        (
            "es",
            "vivo en c/ Pedro el Grande 7, 4º, 31002 Pamplona",
            "c/ Pedro el Grande 7, 4º, 31002 Pamplona",
        ),
        # floors and doors in words or abbreviated with a full stop
        (
            "it",
            "l indirizzo e via delle rose 19 secondo piano il cancello e aperto",
            "via delle rose 19 secondo piano",
        ),
        (
            "it",
            "mandate tutto a via dante 4 piano terra, 10121 torino",
            "via dante 4 piano terra, 10121 torino",
        ),
        ("es", "apunte calle de la luna 3 segundo izda vale", "calle de la luna 3 segundo izda"),
        (
            "es",
            "os espero en av. del cid 40, entlo. a, 46018 valencia",
            "av. del cid 40, entlo. a, 46018 valencia",
        ),
        (
            "es",
            "Dirección: C/ Colón 2, 3º izda. 46004 Valencia",
            "C/ Colón 2, 3º izda. 46004 Valencia",
        ),
        (
            "fr",
            "c'est 4 allée des pins, escalier B, 2e étage, 33000 bordeaux, merci",
            "4 allée des pins, escalier B, 2e étage, 33000 bordeaux",
        ),
        # the whole town after the postcode: article, several words, province, a closing
        ("es", "vivo en c/ real 5, 15001 a coruña y trabajo fuera", "c/ real 5, 15001 a coruña"),
        (
            "fr",
            "envoyez au 3 chemin des vignes, 84800 l'isle-sur-la-sorgue merci",
            "3 chemin des vignes, 84800 l'isle-sur-la-sorgue",
        ),
        (
            "it",
            "via roma 2\n24020 gorle san rocco (BG)\ngrazie",
            "via roma 2\n24020 gorle san rocco (BG)",
        ),
        (
            "it",
            "via dei tigli 5, 37020 marano valpolicella grazie",
            "via dei tigli 5, 37020 marano valpolicella",
        ),
        ("it", "v.le trento 9\n25030 paratico alto BS", "v.le trento 9\n25030 paratico alto BS"),
        # a lower-case town before its state and ZIP, a lower-case direction
        (
            "en",
            "mail it to 220 n oak st, dayton, oh 45402 thanks",
            "220 n oak st, dayton, oh 45402",
        ),
        # a house name before the street, after "to"
        (
            "en",
            "post it to Ivy House, Mill Rd, Great Shelford CB22 5AB please",
            "Ivy House, Mill Rd, Great Shelford CB22 5AB",
        ),
        # a street after a street that was only named: "non via roma ma via …"
        ("it", "non abito piu in via roma ma in via bixio 12, genova", "via bixio 12, genova"),
    ],
)
def test_the_whole_address_is_redacted(
    phi_guard: PhiRedactionGuard, language: str, text: str, address: str
) -> None:
    assert address in addresses(phi_guard, text, language)


@pytest.mark.parametrize(
    ("language", "text", "kept"),
    [
        # the address ends before the next line's label
        ("it", "Indirizzo: via po 3, 10123 Torino (TO)\nCell: 347 000 0000", "Cell"),
        ("es", "Domicilio: c/ mayor 8, 2º, 28013 Madrid\nHorario: tardes", "Horario"),
        ("it", "Indirizzo: p.zza duomo 2, 3° piano\nTel 02 0000 0000", "Tel"),
        # a verb after the phrase is not the address
        ("en", "my new address is 14 Park Road, Leeds LS1 1AA", "is"),
        # a province's name in brackets stays outside, as a town named alone does
        ("es", "vivimos en ctra. de lorca km 5, 30800 lorca (murcia)", "murcia"),
        # a floor after the town, with more words after it
        ("fr", "c'est au 8 rue des lys, 44000 nantes, 3e étage sans ascenseur", "étage"),
    ],
)
def test_the_address_stops_where_it_ends(
    phi_guard: PhiRedactionGuard, language: str, text: str, kept: str
) -> None:
    assert not any(kept in value for value in addresses(phi_guard, text, language))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "giro en la calle mayor y luego 3 calles mas a la derecha"),
        ("es", "en el barrio de gracia 3 años vivi"),
        ("it", "abito a casale monferrato 15 minuti da voi"),
        ("it", "la cascina dei nonni è a 5 km dal paese"),
        ("es", "la consulta está en la planta 2, puerta 4, al fondo"),
        ("it", "il piano terra è chiuso, salite al terzo piano"),
        ("es", "me pueden dar la partida de nacimiento nº 45?"),
        ("fr", "la cité des sciences, apt 3 jours de suite"),
        ("es", "siguen en la calle colon? estoy al lado de la farmacia"),
    ],
)
def test_no_address_in_directions_distances_and_floors(
    phi_guard: PhiRedactionGuard, language: str, text: str
) -> None:
    assert addresses(phi_guard, text, language) == []

"""Latin-American addresses: Colombian grids, Mexican colonias, Argentine and Peruvian shapes.

Colombian addresses name a grid: a street type ("calle", "cra", "Kr", "transversal",
"diagonal", "Av. calle") and its number, perhaps with a letter, "bis" or "sur", then
"#", "no." or "n°" and the crossing street's number with the metres from the corner
("calle 52 # 17-34"). Mexican addresses go on after a comma with their colonia or
fraccionamiento ("col. Portales", "fracc. Villa Verde") and the streets are often a
"Privada", "Cerrada", "Andador" or "Blvd."; the flat is "int", "depto", "dpto". Argentine
ones end with a CPA postcode (a letter, four digits, three letters) or an old four-digit
code, and roads are written by their kilometre ("Ruta 3 km 62"). Peruvian and Chilean ones
use "Jr.", "Pje.", "psje" and blocks and lots ("Mz. D Lt. 9"), then an "urb." or a district.
All of it is the address; a street's number alone, a distance, a list item, a floor of the
clinic, a time or a price is not.
"""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from tests.guardrails.phi_helpers import redacted


def addresses(guard: PhiRedactionGuard, text: str, language: str) -> list[str]:
    return [value for value, kind in redacted(guard, text, language) if kind == "STREET_ADDRESS"]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # Colombian grid: street type and number, "#"/"no."/"n°", the crossing and the metres
        (
            "mi direccion es calle 52 # 17-34 apto 501, Teusaquillo",
            "calle 52 # 17-34 apto 501, Teusaquillo",
        ),
        (
            "mandalo a carrera 43 # 58-12, Belén, Medellín porfa",
            "carrera 43 # 58-12, Belén, Medellín",
        ),
        ("domicilio fiscal cra 21 no. 84-07", "cra 21 no. 84-07"),
        ("para q nos manden el kit a casa: Cl 38 Sur # 9-41", "Cl 38 Sur # 9-41"),
        ("envíenlo a Kr 11 # 27-53 int 2 gracias", "Kr 11 # 27-53 int 2"),
        ("mandalo a transversal 8 # 14-26, Bogotá", "transversal 8 # 14-26, Bogotá"),
        (
            "mandalo a diagonal 62b # 23-18 torre 3 apto 704",
            "diagonal 62b # 23-18 torre 3 apto 704",
        ),
        ("domicilio fiscal Av. calle 68 # 51-90", "Av. calle 68 # 51-90"),
        (
            "para q nos manden el kit a casa: calle 9 bis # 6-15 sur, Kennedy",
            "calle 9 bis # 6-15 sur, Kennedy",
        ),
        ("domicilio fiscal Calle 127A n° 15-38", "Calle 127A n° 15-38"),
        # Mexican: the colonia or fraccionamiento and its postcode after a comma
        (
            "mandalo a Av. Tlalpan Sur 2210, int 4, col. Portales, 03300 CDMX",
            "Av. Tlalpan Sur 2210, int 4, col. Portales, 03300 CDMX",
        ),
        (
            "domicilio fiscal calle Zaragoza 87 depto 2, col. Centro, Pachuca",
            "calle Zaragoza 87 depto 2, col. Centro, Pachuca",
        ),
        (
            "mandalo a Blvd. López Mateos 415, col. Jardines del Sol",
            "Blvd. López Mateos 415, col. Jardines del Sol",
        ),
        (
            "para q nos manden el kit a casa: Privada de los Cedros 9, fracc. Villa Verde",
            "Privada de los Cedros 9, fracc. Villa Verde",
        ),
        (
            "domicilio fiscal Priv. Allende 23, colonia Moderna",
            "Priv. Allende 23, colonia Moderna",
        ),
        (
            "mandalo a Cerrada de Tulipanes 6, col. San Rafael",
            "Cerrada de Tulipanes 6, col. San Rafael",
        ),
        (
            "mandalo a Andador Girasol 18 dpto 3, fraccionamiento El Mirador, 58000 Morelia",
            "Andador Girasol 18 dpto 3, fraccionamiento El Mirador, 58000 Morelia",
        ),
        # Argentine: floor and door, a CPA or an old four-digit postcode, a road's kilometre
        (
            "mi direccion es Av. Santa Fe 2875 piso 4 dto C, C1425BGD CABA",
            "Av. Santa Fe 2875 piso 4 dto C, C1425BGD CABA",
        ),
        ("mandalo a Pasaje Belgrano 340, 5000 Córdoba", "Pasaje Belgrano 340, 5000 Córdoba"),
        ("domicilio fiscal Ruta 3 km 62, Cañuelas", "Ruta 3 km 62, Cañuelas"),
        # Peruvian and Chilean: jirón, pasaje, block and lot, office, district
        ("mandalo a Jr. Ayacucho 781, Cercado de Lima", "Jr. Ayacucho 781, Cercado de Lima"),
        (
            "para q nos manden el kit a casa: Pje. Los Quillayes 2150, Ñuñoa",
            "Pje. Los Quillayes 2150, Ñuñoa",
        ),
        ("domicilio fiscal Mz. D Lt. 9, urb. San Gabriel", "Mz. D Lt. 9, urb. San Gabriel"),
        ("mandalo a psje Los Laureles 345, Maipú", "psje Los Laureles 345, Maipú"),
        (
            "mi direccion es Av. Brasil 1870 dpto 202, Jesús María",
            "Av. Brasil 1870 dpto 202, Jesús María",
        ),
        (
            "manden a Av. Javier Prado Este 3350 of. 902, San Isidro",
            "Av. Javier Prado Este 3350 of. 902, San Isidro",
        ),
    ],
)
def test_the_whole_latin_american_address_is_redacted(
    phi_guard: PhiRedactionGuard, text: str, address: str
) -> None:
    assert address in addresses(phi_guard, text, "es")


@pytest.mark.parametrize(
    "text",
    [
        "la calle 45 esta cerrada por obras",
        "ayer corri una carrera de 10 km",
        "el # 5 de la lista no lo entiendo",
        "la consulta de pediatria esta en el piso 6",
        "en la col. me dijeron que fuera temprano",
        "puedo ir a las 12-30?",
        "me cobraron $ 1602 por el estudio",
        "el horario es de 9-13 y de 15-19",
        "pediatria esta en la torre 2 piso 3, consultorio 304",
        "el lunes 12-30 hay lugar?",
        "la farmacia esta cerrada hasta el 15",
        "fue una consulta privada de 45 minutos",
        "la ruta 8 esta cortada desde ayer",
        "tengo turno el martes 14-30 con la doctora",
        "el pasaje de ida 300 dolares y la vuelta igual",
        "me dijeron que el apto 402 esta libre?",
    ],
)
def test_no_address_in_numbers_floors_times_and_prices(
    phi_guard: PhiRedactionGuard, text: str
) -> None:
    assert addresses(phi_guard, text, "es") == []

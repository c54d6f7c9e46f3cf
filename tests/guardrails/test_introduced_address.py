import pytest

from guardrails.recognizers.introduced_address import IntroducedAddressRecognizer


def found(text: str) -> list[str]:
    results = IntroducedAddressRecognizer("it").analyze(text, ["STREET_ADDRESS"])
    return [text[r.start : r.end] for r in results]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "abito in vicolo stretto 7, 2° piano, 40125 bologna. grazie",
            "vicolo stretto 7, 2° piano, 40125 bologna",
        ),
        ("me he mudado a Travesía del Olmo 3, 1º A, cambiadlo porfa", "Travesía del Olmo 3, 1º A"),
        ("i live at 12 Orchard Mews, Bath BA1 2QT, is that ok?", "12 Orchard Mews, Bath BA1 2QT"),
        ("j'habite au 4 impasse des Lilas, 31000 Toulouse", "4 impasse des Lilas, 31000 Toulouse"),
        ("vivo en C. Olivo 21, 46001 valencia", "C. Olivo 21, 46001 valencia"),
        ("residente in corso italia 90, email anna.b@libero.it", "corso italia 90"),
    ],
)
def test_the_whole_introduced_address_is_found(text: str, address: str) -> None:
    assert found(text) == [address]


@pytest.mark.parametrize(
    "text",
    [
        "vivo a torino, a che ora aprite?",  # a town, no street number
        "il mio indirizzo email è anna.b@libero.it",  # an e-mail, not an address
        "j'habite loin, vous ouvrez le samedi ?",
        "i live in london and need a blood test",
    ],
)
def test_no_address_without_a_number_or_with_an_email(text: str) -> None:
    assert found(text) == []

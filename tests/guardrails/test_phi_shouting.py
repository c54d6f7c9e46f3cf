"""A message typed in capitals: after "I AM", "SONO", "SOY" only a known name is a name."""

from __future__ import annotations

import pytest

from guardrails.phi_redaction import PhiRedactionGuard
from tests.guardrails.phi_helpers import redacted


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "I AM SO DONE WITH THIS"),
        ("en", "I'M FED UP, GET ME A PERSON"),
        ("it", "SONO STUFA DI ASPETTARE, MI CHIAMATE?"),
        ("es", "SOY INCAPAZ DE ENCONTRAR EL INFORME"),
        ("fr", "JE SUIS VRAIMENT ENERVEE LA"),
    ],
)
def test_shouted_feelings_are_not_names(
    phi_guard: PhiRedactionGuard, language: str, text: str
) -> None:
    assert [v for v, kind in redacted(phi_guard, text, language) if kind == "PERSON"] == []


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("it", "SONO MARIO ROSSI, CHIAMATEMI", "MARIO ROSSI"),
        ("es", "SOY CARMEN LOPEZ Y NADIE ME CONTESTA", "CARMEN LOPEZ"),
        ("en", "I AM SARAH JONES, MY APPOINTMENT WAS TODAY", "SARAH JONES"),
        # a capitalised name after a lower-case introduction is still a name
        ("en", "hi i am Sarah Jones, my appointment was today", "Sarah Jones"),
    ],
)
def test_shouted_known_names_are_still_names(
    phi_guard: PhiRedactionGuard, language: str, text: str, name: str
) -> None:
    found = [value for value, kind in redacted(phi_guard, text, language) if kind == "PERSON"]
    assert any(name in value for value in found), found

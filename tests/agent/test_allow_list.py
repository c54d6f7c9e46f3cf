from agent.allow_list import ClinicAllowList
from agent.clinic import ClinicProfile


def clinic() -> ClinicProfile:
    return ClinicProfile(
        name="Poliambulatorio Test",
        languages=["it"],
        default_language="it",
        contact_phone="+39 02 5550 1234",
        contact_email="info@test.example",
    )


def test_values_found_in_the_documents_join_the_profile() -> None:
    texts = ["Direttrice sanitaria: Dr.ssa Elena Marchetti. Tel +39 02 5550 1250."]
    found = {"Elena Marchetti": "PERSON", "+39 02 5550 1250": "PHONE_NUMBER"}
    allow = ClinicAllowList(
        clinic=clinic(),
        texts=lambda: texts,
        version=lambda: "v1",
        find=lambda text: [(kind, value) for value, kind in found.items() if value in text],
    )
    values = allow()
    assert {"Elena Marchetti", "Marchetti", "+39 02 5550 1250", "+39 02 5550 1234"} <= values
    assert "Poliambulatorio Test" in values
    assert "Elena" not in values  # a first name alone stays a patient's


def test_rebuilt_only_when_the_approved_documents_change() -> None:
    calls: list[str] = []
    version = ["v1"]
    texts = ["Dr. Paolo Neri"]

    def find(text: str) -> list[tuple[str, str]]:
        calls.append(text)
        return [("PERSON", "Paolo Neri")] if "Neri" in text else [("PERSON", "Anna Blu")]

    allow = ClinicAllowList(
        clinic=clinic(), texts=lambda: texts, version=lambda: version[0], find=find
    )
    assert "Neri" in allow()
    assert "Neri" in allow()
    assert len(calls) == 1
    texts[0] = "Dr. Anna Blu"
    version[0] = "v2"
    values = allow()
    assert "Blu" in values and "Neri" not in values
    assert len(calls) == 2


def test_facts_text_is_made_once_and_a_changed_copy_makes_its_own() -> None:
    profile = clinic()
    text = profile.facts_text()
    assert "Poliambulatorio Test" in text
    assert profile.facts_text() is text
    renamed = profile.model_copy(update={"name": "Centro Nuovo"})
    assert "Centro Nuovo" in renamed.facts_text()
    assert "Poliambulatorio Test" not in renamed.facts_text()

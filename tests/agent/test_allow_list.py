from agent.allow_list import ClinicAllowList, analyzer_values
from agent.clinic import ClinicProfile
from agent.factory import Frontdesk
from guardrails.base import Finding, Verdict


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


class _TitledStaffRedactor:
    """Finds one e-mail address; the name after "Dr.ssa" is a clinician's, kept by redaction."""

    def redact_document(self, text: str, language: str) -> tuple[Verdict, list[str]]:
        start = text.index("info@")
        finding = Finding(type="EMAIL_ADDRESS", start=start, end=start + 17, score=1.0)
        verdict = Verdict(guard="phi_redaction", allowed=True, text=text, findings=(finding,))
        return verdict, ["Elena Marchetti"] if "Dr.ssa Elena Marchetti" in text else []


def test_staff_named_after_their_title_join_the_allow_list() -> None:
    find = analyzer_values(_TitledStaffRedactor(), lambda text: "it")
    found = find("Direttrice: Dr.ssa Elena Marchetti, info@test.example")
    assert found == [("EMAIL_ADDRESS", "info@test.example"), ("PERSON", "Elena Marchetti")]


def test_a_patient_naming_titled_staff_without_the_title_keeps_the_name(
    demo_frontdesk: Frontdesk,
) -> None:
    # The demo documents name "Dr.ssa Elena Marchetti" only after her title.
    result = demo_frontdesk.receptionist.handle(
        "staff-no-title", "vorrei scrivere un reclamo a Elena Marchetti, a chi lo mando?"
    )
    stored = demo_frontdesk.receptionist.store.transcript("staff-no-title")[0].text
    assert "Elena Marchetti" in stored
    assert result.replies

"""The labelled question sets stay consistent with the documents they are about."""

from pathlib import Path

import pytest

from agent.text import fold
from evals.labelled import document_stem, load_questions

DATASETS = Path(__file__).resolve().parents[2] / "evals" / "datasets"
DEMO_DOCUMENTS = Path(__file__).resolve().parents[2] / "agent" / "demo" / "documents"
SETS = {
    "demo_clinic/dev.yaml": DEMO_DOCUMENTS,
    "demo_clinic/dev_extra.yaml": DEMO_DOCUMENTS,
    "demo_clinic/test.yaml": DEMO_DOCUMENTS,
    "dev_clinic/questions.yaml": DATASETS / "dev_clinic" / "documents",
    "dev_clinic_fr/questions.yaml": DATASETS / "dev_clinic_fr" / "documents",
    "dev_clinic_be/questions.yaml": DATASETS / "dev_clinic_be" / "documents",
    "dev_clinic_ao/questions.yaml": DATASETS / "dev_clinic_ao" / "documents",
    "dev_clinic_na/questions.yaml": DATASETS / "dev_clinic_na" / "documents",
    "dev_clinic_tl/questions.yaml": DATASETS / "dev_clinic_tl" / "documents",
    "other_clinic/questions.yaml": DATASETS / "other_clinic" / "documents",
}


def _documents(folder: Path) -> dict[str, str]:
    texts: dict[str, str] = {}
    for path in sorted(folder.glob("*.md")):
        stem = document_stem(path.name)
        texts[stem] = texts.get(stem, "") + "\n" + fold(path.read_text(encoding="utf-8"))
    return texts


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_expected_fact_is_in_a_gold_document(name: str) -> None:
    documents = _documents(SETS[name])
    questions = load_questions(DATASETS / name)
    assert len({q.id for q in questions}) == len(questions), "duplicate ids"
    for q in questions:
        assert q.language in {"it", "fr", "en", "es"}, q.id
        if not q.answerable:
            assert not q.expect_any and not q.gold, q.id
            continue
        assert q.expect_any and q.gold, q.id
        assert set(q.gold) <= set(documents), f"{q.id}: unknown gold {q.gold}"
        gold_text = " ".join(documents[g] for g in q.gold)
        assert any(fold(fact) in gold_text for fact in q.expect_any), q.id


def test_every_dataset_folder_is_checked() -> None:
    on_disk = {str(p.relative_to(DATASETS)) for p in DATASETS.glob("*/*.yaml")}
    on_disk -= {p for p in on_disk if p.endswith("clinic.yaml")}
    on_disk -= {"phi/templates.yaml"}  # PHI messages, checked by test_phi_dataset.py
    assert on_disk == set(SETS)

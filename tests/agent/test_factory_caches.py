"""What start-up keeps in the cache directory: the demo PDFs and the allow-list's findings."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import agent.startup_cache as startup_cache
from agent.demo import DOCUMENTS_DIR
from agent.demo.pdf import build_pdf
from agent.startup_cache import demo_pdfs, stored_findings
from guardrails.base import Finding, Verdict


class CapitalisedNames:
    """A redactor that calls every capitalised word a PERSON and counts what it analyses."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def redact_document(self, text: str, language: str) -> tuple[Verdict, list[str]]:
        self.texts.append(text)
        findings = tuple(
            Finding(type="PERSON", start=m.start(), end=m.end(), score=0.9)
            for m in re.finditer(r"\b[A-Z][a-z]+\b", text)
        )
        return Verdict(guard="phi_redaction", allowed=True, text=text, findings=findings), []


class Languages:
    """A detector that says Italian, with a default language like the real one."""

    default = "it"

    def detect(self, text: str, previous: str | None = None) -> str:
        return "it"


def finder(redactor: CapitalisedNames, directory: Path) -> Any:
    return stored_findings(redactor, Languages(), directory)  # type: ignore[arg-type]


def test_a_text_analysed_once_is_read_back_by_the_next_start(tmp_path: Path) -> None:
    first = CapitalisedNames()
    found = finder(first, tmp_path)("la dottoressa Bianchi riceve il lunedì")
    assert found == [("PERSON", "Bianchi")]
    again = CapitalisedNames()  # a new process
    assert finder(again, tmp_path)("la dottoressa Bianchi riceve il lunedì") == found
    assert finder(again, tmp_path)("il dottor Verdi") == [("PERSON", "Verdi")]
    assert again.texts == ["il dottor Verdi"]


def test_other_guardrails_code_analyses_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    finder(CapitalisedNames(), tmp_path)("la dottoressa Bianchi")
    monkeypatch.setattr(startup_cache, "_analyzer_fingerprint", lambda: "another-analyzer")
    redactor = CapitalisedNames()
    finder(redactor, tmp_path)("la dottoressa Bianchi")
    assert redactor.texts == ["la dottoressa Bianchi"]


def test_a_damaged_line_is_analysed_again(tmp_path: Path) -> None:
    find = finder(CapitalisedNames(), tmp_path)
    find("la dottoressa Bianchi")
    find("il dottor Verdi")
    (stored,) = tmp_path.glob("*.jsonl")
    first, second = stored.read_text(encoding="utf-8").splitlines()
    stored.write_text(first[:-5] + "\n" + second + "\n", encoding="utf-8")
    redactor = CapitalisedNames()
    again = finder(redactor, tmp_path)
    assert again("la dottoressa Bianchi") == [("PERSON", "Bianchi")]
    assert again("il dottor Verdi") == [("PERSON", "Verdi")]
    assert redactor.texts == ["la dottoressa Bianchi"]


def test_an_unwritable_directory_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the directory should be")
    find = finder(CapitalisedNames(), blocked / "allow-list")
    assert find("la dottoressa Bianchi") == [("PERSON", "Bianchi")]


def test_demo_pdfs_are_rendered_once_and_identical(tmp_path: Path) -> None:
    sources = sorted(DOCUMENTS_DIR.glob("*.md"))
    first = demo_pdfs(tmp_path)
    assert [name for name, _ in first] == [f"{s.stem}.pdf" for s in sources]
    assert first[0][1] == build_pdf(sources[0].read_text(encoding="utf-8"))
    stored = sorted(tmp_path.glob("*.pdf"))
    assert len(stored) == len(sources)
    before = {p: p.stat().st_mtime_ns for p in stored}
    assert demo_pdfs(tmp_path) == first
    assert {p: p.stat().st_mtime_ns for p in stored} == before  # read, not rendered again


def test_a_damaged_demo_pdf_is_rendered_again(tmp_path: Path) -> None:
    first = demo_pdfs(tmp_path)
    victim = sorted(tmp_path.glob("*.pdf"))[0]
    victim.write_bytes(victim.read_bytes()[:-10])  # cut short
    assert demo_pdfs(tmp_path) == first

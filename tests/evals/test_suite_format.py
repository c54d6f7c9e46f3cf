"""The suite file QA writes: valid ones load, invalid ones say file, conversation and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.cli import load_all
from evals.suite import Expect, SuiteError, find_suites, load_suite

QA_SUITE = Path(__file__).parents[1] / "data" / "evals" / "qa_suite.yaml"


def _write(tmp_path: Path, text: str, name: str = "suite.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_contract_example_loads_with_every_key_in_declared_order() -> None:
    loaded = load_suite(QA_SUITE)
    keys = {k for c in loaded.suite.conversations for t in c.turns for k in t.expect.declared()}
    assert keys == set(Expect.model_fields)
    first = loaded.suite.conversations[0].turns[0].expect
    assert first.declared() == ["answer_contains_any", "cites", "intent", "max_latency_ms"]
    assert loaded.document_files == ()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "name: s\nconversations:\n  - id: c1\n    turns:\n      - user: hi\n"
            "        expect: {answer_contains: [x]}\n",
            [
                "conversation 'c1'",
                "turn 1",
                "unknown key 'expect.answer_contains'",
                "answer_contains_any",
            ],
        ),
        (
            "name: s\nconversations:\n  - id: c1\n    turns:\n      - user: hi\n    speaker: bot\n",
            ["conversation 'c1'", "unknown key 'speaker'", "allowed here: id, turns"],
        ),
        (
            "name: s\nconversation: []\n",
            ["unknown key 'conversation'", "missing key 'conversations'"],
        ),
        (
            "name: s\nconversations:\n  - id: c1\n    turns:\n      - user: hi\n"
            "        expect: {intent: weather}\n",
            ["turn 1", "unknown intent 'weather'", "faq"],
        ),
        (
            "name: s\nconversations:\n  - id: c1\n    turns:\n      - user: hi\n"
            "        expect: {emergency: maybe}\n",
            ["conversation 'c1'", "emergency"],
        ),
        (
            "name: s\nconversations:\n  - id: c1\n    turns:\n      - user: hi\n"
            "        expect: {max_latency_ms: -5}\n",
            ["max_latency_ms", "greater than 0"],
        ),
        (
            "name: s\nconversations:\n  - id: a\n    turns: [{user: hi}]\n"
            "  - id: a\n    turns: [{user: hello}]\n",
            ["conversation id 'a' is used twice"],
        ),
        ("name: s\nconversations:\n  - id: c1\n    turns: []\n", ["conversation 'c1'", "turns"]),
        ("- just\n- a list\n", ["a suite is a mapping"]),
        ("name: s\nconversations: [\n", ["not valid YAML", "line"]),
        (
            "name: s\ndocuments: nowhere/\nconversations:\n  - id: c1\n    turns: [{user: hi}]\n",
            ["documents: 'nowhere/' does not exist", "relative to the suite file"],
        ),
    ],
)
def test_an_invalid_suite_names_the_file_and_what_to_fix(
    tmp_path: Path, body: str, expected: list[str]
) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(SuiteError) as caught:
        load_suite(path)
    message = str(caught.value)
    assert str(path) in message
    for part in expected:
        assert part in message, message


def test_one_string_is_accepted_where_a_list_is_expected(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "name: s\nconversations:\n  - id: c1\n    turns:\n      - user: hi\n"
        "        expect: {never_stored: ABC123, answer_not_contains: x}\n",
    )
    expect = load_suite(path).suite.conversations[0].turns[0].expect
    assert expect.never_stored == ["ABC123"]
    assert expect.answer_not_contains == ["x"]


def test_documents_resolve_relative_to_the_suite_file(tmp_path: Path) -> None:
    docs = tmp_path / "clinic"
    docs.mkdir()
    (docs / "hours.md").write_text("# Hours\n\nOpen 9 to 5.\n", encoding="utf-8")
    (docs / "notes.docx").write_bytes(b"not ours")
    path = _write(
        tmp_path,
        "name: s\ndocuments: clinic/\nconversations:\n  - id: c\n    turns: [{user: hi}]\n",
    )
    assert load_suite(path).document_files == ((docs / "hours.md").resolve(),)


def test_a_folder_runs_its_suites_and_every_invalid_file_is_reported(tmp_path: Path) -> None:
    _write(tmp_path, "name: a\nconversations:\n  - id: c\n    turns: [{user: hi}]\n", "a.yaml")
    _write(
        tmp_path,
        "name: b\nconversations:\n  - id: c\n    turns: [{user: hi, expct: {}}]\n",
        "b.yml",
    )
    _write(tmp_path, "name: a\nconversations:\n  - id: c\n    turns: [{user: hi}]\n", "c.yaml")
    (tmp_path / "readme.txt").write_text("not a suite", encoding="utf-8")
    assert [p.name for p in find_suites([tmp_path])] == ["a.yaml", "b.yml", "c.yaml"]
    with pytest.raises(SuiteError) as caught:
        load_all([tmp_path])
    message = str(caught.value)
    assert "b.yml" in message and "unknown key 'expct'" in message
    assert "suite name 'a' is used by more than one file" in message


def test_a_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SuiteError, match="no such file or folder"):
        find_suites([tmp_path / "missing.yaml"])

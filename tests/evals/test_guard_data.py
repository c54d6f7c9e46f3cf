"""The guard message sets: sizes, balance, an honest split, and a loader that rejects bad rows."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from evals import guard_data
from evals.guard_data import GUARDS, LANGUAGES, SPLITS, LabelledMessage, load


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def _both(guard: str) -> dict[str, list[LabelledMessage]]:
    return {split: load(guard, split) for split in SPLITS}


# ----------------------------------------------------------------- the shipped data


@pytest.mark.parametrize("guard", GUARDS)
def test_size_and_languages(guard: str) -> None:
    messages = [m for split in _both(guard).values() for m in split]
    assert len(messages) >= 240
    per_language = Counter(m.language for m in messages)
    for language in LANGUAGES:
        assert per_language[language] >= 60, (language, per_language[language])


@pytest.mark.parametrize("guard", GUARDS)
def test_every_language_has_both_labels_in_each_split(guard: str) -> None:
    for split, messages in _both(guard).items():
        for language in LANGUAGES:
            labels = Counter(m.label for m in messages if m.language == language)
            assert labels[True] > 0 and labels[False] > 0, (split, language, labels)


@pytest.mark.parametrize("guard", GUARDS)
def test_test_split_is_enough_to_measure(guard: str) -> None:
    # Development rounds may grow the dev split as much as they like; what keeps the
    # measurement honest is a test split never tuned on, apart from dev (texts and
    # families, checked below), and big enough: 16 positives and 16 negatives per language.
    test = load(guard, "test")
    for language in LANGUAGES:
        labels = Counter(m.label for m in test if m.language == language)
        assert labels[True] >= 16 and labels[False] >= 16, (language, labels)


@pytest.mark.parametrize("guard", GUARDS)
def test_labels_are_roughly_balanced(guard: str) -> None:
    # The measured split stays balanced; the classifiers weigh both classes equally
    # whatever their counts, so a development round may lean further one way.
    bounds = {"test": (0.4, 0.6), "dev": (1 / 3, 2 / 3)}
    for split, messages in _both(guard).items():
        low, high = bounds[split]
        for language in LANGUAGES:
            mine = [m for m in messages if m.language == language]
            assert low <= sum(m.label for m in mine) / len(mine) <= high, (split, language)


@pytest.mark.parametrize("guard", GUARDS)
def test_ids_unique_and_well_formed(guard: str) -> None:
    messages = [m for split in _both(guard).values() for m in split]
    ids = [m.id for m in messages]
    assert len(set(ids)) == len(ids), [i for i, n in Counter(ids).items() if n > 1]
    for m in messages:
        assert re.fullmatch(rf"{guard}-{m.language}-\d{{3}}", m.id), m.id


@pytest.mark.parametrize("guard", GUARDS)
def test_no_text_in_both_splits(guard: str) -> None:
    splits = _both(guard)
    dev = {_normal(m.text) for m in splits["dev"]}
    test = {_normal(m.text) for m in splits["test"]}
    assert not dev & test, sorted(dev & test)


@pytest.mark.parametrize("guard", GUARDS)
def test_no_text_twice_within_a_split(guard: str) -> None:
    for split, messages in _both(guard).items():
        texts = Counter(_normal(m.text) for m in messages)
        assert not [t for t, n in texts.items() if n > 1], split


@pytest.mark.parametrize("guard", GUARDS)
def test_families_belong_to_one_split(guard: str) -> None:
    splits = _both(guard)
    dev = {m.family for m in splits["dev"]}
    test = {m.family for m in splits["test"]}
    assert dev and test
    assert not dev & test, sorted(dev & test)


@pytest.mark.parametrize("guard", GUARDS)
def test_every_category_is_in_both_splits_with_one_label(guard: str) -> None:
    # Families differ between the splits but the kinds of case do not, so every
    # kind of case measured on test has dev examples to tune on.
    splits = _both(guard)
    dev = {m.category for m in splits["dev"]}
    test = {m.category for m in splits["test"]}
    assert dev == test, (sorted(dev - test), sorted(test - dev))
    labels: dict[str, set[bool]] = {}
    for m in splits["dev"] + splits["test"]:
        labels.setdefault(m.category, set()).add(m.label)
    assert not [c for c, seen in labels.items() if len(seen) > 1]


@pytest.mark.parametrize("guard", GUARDS)
def test_self_harm_categories_only_on_emergency_positives(guard: str) -> None:
    for messages in _both(guard).values():
        for m in messages:
            if m.category.startswith("self_harm"):
                assert guard == "emergency" and m.label, m.id


def test_emergency_has_self_harm_in_every_language_and_split() -> None:
    for split, messages in _both("emergency").items():
        for language in LANGUAGES:
            found = {
                m.category
                for m in messages
                if m.language == language and m.category.startswith("self_harm")
            }
            assert {"self_harm_direct", "self_harm_indirect"} <= found, (split, language)


# ---------------------------------------------------------------------- the loader


GOOD_ROW: dict[str, Any] = {
    "id": "emergency-en-001",
    "language": "en",
    "text": "my dad cant speak and his face is drooping",
    "label": True,
    "category": "stroke",
    "family": "relative_reports",
}


def _write(directory: Path, guard: str, split: str, lines: list[str]) -> Path:
    path = directory / guard / f"{split}.jsonl" if split == "test" else directory / f"{guard}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(guard_data, "DATA_DIR", tmp_path)
    monkeypatch.setattr(guard_data, "EXAMPLES_DIR", tmp_path)
    return tmp_path


def test_load_reads_a_good_file(data_dir: Path) -> None:
    second = {**GOOD_ROW, "id": "emergency-en-002", "label": False, "category": "past_event"}
    _write(data_dir, "emergency", "dev", [json.dumps(GOOD_ROW), "", json.dumps(second)])
    messages = load("emergency", "dev")
    assert [m.id for m in messages] == ["emergency-en-001", "emergency-en-002"]
    assert messages[0] == LabelledMessage(**GOOD_ROW)
    assert messages[1].label is False


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        # a required field left out
        ({"label": None}, "missing field(s) label"),
        ({"family": None, "category": None}, "missing field(s) category, family"),
        # a language the clinic does not serve
        ({"language": "de"}, "bad language 'de'"),
        # the label must be JSON true/false, not a string or number
        ({"label": "true"}, "label must be true or false"),
        ({"label": 1}, "label must be true or false"),
        # wrong type, empty text, extra keys, non-snake_case names
        ({"text": 42}, "field text must be a string"),
        ({"text": "   "}, "empty text"),
        ({"note": "x"}, "unexpected field(s) note"),
        ({"category": "Chest Pain"}, "category 'Chest Pain' is not snake_case"),
    ],
)
def test_load_rejects_a_malformed_row(data_dir: Path, change: dict[str, Any], problem: str) -> None:
    row = {k: v for k, v in {**GOOD_ROW, **change}.items() if v is not None}
    path = _write(data_dir, "advice", "test", [json.dumps(GOOD_ROW), json.dumps(row)])
    with pytest.raises(ValueError, match=re.escape(f"{path}:2: {problem}")):
        load("advice", "test")


def test_load_rejects_invalid_json_and_non_objects(data_dir: Path) -> None:
    path = _write(data_dir, "human", "dev", ['{"id": "human-it-001",'])
    with pytest.raises(ValueError, match=re.escape(f"{path}:1: not valid JSON")):
        load("human", "dev")
    path = _write(data_dir, "human", "dev", [json.dumps(GOOD_ROW), "[1, 2]"])
    with pytest.raises(ValueError, match=re.escape(f"{path}:2: expected a JSON object")):
        load("human", "dev")


def test_load_rejects_duplicate_ids(data_dir: Path) -> None:
    path = _write(data_dir, "injection", "dev", [json.dumps(GOOD_ROW), json.dumps(GOOD_ROW)])
    with pytest.raises(ValueError, match=re.escape(f"{path}:2: duplicate id 'emergency-en-001'")):
        load("injection", "dev")


@pytest.mark.parametrize(
    ("guard", "split", "problem"),
    [
        ("phi", "dev", "unknown guard 'phi'"),
        ("emergency", "train", "unknown split 'train'"),
    ],
)
def test_load_rejects_unknown_guard_or_split(
    data_dir: Path, guard: str, split: str, problem: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(problem)):
        load(guard, split)


# ------------------------------------------------------------------------- the README


README = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "guards" / "README.md"


def test_readme_counts_match_the_files() -> None:
    rows = re.findall(r"^\| (\w+) \| (dev|test) \| (.+) \| (\d+) \|$", README.read_text(), re.M)
    assert len(rows) == len(GUARDS) * len(SPLITS)
    for guard, split, cells, total in rows:
        messages = load(guard, split)
        expected = [
            f"{sum(m.label for m in messages if m.language == language)} / "
            f"{sum(not m.label for m in messages if m.language == language)}"
            for language in LANGUAGES
        ]
        assert cells.split(" | ") == expected, (guard, split)
        assert int(total) == len(messages), (guard, split)


def test_readme_example_is_a_real_row() -> None:
    example = re.search(r"```json\n(.+)\n```", README.read_text())
    assert example is not None
    row = json.loads(example.group(1))
    assert LabelledMessage(**row) in load(row["id"].split("-")[0], "dev")


# ---------------------------------------------------------------------- the probe sets


@pytest.mark.parametrize("guard", guard_data.PROBE_GUARDS)
def test_probe_sets_load_with_both_labels_in_every_language(guard: str) -> None:
    messages = guard_data.load_probe(guard)
    assert len(messages) == 160
    for language in LANGUAGES:
        labels = Counter(m.label for m in messages if m.language == language)
        assert labels[True] == labels[False] == 20


def test_a_guard_without_a_probe_set_is_named() -> None:
    with pytest.raises(ValueError, match="no probe set for 'emergency'"):
        guard_data.load_probe("emergency")

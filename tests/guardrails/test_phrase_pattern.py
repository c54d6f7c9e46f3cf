"""The phrase lexicons: how they are read and what a compiled phrase list matches."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from guardrails.lexicons import HERE, LexiconError, fold, load_lexicon, phrase_pattern

LEXICONS = sorted(p.stem for p in Path(HERE).glob("*.yaml"))


@pytest.mark.parametrize("name", LEXICONS)
def test_fast_loader_reads_what_the_reference_loader_reads(name: str) -> None:
    reference = yaml.safe_load((HERE / f"{name}.yaml").read_text(encoding="utf-8"))
    assert load_lexicon(name) == reference


def spans(phrases: list[str], text: str) -> list[str]:
    folded = fold(text)
    return [m.group() for m in phrase_pattern(phrases).finditer(folded)]


@pytest.mark.parametrize(
    ("phrases", "text", "expected"),
    [
        # whole words only
        (["petto"], "dolore al petto", ["petto"]),
        (["pett"], "dolore al petto", []),
        # accents and case are folded away
        (["arrêt cardiaque"], "ARRET CARDIAQUE", ["arret cardiaque"]),
        # * ends a word with any ending
        (["sanguin*"], "sta sanguinando", ["sanguinando"]),
        # ~ allows up to three words in between, and no more
        (["dolore ~ petto"], "dolore forte al petto", ["dolore forte al petto"]),
        (["dolore ~ petto"], "dolore a b c d petto", []),
        # ~ takes the nearest second half
        (["dolore ~ petto"], "dolore al petto e petto", ["dolore al petto"]),
        # the longest phrase is tried first at a position
        (["dolore", "dolore al petto"], "dolore al petto", ["dolore al petto"]),
        (["chest", "chest pain*"], "chest pains", ["chest pains"]),
        # punctuation between words is a word break
        (["dolore petto"], "dolore, petto", ["dolore, petto"]),
        # a phrase with a hyphen matches over the hyphen, a shorter phrase still loses
        (["e", "e-mail"], "scrivo una e-mail", ["e-mail"]),
    ],
)
def test_what_a_phrase_list_matches(phrases: list[str], text: str, expected: list[str]) -> None:
    assert spans(phrases, text) == expected


@pytest.mark.parametrize("phrases", [[], ["  "], ["dolore ~ ~ petto"]])
def test_malformed_lists_are_refused(phrases: list[str]) -> None:
    with pytest.raises(LexiconError):
        phrase_pattern(phrases)

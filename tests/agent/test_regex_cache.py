"""Large regexes compiled at start-up are read back from disk identical to ``re.compile``'s."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from agent.regex_cache import KEEP_DAYS, MIN_LENGTH, RegexCache, compiled_regexes
from guardrails.lexicons import load_lexicon, phrase_pattern

WORDS = [f"parola{n}" for n in range(400)]

PATTERNS = [
    (r"(?<!\w)(?:" + "|".join(WORDS) + r")(?!\w)", 0),
    (r"(?P<word>" + "|".join(WORDS) + r")\s+(?P<num>\d{1,3})", re.IGNORECASE),
    ("(?:" + "|".join(f"è{w}[àé]?" for w in WORDS) + ")", re.VERBOSE | re.MULTILINE),
]


def _strings(node: object) -> list[str]:
    """Every phrase-like string in a lexicon file, however nested."""
    if isinstance(node, str):
        return [node] if re.fullmatch(r"[a-z]+(?: [a-z]+)*", node) else []
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def _names(directory: Path) -> set[str]:
    return {p.name for p in directory.glob("*.bin")}


@pytest.mark.parametrize(("source", "flags"), PATTERNS)
def test_cold_and_warm_patterns_equal_what_re_compiles(
    tmp_path: Path, source: str, flags: int
) -> None:
    assert len(source) >= MIN_LENGTH
    expected = re.compile(source, flags)
    cold_cache = RegexCache(tmp_path)
    cold = cold_cache.compile(source, flags)
    assert (cold_cache.hits, cold_cache.misses) == (0, 1)
    warm_cache = RegexCache(tmp_path)
    warm = warm_cache.compile(source, flags)
    assert (warm_cache.hits, warm_cache.misses) == (1, 0)
    # CPython's Pattern equality compares pattern, flags and the engine code itself
    assert cold == expected
    assert warm == expected
    assert warm.groupindex == expected.groupindex and warm.groups == expected.groups
    for text in ("parola7 12", "xx PAROLA399 5 yy", "èparola3à", "nothing here"):
        assert [m.span() for m in warm.finditer(text)] == [
            m.span() for m in expected.finditer(text)
        ]


def test_a_guard_lexicon_pattern_round_trips(tmp_path: Path) -> None:
    source = phrase_pattern(_strings(load_lexicon("injection"))).pattern
    assert len(source) >= MIN_LENGTH
    RegexCache(tmp_path).compile(source)
    assert RegexCache(tmp_path).compile(source) == re.compile(source)


def test_small_patterns_are_left_to_re(tmp_path: Path) -> None:
    cache = RegexCache(tmp_path)
    assert cache.compile(r"\d+") == re.compile(r"\d+")
    assert cache.compile(b"(?:" + b"|".join(w.encode() for w in WORDS) + b")") is not None
    assert (cache.hits, cache.misses) == (0, 0)
    assert _names(tmp_path) == set()


def test_a_damaged_entry_is_compiled_again_and_replaced(tmp_path: Path) -> None:
    source, flags = PATTERNS[1]
    RegexCache(tmp_path).compile(source, flags)
    (entry,) = tmp_path.glob("*.bin")
    data = bytearray(entry.read_bytes())
    data[-10] ^= 0xFF
    entry.write_bytes(bytes(data))
    cache = RegexCache(tmp_path)
    assert cache.compile(source, flags) == re.compile(source, flags)
    assert cache.misses == 1
    again = RegexCache(tmp_path)
    assert again.compile(source, flags) == re.compile(source, flags)
    assert again.hits == 1


def test_the_block_restores_re_compile_even_when_it_fails(tmp_path: Path) -> None:
    original = re.compile
    with pytest.raises(RuntimeError), compiled_regexes(tmp_path) as cache:
        assert re.compile is not original
        re.compile(PATTERNS[0][0])
        raise RuntimeError("build failed")
    assert re.compile is original
    assert cache.misses == 1


def test_entries_unused_for_two_weeks_are_deleted_used_ones_kept(tmp_path: Path) -> None:
    with compiled_regexes(tmp_path):
        for source, flags in PATTERNS:
            re.compile(source, flags)
    assert len(_names(tmp_path)) == len(PATTERNS)
    old = time.time() - (KEEP_DAYS + 1) * 86400
    for entry in tmp_path.glob("*.bin"):
        os.utime(entry, (old, old))
    with compiled_regexes(tmp_path) as cache:
        re.compile(*PATTERNS[0])
    assert cache.hits == 1
    assert len(_names(tmp_path)) == 1
    (kept,) = tmp_path.glob("*.bin")
    assert time.time() - kept.stat().st_mtime < 3600

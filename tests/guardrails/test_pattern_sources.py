"""Pattern sources are the same in every process, whatever its hash seed.

The compiled-pattern cache (``agent/regex_cache.py``) is keyed by a pattern's
source; an alternation built from a set sorted by length alone would list
same-length phrases in the set's order, which changes with ``PYTHONHASHSEED``,
and every start would miss the cache.
"""

from __future__ import annotations

import os
import subprocess
import sys

from guardrails.recognizers.lexicon import longest_first

SOURCES = """
import hashlib, re
import guardrails.emergency, guardrails.facts, guardrails.injection
import guardrails.recognizers.date_of_birth, guardrails.recognizers.past_date
import guardrails.recognizers.phone, guardrails.recognizers.street_address
from guardrails.lexicons import load_lexicon, phrase_regex
digest = hashlib.sha256()
for module in (guardrails.emergency, guardrails.facts, guardrails.injection,
               guardrails.recognizers.date_of_birth, guardrails.recognizers.past_date,
               guardrails.recognizers.phone, guardrails.recognizers.street_address):
    for name, value in sorted(vars(module).items()):
        if isinstance(value, re.Pattern):
            digest.update(value.pattern.encode())
digest.update(phrase_regex(["ab", "cd", "ef", "gh", "ijk", "lmn"]).encode())
print(digest.hexdigest())
"""


def _sources_digest(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", SOURCES], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_pattern_sources_do_not_depend_on_the_hash_seed() -> None:
    assert len({_sources_digest(seed) for seed in ("1", "2", "3")}) == 1


def test_longest_first_breaks_ties_by_text() -> None:
    assert sorted({"cd", "abc", "ab", "e"}, key=longest_first) == ["abc", "ab", "cd", "e"]

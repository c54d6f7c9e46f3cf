"""How high a word ranks as a first or last name somewhere in the world.

A compact table (``name_census.npz``, built by ``python -m evals.name_census``
from the names-dataset package) holds, for every name ranked in the top 5,000
of some country as a first name or as a last name, a 32-bit hash of its folded
spelling and the bin of its best rank (:data:`RANK_BINS`). Everyday words are
in it too ("casa", "ciao": people type them in name fields), so a rank is
evidence to weigh with how common the word is, never proof.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

CENSUS_PATH = Path(__file__).with_name("name_census.npz")

RANK_BINS: tuple[int, ...] = (100, 500, 2000, 5000)
"""Bin 1 is a top-100 name somewhere, bin 4 a top-5,000 one; 0 means unranked."""


def name_hash(key: str) -> int:
    """Return the 32-bit hash the table keys a folded name by."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=4).digest(), "big")


@lru_cache(maxsize=1)
def _tables() -> dict[str, npt.NDArray[np.generic]]:
    with np.load(CENSUS_PATH) as data:
        return {name: data[name] for name in data.files}


def _lookup(part: str, key: str) -> int:
    tables = _tables()
    hashes = tables[f"{part}_hash"]
    digest = name_hash(key)
    index = int(hashes.searchsorted(np.uint32(digest)))
    if index < len(hashes) and int(hashes[index]) == digest:
        return int(tables[f"{part}_bin"][index])
    return 0


@lru_cache(maxsize=65536)
def census_bins(key: str) -> tuple[int, int]:
    """Return the rank bins of a folded word as a first name and as a last name (0: unranked)."""
    return _lookup("first", key), _lookup("last", key)

"""Build ``guardrails/recognizers/name_census.npz`` from the names-dataset package.

    python -m evals.name_census

names-dataset (Apache 2.0, https://github.com/philipperemy/name-dataset) counts
first and last names in 105 countries, with each name's rank in the countries
where it is common. The learned name recognizer uses how high a word ranks
as a first name and as a last name anywhere: "fuensanta" (895th in Spain),
"huguette" (711th in France) and "ardit" (11th in Albania) are in no Faker
list. The package takes 55 MB on disk and about 900 MB of memory to load, so
only what the recognizer needs is kept: for every folded name ranked in the
top :data:`RANK_BINS` somewhere, a 32-bit hash of it and its best rank's bin.
"""

from __future__ import annotations

import gzip
import pickle
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from guardrails.recognizers.lexicon import fold
from guardrails.recognizers.name_census import CENSUS_PATH, RANK_BINS, name_hash


def _dataset_dir() -> Path:
    import names_dataset  # type: ignore[import-untyped]

    return Path(names_dataset.__file__).with_name("v3")


def best_ranks(names: Mapping[str, Mapping[str, object]]) -> dict[str, int]:
    """Return each folded name's best (lowest) rank over every country."""
    best: dict[str, int] = {}
    for name, info in names.items():
        ranks = [r for r in (info.get("rank") or {}).values() if isinstance(r, int)]  # type: ignore[attr-defined]
        if not ranks:
            continue
        key = fold(name)
        best[key] = min(best.get(key, ranks[0]), *ranks)
    return best


def _bin(rank: int) -> int:
    return next(i for i, edge in enumerate(RANK_BINS, start=1) if rank <= edge)


def table(ranks: Mapping[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Return sorted hashes and their rank bins, for names ranked within the last bin."""
    kept: dict[int, int] = {}
    for key, rank in ranks.items():
        if rank <= RANK_BINS[-1]:
            digest = name_hash(key)
            kept[digest] = min(kept.get(digest, 99), _bin(rank))
    hashes = np.array(sorted(kept), dtype=np.uint32)
    bins = np.array([kept[int(h)] for h in hashes], dtype=np.uint8)
    return hashes, bins


def build(path: Path = CENSUS_PATH) -> None:
    """Write the census table from the installed names-dataset."""
    arrays: dict[str, np.ndarray] = {}
    for part in ("first", "last"):
        with gzip.open(_dataset_dir() / f"{part}_names.pkl.gz") as handle:
            names = pickle.load(handle)  # noqa: S301  # the package's own data file
        arrays[f"{part}_hash"], arrays[f"{part}_bin"] = table(best_ranks(names))
        del names
    np.savez_compressed(
        path,
        first_hash=arrays["first_hash"],
        first_bin=arrays["first_bin"],
        last_hash=arrays["last_hash"],
        last_bin=arrays["last_bin"],
    )


if __name__ == "__main__":
    build()

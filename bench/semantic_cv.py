"""Leave-one-family-out cross-validation of the semantic guard classifiers, development data only.

Run from the repository root:

    .venv/bin/python -m bench.semantic_cv [--prefix query|passage] [--methods] [--sentences]
        [--guard G ...] [--learned-by PREFIX=G,G ...] [--score-unlearned]
        [--sentence-threshold G=T ...] [--export DIR]

For each guard the classifier's training set is built by
``guardrails.semantic.classifier_training_sets`` from what the app trains on: the four
guards' development messages and the everyday administrative questions of
``guardrails/examples/`` (``ordinary.jsonl``). Every message belongs to a family
(its phrasing style; the administrative questions, which carry none, are held
out in blocks of consecutive lines, written file by file); each family in turn
is held out, the classifier is trained on all the others and scores the
held-out messages, so every message gets exactly one score from a model that
never saw its family.

Reported per guard, on the held-out scores: recall over the guard's positives,
the false-positive rate over its own hard negatives ("fp hard", the figure the
guard benchmarks report) and over the other negatives ("fp other": the other
guards' messages and the administrative questions), for (a) the lexicon guard,
(b) the classifier at several thresholds, (c) lexicon OR classifier. The
threshold kept is the one with the most OR recall whose OR false-positive rate
stays within the budget on both kinds of negatives (3 %; 5 % for emergency,
where recall comes first). The lexicon guards were tuned on these very
messages, so their dev recall is optimistic; the classifier's is not.

``--methods`` also compares logistic regression (several L2 penalties) with
nearest neighbours and nearest centroid by held-out AUC and by recall at the
best threshold within the budget. Embeddings are computed once (4-bit
multilingual-e5-small) and cached under ``/tmp/frontdesk-semantic-cv``.
``--sentences`` also scores, for the guards of
``guardrails.semantic.SENTENCE_THRESHOLDS``, each sentence of a longer message
with the same held-out model, and reports the whole message at its threshold
OR one sentence at the sentence threshold (what :class:`SemanticGuard` does).
``--sentence-threshold G=T`` scores sentences for guard G at T as well (to try a
guard the app does not score by sentence).

``--learned-by PREFIX=G,G`` replaces the entry of
``guardrails.semantic.LEARNED_BY`` for the families starting with PREFIX
(``PREFIX=`` for none), to measure another choice of training families;
``--score-unlearned`` also scores the development families a classifier does
not learn (held out by construction), so two choices are compared on the same
messages. ``--guard`` restricts the run to some guards. ``--export DIR``
writes the classifiers fitted on all the data they learn, with the chosen
thresholds, to ``DIR``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from rich.console import Console
from rich.table import Table

from evals.guard_data import GUARDS, LabelledMessage, load
from guardrails.base import Guard, GuardContext
from guardrails.examples import load_ordinary
from guardrails.semantic import (
    DEFAULT_L2,
    LEARNED_BY,
    SENTENCE_THRESHOLDS,
    SemanticClassifier,
    classifier_training_sets,
    normalise,
    sentences,
)
from guardrails.semantic import (
    THRESHOLDS as GUARD_THRESHOLDS,
)

ORDINARY_BLOCK = 50
"""Administrative questions held out together: consecutive lines of ``ordinary.jsonl``."""
CACHE = Path(tempfile.gettempdir()) / "frontdesk-semantic-cv"
THRESHOLDS = tuple(round(float(t), 2) for t in np.arange(0.30, 0.96, 0.05))
SHOWN = (0.5, 0.6, 0.7, 0.8)
BUDGET = {"emergency": 0.05, "advice": 0.03, "human": 0.03, "injection": 0.03}

Scores = npt.NDArray[np.float64]
Method = Callable[[npt.NDArray[np.float64], npt.NDArray[np.bool_], npt.NDArray[np.float64]], Scores]


@dataclass(frozen=True)
class Example:
    """One training message of one guard's classifier, with where it came from."""

    text: str
    label: bool
    family: str  # "<source>/<family>", the unit held out together
    own: bool  # from the guard's own labelled set (else another guard's, or administrative)
    category: str = ""  # the guard's own category, for its own messages
    learnt: bool = True  # in the classifier's training set (else only scored, held out)


# ------------------------------------------------------------------------------------ data


def ordinary_questions() -> list[tuple[str, str]]:
    """Return (family, question) for the administrative questions the app's classifiers learn."""
    return [
        (f"admin/ordinary_{index // ORDINARY_BLOCK + 1}", text)
        for index, text in enumerate(load_ordinary())
    ]


def training_messages() -> dict[str, list[LabelledMessage]]:
    """Return each guard's development messages (each classifier learns the families it may)."""
    return {guard: load(guard, "dev") for guard in GUARDS}


def guard_examples(
    labelled: dict[str, list[LabelledMessage]],
    ordinary: list[tuple[str, str]],
    learned_by: Mapping[str, frozenset[str]] = LEARNED_BY,
    *,
    unlearned: bool = False,
) -> dict[str, list[Example]]:
    """Return each guard's training examples, labelled by ``training_sets``, with families.

    With ``unlearned``, also the messages of the families the guard's classifier
    does not learn, marked ``learnt=False``.
    """
    questions = [text for _, text in ordinary]
    sets = classifier_training_sets(labelled, questions, learned_by)
    taught = {guard: set(texts) for guard, (texts, _) in sets.items()}
    if unlearned:
        sets = classifier_training_sets(labelled, questions, {})
    origin: dict[str, tuple[str, str]] = {}  # text -> (source, family); first seen wins
    for source, rows in labelled.items():
        for row in rows:
            origin.setdefault(row.text, (source, f"{source}/{row.family}"))
    for family, text in ordinary:
        origin.setdefault(text, ("admin", family))
    out: dict[str, list[Example]] = {}
    for guard, (texts, labels) in sets.items():
        own = {row.text: row for row in labelled[guard]}
        out[guard] = [
            Example(
                text,
                label,
                f"{guard}/{own[text].family}" if text in own else origin[text][1],
                text in own,
                own[text].category if text in own else "",
                text in taught[guard],
            )
            for text, label in zip(texts, labels, strict=True)
        ]
    return out


def embeddings(texts: Sequence[str], prefix: str) -> dict[str, npt.NDArray[np.float64]]:
    """Return e5 embeddings of ``texts``, from the cache file where already computed."""
    from knowledge.embeddings import E5Embedder

    embedder = E5Embedder()
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{embedder.name}-{prefix}.npz"
    known: dict[str, npt.NDArray[np.float64]] = {}
    if path.exists():
        with np.load(path, allow_pickle=False) as data:
            known = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
    missing = [text for text in dict.fromkeys(texts) if text not in known]
    if missing:
        if prefix == "query":
            vectors = [embedder.embed_query(text) for text in missing]
        else:
            vectors = embedder.embed_passages(missing)
        known.update(zip(missing, np.asarray(vectors, dtype=np.float64), strict=True))
        names = list(known)
        np.savez(path, texts=np.array(names), vectors=np.stack([known[t] for t in names]))
    return {text: known[text] for text in texts}


def lexicon_guards() -> dict[str, Guard]:
    """Return the lexicon guard each semantic classifier stands next to."""
    from guardrails.clinical_advice import ClinicalAdviceGuard
    from guardrails.emergency import EmergencyGuard
    from guardrails.injection import InjectionGuard
    from guardrails.wants_human import WantsHumanGuard

    return {
        "emergency": EmergencyGuard(),
        "advice": ClinicalAdviceGuard(mode="input"),
        "human": WantsHumanGuard(),
        "injection": InjectionGuard(),
    }


def lexicon_flags(guard: Guard, examples: list[Example]) -> npt.NDArray[np.bool_]:
    """Return whether the lexicon guard blocks each example."""
    context = GuardContext()
    return np.array([not guard.check(e.text, context).allowed for e in examples])


# --------------------------------------------------------------------------------- methods


def logistic(l2: float) -> Method:
    """Return the library's classifier as a cross-validation method."""

    def scores(
        x: npt.NDArray[np.float64], y: npt.NDArray[np.bool_], test: npt.NDArray[np.float64]
    ) -> Scores:
        return SemanticClassifier.fit_vectors(x, list(y), l2=l2).probabilities(test)

    return scores


def neighbours(k: int) -> Method:
    """Return k-nearest-neighbour voting (cosine, class-balanced) as a method."""

    def scores(
        x: npt.NDArray[np.float64], y: npt.NDArray[np.bool_], test: npt.NDArray[np.float64]
    ) -> Scores:
        similarity = normalise(test) @ normalise(x).T
        nearest = np.argsort(-similarity, axis=1)[:, :k]
        weight = np.where(y, 1 / y.sum(), 1 / (~y).sum())[nearest]
        out: Scores = (weight * y[nearest]).sum(axis=1) / weight.sum(axis=1)
        return out

    return scores


def centroid(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.bool_], test: npt.NDArray[np.float64]
) -> Scores:
    """Score by cosine to the positive centroid minus cosine to the negative one, in (0, 1)."""
    unit = normalise(x)
    positive = normalise(unit[y].mean(axis=0))[0]
    negative = normalise(unit[~y].mean(axis=0))[0]
    out: Scores = (1 + normalise(test) @ (positive - negative)) / 2
    return out


def held_out(vectors: npt.NDArray[np.float64], examples: list[Example], method: Method) -> Scores:
    """Score every example with a model trained without its family (on learnt examples)."""
    y = np.array([e.label for e in examples])
    families = np.array([e.family for e in examples])
    learnt = np.array([e.learnt for e in examples])
    scores = np.zeros(len(examples))
    for family in np.unique(families):
        test = families == family
        train = ~test & learnt
        scores[test] = method(vectors[train], y[train], vectors[test])
    return scores


# --------------------------------------------------------------------------------- metrics


@dataclass(frozen=True)
class Truth:
    """What each example of one guard is: positive, own hard negative, other negative."""

    positive: npt.NDArray[np.bool_]
    hard: npt.NDArray[np.bool_]
    other: npt.NDArray[np.bool_]
    seen: npt.NDArray[np.bool_]  # a positive whose category other families also carry

    @classmethod
    def of(cls, examples: list[Example]) -> Truth:
        y = np.array([e.label for e in examples])
        own = np.array([e.own for e in examples])
        carriers: dict[str, set[str]] = {}
        for e in examples:
            if e.label:
                carriers.setdefault(e.category, set()).add(e.family)
        seen = np.array([e.label and len(carriers[e.category] - {e.family}) > 0 for e in examples])
        return cls(y, ~y & own, ~y & ~own, seen)


@dataclass(frozen=True)
class Rates:
    """Recall and false-positive rates of one set of decisions."""

    caught: int
    positives: int
    caught_seen: int
    seen: int
    hard_fp: int
    hard: int
    other_fp: int
    other: int

    @property
    def recall(self) -> float:
        return self.caught / self.positives

    @property
    def fp_hard(self) -> float:
        return self.hard_fp / self.hard

    @property
    def fp_other(self) -> float:
        return self.other_fp / self.other


def rates(flags: npt.NDArray[np.bool_], truth: Truth) -> Rates:
    def count(mask: npt.NDArray[np.bool_]) -> tuple[int, int]:
        return int((flags & mask).sum()), int(mask.sum())

    return Rates(
        *count(truth.positive), *count(truth.seen), *count(truth.hard), *count(truth.other)
    )


def auc(scores: Scores, positive: npt.NDArray[np.bool_], negative: npt.NDArray[np.bool_]) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    p, n = scores[positive][:, None], scores[negative][None, :]
    return float(((p > n).sum() + 0.5 * (p == n).sum()) / (p.size * n.size))


def within(r: Rates, budget: float) -> bool:
    return r.fp_hard <= budget + 1e-9 and r.fp_other <= budget + 1e-9


def choose(
    scores: Scores, lexicon: npt.NDArray[np.bool_], truth: Truth, budget: float
) -> float | None:
    """Return the grid threshold where the classifier alone catches most, OR within budget.

    The lexicon guards were written on these messages, so lexicon OR
    classifier recall is near 100 % at any threshold on dev: the classifier's
    own held-out recall is what says how much it adds on new phrasings.
    A tie goes to the higher threshold.
    """
    best: tuple[float, float] | None = None
    for t in THRESHOLDS:
        if within(rates(lexicon | (scores >= t), truth), budget):
            recall = rates(scores >= t, truth).recall
            if best is None or recall >= best[0]:
                best = (recall, t)
    return None if best is None else best[1]


def best_recall(scores: Scores, truth: Truth, budget: float) -> tuple[float, float]:
    """Return the classifier's best recall alone within budget, over every distinct threshold."""
    found = (0.0, 1.0)
    for t in np.unique(scores):
        r = rates(scores >= t, truth)
        if within(r, budget) and r.recall > found[0]:
            found = (r.recall, float(t))
    return found


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:4.1f}% ({part}/{whole})" if whole else "-"


def cells(r: Rates) -> tuple[str, str, str, str]:
    return (
        pct(r.caught, r.positives),
        pct(r.caught_seen, r.seen),
        pct(r.hard_fp, r.hard),
        pct(r.other_fp, r.other),
    )


# ------------------------------------------------------------------------------------ main


def compare_methods(
    console: Console, matrix: dict[str, npt.NDArray[np.float64]], examples: dict[str, list[Example]]
) -> None:
    methods: dict[str, Method] = {
        **{f"logistic l2={l2:g}": logistic(l2) for l2 in (0.01, 0.03, 0.1, 0.3, 1.0)},
        "5-nn": neighbours(5),
        "15-nn": neighbours(15),
        "centroid": centroid,
    }
    table = Table(title="Classifier alone, held-out families: AUC, best recall within budget")
    for column in ("guard", "method", "AUC vs hard", "AUC vs all neg", "recall", "at t"):
        table.add_column(column, justify="left" if column in ("guard", "method") else "right")
    for guard in examples:
        ex, truth = examples[guard], Truth.of(examples[guard])
        for name, method in methods.items():
            s = held_out(matrix[guard], ex, method)
            recall, t = best_recall(s, truth, BUDGET[guard])
            table.add_row(
                guard, name,
                f"{auc(s, truth.positive, truth.hard):.3f}",
                f"{auc(s, truth.positive, truth.hard | truth.other):.3f}",
                f"{100 * recall:.1f}%", f"{t:.3f}",
                end_section=name == list(methods)[-1],
            )  # fmt: skip
    console.print(table)


def report(
    console: Console,
    matrix: dict[str, npt.NDArray[np.float64]],
    examples: dict[str, list[Example]],
) -> dict[str, float | None]:
    lexicons = lexicon_guards()
    table = Table(
        title="Leave-one-family-out on dev: recall, false positives on hard / other negatives"
    )
    for column in ("guard", "decision", "recall", "recall, seen cat.", "fp hard", "fp other"):
        table.add_column(column, justify="left" if column in ("guard", "decision") else "right")
    chosen: dict[str, float | None] = {}
    for guard in examples:
        ex, truth = examples[guard], Truth.of(examples[guard])
        scores = held_out(matrix[guard], ex, logistic(DEFAULT_L2))
        lexicon = lexicon_flags(lexicons[guard], ex)
        best = chosen[guard] = choose(scores, lexicon, truth, BUDGET[guard])
        shown = sorted({*SHOWN, *([best] if best is not None else [])})
        table.add_row(guard, "lexicon", *cells(rates(lexicon, truth)))
        for t in shown:
            mark = " *" if t == best else ""
            table.add_row(guard, f"classifier ≥ {t:.2f}{mark}", *cells(rates(scores >= t, truth)))
        for t in shown:
            mark = " *" if t == best else ""
            r = rates(lexicon | (scores >= t), truth)
            table.add_row(guard, f"lexicon OR ≥ {t:.2f}{mark}", *cells(r))
        table.rows[-1].end_section = True
    console.print(table)
    console.print(
        "* chosen: most classifier recall with lexicon OR classifier within "
        + ", ".join(f"{g} {100 * b:.0f}%" for g, b in BUDGET.items())
        + " false positives on both kinds of negatives. 'seen cat.': positives whose category "
        "other families also carry (a family that alone carries a category tests an unseen "
        "kind of request, not only an unseen phrasing)."
    )
    return chosen


def held_out_sentences(
    vectors: dict[str, npt.NDArray[np.float64]], examples: list[Example]
) -> tuple[Scores, Scores]:
    """Score every example and its best sentence with a model trained without its family."""
    matrix = np.stack([vectors[e.text] for e in examples])
    y = np.array([e.label for e in examples])
    families = np.array([e.family for e in examples])
    learnt = np.array([e.learnt for e in examples])
    whole, part = np.zeros(len(examples)), np.zeros(len(examples))
    for family in np.unique(families):
        test = families == family
        train = ~test & learnt
        model = SemanticClassifier.fit_vectors(matrix[train], y[train].tolist(), model="cv")
        for i in np.flatnonzero(test):
            whole[i] = model.probability(matrix[i])
            parts = sentences(examples[i].text)
            if parts:
                part[i] = float(model.probabilities(np.stack([vectors[p] for p in parts])).max())
    return whole, part


def report_sentences(
    console: Console,
    vectors: dict[str, npt.NDArray[np.float64]],
    examples: dict[str, list[Example]],
    thresholds: Mapping[str, float],
) -> None:
    """Report, for each guard of ``thresholds``, the message OR one sentence at its threshold."""
    lexicons = lexicon_guards()
    table = Table(title="Whole message OR one sentence, held out by family")
    for column in ("guard", "decision", "recall", "recall, seen cat.", "fp hard", "fp other"):
        table.add_column(column, justify="left" if column in ("guard", "decision") else "right")
    for guard, at in thresholds.items():
        ex, truth = examples[guard], Truth.of(examples[guard])
        whole, part = held_out_sentences(vectors, ex)
        lexicon = lexicon_flags(lexicons[guard], ex)
        base = whole >= GUARD_THRESHOLDS[guard]
        both = base | (part >= at)
        table.add_row(guard, f"message ≥ {GUARD_THRESHOLDS[guard]:.2f}", *cells(rates(base, truth)))
        table.add_row(guard, f"  OR a sentence ≥ {at:.2f}", *cells(rates(both, truth)))
        table.add_row(guard, "lexicon OR message", *cells(rates(lexicon | base, truth)))
        table.add_row(guard, "lexicon OR message OR sentence", *cells(rates(lexicon | both, truth)))
    console.print(table)


def export(
    directory: Path,
    matrix: dict[str, npt.NDArray[np.float64]],
    examples: dict[str, list[Example]],
    chosen: dict[str, float | None],
) -> None:
    """Fit on all it learns and write ``<guard>.npz`` plus ``thresholds.json`` to ``directory``."""
    from knowledge.embeddings import E5Embedder

    directory.mkdir(parents=True, exist_ok=True)
    for guard, ex in examples.items():
        learnt = np.array([e.learnt for e in ex])
        labels = [e.label for e in ex if e.learnt]
        fitted = SemanticClassifier.fit_vectors(
            matrix[guard][learnt], labels, model=E5Embedder.name
        )
        fitted.save(directory / f"{guard}.npz")
    (directory / "thresholds.json").write_text(json.dumps(chosen, indent=2) + "\n")


def learned_by_option(values: Sequence[str]) -> dict[str, frozenset[str]]:
    """Return :data:`LEARNED_BY` with the entries given as ``PREFIX=G,G`` replaced."""
    out = dict(LEARNED_BY)
    for value in values:
        prefix, _, names = value.partition("=")
        learners = frozenset(name for name in names.split(",") if name)
        if not prefix or not learners <= set(GUARDS):
            raise SystemExit(f"--learned-by {value!r}: expected PREFIX=GUARD,GUARD of {GUARDS}")
        out[prefix] = learners
    return out


def sentence_option(values: Sequence[str]) -> dict[str, float]:
    """Return :data:`SENTENCE_THRESHOLDS` with the ``GUARD=T`` entries added or replaced."""
    out = dict(SENTENCE_THRESHOLDS)
    for value in values:
        guard, _, at = value.partition("=")
        try:
            threshold = float(at)
        except ValueError:
            threshold = -1.0
        if guard not in GUARDS or not 0 < threshold <= 1:
            raise SystemExit(f"--sentence-threshold {value!r}: expected GUARD=T, 0 < T <= 1")
        out[guard] = threshold
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prefix", choices=("query", "passage"), default="query")
    parser.add_argument("--methods", action="store_true", help="compare classifier kinds")
    parser.add_argument("--sentences", action="store_true", help="also score sentences alone")
    parser.add_argument("--export", type=Path, help="write classifiers fitted on all dev data")
    parser.add_argument("--guard", action="append", choices=GUARDS, help="repeatable; default all")
    parser.add_argument(
        "--learned-by",
        action="append",
        default=[],
        metavar="PREFIX=G,G",
        help="replace one entry of LEARNED_BY (repeatable)",
    )
    parser.add_argument(
        "--score-unlearned",
        action="store_true",
        help="also score the families a classifier does not learn",
    )
    parser.add_argument(
        "--sentence-threshold",
        action="append",
        default=[],
        metavar="G=T",
        help="with --sentences, also score guard G's sentences at T (repeatable)",
    )
    args = parser.parse_args()
    console = Console(width=120)
    labelled = training_messages()
    examples = guard_examples(
        labelled,
        ordinary_questions(),
        learned_by_option(args.learned_by),
        unlearned=args.score_unlearned,
    )
    examples = {g: ex for g, ex in examples.items() if g in (args.guard or GUARDS)}
    per_sentence = {
        g: t for g, t in sentence_option(args.sentence_threshold).items() if g in examples
    }
    texts = sorted({e.text for ex in examples.values() for e in ex})
    parts = sorted({p for t in texts for p in sentences(t)}) if args.sentences else []
    vectors = embeddings([*texts, *parts], args.prefix)
    matrix = {g: np.stack([vectors[e.text] for e in ex]) for g, ex in examples.items()}
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:12]
    console.print(
        f"{len(texts)} distinct texts (digest {digest}), e5 prefix {args.prefix!r}; examples per "
        "guard (positives/negatives): "
        + ", ".join(
            f"{g} {sum(e.label for e in ex)}/{sum(not e.label for e in ex)}"
            for g, ex in examples.items()
        )
    )
    if args.methods:
        compare_methods(console, matrix, examples)
    chosen = report(console, matrix, examples)
    if args.sentences:
        report_sentences(console, vectors, examples, per_sentence)
    if args.export:
        export(args.export, matrix, examples, chosen)


if __name__ == "__main__":
    main()

"""PHI redaction on the labelled messages: recall, precision, F2, over-redaction, latency.

Runs Frontdesk's redaction guard and, on the same messages in the same run,
vanilla Presidio (``AnalyzerEngine`` with its default recognizers and the same
spaCy model per language). Measures on the test split of
``evals/datasets/phi`` unless told otherwise.

A patient identifier counts as caught only when every one of its characters is
inside a redacted span (a half-redacted phone number is a leak). Precision
counts redacted spans that overlap an identifier (per entity type: the type
the detector gave the span). Over-redaction is the share
of content words outside every identifier that ended up inside a redacted
span ("sabato", "cardiologia").
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from agent.lexicon import STOPWORDS
from agent.text import fold

if TYPE_CHECKING:
    from guardrails.phi_redaction import PhiRedactionGuard

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "evals" / "datasets"
DATA = DATASETS / "phi"
LANGUAGES = ("it", "fr", "en", "es")
Span = tuple[int, int]
Detector = Callable[[str, str], list[tuple[int, int, str]]]


@dataclass
class Tally:
    """Counts for one slice (a language, an entity type, or everything)."""

    identifiers: int = 0
    caught: int = 0
    predicted: int = 0
    true_predicted: int = 0
    content_words: int = 0
    over_redacted: int = 0
    latencies_ms: list[float] = field(default_factory=list)

    def recall(self) -> float | None:
        return self.caught / self.identifiers if self.identifiers else None

    def precision(self) -> float | None:
        return self.true_predicted / self.predicted if self.predicted else None

    def f2(self) -> float | None:
        p, r = self.precision(), self.recall()
        if p is None or r is None or p + r == 0:
            return None
        return 5 * p * r / (4 * p + r)

    def over(self) -> float | None:
        return self.over_redacted / self.content_words if self.content_words else None


def load(split: str) -> list[dict[str, object]]:
    """Read one split of the labelled messages."""
    lines = (DATA / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def covered(span: Span, predicted: Iterable[Span], text: str) -> bool:
    """Tell whether every character of ``span`` but spaces lies in a predicted span."""
    start, end = span
    return all(
        text[i].isspace() or any(s <= i < e for s, e in predicted) for i in range(start, end)
    )


def _words(text: str) -> list[Span]:
    return [
        (m.start(), m.end())
        for m in re.finditer(r"[^\W\d_]{3,}", text)
        if fold(m.group()) not in STOPWORDS
    ]


def score(messages: list[dict[str, object]], detect: Detector) -> dict[str, Tally]:
    """Run ``detect`` on every message; return tallies by "all", language and entity type."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for msg in messages:
        text, language = str(msg["text"]), str(msg["language"])
        gold = [(int(s["start"]), int(s["end"]), str(s["type"])) for s in msg["spans"]]  # type: ignore[attr-defined]
        started = time.perf_counter()
        found = detect(text, language)
        elapsed = (time.perf_counter() - started) * 1000
        predicted = [(s, e) for s, e, _ in found]
        slices = ["all", f"lang:{language}"]
        for key in slices:
            tallies[key].latencies_ms.append(elapsed)
        for start, end, kind in gold:
            caught = covered((start, end), predicted, text)
            for key in [*slices, f"type:{kind}"]:
                tallies[key].identifiers += 1
                tallies[key].caught += caught
        for start, end, kind in found:
            hit = any(start < ge and end > gs for gs, ge, _ in gold)
            for key in [*slices, f"type:{kind}"]:
                tallies[key].predicted += 1
                tallies[key].true_predicted += hit
        for ws, we in _words(text):
            if any(ws < ge and we > gs for gs, ge, _ in gold):
                continue
            removed = any(ws < e and we > s for s, e in predicted)
            for key in slices:
                tallies[key].content_words += 1
                tallies[key].over_redacted += removed
    return tallies


CLINICS = [
    (ROOT / "agent" / "demo" / "clinic.yaml", ROOT / "agent" / "demo" / "documents"),
    *(
        (DATASETS / name / "clinic.yaml", DATASETS / name / "documents")
        for name in ("dev_clinic", "dev_clinic_fr", "other_clinic")
    ),
]
"""The clinics whose phone numbers and addresses the hard-negative messages mention."""


def clinic_allow_list(guard: PhiRedactionGuard) -> frozenset[str]:
    """Build the allow-list as the server does: profile words plus what the documents name."""
    from agent.allow_list import ClinicAllowList, analyzer_values
    from agent.clinic import load_clinic_profile
    from guardrails.language import LanguageDetector

    find = analyzer_values(guard, LanguageDetector().detect)

    values: frozenset[str] = frozenset()
    for profile, documents in CLINICS:
        texts = [p.read_text(encoding="utf-8") for p in sorted(documents.glob("*.md"))]
        allow = ClinicAllowList(
            clinic=load_clinic_profile(profile),
            texts=functools.partial(list, texts),
            version=object,
            find=find,
        )
        values |= allow()
    return values


def frontdesk_detector() -> Detector:
    """Frontdesk's guard as the pipeline runs it: a fresh conversation, the clinics' allow-list."""
    from guardrails.base import GuardContext
    from guardrails.phi_redaction import PhiRedactionGuard

    guard = PhiRedactionGuard()
    allow_list = clinic_allow_list(guard)

    def detect(text: str, language: str) -> list[tuple[int, int, str]]:
        context = GuardContext(language=language, allow_list=allow_list)
        verdict = guard.redact(text, language, context)
        return [(f.start, f.end, f.type) for f in verdict.findings]

    return detect


def vanilla_detector() -> Detector:
    """Presidio as a new user sets it up: default recognizers, the same spaCy models."""
    import tldextract
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    from guardrails.phi_engine import SPACY_MODELS
    from guardrails.recognizers.email_offline import OFFLINE_TLD_EXTRACT

    # Only so that the run stays offline: the default email/URL recognizers would
    # download the public-suffix list. Recognition is unchanged.
    tldextract.extract = OFFLINE_TLD_EXTRACT  # type: ignore[assignment]
    engine = SpacyNlpEngine(
        models=[{"lang_code": lang, "model_name": SPACY_MODELS[lang]} for lang in LANGUAGES]
    )
    engine.load()
    registry = RecognizerRegistry(supported_languages=list(LANGUAGES))
    registry.load_predefined_recognizers(languages=list(LANGUAGES), nlp_engine=engine)
    analyzer = AnalyzerEngine(
        nlp_engine=engine, registry=registry, supported_languages=list(LANGUAGES)
    )

    def detect(text: str, language: str) -> list[tuple[int, int, str]]:
        return [(r.start, r.end, r.entity_type) for r in analyzer.analyze(text, language=language)]

    return detect


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def report(results: dict[str, dict[str, Tally]], console: Console, split: str) -> None:
    """Print the per-language and per-entity tables."""
    table = Table(title=f"PHI redaction, {split} split: per language")
    for column in ("detector", "language", "identifiers", "recall", "precision", "F2",
                   "over-redaction", "p50 ms", "p95 ms"):  # fmt: skip
        table.add_column(column)
    for name, tallies in results.items():
        for key in ["all", *(f"lang:{lang}" for lang in LANGUAGES)]:
            t = tallies[key]
            p50, p95 = (_percentile(t.latencies_ms, q) for q in (0.5, 0.95))
            table.add_row(
                name, key.removeprefix("lang:"), str(t.identifiers), _pct(t.recall()),
                _pct(t.precision()), _pct(t.f2()), _pct(t.over()), f"{p50:.1f}", f"{p95:.1f}",
            )  # fmt: skip
        table.add_section()
    console.print(table)
    by_type = Table(title=f"PHI redaction, {split} split: per entity type (recall / precision)")
    by_type.add_column("entity type")
    for name in results:
        by_type.add_column(f"{name} recall")
        by_type.add_column(f"{name} precision")
    kinds = sorted({k for t in results.values() for k in t if k.startswith("type:")})
    for kind in kinds:
        row = [kind.removeprefix("type:")]
        for tallies in results.values():
            t = tallies[kind]
            row += [f"{_pct(t.recall())} ({t.caught}/{t.identifiers})", _pct(t.precision())]
        by_type.add_row(*row)
    console.print(by_type)


SPLITS = (
    "test",
    "handwritten_test",
    "dev",
    "handwritten_dev",
    *(f"handwritten_dev{round_}" for round_ in range(2, 54)),
)
"""Generated (templates + Faker values) and hand-written messages; the *_test ones measure."""


def run(
    console: Console,
    split: str | tuple[str, ...] = ("test", "handwritten_test"),
    vanilla: bool = True,
) -> None:
    """Measure each split and print its tables (detectors are built once)."""
    detectors = {"frontdesk": frontdesk_detector()}
    if vanilla:
        detectors["vanilla presidio"] = vanilla_detector()
    for detect in detectors.values():
        detect("warm up", "en")
    for name in (split,) if isinstance(split, str) else split:
        messages = load(name)
        results = {label: score(messages, detect) for label, detect in detectors.items()}
        report(results, console, name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--split", action="append", choices=SPLITS, help="repeatable; default: both test sets"
    )
    parser.add_argument("--no-vanilla", action="store_true", help="skip vanilla Presidio")
    args = parser.parse_args()
    splits = tuple(args.split) if args.split else ("test", "handwritten_test")
    run(Console(width=160), splits, vanilla=not args.no_vanilla)


if __name__ == "__main__":
    main()

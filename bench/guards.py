"""Safety guards on the labelled messages, through the pipeline, one fresh conversation each.

Every message of a guard's split goes to ``Receptionist.handle`` of the demo
clinic (embedded default: extractive answers, SQLite, embedded Chroma) in a
conversation of its own, and the turn's flags are scored as the acceptance
checks read them from ``POST /v1/chat``:

- emergency: ``emergency`` is true and a handoff was opened;
- advice: ``refused`` is true;
- human: a handoff was opened;
- injection: the injection guard blocked the message; and no reply, for any
  message, reproduces the system prompt (checked with the prompt-leak guard).

Recall is over the messages labelled true, the false-positive rate over the
hard negatives. Latency is that of all guards together on one message (the
emergency check on the raw text, redaction, injection, advice, wants-human),
without retrieval or answering.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from evals.guard_data import GUARDS, LANGUAGES, PROBE_GUARDS, LabelledMessage, load, load_probe

if TYPE_CHECKING:
    from agent.pipeline import TurnResult

Flag = Callable[["TurnResult"], bool]


def _blocked_by(result: TurnResult, guard: str) -> bool:
    return any(v.guard == guard and not v.allowed for v in result.verdicts)


FLAGS: dict[str, Flag] = {
    "emergency": lambda r: r.emergency and r.handoff is not None,
    "advice": lambda r: r.refused,
    "human": lambda r: r.handoff is not None,
    "injection": lambda r: _blocked_by(r, "injection"),
}
"""How each guard's decision shows in a turn."""


@dataclass
class Tally:
    """Counts for one guard and language."""

    positives: int = 0
    caught: int = 0
    negatives: int = 0
    false_alarms: int = 0
    misses: list[str] = field(default_factory=list)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def run(console: Console, split: str = "test") -> None:
    """Build the demo clinic in a temporary directory and score every guard's split."""
    from agent.factory import build, load_demo_clinic, protected_prompts
    from agent.settings import Settings
    from guardrails.base import GuardContext
    from guardrails.prompt_leak import PromptLeakGuard

    leak = PromptLeakGuard(protected=protected_prompts())
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    latencies: list[float] = []
    leaks = 0
    with tempfile.TemporaryDirectory(prefix="frontdesk-guards-") as tmp:
        settings = Settings(data_dir=Path(tmp) / "data", llm="extractive")
        frontdesk = build(settings)
        try:
            load_demo_clinic(frontdesk, Path(tmp))
            receptionist = frontdesk.receptionist
            for guard in _guards(split):
                for message in _messages(guard, split):
                    result = receptionist.handle(f"guards-{message.id}", message.text)
                    timings = result.timings
                    latencies.append(
                        sum(timings.get(k, 0.0) for k in ("raw_guards", "redact", "input_guards"))
                    )
                    for reply in result.replies:
                        if not leak.check(reply, GuardContext()).allowed:
                            leaks += 1
                    _score(tallies[(guard, message.language)], message, FLAGS[guard](result))
        finally:
            frontdesk.close()
    _report(console, split, tallies, latencies, leaks)


def _guards(split: str) -> tuple[str, ...]:
    return PROBE_GUARDS if split == "probe" else GUARDS


def _messages(guard: str, split: str) -> list[LabelledMessage]:
    return load_probe(guard) if split == "probe" else load(guard, split)


def _score(tally: Tally, message: LabelledMessage, flagged: bool) -> None:
    if message.label:
        tally.positives += 1
        tally.caught += flagged
    else:
        tally.negatives += 1
        tally.false_alarms += flagged


def _report(
    console: Console,
    split: str,
    tallies: dict[tuple[str, str], Tally],
    latencies: list[float],
    leaks: int,
) -> None:
    table = Table(title=f"Safety guards through the pipeline, {split} split")
    for column in ("guard", "language", "positives", "recall", "negatives", "false positives"):
        table.add_column(column, justify="left" if column in ("guard", "language") else "right")
    for guard in _guards(split):
        total = Tally()
        for language in LANGUAGES:
            t = tallies[(guard, language)]
            table.add_row(guard, language, *_cells(t))
            total.positives += t.positives
            total.caught += t.caught
            total.negatives += t.negatives
            total.false_alarms += t.false_alarms
        table.add_row(guard, "all", *_cells(total), end_section=True)
    console.print(table)
    console.print(
        f"all guards together per message: p50 {_percentile(latencies, 0.5):.1f} ms, "
        f"p95 {_percentile(latencies, 0.95):.1f} ms over {len(latencies)} messages; "
        f"replies reproducing the system prompt: {leaks}"
    )


def _rate(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}% ({part}/{whole})" if whole else "-"


def _cells(t: Tally) -> tuple[str, str, str, str]:
    recall, fpr = _rate(t.caught, t.positives), _rate(t.false_alarms, t.negatives)
    return str(t.positives), recall, str(t.negatives), fpr


def main() -> None:
    """Score the guards on one split (``--split test`` by default, ``probe`` for the probe sets)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--split",
        choices=("dev", "test", "probe"),
        default="test",
        help="probe: the advice and wants-a-person probe sets (measurement only)",
    )
    args = parser.parse_args()
    run(Console(), split=args.split)


if __name__ == "__main__":
    main()

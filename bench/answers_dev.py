"""Answer accuracy on the development question sets, in process, with every miss shown.

Run from the repository root:

    .venv/bin/python -m bench.answers_dev [--set NAME] [--quiet]

where NAME is demo, valencia, geneva, brussels, aosta, nantes or toulouse (repeatable).

Each clinic is built on a scratch data directory from its Markdown sources
rendered to PDF (as an admin would upload them), every question goes through
``Receptionist.handle`` in a fresh conversation, and the reply is judged as
``make bench`` judges it (``evals.labelled.judge``). Only development sets are
listed here (see ``evals/datasets/README.md``); the measurement sets are run by
``python -m bench``. For every miss the content words the relevance gate knew
and did not know are printed, to see why a question was declined.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from evals.labelled import LabelledQuestion, document_stem, judge, load_questions

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "evals" / "datasets"
DEMO = ROOT / "agent" / "demo"

SETS: dict[str, tuple[Path, Path, list[Path]]] = {
    "demo": (
        DEMO / "clinic.yaml",
        DEMO / "documents",
        [DATASETS / "demo_clinic" / "dev.yaml", DATASETS / "demo_clinic" / "dev_extra.yaml"],
    ),
    "valencia": (
        DATASETS / "dev_clinic" / "clinic.yaml",
        DATASETS / "dev_clinic" / "documents",
        [DATASETS / "dev_clinic" / "questions.yaml"],
    ),
    "geneva": (
        DATASETS / "dev_clinic_fr" / "clinic.yaml",
        DATASETS / "dev_clinic_fr" / "documents",
        [DATASETS / "dev_clinic_fr" / "questions.yaml"],
    ),
    "brussels": (
        DATASETS / "dev_clinic_be" / "clinic.yaml",
        DATASETS / "dev_clinic_be" / "documents",
        [DATASETS / "dev_clinic_be" / "questions.yaml"],
    ),
    "aosta": (
        DATASETS / "dev_clinic_ao" / "clinic.yaml",
        DATASETS / "dev_clinic_ao" / "documents",
        [DATASETS / "dev_clinic_ao" / "questions.yaml"],
    ),
    "nantes": (
        DATASETS / "dev_clinic_na" / "clinic.yaml",
        DATASETS / "dev_clinic_na" / "documents",
        [DATASETS / "dev_clinic_na" / "questions.yaml"],
    ),
    "toulouse": (
        DATASETS / "dev_clinic_tl" / "clinic.yaml",
        DATASETS / "dev_clinic_tl" / "documents",
        [DATASETS / "dev_clinic_tl" / "questions.yaml"],
    ),
}


def run_set(
    name: str, workdir: Path, console: Console, *, quiet: bool
) -> tuple[int, int, int, int, int]:
    """Ask every question of one set.

    Returns (correct, total, answerable answered right, answerable, invented).
    """
    from agent.demo.pdf import build_pdf
    from agent.factory import build
    from agent.lexicon import search_query
    from agent.relevance import RelevanceGate
    from agent.settings import Settings

    profile, sources, files = SETS[name]
    data = workdir / name
    settings = Settings(data_dir=data, clinic=profile, _env_file=None)
    fd = build(settings)
    try:
        for md in sorted(sources.glob("*.md")):
            doc = fd.knowledge.add(
                build_pdf(md.read_text(encoding="utf-8")), f"{md.stem}.pdf", uploaded_by="dev"
            )
            fd.knowledge.approve(doc.id, by="dev")
        gate = RelevanceGate(vocabulary=fd.knowledge.vocabulary)
        stems = {d.id: document_stem(d.filename) for d in fd.knowledge.list()}
        questions: list[LabelledQuestion] = [q for f in files for q in load_questions(f)]
        correct = answerable_right = answerable = invented = 0
        for q in questions:
            result = fd.receptionist.handle(f"dev-{name}-{q.id}", q.question, channel="api")
            reply = "\n".join(result.replies)
            cited = [stems.get(c.document_id, "?") for c in result.citations]
            verdict = judge(q, reply, cited)
            correct += verdict.correct
            if q.answerable:
                answerable += 1
                answerable_right += verdict.correct
            else:
                invented += verdict.invented
            if not verdict.correct and not quiet:
                known, unknown = gate.split_terms(search_query(q.question))
                console.print(
                    f"[bold]{q.id}[/] {q.question!r}\n  {verdict.reason}\n"
                    f"  intent={result.intent} cited={cited} known={known} unknown={unknown}\n"
                    f"  reply={reply[:300]!r}"
                )
        return correct, len(questions), answerable_right, answerable, invented
    finally:
        fd.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set", action="append", choices=sorted(SETS), help="repeatable; default: all"
    )
    parser.add_argument("--quiet", action="store_true", help="print only the table")
    args = parser.parse_args()
    console = Console(width=160)
    table = Table("set", "correct", "answerable", "invented", "s")
    with tempfile.TemporaryDirectory(prefix="frontdesk-answers-dev-") as tmp:
        for name in args.set or list(SETS):
            started = time.perf_counter()
            correct, total, right, answerable, invented = run_set(
                name, Path(tmp), console, quiet=args.quiet
            )
            table.add_row(
                name,
                f"{100 * correct / total:.0f}% ({correct}/{total})",
                f"{100 * right / answerable:.0f}% ({right}/{answerable})",
                f"{invented} of {total - answerable}",
                f"{time.perf_counter() - started:.0f}",
            )
    console.print(table)


if __name__ == "__main__":
    main()

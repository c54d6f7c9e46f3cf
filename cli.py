"""The ``frontdesk`` command: serve, ingest documents, chat in the terminal, manage users."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from agent.clinic import ClinicProfileError
from agent.database import database_engine
from agent.errors import AgentError
from agent.observability import configure_logging
from agent.settings import Settings
from agent.users import UserDirectory, UserError
from knowledge.errors import KnowledgeError

if TYPE_CHECKING:
    from agent.factory import Frontdesk, Storage

app = typer.Typer(help="Frontdesk: a receptionist chatbot for clinics.", no_args_is_help=True)
users_app = typer.Typer(help="Manage staff accounts.", no_args_is_help=True)
app.add_typer(users_app, name="users")
eval_app = typer.Typer(
    help="Run evaluation suites and compare their reports.", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")
err = Console(stderr=True)


def _wide_console() -> Console:
    """Return a console for reports: the terminal's width, or 160 columns into a file or CI log."""
    return Console() if sys.stdout.isatty() else Console(width=160)


def _build() -> Frontdesk:
    from agent.factory import build

    try:
        return build(Settings())
    except ClinicProfileError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


def _storage() -> Storage:
    from agent.factory import build_storage

    try:
        return build_storage(Settings())
    except ClinicProfileError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Run the server; an empty data directory gets the demo clinic, approved."""
    import uvicorn

    configure_logging()
    uvicorn.run("server:main_app", factory=True, host=host, port=port, log_level="info")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="PDF, Markdown or text files.")],
    approve: Annotated[bool, typer.Option("--approve", help="Approve each document.")] = False,
    by: Annotated[str, typer.Option(help="Who is adding these documents.")] = "cli",
) -> None:
    """Add documents to the knowledge base (pending unless --approve)."""
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        err.print(f"[red]error:[/red] no such file: {', '.join(missing)}")
        raise typer.Exit(2)
    fd = _storage()
    failed = 0
    try:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeElapsedColumn(),
            console=err,
        ) as progress:
            task = progress.add_task("ingesting", total=len(paths))
            for path in paths:
                progress.update(task, description=path.name)
                try:
                    doc = fd.knowledge.add(path.read_bytes(), path.name, uploaded_by=by)
                    if approve:
                        doc = fd.knowledge.approve(doc.id, by=by)
                    progress.console.print(
                        f"{doc.status.value:9} v{doc.version} {doc.id}  {doc.title} "
                        f"({doc.pages} pages, {doc.chunks} chunks)"
                    )
                except KnowledgeError as exc:
                    failed += 1
                    progress.console.print(f"[red]refused[/red]  {path}: {exc}")
                progress.advance(task)
    finally:
        fd.close()
    if failed:
        raise typer.Exit(1)


@app.command()
def chat() -> None:
    """Talk to the bot in the terminal, as a patient would (Ctrl-D to quit)."""
    fd = _build()
    conversation = f"cli-{uuid.uuid4().hex[:12]}"
    out = Console()
    out.print(f"[bold]{fd.clinic.name}[/bold] — type a message, Ctrl-D to quit.")
    try:
        while True:
            try:
                text = input("> ") if sys.stdin.isatty() else sys.stdin.readline()
            except EOFError:
                break
            if not sys.stdin.isatty() and text == "":
                break
            text = text.strip()
            if not text:
                continue
            try:
                result = fd.receptionist.handle(conversation, text, channel="cli")
            except AgentError as exc:
                out.print(f"[red]{exc}[/red]")
                continue
            for reply in result.replies:
                out.print(reply, highlight=False)
            out.print()
    finally:
        fd.close()


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="The person's name (one account per person).")],
    role: Annotated[str, typer.Option(help="admin, agent or qa.")],
) -> None:
    """Create a staff account; the last line printed is its API token."""
    settings = Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = database_engine(settings.resolved_database_url)
    try:
        user, token = UserDirectory(engine=engine).add(name, role)
        from agent.audit import AuditLog

        AuditLog(engine=engine).record("cli", "user.add", f"user:{user.id}")
    except UserError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    finally:
        engine.dispose()
    print(f"created {user.role.value} {user.name!r} ({user.id}); its token, shown only once:")
    print(token)


@users_app.command("revoke")
def users_revoke(name: Annotated[str, typer.Argument(help="The account to deactivate.")]) -> None:
    """Deactivate an account: its token and its page sessions stop working at once."""
    from agent.audit import AuditLog
    from agent.sessions import SessionStore

    settings = Settings()
    engine = database_engine(settings.resolved_database_url)
    try:
        user = UserDirectory(engine=engine).revoke(name)
        ended = SessionStore(engine=engine).close_all(user.id)
        AuditLog(engine=engine).record("cli", "user.revoke", f"user:{user.id}")
    except UserError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    finally:
        engine.dispose()
    print(f"revoked {user.role.value} {user.name!r} ({user.id}); {ended} session(s) ended")


@users_app.command("list")
def users_list() -> None:
    """List staff accounts: name, role, whether active."""
    settings = Settings()
    engine = database_engine(settings.resolved_database_url)
    try:
        accounts = UserDirectory(engine=engine).list()
    finally:
        engine.dispose()
    for user, active in accounts:
        print(f"{user.name}\t{user.role.value}\t{'active' if active else 'revoked'}\t{user.id}")


@app.command()
def purge(
    days: Annotated[
        int | None,
        typer.Option(min=1, help="Idle days to keep (default FRONTDESK_RETENTION_DAYS)."),
    ] = None,
) -> None:
    """Apply the retention policy now: delete conversations idle longer than the period."""
    from agent.audit import AuditLog
    from agent.retention import Retention, record_purge

    settings = Settings()
    engine = database_engine(settings.resolved_database_url)
    try:
        purged = Retention(engine=engine).purge(days=days or settings.retention_days)
        record_purge(AuditLog(engine=engine), purged, actor="cli")
    finally:
        engine.dispose()
    print(
        f"purged {purged.conversations} conversation(s) idle since "
        f"{purged.cutoff:%Y-%m-%d %H:%M} UTC ({purged.rows} rows); "
        f"kept {purged.kept_open} with an open handoff"
    )


@app.command()
def erase(
    conversation_id: Annotated[str, typer.Argument(help="The conversation to erase.")],
    by: Annotated[str, typer.Option(help="Who asked for the erasure (for the audit log).")] = "cli",
) -> None:
    """Erase one patient's conversation from every store (transcript, handoffs, WhatsApp)."""
    from agent.audit import AuditLog
    from agent.observability import conversation_hash
    from agent.retention import Retention

    settings = Settings()
    engine = database_engine(settings.resolved_database_url)
    try:
        erased = Retention(engine=engine).erase(conversation_id)
        if not erased.found:
            err.print(f"[red]error:[/red] no conversation with id {conversation_id!r}")
            raise typer.Exit(1)
        AuditLog(engine=engine).record(
            by, "conversation.erase", f"conversation:{conversation_hash(conversation_id)}"
        )
    finally:
        engine.dispose()
    print(f"erased {sum(erased.rows.values())} rows of the conversation")


@eval_app.command("run")
def eval_run(
    suites: Annotated[list[Path], typer.Argument(help="Suite files or folders of *.yaml suites.")],
    report: Annotated[
        Path | None, typer.Option(help="Folder for report.json, junit.xml and report.html.")
    ] = None,
    min_pass: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Pass rate needed for exit status 0.")
    ] = 1.0,
    url: Annotated[
        str | None, typer.Option(help="Run against this live server instead of in-process.")
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="FRONTDESK_QA_TOKEN",
            help="QA token for --url (agent/admin tokens also let transcripts be inspected).",
        ),
    ] = None,
    jobs: Annotated[int, typer.Option(min=1, help="Conversations run at once.")] = 1,
    price_prompt: Annotated[
        float | None, typer.Option(help="USD per million prompt tokens, to estimate cost.")
    ] = None,
    price_completion: Annotated[
        float | None, typer.Option(help="USD per million completion tokens.")
    ] = None,
) -> None:
    """Run eval suites; exit 0 if the pass rate reaches --min-pass, 1 if not, 2 if invalid."""
    from evals.cli import run_suites

    raise typer.Exit(
        run_suites(
            suites,
            report=report,
            min_pass=min_pass,
            url=url,
            token=token,
            jobs=jobs,
            price=(price_prompt or 0.0, price_completion or 0.0)
            if price_prompt is not None or price_completion is not None
            else None,
            console=_wide_console(),
            err=err,
        )
    )


@eval_app.command("compare")
def eval_compare(
    old: Annotated[Path, typer.Argument(help="Earlier report folder (or its report.json).")],
    new: Annotated[Path, typer.Argument(help="Later report folder (or its report.json).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the comparison as JSON.")] = False,
) -> None:
    """List what regressed and what got fixed between two runs; exit 1 on any regression."""
    from evals.cli import compare_reports

    raise typer.Exit(compare_reports(old, new, as_json=as_json, console=_wide_console(), err=err))


if __name__ == "__main__":
    app()

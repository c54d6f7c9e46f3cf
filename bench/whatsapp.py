"""The WhatsApp channel under load: webhook acknowledgement, drain, webhook-to-reply latency.

A real ``frontdesk serve`` process on a fresh data directory (the demo clinic,
extractive answers) talks to a fake Graph API in this process
(``tests/fakes/graph_api.py``), all over real HTTP on loopback. Each patient
is a distinct WhatsApp id, so the per-patient pace (6 s, the real default)
never holds one patient back for another.

1. Acknowledgement under load: an open-loop generator schedules one signed
   text-message update every 5 ms (200/s) for 10 s, whatever the answers, and
   measures each latency from the *scheduled* send time to the response, so
   queueing in the client or the server is counted, not hidden.
2. Drain: how long until every one of those messages has its reply accepted
   by the fake Graph API, and whether each patient got exactly one.
3. Webhook to reply: with the server idle, 40 administrative questions (it,
   fr, en, es) at about 2/s; the time from sending the webhook POST to the
   fake receiving the reply. It runs after the drain and outlasts the pace, so
   a late second reply to a load patient is counted as a duplicate.

On 2 cores the part takes about 5–6 minutes: the drain is bound by the
pipeline (about 8 messages a second), not by the channel.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table

from bench.serving import Server
from tests.fakes.graph_api import FakeGraphApi
from tests.fakes.whatsapp import (
    ACCESS_TOKEN,
    PHONE_NUMBER_ID,
    new_wa_id,
    serve_env,
    signed,
    text_update,
)

HOOK = "/webhooks/whatsapp"
RATE_PER_S = 200
LOAD_S = 10.0
IDLE_INTERVAL_S = 0.5
CONNECTIONS = 64
PACE_S = 6.0
ACK_P99_TARGET_MS = 20.0
DRAIN_TIMEOUT_S = 900.0

QUESTIONS: list[tuple[str, str]] = [
    ("it", "A che ora aprite il sabato?"),
    ("it", "Qual è l'orario di apertura durante la settimana?"),
    ("it", "Dove si trova la vostra sede?"),
    ("it", "Come posso pagare la visita?"),
    ("it", "Accettate il bancomat o la carta di credito?"),
    ("it", "Come faccio a ritirare i referti?"),
    ("it", "I referti si possono scaricare online?"),
    ("it", "Come prenoto un esame del sangue?"),
    ("it", "Serve l'impegnativa del medico per prenotare?"),
    ("it", "C'è un parcheggio vicino alla clinica?"),
    ("fr", "Quels sont vos horaires d'ouverture ?"),
    ("fr", "Êtes-vous ouverts le samedi matin ?"),
    ("fr", "Où se trouve la clinique ?"),
    ("fr", "Comment puis-je payer ma consultation ?"),
    ("fr", "Acceptez-vous la carte bancaire ?"),
    ("fr", "Comment obtenir mes résultats d'analyses ?"),
    ("fr", "Puis-je consulter mes résultats en ligne ?"),
    ("fr", "Comment prendre rendez-vous pour une prise de sang ?"),
    ("fr", "Faut-il une ordonnance pour prendre rendez-vous ?"),
    ("fr", "Parlez-vous anglais à l'accueil ?"),
    ("en", "What are your opening hours?"),
    ("en", "Are you open on Saturday?"),
    ("en", "Where is the clinic located?"),
    ("en", "How can I pay for my visit?"),
    ("en", "Do you accept credit cards?"),
    ("en", "How do I get my test results?"),
    ("en", "Can I download my results online?"),
    ("en", "How do I book a blood test?"),
    ("en", "Do I need to fast before a blood test?"),
    ("en", "Is there parking near the clinic?"),
    ("es", "¿Cuál es el horario de apertura?"),
    ("es", "¿Abren los sábados?"),
    ("es", "¿Dónde está la clínica?"),
    ("es", "¿Cómo puedo pagar la consulta?"),
    ("es", "¿Aceptan tarjeta de crédito?"),
    ("es", "¿Cómo consigo mis resultados?"),
    ("es", "¿Puedo ver mis resultados por internet?"),
    ("es", "¿Cómo pido cita para un análisis de sangre?"),
    ("es", "¿Necesito una receta médica para pedir cita?"),
    ("es", "¿Hablan inglés en la recepción?"),
]
"""Administrative questions patients send, ten per language."""


@dataclass
class Load:
    """The open-loop phase: who wrote, what the webhook answered and how fast."""

    patients: list[str]
    latencies_ms: list[float] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)  # "200", another status, or an error name
    first_sent: float = 0.0
    last_answered: float = 0.0
    elapsed_s: float = 0.0

    def acknowledged(self) -> list[str]:
        """Return the patients whose update was answered 200 (stored, to be answered)."""
        return [
            p for p, outcome in zip(self.patients, self.outcomes, strict=True) if outcome == "200"
        ]

    def failures(self) -> Counter[str]:
        """Return how often each answer other than 200 came back."""
        return Counter(outcome for outcome in self.outcomes if outcome != "200")


@dataclass
class Drain:
    """How the inbox worker and sender caught up with the load."""

    after_load_s: float | None
    messages_per_s: float
    duplicates: int = 0
    missing: int = 0


def percentile(values: list[float], q: float) -> float:
    """Return the nearest-rank ``q`` percentile (0..100) of ``values``."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def _server_env(graph: FakeGraphApi) -> dict[str, str]:
    return {"FRONTDESK_LLM": "extractive", **serve_env(graph.base_url, pace_s=str(PACE_S))}


def _replies_by_patient(graph: FakeGraphApi) -> dict[str, list[dict[str, Any]]]:
    """Group the accepted messages (not read receipts) by the ``to`` field."""
    found: dict[str, list[dict[str, Any]]] = {}
    for request in graph.messages():
        to = request["body"].get("to")
        if to is not None:
            found.setdefault(str(to), []).append(request)
    return found


def _wait_for_replies(graph: FakeGraphApi, patients: list[str], timeout_s: float) -> bool:
    """Poll until every patient has at least one reply; False if ``timeout_s`` ran out."""
    wanted = set(patients)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if wanted <= _replies_by_patient(graph).keys():
            return True
        time.sleep(0.1)
    return False


def warm_up(server: Server, graph: FakeGraphApi) -> None:
    """Send one question per language and wait for the replies (first calls load lazily)."""
    patients = []
    with httpx.Client(base_url=server.url, timeout=30) as http:
        for language in ("it", "fr", "en", "es"):
            text = next(q for lang, q in QUESTIONS if lang == language)
            patient = new_wa_id()
            raw, headers = signed(text_update(text, wa_id=patient))
            http.post(HOOK, content=raw, headers=headers).raise_for_status()
            patients.append(patient)
    if not _wait_for_replies(graph, patients, 120):
        raise RuntimeError("the WhatsApp channel did not answer the warm-up messages")


def _open_loop(url: str, bodies: list[tuple[bytes, dict[str, str]]], load: Load) -> None:
    """Send ``bodies[i]`` at ``start + i / RATE_PER_S`` whatever the earlier answers were.

    A dispatcher sleeps until each scheduled time and hands the request to a pool
    of threads sharing one connection pool, so a slow answer never delays the
    next send; latency runs from the scheduled time, so queueing is counted.
    """
    interval = 1.0 / RATE_PER_S
    latencies = [0.0] * len(bodies)
    outcomes = [""] * len(bodies)
    limits = httpx.Limits(max_connections=CONNECTIONS, max_keepalive_connections=CONNECTIONS)
    with (
        httpx.Client(base_url=url, limits=limits, timeout=60) as http,
        ThreadPoolExecutor(CONNECTIONS, thread_name_prefix="load") as pool,
    ):

        def send(i: int, scheduled: float) -> None:
            raw, headers = bodies[i]
            try:
                outcomes[i] = str(http.post(HOOK, content=raw, headers=headers).status_code)
            except httpx.HTTPError as exc:
                outcomes[i] = type(exc).__name__
            latencies[i] = (time.perf_counter() - scheduled) * 1000

        # Start the threads and open connections first: neither is the server's cost.
        list(pool.map(lambda _: http.get("/healthz"), range(CONNECTIONS)))
        start = time.perf_counter() + 0.2
        load.first_sent = time.time() + 0.2
        for i in range(len(bodies)):
            scheduled = start + i * interval
            time.sleep(max(0.0, scheduled - time.perf_counter()))
            pool.submit(send, i, scheduled)
        pool.shutdown(wait=True)
        load.elapsed_s = time.perf_counter() - start
        load.last_answered = time.time()
    load.latencies_ms = latencies
    load.outcomes = outcomes


def load_test(server: Server) -> Load:
    """Offer ``RATE_PER_S`` signed updates a second for ``LOAD_S``, each from a new patient."""
    count = int(RATE_PER_S * LOAD_S)
    load = Load(patients=[new_wa_id() for _ in range(count)])
    # Bodies are built and signed beforehand so the generator only sends.
    bodies = [
        signed(text_update(QUESTIONS[i % len(QUESTIONS)][1], wa_id=patient))
        for i, patient in enumerate(load.patients)
    ]
    _open_loop(server.url, bodies, load)
    return load


def drain(graph: FakeGraphApi, load: Load) -> Drain:
    """Wait until every acknowledged update has its reply; time it from the end of the load."""
    patients = load.acknowledged()
    done = _wait_for_replies(graph, patients, DRAIN_TIMEOUT_S)
    replies = _replies_by_patient(graph)
    times = [r["received_at"] for p in patients for r in replies.get(p, [])]
    last = max(times) if times else load.last_answered
    answered = sum(1 for p in patients if p in replies)
    span = last - load.first_sent
    return Drain(
        after_load_s=max(0.0, last - load.last_answered) if done else None,
        messages_per_s=answered / span if span > 0 else 0.0,
    )


def count_replies(graph: FakeGraphApi, load: Load, result: Drain) -> None:
    """Fill in duplicate replies (any load patient) and missing ones (acknowledged updates)."""
    replies = _replies_by_patient(graph)
    counts = Counter({p: len(replies.get(p, [])) for p in load.patients})
    acknowledged = set(load.acknowledged())
    result.duplicates = sum(n - 1 for n in counts.values() if n > 1)
    result.missing = sum(1 for p, n in counts.items() if n == 0 and p in acknowledged)


def idle_latency(server: Server, graph: FakeGraphApi) -> tuple[list[float], int]:
    """Send each question from a new patient at about 2/s; return latencies (ms) and misses."""
    sent: dict[str, float] = {}
    with httpx.Client(base_url=server.url, timeout=30) as http:
        start = time.monotonic()
        for i, (_, text) in enumerate(QUESTIONS):
            time.sleep(max(0.0, start + i * IDLE_INTERVAL_S - time.monotonic()))
            patient = new_wa_id()
            raw, headers = signed(text_update(text, wa_id=patient))
            sent[patient] = time.time()
            http.post(HOOK, content=raw, headers=headers).raise_for_status()
    _wait_for_replies(graph, list(sent), 60)
    replies = _replies_by_patient(graph)
    latencies = [
        (min(r["received_at"] for r in replies[p]) - at) * 1000
        for p, at in sent.items()
        if p in replies
    ]
    return latencies, len(sent) - len(latencies)


def _failures(load: Load) -> str:
    failures = load.failures()
    kinds = ", ".join(f"{kind} ×{n}" for kind, n in failures.most_common())
    return f"{failures.total()} ({kinds})" if failures else "0"


def _met(ok: bool) -> str:
    return "[green]yes[/green]" if ok else "[red]no[/red]"


def report(
    console: Console,
    load: Load,
    result: Drain,
    idle: list[float],
    idle_missing: int,
    startup_s: float,
) -> None:
    """Print one table: a row per measurement, with the issue's target where it sets one."""
    acks = load.latencies_ms
    p99 = percentile(acks, 99)
    answered = f"{len(acks) / load.elapsed_s:.0f}/s" if load.elapsed_s else "-"
    after = "not done" if result.after_load_s is None else f"{result.after_load_s:.1f} s"
    sections: list[list[tuple[str, str, str, str]]] = [
        [("serve → healthy (loads models)", f"{startup_s:.1f} s", "-", "")],
        [
            (f"webhook: {len(acks)} updates offered at {RATE_PER_S}/s, answered at", answered,
             "-", ""),
            ("ack latency p50 (from scheduled send)", f"{percentile(acks, 50):.1f} ms", "-", ""),
            ("ack latency p99", f"{p99:.1f} ms", f"≤ {ACK_P99_TARGET_MS:.0f} ms",
             _met(p99 <= ACK_P99_TARGET_MS)),
            ("ack latency max", f"{max(acks):.1f} ms", "-", ""),
            ("non-200 answers", _failures(load), "-", ""),
        ],
        [
            ("drain: last reply accepted, after the load ended", after, "-", ""),
            ("drain: worker throughput (first update → last reply)",
             f"{result.messages_per_s:.1f} msg/s", "-", ""),
            ("drain: duplicate replies", str(result.duplicates), "0", _met(not result.duplicates)),
            ("drain: patients without a reply", str(result.missing), "0",
             _met(not result.missing)),
        ],
        [
            (f"idle: webhook → reply at Graph API p50 ({len(idle)} questions, it/fr/en/es)",
             f"{percentile(idle, 50):.0f} ms", "-", ""),
            ("idle: webhook → reply at Graph API p95", f"{percentile(idle, 95):.0f} ms", "-", ""),
            ("idle: questions without a reply", str(idle_missing), "-", ""),
        ],
    ]  # fmt: skip
    table = Table(title="WhatsApp channel: frontdesk serve + fake Graph API on loopback (2 cores)")
    for column in ("measurement", "result", "target", "met"):
        table.add_column(column, justify="left" if column == "measurement" else "right")
    for rows in sections:
        for i, row in enumerate(rows):
            table.add_row(*row, end_section=i == len(rows) - 1)
    console.print(table)


def run(console: Console) -> None:
    """Start the server and the fake Graph API, measure the three phases, print the table."""
    with (
        tempfile.TemporaryDirectory(prefix="frontdesk-bench-whatsapp-") as tmp,
        FakeGraphApi(access_token=ACCESS_TOKEN, phone_number_id=PHONE_NUMBER_ID) as graph,
    ):
        console.print("whatsapp: starting frontdesk serve …")
        with Server(Path(tmp) / "data", timeout_s=240, **_server_env(graph)) as server:
            warm_up(server, graph)
            console.print(f"whatsapp: {RATE_PER_S}/s for {LOAD_S:.0f} s …")
            load = load_test(server)
            result = drain(graph, load)
            # The idle phase runs after the drain and lasts longer than the pace, so a
            # second (paced) reply to a load patient would have arrived by the count.
            console.print("whatsapp: webhook → reply, one question at a time …")
            idle, idle_missing = idle_latency(server, graph)
            count_replies(graph, load, result)
            startup_s = server.startup_s
    report(console, load, result, idle, idle_missing, startup_s)


if __name__ == "__main__":
    run(Console(width=160))

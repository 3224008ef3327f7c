"""Retrieval quality of Kabar's fusion against BM25, dense, naive RRF and the LangChain tutorial.

One run, one store of the FacQA passages, both dev sets (Indonesian facqa/dev.jsonl and the
English devsets/facqa-en-dev.jsonl), then search latency for k=5 on a store with the FacQA and
IDK-MRC articles. Writes docs/retrieval.md, docs/retrieval.png and benchmarks/results/retrieval.json.

    python benchmarks/retrieval.py [--store DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import ROOT, require_data, write_result  # noqa: E402

EN_DEV = ROOT / "devsets" / "facqa-en-dev.jsonl"
FIRST_STAGE = "kabar, first stage"
DEFAULT = "kabar + rerank"  # the default: the second stage (qa/rerank.py) on the first
METRICS = ("R@1", "R@5", "R@20", "MRR@10", "nDCG@10")


def langchain_tutorial(articles_path: Path, model_path: str, tmp: Path):
    """The pipeline the LangChain RAG tutorial builds: 1000/200 character splits,
    HuggingFaceEmbeddings of the same model (no e5 prefixes, as the tutorial has none),
    Chroma.similarity_search."""

    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_huggingface import HuggingFaceEmbeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    docs = []
    for line in articles_path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        docs.append(Document(page_content=row["text"], metadata={"article_id": row["doc_id"]}))
    splits = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(docs)
    embeddings = HuggingFaceEmbeddings(model_name=model_path,
                                       encode_kwargs={"normalize_embeddings": True})
    store = Chroma(collection_name="tutorial", embedding_function=embeddings,
                   persist_directory=str(tmp / "tutorial"))
    for i in range(0, len(splits), 1000):
        store.add_documents(splits[i:i + 1000])
    return store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="reuse a store already holding the FacQA articles")
    parser.add_argument("--latency-store", help="reuse a store holding FacQA + IDK-MRC")
    parser.add_argument("--limit", type=int, help="only the first N questions of each set")
    args = parser.parse_args()
    facqa_articles, facqa_dev, idkmrc_articles = require_data(
        "facqa/articles.jsonl", "facqa/dev.jsonl", "idkmrc/articles.jsonl")

    from ingest.pipeline import Ingestor
    from qa.assistant import Assistant
    from qa.documents import Passage
    from qa.embeddings import default_model_path, load_embedding_model
    from qa.evaluate import DEPTH, evaluate, load_questions
    from qa.fusion import Fusion
    from qa.settings import Settings

    sets = {"Indonesian (facqa/dev)": load_questions(facqa_dev),
            "English (devsets/facqa-en-dev)": load_questions(EN_DEV)}
    if args.limit:
        sets = {k: v[:args.limit] for k, v in sets.items()}
    base = Settings.from_env()
    model = load_embedding_model(base.model, cache_dir=base.cache_dir)
    tmp = Path(tempfile.mkdtemp(prefix="kabar-bench-"))
    store_dir = Path(args.store) if args.store else tmp / "facqa"
    settings = Settings.from_env(store=store_dir, collection="kabar")
    if not args.store:
        Ingestor(settings, model=model).ingest([str(facqa_articles)], progress=False)
    kb = Assistant(settings=settings)

    results: dict[str, dict[str, dict]] = {}
    methods = [(f.value, f, False) for f in (Fusion.LEXICAL, Fusion.DENSE, Fusion.RRF)]
    methods += [(FIRST_STAGE, Fusion.KABAR, False), (DEFAULT, Fusion.KABAR, True)]
    for method, fusion, rerank in methods:
        for name, questions in sets.items():
            r = evaluate(lambda q: kb.search(q, k=DEPTH, fusion=fusion, rerank=rerank),
                         questions, progress=False)
            results.setdefault(method, {})[name] = {"all": r["all"],
                                                    "latency_ms": r["latency_ms"]}
            print(f"{method:24} {name:32} {r['all']}", flush=True)
    # Kabar as it works on a machine without the English-Indonesian dictionary.
    lexicon, kb.reader.lexicon = kb.reader.lexicon, None
    for name, questions in sets.items():
        r = evaluate(lambda q: kb.search(q, k=DEPTH), questions, progress=False)
        results.setdefault("kabar-no-dictionary", {})[name] = {"all": r["all"],
                                                              "latency_ms": r["latency_ms"]}
        print(f"no-dict  {name:32} {r['all']}", flush=True)
    kb.reader.lexicon = lexicon

    tutorial = langchain_tutorial(facqa_articles, str(default_model_path(base.cache_dir)), tmp)
    seen: dict[str, list[Passage]] = {}

    def search(q: str) -> list[Passage]:
        if q not in seen:
            seen[q] = [Passage(article_id=d.metadata["article_id"], chunk_id="", title="",
                               text=d.page_content, score=0.0)
                       for d in tutorial.similarity_search(q, k=DEPTH)]
        return seen[q]

    for name, questions in sets.items():
        r = evaluate(search, questions, progress=False)
        # The tutorial retrieves k=4: its R@5 is a hit in the first 4, R@20 does not exist.
        tuto4 = evaluate(lambda q: search(q)[:4], questions, progress=False)["all"]
        r["all"]["R@5"] = tuto4["R@5"]
        r["all"]["R@20"] = None
        results.setdefault("langchain-tutorial", {})[name] = {"all": r["all"],
                                                             "latency_ms": r["latency_ms"]}
        print(f"tutorial {name:32} {r['all']}", flush=True)

    # Latency on the larger store (FacQA + IDK-MRC), k=5, model loaded, after a warm-up.
    lat_dir = Path(args.latency_store) if args.latency_store else tmp / "both"
    lat_settings = Settings.from_env(store=lat_dir, collection="kabar")
    if not args.latency_store:
        Ingestor(lat_settings, model=model).ingest([str(facqa_articles), str(idkmrc_articles)],
                                                   progress=False)
    big = Assistant(settings=lat_settings)
    chunks = big.store.collection.count()
    questions = [q.question for qs in sets.values() for q in qs][:400]
    for q in questions[:10]:
        big.search(q, k=5)
    # Both stages' costs in one run, question by question in turn, so load hits both alike.
    timings: dict[bool, list[float]] = {False: [], True: []}
    for q in questions:
        for rerank in (False, True):
            t0 = time.perf_counter()
            big.search(q, k=5, rerank=rerank)
            timings[rerank].append((time.perf_counter() - t0) * 1000)
    latency = {"chunks": chunks, "queries": len(questions), **{
        label: {"p50_ms": round(float(np.percentile(timings[rerank], 50)), 1),
                "p95_ms": round(float(np.percentile(timings[rerank], 95)), 1)}
        for label, rerank in ((FIRST_STAGE, False), (DEFAULT, True))}}
    print("latency", latency)

    path = write_result("retrieval", {"results": results, "latency_k5": latency})
    write_report(results, latency)
    print(f"wrote {path}, docs/retrieval.md, docs/retrieval.png")
    return 0


def cross_validated_section() -> list[str]:
    """The second stage's out-of-sample figures, from benchmarks/tune_rerank.py's last run."""
    path = ROOT / "benchmarks" / "results" / "tune_rerank.json"
    if not path.is_file():
        return ["## Out of sample", "", "Run `python benchmarks/tune_rerank.py` for the "
                "cross-validated figures.", ""]
    tuned = json.loads(path.read_text(encoding="utf-8"))
    names = {"id": "Indonesian (facqa/dev)", "en": "English (facqa-en-dev)"}
    lines = ["## Out of sample", "",
             "`kabar + rerank` above is **in-sample**: qa/rerank.json was fitted on all of these "
             "questions. Its out-of-sample figures, from `python benchmarks/tune_rerank.py` "
             f"(5-fold cross-validation grouped by article across both sets, the L2 strength "
             f"chosen inside each training fold; top {tuned['depth']} candidates re-read; "
             "the FacQA-only store):", "",
             "| questions | method | R@1 | R@5 | MRR@10 |", "|---|---|---|---|---|"]
    for block in ("facqa", "natural"):
        by_method = tuned.get(block, {})
        sets = sorted({s for per_set in by_method.values() for s in per_set})
        for name in sets:
            for method, per_set in by_method.items():
                m = per_set[name]
                lines.append(f"| {names.get(name, name)} ({m['n']}) | {method} | "
                             f"{m['R@1']:.4f} | {m['R@5']:.4f} | {m['MRR@10']:.4f} |")
    lines += ["", "The natural rows are first turns of `devsets/natural` with a gold sentence, "
              "asked of the 6.4k-chunk store of benchmarks/natural.py (its articles among "
              "FacQA and IDK-MRC); gold is a chunk that holds a gold sentence, and the model "
              "was never fitted on them.", ""]
    return lines


def write_report(results: dict, latency: dict) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    docs = ROOT / "docs"
    docs.mkdir(exist_ok=True)
    names = list(next(iter(results.values())).keys())
    lines = ["# Retrieval quality", "",
             "Generated by `python benchmarks/retrieval.py` (one run, same store, same model). "
             "Gold = the question's `doc_id`; several chunks of one article count once.", ""]
    for name in names:
        lines += [f"## {name}", "", "| method | " + " | ".join(METRICS) + " | p50 ms |",
                  "|---" * (len(METRICS) + 2) + "|"]
        for method, per_set in results.items():
            m = per_set[name]["all"]
            cells = ["-" if m[k] is None else f"{m[k]:.3f}" for k in METRICS]
            lines.append(f"| {method} | " + " | ".join(cells)
                         + f" | {per_set[name]['latency_ms']['p50']:.1f} |")
        lines.append("")
    lines += cross_validated_section()
    lines += ["## Latency", "",
              f"k=5, {latency['chunks']} chunks (FacQA + IDK-MRC), {latency['queries']} "
              "questions, model loaded, query embedding included, both in one run:", "",
              "| method | p50 ms | p95 ms |", "|---|---|---|"]
    lines += [f"| {label} | {latency[label]['p50_ms']} | {latency[label]['p95_ms']} |"
              for label in (FIRST_STAGE, DEFAULT)]
    lines += ["",
              "`langchain-tutorial`: RecursiveCharacterTextSplitter(1000, 200), "
              "HuggingFaceEmbeddings of the same model without e5's query:/passage: prefixes "
              "(the tutorial has none), Chroma.similarity_search; its R@5 is measured at the "
              "tutorial's k=4.", "",
              "`lexical`, `rrf` and `kabar` search an English question's Indonesian glosses "
              "too (FreeDict's English-Indonesian dictionary, `qa/lexicon.py`); "
              "`kabar-no-dictionary` is Kabar on a machine without that dictionary.", "",
              "![retrieval](retrieval.png)", ""]
    lines += (ROOT / "benchmarks" / "retrieval-notes.md").read_text().splitlines()
    (docs / "retrieval.md").write_text("\n".join(lines) + "\n")

    fig, axes = plt.subplots(1, len(names), figsize=(6 * len(names), 4), sharey=True)
    for ax, name in zip(np.atleast_1d(axes), names):
        methods = list(results)
        r5 = [results[m][name]["all"]["R@5"] for m in methods]
        mrr = [results[m][name]["all"]["MRR@10"] for m in methods]
        x = np.arange(len(methods))
        ax.bar(x - 0.2, r5, 0.4, label="R@5")
        ax.bar(x + 0.2, mrr, 0.4, label="MRR@10")
        ax.set_xticks(x, methods, rotation=20)
        ax.set_title(name)
        ax.set_ylim(0, 1)
        ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(docs / "retrieval.png", dpi=110)


if __name__ == "__main__":
    sys.exit(main())

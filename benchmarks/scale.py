"""Kabar at archive scale: search, filtered search, memory, lexical updates, open and ask at 100k and
300k chunks, against the real store they are copied from.

    python benchmarks/scale.py --source STORE [--collection NAME] [--work /tmp/scale]
                               [--sizes 100000 300000] [--queries 40] [--baseline-code DIR]

STORE is a real embedded store (read only; it is copied first). Each synthetic store repeats its
chunks, with their real vectors, in Kabar's schema (qa/records.py chunk_row): distinct article and
chunk ids, each copy of an article published on its own day spread over 10 years. Every size is
measured in a fresh process (so peak RSS is its own): open with a saved index to the first answer,
warm `search` p50/p95 (query embedding included), filtered search p50 at 1/10/50% of the chunks
(a `published` range) and its top-5 overlap with an exact scoring of every chunk the filter
selects, `ask` p50, and the seconds until 20 articles ingested by another process (`kabar ingest`)
are found by their words, and until they are gone after `kabar delete`. `--baseline-code DIR` runs
the same measurements with the code in DIR (e.g. `git archive HEAD | tar -x -C DIR`), so the
figures compare within one run. Writes benchmarks/results/scale.json, docs/scale.md, docs/scale.png.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import DATA, RESULTS, ROOT, peak_rss_mb, write_result  # noqa: E402

YEAR = 365 * 86400
START = 1_420_070_400  # 2015-01-01: copies are published over the 10 years after
INGESTED_AT = START  # long before any look, so the incremental update never re-reads them
SELECTIVITY = (0.01, 0.10, 0.50)
NEW_ARTICLES = 20


# ---- building the synthetic stores ---------------------------------------------------------------
def _rows(collection) -> dict:
    out: dict = {"ids": [], "documents": [], "metadatas": [], "embeddings": []}
    offset = 0
    while True:
        got = collection.get(include=["documents", "metadatas", "embeddings"], limit=2000,
                             offset=offset)
        for key in out:
            out[key].extend(got[key])
        if len(got["ids"]) < 2000:
            return out
        offset += 2000


def build_store(source: Path, name: str, target: Path, size: int) -> dict:
    """A store of about `size` chunks copied from `source` (whole articles), and its cutoffs:
    the `published` value above which each SELECTIVITY share of chunks lies."""
    import chromadb

    from qa.store import HNSW_CONFIGURATION, _chroma_settings, bump_generation, open_store
    from qa.settings import Settings

    done = target / "scale.json"
    if done.is_file():
        return json.loads(done.read_text())
    shutil.rmtree(target, ignore_errors=True)
    src = chromadb.PersistentClient(path=str(source), settings=_chroma_settings())
    collection = src.get_collection(name, embedding_function=None)
    rows = _rows(collection)
    articles: dict[str, list[int]] = {}
    for n, meta in enumerate(rows["metadatas"]):
        articles.setdefault(meta["article_id"], []).append(n)
    dst = chromadb.PersistentClient(path=str(target), settings=_chroma_settings())
    out = dst.create_collection(name, configuration={"hnsw": HNSW_CONFIGURATION},
                                embedding_function=None, metadata=dict(collection.metadata or {}))
    rng = np.random.default_rng(size)
    batch: dict[str, list] = {k: [] for k in rows}
    published: list[int] = []
    limit = dst.get_max_batch_size()
    copy = written = 0
    started = time.time()
    while written < size:
        for article_id, members in articles.items():
            if written >= size:
                break
            new_id = f"{article_id}~{copy}"
            day = int(START + rng.uniform(0, 10 * YEAR))
            for n in members:
                meta = dict(rows["metadatas"][n], article_id=new_id, published=day,
                            ingested_at=INGESTED_AT)
                batch["ids"].append(f"{new_id}::{meta['chunk_index']}")
                batch["documents"].append(rows["documents"][n])
                batch["metadatas"].append(meta)
                batch["embeddings"].append(rows["embeddings"][n])
                published.append(day)
            written += len(members)
            if len(batch["ids"]) >= limit - 100:
                out.add(**batch)
                batch = {k: [] for k in rows}
                print(f"  {target.name}: {written:,} chunks ({time.time() - started:.0f} s)",
                      flush=True)
        copy += 1
    if batch["ids"]:
        out.add(**batch)
    store = open_store(Settings.from_env(store=target, collection=name))
    with store.writing():
        bump_generation(store)
    cut = np.sort(np.array(published))
    info = {"chunks": written, "build_s": round(time.time() - started, 1),
            "cutoffs": {str(s): int(cut[int(len(cut) * (1 - s))]) for s in SELECTIVITY}}
    done.write_text(json.dumps(info))
    return info


def source_cutoffs(store: Path, name: str) -> dict:
    import chromadb

    from qa.store import _chroma_settings

    client = chromadb.PersistentClient(path=str(store), settings=_chroma_settings())
    metas = client.get_collection(name, embedding_function=None).get(include=["metadatas"])
    cut = np.sort(np.array([m["published"] for m in metas["metadatas"] if "published" in m]))
    # A store without dates has no date filter to measure.
    return {str(s): int(cut[int(len(cut) * (1 - s))]) for s in SELECTIVITY} if len(cut) else {}


# ---- measuring one store (in its own process) ------------------------------------------------------
def _questions(limit: int) -> list[str]:
    path = DATA / "facqa" / "dev.jsonl"
    if not path.is_file():
        sys.exit(f"Benchmark data missing: {path} (../shared/data beside the checkout)")
    with open(path, encoding="utf-8") as f:
        return [json.loads(line)["question"] for line in f if line.strip()][:limit]


def _ms(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)) * 1000, 1)


def _exact_filtered(kb, question: str, where: dict, k: int) -> list[str]:
    """The top k of Kabar's fusion over every chunk the filter selects, with the vectors read
    from Chroma: the reference a filtered search must match."""
    from qa.fusion import fuse

    q = kb.read(question)
    got = kb.store.collection.get(where=where, include=["embeddings"])
    ids = list(got["ids"])
    dense = np.asarray(got["embeddings"], np.float32) @ q.query_vector
    lex = kb.lexical.scores(kb.retriever.lexical_query(q))
    lexical = np.array([lex.of(i) for i in ids], np.float32)
    top = kb.retriever.candidates
    in_dense = np.zeros(len(ids), bool)
    in_dense[np.argsort(-dense)[:top]] = True
    in_lexical = np.zeros(len(ids), bool)
    in_lexical[np.argsort(-lexical)[:top]] = True
    in_lexical &= lexical > 0
    scores = fuse(kb.retriever.fusion, dense, lexical, in_dense=in_dense, in_lexical=in_lexical,
                  coverage=lex.coverage, english=kb.retriever.unglossed(q),
                  weights=kb.retriever.weights)
    return [ids[i] for i in np.argsort(-scores, kind="stable")[:k]]


def _cli(code: Path, *args: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(code), ANONYMIZED_TELEMETRY="False")
    subprocess.run([sys.executable, "-m", "qa.cli", *args], cwd=code, env=env, check=True,
                   capture_output=True, text=True)


def measure(store: Path, name: str, cutoffs: dict, queries: int, code: Path, work: Path,
            run: str) -> dict:
    import inspect
    from dataclasses import replace

    from qa.assistant import Assistant
    from qa.fusion import Fusion
    from qa.settings import Settings

    settings = replace(Settings.from_env(store=store, collection=name), llm=None)
    questions = _questions(queries)
    result: dict = {}

    started = time.perf_counter()
    kb = Assistant(settings=settings)
    kb.ask(questions[0])
    result["open_to_first_answer_s"] = round(time.perf_counter() - started, 2)
    result["chunks"] = kb.store.collection.count()

    for q in questions[:3]:
        kb.search(q, k=5)
    # Code with a second stage (qa/rerank.py) is also timed without it, question by question
    # in turn, so that its cost reads as a same-run difference.
    staged = "rerank" in inspect.signature(kb.search).parameters
    times, first_stage = [], []
    for q in questions:
        t = time.perf_counter()
        kb.search(q, k=5)
        times.append(time.perf_counter() - t)
        if staged:
            t = time.perf_counter()
            kb.search(q, k=5, rerank=False)
            first_stage.append(time.perf_counter() - t)
    result["search_p50_ms"], result["search_p95_ms"] = _ms(times, 50), _ms(times, 95)
    if first_stage:
        result["first_stage_search_p50_ms"] = _ms(first_stage, 50)
        result["first_stage_search_p95_ms"] = _ms(first_stage, 95)

    filters = {share: {"published": {"$gte": cutoffs[str(share)]}}
               for share in (SELECTIVITY if cutoffs else ())}
    for share, where in filters.items():
        selected = len(kb.store.collection.get(where=where, include=[])["ids"])
        times = []
        for q in questions[:max(5, queries // 4)]:
            t = time.perf_counter()
            kb.search(q, k=5, where=where)
            times.append(time.perf_counter() - t)
        result[f"filtered_{share:.0%}"] = {"selected": selected, "p50_ms": _ms(times, 50)}
    result["rss_after_searches_mb"] = round(peak_rss_mb())

    times = []
    for q in questions[:max(5, queries // 2)]:
        t = time.perf_counter()
        kb.ask(q)
        times.append(time.perf_counter() - t)
    result["ask_p50_ms"] = _ms(times, 50)

    # 20 articles from another process, each with a word of its own.
    words = [f"zorvak{run}x{n}" for n in range(NEW_ARTICLES)]
    source = work / f"new-{run}.jsonl"
    source.write_text("".join(json.dumps({
        "doc_id": f"scale-{run}-{n}", "title": f"Festival Layang-layang {w}",
        "published": "2024-05-01",
        "text": f"Festival layang-layang {w} di pantai Parangkusumo diikuti {n + 40} peserta "
                f"dari berbagai daerah. Panitia menyebut layang-layang {w} terbesar berukuran "
                "sepuluh meter dan diterbangkan oleh warga setempat pada sore hari."}) + "\n"
        for n, w in enumerate(words)), encoding="utf-8")
    kb.search(questions[0], k=5)
    _cli(code, "ingest", "--store", str(store), "--collection", name, str(source))
    started = time.perf_counter()
    found: set[str] = set()
    while len(found) < NEW_ARTICLES and time.perf_counter() - started < 300:
        found = {p.article_id for p in kb.search(" ".join(words), k=40, fusion=Fusion.LEXICAL)}
        found &= {f"scale-{run}-{n}" for n in range(NEW_ARTICLES)}
    result["new_articles_searchable_s"] = round(time.perf_counter() - started, 2)
    result["new_articles_found"] = len(found)
    _cli(code, "delete", "--store", str(store), "--collection", name,
         *[f"scale-{run}-{n}" for n in range(NEW_ARTICLES)])
    started = time.perf_counter()
    shown = [p for w in words for p in kb.search(w, k=5)
             if p.article_id.startswith(f"scale-{run}-")]
    result["deleted_shown"] = len(shown)
    kb.lexical.wait()
    result["after_delete_s"] = round(time.perf_counter() - started, 2)
    result["peak_rss_mb"] = round(peak_rss_mb())

    # Last, as it reads every selected vector through Chroma (GBs at 300k): copies of one
    # chunk tie, so passages are compared by their text, not their ids.
    for share, where in filters.items():
        overlap = []
        for q in questions[:3]:
            exact = kb.store.collection.get(ids=_exact_filtered(kb, q, where, 5),
                                            include=["documents"])["documents"]
            found = [p.text for p in kb.search(q, k=5, where=where)]
            overlap.append(len(set(exact) & set(found)) / max(1, len(set(exact))))
        result[f"filtered_{share:.0%}"]["top5_overlap_with_exact"] = round(
            float(np.mean(overlap)), 3)
    return result


# ---- the report ------------------------------------------------------------------------------
def _filtered(r: dict, key: str, form: str) -> str:
    cells = [r.get(f"filtered_{s:.0%}") for s in SELECTIVITY]
    return " / ".join(form.format(c[key]) if c else "–" for c in cells)


ROWS = [("warm `search` p50 / p95 (ms)", lambda r: f"{r['search_p50_ms']:.0f} / "
                                                    f"{r['search_p95_ms']:.0f}"),
        ("the same without the second stage (`rerank=False`), p50 / p95 (ms)",
         lambda r: (f"{r['first_stage_search_p50_ms']:.0f} / {r['first_stage_search_p95_ms']:.0f}"
                    if "first_stage_search_p50_ms" in r else "–")),
        ("filtered search p50 at 1% / 10% / 50% (ms)",
         lambda r: _filtered(r, "p50_ms", "{:.0f}")),
        ("filtered top-5 overlap with exact, 1% / 10% / 50%",
         lambda r: _filtered(r, "top5_overlap_with_exact", "{:.2f}")),
        ("peak RSS after searches / after the ingest and delete (MB)",
         lambda r: f"{r['rss_after_searches_mb']:,} / {r['peak_rss_mb']:,}"),
        ("20 new articles searchable by their words after `kabar ingest` (s)",
         lambda r: f"{r['new_articles_searchable_s']:.2f} ({r['new_articles_found']}/20)"),
        ("deleted chunks shown after `kabar delete`", lambda r: str(r["deleted_shown"])),
        ("open with the saved index to first answer (s)",
         lambda r: f"{r['open_to_first_answer_s']:.1f}"),
        ("`ask` p50 (ms)", lambda r: f"{r['ask_p50_ms']:.0f}"),
        ("first open in this run, which builds and saves the index if none is saved (s)",
         lambda r: f"{r['index_build_s']:.1f}")]


def table(results: dict[str, dict]) -> str:
    sizes = list(results)
    lines = ["| | " + " | ".join(f"{results[s]['chunks']:,}" for s in sizes) + " |",
             "|---|" + "---|" * len(sizes)]
    for label, cell in ROWS:
        lines.append(f"| {label} | " + " | ".join(cell(results[s]) for s in sizes) + " |")
    return "\n".join(lines)


def plot(results: dict[str, dict], baseline: dict[str, dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (lat, mem) = plt.subplots(1, 2, figsize=(11, 4))
    for label, res, style in (("this code", results, "-o"), ("before", baseline, "--x")):
        if not res:
            continue
        sizes = [res[s]["chunks"] for s in res]
        lat.plot(sizes, [res[s]["search_p50_ms"] for s in res], style, label=f"search ({label})")
        dated = [s for s in res if f"filtered_{SELECTIVITY[0]:.0%}" in res[s]]
        for share in SELECTIVITY:
            lat.plot([res[s]["chunks"] for s in dated],
                     [res[s][f"filtered_{share:.0%}"]["p50_ms"] for s in dated], style,
                     label=f"filtered {share:.0%} ({label})")
        mem.plot(sizes, [res[s]["peak_rss_mb"] for s in res], style, label=f"peak RSS ({label})")
    lat.set(xlabel="chunks", ylabel="p50 (ms)", yscale="log", title="Latency")
    mem.set(xlabel="chunks", ylabel="MB", title="Memory")
    for ax in (lat, mem):
        ax.legend(fontsize=7)
        ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def report(results: dict[str, dict], baseline: dict[str, dict], queries: int) -> None:
    """benchmarks/results/scale.json, docs/scale.md and docs/scale.png, smallest store first."""
    path = RESULTS / "scale.json"
    if path.is_file():  # a run over some sizes keeps the others' figures
        saved = json.loads(path.read_text())
        results = {**saved.get("results", {}), **results}
        # A baseline is only shown beside the run that measured it: "same run" must hold.
        baseline = {**saved.get("baseline", {}), **baseline} if baseline else {}
    results = dict(sorted(results.items(), key=lambda kv: kv[1]["chunks"]))
    baseline = dict(sorted(baseline.items(), key=lambda kv: kv[1]["chunks"]))
    write_result("scale", {"results": results, "baseline": baseline, "queries": queries})
    md = ["# Kabar at archive scale", "",
          "Generated by `python benchmarks/scale.py` (one run; each store measured in a fresh "
          "process with OMP_NUM_THREADS=1 on a 2-core machine shared with other work). The "
          "synthetic stores repeat the real store's chunks with their real vectors, published "
          "over 10 years; filters are `published` ranges (the real store has no dates).", "",
          table(results), ""]
    if baseline:
        md += ["The code before this change, same stores, same run:", "", table(baseline), ""]
    md += ["![latency and memory against size](scale.png)", ""]
    (ROOT / "docs" / "scale.md").write_text("\n".join(md))
    plot(results, baseline, ROOT / "docs" / "scale.png")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="a real embedded store")
    parser.add_argument("--collection", default="kabar")
    parser.add_argument("--work", type=Path, default=Path("/tmp/scale"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000])
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--baseline-code", type=Path, help="a checkout of the code to compare")
    parser.add_argument("--no-source", action="store_true", help="skip the real store")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cutoffs", help=argparse.SUPPRESS)
    parser.add_argument("--run", default="a", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure:  # the child process: one store, one code version
        result = measure(args.measure, args.collection, json.loads(args.cutoffs), args.queries,
                         Path(os.environ.get("PYTHONPATH", ROOT)), args.work, args.run)
        print("RESULT " + json.dumps(result))
        return 0

    args.work.mkdir(parents=True, exist_ok=True)
    source = args.work / "source"
    if not (source / "chroma.sqlite3").is_file():
        shutil.copytree(args.source, source, ignore=shutil.ignore_patterns("kabar-lexical"))
    stores = {}
    for size in sorted(args.sizes, reverse=True):
        print(f"Building the {size:,}-chunk store…", flush=True)
        info = build_store(source, args.collection, args.work / f"s{size}", size)
        stores[str(size)] = (args.work / f"s{size}", info["cutoffs"])
    if not args.no_source:
        stores["source"] = (source, source_cutoffs(source, args.collection))

    def run_child(store: Path, cutoffs: dict, code: Path, run: str) -> dict:
        env = dict(os.environ, PYTHONPATH=str(code), OMP_NUM_THREADS="1",
                   ANONYMIZED_TELEMETRY="False")
        # The first open builds the lexical index and saves it; the measured open loads it.
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import sys; from qa.assistant import Assistant; "
                        "Assistant(store=sys.argv[1], collection=sys.argv[2])",
                        str(store), args.collection], cwd=code, env=env, check=True)
        build_s = time.perf_counter() - started
        out = subprocess.run([sys.executable, str(code / "benchmarks" / "scale.py"), "--source",
                              str(args.source), "--collection", args.collection, "--work",
                              str(args.work), "--queries", str(args.queries), "--measure",
                              str(store), "--cutoffs", json.dumps(cutoffs), "--run", run],
                             cwd=code, env=env, capture_output=True, text=True)
        if out.returncode:
            sys.exit(f"Measuring {store} with {code} failed:\n{out.stderr[-3000:]}")
        line = [x for x in out.stdout.splitlines() if x.startswith("RESULT ")][-1]
        return {**json.loads(line[7:]), "index_build_s": round(build_s, 1)}

    results: dict[str, dict] = {}
    baseline: dict[str, dict] = {}
    for n, (label, (store, cutoffs)) in enumerate(stores.items()):
        print(f"Measuring {label}…", flush=True)
        results[label] = run_child(store, cutoffs, ROOT, f"a{n}")
        print(json.dumps(results[label]), flush=True)
        if args.baseline_code:
            print(f"Measuring {label} with {args.baseline_code}…", flush=True)
            baseline[label] = run_child(store, cutoffs, args.baseline_code.resolve(), f"b{n}")
            print(json.dumps(baseline[label]), flush=True)
        report(results, baseline, args.queries)  # after each store: a long run keeps its part
    print(table(results))
    if baseline:
        print("\nbefore:\n" + table(baseline))
    return 0


if __name__ == "__main__":
    sys.exit(main())

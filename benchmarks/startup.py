"""Open to first answer: a fresh process opening an Assistant on a store and answering once,
with this code and with the code in --baseline (a checkout), runs interleaved in one session.

Each run is a new Python process (imports, model, store, lexical index, first `ask`), as a
`kabar ask`, a server start or a notebook's first cell is. The store's lexical index is saved
before timing (the first open builds it). Writes benchmarks/results/startup.json.

    python benchmarks/startup.py --store DIR [--store DIR ...] --baseline DIR [--runs 3]

e.g. the baseline of issue 16's note: `git archive 6b945ca | tar -x -C /tmp/old2`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import ROOT, write_result  # noqa: E402

QUESTION = "Siapa presiden pertama Indonesia?"
# Timed inside the child; "modules" says whether torch came in on the way.
CHILD = """
import json, resource, sys, time
started = time.perf_counter()
from qa.assistant import Assistant
imported = time.perf_counter()
kb = Assistant(store=sys.argv[1])
opened = time.perf_counter()
kb.ask(sys.argv[2])
answered = time.perf_counter()
print("RESULT", json.dumps({"import_s": imported - started, "open_s": opened - imported,
                 "first_ask_s": answered - opened, "total_s": answered - started,
                 "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                 "torch_imported": "torch" in sys.modules}))
"""


def run(code: Path, store: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(code), OMP_NUM_THREADS="1",
               ANONYMIZED_TELEMETRY="False")
    out = subprocess.run([sys.executable, "-c", CHILD, str(store), QUESTION], cwd=code,
                         env=env, capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"Opening {store} with {code} failed:\n{out.stderr[-3000:]}")
    line = [x for x in out.stdout.splitlines() if x.startswith("RESULT ")][-1]
    return json.loads(line[7:])


def count(store: Path) -> int:
    import chromadb

    from qa.store import _chroma_settings

    client = chromadb.PersistentClient(path=str(store), settings=_chroma_settings())
    return sum(c.count() for c in client.list_collections())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, action="append", required=True)
    parser.add_argument("--baseline", type=Path, required=True, help="a checkout to compare")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    codes = {"this code": ROOT, "baseline": args.baseline.resolve()}
    rows = []
    for store in args.store:
        for code in codes.values():
            run(code, store)  # builds and saves the lexical index and warms the page cache
        times: dict[str, list[dict]] = {name: [] for name in codes}
        for _ in range(args.runs):
            for name, code in codes.items():
                times[name].append(run(code, store))
        chunks = count(store)
        for name, results in times.items():
            row = {"store": str(store), "chunks": chunks, "code": name,
                   "torch_imported": results[-1]["torch_imported"]}
            for key in ("import_s", "open_s", "first_ask_s", "total_s", "rss_mb"):
                row[key] = round(statistics.median(r[key] for r in results), 2)
            rows.append(row)
    header = "| chunks | code | import s | open s | first ask s | total s | peak RSS MB | torch |"
    lines = [header, "|---|---|---|---|---|---|---|---|"]
    lines += [f"| {r['chunks']:,} | {r['code']} | {r['import_s']} | {r['open_s']} | "
              f"{r['first_ask_s']} | **{r['total_s']}** | {r['rss_mb']:,.0f} | "
              f"{'yes' if r['torch_imported'] else 'no'} |" for r in rows]
    print("\n".join(lines))
    path = write_result("startup", {"runs": args.runs, "baseline": str(args.baseline),
                                    "question": QUESTION, "rows": rows})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

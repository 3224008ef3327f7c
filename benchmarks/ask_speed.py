"""`ask` with this code against the code in --baseline (a checkout), question by question,
interleaved in one run: distinct questions in a row, as a server sees them, and conversations,
first turns and follow-ups apart. It also checks both codes give the same answers.

Each code runs in its own process with its own Assistant on the same store (one thread each,
OMP_NUM_THREADS=1); each question goes to both, in alternating order, and each process times
its own `ask`. Reads ../shared/data (FacQA dev) and devsets/ (the English FacQA dev set and
the natural set's conversations). Writes benchmarks/results/ask_speed.json.

    python benchmarks/ask_speed.py --store DIR --baseline DIR [--questions 60]

DIR for --store: a store of the sample, FacQA and IDK-MRC (benchmarks/natural.py builds one);
--baseline: e.g. `git archive 5cc6c0e | tar -x -C /tmp/old`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import ROOT, require_data, write_result  # noqa: E402

# Reads one JSON request a line, answers with the time its `ask` took and the answer's text.
WORKER = """
import json, sys, time
from qa.assistant import Assistant
kb = Assistant(store=sys.argv[1])
kb.ask("Siapa presiden pertama Indonesia?")  # opening and first-use costs, untimed
print("READY", flush=True)
for line in sys.stdin:
    request = json.loads(line)
    started = time.perf_counter()
    answer = kb.ask(request["question"], request["history"])
    ms = (time.perf_counter() - started) * 1000
    print(json.dumps({"ms": ms, "text": answer.text}), flush=True)
"""


class Worker:
    """One code's Assistant in its own process."""

    def __init__(self, code: Path, store: str) -> None:
        env = dict(os.environ, PYTHONPATH=str(code), OMP_NUM_THREADS="1",
                   ANONYMIZED_TELEMETRY="False")
        self.process = subprocess.Popen([sys.executable, "-c", WORKER, store], cwd=code,
                                        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True)
        for line in self.process.stdout:
            if line.startswith("READY"):
                break
        else:
            sys.exit(f"The Assistant of {code} did not open on {store}; see the error above.")

    def ask(self, question: str, history: list[dict]) -> dict:
        self.process.stdin.write(json.dumps({"question": question, "history": history}) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def workload(limit: int, conversations: int) -> list[tuple[str, str, list[dict] | None]]:
    """(measure, question, history or None for "the previous turns' answers") in order."""
    (facqa_dev,) = require_data("facqa/dev.jsonl")
    items: list[tuple[str, str, list[dict] | None]] = []
    for measure, path in (("FacQA id, distinct questions", facqa_dev),
                          ("FacQA en, distinct questions", ROOT / "devsets/facqa-en-dev.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        items += [(measure, r["question"], []) for r in rows[:limit]]
    natural = [json.loads(line) for line in
               (ROOT / "devsets/natural/questions.jsonl").read_text(encoding="utf-8").splitlines()]
    turns = defaultdict(list)
    for q in natural:
        if q["conversation"]:
            turns[q["conversation"]].append(q)
    for name in sorted(turns)[:conversations]:
        for q in sorted(turns[name], key=lambda q: q["turn"]):
            measure = "conversation, first turn" if q["turn"] == 1 else "conversation, follow-up"
            items.append((measure, q["question"], None))
    return items


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--baseline", required=True, type=Path, help="the code before")
    parser.add_argument("--questions", type=int, default=60, help="per FacQA dev set")
    parser.add_argument("--conversations", type=int, default=40)
    args = parser.parse_args()
    codes = {"baseline": args.baseline.resolve(), "this code": ROOT}
    workers = {name: Worker(code, args.store) for name, code in codes.items()}
    times: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    histories: dict[str, list[dict]] = {name: [] for name in codes}
    same = total = 0
    for n, (measure, question, history) in enumerate(workload(args.questions,
                                                             args.conversations)):
        if measure == "conversation, first turn":
            histories = {name: [] for name in codes}
        texts = {}
        for name in (list(codes) if n % 2 else list(codes)[::-1]):
            asked = history if history is not None else histories[name]
            reply = workers[name].ask(question, asked)
            times[measure][name].append(reply["ms"])
            texts[name] = reply["text"]
            if history is None:
                histories[name] = asked + [{"role": "user", "content": question},
                                           {"role": "assistant", "content": reply["text"]}]
        same += texts["baseline"] == texts["this code"]
        total += 1
        if (n + 1) % 20 == 0:
            print(f"{n + 1} questions asked", file=sys.stderr, flush=True)
    for worker in workers.values():
        worker.close()

    rows = {}
    print("| questions | n | baseline p50 / mean, ms | this code p50 / mean, ms | speed-up (mean) |")
    print("|---|---|---|---|---|")
    for measure, by_code in times.items():
        stats = {name: {"p50": round(statistics.median(v), 1),
                        "mean": round(statistics.mean(v), 1)} for name, v in by_code.items()}
        ratio = round(stats["baseline"]["mean"] / stats["this code"]["mean"], 2)
        rows[measure] = {**stats, "n": len(by_code["baseline"]), "speed_up_mean": ratio}
        print(f"| {measure} | {rows[measure]['n']} | {stats['baseline']['p50']} / "
              f"{stats['baseline']['mean']} | {stats['this code']['p50']} / "
              f"{stats['this code']['mean']} | {ratio}x |")
    print(f"answers identical: {same} of {total}")
    path = write_result("ask_speed", {"store": args.store, "baseline": str(args.baseline),
                                      "measures": rows, "answers_identical": same,
                                      "questions": total})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

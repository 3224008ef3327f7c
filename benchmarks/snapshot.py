"""Every dev question's search results and answer, one JSON line each, to prove a refactor exact.

Run it before and after a change that must not change behaviour, then compare the two files:

    python benchmarks/snapshot.py --store DIR --out before.jsonl
    python benchmarks/snapshot.py --store DIR --out after.jsonl
    python benchmarks/snapshot.py --compare before.jsonl after.jsonl

Covers ../shared/data/facqa/dev.jsonl and devsets/facqa-en-dev.jsonl (top 20 passages with their
scores, and the answer: text, span, confidence, citation), 300 IDK-MRC questions whose articles
are not in the store (abstention), and follow-ups ("Kapan itu terjadi?", "What did he say back?")
asked after the first questions of each set. DIR must hold the FacQA articles.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import ROOT, require_data  # noqa: E402

EN_DEV = ROOT / "devsets" / "facqa-en-dev.jsonl"
OFF_STORE = 300  # IDK-MRC questions: their articles are not in the store
WITH_FOLLOWUPS = 150  # per language, the first questions that get follow-ups
FOLLOWUPS = {
    "id": ["Kapan itu terjadi?", "Siapa dia?", "Lalu apa kata mereka?", "Berapa jumlahnya?",
           "Di mana itu?", "Dan mengapa?", "Apa jawabannya kepada dia?"],
    "en": ["When did that happen?", "Who is he?", "And what did they say back?",
           "How many were there?", "Where was it?", "Why?", "What did he reply to her?"],
}


def answer_row(answer) -> dict:
    c = answer.citations[0] if answer.citations else None
    return {"text": answer.text, "span": answer.span, "abstained": answer.abstained,
            "confidence": round(answer.confidence, 6), "question": answer.question,
            "cited": c.passage.chunk_id if c else None,
            "passages": [p.chunk_id for p in answer.passages]}


def compare(before: Path, after: Path) -> int:
    a = [json.loads(line) for line in before.read_text(encoding="utf-8").splitlines()]
    b = [json.loads(line) for line in after.read_text(encoding="utf-8").splitlines()]
    if len(a) != len(b):
        print(f"{len(a)} rows before, {len(b)} after")
        return 1
    differ = [(x, y) for x, y in zip(a, b) if x != y]
    for x, y in differ[:10]:
        keys = [k for k in x if x.get(k) != y.get(k)]
        print(f"{x['set']} {x['id']}: {', '.join(keys)}")
        for k in keys[:3]:
            print(f"  before {k}: {json.dumps(x.get(k), ensure_ascii=False)[:300]}")
            print(f"  after  {k}: {json.dumps(y.get(k), ensure_ascii=False)[:300]}")
    print(f"{len(a)} rows, {len(differ)} differ")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="a store holding the FacQA articles")
    parser.add_argument("--out", type=Path, help="JSONL to write")
    parser.add_argument("--limit", type=int, help="only the first N questions of each set")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--threads", type=int, help="torch threads (compare runs with the same)")
    parser.add_argument("--sets", default="id,en,off",
                        help="which sets, in this order (default id,en,off; id is the longest)")
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if not (args.store and args.out):
        parser.error("give --store and --out, or --compare BEFORE AFTER")
    facqa_dev, idkmrc_valid = require_data("facqa/dev.jsonl", "idkmrc/valid.jsonl")

    if args.threads:
        # Read by the int8 encoder (qa/light_encoder.py) and by torch when it starts.
        os.environ["OMP_NUM_THREADS"] = str(args.threads)
    from qa.assistant import Assistant
    from qa.evaluate import load_questions
    from qa.settings import Settings

    kb = Assistant(settings=Settings.from_env(store=Path(args.store)))
    sets = {"id": load_questions(facqa_dev), "en": load_questions(EN_DEV),
            "off": load_questions(idkmrc_valid)[:OFF_STORE]}
    sets = {name: sets[name][:args.limit] for name in args.sets.split(",")}
    t0 = time.time()
    out = args.out.open("w", encoding="utf-8")

    def write(row: dict) -> None:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        out.flush()  # a long run shows its progress, and a stopped one keeps what it did

    for name, questions in sets.items():
        for n, q in enumerate(questions):
            passages = kb.search(q.question, k=20)
            answer = kb.ask(q.question)
            write({"set": name, "id": q.id, "q": q.question,
                   "search": [[p.chunk_id, round(p.score, 6)] for p in passages],
                   "answer": answer_row(answer)})
            if name in FOLLOWUPS and n < WITH_FOLLOWUPS:
                history = [{"role": "user", "content": q.question},
                           {"role": "assistant", "content": answer.text}]
                for j in (n % 7, (n + 3) % 7):
                    follow = FOLLOWUPS[name][j]
                    write({"set": f"{name}-followup", "id": f"{q.id}/{j}", "q": follow,
                           "answer": answer_row(kb.ask(follow, history))})
        print(f"{name}: {len(questions)} questions ({time.time() - t0:.0f} s)", flush=True)
    out.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

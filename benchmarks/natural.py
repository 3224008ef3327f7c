"""How the offline answerer does on natural questions and conversations (devsets/natural/).

A store of the sample article, all FacQA and IDK-MRC passages and the set's own articles (about
6.4k chunks, as issue 17 asks); each conversation is asked turn by turn with its history. Per split
and language: how often the first quoted sentence is a gold sentence (answerable questions),
the same for follow-up turns, how often a headline span is shown (coverage) and how often a shown
one is right (precision), and how often unanswerable questions abstain. Writes
benchmarks/results/natural.json.

    python benchmarks/natural.py [--store DIR]   # DIR: a store already holding those articles
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import ROOT, require_data, write_result  # noqa: E402

NATURAL = ROOT / "devsets" / "natural"


def normalise(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def overlap(a: str, b: str) -> float:
    """Token F1 of two texts (the articles are cleaned on ingestion, so exact match is too
    strict)."""
    x, y = normalise(a), normalise(b)
    if not x or not y:
        return 0.0
    common = sum(min(x.count(t), y.count(t)) for t in set(x))
    return 2 * common / (len(x) + len(y)) if common else 0.0


def sentence_right(quote: str, gold: list[str]) -> bool:
    return any(overlap(quote, g) >= 0.6 for g in gold)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="reuse a store already holding the articles")
    args = parser.parse_args()
    sources = require_data("seed/idntimes-putin-kim.txt", "facqa/articles.jsonl",
                           "idkmrc/articles.jsonl")

    from ingest.pipeline import Ingestor
    from qa.assistant import Assistant
    from qa.settings import Settings

    settings = Settings.from_env(store=Path(args.store) if args.store else
                                 Path(tempfile.mkdtemp(prefix="kabar-natural-")) / "store")
    if not args.store:
        Ingestor(settings).ingest([*map(str, sources), str(NATURAL / "articles.jsonl")],
                                  progress=True)
    kb = Assistant(settings=settings)
    questions = [json.loads(line) for line in
                 (NATURAL / "questions.jsonl").read_text(encoding="utf-8").splitlines()]
    histories: dict[str, list[dict]] = defaultdict(list)
    rows = []
    t0 = time.time()
    for q in sorted(questions, key=lambda q: (q["conversation"] or q["id"], q["turn"])):
        history = histories[q["conversation"]] if q["conversation"] else []
        answer = kb.ask(q["question"], list(history))
        quote = answer.citations[0].quote if answer.citations and not answer.abstained else ""
        rows.append({
            "id": q["id"], "split": q["split"], "language": q["language"], "kind": q["kind"],
            "followup": q["turn"] > 1, "answerable": bool(q["gold_sentences"]),
            "right": (answer.abstained if not q["gold_sentences"]
                      else sentence_right(quote, q["gold_sentences"])),
            "headline": answer.span is not None,
            "headline_right": bool(answer.span and q["gold_span"]
                                   and overlap(answer.span, q["gold_span"]) >= 0.5),
            "abstained": answer.abstained})
        if q["conversation"]:
            history += [{"role": "user", "content": q["question"]},
                        {"role": "assistant", "content": answer.text}]
    print(f"{len(rows)} questions asked ({time.time() - t0:.0f} s)")

    def rate(selected, key) -> float | None:
        return round(sum(r[key] for r in selected) / len(selected), 3) if selected else None

    report = {}
    for split in ("dev", "test"):
        for language in ("id", "en"):
            part = [r for r in rows if r["split"] == split and r["language"] == language]
            answerable = [r for r in part if r["answerable"]]
            shown = [r for r in part if r["headline"]]
            report[f"{split} {language}"] = {
                "questions": len(part),
                "first_sentence_right": rate([r for r in answerable if not r["followup"]],
                                             "right"),
                "followup_turns_right": rate([r for r in answerable if r["followup"]], "right"),
                "headline_coverage": rate(part, "headline"),
                "headline_precision": rate(shown, "headline_right"),
                "unanswerable_abstained": rate([r for r in part if not r["answerable"]],
                                               "right"),
            }
    keys = list(next(iter(report.values())))
    print(f"{'':10}" + "".join(f"{k:>24}" for k in keys))
    for name, r in report.items():
        print(f"{name:10}" + "".join(f"{str(r[k]):>24}" for k in keys))
    by_kind = {kind: rate([r for r in rows if r["kind"] == kind], "right")
               for kind in sorted({r["kind"] for r in rows})}
    print("right by kind (all splits):", by_kind)
    path = write_result("natural", {"report": report, "by_kind": by_kind,
                                    "questions": len(rows)})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

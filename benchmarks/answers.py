"""Answer quality of the offline answerer, beside retrieval recall, and abstention calibration.

On ../shared/data/facqa/dev.jsonl (Indonesian) and devsets/facqa-en-dev.jsonl (English) over a
store of the FacQA passages: retrieval R@5, how often the first quoted sentence holds a gold
answer, and exact match / token F1 of the marked span. Then the abstention thresholds are set per
language on the dev confidences (answer >= 95% of questions whose article is in the store) and
checked on IDK-MRC questions, whose articles are not in the store. Writes docs/answers.md and benchmarks/results/answers.json.

    python benchmarks/answers.py [--store DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import string
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import RESULTS, ROOT, require_data, write_result  # noqa: E402
from qa.languages import detect  # noqa: E402

EN_DEV = ROOT / "devsets" / "facqa-en-dev.jsonl"
TARGET_ANSWER_RATE = 0.95


def normalise(text: str) -> str:
    """Lower case, no punctuation, single spaces: FacQA was rebuilt from tokens, so spacing
    around punctuation differs between answers and passages."""
    text = text.lower()
    text = "".join(" " if ch in string.punctuation else ch for ch in text)
    return " ".join(text.split())


def token_f1(prediction: str, gold: str) -> float:
    p, g = normalise(prediction).split(), normalise(gold).split()
    common = sum((Counter(p) & Counter(g)).values())
    if not p or not g or not common:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)


def run_set(kb, questions, *, depth: int = 5) -> dict:
    rows = []
    for q in questions:
        t0 = time.perf_counter()
        answer = kb.ask(q.question, k=depth)
        ms = (time.perf_counter() - t0) * 1000
        quote = answer.citations[0].quote if answer.citations else ""
        gold_in_passages = any(p.article_id == q.doc_id for p in answer.passages)
        span = answer.citations[0].span if answer.citations else None
        rows.append({
            "retrieved": gold_in_passages,
            "sentence": any(normalise(a) in normalise(quote) for a in q.answers) if quote else False,
            "em": max((float(normalise(span) == normalise(a)) for a in q.answers), default=0.0)
            if span else 0.0,
            "f1": max((token_f1(span, a) for a in q.answers), default=0.0) if span else 0.0,
            "has_span": span is not None,
            "confidence": answer.confidence,
            "english": detect(q.question).code == "en",
            "ms": ms,
        })
    mean = lambda key: round(float(np.mean([r[key] for r in rows])), 4)  # noqa: E731
    return {"n": len(rows), "retrieval_R@5": mean("retrieved"),
            "first_sentence_has_answer": mean("sentence"), "span_EM": mean("em"),
            "span_F1": mean("f1"), "span_marked": mean("has_span"),
            "p50_ms": round(float(np.percentile([r["ms"] for r in rows], 50)), 1),
            "confidences": [(r["confidence"], r["english"]) for r in rows]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="reuse a store already holding the FacQA articles")
    parser.add_argument("--limit", type=int, help="only the first N questions of each set")
    args = parser.parse_args()
    facqa_articles, facqa_dev, idkmrc_valid = require_data(
        "facqa/articles.jsonl", "facqa/dev.jsonl", "idkmrc/valid.jsonl")

    from ingest.pipeline import Ingestor
    from qa.assistant import Assistant
    from qa.evaluate import load_questions
    from qa.settings import Settings

    tmp = Path(tempfile.mkdtemp(prefix="kabar-answers-"))
    settings = Settings.from_env(store=Path(args.store) if args.store else tmp / "facqa")
    if not args.store:
        Ingestor(settings).ingest([str(facqa_articles)], progress=False)
    kb = Assistant(settings=settings)
    sets = {"Indonesian (facqa/dev)": load_questions(facqa_dev),
            "English (devsets/facqa-en-dev)": load_questions(EN_DEV)}
    unanswerable = load_questions(idkmrc_valid)
    if args.limit:
        sets = {k: v[:args.limit] for k, v in sets.items()}
        unanswerable = unanswerable[:args.limit]

    results = {name: run_set(kb, qs) for name, qs in sets.items()}
    for name, r in results.items():
        print(name, {k: v for k, v in r.items() if k != "confidences"}, flush=True)
    off_store = run_set(kb, unanswerable)

    # Calibrate per language: the highest threshold that still answers >= 95% of the dev
    # questions (their articles are in the store). Cross-lingual similarities run lower.
    thresholds = {
        lang: float(np.quantile([c for c, _ in results[name]["confidences"]],
                                1 - TARGET_ANSWER_RATE))
        for lang, name in (("id", "Indonesian (facqa/dev)"), ("en", "English (devsets/facqa-en-dev)"))}

    def answered(rows) -> float:
        return round(float(np.mean([c >= thresholds["en" if en else "id"] for c, en in rows])), 4)

    rates = {name: answered(r["confidences"]) for name, r in results.items()}
    abstain = round(1 - answered(off_store["confidences"]), 4)
    print(f"thresholds {thresholds}: answer rates {rates}; IDK-MRC (not in store) abstain "
          f"{abstain}")
    for r in (*results.values(), off_store):
        r.pop("confidences")
    out = {"answers": results, "thresholds": {k: round(v, 4) for k, v in thresholds.items()},
           "answer_rate": rates,
           "idkmrc_abstain_rate": abstain, "idkmrc_questions": off_store["n"]}
    path = write_result("answers", out)
    write_report(out)
    print(f"wrote {path} and docs/answers.md")
    return 0


def write_report(out: dict) -> None:
    lines = ["# Answer quality (offline extractive answerer)", "",
             "Generated by `python benchmarks/answers.py`: store of the FacQA passages, k=5. "
             "`retrieval R@5`: the gold article is among the passages read; `first sentence`: "
             "the quoted sentence contains a gold answer (normalised); span EM/F1: the marked span "
             "against the gold answers (0 where no span is marked).", "",
             "| questions | n | retrieval R@5 | first sentence has answer | span marked | span EM "
             "| span F1 | p50 ms |", "|---|---|---|---|---|---|---|---|"]
    for name, r in out["answers"].items():
        lines.append(f"| {name} | {r['n']} | {r['retrieval_R@5']:.3f} | "
                     f"{r['first_sentence_has_answer']:.3f} | {r['span_marked']:.3f} | "
                     f"{r['span_EM']:.3f} | {r['span_F1']:.3f} | {r['p50_ms']} |")
    tuned = RESULTS / "tune_answers.json"
    if tuned.is_file():
        cv = json.loads(tuned.read_text())["cv"]
        lines += ["", "The answerer's two rankers (which sentence, which span) are fitted on these "
                  "same dev sets by `python benchmarks/tune_answers.py`, so the table above is "
                  "in-sample. Out of sample, 5-fold cross-validated with folds grouped by passage "
                  "(each question answered by models that never saw its passage). The last "
                  "column asks the Indonesian questions the English ones translate: the same "
                  "questions, so its gap to the English column is what crossing languages "
                  "costs:", "",
                  "| 5-fold cross-validated | Indonesian | English | Indonesian originals of the "
                  "English |", "|---|---|---|---|"]
        originals = cv.get("Indonesian originals of the English", {})
        labels = {"first_sentence_before": "first sentence holds the answer, previous scorer",
                  "first_sentence_learned": "first sentence holds the answer, fitted ranker",
                  "first_sentence_oracle": "some sentence read holds the answer (ceiling)",
                  "end_to_end_span_F1": "span F1, end to end",
                  "gold_sentence_span_F1_chosen": "span F1 within the gold sentence",
                  "gold_sentence_span_EM_chosen": "span EM within the gold sentence"}
        for key, label in labels.items():
            lines.append(f"| {label} | {cv['Indonesian'][key]:.3f} | {cv['English'][key]:.3f} | "
                         + (f"{originals[key]:.3f} |" if key in originals else "- |"))
    lines += ["", "## Abstention", "",
              "Thresholds on the answer's confidence, calibrated so that at least 95% of the dev "
              f"questions are answered: **{out['thresholds']['id']}** for Indonesian (FacQA dev) "
              f"and **{out['thresholds']['en']}** for English questions (English dev set), whose "
              "cross-lingual similarities run lower. They are the `abstain_below` of the "
              "language packs (`qa/languages/`). There is no English question set about articles "
              "missing from the store, so English abstention is only checked by the tests.", "",
              "| questions | answered | abstained |", "|---|---|---|"]
    for name, rate in out["answer_rate"].items():
        lines.append(f"| {name}, article in the store | {rate:.3f} | {1 - rate:.3f} |")
    lines.append(f"| IDK-MRC valid ({out['idkmrc_questions']}), articles not in the store | "
                 f"{1 - out['idkmrc_abstain_rate']:.3f} | {out['idkmrc_abstain_rate']:.3f} |")
    lines += (ROOT / "benchmarks" / "answers-notes.md").read_text().splitlines()
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "answers.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())

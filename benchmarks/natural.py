"""How the offline answerer does on natural questions and conversations (devsets/natural/).

A store of the sample article, all FacQA and IDK-MRC passages and the set's own articles (about
6.4k chunks, as issue 17 asks); each conversation is asked turn by turn with its history. Per split
and language: how often the first quoted sentence is a gold sentence (answerable questions),
the same for follow-up turns, how often a headline span is shown (coverage) and how often a shown
one is right (precision), and how often unanswerable questions abstain. Writes
benchmarks/results/natural.json.

With --calibrate, the headline's probability model (qa/answer/headline.py) is refitted on the
dev half's questions that ask for a span, its threshold set so that shown headlines are right at
least --precision of the time on dev, and written to qa/answer/headline.json; the figures are
then reported with the new calibration (headlines do not change which sentence is quoted, so one
run serves both). With --facqa N, the headline is also measured on N FacQA dev questions in each
language (Indonesian, and their English translations), asked of the same store.

    python benchmarks/natural.py [--store DIR] [--calibrate] [--facqa N]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import ROOT, require_data, write_result  # noqa: E402

NATURAL = ROOT / "devsets" / "natural"
EN_DEV = ROOT / "devsets" / "facqa-en-dev.jsonl"
SPAN_RIGHT = 0.5  # token F1 of a shown headline with the gold span that counts as right


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
    """A sentence of the quote is a gold sentence (a quote can run over a quotation and its
    attribution, whose sentences the gold lists one by one)."""
    from qa.sentences import split_sentences

    return any(overlap(quote[a:b], g) >= 0.6 for a, b in split_sentences(quote) for g in gold)


def contains(words: list[str], part: list[str]) -> bool:
    """`part` occurs in `words` as a run of whole words."""
    return bool(part) and any(words[i:i + len(part)] == part
                              for i in range(len(words) - len(part) + 1))


def ask(kb, text: str, history: list[dict]):
    """The answer and the answerer's choice behind it (its headline's signals), as
    Assistant.ask would answer offline."""
    question = kb.read(text, history)
    passages = kb.search(question)
    choice = kb.extractive.choose(question, passages)
    return question, choice, kb.extractive.phrase(question, passages, choice)


def headline_row(question, choice, answer, gold_spans: list[str]) -> dict:
    """What the calibration reads of one answer: whether a headline may be shown at all, its
    signals, and whether the span is right."""
    span = choice.headline.text if choice else None
    return {"asks_span": question.kind_row.asks_span and span is not None
            and not answer.abstained,
            "features": choice.headline.features if choice else {},
            "span_right": bool(span and any(overlap(span, g) >= SPAN_RIGHT for g in gold_spans))}


def natural_rows(kb) -> list[dict]:
    questions = [json.loads(line) for line in
                 (NATURAL / "questions.jsonl").read_text(encoding="utf-8").splitlines()]
    histories: dict[str, list[dict]] = defaultdict(list)
    rows = []
    for q in sorted(questions, key=lambda q: (q["conversation"] or q["id"], q["turn"])):
        history = histories[q["conversation"]] if q["conversation"] else []
        question, choice, answer = ask(kb, q["question"], list(history))
        quote = answer.citations[0].quote if answer.citations and not answer.abstained else ""
        rows.append({
            "id": q["id"], "doc": q["doc_id"], "split": q["split"], "language": q["language"],
            "kind": q["kind"],
            "followup": q["turn"] > 1, "answerable": bool(q["gold_sentences"]),
            "right": (answer.abstained if not q["gold_sentences"]
                      else sentence_right(quote, q["gold_sentences"])),
            "abstained": answer.abstained,
            **headline_row(question, choice, answer, [q["gold_span"]] if q["gold_span"] else [])})
        if q["conversation"]:
            history += [{"role": "user", "content": q["question"]},
                        {"role": "assistant", "content": answer.text}]
    return rows


def facqa_rows(kb, n: int) -> list[dict]:
    """N FacQA dev questions in each language (a fixed sample), for the headline only."""
    from qa.evaluate import load_questions

    (facqa_dev,) = require_data("facqa/dev.jsonl")
    rows = []
    for language, path in (("id", facqa_dev), ("en", EN_DEV)):
        questions = load_questions(path)
        for q in random.Random(2027).sample(questions, min(n, len(questions))):
            question, choice, answer = ask(kb, q.question, [])
            quote = normalise(answer.citations[0].quote) if answer.citations else []
            rows.append({"split": "facqa", "language": language,
                         "right": any(contains(quote, normalise(a)) for a in q.answers),
                         **headline_row(question, choice, answer, q.answers)})
    return rows


def fit_calibration(rows: list[dict], target: float) -> dict:
    """Logistic regression of span_right on the headline's signals, over the rows that may show
    one; the threshold is the lowest probability at which the shown ones are still right at
    least `target` of the time (counted from the most probable down)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from qa.answer.headline import FEATURES

    x = np.array([[r["features"][f] for f in FEATURES] for r in rows])
    y = np.array([r["span_right"] for r in rows])
    model = LogisticRegression(C=1.0, max_iter=1000).fit(x, y)
    p = model.predict_proba(x)[:, 1]
    order = np.argsort(-p)
    right = np.cumsum(y[order]) / np.arange(1, len(y) + 1)
    held = np.nonzero(right >= target)[0]
    threshold = float(p[order][held.max()]) if len(held) else 1.0
    return {"features": list(FEATURES), "intercept": float(model.intercept_[0]),
            "coefficients": [float(c) for c in model.coef_[0]],
            "threshold": threshold, "target_precision": target,
            "fitted_on": f"devsets/natural dev: {len(rows)} answers whose question asks for a "
                         f"span ({int(y.sum())} spans right)",
            "written_by": "python benchmarks/natural.py --calibrate"}


def learning_curve(rows: list[dict], target: float, repeats: int = 20) -> dict:
    """The headline calibration fitted on half the dev half's articles (`repeats` random
    halves) and on all of them, each judged on the test half: would more dev data help?"""
    import numpy as np

    from qa.answer.headline import HeadlineCalibration

    dev = [r for r in rows if r["split"] == "dev" and r["asks_span"]]
    test = [r for r in rows if r["split"] == "test" and r["asks_span"]]

    def judged(fitted: dict) -> tuple[int, int]:
        model = HeadlineCalibration.from_dict(fitted)
        shown = [r for r in test if model.probability(r["features"]) >= model.threshold]
        return len(shown), sum(r["span_right"] for r in shown)

    articles = sorted({r["doc"] for r in dev})
    rng = random.Random(2027)
    halves = []
    for _ in range(repeats):
        half = set(rng.sample(articles, len(articles) // 2))
        part = [r for r in dev if r["doc"] in half]
        if sum(r["span_right"] for r in part) and not all(r["span_right"] for r in part):
            halves.append(judged(fit_calibration(part, target)))
    whole = judged(fit_calibration(dev, target))
    shown = np.array([h[0] for h in halves], float)
    right = np.array([h[1] for h in halves], float)
    precision = [r / s for s, r in halves if s]

    def mean(values: np.ndarray) -> float | None:  # JSON has no NaN: no usable fit is None
        return round(float(values.mean()), 2) if len(values) else None

    return {"test_answers_asking_a_span": len(test), "target_precision": target,
            "half": {"fits": len(halves), "articles": len(articles) // 2,
                     "shown_mean": mean(shown), "right_mean": mean(right),
                     "precision_mean_where_shown": round(float(np.mean(precision)), 3)
                     if precision else None,
                     "fits_showing_none": int((shown == 0).sum())},
            "all": {"articles": len(articles), "shown": whole[0], "right": whole[1],
                    "precision": round(whole[1] / whole[0], 3) if whole[0] else None}}


def apply_calibration(rows: list[dict]) -> None:
    """Whether each answer shows its headline, and whether that headline is right, under the
    calibration in qa/answer/headline.json."""
    from qa.answer.headline import calibration

    calibrated = calibration()
    for r in rows:
        r["headline"] = r["asks_span"] and (calibrated.probability(r["features"])
                                            >= calibrated.threshold)
        r["headline_right"] = r["headline"] and r["span_right"]


def rate(selected: list[dict], key: str) -> float | None:
    return round(sum(r[key] for r in selected) / len(selected), 3) if selected else None


def headline_figures(part: list[dict]) -> dict:
    shown = [r for r in part if r["headline"]]
    return {"headline_coverage": rate(part, "headline"),
            "headline_precision": rate(shown, "headline_right"),
            "headline_shown": len(shown),
            "asks_span": sum(r["asks_span"] for r in part)}


def natural_assistant(store: str | None):
    """An Assistant over the set's store: `store` when given (it must hold the articles), else
    one built in a temporary folder (minutes)."""
    sources = require_data("seed/idntimes-putin-kim.txt", "facqa/articles.jsonl",
                           "idkmrc/articles.jsonl")
    from ingest.pipeline import Ingestor
    from qa.assistant import Assistant
    from qa.settings import Settings

    settings = Settings.from_env(store=Path(store) if store else
                                 Path(tempfile.mkdtemp(prefix="kabar-natural-")) / "store")
    if not store:
        Ingestor(settings).ingest([*map(str, sources), str(NATURAL / "articles.jsonl")],
                                  progress=True)
    return Assistant(settings=settings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="reuse a store already holding the articles")
    parser.add_argument("--calibrate", action="store_true",
                        help="refit the headline calibration on dev (qa/answer/headline.json)")
    parser.add_argument("--precision", type=float, default=0.9,
                        help="shown headlines right at least this often on dev (--calibrate)")
    parser.add_argument("--learning-curve", action="store_true",
                        help="fit the headline calibration on half the dev articles and on all, "
                             "judged on test (does not change qa/answer/headline.json)")
    parser.add_argument("--facqa", type=int, default=0, metavar="N",
                        help="also measure the headline on N FacQA dev questions per language")
    args = parser.parse_args()

    from qa.answer.headline import CALIBRATION_FILE, calibration

    kb = natural_assistant(args.store)
    t0 = time.time()
    rows = natural_rows(kb)
    print(f"{len(rows)} questions asked ({time.time() - t0:.0f} s)")
    extra = facqa_rows(kb, args.facqa) if args.facqa else []

    if args.calibrate:
        fitted = fit_calibration([r for r in rows if r["split"] == "dev" and r["asks_span"]],
                                 args.precision)
        CALIBRATION_FILE.write_text(json.dumps(fitted, indent=2) + "\n", encoding="utf-8")
        calibration.cache_clear()
        print(f"wrote {CALIBRATION_FILE}: threshold {fitted['threshold']:.3f}")
    apply_calibration(rows + extra)
    curve = learning_curve(rows, args.precision) if args.learning_curve else None
    if curve:
        print("headline calibration, half the dev articles vs all, judged on test:",
              json.dumps(curve))

    report = {}
    for split in ("dev", "test"):
        for language in ("id", "en"):
            part = [r for r in rows if r["split"] == split and r["language"] == language]
            answerable = [r for r in part if r["answerable"]]
            report[f"{split} {language}"] = {
                "questions": len(part),
                "first_sentence_right": rate([r for r in answerable if not r["followup"]],
                                             "right"),
                "followup_turns_right": rate([r for r in answerable if r["followup"]], "right"),
                **headline_figures(part),
                "unanswerable_abstained": rate([r for r in part if not r["answerable"]],
                                               "right"),
                # Of those, the follow-ups: a conversation stays with its article, which then
                # has to be silent enough to abstain (ExtractiveWeights.same_article).
                "unanswerable_followups_abstained": rate(
                    [r for r in part if not r["answerable"] and r["followup"]], "right"),
            }
    headlines = {split: headline_figures([r for r in rows + extra if r["split"] == split])
                 for split in ("dev", "test", "facqa")}
    headlines.update({f"facqa {language}": {
        **headline_figures(part := [r for r in extra if r["language"] == language]),
        "first_sentence_right": rate(part, "right")} for language in ("id", "en")})
    keys = list(next(iter(report.values())))
    print(f"{'':10}" + "".join(f"{k:>24}" for k in keys))
    for name, r in report.items():
        print(f"{name:10}" + "".join(f"{str(r[k]):>24}" for k in keys))
    print("headlines:", json.dumps(headlines))
    by_kind = {kind: rate([r for r in rows if r["kind"] == kind], "right")
               for kind in sorted({r["kind"] for r in rows})}
    print("right by kind (all splits):", by_kind)
    path = write_result("natural", {"report": report, "headlines": headlines,
                                    "by_kind": by_kind, "questions": len(rows),
                                    "facqa_questions_per_language": args.facqa,
                                    "headline_learning_curve": curve,
                                    "headline_calibration": json.loads(
                                        CALIBRATION_FILE.read_text(encoding="utf-8"))})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

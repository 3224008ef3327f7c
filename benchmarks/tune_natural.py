"""Refit the answerer's sentence ranker on FacQA and the natural dev half, grouped by article.

The ranker (qa/answer/answer_weights.json, "sentence") was fitted on FacQA's factoid questions
only. This refit adds the natural set's dev turns (devsets/natural/: statements, reasons,
follow-ups), each counted as w FacQA questions (w from WEIGHTS), with what the fixed rules
add (roles, kind marks, the conversation: ExtractiveAnswerer.rules) as a fixed offset, so that
the model learns what the rules leave. Every natural dev turn is read as the answerer reads it,
with its conversation's history as the ranker fitted on FacQA alone answers it (FacQA questions
on the natural test half's passages are left out of every fit).

Reported, for each candidate weight: the natural dev half 5-fold cross-validated (folds grouped
by article; FacQA always in training) and FacQA 5-fold cross-validated (its folds, grouped by
passage; the natural dev half always in training). The weight is chosen on the natural dev
folds alone, among those that keep FacQA's Indonesian figure at the issue's floor. With --write
the final model (FacQA and all of the natural dev half) replaces the sentence weights; the
natural test half is judged by benchmarks/natural.py, end to end.

    python benchmarks/tune_answers.py --store FACQA_STORE --save-rows /tmp/facqa-rows.pkl
    python benchmarks/tune_natural.py --facqa-rows /tmp/facqa-rows.pkl --store NATURAL_STORE \\
        [--write]

NATURAL_STORE is benchmarks/natural.py's store (the sample article, FacQA, IDK-MRC and the
set's articles); without --store one is built (minutes).
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import write_result  # noqa: E402
from benchmarks.natural import NATURAL, natural_assistant, sentence_right  # noqa: E402
from benchmarks.tune_answers import FOLDS, L2, fit_listwise  # noqa: E402
from qa.answer.reading import cosine_scale, model_scores  # noqa: E402

WEIGHTS = (0.0, 1.0, 3.0, 5.0, 10.0, 30.0)  # one natural dev turn counts as this many FacQA ones
# Issue 17: FacQA's Indonesian first sentence stays at least this right, cross-validated (its
# English floor, 0.75, is out of reach with FacQA alone: the report shows it).
FACQA_ID_FLOOR = 0.83


def natural_rows(kb, sentence_weights: dict[str, float]) -> list[dict]:
    """Per natural turn (answerable ones, in conversation order), what the sentence ranker
    reads, what the rules add, and which sentences are gold; each conversation's history is
    answered with `sentence_weights` (FacQA's fit: no natural turn shapes another's row)."""
    questions = [json.loads(line) for line in
                 (NATURAL / "questions.jsonl").read_text(encoding="utf-8").splitlines()]
    histories: dict[str, list[dict]] = defaultdict(list)
    answerer = kb.extractive
    rows = []
    for q in sorted(questions, key=lambda q: (q["conversation"] or q["id"], q["turn"])):
        history = histories[q["conversation"]] if q["conversation"] else []
        question = kb.read(q["question"], list(history))
        passages = kb.search(question)
        sentences = answerer.sentences(passages)
        if sentences:
            reading = answerer.read(question, sentences, passages)
            chosen = model_scores(sentence_weights, reading.features)
            bonus, confidence = answerer.rules(question, sentences, passages, reading, chosen)
            choice = answerer.pick(question, sentences, passages, chosen + bonus, confidence)
        else:
            reading, bonus, choice = None, np.zeros(0), None
        answer = answerer.phrase(question, passages, choice)
        if q["gold_sentences"]:
            rows.append({
                "id": q["id"], "question": q["question"], "group": q["doc_id"],
                "split": q["split"], "sentences": [s.text for s in sentences],
                "english": q["language"] == "en", "followup": q["turn"] > 1,
                "kind": q["kind"], "features": reading.features if reading else [],
                "offset": bonus, "labels": np.array(
                    [sentence_right(s.text, q["gold_sentences"]) for s in sentences], float)})
        if q["conversation"]:
            history += [{"role": "user", "content": q["question"]},
                        {"role": "assistant", "content": answer.text}]
    return rows


class Fitter:
    """Listwise fits of the sentence ranker over a fixed set of rows (FacQA's and natural's)."""

    def __init__(self, rows: list[dict]) -> None:
        from sklearn.feature_extraction import DictVectorizer

        self.rows = rows
        self.vec = DictVectorizer().fit([f for r in rows for f in r["features"]])
        self.X = [self.vec.transform(r["features"]) if r["features"] else None for r in rows]

    def fit(self, use: list[int], natural_weight: float, start: dict[str, float]
            ) -> dict[str, float]:
        """Weights fitted on rows `use` (those with a gold sentence among their candidates).
        The rules' offsets are in cosine units, the model's raw scores are not: an offset is
        multiplied by the cosine weight of the fit before (first `start`'s; a second fit moves
        the scale by a few per cent, not enough to change the chosen weight)."""
        from scipy import sparse

        use = [i for i in use if self.X[i] is not None and self.rows[i]["labels"].sum() > 0
               and (not self.rows[i]["natural"] or natural_weight > 0)]
        weights = start
        for _ in range(2):
            offset = np.concatenate([self.rows[i]["offset"]
                                     * cosine_scale(weights, self.rows[i]["features"])
                                     for i in use])
            w = fit_listwise(sparse.vstack([self.X[i] for i in use]),
                             [self.X[i].shape[0] for i in use],
                             np.concatenate([self.rows[i]["labels"] / self.rows[i]["labels"].sum()
                                             for i in use]), L2["sentence"],
                             group_weights=np.array([natural_weight if self.rows[i]["natural"]
                                                     else 1.0 for i in use]),
                             offset=offset)
            weights = {n: float(v) for n, v in zip(self.vec.feature_names_, w)}
        return weights

    def right(self, i: int, weights: dict[str, float]) -> float:
        """Whether the sentence the answerer would choose with `weights` is gold."""
        r = self.rows[i]
        if not r["features"]:
            return 0.0
        return float(r["labels"][int(np.argmax(model_scores(weights, r["features"])
                                               + r["offset"]))])


def figures(predictions: dict[int, float], selection: dict[str, list[int]]
            ) -> dict[str, float | None]:
    """The mean of `predictions` (1 right, 0 wrong) over each named selection of rows."""
    return {name: round(float(np.mean([predictions[i] for i in idx])), 4) if idx else None
            for name, idx in selection.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facqa-rows", type=Path, required=True,
                        help="the rows benchmarks/tune_answers.py --save-rows wrote")
    parser.add_argument("--store", help="reuse benchmarks/natural.py's store")
    parser.add_argument("--natural-rows", type=Path, metavar="FILE",
                        help="keep (or reuse, when it exists) the natural turns' rows here")
    parser.add_argument("--learning-curve", type=int, default=0, metavar="N",
                        help="also fit on N random halves of the dev articles and judge each "
                             "on the test half (row level), against all of them")
    parser.add_argument("--write", action="store_true",
                        help="write the final sentence weights to qa/answer/answer_weights.json")
    args = parser.parse_args()

    from qa.answer.extractive import ExtractiveWeights
    from qa.answer.weights import WEIGHTS_FILE, feature_names, learned_weights

    with args.facqa_rows.open("rb") as f:
        facqa = pickle.load(f)
    roles_weight = ExtractiveWeights().roles
    for r in facqa:  # as tune_answers.py's CV: the roles rule is the only fixed rule there
        r["offset"], r["natural"] = roles_weight * r["roles"], False
    # FacQA questions on the natural test half's passages stay out of every fit: the test
    # half's articles must be unseen.
    test_articles = {json.loads(line)["doc_id"] for line in
                     (NATURAL / "questions.jsonl").read_text(encoding="utf-8").splitlines()
                     if json.loads(line)["split"] == "test"}
    held_out = sum(r["group"] in test_articles for r in facqa)
    facqa = [r for r in facqa if r["group"] not in test_articles]
    print(f"{held_out} FacQA questions on natural test articles left out", flush=True)
    # The starting point: FacQA alone. It answers the natural turns' histories and is the
    # baseline, whatever answer_weights.json holds when this runs.
    for r in facqa:
        r["natural"] = False
    start = Fitter(facqa).fit(list(range(len(facqa))), 0.0, learned_weights().sentence)
    if args.natural_rows and args.natural_rows.is_file():
        with args.natural_rows.open("rb") as f:
            natural = pickle.load(f)
    else:
        t0 = time.time()
        natural = natural_rows(natural_assistant(args.store), start)
        print(f"{len(natural)} natural turns read ({time.time() - t0:.0f} s)", flush=True)
        if args.natural_rows:
            with args.natural_rows.open("wb") as f:
                pickle.dump(natural, f)
    for r in natural:
        r["natural"] = True
    rows = facqa + natural
    fitter = Fitter(rows)
    n_facqa = len(facqa)
    dev = [n_facqa + j for j, r in enumerate(natural) if r["split"] == "dev"]
    test = [n_facqa + j for j, r in enumerate(natural) if r["split"] == "test"]
    articles = sorted({rows[i]["group"] for i in dev})
    random.Random(0).shuffle(articles)
    nat_fold = {i: articles.index(rows[i]["group"]) % FOLDS for i in dev}

    def selection(indices: list[int]) -> dict[str, list[int]]:
        out = {}
        for lang, english in (("id", False), ("en", True)):
            for part, follow in (("first", False), ("followups", True)):
                out[f"{lang} {part}"] = [i for i in indices if rows[i]["english"] == english
                                         and rows[i]["followup"] == follow]
        out["all"] = list(indices)
        return out

    def oracle(indices: list[int]) -> dict[int, float]:
        return {i: float(rows[i]["labels"].max()) if len(rows[i]["labels"]) else 0.0
                for i in indices}

    current = start
    report: dict[str, dict] = {"FacQA alone (the start), natural dev": figures(
        {i: fitter.right(i, current) for i in dev}, selection(dev))}
    report["oracle (a gold sentence among those read), natural dev"] = figures(
        oracle(dev), selection(dev))
    facqa_sel = {"FacQA id": [i for i in range(n_facqa) if not rows[i]["english"]],
                 "FacQA en": [i for i in range(n_facqa) if rows[i]["english"]]}
    t0 = time.time()

    def facqa_cv(weight: float) -> dict[str, float | None]:
        predicted = {}
        for k in range(FOLDS):
            w = fitter.fit([i for i in range(n_facqa) if rows[i]["fold"] != k]
                           + (dev if weight else []), weight, current)
            predicted.update({i: fitter.right(i, w) for i in range(n_facqa)
                              if rows[i]["fold"] == k})
        return figures(predicted, facqa_sel)

    allowed = []
    for weight in WEIGHTS:
        predicted = {}
        for k in range(FOLDS):
            w = fitter.fit(list(range(n_facqa)) + [i for i in dev if nat_fold[i] != k], weight,
                           current)
            predicted.update({i: fitter.right(i, w) for i in dev if nat_fold[i] == k})
        report[f"natural weight {weight:g}: natural dev, 5-fold CV by article"] = figures(predicted, selection(dev))
        report[f"natural weight {weight:g}: FacQA 5-fold CV"] = facqa = facqa_cv(weight)
        if weight == 0 or facqa["FacQA id"] >= FACQA_ID_FLOOR:
            allowed.append(weight)
        print(f"weight {weight:g} done ({time.time() - t0:.0f} s)", flush=True)
    # The chosen weight: the most natural dev turns right, cross-validated, among the weights
    # that keep FacQA's Indonesian questions at the floor (English is below its floor
    # with FacQA alone: see the report).
    best = max(allowed, key=lambda w: (report[
        f"natural weight {w:g}: natural dev, 5-fold CV by article"]["all"], -w))
    print(f"chosen natural weight: {best:g}", flush=True)
    final = fitter.fit(list(range(n_facqa)) + dev, best, current)
    # Row-level test figures (histories as FacQA's fit answered): natural.py gives
    # the end-to-end ones.
    report["FacQA alone (the start): natural test (row level)"] = figures(
        {i: fitter.right(i, current) for i in test}, selection(test))
    report[f"final, natural weight {best:g}: natural test (row level)"] = figures(
        {i: fitter.right(i, final) for i in test}, selection(test))
    report["oracle, natural test"] = figures(oracle(test), selection(test))
    if args.learning_curve:
        # Would more natural dev questions help? Half the dev articles against all of them,
        # at the chosen weight, each judged on the test half.
        halves = []
        for seed in range(args.learning_curve):
            half = set(random.Random(seed).sample(articles, len(articles) // 2))
            w = fitter.fit(list(range(n_facqa)) + [i for i in dev if rows[i]["group"] in half],
                           best, current)
            halves.append(figures({i: fitter.right(i, w) for i in test}, selection(test)))
        report[f"learning curve: half the dev articles ({len(articles) // 2} of "
               f"{len(articles)}), mean of {len(halves)}, natural test (row level)"] = {
            k: (round(float(np.mean([h[k] for h in halves])), 3) if halves[0][k] is not None
                else None) for k in halves[0]}
    for name, fig in report.items():
        print(f"{name:66}" + "".join(f"{k:>10} {v!s:<7}" for k, v in fig.items()))
    if args.write:
        data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
        names = feature_names()["sentence"]
        data["sentence"] = {n: round(final.get(n, 0.0), 5) for n in sorted(names)}
        data["fitted_by"] = ("benchmarks/tune_answers.py on facqa/dev.jsonl + "
                             "devsets/facqa-en-dev.jsonl (span); benchmarks/tune_natural.py "
                             f"on those and the natural dev half x{best:g} (sentence)")
        WEIGHTS_FILE.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n",
                                encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE}")
    path = write_result("tune_natural", {"folds": FOLDS, "natural_weights_tried": WEIGHTS,
                                         "chosen_natural_weight": best, "report": report,
                                         "natural_turns": {"dev": len(dev), "test": len(test)},
                                         "facqa_questions": n_facqa})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

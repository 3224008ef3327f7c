"""Fit the offline answerer's two linear rankers on the dev sets: answer spans, then sentences.

Both are listwise (softmax over one question's candidates) linear models fitted with L-BFGS.
The span model is fitted on the sentence of the gold passage that holds the gold answer; the
sentence model on the sentences of the top 5 retrieved passages, with the span model's scores
(out of fold) among its features. Reported figures are 5-fold cross-validated, folds grouped by
passage, on ../shared/data/facqa/dev.jsonl and devsets/facqa-en-dev.jsonl; the final weights are
fitted on all of both and written to qa/answer/answer_weights.json.

    python benchmarks/tune_answers.py [--store DIR] [--save-rows FILE]

--save-rows keeps the sentence model's rows (features, labels, folds) for
benchmarks/tune_natural.py, which refits the sentence model on these and the natural dev half.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.answers import EN_DEV, normalise, token_f1  # noqa: E402
from benchmarks.common import require_data, write_result  # noqa: E402

FOLDS = 5
ORIGINALS = "Indonesian originals of the English"
SPAN_SHARPNESS = 16  # the span target is F1**16: nearly exact spans, partial ones a little
L2 = {"span": 1.0, "sentence": 0.1}  # chosen by the cross-validated figures (see the notes)


def fit_listwise(rows, sizes: list[int], target: np.ndarray, l2: float, *,
                 group_weights: np.ndarray | None = None,
                 offset: np.ndarray | None = None) -> np.ndarray:
    """Weights maximising the log-likelihood of `target` (a distribution over each group's
    candidates, groups stored one after another) under a per-group softmax of rows @ w (plus a
    fixed `offset` per candidate: what rules outside the model add). `group_weights` counts some
    groups more than others (default 1 each)."""
    from scipy import sparse
    from scipy.optimize import minimize

    X = sparse.csr_matrix(rows)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int)
    group = np.repeat(np.arange(len(sizes)), sizes)
    gw = np.ones(len(sizes)) if group_weights is None else np.asarray(group_weights, float)
    target = target * gw[group]
    fixed = np.zeros(X.shape[0]) if offset is None else offset

    def loss(w):
        s = X @ w + fixed
        peak = np.maximum.reduceat(s, starts)
        e = np.exp(s - peak[group])
        z = np.add.reduceat(e, starts)
        logp = s - peak[group] - np.log(z[group])
        return (-(target * logp).sum() + 0.5 * l2 * w @ w,
                X.T @ (gw[group] * e / z[group] - target) + l2 * w)

    return minimize(loss, np.zeros(X.shape[1]), jac=True, method="L-BFGS-B",
                    options={"maxiter": 1000}).x


def gold_sentence(question) -> str | None:
    from qa.sentences import split_sentences

    at = question.passage.find(question.answers[0])
    return next((question.passage[s:e] for s, e in split_sentences(question.passage)
                 if s <= at < e), None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="reuse a store already holding the FacQA articles")
    parser.add_argument("--errors", type=Path, metavar="JSONL",
                        help="also write each question's out-of-fold answer, for error analysis")
    parser.add_argument("--save-rows", type=Path, metavar="FILE",
                        help="keep the sentence rows for benchmarks/tune_natural.py (a pickle)")
    args = parser.parse_args()
    facqa_articles, facqa_dev = require_data("facqa/articles.jsonl", "facqa/dev.jsonl")

    from sklearn.feature_extraction import DictVectorizer

    from ingest.pipeline import Ingestor
    from qa.answer import reading as rd
    from qa.answer import spans as sp
    from qa.answer.weights import feature_names, linear_score
    from qa.assistant import Assistant
    from qa.evaluate import load_questions
    from qa.settings import Settings

    settings = Settings.from_env(store=Path(args.store) if args.store else
                                 Path(tempfile.mkdtemp(prefix="kabar-tune-")) / "facqa")
    if not args.store:
        Ingestor(settings).ingest([str(facqa_articles)], progress=False)
    kb = Assistant(settings=settings)
    answerer = kb.extractive
    if kb.reader.lexicon is None:
        print("no English-Indonesian dictionary: English questions are fitted without glosses")
    indonesian_set = load_questions(facqa_dev)
    questions = indonesian_set + load_questions(EN_DEV)
    # Each question read once, as the answerer reads it; the report groups by file.
    read = [kb.read(q.question) for q in questions]
    english = [r.language.code == "en" for r in read]
    from_facqa = range(len(indonesian_set))  # the rest come from the English dev set

    def glosses_in(question, sentence: str):
        return rd.sentence_glosses(question.glosses, answerer.alignments(question, [sentence]),
                                   1)[0]

    groups = sorted({q.doc_id for q in questions})
    random.Random(0).shuffle(groups)
    fold_of = {g: i % FOLDS for i, g in enumerate(groups)}
    fold = [fold_of[q.doc_id] for q in questions]
    t0 = time.time()

    # ---- spans: candidates of the gold sentence, labelled by token F1 against the gold ------
    span_rows = []
    for q, r in zip(questions, read):
        sentence = gold_sentence(q) if q.passage and q.answers else None
        cands = sp.span_candidates(r, sentence, glosses_in(r, sentence)) if sentence else []
        query = sp.span_query(r)  # the crossing reads only the kind and the language
        span_rows.append(([sp.crossed_features(c, query) for c in cands], cands,
                          np.array([max(token_f1(c.text, a) for a in q.answers) for c in cands])))
    vec = DictVectorizer().fit([f for feats, _, _ in span_rows for f in feats])
    X_span = [vec.transform(feats) if feats else None for feats, _, _ in span_rows]
    print(f"span candidates ready ({time.time() - t0:.0f} s)", flush=True)

    def fit_spans(train: list[int]) -> dict[str, float]:
        from scipy import sparse

        use = [i for i in train if X_span[i] is not None and span_rows[i][2].max() > 0]
        targets = [span_rows[i][2] ** SPAN_SHARPNESS for i in use]
        w = fit_listwise(sparse.vstack([X_span[i] for i in use]),
                         [X_span[i].shape[0] for i in use],
                         np.concatenate([t / t.sum() for t in targets]), L2["span"])
        return {n: float(v) for n, v in zip(vec.feature_names_, w) if abs(v) > 1e-6}

    span_weights = {k: fit_spans([i for i in range(len(questions)) if fold[i] != k])
                    for k in range(FOLDS)}
    span_cv = []  # (question, F1 of the top span, F1 of the chosen (MBR) span, EM chosen)
    for i, (feats, cands, f1) in enumerate(span_rows):
        if not cands:
            span_cv.append((i, 0.0, 0.0, 0.0))
            continue
        for c, f in zip(cands, feats):
            c.score = linear_score(span_weights[fold[i]], f)
        ranked = sorted(range(len(cands)), key=lambda j: -cands[j].score)
        chosen = sp.choose_span([cands[j] for j in ranked])[0]
        span_cv.append((i, f1[ranked[0]], f1[cands.index(chosen)],
                        float(f1[cands.index(chosen)] >= 0.999)))
    print(f"span model cross-validated ({time.time() - t0:.0f} s)", flush=True)

    # ---- sentences of the top passages, with out-of-fold span scores --------------------------
    base = answerer.weights
    per_question = []
    texts: dict[str, int] = {}
    for r in read:
        passages = kb.search(r, k=answerer.weights.passages)
        sentences = answerer.sentences(passages)
        for s in sentences:
            texts.setdefault(s.text, len(texts))
        per_question.append((passages, sentences))
    sentence_vectors = kb.model.encode_document(list(texts), convert_to_numpy=True,
                                                show_progress_bar=False, batch_size=64)
    question_vectors = kb.model.encode_query([q.question for q in questions],
                                             convert_to_numpy=True, show_progress_bar=False,
                                             batch_size=64)
    glossed = {i: r.glossed_text for i, r in enumerate(read) if r.glossed_text}
    glossed_vectors = dict(zip(glossed, kb.model.encode_query(
        list(glossed.values()), convert_to_numpy=True, show_progress_bar=False, batch_size=64)))
    print(f"{len(texts)} sentences encoded ({time.time() - t0:.0f} s)", flush=True)
    sentence_rows = []
    for i, (q, (passages, sentences)) in enumerate(zip(questions, per_question)):
        if not sentences:
            sentence_rows.append(([], np.zeros(0), np.zeros(0), sentences, np.zeros(0)))
            continue
        read[i].vector = question_vectors[i]  # encoded in one batch with the others
        signals = rd.read_sentences(
            read[i], sentences, passages,
            np.array([sentence_vectors[texts[s.text]] for s in sentences]),
            glossed_vectors.get(i), span_weights[fold[i]],
            aligned=answerer.alignments(read[i], [s.text for s in sentences]))
        feats, roles = signals.features, signals.roles
        labels = np.array([any(normalise(a) in normalise(s.text) for a in q.answers)
                           for s in sentences], dtype=float)
        # The confidence formula that chose sentences before this model, as the baseline.
        before = (signals.cosine + base.overlap * signals.overlap + base.roles * roles
                  - base.passage_rank * np.array([s.passage for s in sentences]))
        sentence_rows.append((feats, labels, before, sentences, roles))
    svec = DictVectorizer().fit([f for feats, *_ in sentence_rows for f in feats])
    print(f"sentence features ready ({time.time() - t0:.0f} s)", flush=True)
    if args.save_rows:
        # Only what the sentence model reads: features, labels, the roles rule's agreement, the
        # fold (by passage) and the language; the span scores in the features are out of fold.
        with args.save_rows.open("wb") as f:
            pickle.dump([{"features": feats, "labels": labels, "roles": roles,
                          "fold": fold[i], "group": questions[i].doc_id,
                          "english": english[i], "facqa": i in from_facqa}
                         for i, (feats, labels, _, _, roles) in enumerate(sentence_rows)], f)

    def fit_sentences(train: list[int]) -> dict[str, float]:
        use = [i for i in train if sentence_rows[i][1].sum() > 0]
        w = fit_listwise(svec.transform([f for i in use for f in sentence_rows[i][0]]),
                         [len(sentence_rows[i][0]) for i in use],
                         np.concatenate([sentence_rows[i][1] / sentence_rows[i][1].sum()
                                         for i in use]), L2["sentence"])
        return {n: float(v) for n, v in zip(svec.feature_names_, w)}

    sentence_cv = []  # (question, before: first sentence right, learned: right, end-to-end F1,
    #                     some sentence right)
    answers_cv = []  # one row per question for --errors

    def record(i: int, sentence: str | None, right: bool, span: str | None, f1: float) -> None:
        q = questions[i]
        answers_cv.append({"index": i, "id": q.id, "question": q.question, "answers": q.answers,
                           "english": english[i], "sentence": sentence, "right": right,
                           "span": span, "f1": round(f1, 3)})

    for k in range(FOLDS):
        w = fit_sentences([i for i in range(len(questions)) if fold[i] != k])
        for i, (feats, labels, before, sentences, roles) in enumerate(sentence_rows):
            if fold[i] != k:
                continue
            if not feats:
                sentence_cv.append((i, 0.0, 0.0, 0.0, 0.0))
                record(i, None, False, None, 0.0)
                continue
            # As ExtractiveAnswerer.score: model in cosine units, plus the fixed roles rule.
            best = int(np.argmax(rd.model_scores(w, feats) + base.roles * roles))
            chosen = sp.choose_span(sentences[best].spans or [])
            f1 = max(token_f1(chosen[0].text, a) for a in questions[i].answers) if chosen else 0
            sentence_cv.append((i, labels[int(np.argmax(before))], labels[best], f1,
                                float(labels.max())))
            record(i, sentences[best].text, bool(labels[best]),
                   chosen[0].text if chosen else None, f1)
    print(f"sentence model cross-validated ({time.time() - t0:.0f} s)", flush=True)
    if args.errors:
        args.errors.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in
                                       sorted(answers_cv, key=lambda r: r["index"])),
                               encoding="utf-8")

    # ---- final weights on everything -----------------------------------------------------------
    final_span = fit_spans(list(range(len(questions))))
    # The sentence model keeps learning from out-of-fold span scores (stacking), as it meets
    # them at answer time: spans of questions the span model has not seen.
    final_sentence = fit_sentences(list(range(len(questions))))
    weights_file = Path(sp.__file__).with_name("answer_weights.json")
    weights_file.write_text(json.dumps({
        "fitted_by": "benchmarks/tune_answers.py on facqa/dev.jsonl + devsets/facqa-en-dev.jsonl",
        "sentence": {n: round(v, 5) for n, v in sorted(final_sentence.items())},
        "span": {n: round(v, 5) for n, v in sorted(final_span.items())},
        # Checked at load (qa/answer/weights.py): the code must still make exactly these.
        "features": feature_names(),
    }, indent=1, ensure_ascii=False) + "\n")

    def mean(rows, col, group):
        return round(float(np.mean([r[col] for r in rows if r[0] in group])), 4)

    # The Indonesian questions the English ones translate: the same questions in both
    # languages, so the difference between their columns is what crossing languages costs.
    translated = {(r["source_question"], r["doc_id"])
                  for r in map(json.loads, EN_DEV.read_text(encoding="utf-8").splitlines())}
    groups = {
        "Indonesian": set(from_facqa),
        "English": set(range(len(indonesian_set), len(questions))),
        ORIGINALS: {i for i in from_facqa
                    if (questions[i].question, questions[i].doc_id) in translated},
    }
    report = {}
    for name, group in groups.items():
        report[name] = {
            "n": len(group),
            "gold_sentence_span_F1_top": mean(span_cv, 1, group),
            "gold_sentence_span_F1_chosen": mean(span_cv, 2, group),
            "gold_sentence_span_EM_chosen": mean(span_cv, 3, group),
            "first_sentence_before": mean(sentence_cv, 1, group),
            "first_sentence_learned": mean(sentence_cv, 2, group),
            "first_sentence_oracle": mean(sentence_cv, 4, group),
            "end_to_end_span_F1": mean(sentence_cv, 3, group),
        }
    print(f"\n{'5-fold cross-validated':<34}{'Indonesian':>12}{'English':>10}"
          f"{'their Indonesian originals':>28}")
    for key in report["Indonesian"]:
        print(f"{key:<34}{report['Indonesian'][key]:>12}{report['English'][key]:>10}"
              f"{report[ORIGINALS][key]:>28}")
    path = write_result("tune_answers", {"folds": FOLDS, "l2": L2,
                                         "span_sharpness": SPAN_SHARPNESS, "cv": report,
                                         "span_features": len(final_span),
                                         "sentence_features": len(final_sentence)})
    print(f"wrote {weights_file} and {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

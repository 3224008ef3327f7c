"""Fit retrieval's second stage (qa/rerank.py) and measure it out of sample.

The first stage's top candidates of every dev question (Indonesian facqa/dev.jsonl, English
devsets/facqa-en-dev.jsonl) are read once from a store of the FacQA passages; the linear model
over qa/rerank.py's features is fitted listwise (softmax over one question's candidates, the
gold article's chunks the target). Reported figures are 5-fold cross-validated, folds grouped by
article across both sets (an English question is a translation of an Indonesian one about the
same passage), the L2 strength chosen inside each training fold (nested). The final model,
fitted on all of both with the L2 the whole-set CV prefers, is written to qa/rerank.json.

Kabar's fusion weights were themselves chosen on these questions (benchmarks/tune_fusion.py),
so the first stage's own figures here are in-sample. The whole pipeline is also measured out of
sample: in each fold the fusion weights are re-chosen from tune_fusion.py's grid on the
training questions before the second stage is fitted on them.

With --natural-store (a store holding the natural set's articles among FacQA and IDK-MRC, see
benchmarks/natural.py), the first turns of devsets/natural are also measured: never fitted on,
so out of sample, gold = a chunk holding a gold sentence.

    python benchmarks/tune_rerank.py [--store DIR] [--natural-store DIR] [--write]
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import ROOT, require_data, write_result  # noqa: E402
from benchmarks.tune_answers import fit_listwise  # noqa: E402
from qa.rerank import rerank_order  # noqa: E402

EN_DEV = ROOT / "devsets" / "facqa-en-dev.jsonl"
NATURAL = ROOT / "devsets" / "natural" / "questions.jsonl"
FOLDS = 5
DEPTH = 20  # candidates re-read, as qa/rerank.json's depth
L2_GRID = (0.001, 0.01, 0.1, 1.0)


def normalise(text: str) -> str:
    return " ".join(text.lower().split())


class Row:
    """One question's first-stage candidates and their second-stage features."""

    def __init__(self, name: str, group: str, gold: np.ndarray, features: np.ndarray) -> None:
        self.set, self.group, self.gold, self.features = name, group, gold, features


@dataclass
class Asked:
    """One question's whole first-stage candidate set (both sides' top 50, before fusion), so
    that rows can be rebuilt under other fusion weights."""

    set: str
    group: str  # the gold article (the CV folds' unit)
    ids: list[str]
    texts: list[str]
    gold: np.ndarray  # per candidate
    dense: np.ndarray
    lexical: np.ndarray
    in_dense: np.ndarray
    in_lexical: np.ndarray
    coverage: float
    unglossed: bool
    kind: object
    terms: object


def collect(kb, questions: list[tuple[str, str, object]], docs: dict[str, tuple]
            ) -> list[Asked]:
    """Per question (set name, text, gold test on (chunk id, text, metadata)), the first
    stage's candidates as qa/retrieve.py gathers them."""
    from qa.fusion import Fusion

    retriever = kb.retriever
    out = []
    for name, text, is_gold in questions:
        question = kb.read(text)
        c = retriever._candidates(question, question.query_vector, None, Fusion.KABAR)
        ids = list(c.ids)
        gold = np.array([is_gold(i, *docs[i]) for i in ids], dtype=float)
        group = next((docs[i][1].get("article_id", i) for i, g in zip(ids, gold) if g), text)
        out.append(Asked(name, str(group), ids, [docs[i][0] for i in ids], gold, c.dense,
                         c.lexical, c.in_dense, c.in_lexical, c.coverage,
                         retriever.unglossed(question), question.kind,
                         kb.lexical.query_terms(retriever.lexical_query(question), c.view)))
    return out


def rows_for(asked: list[Asked], weights, tokenize, depth: int = DEPTH) -> list[Row]:
    """The rows qa/retrieve.py would re-rank under these fusion weights: each question's best
    `depth` fused candidates and their features."""
    from qa.fusion import Fusion, fuse, lexical_trust
    from qa.rerank import candidate_features

    rows = []
    for a in asked:
        fused = fuse(Fusion.KABAR, a.dense, a.lexical, in_dense=a.in_dense,
                     in_lexical=a.in_lexical, coverage=a.coverage, english=a.unglossed,
                     weights=weights)
        order = np.argsort(-fused, kind="stable")[:depth]
        features = candidate_features(
            a.terms, a.kind, [a.texts[i] for i in order], tokenize, fused=fused[order],
            dense=a.dense[order], lexical=a.lexical[order], in_dense=a.in_dense[order],
            in_lexical=a.in_lexical[order],
            lexical_trust=lexical_trust(a.coverage, a.unglossed, weights))
        rows.append(Row(a.set, a.group, a.gold[order], features))
    return rows


def fusion_grid():
    """benchmarks/tune_fusion.py's grid of Kabar's fusion weights."""
    from qa.fusion import FusionWeights

    return [FusionWeights(lexical=lex, english_factor=enf, min_coverage=minc)
            for lex, enf, minc in itertools.product((0.05, 0.1, 0.15, 0.2, 0.3, 0.5),
                                                    (0.0, 0.25, 0.5, 1.0), (0.0, 0.3, 0.5))]


def first_stage_figure(asked: list[Asked], weights) -> float:
    """tune_fusion.py's criterion for fusion weights on these questions: Indonesian R@5 +
    MRR@10 + twice English R@5 of the first stage's order."""
    from qa.fusion import Fusion, fuse

    found: dict[str, list[tuple[float, float]]] = {}
    for a in asked:
        fused = fuse(Fusion.KABAR, a.dense, a.lexical, in_dense=a.in_dense,
                     in_lexical=a.in_lexical, coverage=a.coverage, english=a.unglossed,
                     weights=weights)
        hits = np.flatnonzero(a.gold[np.argsort(-fused, kind="stable")] > 0)
        rank = int(hits[0]) + 1 if len(hits) else 10**6
        found.setdefault(a.set, []).append((rank <= 5, 1 / rank if rank <= 10 else 0))
    r5 = {k: np.mean([h[0] for h in v]) for k, v in found.items()}
    mrr = {k: np.mean([h[1] for h in v]) for k, v in found.items()}
    return float(r5["id"] + mrr["id"] + 2 * r5["en"])


def pipeline_cv(asked: list[Asked], tokenize) -> tuple[dict, dict, list]:
    """The whole of retrieval out of sample: in each fold the fusion weights are chosen from
    tune_fusion.py's grid on the training questions, then the second stage (its L2 by an inner
    CV) is fitted on them; both are scored on the held-out questions."""
    fold = folds(asked)
    first: list[Row | None] = [None] * len(asked)
    scores: list[np.ndarray] = [np.zeros(0)] * len(asked)
    chosen = []
    for f in range(FOLDS):
        train = [a for a, g in zip(asked, fold) if g != f]
        weights = max(fusion_grid(), key=lambda w: first_stage_figure(train, w))
        rows = rows_for(asked, weights, tokenize)
        training = [r for r, g in zip(rows, fold) if g != f]
        l2 = best_l2(training)
        model = fit(training, l2)
        chosen.append({"lexical": weights.lexical, "english_factor": weights.english_factor,
                       "min_coverage": weights.min_coverage, "l2": l2})
        for n in np.flatnonzero(fold == f):
            first[n], scores[n] = rows[n], rows[n].features @ model
    return metrics(first, None), metrics(first, scores), chosen


def metrics(rows: list[Row], scores: list[np.ndarray] | None) -> dict[str, dict[str, float]]:
    """R@1, R@5, MRR@10 of the first gold candidate, per set (scores None: first-stage order).
    A question whose gold is not among the candidates counts as a miss."""
    out: dict[str, list[tuple[float, float, float]]] = {}
    for n, row in enumerate(rows):
        order = np.arange(len(row.gold)) if scores is None else rerank_order(scores[n])
        hits = np.flatnonzero(row.gold[order] > 0)
        rank = int(hits[0]) + 1 if len(hits) else 10**6
        out.setdefault(row.set, []).append((rank <= 1, rank <= 5, 1 / rank if rank <= 10 else 0))
    return {name: {"n": len(v), "R@1": round(float(np.mean([x[0] for x in v])), 4),
                   "R@5": round(float(np.mean([x[1] for x in v])), 4),
                   "MRR@10": round(float(np.mean([x[2] for x in v])), 4)}
            for name, v in out.items()}


def fit(rows: list[Row], l2: float) -> np.ndarray:
    rows = [r for r in rows if r.gold.sum() > 0]  # no gold among the candidates: nothing to learn
    return fit_listwise(np.vstack([r.features for r in rows]), [len(r.gold) for r in rows],
                        np.concatenate([r.gold / r.gold.sum() for r in rows]), l2)


def folds(rows: list[Row], seed: int = 0) -> np.ndarray:
    groups = sorted({r.group for r in rows})
    fold_of = dict(zip(np.random.default_rng(seed).permutation(groups),
                       np.arange(len(groups)) % FOLDS))
    return np.array([fold_of[r.group] for r in rows])


def cross_validated(rows: list[Row], l2: float | None) -> tuple[list[np.ndarray], list[float]]:
    """Out-of-fold scores; l2 None: chosen per training fold by an inner CV (nested)."""
    fold = folds(rows)
    scores: list[np.ndarray] = [np.zeros(0)] * len(rows)
    chosen = []
    for f in range(FOLDS):
        train = [r for r, g in zip(rows, fold) if g != f]
        strength = l2 if l2 is not None else best_l2(train)
        chosen.append(strength)
        w = fit(train, strength)
        for n in np.flatnonzero(fold == f):
            scores[n] = rows[n].features @ w
    return scores, chosen


def mean_figure(result: dict[str, dict[str, float]]) -> float:
    return float(np.mean([m["R@5"] + m["MRR@10"] for m in result.values()]))


def best_l2(rows: list[Row]) -> float:
    """The L2 strength of L2_GRID whose cross-validated R@5 + MRR@10 (mean over sets) is best."""
    return max(L2_GRID, key=lambda l2: mean_figure(metrics(rows, cross_validated(rows, l2)[0])))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="reuse a store holding the FacQA passages")
    parser.add_argument("--natural-store", help="a store holding the natural set's articles")
    parser.add_argument("--write", action="store_true", help="write qa/rerank.json")
    args = parser.parse_args()
    facqa_articles, facqa_dev = require_data("facqa/articles.jsonl", "facqa/dev.jsonl")

    from qa.assistant import Assistant
    from qa.evaluate import load_questions
    from qa.rerank import FEATURES, MODEL_FILE
    from qa.settings import Settings

    store = args.store
    if not store:
        from ingest.pipeline import Ingestor
        from qa.embeddings import load_embedding_model

        store = tempfile.mkdtemp(prefix="kabar-rerank-")
        settings = Settings.from_env(store=store)
        model = load_embedding_model(settings.model, cache_dir=settings.cache_dir,
                                     encoder=settings.encoder)
        Ingestor(settings, model=model).ingest([str(facqa_articles)], progress=False)
    t0 = time.time()
    kb = Assistant(settings=Settings.from_env(store=store), rerank=False)
    got = kb.store.collection.get(include=["documents", "metadatas"])
    docs = {i: (d, m or {}) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])}

    def by_article(doc_id: str):
        return lambda chunk_id, text, meta: meta.get("article_id") == doc_id

    questions = [("id", q.question, by_article(q.doc_id)) for q in load_questions(facqa_dev)]
    questions += [("en", q.question, by_article(q.doc_id)) for q in load_questions(EN_DEV)]
    tokenize = functools.lru_cache(maxsize=None)(kb.lexical.tokenize)
    asked = collect(kb, questions, docs)
    rows = rows_for(asked, kb.retriever.weights, tokenize)
    print(f"{len(rows)} questions read ({time.time() - t0:.0f} s)", flush=True)

    first = metrics(rows, None)
    nested, chosen = cross_validated(rows, None)
    cv = metrics(rows, nested)
    l2 = best_l2(rows)
    weights = fit(rows, l2)
    in_sample = metrics(rows, [r.features @ weights for r in rows])
    whole_first, whole_rerank, per_fold = pipeline_cv(asked, tokenize)
    print(f"pipeline cross-validated ({time.time() - t0:.0f} s)", flush=True)
    result = {"depth": DEPTH, "folds": FOLDS, "l2_grid": list(L2_GRID),
              "l2_chosen_per_fold": chosen, "l2": l2, "features": list(FEATURES),
              "weights": dict(zip(FEATURES, np.round(weights, 4).tolist())),
              "pipeline_cv_chosen_per_fold": per_fold,
              "facqa": {"first stage, shipped fusion weights (in-sample)": first,
                        "first stage, fusion weights cross-validated": whole_first,
                        "rerank, cross-validated (shipped fusion weights)": cv,
                        "rerank, fusion and rerank cross-validated": whole_rerank,
                        "rerank, in-sample": in_sample}}

    if args.natural_store:
        natural = Assistant(settings=Settings.from_env(store=args.natural_store), rerank=False)
        got = natural.store.collection.get(include=["documents", "metadatas"])
        ndocs = {i: (d, m or {}) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])}
        asked = [json.loads(line) for line in NATURAL.read_text(encoding="utf-8").splitlines()]
        asked = [q for q in asked if q["turn"] == 1 and q["gold_sentences"]]

        def holds(gold: list[str]):
            wanted = [normalise(g) for g in gold]
            return lambda chunk_id, text, meta: any(g in normalise(text) for g in wanted)

        nasked = collect(natural, [(f"natural {q['split']} {q['language']}", q["question"],
                                    holds(q["gold_sentences"])) for q in asked], ndocs)
        nrows = rows_for(nasked, natural.retriever.weights,
                         functools.lru_cache(maxsize=None)(natural.lexical.tokenize))
        result["natural"] = {"first stage": metrics(nrows, None),
                             "rerank (never fitted on these)":
                                 metrics(nrows, [r.features @ weights for r in nrows])}

    print(f"\nSecond stage over the first stage's top {DEPTH}; L2 {l2} "
          f"(nested choice per fold: {chosen})")
    for block in ("facqa", "natural"):
        for method, by_set in result.get(block, {}).items():
            for name, m in sorted(by_set.items()):
                print(f"{method:50} {name:22} n={m['n']:5} R@1 {m['R@1']:.4f} "
                      f"R@5 {m['R@5']:.4f} MRR@10 {m['MRR@10']:.4f}")
    path = write_result("tune_rerank", result)
    print(f"wrote {path}")
    if args.write:
        MODEL_FILE.write_text(json.dumps(
            {"depth": DEPTH, "features": list(FEATURES), "l2": l2,
             "fitted_on": "facqa/dev.jsonl + devsets/facqa-en-dev.jsonl, all questions",
             "written_by": "python benchmarks/tune_rerank.py --write",
             "weights": result["weights"]}, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Grid search of fusion settings on the dev sets only (facqa/dev.jsonl, devsets/facqa-en-dev.jsonl).

Collects each question's candidates with both scores once, then scores fusion variants offline.

    python benchmarks/tune_fusion.py --store DIR_WITH_FACQA [--stemming]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import ROOT, require_data, write_result  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", required=True)
    parser.add_argument("--stemming", action="store_true")
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    (facqa_dev,) = require_data("facqa/dev.jsonl")

    from qa.assistant import Assistant
    from qa.evaluate import load_questions
    from qa.fusion import Fusion, FusionWeights, fuse
    from qa.lexical import LexicalIndex
    from qa.settings import Settings

    kb = Assistant(settings=Settings.from_env(store=args.store))
    if args.stemming:
        kb.lexical = LexicalIndex(kb.store, directory=Path(args.store) / "kabar-lexical" / "kabar",
                                  stemming=True)
        kb.lexical.refresh(wait=True)
        kb.retriever.lexical = kb.lexical
    sets = {"id": load_questions(facqa_dev), "en": load_questions(ROOT / "devsets/facqa-en-dev.jsonl")}
    cache = {}
    for name, qs in sets.items():
        rows = []
        for q in qs[:args.limit]:
            question = kb.read(q.question)
            c = kb.retriever._candidates(question, question.query_vector, None, Fusion.KABAR)
            art = [i.split("::")[0] for i in c.ids]
            rows.append((c, c.coverage, kb.retriever.unglossed(question), art, q.doc_id))
        cache[name] = rows

    def score(name, strategy, weights):
        r5, mrr = [], []
        for c, cov, en, art, gold in cache[name]:
            s = fuse(strategy, c.dense, c.lexical, in_dense=c.in_dense, in_lexical=c.in_lexical,
                     coverage=cov, english=en, weights=weights)
            ranking = list(dict.fromkeys(art[i] for i in np.argsort(-s, kind="stable")))
            rank = ranking.index(gold) + 1 if gold in ranking else 99
            r5.append(rank <= 5)
            mrr.append(1 / rank if rank <= 10 else 0)
        return round(float(np.mean(r5)), 4), round(float(np.mean(mrr)), 4)

    out = {}
    for strategy in (Fusion.DENSE, Fusion.LEXICAL, Fusion.RRF):
        out[strategy.value] = {n: score(n, strategy, FusionWeights()) for n in cache}
        print(strategy.value, out[strategy.value], flush=True)
    grid = []
    for lex, enf, minc in itertools.product((0.05, 0.1, 0.15, 0.2, 0.3, 0.5),
                                            (0.0, 0.25, 0.5, 1.0), (0.0, 0.3, 0.5)):
        w = FusionWeights(lexical=lex, english_factor=enf, min_coverage=minc)
        res = {n: score(n, Fusion.KABAR, w) for n in cache}
        grid.append(({"lexical": lex, "english_factor": enf, "min_coverage": minc}, res))
    grid.sort(key=lambda g: -(g[1]["id"][0] + g[1]["id"][1] + 2 * g[1]["en"][0]))
    for g in grid[:10]:
        print(g)
    write_result("tune_fusion" + ("_stem" if args.stemming else ""),
                 {"baselines": out, "grid_top": grid[:20]})
    return 0


if __name__ == "__main__":
    sys.exit(main())

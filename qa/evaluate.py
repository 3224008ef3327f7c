"""Retrieval quality on a question set: recall, MRR and nDCG of the gold article, and latency."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from qa.documents import Passage
from qa.languages import detect

DEPTH = 20


@dataclass
class Question:
    question: str
    doc_id: str
    answers: list[str] = field(default_factory=list)
    id: str = ""
    passage: str = ""  # the gold passage, where the set gives it


def load_questions(path: str | Path) -> list[Question]:
    """Questions in the schema of facqa/dev.jsonl: question, answers, doc_id (id optional)."""
    out = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                out.append(Question(question=row["question"], doc_id=row["doc_id"],
                                    answers=list(row.get("answers") or []),
                                    id=str(row.get("id", lineno)),
                                    passage=str(row.get("passage") or "")))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{lineno}: not a question record ({exc}); expected "
                                 '{"question": ..., "doc_id": ..., "answers": [...]}') from None
    return out


def article_ranking(passages: list[Passage]) -> list[str]:
    """Article ids in order of their best passage (several chunks of one article count once)."""
    return list(dict.fromkeys(p.article_id for p in passages))


def rank_metrics(ranking: list[str], gold: str) -> dict[str, float]:
    rank = ranking.index(gold) + 1 if gold in ranking else None
    return {
        "R@1": float(rank is not None and rank <= 1),
        "R@5": float(rank is not None and rank <= 5),
        "R@20": float(rank is not None and rank <= 20),
        "MRR@10": 1.0 / rank if rank and rank <= 10 else 0.0,
        "nDCG@10": 1.0 / math.log2(rank + 1) if rank and rank <= 10 else 0.0,
    }


def evaluate(search: Callable[[str], list[Passage]], questions: list[Question],
             *, progress: bool | None = None) -> dict:
    """Run every question through `search` (depth DEPTH) and average the metrics per language."""
    from tqdm import tqdm

    rows: dict[str, list[dict[str, float]]] = {}
    latencies: list[float] = []
    for q in tqdm(questions, desc="Evaluating", disable=None if progress is None else not progress,
                  leave=False):
        t0 = time.perf_counter()
        passages = search(q.question)
        latencies.append((time.perf_counter() - t0) * 1000)
        rows.setdefault(detect(q.question).code, []).append(
            rank_metrics(article_ranking(passages), q.doc_id))
    result: dict = {"questions": len(questions), "by_language": {}}
    for lang, metrics in rows.items():
        if metrics:
            result["by_language"][lang] = {"n": len(metrics), **{
                k: round(float(np.mean([m[k] for m in metrics])), 4) for k in metrics[0]}}
    all_rows = [m for code in sorted(rows) for m in rows[code]]
    if all_rows:
        result["all"] = {k: round(float(np.mean([m[k] for m in all_rows])), 4)
                         for k in all_rows[0]}
    result["latency_ms"] = {"p50": round(float(np.percentile(latencies, 50)), 2),
                            "p95": round(float(np.percentile(latencies, 95)), 2)} \
        if latencies else {}
    return result

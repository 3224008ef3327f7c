"""Retrieval's second stage: the first stage's best candidates re-scored from their text.

The first stage (qa/retrieve.py, qa/fusion.py) ranks chunks by two scores. Most of its misses
are ordering inside its top 20 (docs/retrieval.md), so this stage re-reads the top `depth`
candidates and scores each with a linear model over cheap features:

- the first stage's own scores and rank (the lexical one as far as the fusion trusts it);
- how much of the question's IDF-weighted words the chunk holds, in all and in its best
  sentence, and whether it holds the question's rare words (a name, a term);
- whether it holds what the question asks for: a date for "kapan"/"when", a number for
  "berapa"/"how many".

The weights are fitted by benchmarks/tune_rerank.py (listwise, cross-validated by article on the
dev sets) and kept in qa/rerank.json. Sentence and token similarities from the same encoder were
measured as features too and left out: they cost an encoder pass per candidate sentence for
+0.002 R@5 (docs/retrieval.md).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from qa.answer.kinds import AnswerKind
from qa.languages import LANGUAGES
from qa.lexical import QueryTerms
from qa.sentences import split_sentences

MODEL_FILE = Path(__file__).with_name("rerank.json")
FEATURES = ("fused", "dense", "lexical", "reciprocal_rank", "log_rank", "in_both", "held",
            "held_in_sentence", "rare_all", "rare_share", "date", "number")
# The features in the first stage's score units: the rerank score is divided by their weights,
# so a passage's score keeps the scale the answerer's passage_gap feature was fitted on.
SCORE_UNITS = ("fused", "dense")
FIRST_KEPT_WITHIN = 2  # the first stage's best is never placed lower than this (rerank_order)

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1)
def _months() -> re.Pattern:
    names = sorted({m.lower() for pack in LANGUAGES for m in pack.months}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b", re.I)


class RerankMismatch(RuntimeError):
    """rerank.json was fitted on other features than the code makes."""


@dataclass(frozen=True)
class RerankModel:
    """A fitted second stage: how many candidates it re-reads, and its features' weights."""

    depth: int
    weights: dict[str, float]

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> RerankModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        if sorted(data.get("features", [])) != sorted(FEATURES):
            raise RerankMismatch(f"{path} was fitted on other features than qa/rerank.py makes; "
                                 "refit with python benchmarks/tune_rerank.py")
        return cls(depth=int(data["depth"]), weights={k: float(v) for k, v in data["weights"].items()})

    def vector(self) -> np.ndarray:
        return np.array([self.weights.get(name, 0.0) for name in FEATURES])

    def scores(self, features: np.ndarray) -> np.ndarray:
        """One score per candidate, in first-stage score units (see SCORE_UNITS)."""
        unit = sum(self.weights.get(name, 0.0) for name in SCORE_UNITS)
        return features @ self.vector() / (unit if unit > 0 else 1.0)


@lru_cache(maxsize=1)
def default_model() -> RerankModel:
    return RerankModel.load()


def candidate_features(query: QueryTerms, kind: AnswerKind, texts: Sequence[str],
                       tokenize: Callable[[str], list[str]], *, fused: np.ndarray,
                       dense: np.ndarray, lexical: np.ndarray, in_dense: np.ndarray,
                       in_lexical: np.ndarray, lexical_trust: float) -> np.ndarray:
    """One row of FEATURES per candidate, the candidates in first-stage order (best first).

    Scores are taken relative to the best candidate's, so a row reads the same in a store of a
    thousand chunks and of a million. The lexical side counts as far as the fusion trusts it
    (qa.fusion.lexical_trust): BM25's best match of an English question that no dictionary
    glossed is one stray word ("Jakarta"), not evidence."""
    n = len(texts)
    top_lexical = float(lexical.max()) if n and lexical.max() > 0 else 1.0
    total = float(query.idf.sum()) or 1.0
    rows = np.zeros((n, len(FEATURES)))
    for k, text in enumerate(texts):
        have = np.zeros(len(query.terms), bool)
        best_sentence = 0.0
        if query.terms:
            tokens = set(tokenize(text))
            have = np.array([t in tokens for t in query.terms])
            for start, end in split_sentences(text):
                words = set(tokenize(text[start:end]))
                held = np.array([t in words for t in query.terms])
                best_sentence = max(best_sentence, float(query.idf[held].sum()) / total)
        rare = query.rare
        rows[k] = (
            fused[k] - fused[0],
            dense[k] - dense.max(),
            lexical[k] / top_lexical * lexical_trust,
            1.0 / (1 + k),
            np.log1p(k),
            float(in_dense[k] and in_lexical[k]) * lexical_trust,
            float(query.idf[have].sum()) / total,
            best_sentence,
            float(have[rare].all()) if rare.any() else 1.0,
            float(have[rare].mean()) if rare.any() else 0.0,
            float(kind is AnswerKind.DATE and bool(_YEAR.search(text) or _months().search(text))),
            float(kind in (AnswerKind.NUMBER, AnswerKind.DURATION) and bool(_DIGIT.search(text))),
        )
    return rows


def rerank_order(scores: np.ndarray) -> np.ndarray:
    """The candidates' positions, best first by `scores`, except that the first stage's best
    (position 0) is placed no lower than FIRST_KEPT_WITHIN: the second stage may move it down,
    never out of a search for that many or more. A fixed place, not "within k", so that a
    search for fewer passages returns the first ones of a search for more."""
    order = np.argsort(-scores, kind="stable")
    place = int(np.flatnonzero(order == 0)[0]) if len(order) else 0
    if place >= FIRST_KEPT_WITHIN:
        order = np.insert(np.delete(order, place), FIRST_KEPT_WITHIN - 1, 0)
    return order

"""How dense and lexical scores of the same candidates become one ranking.

Each strategy is a function of the candidates' two score arrays; choose one by name.
`kabar` (the default) adds the normalised scores, giving the lexical side a weight that shrinks
with the question's coverage (how much of it occurs in the corpus at all) and with an English
question over Indonesian text that no dictionary glossed, where BM25 finds little; measured in
docs/retrieval.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np

RRF_K = 60  # the constant of Cormack et al. (2009)


class Fusion(str, Enum):
    """The available ways to rank candidates."""

    DENSE = "dense"
    LEXICAL = "lexical"
    RRF = "rrf"  # reciprocal rank fusion of both lists, equal votes
    KABAR = "kabar"  # coverage-weighted sum of normalised scores


@dataclass(frozen=True)
class FusionWeights:
    """Tuned on the dev sets (facqa/dev.jsonl and devsets/facqa-en-dev.jsonl) only."""

    lexical: float = 0.1  # weight of the lexical side at full coverage
    # Lexical weight multiplier for an English question that could not be glossed in
    # Indonesian (qa/lexicon.py); a glossed one counts as Indonesian.
    english_factor: float = 0.25
    min_coverage: float = 0.3  # below this coverage the lexical side gets no vote


def _ranks(scores: np.ndarray, present: np.ndarray) -> np.ndarray:
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores), dtype=np.float64)
    ranks[order] = np.arange(1, len(scores) + 1)
    return np.where(present, ranks, np.inf)


def lexical_trust(coverage: float, english: bool, weights: FusionWeights = FusionWeights()
                  ) -> float:
    """How far Kabar's fusion trusts the lexical side for a question, 0 to 1: its coverage, none
    below min_coverage, less for a question in another language that no dictionary glossed."""
    trust = coverage if coverage >= weights.min_coverage else 0.0
    return trust * weights.english_factor if english else trust


def fuse(strategy: Fusion, dense: np.ndarray, lexical: np.ndarray, *,
         in_dense: np.ndarray, in_lexical: np.ndarray, coverage: float, english: bool,
         weights: FusionWeights = FusionWeights()) -> np.ndarray:
    """One score per candidate (higher is better).

    dense: cosine similarities; lexical: BM25 scores; in_dense/in_lexical: whether a candidate
    was in that side's own top list (rank fusion only counts those)."""
    if strategy is Fusion.DENSE:
        return dense.astype(np.float64)
    if strategy is Fusion.LEXICAL:
        return lexical.astype(np.float64)
    if strategy is Fusion.RRF:
        return (1.0 / (RRF_K + _ranks(dense, in_dense))
                + 1.0 / (RRF_K + _ranks(lexical, in_lexical)))
    weight = weights.lexical * lexical_trust(coverage, english, weights)
    top_lexical = float(lexical.max()) if len(lexical) else 0.0
    lexical_n = lexical / top_lexical if top_lexical > 0 else np.zeros_like(lexical)
    # Dense cosine stays on its own scale (e5 scores sit in ~0.7-0.9); lexical is scaled to
    # [0, 1] by the best BM25 score, so the weight reads as "how much one perfect lexical match
    # is worth in cosine".
    return dense.astype(np.float64) + weight * lexical_n

"""The fitted weights of the offline answerer (sentence choice, answer span), read once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Written by benchmarks/tune_answers.py, which fits both linear models on the dev sets.
WEIGHTS_FILE = Path(__file__).with_name("answer_weights.json")


@dataclass(frozen=True)
class LearnedWeights:
    """Feature name -> weight of the two linear rankers."""

    sentence: dict[str, float]
    span: dict[str, float]


@lru_cache(maxsize=1)
def learned_weights() -> LearnedWeights:
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    return LearnedWeights(sentence=data["sentence"], span=data["span"])


def linear_score(weights: dict[str, float], features: dict[str, float]) -> float:
    """Sum of weight * value; features the model never saw count for nothing."""
    return sum(weights.get(name, 0.0) * value for name, value in features.items())

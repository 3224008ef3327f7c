"""The fitted weights of the offline answerer (sentence choice, answer span), read once and
checked against the features the code makes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Written by benchmarks/tune_answers.py, which fits both linear models on the dev sets.
WEIGHTS_FILE = Path(__file__).with_name("answer_weights.json")


class WeightsMismatch(RuntimeError):
    """answer_weights.json was fitted on other features than the code makes."""


@dataclass(frozen=True)
class LearnedWeights:
    """Feature name -> weight of the two linear rankers."""

    sentence: dict[str, float]
    span: dict[str, float]


def feature_names() -> dict[str, list[str]]:
    """Per model, every feature the code can make, in a stable order (saved with the weights)."""
    from qa.answer.reading import sentence_feature_names
    from qa.answer.spans import span_feature_names

    return {"sentence": sentence_feature_names(), "span": span_feature_names()}


def check_features(data: dict, path: Path | str = WEIGHTS_FILE) -> None:
    """Refuse weights fitted on other features than the code makes: a renamed feature would
    otherwise lose its weight silently (a missing name scores 0)."""
    made = feature_names()
    for model in ("sentence", "span"):
        fitted = data.get("features", {}).get(model)
        if fitted is None:
            raise WeightsMismatch(f"{path}: no list of the {model} model's features; refit "
                                  "with python benchmarks/tune_answers.py")
        problems = []
        if gone := sorted(set(fitted) - set(made[model])):
            problems.append(f"fitted on features the code no longer makes: {', '.join(gone[:8])}")
        if new := sorted(set(made[model]) - set(fitted)):
            problems.append(f"not fitted on features the code now makes: {', '.join(new[:8])}")
        if orphans := sorted(set(data[model]) - set(fitted)):
            problems.append(f"weights for unlisted features: {', '.join(orphans[:8])}")
        if problems:
            raise WeightsMismatch(f"{path}: the {model} model was {'; '.join(problems)}. "
                                  "Refit with python benchmarks/tune_answers.py.")


@lru_cache(maxsize=1)
def learned_weights() -> LearnedWeights:
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    check_features(data)
    return LearnedWeights(sentence=data["sentence"], span=data["span"])


def linear_score(weights: dict[str, float], features: dict[str, float]) -> float:
    """Sum of weight * value; a feature without a weight (fitted to zero) counts for nothing."""
    return sum(weights.get(name, 0.0) * value for name, value in features.items())

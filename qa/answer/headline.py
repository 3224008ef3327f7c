"""Whether the answer shows a headline: the bold span above the quote, only when it is likely right.

A wrong headline ("Korsel" for "What did Campbell tell Kim Hong-kyun?") is worse than none, so
a span is shown only for a question whose kind asks for one (who, when, where, how many, which:
`KindRow.asks_span`) and only when a calibrated probability that it is right clears a threshold.
The probability is a logistic model of a few signals of the answer; its coefficients and
threshold are fitted on the natural dev set by `benchmarks/natural.py --calibrate` and kept in
headline.json beside this module.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from qa.answer.spans import SpanCandidate, choose_span
from qa.question import Question

CALIBRATION_FILE = Path(__file__).with_name("headline.json")

# The signals the probability reads, in the order headline.json lists them.
FEATURES = (
    "span_expected_f1",  # the span model's expected overlap of its chosen span with the answer
    "span_typed",  # the span has the shape its kind asks for (a date for "when")
    "sentence_margin",  # how far the quoted sentence's score leads the next one (cosine units)
    "confidence",  # the answer's confidence (the similarity abstention reads)
    "cross_lingual",  # asked in another language than the articles' (spans are found less well)
)


class CalibrationMismatch(RuntimeError):
    """headline.json was fitted on other signals than the code reads."""


@dataclass(frozen=True)
class HeadlineCalibration:
    """P(right) = logistic(intercept + sum coefficient * feature); shown when >= threshold."""

    intercept: float
    coefficients: dict[str, float]
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.coefficients[n] * features[n] for n in FEATURES)
        return 1.0 / (1.0 + math.exp(-z))

    @classmethod
    def from_dict(cls, data: dict) -> HeadlineCalibration:
        """From headline.json's contents; refused when fitted on other signals."""
        if list(data["features"]) != list(FEATURES):
            raise CalibrationMismatch(
                f"{CALIBRATION_FILE}: fitted on {data['features']}, the code reads "
                f"{list(FEATURES)}; recalibrate with python benchmarks/natural.py --calibrate")
        return cls(intercept=data["intercept"],
                   coefficients=dict(zip(data["features"], data["coefficients"])),
                   threshold=data["threshold"])


@lru_cache(maxsize=1)
def calibration() -> HeadlineCalibration:
    return HeadlineCalibration.from_dict(json.loads(CALIBRATION_FILE.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Headline:
    """The best span of the quoted sentence and whether it is shown above the quote."""

    text: str | None  # the span model's choice inside the quote (None: no candidate)
    features: dict[str, float]
    probability: float  # calibrated probability that the span is right; 0 when not asked for
    shown: bool


def headline(question: Question, spans: list[SpanCandidate], sentence_margin: float,
             confidence: float, calibrated: HeadlineCalibration | None = None) -> Headline:
    """The quoted sentence's best span and whether to show it, given its ranked `spans`."""
    chosen = choose_span(spans)
    if chosen is None:
        return Headline(None, {}, 0.0, False)
    span, expected = chosen
    row = question.kind_row
    features = {
        "span_expected_f1": expected,
        "span_typed": float(bool(row.typed_feature and span.features.get(row.typed_feature))),
        "sentence_margin": sentence_margin,
        "confidence": confidence,
        "cross_lingual": float(question.language.feature_prefix != ""),
    }
    if not row.asks_span:
        return Headline(span.text, features, 0.0, False)
    calibrated = calibrated or calibration()
    p = calibrated.probability(features)
    return Headline(span.text, features, p, p >= calibrated.threshold)

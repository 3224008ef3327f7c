"""The span features, read from running counts over the sentence's tokens, and the span score,
summed per feature: checked by hand on one sentence, and against the crossed features."""

from __future__ import annotations

import math

import pytest

from qa.answer.kinds import KINDS
from qa.answer.spans import crossed_features, rank_spans, span_candidates, span_query
from qa.answer.weights import learned_weights, linear_score
from qa.question import read_question

SENTENCE = ("JAKARTA - Rapat partai itu berlangsung selama 45 menit di Gedung DPR, kata Ketua "
            "DPR Puan Maharani.")


def spans_of(question: str) -> dict[str, dict[str, float]]:
    return {c.text: c.features for c in span_candidates(read_question(question), SENTENCE)}


def test_span_features_by_hand():
    spans = spans_of("Berapa lama rapat partai di Gedung DPR berlangsung?")
    # A number and its unit of time count only when both are inside the span.
    assert spans["45 menit"]["time_unit"] == 1.0 and spans["45"]["time_unit"] == 0.0
    assert spans["selama 45 menit"]["time_unit"] == 1.0
    assert spans["45"]["starts_with_digit"] == 1.0
    assert spans["selama 45 menit"]["starts_with_digit"] == 0.0
    assert spans["selama 45 menit"]["has_digit"] == 1.0
    assert spans["selama 45 menit"]["lower_case"] == 0.0  # it has a digit
    # The dateline, before its dash, and the first token.
    jakarta = spans["JAKARTA"]
    assert jakarta["in_dateline"] == 1.0 and jakarta["sentence_start"] == 1.0
    assert jakarta["no_match_left"] == 1.0 and jakarta["left_distance"] == 3.0
    # "selama" matches "lama" by its stem, right before "45"; "itu" is no match.
    assert spans["45"]["left_distance"] == pytest.approx(math.log1p(1))
    assert spans["45 menit"]["left_distance"] == pytest.approx(math.log1p(1))
    assert spans["45"]["matches_left_3"] == pytest.approx(2 / 3)
    gedung = spans["Gedung DPR"]
    assert gedung["left=di"] == 1.0 and gedung["right_comma"] == 1.0
    assert gedung["all_question_words"] == 1.0
    assert gedung["question_words_inside"] == pytest.approx(2 / 3)
    assert gedung["capitalised_share"] == 1.0 and gedung["is_name"] == 1.0
    puan = spans["Puan Maharani"]
    assert puan["no_match_right"] == 1.0 and puan["right_distance"] == 3.0
    assert puan["right_closes"] == 1.0 and puan["left_after_wh"] == 1.0  # after "DPR"


def test_heads_are_read_around_and_inside_the_span():
    # "partai" and "rapat" are the nouns beside the question word: "Partai apa ... rapat".
    spans = spans_of("Partai apa yang rapat di Gedung DPR?")
    assert spans["Rapat partai"]["ends_with_head"] == 1.0
    assert spans["Rapat"]["starts_with_head"] == 1.0 and spans["Rapat"]["head_after"] == 1.0
    # "partai" is two tokens before "berlangsung", three before "selama".
    assert spans["berlangsung"]["head_before"] == 1.0 and spans["berlangsung"]["has_head"] == 0
    assert spans["selama 45 menit"]["head_before"] == 0.0
    assert spans["selama 45 menit"]["has_head"] == 0.0


@pytest.mark.parametrize("question", [
    "Berapa lama rapat partai di Gedung DPR berlangsung?",
    "How long did the party meeting at the DPR building last?",  # crossed with "en:"
])
def test_the_span_score_is_the_crossed_features_linear_score(question):
    read = read_question(question)
    weights = learned_weights().span
    ranked = rank_spans(read, SENTENCE, weights)
    q = span_query(read)
    row = KINDS[q.kind]
    assert len(ranked) > 50
    for c in ranked:
        penalty = row.penalty if (row.required_feature
                                  and not c.features.get(row.required_feature)) else 0.0
        assert c.score == pytest.approx(
            linear_score(weights, crossed_features(c, q)) - penalty, abs=1e-12)

"""The fitted weights carry the names of their features, and a mismatch is refused
(qa/answer/weights.py): a renamed feature must not silently lose its weight."""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest

from qa.answer.reading import Sentence, passage_sentences, read_sentences
from qa.answer.spans import crossed_features, rank_spans, span_query
from qa.answer.weights import WEIGHTS_FILE, WeightsMismatch, check_features, feature_names
from qa.documents import Passage
from qa.question import read_question


def test_the_shipped_weights_match_the_code():
    check_features(json.loads(WEIGHTS_FILE.read_text(encoding="utf-8")))


@pytest.mark.parametrize("model", ["sentence", "span"])
def test_a_renamed_feature_is_refused(model):
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    renamed = copy.deepcopy(data)
    name = next(iter(renamed[model]))
    renamed["features"][model] = [n if n != name else n + "_old" for n in
                                  renamed["features"][model]]
    renamed[model][name + "_old"] = renamed[model].pop(name)
    with pytest.raises(WeightsMismatch, match=rf"{model} model.*{name}.*tune_answers"):
        check_features(renamed, "answer_weights.json")
    unlisted = copy.deepcopy(data)
    del unlisted["features"]
    with pytest.raises(WeightsMismatch, match="no list"):
        check_features(unlisted)


TEXTS = ["Wakil Menteri Luar Negeri AS, Kurt Campbell, mengatakan kepada mitranya dari Korsel, "
         "Kim Hong-kyun, bahwa 45 menit pertemuan pada 17 Oktober 2023 (Selasa) membahas rudal.",
         "Harga cabai naik menjadi Rp 80.000 per kilogram di Pasar Beringharjo, Yogyakarta.",
         "The Kremlin spokesman, Dmitry Peskov, said relations with North Korea were growing."]
QUESTIONS = ["Berapa lama pertemuan itu?", "Kapan Campbell bertemu Kim?",
             "Who said relations were growing?", "How much does chili cost in Yogyakarta?",
             "Partai apakah yang menang?", "Why did the price rise?"]


def test_every_feature_the_code_makes_is_named():
    names = feature_names()
    passages = [Passage(article_id=str(i), chunk_id=f"{i}::0", title="", text=t,
                        score=1 - i / 10) for i, t in enumerate(TEXTS)]
    sentences = passage_sentences(passages)
    for text in QUESTIONS:
        question = read_question(text)
        for s in sentences:
            for c in rank_spans(question, s.text):
                assert set(crossed_features(c, span_query(question))) <= set(names["span"])
        # Any vectors will do: the names, not the values, are checked. A glossed vector makes
        # the cross-lingual "glossed_cosine" appear too.
        question.vector = np.ones(4) / 2
        fresh = [Sentence(s.passage, s.start, s.end, s.text) for s in sentences]
        reading = read_sentences(question, fresh, passages, np.ones((len(fresh), 4)),
                                 np.ones(4) / 2)
        for features in reading.features:
            assert set(features) <= set(names["sentence"]), text

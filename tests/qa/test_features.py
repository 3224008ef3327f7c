"""What the two rankers read: a sentence's neighbours, rare question words, and question words
inside joined tokens."""

from __future__ import annotations

import numpy as np

from qa.answer.reading import (Sentence, SentenceScores, read_sentences, sentence_features,
                               word_signals)
from qa.answer.spans import span_candidates
from qa.documents import Passage
from qa.question import read_question


def test_a_sentence_reads_its_neighbours_in_its_own_passage_only():
    # Two sentences of passage 0, then one of passage 1.
    sentences = [Sentence(0, 0, 10, "Graham Clifford ditangkap polisi Medan."),
                 Sentence(0, 11, 30, "Darinya disita 0,1 gram sabu."),
                 Sentence(1, 0, 20, "Harga beras naik di Pasar Sentral.")]
    cosine, overlap = np.array([0.9, 0.7, 0.6]), np.array([0.5, 0.1, 0.0])
    first, second, other = sentence_features(
        read_question("Berapa sabu yang disita dari Graham Clifford?"), sentences,
        SentenceScores(cosine, overlap, overlap, [1.0, 0.5]))
    assert "has_prev" not in first and first["has_next"] == 1.0
    assert first["next_overlap"] == 0.1 and np.isclose(first["next_cosine"], -0.2)
    assert second["has_prev"] == 1.0 and "has_next" not in second
    assert second["prev_overlap"] == 0.5 and np.isclose(second["prev_cosine"], 0.2)
    assert not {"has_prev", "has_next", "prev_overlap", "next_overlap"} & set(other)


def test_english_questions_get_their_own_copy_of_the_neighbour_features():
    sentences = [Sentence(0, 0, 10, "Graham Clifford ditangkap."),
                 Sentence(0, 11, 20, "Disita sabu.")]
    overlap = np.array([0.5, 0.0])
    first, _ = sentence_features(read_question("How much meth was seized from Graham Clifford?"),
                                 sentences, SentenceScores(np.array([0.9, 0.8]), overlap,
                                                           overlap, [1.0]))
    assert first["en:has_next"] == 1.0 and first["en:next_overlap"] == 0.0


def test_a_question_word_inside_a_joined_token_counts():
    # "9P/Tempel" is one token of the sentence; the question names "Tempel".
    question = read_question("How heavy was the impactor NASA fired into comet 9P/Tempel 1?")
    sentence = "NASA menembakkan impaktor seberat 362 kilogram ke komet 9P/Tempel 1."
    spans = {c.text: c for c in span_candidates(question, sentence)}
    assert spans["9P/Tempel 1"].features["question_words_inside"] > 0
    assert spans["362 kilogram"].features["question_words_inside"] == 0


def test_a_rare_question_word_counts_more_than_one_most_sentences_share():
    # "kota" is in three of the four sentences, "Incheon" in one: plain overlap cannot tell the
    # first two apart, the rarity-weighted one prefers the sentence naming Incheon.
    question = read_question("Kota Incheon terletak di negara mana?")  # kota, incheon, ...
    texts = ["Kejuaraan Asia Atletik digelar di Incheon, Korea Selatan.",
             "Warga kota itu menyambut para atlet.",
             "Kota Manila menjadi tuan rumah SEA Games.",
             "Jalan di kota macet setiap pagi."]
    sentences = [Sentence(passage, 0, len(t), t) for passage, t in zip((0, 0, 1, 2), texts)]
    signals = word_signals(question, sentences, [()] * 4)
    assert signals.overlap[0] == signals.overlap[1] == 0.25
    # Each word weighs log(1 + n / (1 + m)), n = 4 sentences read, m = those holding it.
    weights = {"incheon": np.log(3), "kota": np.log(2), "terletak": np.log(5),
               "negara": np.log(5)}
    assert np.isclose(signals.rare_overlap[0], weights["incheon"] / sum(weights.values()))
    assert np.isclose(signals.rare_overlap[1], weights["kota"] / sum(weights.values()))
    # The ranker reads it: read_sentences hands it to the features.
    passages = [Passage(article_id=str(i), chunk_id=str(i), title="", text="", score=1 - i / 10)
                for i in range(3)]
    question.vector = np.zeros(3)
    features = read_sentences(question, sentences, passages, np.zeros((4, 3)), None).features
    assert [f["rare_overlap"] for f in features] == list(signals.rare_overlap)

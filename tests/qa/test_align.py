"""Word alignment by the embedding model's token vectors: the real model, real sentences."""

from __future__ import annotations

import numpy as np
import pytest

from qa.answer.align import WordAligner, merge_glosses
from qa.answer.extractive import ExtractiveAnswerer
from qa.answer.reading import Sentence, word_signals
from qa.question import read_question
from qa.answer.spans import rank_spans
from qa.documents import Passage

QUESTION = "Who led the search team after the plane crashed in Venezuela?"
# From a FacQA passage (Kompas), shortened.
ANSWERING = ("Mayor Javier Perez Pacheco memimpin tim pencari setelah pesawat Kolombia jatuh di "
             "Venezuela.")
UNRELATED = "Harga beras di Pasar Sentral Medan naik menjelang Lebaran."


@pytest.fixture(scope="module")
def aligner(model) -> WordAligner:
    found = WordAligner.for_model(model)
    assert found is not None  # the default model is a Hugging Face encoder with a fast tokenizer
    return found


def test_the_default_model_is_read_at_two_thirds_of_its_depth(aligner):
    assert aligner.layer == 8  # multilingual-e5-small: 12 layers


def test_words_no_dictionary_knows_are_aligned_with_their_translations(aligner):
    (aligned,) = aligner.align(QUESTION, [ANSWERING])
    found = dict(aligned)
    assert found["plane"] == {"pesawat"}
    assert found["team"] == {"tim"}
    assert "venezuela" in found["venezuela"]


def test_only_content_words_are_aligned(aligner):
    (aligned,) = aligner.align(QUESTION, [ANSWERING])
    assert not {"who", "the", "after", "in"} & {w for w, _ in aligned}
    assert not {"di", "setelah"} & {t for _, forms in aligned for t in forms}


def test_an_unrelated_sentence_aligns_fewer_words(aligner):
    related, unrelated = aligner.align(QUESTION, [ANSWERING, UNRELATED])
    assert len(unrelated) < len(related)
    assert "pesawat" not in {t for _, forms in unrelated for t in forms}


def test_batches_give_the_same_alignment_as_single_sentences(aligner):
    together = aligner.align(QUESTION, [ANSWERING, UNRELATED, ANSWERING], batch_size=2)
    alone = aligner.align(QUESTION, [ANSWERING])[0]
    assert together[0] == together[2] == alone
    assert together[1] == aligner.align(QUESTION, [UNRELATED])[0]


def test_merge_adds_aligned_words_to_the_dictionary_glosses():
    glosses = (("forest", frozenset({"hutan"})), ("plane", frozenset()))
    aligned = (("plane", frozenset({"pesawat"})), ("team", frozenset({"tim"})))
    assert merge_glosses(glosses, aligned) == (
        ("forest", frozenset({"hutan"})), ("plane", frozenset({"pesawat"})),
        ("team", frozenset({"tim"})))
    assert merge_glosses(glosses, ()) is glosses


def test_aligned_words_count_as_shared_words_without_a_dictionary(model):
    answerer = ExtractiveAnswerer(model)
    sentences = [Sentence(0, 0, len(t), t) for t in (ANSWERING, UNRELATED)]
    question = read_question(QUESTION)  # no dictionary
    aligned = answerer.alignments(question, [s.text for s in sentences])
    assert aligned is not None
    plain = word_signals(question, sentences, [()] * 2).overlap
    with_alignment = word_signals(question, sentences, aligned).overlap
    assert with_alignment[0] > plain[0]
    assert with_alignment[0] > with_alignment[1]


def test_indonesian_questions_are_not_aligned(model):
    answerer = ExtractiveAnswerer(model)
    assert answerer.alignments(read_question("Siapa yang memimpin tim pencari?"),
                               [ANSWERING]) is None


def test_a_model_without_a_hugging_face_encoder_gets_no_aligner():
    assert WordAligner.for_model(object()) is None


def test_one_pass_gives_the_models_own_sentence_vectors(model, aligner):
    # The answerer takes an English question's sentence vectors from the aligner's pass instead
    # of a second encode_document: they must be the same vectors.
    assert aligner.mean_pooled
    texts = [ANSWERING, UNRELATED, "Pendek."]
    vectors, aligned = aligner.encode_and_align(QUESTION, texts, batch_size=2)
    expected = model.encode_document(texts, convert_to_numpy=True, show_progress_bar=False)
    assert vectors.shape == expected.shape
    assert np.allclose(vectors, expected, atol=1e-5)
    assert aligned == aligner.align(QUESTION, texts)


def test_the_answerer_reads_spans_with_the_aligned_words(model):
    # Without a dictionary an English question shares only "Venezuela" with the sentence; the
    # span features must also see the aligned "tim", "pesawat", "jatuh" around the answer.
    answerer = ExtractiveAnswerer(model)
    question = read_question(QUESTION)  # no dictionary
    passage = Passage(article_id="a", chunk_id="a:0", title="", text=ANSWERING, score=1.0)
    sentences = answerer.sentences([passage])
    answerer.score(question, sentences, [passage])
    plain = rank_spans(question, sentences[0].text)

    def window(spans):
        return max(c.features["window_matches"] for c in spans)

    assert window(sentences[0].spans) > window(plain)
